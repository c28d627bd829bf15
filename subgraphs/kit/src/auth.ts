import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { ResolverData } from 'type-graphql';
import type { JwtConfig } from './config';
import { ForbiddenError, InvalidTokenError, UnauthenticatedError } from './errors';
import { DEPARTMENT_CODE } from './validation';

export const ROLES = ['planner', 'inspector', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The caller, as proven by a verified token; `null` in a context means the public. */
export interface Caller {
  sub: string;
  department: string;
  roles: Role[];
}

export interface AuthContext {
  caller: Caller | null;
}

/** Verifies bearer tokens: HS256 with a shared secret, or RS256/ES256 through a JWKS URL. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly config: JwtConfig) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
      this.algorithms = ['RS256', 'ES256'];
    } else {
      this.key = new TextEncoder().encode(config.secret);
      this.algorithms = ['HS256'];
    }
  }

  /**
   * Returns the caller for an `Authorization` header value, `null` when there is none.
   * Throws InvalidTokenError (UNAUTHENTICATED, HTTP 401) for a malformed, expired or badly signed token: a bad token is
   * never silently treated as the public.
   */
  async verify(header: string | undefined | null): Promise<Caller | null> {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new InvalidTokenError('Authorization header must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      const opts = {
        algorithms: this.algorithms,
        issuer: this.config.issuer,
        audience: this.config.audience,
      };
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(match[1], this.key, opts)).payload
          : (await jwtVerify(match[1], this.key, opts)).payload;
    } catch (err) {
      const why =
        (err as { code?: string }).code === 'ERR_JWT_EXPIRED'
          ? 'the token has expired'
          : 'the token is invalid';
      throw new InvalidTokenError(`Authentication failed: ${why}`);
    }
    return callerFromClaims(payload);
  }
}

/** Checks the claims' shape; a token with unknown roles or no department is refused. */
function callerFromClaims(payload: JWTPayload): Caller {
  const department = payload.department;
  const roles = payload.roles;
  if (typeof payload.sub !== 'string' || !payload.sub)
    throw new InvalidTokenError('Token has no subject (sub)');
  if (typeof department !== 'string' || !DEPARTMENT_CODE.test(department)) {
    throw new InvalidTokenError('Token has no valid department claim');
  }
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((r) => (ROLES as readonly string[]).includes(r))
  ) {
    throw new InvalidTokenError(`Token roles must be a non-empty list of ${ROLES.join(', ')}`);
  }
  return { sub: payload.sub, department, roles: roles as Role[] };
}

/**
 * type-graphql's auth checker: `@Authorized()` needs any signed-in caller; `@Authorized('planner',
 * 'admin')` needs one of the roles. Department scope is checked by `requireDepartment`, because
 * it depends on the data being touched, not only on the field.
 */
// An arrow function on purpose: type-graphql takes a function with a prototype for an auth checker class.
export const authChecker = ({ context }: ResolverData<AuthContext>, roles: string[]): true => {
  const caller = context.caller;
  if (!caller) throw new UnauthenticatedError('This operation needs a signed-in caller');
  if (roles.length === 0) return true;
  if (caller.roles.some((r) => r === 'admin' || roles.includes(r))) return true;
  // Throwing (rather than returning false) keeps the stable FORBIDDEN code instead of type-graphql's generic error.
  throw new ForbiddenError(
    `This operation needs the role ${roles.join(' or ')}; you are ${caller.roles.join('/')} of "${caller.department}"`,
  );
};

/** Whether the caller is an admin or holds one of `roles` in `department`. */
export function hasDepartmentRole(
  caller: Caller | null,
  department: string,
  roles: Role[],
): boolean {
  if (!caller) return false;
  if (caller.roles.includes('admin')) return true;
  return caller.department === department && caller.roles.some((r) => roles.includes(r));
}

/** Throws FORBIDDEN unless the caller is an admin or holds one of `roles` in `department`. */
export function requireDepartment(
  caller: Caller | null,
  department: string,
  roles: Role[],
): Caller {
  if (!caller) throw new UnauthenticatedError('This operation needs a signed-in caller');
  if (!hasDepartmentRole(caller, department, roles)) {
    throw new ForbiddenError(
      `Only ${roles.join(' or ')} of department "${department}" (or an admin) may do this; you are ${caller.roles.join('/')} of "${caller.department}"`,
      { department },
    );
  }
  return caller;
}

/** Mints an HS256 token for development and tests (`npm run token`); production tokens come from the identity provider. */
export async function signDevToken(claims: {
  department: string;
  roles: Role[];
  sub?: string;
  expiresIn?: string;
  secret: string;
}): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT({ department: claims.department, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? `${claims.department}-${claims.roles.join('-')}`)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(claims.secret));
}
