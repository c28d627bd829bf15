import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { UUID, decodeCursor, toPage, type PageInfo } from '@jih/kit';

/** Which page of a list to read: `first` rows after the opaque `after` cursor. */
export interface PageRequest {
  first: number;
  after?: string | null;
}

/**
 * One keyset page of a filtered query, ordered by `alias.id`: rows after the cursor (which must
 * match `cursor`, else BAD_USER_INPUT), `first + 1` fetched to tell whether another page follows.
 */
export async function pageById<T extends ObjectLiteral & { id: string | number }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  args: PageRequest,
  cursor: RegExp = UUID,
): Promise<{ nodes: T[]; pageInfo: PageInfo }> {
  const after = decodeCursor(args.after, cursor);
  if (after) qb.andWhere(`${alias}.id > :after`, { after });
  const rows = await qb
    .orderBy(`${alias}.id`, 'ASC')
    .limit(args.first + 1)
    .getMany();
  return toPage(rows, args.first, (r) => String(r.id));
}
