import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { Caller } from './auth';
import { requestIdOf } from './http';
import type { Logger } from './logger';

/**
 * What one request's log line says beyond the HTTP basics. The GraphQL layer fills it in (the
 * context sets the caller, the plugin the operation and error codes) and the HTTP layer writes it
 * when the response is finished, so requests refused before GraphQL (401, 413, 429) are logged too.
 */
export interface RequestLogFields {
  operationName?: string;
  operationType?: string;
  caller?: Pick<Caller, 'sub' | 'department'> | null;
  errorCodes?: string[];
}

/** The fields of the request being answered on `res`, created on first use. */
export function requestLogOf(res: Response): RequestLogFields {
  const locals = res.locals as { requestLog?: RequestLogFields };
  locals.requestLog ??= {};
  return locals.requestLog;
}

/**
 * Writes one structured line per request when its response is finished: request id, method, path,
 * status, duration, operation, the caller's subject and department, error codes. Never headers, so
 * never a token. Health checks and metric scrapes log at debug level only.
 */
export function requestLogMiddleware(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const path = req.path; // taken now: a router mounted at a path rewrites it
    res.on('finish', () => {
      const f = requestLogOf(res);
      const status = res.statusCode;
      const line = {
        requestId: requestIdOf(req),
        method: req.method,
        path: path.slice(0, 200),
        status,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        operationName: f.operationName,
        operationType: f.operationType,
        callerSub: f.caller?.sub,
        callerDepartment: f.caller?.department,
        errorCodes: f.errorCodes?.length ? [...new Set(f.errorCodes)] : undefined,
      };
      if (path === '/health' || path === '/metrics') log.debug(line, 'request');
      else if (status >= 500) log.error(line, 'request');
      else log.info(line, 'request');
    });
    next();
  };
}

/**
 * Apollo Server plugin that records the operation name and type and the error codes of each
 * operation into the context's `requestLog` (batched operations are joined with commas).
 */
export function requestLogPlugin<
  C extends { requestLog?: RequestLogFields },
>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const fields = contextValue.requestLog;
      if (!fields) return;
      return {
        async didResolveOperation(ctx) {
          const name = ctx.operationName ?? '(anonymous)';
          fields.operationName = fields.operationName ? `${fields.operationName},${name}` : name;
          fields.operationType ??= ctx.operation?.operation;
        },
        async didEncounterErrors(ctx) {
          (fields.errorCodes ??= []).push(
            ...ctx.errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
          );
        },
      };
    },
  };
}
