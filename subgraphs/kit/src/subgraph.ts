import type express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from './auth';
import { readBaseConfig, type BaseConfig } from './config';
import { createSubgraphDataSource, initialiseAndMigrate } from './db';
import { createLogger, type Logger } from './logger';
import { startSubgraphServer, type RunningService } from './server';

/**
 * Everything the runtime needs to know about one subgraph. Each subgraph's `index.ts` exports one;
 * `subgraphs/services.ts` lists them, and start-up, composition and tests all read that list.
 */
export interface SubgraphModule<L = unknown> {
  /** Service name, also the name in the supergraph (`join__Graph`). */
  name: string;
  /** The PostgreSQL schema the subgraph owns. */
  dbSchema: string;
  buildSchema(): Promise<GraphQLSchema>;

  entities: Function[];

  migrations: Function[];
  createLoaders(db: DataSource): L;
  routes?: (app: express.Express, ctx: { db: DataSource; verifier: TokenVerifier }) => void;
  /** Writes deterministic demo data into the subgraph's own schema; returns a one-line summary. */
  seed?(db: DataSource, options: SeedOptions): Promise<string>;
  /** Whether the subgraph's schema holds no data yet (so `npm start` seeds it). */
  isEmpty?(db: DataSource): Promise<boolean>;
}

export interface SeedOptions {
  /** Number of demo enterprises; every subgraph derives its data from the same index → USCC generator. */
  enterprises: number;
  /** Seed of the deterministic generator. */
  seed: string;
  /** Called as rows are written, for a progress bar on long runs. */
  onProgress?: (done: number, total: number) => void;
}

export interface StartedSubgraph extends RunningService {
  db: DataSource;
}

/**
 * Connects to PostgreSQL, runs the subgraph's migrations in its own schema, and serves it.
 * Used by the per-process entry point and, in-process, by the end-to-end tests.
 */
export async function startSubgraph(
  mod: SubgraphModule,
  options: { port: number; host?: string; config?: BaseConfig; migrate?: boolean; log?: Logger },
): Promise<StartedSubgraph> {
  const config = options.config ?? readBaseConfig();
  const log = options.log ?? createLogger(mod.name, config.logLevel);
  const db = createSubgraphDataSource({
    schema: mod.dbSchema,
    databaseUrl: config.databaseUrl,
    entities: mod.entities,
    migrations: mod.migrations,
    logger: log,
  });
  if (options.migrate === false) await db.initialize();
  else await initialiseAndMigrate(db, mod.dbSchema);
  const schema = await mod.buildSchema();
  const running = await startSubgraphServer({
    name: mod.name,
    schema,
    db,
    config,
    log,
    port: options.port,
    host: options.host,
    createLoaders: (ds) => mod.createLoaders(ds),
    routes: mod.routes,
  });
  return {
    ...running,
    db,
    async stop() {
      await running.stop();
      await db.destroy();
    },
  };
}
