import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  adminUrlOf,
  createDatabaseIfMissing,
  dropDatabase,
  withDatabase,
} from '@jih/scripts/lib/database';
import { createSubgraphDataSource, type SubgraphModule } from '@jih/kit';
import { SERVICES } from '@jih/subgraphs/services';

/** A fresh database cloned from the run's seeded template; drop it when the test file ends. */
export async function cloneTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.JIH_TEST_SERVER_URL;
  const template = process.env.JIH_TEST_TEMPLATE;
  if (!server || !template)
    throw new Error('test database not prepared: run the tests through jest (global-setup)');
  const name = `jih_t_${randomBytes(6).toString('hex')}`;
  await createDatabaseIfMissing(adminUrlOf(server), name, template);
  return { url: withDatabase(server, name), drop: () => dropDatabase(adminUrlOf(server), name) };
}

/** Runs one SQL statement on a database and returns its rows. */
export async function sql<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Runs `fn` with each subgraph's module and an initialised DataSource of its own, on one fresh clone of the template. */
export async function withEachSubgraphDataSource(
  fn: (mod: SubgraphModule, ds: DataSource) => Promise<void>,
): Promise<void> {
  const db = await cloneTestDatabase();
  try {
    for (const entry of SERVICES) {
      const mod = await entry.load();
      const ds = createSubgraphDataSource({
        schema: mod.dbSchema,
        databaseUrl: db.url,
        entities: mod.entities,
        migrations: mod.migrations,
      });
      await ds.initialize();
      try {
        await fn(mod, ds);
      } finally {
        await ds.destroy();
      }
    }
  } finally {
    await db.drop();
  }
}
