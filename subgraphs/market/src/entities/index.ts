import { departmentModel } from '@jih/kit/department';
import { marketDepartment } from '../market.config';
import { listingRiskRule } from '../services/listing-risk.service';

export * from './listing.entity';

/** The kit's tables and types for market regulation, generated from market.config.ts, with its listing rule. */
export const market = departmentModel(marketDepartment, { risk: listingRiskRule });
