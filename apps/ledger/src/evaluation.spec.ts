import { issueToken, Role } from '@spbe/ledger-core';
import { waitFor } from '@spbe/ledger-core/testing';
import { ledgerUnderTest } from './testing/ledger';

/** evaluation-scoring over HTTP in the all-in-one app: a pemdi-2026 cycle from opening to its result. */
describe('evaluation-scoring over HTTP (all-in-one app)', () => {
  const ledger = ledgerUnderTest('evaluation');
  const { http, as } = ledger;
  const base = '/api/evaluation/tenants/kota-kupang/cycles';
  const assess = async (role: Role, no: number, stage: string, body: Record<string, unknown>) =>
    http().put(`${base}/pemdi-2026-2026/indicators/${no}/assessments/${stage}`).set('authorization', await as(role)).send({ explanation: 'Fakta: dokumen tersedia. Analisis: memenuhi kriteria.', ...body });


  it('opens a cycle, records stages, refuses bad input, finalises, and computes the index from the events', async () => {
    const open = { year: 2026, frameworkId: 'pemdi-2026', asesorDecree: { number: '100/12/2026', date: '2026-02-01', signer: 'Wali Kota Kupang' }, members: ['Maria Asesor', 'Yosef Asesor'] };
    await http().post(base).set('authorization', await as('asesor')).send(open).expect(403);
    await http().post(base).set('authorization', await as('koordinator')).send({ ...open, frameworkId: 'spbe-1999' }).expect(400);
    const opened = await http().post(base).set('authorization', await as('koordinator')).send(open).expect(201);
    expect(opened.body.cycleId).toBe('pemdi-2026-2026');
    await http().post(base).set('authorization', await as('koordinator')).send(open).expect(409);

    expect((await assess('asesor', 1, 'mandiri', { level: 6 })).status).toBe(400);
    expect((await assess('asesor', 21, 'mandiri', { level: 2 })).body.message).toMatch(/^indicatorNo: /);
    expect((await assess('asesor-eksternal', 1, 'mandiri', { level: 2 })).status).toBe(403);
    expect((await assess('asesor', 1, 'akhir', { level: 2 })).status).toBe(409);
    for (let no = 1; no <= 20; no++) {
      await assess('asesor', no, 'mandiri', { level: 3 }).then((r) => expect(r.status).toBe(200));
      await assess('asesor-eksternal', no, 'dokumen', { level: 3 }).then((r) => expect(r.status).toBe(200));
      await assess('asesor-eksternal', no, 'interviu', { level: 3 }).then((r) => expect(r.status).toBe(200));
    }
    const noReason = await assess('asesor-eksternal', 19, 'akhir', { level: 4 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/^justification: /);
    const early = await http().post(`${base}/pemdi-2026-2026/finalize`).set('authorization', await as('koordinator')).expect(400);
    expect(early.body.message).toContain('no final (akhir) level');
    for (let no = 1; no <= 20; no++) {
      const level = no >= 19 ? 4 : 3;
      await assess('asesor-eksternal', no, 'akhir', { level, justification: level === 4 ? 'Visitasi menunjukkan survei kepuasan berkala' : undefined }).then((r) => expect(r.status).toBe(200));
    }
    await http().post(`${base}/pemdi-2026-2026/finalize`).set('authorization', await as('koordinator')).expect(201);
    const result = await http().get(`${base}/pemdi-2026-2026/result`).set('authorization', await as('viewer')).expect(200);
    expect(result.body).toMatchObject({ frameworkId: 'pemdi-2026', index: '3.25', indexExact: '3.25', predicate: 'Baik', finalized: true, domains: [] });
    expect(result.body.aspects.find((a: { id: number }) => a.id === 7)).toMatchObject({ weight: '25.00', index: '4.00' });
    expect(result.body.indicators[19]).toMatchObject({ no: 20, level: 4, stage: 'akhir' });

    expect((await assess('asesor-eksternal', 1, 'akhir', { level: 3 })).body.message).toMatch(/^correctionReason: /);
    expect((await assess('asesor-eksternal', 1, 'akhir', { level: 3, correctionReason: 'Salah ketik pada berita acara' })).status).toBe(200);
    const comparison = await http().get('/api/evaluation/tenants/kota-kupang/comparison').set('authorization', await as('viewer')).expect(200);
    expect(comparison.body.items).toEqual([{ cycleId: 'pemdi-2026-2026', year: 2026, frameworkId: 'pemdi-2026', index: '3.25', indexExact: '3.25', predicate: 'Baik' }]);
    await waitFor(async () => (await http().get('/api/reporting/tenants/kota-kupang/audit-trail?type=EvaluationCycleFinalized').set('authorization', await as('viewer'))).body.items?.length === 1);
  });

  it('assigns indicator owners; offers closed audits of the year as evidence for the audit indicator (I9)', async () => {
    const k = await as('koordinator');
    await http().put(`${base}/pemdi-2026-2026/indicators/9/owner`).set('authorization', await as('asesor')).send({ unitId: 'inspektorat' }).expect(403);
    await http().put(`${base}/pemdi-2026-2026/indicators/21/owner`).set('authorization', k).send({ unitId: 'inspektorat' }).expect(400);
    await http().put(`${base}/pemdi-2026-2026/indicators/9/owner`).set('authorization', k).send({ unitId: 'inspektorat' }).expect(200);
    expect((await http().get(`${base}/pemdi-2026-2026`).set('authorization', k)).body.owners).toEqual({ '9': 'inspektorat' });

    await http().post('/api/registry/tenants').set('authorization', k).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    await http().post('/api/registry/tenants/kota-kupang/units').set('authorization', k).send({ unitId: 'dinas-kominfo', name: 'Dinas Komunikasi dan Informatika', kind: 'dinas-kominfo' }).expect(201);
    await http().post('/api/registry/tenants/kota-kupang/infrastructure').set('authorization', await as('dinas')).send({ infrastructureId: 'pusat-data', name: 'Pusat Data', kind: 'pusat-data', unitId: 'dinas-kominfo' }).expect(201);
    const insp = await as('inspektorat');
    const audit = '/api/audit/tenants/kota-kupang/audits';
    await waitFor(async () => (await http().post(audit).set('authorization', insp).send({ auditId: 'a-2026', auditType: 'keamanan', mode: 'internal', objectKind: 'infrastructure', objectId: 'pusat-data', year: 2026 })).status === 201);
    await http().post(`${audit}/a-2026/schedule`).set('authorization', insp).send({ startDate: '2026-10-01', endDate: '2026-10-05' }).expect(201);
    await http().post(`${audit}/a-2026/start`).set('authorization', insp).send({ startedOn: '2026-10-01' }).expect(201);
    await http().post(`${audit}/a-2026/report`).set('authorization', insp).send({ reportedOn: '2026-10-20', conclusion: 'memadai', summary: 'Kendali memadai' }).expect(201);
    await http().post(`${audit}/a-2026/close`).set('authorization', insp).send({ closedOn: '2026-11-01' }).expect(201);
    let items: Array<Record<string, unknown>> = [];
    await waitFor(async () => {
      items = (await http().get(`${base}/pemdi-2026-2026/evidence-candidates`).set('authorization', k)).body.items ?? [];
      return items.length === 1;
    });
    expect(items[0]).toMatchObject({ auditId: 'a-2026', auditType: 'keamanan', conclusion: 'memadai', closedOn: '2026-11-01', indicators: [9] });
  });

  it('registers a corrected framework version by event; the national one is unchanged; a cycle keeps the version it opened on', async () => {
    const k = await as('koordinator');
    const body = { frameworkId: 'spbe-2020-koreksi-1', basedOn: 'spbe-2020', correction: { indicatorWeights: { '1': 140, '2': 120 } }, reason: 'Ralat Lampiran Tabel 7', legalBasis: { regulation: 'ralat-permenpanrb-59-2020', article: 'Tabel 7' } };
    const bad = await http().post('/api/evaluation/tenants/kota-kupang/frameworks').set('authorization', k).send({ ...body, correction: { indicatorWeights: { '1': 140 } } }).expect(400);
    expect(bad.body.message).toMatch(/^correction.indicatorWeights: indicators of aspect 1 must sum/);
    await http().post('/api/evaluation/tenants/kota-kupang/frameworks').set('authorization', await as('asesor')).send(body).expect(403);
    await http().post('/api/evaluation/tenants/kota-kupang/frameworks').set('authorization', k).send(body).expect(201);
    await http().post('/api/evaluation/tenants/kota-kupang/frameworks').set('authorization', k).send(body).expect(409);
    const corrected = await http().get('/api/evaluation/tenants/kota-kupang/frameworks/spbe-2020-koreksi-1').set('authorization', k).expect(200);
    expect(corrected.body.indicators.slice(0, 3).map((i: { weight: number }) => i.weight)).toEqual([140, 120, 130]);
    expect((await http().get('/api/evaluation/frameworks/spbe-2020').set('authorization', k)).body.indicators[0].weight).toBe(130);
    const open = { year: 2025, frameworkId: 'spbe-2020-koreksi-1', asesorDecree: { number: '100/1/2025', date: '2025-02-01', signer: 'Wali Kota Kupang' }, members: ['Maria Asesor'] };
    const opened = await http().post(base).set('authorization', k).send(open).expect(201);
    const cycle = await http().get(`${base}/${opened.body.cycleId}`).set('authorization', k).expect(200);
    expect(cycle.body.framework.id).toBe('spbe-2020-koreksi-1');
    expect(cycle.body.framework.indicators.slice(0, 2)).toMatchObject([{ no: 1, weight: 140 }, { no: 2, weight: 120 }]);
  });

  it("opens and finalises with the role of the finaliser the tenant's profile names (Pasuruan: the Dinas, Pasal 24(1))", async () => {
    const tok = async (role: Role) => `Bearer ${await issueToken({ sub: `p-${role}`, name: `Pejabat ${role}`, tenant: 'kota-pasuruan', roles: [role] }, ledger.config.auth)}`;
    await http().post('/api/registry/tenants').set('authorization', await tok('koordinator')).send({ tenantId: 'kota-pasuruan', name: 'Pemerintah Kota Pasuruan', kind: 'kota', profileId: 'pasuruan-perwali-24-2021' }).expect(201);
    const open = { year: 2026, frameworkId: 'pemdi-2026', asesorDecree: '188.45/1/2026', members: [{ name: 'Asesor Pasuruan', role: 'ketua' }] };
    const url = '/api/evaluation/tenants/kota-pasuruan/cycles';
    await http().post(url).set('authorization', await tok('inspektorat')).send(open).expect(403);
    await waitFor(async () => (await http().post(url).set('authorization', await tok('dinas')).send(open)).status === 201);
  });

  it('what-if and the planner', async () => {
    const t = await as('viewer');
    const levels = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), i + 1 >= 32 ? 3 : 2]));
    const r = await http().post('/api/evaluation/frameworks/spbe-2020/what-if').set('authorization', t).send({ levels }).expect(200);
    expect(r.body).toMatchObject({ index: '2.46', indexExact: '2.455', predicate: 'Cukup', assumedLevel1: [] });
    const partial = await http().post('/api/evaluation/frameworks/pemdi-2026/what-if').set('authorization', t).send({ levels: { '19': 5, '20': 5 } }).expect(200);
    expect(partial.body).toMatchObject({ index: '2.00', predicate: 'Cukup' });
    expect(partial.body.assumedLevel1).toHaveLength(18);
    await http().post('/api/evaluation/frameworks/pemdi-2026/what-if').set('authorization', t).send({ levels: { '21': 3 } }).expect(400);
    const plan = await http().post('/api/evaluation/frameworks/spbe-2020/plan').set('authorization', t).send({ levels: {} }).expect(200);
    expect(plan.body).toMatchObject({ current: 'Kurang', target: 'Cukup', reached: { value: '1.80' } });
  });
});
