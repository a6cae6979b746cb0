import { issueToken } from '@spbe/ledger-core';
import { waitFor } from '@spbe/ledger-core/testing';
import { ledgerUnderTest } from './testing/ledger';

/**
 * The registry records decisions; reporting projects them (in-process bus here) and the compliance
 * view runs the regulation profile's rules engine over them.
 */
describe('compliance view over recorded decisions (all-in-one app)', () => {
  const ledger = ledgerUnderTest('compliance');
  const { http, as } = ledger;
  const base = '/api/registry/tenants/kota-kupang';
  // The unit enters the ledger the day the test runs: the year under test is this one, looked at on
  // 15 December (or today, when that is later), when its yearly duties are due soon.
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const lateInYear = today > `${year}-12-15` ? today : `${year}-12-15`;
  const compliance = async (q: string) => http().get(`/api/reporting/tenants/kota-kupang/compliance${q}`).set('authorization', await as('inspektorat'));

  beforeAll(async () => {
    const k = await as('koordinator');
    await http().post('/api/registry/tenants').set('authorization', k).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    await http().post(`${base}/units`).set('authorization', k).send({ unitId: 'dinas-kesehatan', name: 'Dinas Kesehatan', kind: 'opd' }).expect(201);
    const decree = { number: `188.45/1/HK/${year - 4}`, date: `${year - 5}-12-20`, signer: 'Wali Kota Kupang' };
    await http().post(`${base}/architectures`).set('authorization', k).send({ architectureId: 'arsitektur-lima-tahun', title: `Arsitektur SPBE Kota Kupang ${year - 4}–${year}`, validFrom: `${year - 4}-01-01`, decree }).expect(201);
    await http().post(`${base}/architectures/arsitektur-lima-tahun/reviews`).set('authorization', await as('dinas')).send({ reviewId: 'reviu-paruh-waktu', kind: 'mid-term', heldOn: `${year - 2}-06-10`, outcome: 'tetap', summary: 'Reviu paruh waktu' }).expect(201);
  });

  it('reports every obligation with status, due date, evidence and citation', async () => {
    await waitFor(async () => (await compliance(`?asOf=${lateInYear}`)).body.obligations?.some((o: { ruleId: string; status: string }) => o.ruleId === 'R-ARC-08.mid-term' && o.status === 'fulfilled'));
    const res = await compliance(`?asOf=${lateInYear}`);
    expect(res.status).toBe(200);
    const rule = (id: string, subject?: string) => res.body.obligations.find((o: { ruleId: string; subject: { id: string } }) => o.ruleId === id && (!subject || o.subject.id === subject));
    expect(rule('R-ARC-08.mid-term')).toMatchObject({ status: 'fulfilled', period: { from: `${year - 2}-01-01`, to: `${year - 2}-12-31` }, citation: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 8(2)' }, evidence: [expect.any(String)] });
    expect(rule('R-ARC-08.final-year')).toMatchObject({ status: 'due-soon', dueDate: `${year}-12-31`, actor: { duty: 'architectureReviewer', holder: 'dinas' } });
    expect(rule('R-INF-05', 'dinas-kesehatan')).toMatchObject({ status: 'due-soon', dueDate: `${year}-12-31`, citation: { article: 'Pasal 25(1)' } });
    expect(rule('R-EVA-02')).toMatchObject({ status: 'due-soon', subject: { kind: 'tenant', id: 'kota-kupang' }, citation: { article: 'Pasal 53(2)' } });
    expect(res.body.summary['due-soon']).toBeGreaterThanOrEqual(3);
    expect(res.body.profileId).toBe('kupang-perwali-11-2025');
  });

  it('one day after the year ends, the yearly duties are overdue', async () => {
    const res = await compliance(`?asOf=${year + 1}-01-01`);
    const lan = res.body.obligations.find((o: { ruleId: string }) => o.ruleId === 'R-INF-05');
    expect(lan).toMatchObject({ status: 'overdue', dueDate: `${year}-12-31` });
    expect(res.body.obligations[0].status).toBe('overdue');
  });

  it('narrows to one OPD and refuses bad input', async () => {
    const unit = await compliance(`?asOf=${lateInYear}&unitId=dinas-kesehatan`);
    expect(unit.body.obligations.map((o: { ruleId: string }) => o.ruleId)).toEqual(['R-INF-05']);
    expect((await compliance(`?asOf=${lateInYear}&unitId=dinas-x`)).status).toBe(400);
    const early = await compliance('?asOf=2025-04-14');
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/^asOf: .*Pasal 57/);
    expect((await compliance('?asOf=2026-02-30')).status).toBe(400);
    const other = await http().get('/api/reporting/tenants/kota-x/compliance').set('authorization', `Bearer ${await issueToken({ sub: 'x', name: 'X', tenant: 'kota-x', roles: ['viewer'] }, ledger.config.auth)}`);
    expect(other.status).toBe(404);
  });
});
