import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { TokenVerifier, type Caller } from './auth';
import { compiledExecution } from './compiled-execution';
import type { BaseConfig } from './config';
import { poolOf, statementCounterOf } from './db';
import {
  answerClientErrorsAsJson,
  formatError,
  httpErrorHandler,
  notFoundHandler,
  requestIdMiddleware,
  requestIdOf,
} from './http';
import type { Logger } from './logger';
import { ServiceMetrics } from './metrics';
import {
  requestLogMiddleware,
  requestLogOf,
  requestLogPlugin,
  type RequestLogFields,
} from './request-log';
import { stringBoundsPlugin } from './validation';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<L = unknown> {
  caller: Caller | null;
  /** The caller's Authorization header as received, forwarded on service-to-service calls. */
  authorization?: string;
  requestId: string;
  db: DataSource;
  loaders: L;
  log: Logger;
  /** What this request's log line will say (caller, operation, error codes). */
  requestLog?: RequestLogFields;
}

export interface StartSubgraphOptions<L> {
  name: string;
  schema: GraphQLSchema;
  db: DataSource;
  config: BaseConfig;
  log: Logger;
  port: number;
  host?: string;
  /** Builds the per-request DataLoaders, so batching never leaks between callers. */
  createLoaders: (db: DataSource) => L;
  /** Extra routes (e.g. an internal service-to-service endpoint) mounted before /graphql. */
  routes?: (app: express.Express, ctx: { db: DataSource; verifier: TokenVerifier }) => void;
}

export interface RunningService {
  name: string;
  url: string;
  port: number;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

/**
 * Starts one subgraph: Apollo Server on Express with `/graphql`, `/health` (database reachable),
 * `/metrics` (Prometheus) and request ids. Resolves once the port is listening.
 */
export async function startSubgraphServer<L>(
  opts: StartSubgraphOptions<L>,
): Promise<RunningService> {
  const { name, db, config, log } = opts;
  const development = config.nodeEnv === 'development';
  const metrics = new ServiceMetrics(name, { defaultMetrics: true });
  metrics.watchPool(() => poolOf(db));
  statementCounterOf(db).onStatement = () => metrics.statements.inc();
  const verifier = new TokenVerifier(config.jwt);

  const apollo = new ApolloServer<SubgraphContext<L>>({
    ...(config.executor === 'jit'
      ? { gateway: compiledExecution(opts.schema) }
      : { schema: opts.schema }),
    introspection: true, // the gateway composes from checked-in SDL, but tools may introspect
    includeStacktraceInErrorResponses: development,
    formatError: formatError(development),
    // Inline traces are for Apollo's hosted studio, cache-control hints for CDNs; nobody reads either here,
    // and either one wraps every field resolver (a third of a large entity fetch's CPU when measured).
    plugins: [
      metrics.plugin(),
      requestLogPlugin(),
      stringBoundsPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
    csrfPrevention: true,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Express hashes every answer for an ETag; only the gateway calls a subgraph, by POST, and never revalidates.
  app.set('etag', false);
  app.use(requestIdMiddleware);
  app.use(requestLogMiddleware(log));
  app.get('/health', async (_req, res) => {
    try {
      await db.query('SELECT 1');
      res.json({ status: 'ok', service: name });
    } catch (err) {
      res
        .status(503)
        .json({ status: 'unavailable', service: name, reason: (err as Error).message });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  opts.routes?.(app, { db, verifier });
  app.use(
    '/graphql',
    express.json({ limit: process.env.SUBGRAPH_BODY_LIMIT ?? '10mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdOf(req);
        const requestLog = requestLogOf(res);
        const caller = await verifier.verify(req.header('authorization'));
        requestLog.caller = caller;
        return {
          caller,
          authorization: req.header('authorization') || undefined,
          requestId,
          db,
          loaders: opts.createLoaders(db),
          log: log.child({ requestId }),
          requestLog,
        };
      },
    }),
  );
  app.use(notFoundHandler);
  app.use(
    httpErrorHandler((err, status) => {
      if (status >= 500) log.error({ err }, 'request failed');
    }),
  );

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrorsAsJson(server);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}/graphql`;
  log.info({ url }, `${name} subgraph ready`);
  return {
    name,
    url,
    port,
    metrics,
    async stop() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
