import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER } from '@jih/kit';
import type { GatewayContext } from './gateway';
import type { GatewayMetrics } from './metrics';

/**
 * One subgraph as the gateway calls it. It forwards the caller's token and the request id (the
 * subgraph verifies the token itself, so nothing the gateway adds can grant more than the token
 * does), bounds every call in time so a hung subgraph costs its own fields only, and turns every
 * transport failure into a GraphQL error with a stable code and the subgraph's name.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly metrics: GatewayMetrics,
  ) {
    super({ url });
    this.fetcher = ((input: string, init: RequestInit) =>
      fetch(input, {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
      })) as unknown as typeof this.fetcher;
  }

  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const subgraph = this.serviceName;
    const endTimer = this.metrics.subgraphLatency.startTimer({ subgraph });
    try {
      const response = await super.process(options);
      const errors = response.errors ?? [];
      this.metrics.subgraphRequests.inc({
        subgraph,
        outcome: errors.length ? 'graphql_errors' : 'ok',
      });
      for (const e of errors)
        this.metrics.subgraphErrors.inc({
          subgraph,
          code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
        });
      return response;
    } catch (err) {
      const shaped = this.shapeFailure(err);
      const code = String(shaped.extensions.code);
      this.metrics.subgraphRequests.inc({
        subgraph,
        outcome: String(shaped.extensions.reason ?? 'failed'),
      });
      this.metrics.subgraphErrors.inc({ subgraph, code });
      throw shaped;
    } finally {
      endTimer();
    }
  }

  /**
   * A non-2xx answer: the subgraph's own first GraphQL error when it sent one (e.g. UNAUTHENTICATED
   * for a token it refuses), else DOWNSTREAM_SERVICE_ERROR. Never the response body or the
   * subgraph's URL, which the default implementation would pass to the caller.
   */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ): Promise<GraphQLError> {
    const body = (await response.json().catch(() => null)) as {
      errors?: { message?: string; extensions?: { code?: unknown } }[];
    } | null;
    const first = body?.errors?.[0];
    if (first && typeof first.extensions?.code === 'string') {
      return new GraphQLError(String(first.message ?? 'Subgraph error'), {
        extensions: { code: first.extensions.code, serviceName: this.serviceName },
      });
    }
    return new GraphQLError(`Subgraph "${this.serviceName}" answered HTTP ${response.status}`, {
      extensions: {
        code: 'DOWNSTREAM_SERVICE_ERROR',
        serviceName: this.serviceName,
        reason: 'http',
      },
    });
  }

  /** A transport failure as a GraphQL error naming the subgraph (timeouts and refusals say which). */
  private shapeFailure(err: unknown): GraphQLError {
    if (err instanceof GraphQLError && err.extensions.serviceName) return err;
    const e = err as { name?: string; message?: string; cause?: { code?: string } };
    const name = this.serviceName;
    const [reason, message] =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? ['timeout', `Subgraph "${name}" did not answer within ${this.timeoutMs} ms`]
        : e.name === 'TypeError' && e.message === 'fetch failed'
          ? [
              'unreachable',
              `Subgraph "${name}" is unreachable${e.cause?.code ? ` (${e.cause.code})` : ''}`,
            ]
          : ['invalid_response', `Subgraph "${name}" sent an answer the gateway could not read`];
    return new GraphQLError(message, {
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: name, reason },
    });
  }
}
