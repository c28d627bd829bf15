import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';

/** Escapes one value for PostgreSQL's COPY text format (NULL is \N). */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v))
    return copyValue(
      `{${v.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`,
    );
  return String(v).replace(
    /[\\\n\r\t]/g,
    (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!,
  );
}

/**
 * Bulk-loads rows with COPY FROM STDIN: an order of magnitude faster than INSERT for demo data
 * and benchmarks. `rows` may be a generator, so a million rows never sit in memory at once.
 * Given a transaction's EntityManager, the rows are written inside that transaction.
 */
export async function copyRows(
  db: DataSource | EntityManager,
  table: string,
  columns: string[],
  rows: Iterable<unknown[]>,
  onRow?: (n: number) => void,
): Promise<number> {
  const inTransaction = 'queryRunner' in db && db.queryRunner !== undefined;
  const runner = inTransaction
    ? (db as EntityManager).queryRunner!
    : (db as DataSource).createQueryRunner();
  let count = 0;
  try {
    const client = (await runner.connect()) as { query: (s: unknown) => NodeJS.WritableStream };
    const sink = client.query(
      copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`),
    );
    const source = Readable.from(
      (function* () {
        let chunk = '';
        for (const row of rows) {
          chunk += row.map(copyValue).join('\t') + '\n';
          count++;
          if (chunk.length > 1 << 16) {
            yield chunk;
            chunk = '';
            onRow?.(count);
          }
        }
        if (chunk) yield chunk;
        onRow?.(count);
      })(),
    );
    await pipeline(source, sink);
    return count;
  } finally {
    if (!inTransaction) await runner.release();
  }
}
