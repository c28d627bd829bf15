/**
 * Environment parsing for every process: read once at start-up, every problem listed, then exit.
 */
export interface BaseConfig {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  jwt: JwtConfig;
  logLevel: string;
  /** How operations execute: compiled by graphql-jit (default) or by graphql-js (GRAPHQL_EXECUTOR=graphql-js, the reference). */
  executor: GraphQLExecutor;
}

export const GRAPHQL_EXECUTORS = ['jit', 'graphql-js'] as const;
export type GraphQLExecutor = (typeof GRAPHQL_EXECUTORS)[number];

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
  if (!databaseUrl) problems.push('DATABASE_URL is required (npm start sets it when it runs the embedded database)');
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');

  const jwt: JwtConfig = {
    secret: env.JWT_SECRET ?? (nodeEnv === 'production' ? undefined : DEV_JWT_SECRET),
    jwksUrl: env.JWT_JWKS_URL || undefined,
    issuer: env.JWT_ISSUER || undefined,
    audience: env.JWT_AUDIENCE || undefined,
  };
  if (!jwt.secret && !jwt.jwksUrl) problems.push('set JWT_SECRET (HS256) or JWT_JWKS_URL (RS256) to verify tokens');
  if (jwt.secret && jwt.secret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (nodeEnv === 'production' && jwt.secret === DEV_JWT_SECRET) problems.push('JWT_SECRET must not be the development secret in production');

  const executor = (env.GRAPHQL_EXECUTOR || 'jit') as GraphQLExecutor;
  if (!GRAPHQL_EXECUTORS.includes(executor)) problems.push(`GRAPHQL_EXECUTOR must be ${GRAPHQL_EXECUTORS.join(' or ')}, got "${env.GRAPHQL_EXECUTOR}"`);

  if (problems.length) throw new ConfigError(problems);
  return { nodeEnv, databaseUrl, jwt, logLevel: env.LOG_LEVEL ?? 'info', executor };
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
