import { departmentSubgraph } from '@jih/kit/department';
import { tax } from './entities';
import { taxMigrations } from './migrations';
import { taxSeed } from './seed/tax.seed';

/** Tax (税务): credit ratings, key taxpayers, follow-up of tax findings; `Enterprise.tax`. */
export const taxSubgraph = departmentSubgraph(tax, { migrations: taxMigrations, seed: taxSeed });
