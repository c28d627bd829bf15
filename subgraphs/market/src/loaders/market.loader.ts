import type { DataSource } from 'typeorm';
import { EntityRows, groupedLoader } from '@jih/kit';
import { MarketListing } from '../entities';

/** Market regulation's own per-request loaders, beside the kit's. */
export function createMarketLoaders(db: DataSource) {
  return {
    /** Every listing of an enterprise, newest first. */
    listings: groupedLoader(
      (k: readonly string[]) =>
        EntityRows.of(db, MarketListing).whereAny('uscc', k, [['listedOn', 'DESC'], 'id']),
      (l) => l.uscc,
    ),
  };
}

export type MarketLoaders = ReturnType<typeof createMarketLoaders>;
