import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readGatewayConfig } from '@jih/gateway/src/config';
import { startGateway, type RunningGateway } from '@jih/gateway/src/gateway';
import type { Logger } from '@jih/kit';
import type { GraphQLResponse, TestFederation } from './federation';
import { postGraphQL } from './http';

export interface ExtraGateway {
  gateway: RunningGateway;
  url: string;
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * Starts another gateway in front of a test federation's subgraphs, configured by `env` (as the
 * process environment would) with some subgraph URLs optionally pointed elsewhere (a hung server,
 * a closed port).
 */
export async function startGatewayFor(
  fed: TestFederation | null,
  env: Record<string, string> = {},
  options: { urls?: Record<string, string>; log?: Logger } = {},
): Promise<ExtraGateway> {
  const urls = {
    ...Object.fromEntries([...(fed?.subgraphs ?? new Map())].map(([name, s]) => [name, s.url])),
    ...options.urls,
  };
  const config = readGatewayConfig({ ...process.env, NODE_ENV: 'test', ...env, PORT: '0' });
  const gateway = await startGateway(config, { urls, log: options.log });
  return {
    gateway,
    url: gateway.url,
    query: (query, variables, opts) => postGraphQL(gateway.url, query, variables, opts),
    stop: () => gateway.stop(),
  };
}

/** An HTTP server on 127.0.0.1 that accepts requests and never answers them: a hung subgraph. */
export async function startHangingServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = http.createServer(() => {
    /* never answers */
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on (taken, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
