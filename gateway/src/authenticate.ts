import type { NextFunction, Request, Response } from 'express';
import type { Caller, TokenVerifier } from '@jih/kit';

/** The outcome of verifying one request's bearer token. */
export interface Authentication {
  /** The verified caller; null for the public and for a bad token. */
  caller: Caller | null;
  /** Why the token was refused (UNAUTHENTICATED, HTTP 401), when it was. */
  error?: unknown;
}

const results = new WeakMap<Request, Authentication>();

/**
 * Verifies the bearer token once per HTTP request, before the rate limit (which keys on the
 * caller) and before GraphQL (whose context rethrows a refusal as HTTP 401 UNAUTHENTICATED).
 */
export function authenticate(verifier: TokenVerifier) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    try {
      results.set(req, { caller: await verifier.verify(req.header('authorization')) });
    } catch (error) {
      results.set(req, { caller: null, error });
    }
    next();
  };
}

/** The verification outcome of a request that went through `authenticate`. */
export function authenticationOf(req: Request): Authentication {
  return results.get(req) ?? { caller: null };
}
