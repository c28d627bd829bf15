import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one service. Each service gets its own registry so that several services
 * in one process (the end-to-end tests) keep separate figures.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly operations: Counter<'operation' | 'type' | 'outcome'>;
  readonly latency: Histogram<'type'>;
  readonly errors: Counter<'code'>;
  readonly statements: Counter;

  constructor(
    readonly service: string,
    options: { defaultMetrics?: boolean } = {},
  ) {
    this.registry.setDefaultLabels({ service });
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
    this.operations = new Counter({
      name: 'jih_graphql_operations_total',
      help: 'GraphQL operations by name, type and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'jih_graphql_duration_seconds',
      help: 'GraphQL operation latency',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'jih_graphql_errors_total',
      help: 'GraphQL errors by extensions.code',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.statements = new Counter({
      name: 'jih_db_statements_total',
      help: 'SQL statements sent to PostgreSQL',
      registers: [this.registry],
    });
  }

  /** Gauges read from the connection pool at scrape time. */
  watchPool(
    pool: () => { totalCount: number; idleCount: number; waitingCount: number } | undefined,
  ): void {
    const make = (
      name: string,
      help: string,
      pick: (p: { totalCount: number; idleCount: number; waitingCount: number }) => number,
    ) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = pool();
          this.set(p ? pick(p) : 0);
        },
      });
    make('jih_db_pool_connections', 'Open connections in the pool', (p) => p.totalCount);
    make('jih_db_pool_idle', 'Idle connections in the pool', (p) => p.idleCount);
    make('jih_db_pool_waiting', 'Requests waiting for a connection', (p) => p.waitingCount);
  }

  /** Apollo Server plugin recording operation counts, latency and error codes. */
  plugin(): ApolloServerPlugin {
    // The hooks below are plain functions Apollo Server calls; they reach the metrics through `m`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const m = this;
    return {
      async requestDidStart() {
        const end = m.latency.startTimer();
        return {
          async willSendResponse(ctx) {
            const type = ctx.operation?.operation ?? 'unknown';
            const errors = ctx.errors ?? [];
            end({ type });
            m.operations.inc({
              operation: ctx.operationName ?? '',
              type,
              outcome: errors.length ? 'error' : 'ok',
            });
            for (const e of errors)
              m.errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          },
        };
      },
    };
  }
}
