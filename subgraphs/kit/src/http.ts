import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

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
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'DOWNSTREAM_SERVICE_ERROR',
  'TOO_MANY_REQUESTS',
  'PAYLOAD_TOO_LARGE',
]);

/**
 * Error shaping shared by the gateway and every subgraph: client errors pass as they are; anything
 * else becomes INTERNAL_SERVER_ERROR with a generic message outside development, so no stack trace,
 * SQL or internal detail ever reaches a caller in production. Outside development, graphql-js's
 * "Did you mean …?" hints (field, argument, type and enum value names) are cut from every message,
 * so a schema closed to introspection cannot be guessed from its error messages.
 */
export function formatError(development: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (CLIENT_CODES.has(code)) {
      // graphql-armor words its limit breaches as "Syntax Error: …"; they are validation failures.
      if (code === 'GRAPHQL_VALIDATION_FAILED')
        formatted = {
          ...formatted,
          message: formatted.message.replace(/^Syntax Error: (?=Query |Aliases |Directives )/, ''),
        };
      if (development) return formatted;
      const {
        stacktrace: _s,
        exception: _e,
        ...rest
      } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return {
        ...formatted,
        message: withoutSuggestions(formatted.message),
        extensions: { ...rest, code },
      };
    }
    if (development) return { ...formatted, extensions: { ...formatted.extensions, code } };
    // The failing subgraph's name is no secret and tells the caller (and the on-call) where to look.
    const serviceName = formatted.extensions?.serviceName;
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        ...(typeof serviceName === 'string' ? { serviceName } : {}),
      },
    };
  };
}

/** Cuts graphql-js's "Did you mean …?" hints out of a message. */
function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

/**
 * Answers what Node's HTTP parser refuses (a request line or headers over the size limit, a
 * malformed request) with a JSON GraphQL error instead of Node's bare status line.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const [status, reason, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            'BAD_REQUEST',
            'The request line and headers exceed the size limit',
          ]
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'BAD_REQUEST', 'The request took too long to arrive']
          : [400, 'Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP'];
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Sends a GraphQL-shaped error from plain Express code, for requests refused before Apollo Server sees them. */
export function sendGraphQLError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.status(status).json({ errors: [{ message, extensions: { ...extensions, code } }] });
}

/**
 * Express error handler: a body that is too large, malformed JSON or an unsupported charset is a
 * clean JSON 4xx with a code; anything else a generic 500 without detail (Express's own handler
 * would answer HTML with a stack trace outside production). `onError` sees each error with the
 * status it was answered with, for logs and metrics.
 */
export function httpErrorHandler(onError?: (err: unknown, status: number) => void) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const e = err as { type?: string; status?: number; limit?: number };
    const [status, code, message] =
      e.type === 'entity.too.large'
        ? [413, 'PAYLOAD_TOO_LARGE', `The request body exceeds the limit of ${e.limit} bytes`]
        : e.type === 'entity.parse.failed'
          ? [400, 'BAD_REQUEST', 'The request body is not valid JSON']
          : e.type === 'charset.unsupported' || e.type === 'encoding.unsupported'
            ? [415, 'BAD_REQUEST', 'The request body must be UTF-8 JSON']
            : typeof e.status === 'number' && e.status >= 400 && e.status < 500
              ? [e.status, 'BAD_REQUEST', 'The request could not be read']
              : [500, 'INTERNAL_SERVER_ERROR', 'Internal server error'];
    onError?.(err, status);
    sendGraphQLError(res, status, code, message);
  };
}

/** JSON 404 for any path the service does not serve. */
export function notFoundHandler(req: Request, res: Response): void {
  sendGraphQLError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${req.path.slice(0, 100)}`);
}
