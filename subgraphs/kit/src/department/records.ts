import { ArgsType, Field, ObjectType, type ClassType } from 'type-graphql';
import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../errors';
import { Connection, PageArgs, decodeCursor, toPage, type PageInfo } from '../pagination';
import { UUID } from '../validation';

/*
 * Record helpers shared by every department list and every "close this record" mutation
 * (follow-ups closed, licences revoked, the market's listings removed).
 */

/** One keyset page of records with a UUID id: `first + 1` rows after the cursor in id order, one statement. */
export async function pageById<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  args: { first: number; after?: string | null },
): Promise<{ nodes: T[]; pageInfo: PageInfo }> {
  const alias = qb.alias;
  const after = decodeCursor(args.after, UUID);
  if (after) qb.andWhere(`${alias}.id > :after`, { after });
  const rows = await qb
    .orderBy(`${alias}.id`, 'ASC')
    .limit(args.first + 1)
    .getMany();
  return toPage(rows, args.first, (r) => r.id);
}

/**
 * Locks one record by id inside the transaction, lets `change` check and modify it (throwing a
 * client error to refuse), and saves it. NOT_FOUND names `what` when there is no such record.
 */
export async function changeRecord<T extends ObjectLiteral & { id: string }>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  what: string,
  change: (record: T) => void,
): Promise<T> {
  const record = await tx.findOne(entity, {
    where: { id } as never,
    lock: { mode: 'pessimistic_write' },
  });
  if (!record) throw new NotFoundError(`No ${what} ${id}`, { id });
  change(record);
  return tx.save(record);
}

export interface ListArgsShape<F> {
  first: number;
  after?: string | null;
  filter?: F | null;
}

/**
 * The arguments (`first`, `after`, `filter`) and the `<typeName>Connection` type of a paginated list
 * query, for a filter input class.
 */
export function listTypes<T extends object, F extends object>(
  typeName: string,
  what: string,
  Item: ClassType<T>,
  Filter: ClassType<F>,
) {
  @ArgsType()
  class ListArgs extends PageArgs implements ListArgsShape<F> {
    @Field(() => Filter, { nullable: true, description: 'Filter; omitted means all.' })
    filter?: F | null;
  }

  @ObjectType(`${typeName}Connection`, { description: `A page of ${what}.` })
  class ListConnection extends Connection(Item) {}

  return {
    ListArgs: ListArgs as ClassType<ListArgsShape<F>>,
    ListConnection: ListConnection as ClassType<{ nodes: T[]; pageInfo: PageInfo }>,
  };
}
