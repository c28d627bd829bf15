import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  REQUEST_ID_HEADER, ServiceMetrics, TokenVerifier, createLogger, formatError, requestIdMiddleware, requestIdOf, type Caller,
} from '../../subgraphs/kit/src';
import type { GatewayConfig } from './config';

/** What the gateway knows about one request. */
export interface GatewayContext {
  caller: Caller | null;
  authorization?: string;
  requestId: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

/**
 * Forwards the caller's verified token and the request id to every subgraph, and bounds each
 * subgraph call in time so a hung subgraph costs its own fields only.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

/** Reads the checked-in supergraph; subgraph URLs in it are overridden by `urls` (by subgraph name). */
export function loadSupergraph(path: string): string {
  return fs.readFileSync(path, 'utf8');
}

/**
 * Starts the gateway: Apollo Server over @apollo/gateway, from the supergraph SDL, with `/graphql`,
 * `/health` (ready only when every subgraph answers) and `/metrics`.
 */
export async function startGateway(config: GatewayConfig, options: { supergraphSdl?: string; urls?: Record<string, string> } = {}): Promise<RunningGateway> {
  const log = createLogger('gateway', config.logLevel);
  const development = config.nodeEnv === 'development';
  const metrics = new ServiceMetrics('gateway', { defaultMetrics: true });
  const verifier = new TokenVerifier(config.jwt);
  const subgraphUrls = new Map<string, string>();

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? loadSupergraph(config.supergraphPath),
    buildService: ({ name, url }) => {
      const target = options.urls?.[name] ?? url!;
      subgraphUrls.set(name, target);
      return new SubgraphDataSource({
        url: target,
        fetcher: (input, init) => fetch(input, { ...(init as RequestInit), signal: AbortSignal.timeout(config.subgraphTimeoutMs) }) as never,
      });
    },
    logger: { debug: () => {}, info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: development,
    includeStacktraceInErrorResponses: development,
    formatError: formatError(development),
    plugins: [
      metrics.plugin(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      development ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
    ],
  });
  await apollo.start();

  app.use(requestIdMiddleware);
  app.get('/health', async (_req, res) => {
    const checks = await Promise.all(
      [...subgraphUrls].map(async ([name, url]) => {
        try {
          const r = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
          return { name, ok: r.ok };
        } catch {
          return { name, ok: false };
        }
      }),
    );
    const ready = checks.length > 0 && checks.every((c) => c.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'degraded', subgraphs: Object.fromEntries(checks.map((c) => [c.name, c.ok ? 'up' : 'down'])) });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const authorization = req.header('authorization') || undefined;
        return { caller: await verifier.verify(authorization), authorization, requestId: requestIdOf(req) };
      },
    }),
  );
  app.get('/', (_req, res) => res.redirect('/graphql'));

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
