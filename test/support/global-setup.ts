/**
 * Once per `jest` run: a PostgreSQL server (DATABASE_URL's, or an embedded one in a temporary
 * folder), and a template database migrated and seeded with a small demo set. Each test file then
 * clones the template into a database of its own, so files never see each other's writes.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import {
  adminUrlOf,
  createDatabaseIfMissing,
  dropDatabase,
  startEmbedded,
  withDatabase,
} from '@jih/scripts/lib/database';
import { migrateAll } from '@jih/scripts/lib/migrate';
import { seedIfEmpty } from '@jih/scripts/lib/seed';

export const TEST_ENTERPRISES = 600;

export default async function globalSetup(): Promise<void> {
  // Loaded for its side effect (decorator metadata) before any entity module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('reflect-metadata');
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
  let serverUrl = process.env.DATABASE_URL;
  const g = globalThis as { __jihStop?: () => Promise<void> };
  if (!serverUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jih-test-pg-'));
    const handle = await startEmbedded({ dataDir, persistent: false });
    serverUrl = handle.url;
    g.__jihStop = async () => {
      await handle.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    process.env.JIH_TEST_EMBEDDED = '1';
  }
  const template = `jih_tpl_${process.pid}_${Date.now()}`;
  await createDatabaseIfMissing(adminUrlOf(serverUrl), template);
  const templateUrl = withDatabase(serverUrl, template);
  await migrateAll(templateUrl);
  await seedIfEmpty(templateUrl, { enterprises: TEST_ENTERPRISES });
  process.env.JIH_TEST_SERVER_URL = serverUrl;
  process.env.JIH_TEST_TEMPLATE = template;
  const previousStop = g.__jihStop;
  g.__jihStop = async () => {
    await dropDatabase(adminUrlOf(serverUrl!), template).catch(() => undefined);
    await previousStop?.();
  };
}
