import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { readGatewayConfig } from '@jih/gateway/src/config';
import { ConfigError } from '@jih/kit';

/*
 * The gateway reads its environment once at start-up: every limit has a default, every problem
 * is listed at once, and the process exits 1 rather than run half-configured.
 */

const ROOT = path.join(__dirname, '..', '..');

describe('the gateway configuration', () => {
  it('has a safe default for every limit', () => {
    const config = readGatewayConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
    });
    expect(config.introspection).toBe(false);
    expect(config.bodyLimit).toBe('100kb');
    expect(config.subgraphTimeoutMs).toBe(10_000);
    expect(config.limits).toEqual({
      maxDepth: 12,
      maxAliases: 15,
      maxDirectives: 20,
      maxTokens: 2000,
      maxCost: 50_000,
      maxQueryChars: 15_000,
      maxStringLength: 5000,
      maxBatch: 5,
      rateLimit: 600,
      rateLimitWindowSeconds: 60,
    });
    expect(readGatewayConfig({ NODE_ENV: 'development' }).introspection).toBe(true);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      readGatewayConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'short',
        GATEWAY_MAX_DEPTH: '0',
        GATEWAY_MAX_ALIASES: 'many',
        GATEWAY_MAX_COST: '-5',
        GATEWAY_BODY_LIMIT: 'huge',
        GATEWAY_MAX_BATCH: '1000',
        GATEWAY_RATE_LIMIT: '1.5',
        SUBGRAPH_TIMEOUT_MS: '10',
        GATEWAY_INTROSPECTION: 'true',
        PORT: '99999',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'JWT_SECRET',
      'GATEWAY_MAX_DEPTH',
      'GATEWAY_MAX_ALIASES',
      'GATEWAY_MAX_COST',
      'GATEWAY_BODY_LIMIT',
      'GATEWAY_MAX_BATCH',
      'GATEWAY_RATE_LIMIT',
      'SUBGRAPH_TIMEOUT_MS',
      'GATEWAY_INTROSPECTION',
      'PORT',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('stops the gateway process with exit code 1 and the list of problems', () => {
    const run = spawnSync(
      process.execPath,
      ['-r', './scripts/register.js', 'gateway/src/index.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          PORT: '0',
          GATEWAY_MAX_DEPTH: 'deep',
          GATEWAY_RATE_LIMIT: '-1',
        },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/GATEWAY_MAX_DEPTH must be an integer/);
    expect(run.stderr).toMatch(/GATEWAY_RATE_LIMIT must be an integer/);
  });
});
