import { Counter, Histogram } from 'prom-client';
import { ServiceMetrics } from '@jih/kit';

/**
 * The gateway's Prometheus metrics: those of every service (operations, latency, error codes,
 * process) plus each subgraph call by subgraph name, and requests refused by a limit.
 */
export class GatewayMetrics extends ServiceMetrics {
  /** Calls to each subgraph by outcome: ok, graphql_errors, timeout, unreachable, http, invalid_response. */
  readonly subgraphRequests: Counter<'subgraph' | 'outcome'>;
  /** Errors each subgraph call produced, by `extensions.code` (transport failures are DOWNSTREAM_SERVICE_ERROR). */
  readonly subgraphErrors: Counter<'subgraph' | 'code'>;
  readonly subgraphLatency: Histogram<'subgraph'>;
  /** Requests refused before execution, by reason (rate_limit, batch, query_chars, body). */
  readonly rejected: Counter<'reason'>;

  constructor() {
    super('gateway', { defaultMetrics: true });
    const registers = [this.registry];
    this.subgraphRequests = new Counter({
      name: 'jih_gateway_subgraph_requests_total',
      help: 'Subgraph calls by subgraph and outcome',
      labelNames: ['subgraph', 'outcome'],
      registers,
    });
    this.subgraphErrors = new Counter({
      name: 'jih_gateway_subgraph_errors_total',
      help: 'Errors of subgraph calls by subgraph and extensions.code',
      labelNames: ['subgraph', 'code'],
      registers,
    });
    this.subgraphLatency = new Histogram({
      name: 'jih_gateway_subgraph_duration_seconds',
      help: 'Subgraph call latency',
      labelNames: ['subgraph'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.rejected = new Counter({
      name: 'jih_gateway_rejected_requests_total',
      help: 'Requests refused before execution, by reason',
      labelNames: ['reason'],
      registers,
    });
  }
}
