import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { UUID, decodeCursor, toPage, type PageArgs, type PageInfo } from '@jih/kit';

/** A UUID as ids and id cursors of this subgraph are. */
export { UUID };

/**
 * One keyset page of a filtered query, ordered by `alias.id`: rows after the cursor (which must
 * match `cursor`, else BAD_USER_INPUT), `first + 1` fetched to tell whether another page follows.
 */
export async function pageById<T extends ObjectLiteral & { id: string | number }>(
  qb: SelectQueryBuilder<T>, alias: string, args: PageArgs, cursor: RegExp = UUID,
): Promise<{ nodes: T[]; pageInfo: PageInfo }> {
  const after = decodeCursor(args.after, cursor);
  if (after) qb.andWhere(`${alias}.id > :after`, { after });
  const rows = await qb.orderBy(`${alias}.id`, 'ASC').limit(args.first + 1).getMany();
  return toPage(rows, args.first, (r) => String(r.id));
}
