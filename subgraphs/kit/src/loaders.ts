import DataLoader from 'dataloader';
import { Any, type FindOperator } from 'typeorm';

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

// EntityRows, the hot loaders' reader, is a fast path and lives in its own module.
export { EntityRows } from './fast-paths/entity-rows';
