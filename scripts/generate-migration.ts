/**
 * Writes a TypeORM migration for one subgraph from the difference between its entities and its
 * existing migrations: `npm run migration:generate -- <subgraph> <Name>`.
 * Works on a scratch database (dropped afterwards), on DATABASE_URL's server or an embedded one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createSubgraphDataSource, initialiseAndMigrate } from '@jih/kit';
import { SERVICES } from '@jih/subgraphs/services';
import {
  adminUrlOf,
  createDatabaseIfMissing,
  dropDatabase,
  ensureDatabase,
  withDatabase,
} from './lib/database';
import { answerHelp } from './lib/cli';

answerHelp(
  module,
  `usage: npm run migration:generate -- <subgraph> <PascalCaseName>

Writes a TypeORM migration for one subgraph from the difference between its entities and its
migrations, computed on a scratch database.`,
);

async function main() {
  const [service, name] = process.argv.slice(2);
  const entry = SERVICES.find((s) => s.name === service);
  if (!entry || !name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error(
      `usage: npm run migration:generate -- <${SERVICES.map((s) => s.name).join('|')}> <PascalCaseName>`,
    );
    process.exit(2);
  }
  const mod = await entry.load();
  const db = await ensureDatabase({
    persistent: false,
    dataDir: path.join(__dirname, '..', '.data', 'migration-scratch'),
  });
  const scratch = `jih_migration_${process.pid}`;
  await createDatabaseIfMissing(adminUrlOf(db.url), scratch);
  const ds = createSubgraphDataSource({
    schema: mod.dbSchema,
    databaseUrl: withDatabase(db.url, scratch),
    entities: mod.entities,
    migrations: mod.migrations,
  });
  try {
    await initialiseAndMigrate(ds, mod.dbSchema);
    const sql = await ds.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log(`${service}: entities and migrations agree; nothing to generate`);
      return;
    }
    const stamp = Date.now();
    const cls = `${name}${stamp}`;
    const q = (s: string) =>
      '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
    const down = [...sql.downQueries]
      .reverse()
      .map((x) => `    await queryRunner.query(${q(x.query)});`)
      .join('\n');
    const dir = path.join(__dirname, '..', 'subgraphs', mod.name, 'src', 'migrations');
    const file = path.join(dir, `${stamp}-${name}.ts`);
    fs.writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n/** Generated from the entities by scripts/generate-migration.ts. */\nexport class ${cls} implements MigrationInterface {\n  name = '${cls}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(
      `wrote ${path.relative(process.cwd(), file)}; add ${cls} to ${path.relative(process.cwd(), path.join(dir, 'index.ts'))}`,
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await dropDatabase(adminUrlOf(db.url), scratch);
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
