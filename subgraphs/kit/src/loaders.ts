import DataLoader from 'dataloader';
import { Any, type DataSource, type FindOperator } from 'typeorm';

/**
 * The `where` operator for a loader's batch of keys: `column = ANY($1)` with the keys as ONE array
 * parameter. TypeORM's `In` binds one parameter per key and escapes the statement parameter by
 * parameter, which for the 500-key batches of a dashboard page cost several milliseconds per
 * statement in the subgraph profiles; with one parameter the statement text is also the same for
 * every batch size.
 */
export function anyOf<K>(keys: readonly K[]): FindOperator<K> {
  return Any([...keys]);
}

/**
 * A per-request DataLoader over one `WHERE key = ANY(...)` query ({@link anyOf}). Results come back in key order;
 * a missing key yields `null` (the GraphQL field resolves to null) rather than an error, because
 * for nullable lookups "not there" is an answer, not a failure.
 */
export function keyedLoader<K extends string | number, V>(
  fetchMany: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
  options: { maxBatchSize?: number } = {},
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const rows = await fetchMany(unique(keys));
      const byKey = new Map<K, V>();
      for (const row of rows) byKey.set(keyOf(row), row);
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { maxBatchSize: options.maxBatchSize ?? 5000 },
  );
}

/** A per-request DataLoader for one-to-many lists: all children of a batch of parents in one query. */
export function groupedLoader<K extends string | number, V>(
  fetchMany: (keys: readonly K[]) => Promise<V[]>,
  parentKeyOf: (row: V) => K,
  options: { maxBatchSize?: number } = {},
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const rows = await fetchMany(unique(keys));
      const groups = new Map<K, V[]>();
      for (const row of rows) {
        const k = parentKeyOf(row);
        const list = groups.get(k);
        if (list) list.push(row);
        else groups.set(k, [row]);
      }
      return keys.map((k) => groups.get(k) ?? []);
    },
    { maxBatchSize: options.maxBatchSize ?? 5000 },
  );
}

/** Deduplicates keys so a batch never sends the same value twice. */
function unique<K>(keys: readonly K[]): K[] {
  return [...new Set(keys)];
}

/** Column types whose arrays read the same through JSON as through pg's array parser (no dates, no numerics kept as text). */
const JSON_ARRAY_TYPES = new Set(['text', 'varchar', 'character varying', 'char', 'character', 'uuid', 'int', 'integer', 'int4', 'smallint', 'int2']);

/** The order of an {@link EntityRows} read: property names, each ascending unless marked DESC. */
export type RowOrder<E> = readonly (keyof E & string | [keyof E & string, 'ASC' | 'DESC'])[];

/**
 * Reads one entity's rows by plain SQL, for the loaders on hot paths. TypeORM's `find` builds
 * the statement through its query builder and hydrates every row through its transformer, column
 * by column; on a dashboard page (thousands of rows per subgraph) that was a tenth of a
 * subgraph's CPU. Here the statement is written once per entity (each column aliased to its
 * property), pg parses the values as TypeORM's own driver would receive them, and each row is
 * copied into an instance of the entity class, as `find` returns. Only entities of plain columns
 * qualify (no relations, embedded entities, transformers or `simple-*` types): anything else
 * throws when the reader is made, so a new column type cannot silently read differently.
 */
export class EntityRows<E extends object> {
  private static readonly readers = new WeakMap<DataSource, Map<Function, EntityRows<object>>>();
  private readonly select: string;
  private readonly columnOf: Map<string, string>;

  /** The reader of `entity` on `db`, made once (per-request loaders ask for it on every request). */
  static of<E extends object>(db: DataSource, entity: new () => E): EntityRows<E> {
    let byEntity = EntityRows.readers.get(db);
    if (!byEntity) EntityRows.readers.set(db, (byEntity = new Map()));
    let reader = byEntity.get(entity);
    if (!reader) byEntity.set(entity, (reader = new EntityRows(db, entity) as unknown as EntityRows<object>));
    return reader as unknown as EntityRows<E>;
  }

  private constructor(private readonly db: DataSource, private readonly entity: new () => E) {
    const meta = db.getMetadata(entity);
    const unsupported = meta.relations.length || meta.embeddeds.length
      ? 'relations or embedded entities'
      : meta.columns.find((c) => c.transformer || String(c.type).startsWith('simple-') || c.isVirtual)?.propertyName;
    if (unsupported) throw new Error(`EntityRows cannot read ${meta.name}: ${unsupported}`);
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const columns = meta.columns.filter((c) => c.isSelect);
    this.columnOf = new Map(columns.map((c) => [c.propertyName, quote(c.databaseName)]));
    // Arrays of text and integers come as JSON, which JSON.parse reads several times faster than
    // pg's array parser (1.1 against 0.4 µs for three codes, 2.4 against 0.3 µs for two uuids),
    // into the same values.
    const asJson = (c: (typeof columns)[number]) => c.isArray && JSON_ARRAY_TYPES.has(String(c.type));
    const read = (c: (typeof columns)[number]) => (asJson(c) ? `array_to_json(${quote(c.databaseName)})` : quote(c.databaseName));
    this.select = `SELECT ${columns.map((c) => `${read(c)} AS ${quote(c.propertyName)}`).join(', ')} FROM ${meta.schema ? `${quote(meta.schema)}.` : ''}${quote(meta.tableName)}`;
  }

  /** Rows whose `property` is one of `keys` (one array parameter, as {@link anyOf}), in `order`. */
  whereAny(property: keyof E & string, keys: readonly unknown[], order: RowOrder<E> = []): Promise<E[]> {
    return this.where(`${this.column(property)} = ANY($1)`, [[...keys]], order);
  }

  /** Rows matching a SQL condition over column names (the table by its own name), with positional parameters; at most `limit`. */
  async where(condition: string, params: unknown[], order: RowOrder<E> = [], limit?: number): Promise<E[]> {
    const orderBy = order.map((o) => (typeof o === 'string' ? this.column(o) : `${this.column(o[0])} ${o[1]}`)).join(', ');
    const tail = `${orderBy ? ` ORDER BY ${orderBy}` : ''}${limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(limit))}`}`;
    const rows = (await this.db.query(`${this.select} WHERE ${condition}${tail}`, params)) as object[];
    const out = new Array<E>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = Object.assign(new this.entity(), rows[i]);
    return out;
  }

  private column(property: string): string {
    const column = this.columnOf.get(property);
    if (!column) throw new Error(`${this.entity.name} has no column for property ${property}`);
    return column;
  }
}
