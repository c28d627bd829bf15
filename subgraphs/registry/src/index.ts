import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, type SubgraphContext, type SubgraphModule } from '@jih/kit';
import { registryEntities } from './entities';
import { createRegistryLoaders, type RegistryLoaders } from './loaders/registry.loader';
import { registryMigrations } from './migrations';
import { CheckItemResolver } from './resolvers/check-item.resolver';
import { DepartmentResolver } from './resolvers/department.resolver';
import { EnterpriseConnectionResolver, EnterpriseResolver } from './resolvers/enterprise.resolver';
import { InspectorResolver } from './resolvers/inspector.resolver';
import { SupervisionResolver } from './resolvers/supervision.resolver';
import { frameRoutes } from './services/frame.routes';
import { registryIsEmpty, seedRegistry } from './seed/registry.seed';

type Ctx = SubgraphContext<RegistryLoaders>;

/** Builds the registry's federated schema; entity references resolve through per-request loaders. */
export function buildRegistrySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        EnterpriseResolver,
        EnterpriseConnectionResolver,
        DepartmentResolver,
        CheckItemResolver,
        InspectorResolver,
        SupervisionResolver,
      ],
    },
    {
      Enterprise: {
        __resolveReference: (ref: { uscc: string }, ctx: Ctx) =>
          ctx.loaders.enterprise.load(ref.uscc),
      },
      Department: {
        __resolveReference: (ref: { code: string }, ctx: Ctx) =>
          ctx.loaders.department.load(ref.code),
      },
      CheckItem: {
        __resolveReference: (ref: { code: string }, ctx: Ctx) =>
          ctx.loaders.checkItem.load(ref.code),
      },
      Inspector: {
        __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.inspector.load(ref.id),
      },
    },
  );
}

/** The shared entity registry: enterprises, departments, check items, inspectors, tags, lists, policies. */
export const registrySubgraph: SubgraphModule<RegistryLoaders> = {
  name: 'registry',
  dbSchema: 'registry',
  buildSchema: buildRegistrySchema,
  entities: registryEntities,
  migrations: registryMigrations,
  createLoaders: createRegistryLoaders,
  routes: frameRoutes,
  seed: seedRegistry,
  isEmpty: registryIsEmpty,
};
