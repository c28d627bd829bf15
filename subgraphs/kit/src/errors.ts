import { GraphQLError } from 'graphql';

/**
 * Client errors, one class per kind, each with a literal `extensions.code` that callers can
 * branch on. Messages state the contract and the offending value.
 */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code: 'NOT_FOUND' } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(
    message = 'You are not allowed to do this',
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code: 'FORBIDDEN' } });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'A valid token is required', extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code: 'UNAUTHENTICATED' } });
  }
}

/**
 * A bad token (malformed, expired, badly signed, wrong claims): refused as a whole request with
 * HTTP 401. Only token verification throws it; a field that needs a signed-in caller throws
 * UnauthenticatedError instead, which Apollo Server reports beside the data of the other fields
 * (an `http.status` on an execution error would turn the whole response into a 401 and lose them).
 */
export class InvalidTokenError extends UnauthenticatedError {
  constructor(message: string) {
    super(message, { http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code: 'CONFLICT' } });
  }
}

/** PostgreSQL error codes that are the caller's fault, mapped to client errors. */
export function fromDatabaseError(err: unknown, what: string): GraphQLError | unknown {
  const code = (err as { code?: string })?.code;
  const detail = (err as { detail?: string })?.detail;
  if (code === '23505')
    return new ConflictError(`${what} already exists${detail ? `: ${detail}` : ''}`);
  if (code === '23503')
    return new BadUserInputError(
      `${what} refers to something that does not exist${detail ? `: ${detail}` : ''}`,
    );
  if (code === '22001') return new BadUserInputError(`${what}: a value is too long`);
  return err;
}
