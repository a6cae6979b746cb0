import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AuthError } from '../errors';
import { actorOf, assertRole, assertTenantAccess, issueToken, tokenVerifier } from './tokens';

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
        .setExpirationTime('1h')
        .sign(privateKey);
      const verify = tokenVerifier({ jwksUrl: url, issuer: 'spbe-ledger', audience: 'spbe-ledger' });
      expect(await verify(token)).toMatchObject({ id: 'u-9', roles: ['asesor'], unitId: null });
      await expect(verify(await issueToken(claims, settings))).rejects.toThrow('invalid token');
    });
  });
});
