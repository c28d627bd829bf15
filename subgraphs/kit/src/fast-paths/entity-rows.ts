/**
 * FAST PATH: EntityRows, entities read with plain SQL instead of TypeORM's find.
 *
 * Replaces: TypeORM 1.1.1's `find` / query builder for the hot loaders: the statement built
 * through its query builder on every call and every row hydrated through its transformer, column
 * by column. This module relies on TypeORM's entity metadata (`db.getMetadata`: columns,
 * `databaseName`, `propertyName`, `isArray`, `isSelect`, `isVirtual`, `transformer`, relations,
 * embeddeds) and on reading the same values TypeORM would hand back: pg 8.23.1 parses them for
 * both paths (the subgraph pools keep `date`s as text, db.ts), and entities with anything TypeORM
 * converts further (relations, embedded entities, transformers, `simple-*` types) are refused.
 *
 * Why and what it measured: on a dashboard page (thousands of rows per subgraph) TypeORM's find
 * was a tenth of a subgraph's CPU (commit e9b2451); with EntityRows joint-tasks went from about
 * 100 to 60–85 ms CPU per 500-visit page and the registry from 16 to 9–20
 * (`npm run bench:dashboard:phases`; bench/README.md, Performance history). Arrays of text, uuid
 * and integers come as JSON: 1.1 against 0.4 µs for three check-item codes and 2.4 against
 * 0.3 µs for two uuids, on about 4,600 arrays per page in joint-tasks alone (commit 9aeef75).
 *
 * Depends on (exact versions pinned in package.json): typeorm 1.1.1 (its metadata, and the rows
 * its `find` returns, which this path must equal).
 *
 * Switch: FAST_PATH_ENTITY_ROWS=off or FAST_PATHS=off (config.ts, `fastPaths()`): the same API
 * reads through TypeORM's repository (`whereAny`: `find` with `Any`) and query builder (`where`),
 * with the same conditions, order and limit, and returns the same rows. Equivalence test:
 * test/schema/entity-rows.test.ts reads every entity of every subgraph through TypeORM and
 * through EntityRows on and off, and requires the same rows.
 *
 * Exit rule: re-measure at every TypeORM upgrade (`npm run bench:dashboard:phases` with
 * FAST_PATH_ENTITY_ROWS=off against on); remove when it no longer pays.
 */
import { Any, type DataSource, type FindManyOptions } from 'typeorm';
import { fastPaths } from '../config';

/** Column types whose arrays read the same through JSON as through pg's array parser (no dates, no numerics kept as text). */
const JSON_ARRAY_TYPES = new Set([
  'text',
  'varchar',
  'character varying',
  'char',
  'character',
  'uuid',
  'int',
  'integer',
  'int4',
  'smallint',
  'int2',
]);

/** The order of an {@link EntityRows} read: property names, each ascending unless marked DESC. */
export type RowOrder<E> = readonly ((keyof E & string) | [keyof E & string, 'ASC' | 'DESC'])[];

/**
 * Reads one entity's rows by plain SQL, for the loaders on hot paths. TypeORM's `find` builds
 * the statement through its query builder and hydrates every row through its transformer, column
 * by column; on a dashboard page (thousands of rows per subgraph) that was a tenth of a
 * subgraph's CPU. Here the statement is written once per entity (each column aliased to its
 * property), pg parses the values as TypeORM's own driver would receive them, and each row is
 * copied into an instance of the entity class, as `find` returns. Only entities of plain columns
 * qualify (no relations, embedded entities, transformers or `simple-*` types): anything else
 * throws when the reader is made, so a new column type cannot silently read differently.
 * With the fast path off, the same reader asks TypeORM instead.
 */
export class EntityRows<E extends object> {
  private static readonly readers = {
    fast: new WeakMap<DataSource, Map<Function, EntityRows<object>>>(),
    plain: new WeakMap<DataSource, Map<Function, EntityRows<object>>>(),
  };
  private readonly select: string;
  private readonly columnOf: Map<string, string>;
  /** The query builder's alias: the table's own name, which conditions may use for the table. */
  private readonly alias: string;

  /**
   * The reader of `entity` on `db`, made once (per-request loaders ask for it on every request).
   * `fastPath: false` reads through TypeORM (by default as the process's FAST_PATH_ENTITY_ROWS and FAST_PATHS say).
   */
  static of<E extends object>(
    db: DataSource,
    entity: new () => E,
    options: { fastPath?: boolean } = {},
  ): EntityRows<E> {
    const fast = options.fastPath ?? fastPaths().entityRows;
    const readers = fast ? EntityRows.readers.fast : EntityRows.readers.plain;
    let byEntity = readers.get(db);
    if (!byEntity) readers.set(db, (byEntity = new Map()));
    let reader = byEntity.get(entity);
    if (!reader)
      byEntity.set(
        entity,
        (reader = new EntityRows(db, entity, fast) as unknown as EntityRows<object>),
      );
    return reader as unknown as EntityRows<E>;
  }

