import type { GraphQLResponse } from './federation';

/** A raw HTTP exchange, for tests that send what a GraphQL client never would. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

/** Sends one HTTP request and reads the whole answer (bounded by `timeoutMs`). */
export async function send(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
    timeoutMs?: number;
  } = {},
): Promise<RawResponse> {
  const res = await fetch(url, {
    method: init.method ?? 'POST',
    headers: init.headers ?? { 'content-type': 'application/json' },
    body: init.body as RequestInit['body'],
    signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Sends a GraphQL operation and returns its parsed answer, as a client would see it. */
export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}
