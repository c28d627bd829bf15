import { createSubgraphDataSource } from '../../subgraphs/kit/src';
import { SERVICES } from '../../subgraphs/services';
import { cloneTestDatabase } from '../support/database';

describe('each subgraph\'s migrations', () => {
  it('create exactly the tables its entities describe (run `npm run migration:generate` after changing an entity)', async () => {
    const db = await cloneTestDatabase();
    try {
      for (const entry of SERVICES) {
        const mod = await entry.load();
        const ds = createSubgraphDataSource({ schema: mod.dbSchema, databaseUrl: db.url, entities: mod.entities, migrations: mod.migrations });
        await ds.initialize();
        try {
          const pending = await ds.driver.createSchemaBuilder().log();
          expect({ subgraph: mod.name, pending: pending.upQueries.map((q) => q.query) }).toEqual({ subgraph: mod.name, pending: [] });
          expect(await ds.showMigrations()).toBe(false);
        } finally {
          await ds.destroy();
        }
      }
    } finally {
      await db.drop();
    }
  });
});
