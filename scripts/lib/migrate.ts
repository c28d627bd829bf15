import { createSubgraphDataSource, initialiseAndMigrate, type SubgraphModule } from '@jih/kit';
import { SERVICES } from '@jih/subgraphs/services';

/** Loads every subgraph module in service-list order. */
export async function loadModules(): Promise<SubgraphModule[]> {
  return Promise.all(SERVICES.map((s) => s.load()));
}

/** Runs each subgraph's migrations in its own schema. */
export async function migrateAll(databaseUrl: string, modules?: SubgraphModule[]): Promise<void> {
  for (const mod of modules ?? (await loadModules())) {
    const ds = createSubgraphDataSource({
      schema: mod.dbSchema,
      databaseUrl,
      entities: mod.entities,
      migrations: mod.migrations,
    });
    try {
      await initialiseAndMigrate(ds, mod.dbSchema);
    } finally {
      if (ds.isInitialized) await ds.destroy();
    }
  }
}
