import type { DataSource } from 'typeorm';
import { buildFederatedSchema } from '../federation';
import type { SubgraphModule } from '../subgraph';
import { createDepartmentLoaders } from './department.loaders';
import { departmentIsEmpty, seedDepartment, type DepartmentSeedRules } from './department.seed';
import type { DepartmentLoaders, DepartmentModel } from './department.types';
import { validateDepartmentInput } from './input.validation';

/** What a department adds to the kit's model: its migrations and demo rules, and its own tables, resolvers and loaders. */
export interface DepartmentParts<L extends object> {
  /** `kitMigrations(code)` followed by the department's generated migrations. */

  migrations: Function[];
  seed?: DepartmentSeedRules;

  entities?: Function[];

  resolvers?: Function[];
  loaders?: (db: DataSource) => L;
}

/**
 * The start-up of a department subgraph: a `SubgraphModule` named by the department code, owning the
 * PostgreSQL schema of that name, so `subgraphs/run.ts <code>`, composition, `npm start`'s seeding
 * and the tests treat it like any other subgraph.
 */
export function departmentSubgraph<L extends object = object>(
  model: DepartmentModel,
  parts: DepartmentParts<L>,
): SubgraphModule<DepartmentLoaders & L> {
  const { def } = model;
  return {
    name: def.code,
    dbSchema: def.code,
    buildSchema: () =>
      buildFederatedSchema(
        {
          resolvers: [...model.resolvers, ...(parts.resolvers ?? [])] as [Function, ...Function[]],
          // Reachable only through field types otherwise; the stub must be in the schema for its @key.
          orphanedTypes: [model.Enterprise],
          validateFn: validateDepartmentInput,
        },
        // Every enterprise has a profile here: the fields say what this department holds on it.
        { Enterprise: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) } },
      ),
    entities: [...model.entities, ...(parts.entities ?? [])],
    migrations: parts.migrations,
    createLoaders: (db) => createDepartmentLoaders(model, db, parts.loaders),
    seed: (db, opts) => seedDepartment(model, db, opts, parts.seed),
    isEmpty: departmentIsEmpty,
  };
}
