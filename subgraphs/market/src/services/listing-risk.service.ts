import { IsNull } from 'typeorm';
import { anyOf } from '@jih/kit';
import type { RiskRule } from '@jih/kit/department';
import { ListingKind, MarketListing } from '../entities/listing.entity';

/**
 * Market regulation's rule on top of its rating → risk mapping: being on a list now outweighs the
 * yearly classification. On the serious-violation list: class D. On the business-abnormal list: at
 * least class C. Off both lists: the class of the latest credit-risk rating.
 */
export const listingRiskRule: RiskRule<MarketListing[]> = {
  async facts(db, usccs) {
    const current = await db
      .getRepository(MarketListing)
      .find({ where: { uscc: anyOf(usccs), removedOn: IsNull() }, order: { listedOn: 'ASC' } });
    const byUscc = new Map<string, MarketListing[]>();
    for (const l of current) byUscc.set(l.uscc, [...(byUscc.get(l.uscc) ?? []), l]);
    return byUscc;
  },
  adjust(fromRating, current = []) {
    const serious = current.find((l) => l.kind === ListingKind.SERIOUS_VIOLATION);
    if (serious)
      return {
        riskClass: 'D',
        basis: `列入严重违法失信名单（${serious.listedOn}）（market SERIOUS_VIOLATION）`,
      };
    const abnormal = current.find((l) => l.kind === ListingKind.ABNORMAL_OPERATION);
    if (abnormal && (!fromRating || fromRating.riskClass < 'C')) {
      return {
        riskClass: 'C',
        basis: `列入经营异常名录（${abnormal.listedOn}）（market ABNORMAL_OPERATION）`,
      };
    }
    return fromRating;
  },
};
