import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import type { NextFunction, Request, Response } from 'express';

/** Header that carries one request's id from the caller, through the gateway, to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Accepts a caller's request id when it is sane, otherwise mints one; echoes it on the response. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header(REQUEST_ID_HEADER);
  const id = given && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
  (req as Request & { id: string }).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

export function requestIdOf(req: Request): string {
  return (req as Request & { id?: string }).id ?? randomUUID();
}

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE', 'DOWNSTREAM_SERVICE_ERROR', 'TOO_MANY_REQUESTS',
]);

/**
 * Error shaping shared by the gateway and every subgraph: client errors pass as they are; anything
 * else becomes INTERNAL_SERVER_ERROR with a generic message outside development, so no stack trace,
 * SQL or internal detail ever reaches a caller in production.
 */
export function formatError(development: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (CLIENT_CODES.has(code)) {
      if (development) return formatted;
      const { stacktrace: _s, exception: _e, ...rest } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions: { ...rest, code } };
    }
    if (development) return { ...formatted, extensions: { ...formatted.extensions, code } };
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
