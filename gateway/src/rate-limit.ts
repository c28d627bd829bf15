import type { NextFunction, Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sendGraphQLError, type Caller } from '@jih/kit';
import type { GatewayLimits } from './config';
import type { GatewayMetrics } from './metrics';

/**
 * Per-caller rate limiting: `rateLimit` operations per `rateLimitWindowSeconds` for each verified
 * token subject, or each client IP address for the public and for bad tokens (so guessing tokens
 * is limited too). In memory, so per gateway instance: behind a load balancer of n gateways a
 * caller gets up to n times the limit (rate-limiter-flexible has a Redis store for a shared one).
 */
export class RateLimit {
  private readonly limiter: RateLimiterMemory | null;

  constructor(
    private readonly limits: GatewayLimits,
    private readonly metrics: GatewayMetrics,
    private readonly callerOf: (req: Request) => Caller | null,
  ) {
    this.limiter =
      limits.rateLimit > 0
        ? new RateLimiterMemory({
            points: limits.rateLimit,
            duration: limits.rateLimitWindowSeconds,
          })
        : null;
  }

  /** Before the body is read: one point for the request, so floods of unreadable bodies are limited too. */
  readonly admit = (req: Request, res: Response, next: NextFunction): void => {
    void this.charge(req, res, next, 1);
  };

  /** After the body is read: one more point for each further operation of a batch. */
  readonly chargeBatch = (req: Request, res: Response, next: NextFunction): void => {
    const extra = Array.isArray(req.body) ? req.body.length - 1 : 0;
    if (extra <= 0) return next();
    void this.charge(req, res, next, extra);
  };

  private async charge(
    req: Request,
    res: Response,
    next: NextFunction,
    points: number,
  ): Promise<void> {
    if (!this.limiter) return next();
    const caller = this.callerOf(req);
    const key = caller ? `sub:${caller.sub}` : `ip:${req.ip ?? 'unknown'}`;
    try {
      const state = await this.limiter.consume(key, points);
      res.setHeader('RateLimit-Limit', String(this.limits.rateLimit));
      res.setHeader('RateLimit-Remaining', String(state.remainingPoints));
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return next(rejection);
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      this.metrics.rejected.inc({ reason: 'rate_limit' });
      res.setHeader('Retry-After', String(retryAfterSeconds));
      res.setHeader('RateLimit-Limit', String(this.limits.rateLimit));
      res.setHeader('RateLimit-Remaining', '0');
      sendGraphQLError(
        res,
        429,
        'TOO_MANY_REQUESTS',
        `Rate limit of ${this.limits.rateLimit} operations per ${this.limits.rateLimitWindowSeconds} s exceeded; retry in ${retryAfterSeconds} s`,
        {
          retryAfterSeconds,
        },
      );
    }
  }
}
