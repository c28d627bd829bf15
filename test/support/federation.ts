import {
  DEV_JWT_SECRET,
  readBaseConfig,
  signDevToken,
  startSubgraph,
  statementCounterOf,
  type Logger,
  type Role,
  type StartedSubgraph,
} from '@jih/kit';
import { SERVICES, serviceUrlVariable } from '@jih/subgraphs/services';
import { readGatewayConfig } from '@jih/gateway/src/config';
import { startGateway, type RunningGateway } from '@jih/gateway/src/gateway';
import { cloneTestDatabase } from './database';
import { postGraphQL } from './http';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
  headers: Headers;
}

export interface TestFederation {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphs: Map<string, StartedSubgraph>;
  gateway: RunningGateway;
  /** Sends a GraphQL operation through the gateway. */
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** SQL statements each subgraph has sent so far. */
  statements(): Record<string, number>;
  /** GraphQL requests each subgraph has answered so far (the gateway's fetches plus service-to-service calls). */
  requests(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * Starts every subgraph (in this process, each with its own DataSource and metrics) on a fresh
 * clone of the seeded test database, and the gateway in front of them, from the checked-in
 * supergraph with the subgraph URLs pointed at the test ports.
 */
export async function startFederation(
  options: { only?: string[]; logger?: (service: string) => Logger } = {},
): Promise<TestFederation> {
  const db = await cloneTestDatabase();
  const env = { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'test' };
  const config = readBaseConfig(env);
  const subgraphs = new Map<string, StartedSubgraph>();
  for (const entry of SERVICES) {
    if (options.only && !options.only.includes(entry.name)) continue;
    const started = await startSubgraph(await entry.load(), {
      port: 0,
      config,
      migrate: false,
      log: options.logger?.(entry.name),
    });
    subgraphs.set(entry.name, started);
    // Service-to-service calls find each other through these, as in a deployment.
    process.env[serviceUrlVariable(entry.name)] = started.url;
  }
  const urls = Object.fromEntries([...subgraphs].map(([name, s]) => [name, s.url]));
  const gateway = await startGateway(
    { ...readGatewayConfig({ ...env, PORT: '0' }) },
    { urls, log: options.logger?.('gateway') },
  );
  return {
    gatewayUrl: gateway.url,
    databaseUrl: db.url,
    subgraphs,
    gateway,
    query: (query, variables, opts) => postGraphQL(gateway.url, query, variables, opts),
    statements() {
      return Object.fromEntries(
        [...subgraphs].map(([name, s]) => [name, statementCounterOf(s.db).total]),
      );
    },
    async requests() {
      const counts: Record<string, number> = {};
      for (const [name, s] of subgraphs) {
        const { values } = await s.metrics.operations.get();
        counts[name] = values.reduce((sum, v) => sum + v.value, 0);
      }
      return counts;
    },
    async stop() {
      await gateway.stop();
      for (const s of subgraphs.values()) await s.stop();
      await db.drop();
    },
  };
}

/** Mints a token signed with the development secret, as `npm run token` does. */
export function token(
  department: string,
  roles: Role[],
  sub?: string,
  expiresIn = '1h',
): Promise<string> {
  return signDevToken({
    department,
    roles,
    sub,
    expiresIn,
    secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET,
  });
}
