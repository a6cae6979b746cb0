import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AuthError } from '../errors';
import { actorOf, assertPlatformOperator, assertRole, assertTenantAccess, DEFAULT_TOKEN_MAX_LIFETIME_SECONDS, issueOperatorToken, issueToken, tokenVerifier } from './tokens';

const settings = { secret: 's'.repeat(40), issuer: 'spbe-ledger', audience: 'spbe-ledger' };
const claims = { sub: 'u-1', name: 'Maria Bere', tenant: 'kota-kupang', unit: 'inspektorat', roles: ['inspektorat' as const] };

describe('tokens', () => {
  it('issues and verifies an HS256 token carrying id, name, tenant, unit and roles', async () => {
    const principal = await tokenVerifier(settings)(await issueToken(claims, settings));
    expect(principal).toEqual({ id: 'u-1', name: 'Maria Bere', tenantId: 'kota-kupang', unitId: 'inspektorat', roles: ['inspektorat'] });
    expect(actorOf(principal)).toEqual({ id: 'u-1', name: 'Maria Bere', role: 'inspektorat', unitId: 'inspektorat' });
  });

  it.each([
    ['expired', async () => issueToken(claims, settings, -10), 'token expired'],
    ['signed with another secret', async () => issueToken(claims, { ...settings, secret: 'x'.repeat(40) }), 'invalid token'],
    ['for another audience', async () => issueToken(claims, { ...settings, audience: 'other' }), 'invalid token'],
    ['garbage', async () => 'not.a.token', 'invalid token'],
    ['with an unknown role', async () => issueToken({ ...claims, roles: ['raja' as never] }, settings), 'token roles must be among'],
  ])('rejects a token %s as unauthenticated', async (_name, make, message) => {
    const err = await tokenVerifier(settings)(await make()).catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.kind).toBe('unauthenticated');
    expect(err.message).toContain(message);
  });

  it('enforces tenant and role', async () => {
    const p = await tokenVerifier(settings)(await issueToken(claims, settings));
    expect(() => assertTenantAccess(p, 'kota-kupang')).not.toThrow();
    expect(() => assertTenantAccess(p, 'kota-dumai')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(assertRole(p, ['inspektorat', 'admin'])).toBe('inspektorat');
    expect(() => assertRole(p, ['asesor'])).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => actorOf(p, 'admin')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });

  describe('lifetime: exp and iat required, at most the maximum lifetime, iat not in the future', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const sign = (times: { iat?: number; exp?: number }, secret = settings.secret) => {
      const jwt = new SignJWT({ name: 'Maria Bere', tenant: 'kota-kupang', roles: ['asesor'] })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('u-1')
        .setIssuer(settings.issuer)
        .setAudience(settings.audience);
      if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
      if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
      return jwt.sign(new TextEncoder().encode(secret));
    };
    const refusal = async (token: Promise<string>, s: Parameters<typeof tokenVerifier>[0] = settings) => {
      const err = await tokenVerifier(s)(await token).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect((err as AuthError).kind).toBe('unauthenticated');
      return (err as AuthError).message;
    };

    it('defaults to a 12 h maximum lifetime, and issueToken issues valid tokens by default (8 h)', async () => {
      expect(DEFAULT_TOKEN_MAX_LIFETIME_SECONDS).toBe(12 * 3600);
      await expect(tokenVerifier(settings)(await issueToken(claims, settings))).resolves.toMatchObject({ id: 'u-1' });
      await expect(tokenVerifier(settings)(await issueToken(claims, settings, 12 * 3600))).resolves.toMatchObject({ id: 'u-1' });
    });

    it.each([
      ['without exp', () => sign({ iat: now() }), 'exp'],
      ['without iat', () => sign({ exp: now() + 3600 }), 'iat'],
      ['with neither exp nor iat', () => sign({}), 'exp'],
      ['living longer than 12 h (exp - iat)', () => sign({ iat: now(), exp: now() + 12 * 3600 + 1 }), '12 h'],
      ['issued a year in the future', () => sign({ iat: now() + 365 * 86400, exp: now() + 365 * 86400 + 3600 }), 'future'],
      ['issued 2 minutes in the future (beyond the 60 s skew)', () => sign({ iat: now() + 120, exp: now() + 3600 }), 'future'],
    ])('refuses a token %s (401)', async (_n, make, word) => {
      const message = await refusal(make());
      expect(message).toContain(word);
      expect(message).toContain(' / ');
    });

    it('accepts an iat within the clock skew, and honours a configured lifetime and skew', async () => {
      await expect(tokenVerifier(settings)(await sign({ iat: now() + 30, exp: now() + 3600 }))).resolves.toMatchObject({ id: 'u-1' });
      expect(await refusal(sign({ iat: now() + 30, exp: now() + 3600 }), { ...settings, clockSkewSeconds: 0 })).toContain('future');
      expect(await refusal(sign({ iat: now(), exp: now() + 3600 }), { ...settings, maxLifetimeSeconds: 1800 })).toContain('30 min');
    });

    it('will not issue a token beyond the maximum lifetime', async () => {
      await expect(issueToken(claims, settings, 13 * 3600)).rejects.toThrow('maximum');
      await expect(issueToken(claims, { ...settings, maxLifetimeSeconds: 600 }, 601)).rejects.toThrow('maximum');
    });
  });

  describe('platform operator credential', () => {
    const operator = { sub: 'op-1', name: 'Operator Platform' };

    it('is a claim with no tenant and no tenant role', async () => {
      const principal = await tokenVerifier(settings)(await issueOperatorToken(operator, settings));
      expect(principal).toEqual({ id: 'op-1', name: 'Operator Platform', tenantId: '', unitId: null, roles: [], platformOperator: true });
      expect(() => assertPlatformOperator(principal)).not.toThrow();
      expect(() => assertTenantAccess(principal, 'kota-kupang')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
      expect(() => assertRole(principal, ['admin'])).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    });

    it('is never a tenant admin', async () => {
      const admin = await tokenVerifier(settings)(await issueToken({ ...claims, roles: ['admin'] }, settings));
      expect(admin.platformOperator).toBeUndefined();
      const err = (() => {
        try {
          assertPlatformOperator(admin);
        } catch (e) {
          return e as AuthError;
        }
      })();
      expect(err).toMatchObject({ kind: 'forbidden', code: 'PLATFORM_OPERATOR_REQUIRED' });
      expect(err?.message).toContain('/api/ops');
    });

    it.each([
      ['with a tenant', { platformOperator: true, name: 'X', tenant: 'kota-kupang' }],
      ['with tenant roles', { platformOperator: true, name: 'X', roles: ['admin'] }],
      ['with platformOperator other than true', { platformOperator: 'yes', name: 'X' }],
    ])('refuses an operator claim %s (401)', async (_n, body) => {
      const token = await new SignJWT(body)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('op-1')
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(settings.secret));
      await expect(tokenVerifier(settings)(token)).rejects.toMatchObject({ kind: 'unauthenticated' });
    });
  });

  describe('with a JWKS URL', () => {
    let server: Server;
    let url: string;
    let privateKey: Parameters<SignJWT["sign"]>[0];
    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(() => new Promise((r) => server.close(r)));

    it('verifies RS256 tokens from the identity provider and refuses HS256 ones', async () => {
      const token = await new SignJWT({ name: 'Maria Bere', tenant: 'kota-kupang', roles: ['asesor'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('u-9')
        .setIssuer('spbe-ledger')
        .setAudience('spbe-ledger')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
      const verify = tokenVerifier({ jwksUrl: url, issuer: 'spbe-ledger', audience: 'spbe-ledger' });
      expect(await verify(token)).toMatchObject({ id: 'u-9', roles: ['asesor'], unitId: null });
      await expect(verify(await issueToken(claims, settings))).rejects.toThrow('invalid token');
    });
  });
});
