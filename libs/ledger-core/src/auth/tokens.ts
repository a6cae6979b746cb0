import { createRemoteJWKSet, errors as joseErrors, jwtVerify, JWTPayload, SignJWT } from 'jose';
import { Actor, Role, ROLES } from '../envelope';
import { AuthError } from '../errors';

/** The authenticated user, from the bearer token. */
export interface Principal {
  id: string;
  name: string;
  tenantId: string;
  unitId: string | null;
  roles: Role[];
}

export interface TokenClaims {
  sub: string;
  name: string;
  tenant: string;
  unit?: string | null;
  roles: Role[];
}

export interface AuthSettings {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

export async function issueToken(claims: TokenClaims, settings: AuthSettings, ttlSeconds = 8 * 3600): Promise<string> {
  if (!settings.secret) throw new Error('issuing tokens needs an HS256 secret (AUTH_JWT_SECRET)');
  return new SignJWT({ name: claims.name, tenant: claims.tenant, unit: claims.unit ?? null, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(settings.secret));
}

export type TokenVerifier = (token: string) => Promise<Principal>;

/** HS256 with a shared secret, or RS/ES keys from a JWKS URL, by configuration. */
export function tokenVerifier(settings: AuthSettings): TokenVerifier {
  const key = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : new TextEncoder().encode(settings.secret ?? '');
  const algorithms = settings.jwksUrl ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'];
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms,
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new AuthError('unauthenticated', 'token expired / token kedaluwarsa');
      throw new AuthError('unauthenticated', 'invalid token signature or claims / token tidak sah');
    }
    return principalFrom(payload);
  };
}

function principalFrom(p: JWTPayload): Principal {
  const roles = Array.isArray(p.roles) ? (p.roles as string[]) : [];
  if (typeof p.sub !== 'string' || !p.sub) throw new AuthError('unauthenticated', 'token has no subject');
  if (typeof p.tenant !== 'string' || !p.tenant) throw new AuthError('unauthenticated', 'token has no tenant');
  if (typeof p.name !== 'string' || !p.name) throw new AuthError('unauthenticated', 'token has no name');
  if (roles.length === 0 || roles.some((r) => !ROLES.includes(r as Role) || r === 'system')) {
    throw new AuthError('unauthenticated', `token roles must be among ${ROLES.filter((r) => r !== 'system').join(', ')}`);
  }
  return { id: p.sub, name: p.name, tenantId: p.tenant, unitId: typeof p.unit === 'string' ? p.unit : null, roles: roles as Role[] };
}

/** The actor stamped on events: the principal acting in the given role (its first role by default). */
export function actorOf(principal: Principal, role?: Role): Actor {
  const r = role ?? principal.roles[0];
  if (!principal.roles.includes(r)) throw new AuthError('forbidden', `role ${r} is not held by ${principal.name}`);
  return { id: principal.id, name: principal.name, role: r, unitId: principal.unitId };
}

/** 403 unless the principal belongs to the tenant in the path. */
export function assertTenantAccess(principal: Principal, tenantId: string): void {
  if (principal.tenantId !== tenantId) {
    throw new AuthError('forbidden', `token is for tenant ${principal.tenantId}, not ${tenantId} / token bukan untuk Pemda ${tenantId}`);
  }
}

/** 403 unless the principal holds one of the roles. */
export function assertRole(principal: Principal, allowed: readonly Role[]): Role {
  const held = principal.roles.find((r) => allowed.includes(r));
  if (!held) throw new AuthError('forbidden', `requires one of the roles ${allowed.join(', ')} / membutuhkan peran ${allowed.join(', ')}`);
  return held;
}
