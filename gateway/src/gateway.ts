import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  serviceUrlVariable,
  TokenVerifier,
  answerClientErrorsAsJson,
  createLogger,
  formatError,
  httpErrorHandler,
  notFoundHandler,
  requestIdMiddleware,
  requestIdOf,
  requestLogMiddleware,
  requestLogOf,
  requestLogPlugin,
  type Caller,
  type Logger,
  type RequestLogFields,
} from '@jih/kit';
import { authenticate, authenticationOf } from './authenticate';
import type { GatewayConfig } from './config';
import { mountDashboard } from './dashboard';
import { mountDrawBundles } from './draw-bundles';
import { apolloLimits, requestShapeGuard } from './limits';
import { GatewayMetrics } from './metrics';
import { RateLimit } from './rate-limit';
import { SubgraphDataSource } from './subgraph-source';

/** What the gateway knows about one request. */
export interface GatewayContext {
  caller: Caller | null;
  authorization?: string;
  requestId: string;
  requestLog?: RequestLogFields;
}

export interface RunningGateway {
  url: string;
  port: number;
  metrics: GatewayMetrics;
  stop(): Promise<void>;
}

/** Reads the checked-in supergraph; subgraph URLs in it are overridden by `urls` (by subgraph name). */
function loadSupergraph(path: string): string {
  return fs.readFileSync(path, 'utf8');
}

/**
 * Starts the gateway: Apollo Server over @apollo/gateway, from the supergraph SDL, with `/graphql`,
 * `/health` (ready only when every subgraph answers) and `/metrics`.
 */
export async function startGateway(
  config: GatewayConfig,
  options: { supergraphSdl?: string; urls?: Record<string, string>; log?: Logger } = {},
): Promise<RunningGateway> {
  const log = options.log ?? createLogger('gateway', config.logLevel);
  const development = config.nodeEnv === 'development';
  const metrics = new GatewayMetrics();
  const verifier = new TokenVerifier(config.jwt);
  const subgraphUrls = new Map<string, string>();

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? loadSupergraph(config.supergraphPath),
    buildService: ({ name, url }) => {
      // Test harnesses pass URLs by name; deployments set SUBGRAPH_<NAME>_URL; else the supergraph's.
      const target = options.urls?.[name] ?? config.subgraphUrls[serviceUrlVariable(name)] ?? url!;
      subgraphUrls.set(name, target);
      return new SubgraphDataSource(name, target, config.subgraphTimeoutMs, metrics);
    },
    logger: {
      debug: () => {},
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const limits = apolloLimits<GatewayContext>(config.limits);
  const httpServer = http.createServer(app);
  answerClientErrorsAsJson(httpServer);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: development,
    formatError: formatError(development),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    plugins: [
      ...limits.plugins,
      metrics.plugin(),
      requestLogPlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      development
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
        : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
    ],
  });
  await apollo.start();

  app.use(requestIdMiddleware);
  app.use(requestLogMiddleware(log));
  app.get('/health', async (_req, res) => {
    const checks = await Promise.all(
      [...subgraphUrls].map(async ([name, url]) => {
        try {
          const r = await fetch(url.replace(/\/graphql$/, '/health'), {
            signal: AbortSignal.timeout(2000),
          });
          return { name, ok: r.ok };
        } catch {
          return { name, ok: false };
        }
      }),
    );
    const ready = checks.length > 0 && checks.every((c) => c.ok);
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ok' : 'degraded',
      subgraphs: Object.fromEntries(checks.map((c) => [c.name, c.ok ? 'up' : 'down'])),
    });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  const rateLimit = new RateLimit(config.limits, metrics, (req) => authenticationOf(req).caller);
  app.use(
    '/graphql',
    authenticate(verifier),
    rateLimit.admit,
    express.json({ limit: config.bodyLimit }),
    requestShapeGuard(config.limits, metrics),
    rateLimit.chargeBatch,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { caller, error } = authenticationOf(req);
        if (error) throw error;
        const requestLog = requestLogOf(res);
        requestLog.caller = caller;
        return {
          caller,
          authorization: req.header('authorization') || undefined,
          requestId: requestIdOf(req),
          requestLog,
        };
      },
    }),
  );
  mountDashboard(app);
  mountDrawBundles(app, () => subgraphUrls.get('joint-tasks'));
  app.get('/', (_req, res) => res.redirect('/graphql'));
  // Routes go above this line: what follows answers every other path and every error as JSON.
  app.use(notFoundHandler);
  app.use(
    httpErrorHandler((err, status) => {
      if (status >= 500) log.error({ err }, 'request failed');
      else metrics.rejected.inc({ reason: 'body' });
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`;
  log.info({ url }, 'gateway ready');
  return {
    url,
    port,
    metrics,
    async stop() {
      await apollo.stop();
    },
  };
}
