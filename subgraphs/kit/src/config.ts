/**
 * Environment parsing for every process: read once at start-up, every problem listed, then exit.
 */
export interface BaseConfig {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  jwt: JwtConfig;
  logLevel: string;
  /** How operations execute: compiled by graphql-jit (default) or by graphql-js (GRAPHQL_EXECUTOR=graphql-js or FAST_PATHS=off, the reference). */
  executor: GraphQLExecutor;
  /** Which fast paths are on ({@link readFastPaths}). */
  fastPaths: FastPaths;
}

const GRAPHQL_EXECUTORS = ['jit', 'graphql-js'] as const;
type GraphQLExecutor = (typeof GRAPHQL_EXECUTORS)[number];

/**
 * The fast paths: each replaces a library's internals for speed, lives in its own module (the
 * files under `fast-paths/`, `compiled-execution.ts`, the @apollo/gateway patch under `patches/`)
 * and is turned off by a variable set to `off`; `FAST_PATHS=off` turns every one off, graphql-jit
 * included (the executor becomes graphql-js). Off, each answers exactly as the plain library
 * path does: every one has an equivalence test that runs both.
 */
export interface FastPaths {
  /** Field resolvers called without type-graphql's wrapper (fast-paths/direct-field-resolvers.ts); FAST_PATH_DIRECT_RESOLVERS=off. */
  directResolvers: boolean;
  /** Plain fields without type-graphql's per-field resolver (fast-paths/plain-fields.ts); FAST_PATH_PLAIN_FIELDS=off. */
  plainFields: boolean;
  /** EntityRows reads with plain SQL instead of TypeORM's find (fast-paths/entity-rows.ts); FAST_PATH_ENTITY_ROWS=off. */
  entityRows: boolean;
  /** The patch of @apollo/gateway's result shaping (patches/README.md); FAST_PATH_GATEWAY_PATCH=off. The patched module reads the same two variables itself when it loads. */
  gatewayPatch: boolean;
}

/** The variable that turns each fast path off (`off`; unset, empty or `on` leaves it on). */
export const FAST_PATH_VARIABLES: Readonly<Record<keyof FastPaths, string>> = {
  directResolvers: 'FAST_PATH_DIRECT_RESOLVERS',
  plainFields: 'FAST_PATH_PLAIN_FIELDS',
  entityRows: 'FAST_PATH_ENTITY_ROWS',
  gatewayPatch: 'FAST_PATH_GATEWAY_PATCH',
};

export interface JwtConfig {
  /** HS256 shared secret (development and tests). */
  secret?: string;
  /** RS256 verification through a JWKS endpoint (production). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A development secret, refused in production so nobody ships it. */
export const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789';

type Env = Record<string, string | undefined>;

/** Reads and checks the variables every process needs; throws ConfigError listing all problems. */
export function readBaseConfig(env: Env = process.env): BaseConfig {
  const problems: string[] = [];
  const nodeEnv = (env.NODE_ENV ?? 'development') as BaseConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test, got "${env.NODE_ENV}"`);
  }
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!databaseUrl)
    problems.push(
      'DATABASE_URL is required (npm start sets it when it runs the embedded database)',
    );
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must be a postgres:// URL');

  const jwt: JwtConfig = {
    secret: env.JWT_SECRET ?? (nodeEnv === 'production' ? undefined : DEV_JWT_SECRET),
    jwksUrl: env.JWT_JWKS_URL || undefined,
    issuer: env.JWT_ISSUER || undefined,
    audience: env.JWT_AUDIENCE || undefined,
  };
  if (!jwt.secret && !jwt.jwksUrl)
    problems.push('set JWT_SECRET (HS256) or JWT_JWKS_URL (RS256) to verify tokens');
  if (jwt.secret && jwt.secret.length < 32)
    problems.push('JWT_SECRET must be at least 32 characters');
  if (nodeEnv === 'production' && jwt.secret === DEV_JWT_SECRET)
    problems.push('JWT_SECRET must not be the development secret in production');

  const fastPaths = readFastPaths(env, problems);
  const requested = (env.GRAPHQL_EXECUTOR || 'jit') as GraphQLExecutor;
  if (!GRAPHQL_EXECUTORS.includes(requested))
    problems.push(
      `GRAPHQL_EXECUTOR must be ${GRAPHQL_EXECUTORS.join(' or ')}, got "${env.GRAPHQL_EXECUTOR}"`,
    );
  // graphql-jit is a fast path too: FAST_PATHS=off means graphql-js whatever GRAPHQL_EXECUTOR says.
  const executor: GraphQLExecutor = env.FAST_PATHS === 'off' ? 'graphql-js' : requested;

  if (problems.length) throw new ConfigError(problems);
  return { nodeEnv, databaseUrl, jwt, logLevel: env.LOG_LEVEL ?? 'info', executor, fastPaths };
}

/**
 * Which fast paths are on: each unless its own variable or FAST_PATHS is `off`. A value other
 * than `on` or `off` is a problem (recorded when `problems` is given, else thrown as ConfigError).
 */
export function readFastPaths(env: Env = process.env, problems?: string[]): FastPaths {
  const found: string[] = [];
  const allOff = isOff(env, 'FAST_PATHS', found);
  const on = (key: keyof FastPaths) => !isOff(env, FAST_PATH_VARIABLES[key], found) && !allOff;
  const fastPaths: FastPaths = {
    directResolvers: on('directResolvers'),
    plainFields: on('plainFields'),
    entityRows: on('entityRows'),
    gatewayPatch: on('gatewayPatch'),
  };
  if (problems) problems.push(...found);
  else if (found.length) throw new ConfigError(found);
  return fastPaths;
}

let processFastPaths: FastPaths | undefined;

/**
 * The fast paths of this process, read from its environment once (the schema build and EntityRows
 * ask for them; they are not handed a config).
 */
export function fastPaths(): FastPaths {
  return (processFastPaths ??= readFastPaths(process.env));
}

function isOff(env: Env, name: string, problems: string[]): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === 'on') return false;
  if (value === 'off') return true;
  problems.push(`${name} must be on or off, got "${value}"`);
  return false;
}

/** Parses a TCP port variable, recording a problem instead of throwing. */
export function readPort(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    problems.push(`${name} must be a port number, got "${raw}"`);
    return fallback;
  }
  return n;
}
