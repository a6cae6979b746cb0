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

    const events = async () => (await http().get(`${base}/pemdi-2026-2026/history`).set('authorization', await as('viewer')).expect(200)).body.items as Array<{ type: string; version: number; payload: Record<string, unknown> }>;
    const opening = await events();
    const refused = async (r: { status: number; body: { message: string } }, status: number, message: RegExp) => {
      expect(r.status).toBe(status);
      expect(r.body.message).toMatch(message);
    };
    await refused(await assess('asesor', 1, 'mandiri', { level: 6 }), 400, /^level: a level is an integer from 1 to 5/);
    await refused(await assess('asesor', 1, 'mandiri', { level: 2.5 }), 400, /^level must be an integer from 1 to 5/);
    await refused(await assess('asesor', 21, 'mandiri', { level: 2 }), 400, /^indicatorNo: unknown indicator for pemdi-2026 \(1–20\)/);
    await refused(await assess('asesor-eksternal', 1, 'mandiri', { level: 2 }), 403, /tahap mandiri dicatat oleh asesor, bukan asesor-eksternal/);
    await refused(await assess('asesor', 1, 'akhir', { level: 2 }), 409, /^stage: indikator 1, tahap akhir dicatat setelah tahap interviu/);
    // Nothing of the refused assessments was recorded.
    expect(await events()).toEqual(opening);

    const source = [{ uri: 'https://dokumen.kupangkota.go.id/evaluasi/2026/hasil-penilaian.pdf', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }];
    for (let no = 1; no <= 20; no++) {
      await assess('asesor', no, 'mandiri', { level: 3 }).then((r) => expect(r.status).toBe(200));
      if (no === 1) {
        // The asesor transcribes the national dokumen stage: the source document is required as evidence.
        await refused(await assess('asesor', 1, 'dokumen', { level: 3 }), 400, /^evidence: .*an asesor's transcription of stage dokumen needs the source document as evidence \(URI \+ SHA-256\)/);
        await refused(await assess('asesor', 1, 'dokumen', { level: 3, evidence: [{ uri: source[0].uri, sha256: 'E3B0C442' }] }), 400, /evidence\.0\.sha256 must be 64 lower-case hex characters/);
        await refused(await assess('asesor', 1, 'dokumen', { level: 3, evidence: [{ sha256: source[0].sha256 }] }), 400, /evidence\.0\.uri/);
        await assess('asesor', 1, 'dokumen', { level: 3, evidence: source }).then((r) => expect(r.status).toBe(200));
      } else await assess('asesor-eksternal', no, 'dokumen', { level: 3 }).then((r) => expect(r.status).toBe(200));
      await assess('asesor-eksternal', no, 'interviu', { level: 3 }).then((r) => expect(r.status).toBe(200));
    }
    const recorded = await events();
    expect(recorded.filter((e) => e.payload['indicatorNo'] === 1 && e.payload['stage'] === 'dokumen')).toEqual([
      expect.objectContaining({ type: 'IndicatorAssessed', payload: expect.objectContaining({ level: 3, evidence: source, assessor: 'Pejabat asesor' }) }),
    ]);
    expect(recorded.filter((e) => e.payload['stage'] === 'dokumen' && e.payload['indicatorNo'] === 2)[0].payload['evidence']).toEqual([]);
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

    // After finalisation: only a correction with its reason; indicator 1 (5 %) from 3 to 4 → 3.25 + 0.05 = 3.30.
    const correction = { level: 4, justification: 'Berita acara hasil penilaian akhir mencatat level 4' };
    const final = await events();
    await refused(await assess('asesor-eksternal', 1, 'akhir', correction), 400, /^correctionReason: must be text/);
    expect(await events()).toEqual(final);
    expect((await assess('asesor-eksternal', 1, 'akhir', { ...correction, correctionReason: 'Salah ketik pada berita acara' })).status).toBe(200);
    expect((await events()).at(-1)).toMatchObject({ type: 'AssessmentCorrected', version: final.at(-1)!.version + 1, payload: { indicatorNo: 1, level: 4, correctionReason: 'Salah ketik pada berita acara' } });
    const corrected = await http().get(`${base}/pemdi-2026-2026/result`).set('authorization', await as('viewer')).expect(200);
    expect(corrected.body).toMatchObject({ index: '3.30', indexExact: '3.3', predicate: 'Baik', finalized: true });
    expect(corrected.body.aspects[0]).toMatchObject({ id: 1, index: '3.50', indexExact: '3.5' });
    expect(corrected.body.indicators[0]).toMatchObject({ no: 1, level: 4, stage: 'akhir' });
    const comparison = await http().get('/api/evaluation/tenants/kota-kupang/comparison').set('authorization', await as('viewer')).expect(200);
    expect(comparison.body.items).toEqual([{ cycleId: 'pemdi-2026-2026', year: 2026, frameworkId: 'pemdi-2026', index: '3.30', indexExact: '3.3', predicate: 'Baik', change: null }]);
    await waitFor(async () => (await http().get('/api/reporting/tenants/kota-kupang/audit-trail?type=EvaluationCycleFinalized').set('authorization', await as('viewer'))).body.items?.length === 1);
  });

  it('compares the finalised years: the change of the index, per aspect, and of the predicate', async () => {
    const k = await as('koordinator');
    const open = { year: 2025, frameworkId: 'pemdi-2026', asesorDecree: { number: '100/3/2025', date: '2025-02-01', signer: 'Wali Kota Kupang' }, members: ['Maria Asesor'] };
    await http().post(base).set('authorization', k).send(open).expect(201);
    const put = async (role: Role, no: number, stage: string) =>
      http().put(`${base}/pemdi-2026-2025/indicators/${no}/assessments/${stage}`).set('authorization', await as(role)).send({ level: 2, explanation: 'Fakta: sebagian tersedia. Analisis: level 2.' }).expect(200);
    for (let no = 1; no <= 20; no++) {
      await put('asesor', no, 'mandiri');
      for (const stage of ['dokumen', 'interviu', 'akhir']) await put('asesor-eksternal', no, stage);
    }
    await http().post(`${base}/pemdi-2026-2025/finalize`).set('authorization', k).expect(201);
    const { body } = await http().get('/api/evaluation/tenants/kota-kupang/comparison').set('authorization', await as('viewer')).expect(200);
    expect(body.items.map((i: { year: number }) => i.year)).toEqual([2025, 2026]);
    expect(body.items[0]).toEqual({ cycleId: 'pemdi-2026-2025', year: 2025, frameworkId: 'pemdi-2026', index: '2.00', indexExact: '2', predicate: 'Cukup', change: null });
    // 2026 (after the correction): aspect 1 at 3.5, aspects 2–6 at 3, aspect 7 (25 %) at 4 → 3.30; against 2.00 everywhere in 2025.
    expect(body.items[1]).toMatchObject({
      cycleId: 'pemdi-2026-2026',
      index: '3.30',
      predicate: 'Baik',
      change: { fromCycleId: 'pemdi-2026-2025', fromYear: 2025, fromFrameworkId: 'pemdi-2026', index: '1.30', indexExact: '1.3', sameInstrument: true, predicateFrom: 'Cukup', predicateTo: 'Baik', predicateChanged: true, domains: [] },
    });
    expect(body.items[1].change.aspects.map((a: { id: number; from: string; to: string; index: string }) => [a.id, a.from, a.to, a.index])).toEqual([
      [1, '2.00', '3.50', '1.50'],
      [2, '2.00', '3.00', '1.00'],
      [3, '2.00', '3.00', '1.00'],
      [4, '2.00', '3.00', '1.00'],
      [5, '2.00', '3.00', '1.00'],
      [6, '2.00', '3.00', '1.00'],
      [7, '2.00', '4.00', '2.00'],
    ]);
  });

  it('gives the result of a spbe-2020 cycle with its four domains', async () => {
    const open = { year: 2026, frameworkId: 'spbe-2020', asesorDecree: { number: '100/13/2026', date: '2026-02-01', signer: 'Wali Kota Kupang' }, members: ['Maria Asesor'] };
    await http().post(base).set('authorization', await as('koordinator')).send(open).expect(201);
    const a = await as('asesor');
    // Level 2 everywhere, Layanan (domain 4, indicators 32–47, 45.5 %) at 3 → 2 + 0.455 = 2.455 → 2.46 Cukup.
    for (let no = 1; no <= 47; no++) {
      await http().put(`${base}/spbe-2020-2026/indicators/${no}/assessments/mandiri`).set('authorization', a).send({ level: no >= 32 ? 3 : 2, explanation: 'Fakta: penilaian mandiri. Analisis: sesuai kriteria.' }).expect(200);
    }
    const { body } = await http().get(`${base}/spbe-2020-2026/result`).set('authorization', await as('viewer')).expect(200);
    expect(body).toMatchObject({ frameworkId: 'spbe-2020', index: '2.46', indexExact: '2.455', predicate: 'Cukup', finalized: false });
    expect(body.domains).toHaveLength(4);
    expect(body.domains.map((d: Record<string, unknown>) => [d['id'], d['name'], d['weight'], d['index']])).toEqual([
      [1, 'Kebijakan Internal SPBE', '13.00', '2.00'],
      [2, 'Tata Kelola SPBE', '25.00', '2.00'],
      [3, 'Manajemen SPBE', '16.50', '2.00'],
      [4, 'Layanan SPBE', '45.50', '3.00'],
    ]);
    expect(body.aspects).toHaveLength(8);
    expect(body.indicators[46]).toMatchObject({ no: 47, level: 3, stage: 'mandiri' });
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
    const cycle = `${url}/pemdi-2026-2026`;
    for (let no = 1; no <= 20; no++) {
      for (const stage of ['mandiri', 'dokumen', 'interviu', 'akhir']) {
        await http().put(`${cycle}/indicators/${no}/assessments/${stage}`).set('authorization', await tok(stage === 'mandiri' ? 'asesor' : 'asesor-eksternal')).send({ level: 2, explanation: 'Fakta: tersedia. Analisis: level 2.' }).expect(200);
      }
    }
    const forbidden = await http().post(`${cycle}/finalize`).set('authorization', await tok('asesor')).expect(403);
    expect(forbidden.body.message).toMatch(/a cycle is finalised by koordinator \/ dinas, not asesor/);
    await http().post(`${cycle}/finalize`).set('authorization', await tok('dinas')).expect(201);
    const history = (await http().get(`${cycle}/history`).set('authorization', await tok('dinas')).expect(200)).body.items;
    expect(history.at(-1)).toMatchObject({ type: 'EvaluationCycleFinalized', actor: { role: 'dinas' }, payload: { index: '2.00', predicate: 'Cukup' } });
  });

  it('what-if and the planner', async () => {
    const t = await as('viewer');
    const levels = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), i + 1 >= 32 ? 3 : 2]));
    const r = await http().post('/api/evaluation/frameworks/spbe-2020/what-if').set('authorization', t).send({ levels }).expect(200);
    expect(r.body).toMatchObject({ index: '2.46', indexExact: '2.455', predicate: 'Cukup', assumedLevel1: [] });
    const partial = await http().post('/api/evaluation/frameworks/pemdi-2026/what-if').set('authorization', t).send({ levels: { '19': 5, '20': 5 } }).expect(200);
    expect(partial.body).toMatchObject({ index: '2.00', predicate: 'Cukup' });
    expect(partial.body.assumedLevel1).toHaveLength(18);
    const unknown = await http().post('/api/evaluation/frameworks/pemdi-2026/what-if').set('authorization', t).send({ levels: { '21': 3 } }).expect(400);
    expect(unknown.body.message).toBe('levels.21: unknown indicator for pemdi-2026 (1–20)');
    const badLevel = await http().post('/api/evaluation/frameworks/pemdi-2026/what-if').set('authorization', t).send({ levels: { '20': 2.5 } }).expect(400);
    expect(badLevel.body.message).toBe('levels.20: a level is an integer from 1 to 5');
    const plan = await http().post('/api/evaluation/frameworks/spbe-2020/plan').set('authorization', t).send({ levels: {} }).expect(200);
    expect(plan.body).toMatchObject({ current: 'Kurang', target: 'Cukup', reached: { value: '1.80' } });
  });
});