  private constructor(
    private readonly db: DataSource,
    private readonly entity: new () => E,
    private readonly fast: boolean,
  ) {
    const meta = db.getMetadata(entity);
    // Refused on either path, so switching the fast path off never changes which entities are accepted.
    const unsupported =
      meta.relations.length || meta.embeddeds.length
        ? 'relations or embedded entities'
        : meta.columns.find(
            (c) => c.transformer || String(c.type).startsWith('simple-') || c.isVirtual,
          )?.propertyName;
    if (unsupported) throw new Error(`EntityRows cannot read ${meta.name}: ${unsupported}`);
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const columns = meta.columns.filter((c) => c.isSelect);
    this.columnOf = new Map(columns.map((c) => [c.propertyName, quote(c.databaseName)]));
    this.alias = meta.tableName;
    // Arrays of text and integers come as JSON, which JSON.parse reads several times faster than
    // pg's array parser (1.1 against 0.4 µs for three codes, 2.4 against 0.3 µs for two uuids),
    // into the same values.
    const asJson = (c: (typeof columns)[number]) =>
      c.isArray && JSON_ARRAY_TYPES.has(String(c.type));
    const read = (c: (typeof columns)[number]) =>
      asJson(c) ? `array_to_json(${quote(c.databaseName)})` : quote(c.databaseName);
    this.select = `SELECT ${columns.map((c) => `${read(c)} AS ${quote(c.propertyName)}`).join(', ')} FROM ${meta.schema ? `${quote(meta.schema)}.` : ''}${quote(meta.tableName)}`;
  }

  /** Rows whose `property` is one of `keys` (one array parameter, as {@link anyOf}), in `order`. */
  whereAny(
    property: keyof E & string,
    keys: readonly unknown[],
    order: RowOrder<E> = [],
  ): Promise<E[]> {
    if (!this.fast) return this.findAny(property, keys, order);
    return this.where(`${this.column(property)} = ANY($1)`, [[...keys]], order);
  }

  /** Rows matching a SQL condition over column names (the table by its own name), with positional parameters; at most `limit`. */
  async where(
    condition: string,
    params: unknown[],
    order: RowOrder<E> = [],
    limit?: number,
  ): Promise<E[]> {
    if (!this.fast) return this.findWhere(condition, params, order, limit);
    const orderBy = order
      .map((o) => (typeof o === 'string' ? this.column(o) : `${this.column(o[0])} ${o[1]}`))
      .join(', ');
    const tail = `${orderBy ? ` ORDER BY ${orderBy}` : ''}${limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(limit))}`}`;
    const rows = (await this.db.query(
      `${this.select} WHERE ${condition}${tail}`,
      params,
    )) as object[];
    const out = new Array<E>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = Object.assign(new this.entity(), rows[i]);
    return out;
  }

  /** The plain path of {@link whereAny}: TypeORM's `find` with `Any` (one array parameter, as the loaders' {@link anyOf}). */
  private findAny(
    property: keyof E & string,
    keys: readonly unknown[],
    order: RowOrder<E>,
  ): Promise<E[]> {
    this.column(property);
    const byProperty: Record<string, 'ASC' | 'DESC'> = {};
    for (const o of order) {
      const [name, direction] = typeof o === 'string' ? [o, 'ASC' as const] : o;
      this.column(name);
      byProperty[name] = direction;
    }
    return this.db
      .getRepository(this.entity)
      .find({ where: { [property]: Any([...keys]) }, order: byProperty } as FindManyOptions<E>);
  }

  /**
   * The plain path of {@link where}: TypeORM's query builder over the table aliased by its own
   * name, the positional parameters given to it by name, ordered by property and limited. (Every
   * `$n` in the condition is taken for a parameter, one inside a quoted literal too: keep values
   * in parameters.)
   */
  private findWhere(
    condition: string,
    params: unknown[],
    order: RowOrder<E>,
    limit?: number,
  ): Promise<E[]> {
    const named = condition.replace(/\$(\d+)/g, (_, n: string) => `:entityRowsParam${n}`);
    const qb = this.db
      .getRepository(this.entity)
      .createQueryBuilder(this.alias)
      .where(
        named,
        Object.fromEntries(params.map((value, i) => [`entityRowsParam${i + 1}`, value])),
      );
    for (const o of order) {
      const [name, direction] = typeof o === 'string' ? [o, 'ASC' as const] : o;
      this.column(name);
      qb.addOrderBy(`${this.alias}.${name}`, direction);
    }
    if (limit !== undefined) {
      const n = Math.max(0, Math.floor(limit));
      // TypeORM reads a limit of 0 as none.
      if (n === 0) qb.andWhere('FALSE');
      else qb.limit(n);
    }
    return qb.getMany();
  }

  private column(property: string): string {
    const column = this.columnOf.get(property);
    if (!column) throw new Error(`${this.entity.name} has no column for property ${property}`);
    return column;
  }
}
