import path from 'node:path';
import { ConfigError, readBaseConfig, readPort, type BaseConfig } from '@jih/kit/config';

/** Hard limits on what one caller may ask of the gateway; see README "Security". */
export interface GatewayLimits {
  /** Deepest selection nesting allowed in an operation. */
  maxDepth: number;
  /** Aliased fields allowed in one operation (`__typename` excepted). */
  maxAliases: number;
  /** Directives allowed in one operation. */
  maxDirectives: number;
  /** Lexical tokens allowed in one document (graphql-js stops parsing past it). */
  maxTokens: number;
  /**
   * Static cost allowed for one operation, in graphql-armor's model: scalars 1, objects 2, each
   * level ×1.5, a selection with a literal `first: n` ×n. One page of 500 enterprises with their
   * tags, listings, visits and teams costs about 44,000.
   */
  maxCost: number;
  /** Characters allowed in one operation's document. */
  maxQueryChars: number;
  /** Characters allowed in any one string value of the variables. */
  maxStringLength: number;
  /** Operations allowed in one batched (JSON array) request; 1 turns batching off. */
  maxBatch: number;
  /** Operations per caller (token subject, else IP address) per window; 0 turns rate limiting off. */
  rateLimit: number;
  rateLimitWindowSeconds: number;
}

export interface GatewayConfig extends BaseConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** Per-subgraph request timeout. */
  subgraphTimeoutMs: number;
  bodyLimit: string;
  /** Whether the schema may be introspected (never in production). */
  introspection: boolean;
  /** Express `trust proxy` hop count: how many proxies in front may set X-Forwarded-For. */
  trustProxy: number;
  limits: GatewayLimits;
  /**
   * Subgraph URLs from the environment (`SUBGRAPH_<NAME>_URL`), by variable name; a subgraph
   * without one is called at the URL the supergraph names.
   */
  subgraphUrls: Record<string, string>;
}

type Env = Record<string, string | undefined>;

/** Parses an integer variable within [min, max], recording a problem instead of throwing. */
function readInt(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return n;
}

/** Parses a boolean variable (true/false/1/0), recording a problem instead of throwing. */
function readBool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1)$/i.test(raw)) return true;
  if (/^(false|0)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return fallback;
}

/** Whether a string is an absolute http(s) URL. */
function isHttpUrl(raw: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}

/** Reads the gateway's environment once at start-up; every problem is listed before exiting. */
export function readGatewayConfig(env: Env = process.env): GatewayConfig {
  const problems: string[] = [];
  let base: BaseConfig | undefined;
  try {
    base = readBaseConfig({ ...env, DATABASE_URL: env.DATABASE_URL ?? 'postgres://unused' });
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else throw err;
  }
  const nodeEnv = base?.nodeEnv ?? env.NODE_ENV;
  const port = readPort(env, 'PORT', 4000, problems);
  const subgraphTimeoutMs = readInt(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 100, 600_000, problems);
  const bodyLimit = env.GATEWAY_BODY_LIMIT || '100kb';
  if (!/^\d{1,9}(b|kb|mb)$/i.test(bodyLimit))
    problems.push(`GATEWAY_BODY_LIMIT must be a size like 100kb or 1mb, got "${bodyLimit}"`);
  const introspection = readBool(env, 'GATEWAY_INTROSPECTION', nodeEnv === 'development', problems);
  if (introspection && nodeEnv === 'production')
    problems.push('GATEWAY_INTROSPECTION must not be true in production');
  const limits: GatewayLimits = {
    maxDepth: readInt(env, 'GATEWAY_MAX_DEPTH', 12, 1, 100, problems),
    maxAliases: readInt(env, 'GATEWAY_MAX_ALIASES', 15, 0, 1000, problems),
    maxDirectives: readInt(env, 'GATEWAY_MAX_DIRECTIVES', 20, 0, 1000, problems),
    maxTokens: readInt(env, 'GATEWAY_MAX_TOKENS', 2000, 10, 100_000, problems),
    maxCost: readInt(env, 'GATEWAY_MAX_COST', 50_000, 10, 100_000_000, problems),
    maxQueryChars: readInt(env, 'GATEWAY_MAX_QUERY_CHARS', 15_000, 100, 1_000_000, problems),
    maxStringLength: readInt(env, 'GATEWAY_MAX_STRING_LENGTH', 5000, 10, 1_000_000, problems),
    maxBatch: readInt(env, 'GATEWAY_MAX_BATCH', 5, 1, 100, problems),
    rateLimit: readInt(env, 'GATEWAY_RATE_LIMIT', 600, 0, 1_000_000, problems),
    rateLimitWindowSeconds: readInt(
      env,
      'GATEWAY_RATE_LIMIT_WINDOW_SECONDS',
      60,
      1,
      86_400,
      problems,
    ),
  };
  const trustProxy = readInt(env, 'GATEWAY_TRUST_PROXY', 0, 0, 10, problems);
  const subgraphUrls: Record<string, string> = {};
  for (const [name, raw] of Object.entries(env)) {
    if (!/^SUBGRAPH_[A-Z0-9_]+_URL$/.test(name) || raw === undefined || raw === '') continue;
    if (!isHttpUrl(raw)) {
      problems.push(`${name} must be an http(s) URL, got "${raw.slice(0, 100)}"`);
      continue;
    }
    subgraphUrls[name] = raw;
  }
  if (problems.length || !base) throw new ConfigError(problems);
  return {
    ...base,
    port,
    host: env.HOST ?? '127.0.0.1',
    supergraphPath:
      env.SUPERGRAPH_PATH ?? path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
    subgraphTimeoutMs,
    bodyLimit,
    introspection,
    trustProxy,
    limits,
    subgraphUrls,
  };
}
