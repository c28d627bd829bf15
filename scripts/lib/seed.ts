import { SingleBar, Presets } from 'cli-progress';
import { createSubgraphDataSource, type SeedOptions, type SubgraphModule } from '@jih/kit';
import { loadModules } from './migrate';

export const DEFAULT_SEED = 'jih-demo-2026';

/** Runs one subgraph's seed on a DataSource of its own schema. */
async function withModuleDb<T>(
  databaseUrl: string,
  mod: SubgraphModule,
  fn: (ds: import('typeorm').DataSource) => Promise<T>,
): Promise<T> {
  // Seeding a million rows is one long COPY: no statement timeout here.
  const ds = createSubgraphDataSource({
    schema: mod.dbSchema,
    databaseUrl,
    entities: mod.entities,
    migrations: mod.migrations,
    statementTimeoutMs: 0,
  });
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/**
 * Seeds every subgraph whose schema is still empty, registry first (its generator defines the
 * enterprises the others refer to). Returns a summary, or '' when nothing needed seeding.
 */
export async function seedIfEmpty(
  databaseUrl: string,
  options: Partial<SeedOptions> & { force?: boolean; progress?: boolean } = {},
): Promise<string> {
  const opts: SeedOptions = {
    enterprises: options.enterprises ?? 5000,
    seed: options.seed ?? DEFAULT_SEED,
  };
  const summaries: string[] = [];
  for (const mod of await loadModules()) {
    if (!mod.seed) continue;
    await withModuleDb(databaseUrl, mod, async (ds) => {
      if (!options.force && mod.isEmpty && !(await mod.isEmpty(ds))) return;
      const bar =
        options.progress && opts.enterprises >= 20000
          ? new SingleBar(
              { format: `${mod.name.padEnd(12)} [{bar}] {percentage}% {value}/{total}` },
              Presets.shades_classic,
            )
          : null;
      if (bar) bar.start(opts.enterprises, 0);
      const summary = await mod.seed!(ds, {
        ...opts,
        onProgress: bar ? (done) => bar.update(done) : undefined,
      });
      bar?.stop();
      summaries.push(`${mod.name}: ${summary}`);
    });
  }
  return summaries.join('; ');
}
