import { issueOperatorToken, issueToken, verifyInclusion } from '@spbe/ledger-core';
import { waitFor } from '@spbe/ledger-core/testing';
import { ledgerUnderTest } from './testing/ledger';

describe('all-in-one app (embedded adapters) over HTTP', () => {
  const ledger = ledgerUnderTest('app', { env: { MAX_PAYLOAD_BYTES: '4096' } });
  const { http } = ledger;
  let koordinator: string;

  const token = (tenant: string, roles: string[], name = 'Yohanes Koordinator') =>
    issueToken({ sub: name.toLowerCase().replace(/ /g, '-'), name, tenant, roles: roles as never }, ledger.config.auth);
  const kupang = { tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' };

  beforeAll(async () => {
    koordinator = await token('kota-kupang', ['koordinator']);
  });

  it('answers health without a token, with every adapter up', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.body.checks).toMatchObject({ eventStore: { status: 'up', adapter: 'embedded' }, bus: { status: 'up', adapter: 'memory' }, readModels: { status: 'up', adapter: 'memory' } });
    await http().get('/health/live').expect(200, { status: 'ok', service: 'ledger' });
  });

  it('serves the OpenAPI document and the dashboard page', async () => {
    const doc = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/registry/tenants', '/api/reporting/tenants/{tenantId}/audit-trail', '/health']));
    const page = await http().get('/').expect(200);
    expect(page.text).toContain('Buku Besar Tata Kelola SPBE');
  });

  it('rejects a missing, wrongly signed or expired token (401) and another tenant (403)', async () => {
    await http().get('/api/registry/tenants/kota-kupang').expect(401);
    await http().get('/api/registry/tenants/kota-kupang').set('authorization', 'Bearer abc.def.ghi').expect(401);
    const expired = await issueToken({ sub: 'x', name: 'X', tenant: 'kota-kupang', roles: ['viewer'] }, ledger.config.auth, -5);
    const res = await http().get('/api/registry/tenants/kota-kupang').set('authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.message).toContain('token expired');
    const dumai = await token('kota-dumai', ['koordinator']);
    await http().get('/api/registry/tenants/kota-kupang').set('authorization', `Bearer ${dumai}`).expect(403);
    await http().post('/api/registry/tenants').set('authorization', `Bearer ${dumai}`).send(kupang).expect(403);
  });

  it('registers a tenant, stamps the actor, refuses a duplicate (409) and replays an idempotent retry', async () => {
    const first = await http()
      .post('/api/registry/tenants')
      .set('authorization', `Bearer ${koordinator}`)
      .set('Idempotency-Key', 'req-kupang-1')
      .set('X-Correlation-Id', 'corr-kupang-1')
      .send(kupang)
      .expect(201);
    expect(first.body).toMatchObject({ tenantId: 'kota-kupang', version: 0, replayed: false });
    const retry = await http().post('/api/registry/tenants').set('authorization', `Bearer ${koordinator}`).set('Idempotency-Key', 'req-kupang-1').send(kupang).expect(201);
    expect(retry.body).toMatchObject({ eventIds: first.body.eventIds, replayed: true });
    const dup = await http().post('/api/registry/tenants').set('authorization', `Bearer ${koordinator}`).send(kupang).expect(409);
    expect(dup.body.error).toBe('TENANT_EXISTS');
    const state = await http().get('/api/registry/tenants/kota-kupang').set('authorization', `Bearer ${koordinator}`).expect(200);
    expect(state.body).toMatchObject({ registered: true, profileId: 'kupang-perwali-11-2025', version: 0 });
    const history = await http().get('/api/registry/tenants/kota-kupang/history').set('authorization', `Bearer ${koordinator}`).expect(200);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0].actor).toEqual({ id: 'yohanes-koordinator', name: 'Yohanes Koordinator', role: 'koordinator', unitId: null });
    expect(history.body.items[0]).toMatchObject({ commandId: 'req-kupang-1', correlationId: 'corr-kupang-1' });
    const bad = await http().post('/api/registry/tenants').set('authorization', `Bearer ${koordinator}`).set('X-Correlation-Id', 'bad id!').send(kupang).expect(400);
    expect(bad.body.message).toContain('x-correlation-id');
  });

  it.each([
    ['an unknown profile', { ...kupang, tenantId: 'kota-x', profileId: 'jakarta-2020' }, 400, 'profileId must be one of'],
    ['an unknown field', { ...kupang, tenantId: 'kota-x', extra: true }, 400, 'property extra should not exist'],
    ['a bad kind', { ...kupang, tenantId: 'kota-x', kind: 'provinsi' }, 400, 'kind must be one of'],
    ['an oversized body', { ...kupang, tenantId: 'kota-x', name: 'x'.repeat(80 * 1024) }, 413, 'too large'],
  ])('refuses %s with a clear error and records nothing', async (_n, body, status, message) => {
    const t = await token('kota-x', ['koordinator']);
    const res = await http().post('/api/registry/tenants').set('authorization', `Bearer ${t}`).send(body).expect(status);
    expect(res.body.message).toContain(message);
    await http().get('/api/registry/tenants/kota-x').set('authorization', `Bearer ${t}`).expect(404);
  });

  it('refuses a role that may not register a Pemda (403)', async () => {
    const asesor = await token('kota-mojokerto', ['asesor']);
    const res = await http()
      .post('/api/registry/tenants')
      .set('authorization', `Bearer ${asesor}`)
      .send({ ...kupang, tenantId: 'kota-mojokerto', kind: 'kabupaten', profileId: 'mojokerto-perbup-15-2021' })
      .expect(403);
    expect(res.body.message).toContain('requires one of the roles admin, koordinator');
  });

  it('projects the event into the audit trail, filters it, and rejects bad queries', async () => {
    const trail = async (q: string) => http().get(`/api/reporting/tenants/kota-kupang/audit-trail${q}`).set('authorization', `Bearer ${koordinator}`);
    await waitFor(async () => (await trail('')).body.items?.length === 1);
    const res = await trail('?type=TenantRegistered&actor=Yohanes%20Koordinator&role=koordinator');
    expect(res.body.items[0]).toMatchObject({ type: 'TenantRegistered', entityType: 'registry.tenant', summary: { id: expect.stringContaining('didaftarkan') } });
    expect((await trail('?type=AuditPlanned')).body.items).toEqual([]);
    expect((await trail('?limit=500')).status).toBe(400);
    expect((await trail('?cursor=zzz')).status).toBe(400);
    expect((await trail('?from=2026-02-01&to=2026-01-01')).status).toBe(400);
  });

  it('seals the ledger, verifies it and proves an event, with the same key after a restart', async () => {
    const admin = await token('kota-kupang', ['admin'], 'Admin Kupang');
    const operator = await issueOperatorToken({ sub: 'op-1', name: 'Operator Platform' }, ledger.config.auth);
    const [event] = (await http().get('/api/registry/tenants/kota-kupang/history').set('authorization', `Bearer ${koordinator}`)).body.items;
    await http().post('/api/ops/ledger/seal').set('authorization', `Bearer ${koordinator}`).expect(403);
    await http().post('/api/ops/ledger/seal').set('authorization', `Bearer ${admin}`).expect(403); // a tenant admin does not run the platform
    const sealed = await http().post('/api/ops/ledger/seal').set('authorization', `Bearer ${operator}`).expect(201);
    expect(sealed.body.sealed.length).toBeGreaterThanOrEqual(0);
    const verify = await http().get('/api/reporting/tenants/kota-kupang/integrity/verify').set('authorization', `Bearer ${koordinator}`).expect(200);
    expect(verify.body).toMatchObject({ ok: true, streams: 1, events: 1 });
    expect(verify.body.checkpoints).toBeGreaterThanOrEqual(1);
    const proof = await http().get(`/api/reporting/tenants/kota-kupang/integrity/proof/${event.eventId}`).set('authorization', `Bearer ${koordinator}`).expect(200);
    expect(proof.body).toMatchObject({ eventId: event.eventId, eventHash: event.hash });
    expect(verifyInclusion(proof.body.eventHash, proof.body.index, proof.body.treeSize, proof.body.proof, proof.body.checkpoint.root)).toBe(true);
    await http().get('/api/reporting/tenants/kota-kupang/integrity/proof/01a20300-0000-7000-8000-00000000dead').set('authorization', `Bearer ${koordinator}`).expect(404);
  });

  it('keeps events across a restart and rebuilds the in-memory read models from the log', async () => {
    await ledger.restart();
    await http().get('/api/registry/tenants/kota-kupang').set('authorization', `Bearer ${koordinator}`).expect(200);
    const verify = await http().get('/api/reporting/tenants/kota-kupang/integrity/verify').set('authorization', `Bearer ${koordinator}`).expect(200);
    expect(verify.body.ok).toBe(true); // checkpoints signed before the restart still verify with the kept key
    await waitFor(async () => {
      const r = await http().get('/api/reporting/tenants/kota-kupang/audit-trail').set('authorization', `Bearer ${koordinator}`);
      return r.body.items?.length === 1;
    });
  });
});
