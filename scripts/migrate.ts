/** `npm run migrate`: runs every subgraph's pending migrations (DATABASE_URL, or the embedded database of npm start). */
import { ensureDatabase } from './lib/database';
import { migrateAll } from './lib/migrate';
import { answerHelp } from './lib/cli';

answerHelp(
  module,
  `usage: npm run migrate

Runs every subgraph's pending migrations (DATABASE_URL, or the embedded database of npm start).`,
);

async function main() {
  const db = await ensureDatabase({
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    persistent: true,
  });
  try {
    await migrateAll(db.url);
    console.log('every subgraph is migrated');
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
