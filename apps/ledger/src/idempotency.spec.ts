import { ledgerUnderTest } from './testing/ledger';

/** Issue 12 item 7: an Idempotency-Key is scoped to the caller's tenant. */
describe('Idempotency-Key per tenant over HTTP', () => {
  const ledger = ledgerUnderTest('idempotency');
  const { http } = ledger;
  const auth: Record<string, string> = {};
  const other = (t: string) => (t === 'kota-alpha' ? 'kota-beta' : 'kota-alpha');
  const register = (t: string, key: string) =>
    http()
      .post('/api/registry/tenants')
      .set('authorization', auth[t])
      .set('Idempotency-Key', key)
      .send({ tenantId: t, name: `Pemerintah ${t}`, kind: 'kota', profileId: 'kupang-perwali-11-2025' });
  const addUnit = (t: string, unitId: string, key: string) =>
    http().post(`/api/registry/tenants/${t}/units`).set('authorization', auth[t]).set('Idempotency-Key', key).send({ unitId, name: `Perangkat Daerah ${unitId}`, kind: 'opd' });

  beforeAll(async () => {
    for (const t of ['kota-alpha', 'kota-beta']) auth[t] = await ledger.as('koordinator', { tenant: t, sub: `koordinator-${t}` });
  });

  it('two tenants send the same key: both 201, each retry replays its own result, no body names the other tenant', async () => {
    const beta = await register('kota-beta', 'req-shared-1').expect(201);
    const alpha = await register('kota-alpha', 'req-shared-1').expect(201);
    expect(beta.body).toMatchObject({ tenantId: 'kota-beta', replayed: false });
    expect(alpha.body).toMatchObject({ tenantId: 'kota-alpha', replayed: false });
    expect(alpha.body.eventIds).not.toEqual(beta.body.eventIds);
    const alphaRetry = await register('kota-alpha', 'req-shared-1').expect(201);
    expect(alphaRetry.body).toMatchObject({ eventIds: alpha.body.eventIds, replayed: true });
    const betaRetry = await register('kota-beta', 'req-shared-1').expect(201);
    expect(betaRetry.body).toMatchObject({ eventIds: beta.body.eventIds, replayed: true });

    const unitA = await addUnit('kota-alpha', 'opd-1', 'req-unit-1').expect(201);
    const unitB = await addUnit('kota-beta', 'opd-1', 'req-unit-1').expect(201);
    expect(unitB.body.replayed).toBe(false);
    expect(unitB.body.eventIds).not.toEqual(unitA.body.eventIds);
    for (const [t, res] of [['kota-alpha', alpha], ['kota-alpha', alphaRetry], ['kota-beta', beta], ['kota-beta', betaRetry], ['kota-alpha', unitA], ['kota-beta', unitB]] as const) {
      expect(res.text).not.toContain(other(t));
    }
    const history = await http().get('/api/registry/tenants/kota-beta/units/opd-1/history').set('authorization', auth['kota-beta']).expect(200);
    expect(history.text).not.toContain('kota-alpha');
  });

  it('a key reused on another stream of the same tenant is a 409 naming only that tenant\'s stream', async () => {
    await addUnit('kota-beta', 'opd-7', 'req-unit-7').expect(201);
    await addUnit('kota-alpha', 'opd-7', 'req-unit-7').expect(201);
    const reuse = await addUnit('kota-alpha', 'opd-8', 'req-unit-7').expect(409);
    expect(reuse.body.error).toBe('COMMAND_ID_REUSED');
    expect(reuse.text).toContain('kota-alpha:registry.unit:opd-7');
    expect(reuse.text).not.toContain('kota-beta');
  });
});
