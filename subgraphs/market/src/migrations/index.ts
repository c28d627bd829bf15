import { kitMigrations } from '@jih/kit/department';
import { MarketListings1795443595383 } from './1795443595383-MarketListings';

/** The market schema's migrations, in order: the kit's tables, then the listings. Generate new ones with `npm run migration:generate -- market <Name>`. */
export const marketMigrations = [...kitMigrations('market'), MarketListings1795443595383];
