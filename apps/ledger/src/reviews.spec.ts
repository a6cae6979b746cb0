import { waitFor } from '@spbe/ledger-core/testing';
import { ledgerUnderTest } from './testing/ledger';

/**
 * Tenant-wide reviews recorded in the registry count as the evidence of their obligation in the
 * compliance view (reporting projects them). The HTTP contract itself: libs/registry/feature/src/reviews.api.spec.ts.
 */
describe('tenant-wide reviews in the compliance view (all-in-one app)', () => {
  const ledger = ledgerUnderTest('reviews');
  const { http, as } = ledger;
  const base = '/api/registry/tenants/kota-kupang';
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const body = (reviewId: string, subject: string) => ({ reviewId, subject, date: today, summary: `Reviu ${subject} tahun ${year}`, documents: [] });
  type Row = { ruleId: string; status: string; period?: { from: string; to: string } | null; evidence: string[]; citation: { article: string } };
  const rule = async (ruleId: string): Promise<Row | undefined> => {
    const res = await http().get('/api/reporting/tenants/kota-kupang/compliance').set('authorization', await as('inspektorat')).expect(200);
    return (res.body.obligations as Row[]).find((o) => o.ruleId === ruleId);
  };

  beforeAll(async () => {
    await http().post('/api/registry/tenants').set('authorization', await as('koordinator')).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
  });

  it('a business-process review by the Bagian Organisasi (opd) fulfils R-ARC-16 for this year', async () => {
    const res = await http().post(`${base}/reviews`).set('authorization', await as('opd')).send(body('reviu-proses-bisnis', 'business-process')).expect(201);
    await waitFor(async () => (await rule('R-ARC-16'))?.status === 'fulfilled');
    expect(await rule('R-ARC-16')).toMatchObject({ status: 'fulfilled', period: { from: `${year}-01-01`, to: `${year}-12-31` }, evidence: res.body.eventIds, citation: { article: 'Pasal 14(2)' } });
  });

  it('an intra-network review by the Dinas fulfils R-INF-10 for this year; by an OPD it is 403 naming Pasal 23(8)', async () => {
    const refused = await http().post(`${base}/reviews`).set('authorization', await as('opd')).send(body('reviu-jaringan-opd', 'intra-network')).expect(403);
    expect(refused.body.message).toContain('Pasal 23(8)');
    const res = await http().post(`${base}/reviews`).set('authorization', await as('dinas')).send(body('reviu-jaringan-intra', 'intra-network')).expect(201);
    await waitFor(async () => (await rule('R-INF-10'))?.status === 'fulfilled');
    expect(await rule('R-INF-10')).toMatchObject({ status: 'fulfilled', period: { from: `${year}-01-01`, to: `${year}-12-31` }, evidence: res.body.eventIds, citation: { article: 'Pasal 23(8)' } });
  });

  it('a data-centre-usage review is accepted while R-INF-24 stays not applicable (its term is silent)', async () => {
    const res = await http().post(`${base}/reviews`).set('authorization', await as('dinas')).send(body('reviu-pusat-data', 'data-centre-usage')).expect(201);
    const trail = async () => (await http().get('/api/reporting/tenants/kota-kupang/audit-trail?type=DataCentreServiceReviewed').set('authorization', await as('inspektorat'))).body.items as { eventId: string; summary: { id: string; en: string } }[];
    await waitFor(async () => (await trail())?.some((r) => r.eventId === res.body.eventIds[0]));
    expect((await trail()).find((r) => r.eventId === res.body.eventIds[0])?.summary.en).toBe(`Data-centre service use review held on ${today}: Reviu data-centre-usage tahun ${year}`);
    expect(await rule('R-INF-24.mid-term')).toMatchObject({ status: 'not-applicable' });
    expect(await rule('R-INF-24.final-year')).toMatchObject({ status: 'not-applicable' });
  });

  it('once the Pemda sets the term of Pasal 19(13) by decree, the review in its mid-term year fulfils R-INF-24.mid-term', async () => {
    // A term whose middle year is this year: two years before to two years after.
    const term = { from: `${year - 2}-01-01`, to: `${year + 2}-12-31` };
    const decree = { number: `100.3/19/${year}`, date: today, signer: 'Wali Kota Kupang' };
    await http()
      .post(`${base}/profile/overrides`)
      .set('authorization', await as('koordinator'))
      .send({ path: 'obligations.R-INF-24.term', value: term, decree, legalBasis: { regulation: `keputusan-walikota-kupang-19-${year}`, article: 'Diktum KESATU' } })
      .expect(201);
    await waitFor(async () => (await rule('R-INF-24.mid-term'))?.status === 'fulfilled');
    expect(await rule('R-INF-24.mid-term')).toMatchObject({ status: 'fulfilled', period: { from: `${year}-01-01`, to: `${year}-12-31` }, citation: { article: 'Pasal 19(13)' } });
    expect(await rule('R-INF-24.final-year')).toMatchObject({ status: 'due', period: { from: `${year + 2}-01-01`, to: `${year + 2}-12-31` } });
  });
});
