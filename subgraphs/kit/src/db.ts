import { types as pgTypes } from 'pg';
import {
  DataSource,
  type DataSourceOptions,
  type Logger as OrmLogger,
  type MixedList,
  type EntitySchema,
} from 'typeorm';
import type { Logger } from './logger';

/** Counts every SQL statement a subgraph sends, so tests and benchmarks can catch N+1 queries. */
export class StatementCounter {
  total = 0;
  onStatement?: () => void;
  record(): void {
    this.total++;
    this.onStatement?.();
  }
}

/** TypeORM logger that counts statements and forwards slow queries and errors to pino. */
class CountingOrmLogger implements OrmLogger {
  constructor(
    private readonly counter: StatementCounter,
    private readonly pino?: Logger,
  ) {}
  logQuery(): void {
    this.counter.record();
  }
  logQueryError(error: string | Error, query: string): void {
    this.pino?.warn(
      { err: error instanceof Error ? error.message : error, query: query.slice(0, 500) },
      'query failed',
    );
  }
  logQuerySlow(time: number, query: string): void {
    this.pino?.warn({ ms: time, query: query.slice(0, 500) }, 'slow query');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.pino?.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.pino?.warn({ message }, 'typeorm');
  }
}

const DATE_OID = 1082;

/**
 * pg's type parsers with one change: a `date` stays the 'YYYY-MM-DD' text PostgreSQL sends. pg
 * would make it a JavaScript Date at local midnight, which TypeORM then formats back into the same
 * text for a `date` column (and raw queries would see a time zone the day never had): two
 * conversions per date per row for nothing.
 */
const subgraphTypeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID && format !== 'binary'
      ? (text: string) => text
      : pgTypes.getTypeParser(oid, format as 'text')) as typeof pgTypes.getTypeParser,
};

export interface SubgraphDataSourceOptions {
  /** The PostgreSQL schema this subgraph owns; no other subgraph touches it. */
  schema: string;
  databaseUrl: string;

  entities: MixedList<Function | string | EntitySchema>;

  migrations: MixedList<Function | string>;
  logger?: Logger;
  counter?: StatementCounter;
  poolSize?: number;
  /** Statement timeout in ms (0 = none, for bulk seeding); default DB_STATEMENT_TIMEOUT_MS or 30 s. */
  statementTimeoutMs?: number;
}

/** Builds the subgraph's DataSource: its own schema, its own migrations table, statement counting. */
export function createSubgraphDataSource(opts: SubgraphDataSourceOptions): DataSource {
  const counter = opts.counter ?? new StatementCounter();
  const options: DataSourceOptions = {
    type: 'postgres',
    url: opts.databaseUrl,
    schema: opts.schema,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    // gen_random_uuid() is built into PostgreSQL 13+; uuid-ossp would need an extension.
    uuidExtension: 'pgcrypto',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['query', 'error', 'warn', 'migration'],
    logger: new CountingOrmLogger(counter, opts.logger),
    maxQueryExecutionTime: 1000,
    extra: {
      max: opts.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 10),
      application_name: `jih-${opts.schema}`,
      types: subgraphTypeParsers,
      // Statement timeout guards the pool against a runaway query holding a connection forever.
      // search_path pins raw SQL to the subgraph's own schema.
      options: `-c search_path=${opts.schema} -c statement_timeout=${opts.statementTimeoutMs ?? Number(process.env.DB_STATEMENT_TIMEOUT_MS ?? 30000)}`,
    },
  };
  const ds = new DataSource(options);
  (ds as DataSource & { statementCounter: StatementCounter }).statementCounter = counter;
  return ds;
}

/** The statement counter attached by createSubgraphDataSource. */
export function statementCounterOf(ds: DataSource): StatementCounter {
  return (
    (ds as DataSource & { statementCounter?: StatementCounter }).statementCounter ??
    new StatementCounter()
  );
}

/**
 * Initialises the DataSource, creates the subgraph's schema if needed (TypeORM puts its
 * migrations table there, so the schema must exist first) and runs pending migrations.
 */
export async function initialiseAndMigrate(ds: DataSource, schema: string): Promise<void> {
  if (!ds.isInitialized) await ds.initialize();
  await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await ds.runMigrations({ transaction: 'each' });
}

/** The pg Pool behind a DataSource, for pool metrics. */
export function poolOf(
  ds: DataSource,
): { totalCount: number; idleCount: number; waitingCount: number } | undefined {
  return (
    ds.driver as unknown as {
      master?: { totalCount: number; idleCount: number; waitingCount: number };
    }
  ).master;
}
