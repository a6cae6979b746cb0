import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { issueToken, LedgerConfig, loadConfig } from '@spbe/ledger-core';
import { createApp, PlatformModule } from '@spbe/platform';
import { RegistryModule } from './registry.module';

describe('architecture-registry API: regulation profiles and the tenant\'s own decrees (embedded adapters)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spbe-registry-'));
  let config: LedgerConfig;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const token = (tenant: string, roles: string[], name = 'Maria Koordinator') => issueToken({ sub: name.toLowerCase().replace(/ /g, '-'), name, tenant, roles: roles as never }, config.auth);
  const decree = { number: '188.45/12/HK/2026', date: '2026-01-05', signer: 'Wali Kota Samarinda' };
  const legalBasis = { regulation: 'kepwal-samarinda-12-2026', article: 'Diktum KESATU' };

  beforeAll(async () => {
    config = loadConfig({ DATA_DIR: dataDir });
    @Module({ imports: [PlatformModule.forRoot(config, { name: 'architecture-registry', forwards: ['registry'], persistentForwarderCheckpoint: false }), RegistryModule] })
    class TestModule {}
    app = await createApp(TestModule, config, { title: 't', description: 't' });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the profiles and shows one with its citations', async () => {
    const t = await token('kota-samarinda', ['viewer']);
    const list = await http().get('/api/regulations/profiles').set('authorization', `Bearer ${t}`).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['kupang-perwali-11-2025', 'samarinda-perwali-draft-2023', 'nasional-perpres-95-2018']));
    const one = await http().get('/api/regulations/profiles/kupang-perwali-11-2025').set('authorization', `Bearer ${t}`).expect(200);
    expect(one.body.roles.auditPlanner).toEqual({ kind: 'stated', value: 'inspektorat', citation: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 48(1)' }, note: expect.any(Object) });
    expect(one.body.citations).toContain('roles.auditPlanner = inspektorat: kupang-perwali-11-2025 Pasal 48(1)');
    const unknown = await http().get('/api/regulations/profiles/kota-x').set('authorization', `Bearer ${t}`).expect(400);
    expect(unknown.body.message).toMatch(/^profileId: unknown regulation profile "kota-x"/);
  });

  it('registers a Pemda on a draft profile, records its decree overriding a value, and serves the effective profile', async () => {
    const koordinator = await token('kota-samarinda', ['koordinator']);
    await http()
      .post('/api/registry/tenants')
      .set('authorization', `Bearer ${koordinator}`)
      .send({ tenantId: 'kota-samarinda', name: 'Pemerintah Kota Samarinda', kind: 'kota', profileId: 'samarinda-perwali-draft-2023', inForceFrom: '2024-03-01' })
      .expect(201);
    const before = await http().get('/api/registry/tenants/kota-samarinda/profile').set('authorization', `Bearer ${koordinator}`).expect(200);
    expect(before.body).toMatchObject({ baseProfileId: 'samarinda-perwali-draft-2023', validFrom: '2024-03-01', overrides: [] });
    expect(before.body.mandiriTik.criteria.kind).toBe('silent');

    const criteria = [{ id: 'a', text: { id: 'memiliki SDM TIK', en: 'has ICT staff' } }];
    const res = await http()
      .post('/api/registry/tenants/kota-samarinda/profile/overrides')
      .set('authorization', `Bearer ${koordinator}`)
      .send({ path: 'mandiriTik.criteria', value: criteria, decree, legalBasis })
      .expect(201);
    expect(res.body).toMatchObject({ tenantId: 'kota-samarinda', version: 1 });
    const after = await http().get('/api/registry/tenants/kota-samarinda/profile').set('authorization', `Bearer ${koordinator}`).expect(200);
    expect(after.body.mandiriTik.criteria).toMatchObject({ kind: 'pemda-decision', value: [{ id: 'a', citation: legalBasis }], decree, replaces: { kind: 'silent' } });
    const history = await http().get('/api/registry/tenants/kota-samarinda/history').set('authorization', `Bearer ${koordinator}`).expect(200);
    expect(history.body.items[1]).toMatchObject({ type: 'ProfileValueOverridden', legalBasis, actor: { role: 'koordinator' }, payload: { path: 'mandiriTik.criteria', decree } });
  });

  it.each([
    ['a path that cannot be set', { path: 'identity.title', value: 'x', decree, legalBasis }, 400, /^path: "identity.title" cannot be set/],
    ['a zero period', { path: 'obligations.R-AUD-07.cadence', value: { every: { years: 0 }, window: 'calendar' }, decree, legalBasis }, 400, /^value.every: a period must be a positive/],
    ['a decree dated in the future', { path: 'settings.dueSoonDays', value: 10, decree: { ...decree, date: '2999-01-01' }, legalBasis }, 400, /^decree.date: 2999-01-01 is in the future/],
    ['a missing legal basis', { path: 'settings.dueSoonDays', value: 10, decree }, 400, /legalBasis/],
  ])('refuses %s and records nothing', async (_what, body, status, message) => {
    const koordinator = await token('kota-samarinda', ['koordinator']);
    const res = await http().post('/api/registry/tenants/kota-samarinda/profile/overrides').set('authorization', `Bearer ${koordinator}`).send(body).expect(status);
    expect(String(res.body.message)).toMatch(message);
    const history = await http().get('/api/registry/tenants/kota-samarinda/history').set('authorization', `Bearer ${koordinator}`).expect(200);
    expect(history.body.items).toHaveLength(2);
  });

  it('only the koordinator of that Pemda may record an override; an unknown tenant is 404', async () => {
    const body = { path: 'settings.dueSoonDays', value: 10, decree, legalBasis };
    await http().post('/api/registry/tenants/kota-samarinda/profile/overrides').set('authorization', `Bearer ${await token('kota-samarinda', ['dinas'])}`).send(body).expect(403);
    await http().post('/api/registry/tenants/kota-samarinda/profile/overrides').set('authorization', `Bearer ${await token('kota-kupang', ['koordinator'])}`).send(body).expect(403);
    const t = await token('kota-x', ['koordinator']);
    await http().get('/api/registry/tenants/kota-x/profile').set('authorization', `Bearer ${t}`).expect(404);
    await http().post('/api/registry/tenants/kota-x/profile/overrides').set('authorization', `Bearer ${t}`).send(body).expect(404);
  });

  describe('units, approvals and gated decisions (Kupang)', () => {
    let k: string;
    const base = '/api/registry/tenants/kota-kupang';
    beforeAll(async () => {
      k = `Bearer ${await token('kota-kupang', ['koordinator'])}`;
      await http().post('/api/registry/tenants').set('authorization', k).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    });

    it('registers units, refuses duplicates (409), bad kinds and unknown parents (400), and 404s an unknown tenant', async () => {
      await http().post(`${base}/units`).set('authorization', k).send({ unitId: 'dinas-kominfo', name: 'Dinas Komunikasi dan Informatika', kind: 'dinas-kominfo' }).expect(201);
      await http().post(`${base}/units`).set('authorization', k).send({ unitId: 'dinas-kesehatan', name: 'Dinas Kesehatan', kind: 'opd' }).expect(201);
      const dup = await http().post(`${base}/units`).set('authorization', k).send({ unitId: 'dinas-kesehatan', name: 'Dinas Kesehatan', kind: 'opd' }).expect(409);
      expect(dup.body.message).toContain('dinas-kesehatan');
      await http().post(`${base}/units`).set('authorization', k).send({ unitId: 'x-1', name: 'Unit X', kind: 'provinsi' }).expect(400);
      const parent = await http().post(`${base}/units`).set('authorization', k).send({ unitId: 'bagian-x', name: 'Bagian X', kind: 'opd', parentUnitId: 'setda' }).expect(400);
      expect(parent.body.message).toMatch(/^parentUnitId: /);
      const badId = await http().post(`${base}/units`).set('authorization', k).send({ unitId: 'Dinas Kesehatan', name: 'Dinas Kesehatan', kind: 'opd' }).expect(400);
      expect(badId.body.message).toMatch(/^unitId: /);
      const kx = `Bearer ${await token('kota-x', ['koordinator'])}`;
      await http().post('/api/registry/tenants/kota-x/units').set('authorization', kx).send({ unitId: 'a', name: 'Unit A', kind: 'opd' }).expect(404);
      const list = await http().get(`${base}/units`).set('authorization', k).expect(200);
      expect(list.body.items.map((u: { unitId: string }) => u.unitId)).toEqual(['dinas-kesehatan', 'dinas-kominfo']);
    });

    it('refuses an Aplikasi Khusus build decision without the PD Mandiri TIK status (422, Pasal 28(1)(c)) and records nothing', async () => {
      const opd = `Bearer ${await token('kota-kupang', ['opd'])}`;
      const body = { decisionId: 'bangun-simpus', action: 'aplikasi-khusus-build', unitId: 'dinas-kesehatan', decidedOn: '2026-03-01', summary: 'Pembangunan SIMPUS', approvalIds: [] };
      const res = await http().post(`${base}/decisions`).set('authorization', opd).send(body).expect(422);
      expect(res.body.message).toContain('kupang-perwali-11-2025 Pasal 28(1)(c)');
      await http().get(`${base}/decisions/bangun-simpus`).set('authorization', opd).expect(404);
      const unknown = await http().post(`${base}/decisions`).set('authorization', opd).send({ ...body, unitId: 'dinas-x' }).expect(400);
      expect(unknown.body.message).toMatch(/^unitId: /);
    });

    it('records the data-owner approval by the owner PD and the decision resting on it', async () => {
      const opd = `Bearer ${await token('kota-kupang', ['opd'])}`;
      const dinas = `Bearer ${await token('kota-kupang', ['dinas'])}`;
      const req = { approvalId: 'setuju-data-1', action: 'data-managed-by-dinas', gate: 'persetujuan', unitId: 'dinas-kesehatan', subjectId: 'data-faskes', requestedOn: '2026-03-01', purpose: 'Integrasi data fasilitas kesehatan' };
      const requested = await http().post(`${base}/approvals`).set('authorization', dinas).send(req).expect(201);
      expect(requested.body.version).toBe(0);
      const given = { outcome: 'given', decidedOn: '2026-03-02', reference: '000.8/5/Dinkes/2026' };
      const forbidden = await http().post(`${base}/approvals/setuju-data-1/decision`).set('authorization', dinas).send(given).expect(403);
      expect(forbidden.body.message).toContain('Pasal 20(2)');
      await http().post(`${base}/approvals/setuju-data-1/decision`).set('authorization', opd).send(given).expect(201);
      await http().post(`${base}/approvals/setuju-data-1/decision`).set('authorization', opd).send(given).expect(409);
      const decided = await http().post(`${base}/decisions`).set('authorization', dinas).send({ decisionId: 'kelola-data-faskes', action: 'data-managed-by-dinas', unitId: 'dinas-kesehatan', decidedOn: '2026-03-03', summary: 'Data faskes dikelola Dinas', approvalIds: ['setuju-data-1'] }).expect(201);
      const history = await http().get(`${base}/decisions/kelola-data-faskes/history`).set('authorization', dinas).expect(200);
      expect(history.body.items[0]).toMatchObject({ type: 'GatedDecisionRecorded', legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 20(2)' } });
      expect(decided.body.eventIds).toHaveLength(1);
    });
  });

  describe('catalogue (Kupang)', () => {
    const base = '/api/registry/tenants/kota-kupang';
    const doc = { uri: 'https://dokumen.kupangkota.go.id/x.pdf', sha256: 'c'.repeat(64) };
    const as = async (role: string, unit?: string) => `Bearer ${await issueToken({ sub: `u-${role}`, name: `Pejabat ${role}`, tenant: 'kota-kupang', unit: unit ?? null, roles: [role as never] }, config.auth)}`;

    it('registers an Aplikasi Umum by the Dinas; goes live without a test: Pasal 28(6)(e) lists the stages and sets no order', async () => {
      const dinas = await as('dinas');
      await http().post(`${base}/applications`).set('authorization', dinas).send({ applicationId: 'srikandi', name: 'SRIKANDI', category: 'umum', ownerUnitId: 'dinas-kominfo' }).expect(201);
      await http().post(`${base}/applications`).set('authorization', dinas).send({ applicationId: 'srikandi', name: 'SRIKANDI', category: 'umum', ownerUnitId: 'dinas-kominfo' }).expect(409);
      const unknown = await http().post(`${base}/applications`).set('authorization', dinas).send({ applicationId: 'x', name: 'Aplikasi X', category: 'umum', ownerUnitId: 'dinas-x' }).expect(400);
      expect(unknown.body.message).toMatch(/^ownerUnitId: /);
      await http().post(`${base}/applications/srikandi/go-live`).set('authorization', dinas).send({ deployedOn: '2026-10-02' }).expect(201);
      await http().post(`${base}/applications/srikandi/tests`).set('authorization', dinas).send({ testedOn: '2026-10-03', kind: 'uji pengguna', result: 'gagal' }).expect(201);
      await http().post(`${base}/applications/srikandi/go-live`).set('authorization', dinas).send({ deployedOn: '2026-10-06' }).expect(409);
      const state = await http().get(`${base}/applications/srikandi`).set('authorization', dinas).expect(200);
      expect(state.body).toMatchObject({ live: true, testedBeforeLive: false });
      const history = await http().get(`${base}/applications/srikandi/history`).set('authorization', dinas).expect(200);
      expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['ApplicationRegistered', 'ApplicationDeployedToProduction', 'ApplicationTested']);
    });

    it("an Aplikasi Khusus built by a non-designated PD is refused (Pasal 28(1)(c)); an OPD registers only its own", async () => {
      const opd = await as('opd', 'dinas-kesehatan');
      const res = await http().post(`${base}/applications`).set('authorization', opd).send({ applicationId: 'simpus', name: 'SIMPUS', category: 'khusus', ownerUnitId: 'dinas-kesehatan' }).expect(422);
      expect(res.body.message).toContain('Pasal 28(1)(c)');
      await http().post(`${base}/applications`).set('authorization', opd).send({ applicationId: 'simpeg', name: 'SIMPEG', category: 'umum', ownerUnitId: 'dinas-kominfo' }).expect(403);
      // Built by the Dinas, an Aplikasi Khusus needs no PD Mandiri TIK status.
      await http().post(`${base}/applications`).set('authorization', await as('dinas')).send({ applicationId: 'simpus', name: 'SIMPUS', category: 'khusus', ownerUnitId: 'dinas-kesehatan', builderUnitId: 'dinas-kominfo' }).expect(201);
    });

    it("a LAN run by a non-designated OPD is refused (Pasal 23(7)(b)†); the Dinas's LAN takes diagrams", async () => {
      const res = await http().post(`${base}/infrastructure`).set('authorization', await as('opd', 'dinas-kesehatan')).send({ infrastructureId: 'lan-dinkes', name: 'LAN Dinkes', kind: 'lan', unitId: 'dinas-kesehatan' }).expect(422);
      expect(res.body.message).toContain('Pasal 23(7)(b)');
      const dinas = await as('dinas');
      await http().post(`${base}/infrastructure`).set('authorization', dinas).send({ infrastructureId: 'lan-kominfo', name: 'LAN Diskominfo', kind: 'lan', unitId: 'dinas-kominfo' }).expect(201);
      await http().post(`${base}/infrastructure/lan-kominfo/diagrams`).set('authorization', dinas).send({ submittedOn: '2026-11-01', document: doc }).expect(201);
      await http().post(`${base}/infrastructure`).set('authorization', dinas).send({ infrastructureId: 'pusat-data', name: 'Pusat Data', kind: 'pusat-data', unitId: 'dinas-kominfo' }).expect(201);
      const notLan = await http().post(`${base}/infrastructure/pusat-data/diagrams`).set('authorization', dinas).send({ submittedOn: '2026-11-01', document: doc }).expect(400);
      expect(notLan.body.message).toMatch(/^infrastructureId: /);
    });

    it('the Dinas manages a data set only after the owner PD approves (Pasal 20(2)); services register', async () => {
      const dinas = await as('dinas');
      await http().post(`${base}/datasets`).set('authorization', dinas).send({ datasetId: 'data-faskes-2', name: 'Data Faskes', ownerUnitId: 'dinas-kesehatan', classification: 'terbatas' }).expect(201);
      const early = await http().post(`${base}/datasets/data-faskes-2/dinas-management`).set('authorization', dinas).send({ startedOn: '2026-11-02' }).expect(422);
      expect(early.body.message).toContain('Pasal 20(2)');
      await http().post(`${base}/datasets/data-faskes-2/owner-approval`).set('authorization', await as('opd', 'bappeda')).send({ approvedOn: '2026-11-01', reference: 'S-1' }).expect(403);
      await http().post(`${base}/datasets/data-faskes-2/owner-approval`).set('authorization', await as('opd', 'dinas-kesehatan')).send({ approvedOn: '2026-11-01', reference: 'S-1' }).expect(201);
      await http().post(`${base}/datasets/data-faskes-2/dinas-management`).set('authorization', dinas).send({ startedOn: '2026-11-02' }).expect(201);
      await http().post(`${base}/services`).set('authorization', dinas).send({ serviceId: 'layanan-izin', name: 'Perizinan', type: 'publik', category: 'perizinan', ownerUnitId: 'dinas-kesehatan' }).expect(201);
      await http().post(`${base}/services`).set('authorization', dinas).send({ serviceId: 'layanan-sehat', name: 'Layanan Kesehatan', type: 'publik', category: 'Kesehatan', ownerUnitId: 'dinas-kesehatan' }).expect(201);
      const services = await http().get(`${base}/services`).set('authorization', dinas).expect(200);
      const listed = Object.fromEntries(services.body.items.map((x: { id: string; listedIn: unknown }) => [x.id, x.listedIn]));
      expect(listed).toEqual({ 'layanan-izin': null, 'layanan-sehat': { regulation: 'kupang-perwali-11-2025', article: 'Pasal 36(3)' } });
      await http().post(`${base}/services`).set('authorization', dinas).send({ serviceId: 'layanan-x', name: 'X', type: 'swasta', category: 'x', ownerUnitId: 'dinas-kesehatan' }).expect(400);
    });

    it("serves a data set's and a service's current state (404 when unknown); the Dinas's management cites Pasal 20(2)", async () => {
      const viewer = await as('viewer');
      const ds = await http().get(`${base}/datasets/data-faskes-2`).set('authorization', viewer).expect(200);
      expect(ds.body).toMatchObject({ exists: true, datasetId: 'data-faskes-2', name: 'Data Faskes', ownerUnitId: 'dinas-kesehatan', classification: 'terbatas', managedByDinasFrom: '2026-11-02', version: 2 });
      expect(ds.body.approvals).toEqual([expect.objectContaining({ type: 'DataOwnerApprovalGranted', date: '2026-11-01' })]);
      const history = await http().get(`${base}/datasets/data-faskes-2/history`).set('authorization', viewer).expect(200);
      expect(history.body.items[2]).toMatchObject({ type: 'DataManagedByDinas', legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 20(2)' } });
      const svc = await http().get(`${base}/services/layanan-sehat`).set('authorization', viewer).expect(200);
      expect(svc.body).toEqual({ exists: true, serviceId: 'layanan-sehat', name: 'Layanan Kesehatan', type: 'publik', category: 'Kesehatan', ownerUnitId: 'dinas-kesehatan', listedIn: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 36(3)' }, version: 0 });
      const noDs = await http().get(`${base}/datasets/data-tidak-ada`).set('authorization', viewer).expect(404);
      expect(noDs.body.message).toContain('data-tidak-ada');
      const noSvc = await http().get(`${base}/services/layanan-tidak-ada`).set('authorization', viewer).expect(404);
      expect(noSvc.body.message).toContain('layanan-tidak-ada');
    });

    it("serves an application's catalogue fields (category, complexity, owner, builder, hosting, API, tested before live, hand-over documents, source deposit)", async () => {
      const dinas = await as('dinas');
      await http()
        .post(`${base}/applications`)
        .set('authorization', dinas)
        .send({ applicationId: 'sipd', name: 'SIPD', category: 'umum', ownerUnitId: 'dinas-kesehatan', builderUnitId: 'dinas-kominfo', complexity: 'besar', hostedInDataCentre: true, apiAvailable: true })
        .expect(201);
      const before = await http().get(`${base}/applications/sipd`).set('authorization', dinas).expect(200);
      expect(before.body).toMatchObject({ live: false, testedBeforeLive: null, handoverDocumentsPresent: null, sourceDeposited: null });
      await http().post(`${base}/applications/sipd/tests`).set('authorization', dinas).send({ testedOn: '2026-10-01', kind: 'uji pengguna', result: 'lulus' }).expect(201);
      await http().post(`${base}/applications/sipd/go-live`).set('authorization', dinas).send({ deployedOn: '2026-10-02' }).expect(201);
      await http().post(`${base}/applications/sipd/handover`).set('authorization', dinas).send({ handedOverOn: '2026-10-20', documents: [doc], sourceDeposited: true, repositoryUri: 'https://git.kupangkota.go.id/sipd' }).expect(201);
      const res = await http().get(`${base}/applications/sipd`).set('authorization', await as('viewer')).expect(200);
      expect(res.body).toMatchObject({
        applicationId: 'sipd',
        category: 'umum',
        complexity: 'besar',
        ownerUnitId: 'dinas-kesehatan',
        builderUnitId: 'dinas-kominfo',
        hostedInDataCentre: true,
        apiAvailable: true,
        live: true,
        deployedOn: '2026-10-02',
        testedBeforeLive: true,
        handedOverOn: '2026-10-20',
        handoverDocumentsPresent: true,
        handoverDocuments: [doc],
        sourceDeposited: true,
        repositoryUri: 'https://git.kupangkota.go.id/sipd',
        version: 3,
      });
      // Kupang has no test-before-live order (Pasal 28(6)(e) lists stages): going live carries no invented article.
      const history = await http().get(`${base}/applications/sipd/history`).set('authorization', dinas).expect(200);
      expect(history.body.items[2]).toMatchObject({ type: 'ApplicationDeployedToProduction', legalBasis: null });
      // Kupang has no hand-over order rule: no legal basis is invented.
      expect(history.body.items[3]).toMatchObject({ type: 'ApplicationHandedOver', legalBasis: null });
    });

    it('refuses approvalIds that are not recorded or belong to another unit or action (400 naming approvalIds[i], as /decisions) and records nothing', async () => {
      const dinas = await as('dinas');
      await http()
        .post(`${base}/approvals`)
        .set('authorization', dinas)
        .send({ approvalId: 'konsultasi-kominfo', action: 'aplikasi-khusus-build', gate: 'konsultasi', unitId: 'dinas-kominfo', requestedOn: '2026-11-01', purpose: 'Konsultasi aplikasi khusus Diskominfo' })
        .expect(201);
      const app = { applicationId: 'e-puskesmas', name: 'e-Puskesmas', category: 'umum', ownerUnitId: 'dinas-kesehatan' };
      const cases: [string[], RegExp][] = [
        [['tidak-ada'], /^approvalIds\[0\]: approval tidak-ada is not recorded/],
        [['konsultasi-kominfo'], /^approvalIds\[0\]: approval konsultasi-kominfo is for aplikasi-khusus-build by dinas-kominfo, not aplikasi-khusus-build by dinas-kesehatan/],
        [['konsultasi-kominfo', 'Bad Id'], /^approvalIds\[0\]: /],
      ];
      for (const [approvalIds, message] of cases) {
        const res = await http().post(`${base}/applications`).set('authorization', dinas).send({ ...app, approvalIds }).expect(400);
        expect(res.body.message).toMatch(message);
      }
      const other = await http().post(`${base}/applications`).set('authorization', dinas).send({ ...app, builderUnitId: 'dinas-kominfo', approvalIds: ['konsultasi-kominfo', 'setuju-data-1'] }).expect(400);
      expect(other.body.message).toMatch(/^approvalIds\[1\]: approval setuju-data-1 is for data-managed-by-dinas by dinas-kesehatan/);
      await http().get(`${base}/applications/e-puskesmas`).set('authorization', dinas).expect(404);

      const lan = { infrastructureId: 'lan-dinkes-2', name: 'LAN Dinkes 2', kind: 'lan', unitId: 'dinas-kesehatan' };
      const unknown = await http().post(`${base}/infrastructure`).set('authorization', dinas).send({ ...lan, approvalIds: ['tidak-ada'] }).expect(400);
      expect(unknown.body.message).toMatch(/^approvalIds\[0\]: /);
      const foreign = await http().post(`${base}/infrastructure`).set('authorization', dinas).send({ ...lan, approvalIds: ['konsultasi-kominfo'] }).expect(400);
      expect(foreign.body.message).toMatch(/^approvalIds\[0\]: approval konsultasi-kominfo is for aplikasi-khusus-build by dinas-kominfo, not lan-work-by-opd by dinas-kesehatan/);
      await http().get(`${base}/infrastructure/lan-dinkes-2`).set('authorization', dinas).expect(404);
    });
  });

  describe('appointments, an approval refused, a designation revoked (Kupang)', () => {
    const base = '/api/registry/tenants/kota-kupang';
    const as = async (role: string, unit?: string) => `Bearer ${await issueToken({ sub: `u-${role}`, name: `Pejabat ${role}`, tenant: 'kota-kupang', unit: unit ?? null, roles: [role as never] }, config.auth)}`;
    const kupangDecree = (date: string, n: string) => ({ number: `188.45/${n}/HK/2026`, date, signer: 'Wali Kota Kupang' });

    it('records an appointment by decree citing the profile (Koordinator SPBE, Pasal 51(7)), serves it, and ends it', async () => {
      const k = await as('koordinator');
      const body = { appointmentId: 'koordinator-2026', position: 'koordinator-spbe', person: { name: 'Drs. Fransiskus Bria', title: 'Sekretaris Daerah' }, unitId: 'dinas-kominfo', decree: kupangDecree('2026-01-02', '20'), from: '2026-01-02' };
      const created = await http().post(`${base}/appointments`).set('authorization', k).send(body).expect(201);
      expect(created.body).toMatchObject({ id: 'koordinator-2026', version: 0 });
      await http().post(`${base}/appointments`).set('authorization', k).send(body).expect(409);
      await http().post(`${base}/appointments`).set('authorization', await as('dinas')).send({ ...body, appointmentId: 'koordinator-x' }).expect(403);
      const future = await http().post(`${base}/appointments`).set('authorization', k).send({ ...body, appointmentId: 'koordinator-y', decree: kupangDecree('2999-01-01', '21') }).expect(400);
      expect(future.body.message).toMatch(/^decree.date: /);
      const early = await http().post(`${base}/appointments`).set('authorization', k).send({ ...body, appointmentId: 'koordinator-z', from: '2026-01-01' }).expect(400);
      expect(early.body.message).toMatch(/^from: /);
      const noUnit = await http().post(`${base}/appointments`).set('authorization', k).send({ ...body, appointmentId: 'koordinator-w', unitId: 'setda-x' }).expect(400);
      expect(noUnit.body.message).toMatch(/^unitId: /);
      const viewer = await as('viewer');
      const state = await http().get(`${base}/appointments/koordinator-2026`).set('authorization', viewer).expect(200);
      expect(state.body).toMatchObject({ exists: true, position: 'koordinator-spbe', person: { name: 'Drs. Fransiskus Bria' }, unitId: 'dinas-kominfo', decree: body.decree, from: '2026-01-02', until: null });
      const list = await http().get(`${base}/appointments`).set('authorization', viewer).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual(['koordinator-2026']);
      await http().post(`${base}/appointments/koordinator-2026/end`).set('authorization', k).send({ endedOn: '2026-06-30', reasons: 'mutasi jabatan' }).expect(201);
      await http().post(`${base}/appointments/koordinator-2026/end`).set('authorization', k).send({ endedOn: '2026-07-01', reasons: 'mutasi jabatan' }).expect(409);
      await http().post(`${base}/appointments/tidak-ada/end`).set('authorization', k).send({ endedOn: '2026-07-01', reasons: 'mutasi jabatan' }).expect(404);
      const history = await http().get(`${base}/appointments/koordinator-2026/history`).set('authorization', viewer).expect(200);
      expect(history.body.items).toEqual([
        expect.objectContaining({ type: 'OfficialAppointed', legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 51(7)' }, actor: expect.objectContaining({ role: 'koordinator' }) }),
        expect.objectContaining({ type: 'AppointmentEnded', payload: { endedOn: '2026-06-30', reasons: 'mutasi jabatan' } }),
      ]);
      await http().get(`${base}/appointments/tidak-ada`).set('authorization', viewer).expect(404);
    });

    it('a refused approval is recorded as ApprovalRefused (with reasons, citing Pasal 28(2)) and satisfies no gate', async () => {
      const dinas = await as('dinas');
      const opd = await as('opd', 'dinas-kesehatan');
      await http()
        .post(`${base}/approvals`)
        .set('authorization', opd)
        .send({ approvalId: 'konsultasi-dinkes', action: 'aplikasi-khusus-build', gate: 'konsultasi', unitId: 'dinas-kesehatan', requestedOn: '2026-11-01', purpose: 'Konsultasi SIMPUS' })
        .expect(201);
      const refuse = { outcome: 'refused', decidedOn: '2026-11-03', reference: '000.8/9/Diskominfo/2026' };
      const noReasons = await http().post(`${base}/approvals/konsultasi-dinkes/decision`).set('authorization', dinas).send(refuse).expect(400);
      expect(noReasons.body.message).toMatch(/^reasons: /);
      await http().post(`${base}/approvals/konsultasi-dinkes/decision`).set('authorization', opd).send({ ...refuse, reasons: 'Sudah ada aplikasi umum' }).expect(403);
      await http().post(`${base}/approvals/konsultasi-dinkes/decision`).set('authorization', dinas).send({ ...refuse, reasons: 'Sudah ada aplikasi umum' }).expect(201);
      const state = await http().get(`${base}/approvals/konsultasi-dinkes`).set('authorization', dinas).expect(200);
      expect(state.body).toMatchObject({ status: 'refused', decidedOn: '2026-11-03', reasons: 'Sudah ada aplikasi umum', version: 1 });
      const history = await http().get(`${base}/approvals/konsultasi-dinkes/history`).set('authorization', dinas).expect(200);
      expect(history.body.items[1]).toMatchObject({
        type: 'ApprovalRefused',
        legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 28(2)' },
        actor: expect.objectContaining({ role: 'dinas' }),
        payload: { decidedOn: '2026-11-03', reference: '000.8/9/Diskominfo/2026', reasons: 'Sudah ada aplikasi umum' },
      });
      await http().post(`${base}/approvals/konsultasi-dinkes/decision`).set('authorization', dinas).send({ outcome: 'given', decidedOn: '2026-11-04', reference: 'x' }).expect(409);
      // Resting on the refused approval, the decision still lacks its gates (422).
      const decision = { decisionId: 'bangun-simpus-2', action: 'aplikasi-khusus-build', unitId: 'dinas-kesehatan', decidedOn: '2026-11-05', summary: 'Pembangunan SIMPUS', approvalIds: ['konsultasi-dinkes'] };
      await http().post(`${base}/decisions`).set('authorization', opd).send(decision).expect(422);
    });

    it('revokes a designation by decree as its own recorded decision, with the Pemda instrument it rests on', async () => {
      const k = await as('koordinator');
      await http().post(`${base}/units`).set('authorization', k).send({ unitId: 'dinas-pendidikan', name: 'Dinas Pendidikan', kind: 'opd' }).expect(201);
      const d = `${base}/designations`;
      await http().post(d).set('authorization', await as('opd', 'dinas-pendidikan')).send({ designationId: 'mandiri-dikbud', unitId: 'dinas-pendidikan', origin: 'permohonan', submittedOn: '2026-02-01' }).expect(201);
      const dinas = await as('dinas');
      await http().post(`${d}/mandiri-dikbud/assessment`).set('authorization', dinas).send({ assessedOn: '2026-02-10', results: ['a', 'b', 'c', 'd', 'e'].map((criterionId) => ({ criterionId, met: true })) }).expect(201);
      await http().post(`${d}/mandiri-dikbud/proposal`).set('authorization', dinas).send({ proposedOn: '2026-02-15' }).expect(201);
      await http().post(`${d}/mandiri-dikbud/decision`).set('authorization', k).send({ outcome: 'designated', decree: kupangDecree('2026-02-20', '30') }).expect(201);
      const revocation = { decree: kupangDecree('2026-09-01', '31'), reasons: 'SDM TIK tidak lagi memadai', legalBasis: { regulation: 'kepwal-kupang-31-2026', article: 'Diktum KESATU' } };
      await http().post(`${d}/mandiri-dikbud/revocation`).set('authorization', dinas).send(revocation).expect(403);
      const noBasis = await http().post(`${d}/mandiri-dikbud/revocation`).set('authorization', k).send({ decree: revocation.decree, reasons: revocation.reasons }).expect(400);
      expect(String(noBasis.body.message)).toMatch(/legalBasis/);
      await http().post(`${d}/mandiri-dikbud/revocation`).set('authorization', k).send({ ...revocation, decree: kupangDecree('2999-01-01', '32') }).expect(400);
      await http().post(`${d}/mandiri-dikbud/revocation`).set('authorization', k).send(revocation).expect(201);
      await http().post(`${d}/mandiri-dikbud/revocation`).set('authorization', k).send(revocation).expect(409);
      await http().post(`${d}/tidak-ada/revocation`).set('authorization', k).send(revocation).expect(404);
      const state = await http().get(`${d}/mandiri-dikbud`).set('authorization', await as('viewer')).expect(200);
      expect(state.body).toMatchObject({ status: 'revoked', revocation: { decree: revocation.decree, reasons: revocation.reasons, legalBasis: revocation.legalBasis }, version: 4 });
      const history = await http().get(`${d}/mandiri-dikbud/history`).set('authorization', await as('viewer')).expect(200);
      expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['MandiriTikApplicationSubmitted', 'MandiriTikAssessed', 'MandiriTikProposed', 'MandiriTikDesignated', 'MandiriTikRevoked']);
      expect(history.body.items[4]).toMatchObject({ legalBasis: revocation.legalBasis, actor: expect.objectContaining({ role: 'koordinator' }), payload: { unitId: 'dinas-pendidikan', decree: revocation.decree, reasons: revocation.reasons } });
    });
  });
});
