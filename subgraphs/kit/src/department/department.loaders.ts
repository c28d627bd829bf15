import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { anyOf, groupedLoader } from '../loaders';
import type { DepartmentLoaders, DepartmentModel } from './department.types';
import { RegistryLookup } from './registry.client';

/**
 * The loader factory: per-request DataLoaders over the kit's tables (one `WHERE uscc = ANY(...)` per
 * field per request), the department rule's facts, the registry lookup, and the department's own
 * loaders merged in. Created per request, so batching and caching never cross callers.
 */
export function createDepartmentLoaders<L extends object>(model: DepartmentModel, db: DataSource, own?: (db: DataSource) => L): DepartmentLoaders & L {
  const { Rating, FollowUp, Flag, Licence, risk } = model;
  const keys = (k: readonly string[]) => ({ uscc: anyOf(k) });
  const loaders: DepartmentLoaders = {
    ratings: groupedLoader((k: readonly string[]) => db.getRepository(Rating).find({ where: keys(k), order: { year: 'DESC' } }), (r) => r.uscc),
    followUps: groupedLoader((k: readonly string[]) => db.getRepository(FollowUp).find({ where: keys(k), order: { openedOn: 'DESC', id: 'ASC' } }), (f) => f.uscc),
    flags: groupedLoader((k: readonly string[]) => db.getRepository(Flag).find({ where: keys(k), order: { flag: 'ASC' } }), (f) => f.uscc),
    licences: groupedLoader((k: readonly string[]) => db.getRepository(Licence).find({ where: keys(k), order: { issuedOn: 'DESC', id: 'ASC' } }), (l) => l.uscc),
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
