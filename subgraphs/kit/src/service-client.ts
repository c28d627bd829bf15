import { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER } from './http';

/** Who a service-to-service call is made for: the caller's token and request id travel along. */
export interface CallOrigin {
  authorization?: string;
  requestId?: string;
}

/**
 * Calls another subgraph's GraphQL endpoint directly (not through the gateway), forwarding the
 * caller's token so the callee applies its own authorization. Errors of the callee are re-thrown
 * with their `extensions.code` and the callee's name; an unreachable callee is
 * DOWNSTREAM_SERVICE_ERROR.
 */
export async function callSubgraph<T>(
  url: string,
  service: string,
  query: string,
  variables: Record<string, unknown>,
  origin: CallOrigin,
  timeoutMs = 10_000,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(origin.authorization ? { authorization: origin.authorization } : {}),
        ...(origin.requestId ? { [REQUEST_ID_HEADER]: origin.requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new GraphQLError(`The ${service} service did not answer: ${(err as Error).message}`, {
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: service },
    });
  }
  const body = (await res.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new GraphQLError(e.message, {
      extensions: {
        ...e.extensions,
        code: e.extensions?.code ?? 'DOWNSTREAM_SERVICE_ERROR',
        serviceName: service,
      },
    });
  }
  if (!body.data) {
    throw new GraphQLError(`The ${service} service answered ${res.status} without data`, {
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: service },
    });
  }
  return body.data;
}
