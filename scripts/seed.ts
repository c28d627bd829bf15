/**
 * `npm run seed -- --enterprises N [--seed S] [--force]`: writes deterministic demo data. Without
 * --force only empty subgraphs are seeded. Uses DATABASE_URL, or the embedded database of npm start.
 */
import { parseArgs } from 'node:util';
import { ensureDatabase } from './lib/database';
import { migrateAll } from './lib/migrate';
import { DEFAULT_SEED, seedIfEmpty } from './lib/seed';
import { answerHelp } from './lib/cli';

answerHelp(
  module,
  `usage: npm run seed -- [--enterprises N] [--seed S] [--force]

Writes deterministic demo data (DATABASE_URL, or the embedded database of npm start). Without --force
only empty subgraphs are seeded.`,
);

async function main() {
  const { values } = parseArgs({
    options: {
      enterprises: { type: 'string', default: '5000' },
      seed: { type: 'string', default: DEFAULT_SEED },
      force: { type: 'boolean', default: false },
    },
  });
  const enterprises = Number(values.enterprises);
  if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > 10_000_000) {
    console.error('--enterprises must be a whole number from 1 to 10,000,000');
    process.exit(2);
  }
  const db = await ensureDatabase({
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    persistent: true,
  });
  try {
    await migrateAll(db.url);
    const started = Date.now();
    const summary = await seedIfEmpty(db.url, {
      enterprises,
      seed: values.seed,
      force: values.force,
      progress: true,
    });
    console.log(
      summary
        ? `${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`
        : 'every subgraph already has data; pass --force to reseed',
    );
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
