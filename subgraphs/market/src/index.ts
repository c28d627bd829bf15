import { departmentSubgraph } from '@jih/kit/department';
import { MarketListing, market } from './entities';
import { createMarketLoaders } from './loaders/market.loader';
import { marketMigrations } from './migrations';
import { MarketListingResolver, MarketProfileListingsResolver } from './resolvers/listing.resolver';
import { marketSeed } from './seed/market.seed';

/** Market regulation (市场监管): credit-risk ratings, the abnormal and serious-violation lists, cases; `Enterprise.market`. */
export const marketSubgraph = departmentSubgraph(market, {
  migrations: marketMigrations,
  seed: marketSeed,
  entities: [MarketListing],
  resolvers: [MarketListingResolver, MarketProfileListingsResolver],
  loaders: createMarketLoaders,
});
