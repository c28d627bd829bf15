import { withEachSubgraphDataSource } from '../support/database';

describe("each subgraph's migrations", () => {
  it('create exactly the tables its entities describe (run `npm run migration:generate` after changing an entity)', async () => {
    await withEachSubgraphDataSource(async (mod, ds) => {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect({ subgraph: mod.name, pending: pending.upQueries.map((q) => q.query) }).toEqual({
        subgraph: mod.name,
        pending: [],
      });
      expect(await ds.showMigrations()).toBe(false);
    });
  });
});
