import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { BadUserInputError } from './errors';

/** Page bounds shared by every list: bounded so no caller can ask for the whole table at once. */
const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;

@ObjectType({ description: 'Where a page ends and whether more follow.' })
// Every subgraph with a connection defines PageInfo; it is a value type, identical everywhere.
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'Whether another page follows.' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor to pass as `after` for the next page.',
  })
  endCursor: string | null;
}

/** Keyset pagination arguments: `first` rows after the opaque `after` cursor. Extend it with filters. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size, 1 to ${MAX_PAGE_SIZE}.`,
  })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, {
    nullable: true,
    description: "Cursor from a previous page's `pageInfo.endCursor`.",
  })
  after?: string | null;
}

/** Encodes a sort key as an opaque cursor. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** Decodes a cursor; a tampered one is the caller's error, not a server failure. */
export function decodeCursor(cursor: string | null | undefined, pattern: RegExp): string | null {
  if (cursor == null || cursor === '') return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!pattern.test(key))
    throw new BadUserInputError(`Invalid cursor "${cursor.slice(0, 64)}"`, { argument: 'after' });
  return key;
}

/**
 * Base of a connection type for `T` (nodes plus page info); subclass it with `@ObjectType('XConnection')`.
 */
export function Connection<T extends object>(itemClass: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [itemClass], { description: 'The items of this page.' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Pagination state.' })
    pageInfo: PageInfo;
  }
  return ConnectionClass;
}

/** Slices `first + 1` fetched rows into a page. */
export function toPage<T>(
  rows: T[],
  first: number,
  keyOf: (row: T) => string,
): { nodes: T[]; pageInfo: PageInfo } {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  return {
    nodes,
    pageInfo: {
      hasNextPage,
      endCursor: nodes.length ? encodeCursor(keyOf(nodes[nodes.length - 1])) : null,
    },
  };
}
