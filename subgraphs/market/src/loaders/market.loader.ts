import type { DataSource } from 'typeorm';
import { anyOf, groupedLoader } from '../../../kit/src';
import { MarketListing } from '../entities';

/** Market regulation's own per-request loaders, beside the kit's. */
export function createMarketLoaders(db: DataSource) {
  return {
    /** Every listing of an enterprise, newest first. */
    listings: groupedLoader(
      (k: readonly string[]) => db.getRepository(MarketListing).find({ where: { uscc: anyOf(k) }, order: { listedOn: 'DESC', id: 'ASC' } }),
      (l) => l.uscc,
    ),
  };
}

export type MarketLoaders = ReturnType<typeof createMarketLoaders>;
