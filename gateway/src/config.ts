import path from 'node:path';
import { ConfigError, readBaseConfig, readPort, type BaseConfig } from '../../subgraphs/kit/src';

export interface GatewayConfig extends BaseConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** Per-subgraph request timeout. */
  subgraphTimeoutMs: number;
  bodyLimit: string;
}

/** Reads the gateway's environment once at start-up; every problem is listed before exiting. */
export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const problems: string[] = [];
  let base: BaseConfig | undefined;
  try {
    base = readBaseConfig({ ...env, DATABASE_URL: env.DATABASE_URL ?? 'postgres://unused' });
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else throw err;
  }
  const port = readPort(env, 'PORT', 4000, problems);
  const timeout = Number(env.SUBGRAPH_TIMEOUT_MS ?? 10000);
  if (!Number.isInteger(timeout) || timeout < 100) problems.push('SUBGRAPH_TIMEOUT_MS must be an integer of at least 100');
  if (problems.length || !base) throw new ConfigError(problems);
  return {
    ...base,
    port,
    host: env.HOST ?? '127.0.0.1',
    supergraphPath: env.SUPERGRAPH_PATH ?? path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
    subgraphTimeoutMs: timeout,
    bodyLimit: env.GATEWAY_BODY_LIMIT ?? '100kb',
  };
}
