import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { EntityRows, groupedLoader } from '../loaders';
import type { DepartmentLoaders, DepartmentModel } from './department.types';
import { RegistryLookup } from './registry.client';

/**
 * The loader factory: per-request DataLoaders over the kit's tables (one `WHERE uscc = ANY(...)` per
 * field per request), the department rule's facts, the registry lookup, and the department's own
 * loaders merged in. Created per request, so batching and caching never cross callers.
 */
export function createDepartmentLoaders<L extends object>(
  model: DepartmentModel,
  db: DataSource,
  own?: (db: DataSource) => L,
): DepartmentLoaders & L {
  const { Rating, FollowUp, Flag, Licence, risk } = model;
  const loaders: DepartmentLoaders = {
    ratings: groupedLoader(
      (k: readonly string[]) => EntityRows.of(db, Rating).whereAny('uscc', k, [['year', 'DESC']]),
      (r) => r.uscc,
    ),
    followUps: groupedLoader(
      (k: readonly string[]) =>
        EntityRows.of(db, FollowUp).whereAny('uscc', k, [['openedOn', 'DESC'], 'id']),
      (f) => f.uscc,
    ),
    flags: groupedLoader(
      (k: readonly string[]) => EntityRows.of(db, Flag).whereAny('uscc', k, ['flag']),
      (f) => f.uscc,
    ),
    licences: groupedLoader(
      (k: readonly string[]) =>
        EntityRows.of(db, Licence).whereAny('uscc', k, [['issuedOn', 'DESC'], 'id']),
      (l) => l.uscc,
    ),
    riskFacts: new DataLoader<string, unknown>(
      async (k) => {
        if (!risk) return k.map(() => undefined);
        const facts = await risk.facts(db, [...new Set(k)]);
        return k.map((u) => facts.get(u));
      },
      { maxBatchSize: 5000 },
    ),
    registry: new RegistryLookup(),
  };
  return Object.assign(loaders, own?.(db));
}
