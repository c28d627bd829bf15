import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, type PageInfo } from '@jih/kit';
import { addYears, changeRecord, pageById, requireNotBefore } from '@jih/kit/department';
import { ListingKind, MarketListing } from '../entities/listing.entity';

/** Years on the serious-violation list before credit repair may take an enterprise off it (严重违法失信名单管理办法 第十九条). */
export const SERIOUS_VIOLATION_MIN_YEARS = 1;

/** Which listings to read; the USCC is checked by the caller. All given conditions must hold. */
export interface ListingFilter {
  kind?: ListingKind | null;
  /** true: only entries in force; false: only removed ones. */
  current?: boolean | null;
  uscc?: string | null;
}

/** An entry to put on a list, its fields checked and trimmed by the caller. */
export interface NewListing {
  uscc: string;
  kind: ListingKind;
  reason: string;
  decisionNo: string;
  listedOn: string;
  listedBy: string;
}

/** How an entry is taken off its list. */
export interface ListingRemoval {
  removedOn: string;
  reason: string;
  removedBy: string;
}

/** One page of listings for a filter, in id order (keyset by id). */
export function listingPage(
  db: DataSource,
  f: ListingFilter,
  page: { first: number; after?: string | null },
): Promise<{ nodes: MarketListing[]; pageInfo: PageInfo }> {
  const qb = db.getRepository(MarketListing).createQueryBuilder('l');
  if (f.kind) qb.andWhere('l.kind = :kind', { kind: f.kind });
  if (f.current != null)
    qb.andWhere(f.current ? 'l.removed_on IS NULL' : 'l.removed_on IS NOT NULL');
  if (f.uscc) qb.andWhere('l.uscc = :uscc', { uscc: f.uscc });
  return pageById(qb, page);
}

/** The listing entry with this id, or null when there is none. */
export function findListing(db: DataSource, id: string): Promise<MarketListing | null> {
  return db.getRepository(MarketListing).findOneBy({ id });
}

/** Puts an enterprise on a list inside the caller's transaction; returns the stored entry. Already on that list: CONFLICT. */
export async function addListing(tx: EntityManager, values: NewListing): Promise<MarketListing> {
  if (
    await tx.existsBy(MarketListing, { uscc: values.uscc, kind: values.kind, removedOn: IsNull() })
  ) {
    throw new ConflictError(`Enterprise ${values.uscc} is already on the ${values.kind} list`, {
      uscc: values.uscc,
    });
  }
  return tx.save(
    tx.create(MarketListing, {
      uscc: values.uscc,
      kind: values.kind,
      reason: values.reason,
      decisionNo: values.decisionNo,
      listedOn: values.listedOn,
      removedOn: null,
      removalReason: null,
      listedBy: values.listedBy,
      removedBy: null,
    }),
  );
}

/**
 * Takes an entry off its list, keeping it, inside the caller's transaction under a row lock; returns
 * the saved entry. Removed already: CONFLICT; before the day of listing, or a serious-violation
 * entry within SERIOUS_VIOLATION_MIN_YEARS of listing: BAD_USER_INPUT.
 */
export function removeListing(
  tx: EntityManager,
  id: string,
  removal: ListingRemoval,
): Promise<MarketListing> {
  const { removedOn } = removal;
  return changeRecord(tx, MarketListing, id, 'market listing', (l) => {
    if (l.removedOn)
      throw new ConflictError(`Listing ${l.id} was already removed on ${l.removedOn}`);
    requireNotBefore(removedOn, l.listedOn, 'input.removedOn', 'the day of listing');
    const earliest = addYears(l.listedOn, SERIOUS_VIOLATION_MIN_YEARS);
    if (l.kind === ListingKind.SERIOUS_VIOLATION && removedOn < earliest) {
      throw new BadUserInputError(
        `A serious-violation entry may be removed from ${earliest} (${SERIOUS_VIOLATION_MIN_YEARS} year after listing) at the earliest, not ${removedOn}`,
        { argument: 'input.removedOn' },
      );
    }
    Object.assign(l, { removedOn, removalReason: removal.reason, removedBy: removal.removedBy });
  });
}
