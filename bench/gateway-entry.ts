/**
 * Child process of the load benchmark: one gateway, alone in its process so its memory is its own.
 * `node -r ./scripts/register.js bench/gateway-entry.ts <kind>` with SUPERGRAPH_PATH (subgraph URLs
 * already pointed at the benchmark's subgraphs) and BENCH_SUBGRAPH_URLS; reports `{ ready, url }`
 * over IPC and answers `{ cmd: 'memory' }` with process.memoryUsage(). Exits with its parent.
 *
 * Kinds:
 * - `apollo`: our gateway exactly as `gateway/src` starts it (JWT verification, metrics, limits).
 * - `apollo-tuned`: @apollo/gateway on Apollo Server with nothing but token forwarding, a bounded
 *   query-plan cache counted in plans (no JSON size calculation per stored plan), inline tracing,
 *   usage and schema reporting off: what @apollo/gateway itself costs.
 * - `hive`: Hive Gateway's runtime (`createGatewayRuntime`) on node:http, forwarding Authorization.
 * - `hive-router`: the same with `@graphql-hive/router-runtime` (Hive Router's Rust query planner).
 * - `baseline`: nothing but this entry (node + the SWC register), to read the runtime's own memory.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopWithParent } from './child';

type Stoppable = { url: string; stop(): Promise<void> };

const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
const supergraphPath = process.env.SUPERGRAPH_PATH!;
const urls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<string, string>;

function listen(server: http.Server): Promise<string> {
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve(`http://${host}:${(server.address() as AddressInfo).port}/graphql`),
    );
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((r) => {
    server.close(() => r());
    server.closeAllConnections();
  });
}

async function startOurs(): Promise<Stoppable> {
  const { readGatewayConfig } = await import('@jih/gateway/src/config');
  const { startGateway } = await import('@jih/gateway/src/gateway');
  const running = await startGateway(readGatewayConfig(process.env), { urls });
  return { url: running.url, stop: () => running.stop() };
}

/** A least-recently-used map bounded by entry count, as the gateway's query-plan store. */
class PlanCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  async get(key: string): Promise<V | undefined> {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  async set(key: string, value: V): Promise<void> {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  async delete(key: string): Promise<boolean> {
    return this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

async function startApolloTuned(): Promise<Stoppable> {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const disabled = await import('@apollo/server/plugin/disabled');
  const { expressMiddleware } = await import('@as-integrations/express5');
  const express = (await import('express')).default;
  type Ctx = { authorization?: string };
  class Forwarding extends RemoteGraphQLDataSource<Ctx> {
    override willSendRequest({
      request,
      context,
    }: {
      request: { http?: { headers: { set(k: string, v: string): void } } };
      context: Ctx;
    }) {
      if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    }
  }
  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(supergraphPath, 'utf8'),
    buildService: ({ url }) => new Forwarding({ url }),
    queryPlannerConfig: {
      cache: new PlanCache(Number(process.env.BENCH_PLAN_CACHE_PLANS ?? 2000)) as never,
    },
    serviceHealthCheck: false,
  });
  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const apollo = new ApolloServer<Ctx>({
    gateway,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      disabled.ApolloServerPluginInlineTraceDisabled(),
      disabled.ApolloServerPluginUsageReportingDisabled(),
      disabled.ApolloServerPluginSchemaReportingDisabled(),
      disabled.ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ authorization: req.header('authorization') || undefined }),
    }),
  );
  const url = await listen(server);
  return {
    url,
    async stop() {
      await closeServer(server);
      await apollo.stop();
    },
  };
}

async function startHive(withRouterRuntime: boolean): Promise<Stoppable> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway-runtime');
  const routerRuntime = withRouterRuntime
    ? await import('@graphql-hive/router-runtime')
    : undefined;
  const gateway = createGatewayRuntime({
    supergraph: fs.readFileSync(supergraphPath, 'utf8'),
    logging: process.env.BENCH_HIVE_LOG === '1' ? 'debug' : false,
    // Errors as the subgraphs sent them, so a failing check says why.
    maskedErrors: false,
    landingPage: false,
    graphiql: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization') ?? undefined,
      }),
    },
    ...(routerRuntime ? { unifiedGraphHandler: routerRuntime.unifiedGraphHandler } : {}),
  });
  const server = http.createServer(gateway);
  const url = await listen(server);
  return {
    url,
    async stop() {
      await closeServer(server);
      await gateway.dispose();
    },
  };
}

let running: Stoppable | undefined;
async function main() {
  const kind = process.argv[2];
  process.on('message', (msg: any) => {
    if (msg?.cmd === 'memory') process.send?.({ replyTo: msg.id, ...process.memoryUsage() });
    else if (msg?.cmd === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.({ replyTo: msg.id, ...process.memoryUsage() });
    }
  });
  switch (kind) {
    case 'apollo':
      running = await startOurs();
      break;
    case 'apollo-tuned':
      running = await startApolloTuned();
      break;
    case 'hive':
      running = await startHive(false);
      break;
    case 'hive-router':
      running = await startHive(true);
      break;
    case 'baseline':
      running = { url: '', stop: async () => undefined };
      break;
    default:
      throw new Error(`Unknown gateway kind "${kind}"`);
  }
  process.send?.({ ready: kind, url: running.url });
}

stopWithParent(() => running);
main().catch((err) => {
  console.error(err);
  process.send?.({ failed: String((err as Error)?.stack ?? err).slice(0, 2000) });
  process.exit(1);
});
