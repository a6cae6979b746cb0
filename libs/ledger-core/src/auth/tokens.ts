import { createRemoteJWKSet, errors as joseErrors, jwtVerify, JWTPayload, SignJWT } from 'jose';
import { Actor, Role, ROLES } from '../envelope';
import { AuthError, LedgerError } from '../errors';

/**
 * The authenticated user, from the bearer token: an official of one tenant with tenant roles, or a
 * platform operator (`platformOperator: true`, no tenant, no roles) who may call only the platform
 * operations under `/api/ops/*`.
 */
export interface Principal {
  id: string;
  name: string;
  /** The Pemda; empty for a platform operator. */
  tenantId: string;
  unitId: string | null;
  roles: Role[];
  /** Set only on a platform-operator credential (never together with a tenant or roles). */
  platformOperator?: true;
}

export interface TokenClaims {
  sub: string;
  name: string;
  tenant: string;
  unit?: string | null;
  roles: Role[];
}

/** A platform operator: a person, not a tenant role (issued by `npm run token -- --operator --name "…"`). */
export interface OperatorClaims {
  sub: string;
  name: string;
}

export interface AuthSettings {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Longest accepted `exp - iat` in seconds (AUTH_TOKEN_MAX_LIFETIME_SECONDS); default 12 h. */
  maxLifetimeSeconds?: number;
  /** How far `iat` may lie in the future, for clocks that differ (AUTH_CLOCK_SKEW_SECONDS); default 60 s. */
  clockSkewSeconds?: number;
}

export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 12 * 3600;
export const DEFAULT_TOKEN_CLOCK_SKEW_SECONDS = 60;
/** The lifetime issueToken and `npm run token` use unless told otherwise. */
export const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;

/** e.g. `12 h`, `30 min`, `90 s`. */
export function describeSeconds(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

function sign(body: Record<string, unknown>, sub: string, settings: AuthSettings, ttlSeconds: number): Promise<string> {
  if (!settings.secret) throw new Error('issuing tokens needs an HS256 secret (AUTH_JWT_SECRET)');
  const max = settings.maxLifetimeSeconds ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS;
  if (ttlSeconds > max) throw new Error(`a token may live at most ${describeSeconds(max)} (the maximum lifetime, AUTH_TOKEN_MAX_LIFETIME_SECONDS); asked for ${ttlSeconds} s`);
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(new TextEncoder().encode(settings.secret));
}

/** An official's token (HS256): tenant, unit and roles; 8 h by default, never beyond the maximum lifetime. */
export async function issueToken(claims: TokenClaims, settings: AuthSettings, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS): Promise<string> {
  return sign({ name: claims.name, tenant: claims.tenant, unit: claims.unit ?? null, roles: claims.roles }, claims.sub, settings, ttlSeconds);
}

/** A platform operator's token (HS256): `platformOperator: true`, no tenant, no roles. */
export async function issueOperatorToken(claims: OperatorClaims, settings: AuthSettings, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS): Promise<string> {
  return sign({ name: claims.name, platformOperator: true }, claims.sub, settings, ttlSeconds);
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
    assertLifetime(payload, settings);
    return principalFrom(payload);
  };
}

/** `exp` and `iat` present, `iat` not in the future beyond the skew, `exp - iat` within the maximum lifetime. */
function assertLifetime(p: JWTPayload, settings: AuthSettings): void {
  const max = settings.maxLifetimeSeconds ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS;
  const skew = settings.clockSkewSeconds ?? DEFAULT_TOKEN_CLOCK_SKEW_SECONDS;
  if (typeof p.exp !== 'number') throw new AuthError('unauthenticated', 'token tanpa masa berlaku (exp) ditolak / token has no exp (expiry) claim');
  if (typeof p.iat !== 'number') throw new AuthError('unauthenticated', 'token tanpa waktu terbit (iat) ditolak / token has no iat (issued-at) claim');
  const now = Math.floor(Date.now() / 1000);
  if (p.iat > now + skew) {
    throw new AuthError('unauthenticated', `token diterbitkan di masa depan / token issued in the future (iat ${new Date(p.iat * 1000).toISOString()}, more than ${skew} s ahead)`);
  }
  if (p.exp - p.iat > max) {
    throw new AuthError('unauthenticated', `masa berlaku token melebihi ${describeSeconds(max)} / token lifetime (exp - iat) exceeds the maximum of ${describeSeconds(max)}`);
  }
}

function principalFrom(p: JWTPayload): Principal {
  if (p.platformOperator !== undefined) return operatorFrom(p);
  const roles = Array.isArray(p.roles) ? (p.roles as string[]) : [];
  if (typeof p.sub !== 'string' || !p.sub) throw new AuthError('unauthenticated', 'token has no subject');
  if (typeof p.tenant !== 'string' || !p.tenant) throw new AuthError('unauthenticated', 'token has no tenant');
  if (typeof p.name !== 'string' || !p.name) throw new AuthError('unauthenticated', 'token has no name');
  if (roles.length === 0 || roles.some((r) => !ROLES.includes(r as Role) || r === 'system')) {
    throw new AuthError('unauthenticated', `token roles must be among ${ROLES.filter((r) => r !== 'system').join(', ')}`);
  }
  return { id: p.sub, name: p.name, tenantId: p.tenant, unitId: typeof p.unit === 'string' ? p.unit : null, roles: roles as Role[] };
}

/** A platform operator: `platformOperator: true` and nothing of a tenant (a token mixing both is refused). */
function operatorFrom(p: JWTPayload): Principal {
  if (p.platformOperator !== true) throw new AuthError('unauthenticated', 'platformOperator must be true / klaim platformOperator tidak sah');
  if (typeof p.sub !== 'string' || !p.sub) throw new AuthError('unauthenticated', 'token has no subject');
  if (typeof p.name !== 'string' || !p.name) throw new AuthError('unauthenticated', 'token has no name');
  if (p.tenant !== undefined || (Array.isArray(p.roles) ? p.roles.length > 0 : p.roles !== undefined) || (p.unit !== undefined && p.unit !== null)) {
    throw new AuthError('unauthenticated', 'kredensial operator platform tidak boleh memuat Pemda atau peran / a platform-operator token carries no tenant, unit or roles');
  }
  return { id: p.sub, name: p.name, tenantId: '', unitId: null, roles: [], platformOperator: true };
}

/** The rule behind `/api/ops/*`: platform operations need the platform-operator credential, never a tenant role. */
export const PLATFORM_OPERATOR_RULE =
  'operasi platform (/api/ops/*) hanya untuk kredensial operator platform, bukan admin Pemda / platform operations (/api/ops/*) require the platform-operator credential (npm run token -- --operator), not a tenant role such as admin';

/** 403 unless the principal is a platform operator (a tenant admin is not). */
export function assertPlatformOperator(principal: Principal): void {
  if (principal.platformOperator !== true) throw new LedgerError('forbidden', 'PLATFORM_OPERATOR_REQUIRED', PLATFORM_OPERATOR_RULE);
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
