import { SignJWT } from 'jose';
import { issueOperatorToken } from '@spbe/ledger-core';
import { ledgerUnderTest } from './testing/ledger';

const kupang = { tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' };

/** Token lifetime rules and the platform-operator credential over HTTP (issue 12 item 9). */
describe('tokens and platform operations (all-in-one app)', () => {
  const ledger = ledgerUnderTest('ops-auth');
  const { http } = ledger;
  let operator: string;

  beforeAll(async () => {
    operator = `Bearer ${await issueOperatorToken({ sub: 'op-1', name: 'Operator Platform' }, ledger.config.auth)}`;
    await http().post('/api/registry/tenants').set('authorization', await ledger.as('koordinator')).send(kupang).expect(201);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const signed = (times: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ name: 'Pejabat admin', tenant: 'kota-kupang', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('u-admin')
      .setIssuer(ledger.config.auth.issuer)
      .setAudience(ledger.config.auth.audience);
    if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
    if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
    return jwt.sign(new TextEncoder().encode(ledger.config.auth.secret)).then((t) => `Bearer ${t}`);
  };

  it.each([
    ['without exp', () => signed({ iat: now() })],
    ['without iat', () => signed({ exp: now() + 3600 })],
    ['living a day (above the 12 h maximum)', () => signed({ iat: now(), exp: now() + 86_400 })],
    ['issued a year in the future', () => signed({ iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 3600 })],
  ])('refuses a token %s (401)', async (_n, make) => {
    const res = await http().get('/api/registry/tenants/kota-kupang').set('authorization', await make()).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'UNAUTHENTICATED', message: expect.stringContaining(' / ') });
    await http().get('/api/registry/tenants/kota-kupang').set('authorization', await signed({ iat: now(), exp: now() + 3600 })).expect(200);
  });

  it.each([
    ['post', '/api/ops/ledger/seal', 201],
    ['post', '/api/ops/projections/audit-trail/rebuild', 201],
    ['get', '/api/ops/dead-letters', 200],
  ] as const)('%s %s: 403 for a tenant admin naming the rule, %i for the platform operator', async (method, path, ok) => {
    const admin = await http()[method](path).set('authorization', await ledger.as('admin')).expect(403);
    expect(admin.body).toMatchObject({ statusCode: 403, error: 'PLATFORM_OPERATOR_REQUIRED' });
    expect(admin.body.message).toMatch(/operator platform.* \/ .*platform.operator/i);
    await http()[method](path).set('authorization', await ledger.as('koordinator')).expect(403);
    await http()[method](path).expect(401);
    await http()[method](path).set('authorization', operator).expect(ok);
  });

  it("refuses the operator credential on a tenant's routes (403): it is not a tenant role", async () => {
    const res = await http().get('/api/registry/tenants/kota-kupang').set('authorization', operator).expect(403);
    expect(res.body.message).toContain('/api/ops');
    await http().get('/api/reporting/tenants/kota-kupang/integrity/verify').set('authorization', operator).expect(403);
    await http().post('/api/registry/tenants').set('authorization', operator).send({ ...kupang, tenantId: 'kota-op' }).expect(403);
  });
});

/** Rate limits on heavy routes (integrity verify, exports): per user, 429 with the usual error body. */
describe('rate limits on heavy routes (all-in-one app)', () => {
  const ledger = ledgerUnderTest('rate-limit', { env: { RATE_LIMIT_HEAVY_PER_MINUTE: '3' } });
  const { http } = ledger;

  beforeAll(async () => {
    await http().post('/api/registry/tenants').set('authorization', await ledger.as('koordinator')).send(kupang).expect(201);
  });

  it.each(['/api/reporting/tenants/kota-kupang/integrity/verify', '/api/reporting/tenants/kota-kupang/audit-trail/export', '/api/reporting/tenants/kota-kupang/integrity/export'])(
    'limits %s to RATE_LIMIT_HEAVY_PER_MINUTE per user (429 with Retry-After), leaving other users and light routes alone',
    async (path) => {
      const insp = await ledger.as('inspektorat', { sub: `insp-${path.length}` });
      // the routes' own answer does not matter here (an export is 409 while the ledger does not verify), only that it is not 429
      for (let i = 0; i < 3; i++) expect((await http().get(path).set('authorization', insp)).status).not.toBe(429);
      const limited = await http().get(path).set('authorization', insp).expect(429);
      expect(limited.body).toMatchObject({ statusCode: 429, error: 'TOO_MANY_REQUESTS', message: expect.stringContaining(' / ') });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await http().get(path).set('authorization', await ledger.as('inspektorat', { sub: `other-${path.length}` }))).status).not.toBe(429);
      for (let i = 0; i < 5; i++) await http().get('/api/registry/tenants/kota-kupang').set('authorization', insp).expect(200);
    },
  );
});
