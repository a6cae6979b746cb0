import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { issueToken, LedgerConfig, loadConfig, Role } from '@spbe/ledger-core';
import { createApp, PlatformModule } from '@spbe/platform';
import { DUTIES, Duty, getProfile, HOLDER_ROLES, PROFILE_IDS, resolve } from '@spbe/regulations';
import { RegistryModule } from './registry.module';

/**
 * A scenario per regulation, over HTTP on the embedded adapters: register the Pemda and its units,
 * walk a PD Mandiri TIK designation and an architecture review to an amendment. Where the regulation
 * is silent (no criteria, no reviewer…), the product refuses and says so; the Pemda records its own
 * decree, and the walk continues on it.
 */
const REGIONAL = PROFILE_IDS.filter((id) => id !== 'nasional-perpres-95-2018');
const decree = (date: string, n = '1') => ({ number: `188.45/${n}/2026`, date, signer: 'Kepala Daerah' });
const ownBasis = { regulation: 'keputusan-kepala-daerah-2026', article: 'Diktum KESATU' };

describe.each(REGIONAL)('registry scenario: %s', (profileId) => {
  const profile = getProfile(profileId);
  const tenantId = `pemda-${profileId.split('-')[0]}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'spbe-scenario-'));
  let config: LedgerConfig;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const tokens = new Map<string, string>();
  const as = async (role: Role, unit?: string) => {
    const key = `${role}/${unit ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, await issueToken({ sub: `u-${role}`, name: `Pejabat ${role}`, tenant: tenantId, unit: unit ?? null, roles: [role] }, config.auth));
    return `Bearer ${tokens.get(key)}`;
  };
  /** The role that records the duty under the profile (after any Pemda decree). */
  const roleFor = async (duty: Duty): Promise<Role> => {
    const res = await http().get(`/api/registry/tenants/${tenantId}/profile`).set('authorization', await as('koordinator')).expect(200);
    const p = res.body.roles[duty];
    const holder = p.kind === 'silent' ? p.fallback?.value : p.value;
    return HOLDER_ROLES[holder as keyof typeof HOLDER_ROLES][0];
  };
  /** Where the regulation names no one for a duty, the Pemda records who by decree. */
  const decideDutyIfSilent = async (duty: Duty, holder: string) => {
    if (resolve(profile.roles[duty])) return false;
    await http().post(`/api/registry/tenants/${tenantId}/profile/overrides`).set('authorization', await as('koordinator')).send({ path: `roles.${duty}`, value: holder, decree: decree('2026-01-05'), legalBasis: ownBasis }).expect(201);
    return true;
  };

  beforeAll(async () => {
    config = loadConfig({ DATA_DIR: dataDir });
    @Module({ imports: [PlatformModule.forRoot(config, { name: 'architecture-registry', forwards: ['registry'], persistentForwarderCheckpoint: false }), RegistryModule] })
    class TestModule {}
    app = await createApp(TestModule, config, { title: 't', description: 't' });
    await app.init();
    const kind = profile.identity.region.kind;
    await http().post('/api/registry/tenants').set('authorization', await as('koordinator')).send({ tenantId, name: profile.identity.region.name, kind, profileId, ...(profile.identity.inForceFrom ? {} : { inForceFrom: '2024-01-01' }) }).expect(201);
    for (const [unitId, name, unitKind] of [['dinas-kominfo', 'Dinas Komunikasi dan Informatika', 'dinas-kominfo'], ['dinas-kesehatan', 'Dinas Kesehatan', 'opd']]) {
      await http().post(`/api/registry/tenants/${tenantId}/units`).set('authorization', await as('koordinator')).send({ unitId, name, kind: unitKind }).expect(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('walks a PD Mandiri TIK designation to a decree (the Pemda deciding what its regulation leaves open)', async () => {
    const base = `/api/registry/tenants/${tenantId}/designations`;
    const body = { designationId: 'mandiri-dinkes', unitId: 'dinas-kesehatan', origin: 'permohonan', submittedOn: '2026-02-01' };
    const criteria = resolve(profile.mandiriTik.criteria)?.value;
    if (!criteria) {
      const refused = await http().post(base).set('authorization', await as('opd', 'dinas-kesehatan')).send(body).expect(422);
      expect(refused.body.message).toContain('tidak menetapkan kriteria PD Mandiri TIK');
      await http()
        .post(`/api/registry/tenants/${tenantId}/profile/overrides`)
        .set('authorization', await as('koordinator'))
        .send({ path: 'mandiriTik.criteria', value: [{ id: '1', text: { id: 'memiliki SDM TIK', en: 'has ICT staff' } }, { id: '2', text: { id: 'memiliki anggaran TIK', en: 'has an ICT budget' } }], decree: decree('2026-01-10', '2'), legalBasis: ownBasis })
        .expect(201);
    }
    await decideDutyIfSilent('mandiriTikAssessor', 'dinas');
    await decideDutyIfSilent('mandiriTikProposer', 'dinas');
    await decideDutyIfSilent('mandiriTikDesignator', 'kepala-daerah');
    await http().post(base).set('authorization', await as('opd', 'dinas-kesehatan')).send(body).expect(201);
    const ids = criteria ? criteria.map((c) => c.id) : ['1', '2'];
    const assessor = await roleFor('mandiriTikAssessor');
    await http().post(`${base}/mandiri-dinkes/assessment`).set('authorization', await as('inspektorat')).send({ assessedOn: '2026-02-10', results: ids.map((criterionId) => ({ criterionId, met: true })) }).expect(403);
    await http().post(`${base}/mandiri-dinkes/assessment`).set('authorization', await as(assessor)).send({ assessedOn: '2026-02-10', results: ids.map((criterionId) => ({ criterionId, met: true })) }).expect(201);
    await http().post(`${base}/mandiri-dinkes/proposal`).set('authorization', await as(await roleFor('mandiriTikProposer'))).send({ proposedOn: '2026-02-15' }).expect(201);
    const designator = await roleFor('mandiriTikDesignator');
    const decision = { outcome: 'designated', decree: decree('2026-02-20', '3') };
    const [first, second] = await Promise.all([
      http().post(`${base}/mandiri-dinkes/decision`).set('authorization', await as(designator)).send(decision),
      http().post(`${base}/mandiri-dinkes/decision`).set('authorization', await as(designator)).send({ ...decision, outcome: 'refused', reasons: 'bersamaan' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const state = await http().get(`${base}/mandiri-dinkes`).set('authorization', await as('viewer')).expect(200);
    expect(['designated', 'refused']).toContain(state.body.status);
    const history = await http().get(`${base}/mandiri-dinkes/history`).set('authorization', await as('viewer')).expect(200);
    expect(history.body.items).toHaveLength(4);
    for (const e of history.body.items) {
      expect(e.actor.name).toMatch(/^Pejabat /);
      expect(e.legalBasis).toEqual(expect.objectContaining({ regulation: expect.any(String), article: expect.any(String) }));
    }
    // The assessment cites the article naming the assessor, or the Pemda's own decree where there is none.
    expect(history.body.items[1].legalBasis.regulation).toBe(resolve(profile.roles.mandiriTikAssessor) ? profileId : ownBasis.regulation);
  });

  it('walks an architecture from its decree through a review to an amendment', async () => {
    const base = `/api/registry/tenants/${tenantId}/architectures`;
    await decideDutyIfSilent('architectureEnactor', 'kepala-daerah');
    await decideDutyIfSilent('architectureReviewer', 'dinas');
    await decideDutyIfSilent('architectureChangeDecider', 'kepala-daerah');
    const artefact = profile.architecture.artefact;
    const enactor = await roleFor('architectureEnactor');
    const body = { architectureId: 'arsitektur-2026', artefact, title: `Arsitektur SPBE ${profile.identity.region.name} 2026–2030`, validFrom: '2026-01-01', domains: ['proses-bisnis', 'layanan'], decree: decree('2026-01-02', '4') };
    const created = await http().post(base).set('authorization', await as(enactor)).send(body).expect(201);
    expect(created.body).toMatchObject({ id: 'arsitektur-2026', version: 0 });
    await http().post(base).set('authorization', await as(enactor)).send(body).expect(409);
    const state = await http().get(`${base}/arsitektur-2026`).set('authorization', await as('viewer')).expect(200);
    // Every regional profile states a five-year term (Kupang Pasal 8(1)†, Pasuruan Pasal 5(3), Samarinda Pasal 6(4), Dumai Pasal 5(3), Mojokerto Pasal 4(2)).
    expect(resolve(profile.architecture.validity)?.value.years).toBe(5);
    expect(state.body.validTo).toBe('2030-12-31');
    // The reviews the profile makes due (as of today) come with the architecture.
    for (const r of state.body.dueReviews) expect(r).toMatchObject({ ruleId: expect.stringMatching(/^R-ARC-(0[78]|13)/), subject: { id: 'arsitektur-2026' }, status: expect.any(String) });
    expect(state.body.dueReviews.length).toBe(profile.obligations.filter((o) => o.scope === 'architecture' && (o.kind === 'periodic' ? resolve(o.cadence) : resolve(o.provision))).length);

    const reviewer = await roleFor('architectureReviewer');
    const grounds = resolve(profile.architecture.reviewGrounds) ? ['a'] : ['kebutuhan daerah'];
    const review = { reviewId: 'reviu-2026', kind: 'ad-hoc', heldOn: '2026-02-01', grounds, outcome: 'perlu-perubahan', summary: 'Penyesuaian domain layanan' };
    await http().post(`${base}/arsitektur-2026/reviews`).set('authorization', await as(reviewer)).send({ ...review, grounds: [] }).expect(resolve(profile.architecture.reviewGrounds) ? 422 : 400);
    await http().post(`${base}/arsitektur-2026/reviews`).set('authorization', await as(reviewer)).send(review).expect(201);
    const decider = await roleFor('architectureChangeDecider');
    await http().post(`${base}/arsitektur-2026/amendments`).set('authorization', await as(decider)).send({ amendmentId: 'perubahan-1', decree: decree('2026-02-10', '5'), basedOnReviewId: 'reviu-2026', summary: 'Perubahan domain layanan' }).expect(201);
    const history = await http().get(`${base}/arsitektur-2026/history`).set('authorization', await as('viewer')).expect(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['ArchitectureEnacted', 'ArchitectureReviewed', 'ArchitectureAmended']);

    // An annual review exists only in Pasuruan (Pasal 5(4): annual M&E by the Dinas); elsewhere the regulation is silent.
    const annual = { ...review, reviewId: 'monev-2026', kind: 'annual', heldOn: '2026-03-01', grounds: [], outcome: 'tetap', summary: 'Monitoring dan evaluasi tahunan' };
    const res = await http().post(`${base}/arsitektur-2026/reviews`).set('authorization', await as(reviewer)).send(annual);
    if (profileId === 'pasuruan-perwali-24-2021') {
      expect(res.status).toBe(201);
      const after = await http().get(`${base}/arsitektur-2026/history`).set('authorization', await as('viewer')).expect(200);
      expect(after.body.items[3]).toMatchObject({ type: 'ArchitectureMonitoringEvaluated', legalBasis: { regulation: 'pasuruan-perwali-24-2021', article: 'Pasal 5(4)' }, payload: { kind: 'annual' } });
    } else {
      expect(res.status).toBe(422);
      expect(res.body.message).toContain(`${profileId} defines no annual review`);
      expect(res.body.message).toContain('record an ad hoc review (kind: ad-hoc) with its grounds');
      await http().get(`${base}/arsitektur-2026/history`).set('authorization', await as('viewer')).expect(200).expect((r) => expect(r.body.items).toHaveLength(3));
    }
  });

  it('every duty of the profile resolves to a body after the Pemda decisions, or is reported as silent', async () => {
    const res = await http().get(`/api/registry/tenants/${tenantId}/profile`).set('authorization', await as('viewer')).expect(200);
    for (const d of DUTIES) expect(['stated', 'silent', 'pemda-decision']).toContain(res.body.roles[d].kind);
  });
});
