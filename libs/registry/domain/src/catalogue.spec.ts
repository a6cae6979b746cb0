import { AuthError, EventEnvelope, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { refusal } from '@spbe/ledger-core/testing';
import { effectiveProfile, EffectiveProfile } from '@spbe/regulations';
import { ApplicationCommand, applicationDecider, ApplicationState, RegisterApplication } from './application';
import { ApprovalState } from './approval';
import { DatasetCommand, datasetDecider, DatasetState } from './dataset';
import { InfrastructureCommand, infrastructureDecider } from './infrastructure';

const KUPANG = effectiveProfile({ profileId: 'kupang-perwali-11-2025' });
const MOJOKERTO = effectiveProfile({ profileId: 'mojokerto-perbup-15-2021', inForceFrom: '2021-06-01' });
const DUMAI = effectiveProfile({ profileId: 'dumai-perwako-18-2019' });
const NASIONAL = effectiveProfile({ profileId: 'nasional-perpres-95-2018', inForceFrom: '2024-01-01' });
/** Kupang after the Pemda adopted a test-before-live order by its own decree (Pasal 28(6)(e) sets none). */
const ADOPTION_BASIS = { regulation: 'keputusan-walikota-kupang-12-2026', article: 'Diktum KEDUA' };
const KUPANG_WITH_TEST_RULE = effectiveProfile({ profileId: 'kupang-perwali-11-2025' }, [
  { path: 'orderRules.R-APP-11', value: true, decree: { number: '12/2026', date: '2026-01-05', signer: 'Wali Kota Kupang' }, legalBasis: ADOPTION_BASIS },
]);
const doc = { uri: 'https://dokumen.kupangkota.go.id/serah-terima.pdf', sha256: 'a'.repeat(64) };
/** A recorded approval (as the handler loads it). */
const approval = (patch: Partial<ApprovalState>): ApprovalState => ({ exists: true, approvalId: 'kons-1', action: 'aplikasi-khusus-build', gate: 'konsultasi', unitId: 'dinas-kesehatan', status: 'given', ...patch });
const ctx = { profile: KUPANG, role: 'dinas' as const, today: '2026-11-22' };
const noGates = { mandiriTik: false, given: [] };
const register: RegisterApplication = { type: 'RegisterApplication', applicationId: 'simpus', name: 'SIMPUS', category: 'khusus', ownerUnitId: 'dinas-kesehatan', ownerExists: true, builderExists: true, builtByDinas: false, gates: noGates, ...ctx };

function apply(commands: ApplicationCommand[], profile: EffectiveProfile = KUPANG): ApplicationState {
  let s = applicationDecider.initialState();
  commands.forEach((c, i) => {
    for (const e of applicationDecider.decide({ ...c, profile }, s)) s = applicationDecider.evolve(s, { ...e, eventId: `e${i}`, streamId: 'k:registry.application:simpus' } as unknown as EventEnvelope);
  });
  return s;
}

describe('applications', () => {
  it.each([
    ['kupang-perwali-11-2025', KUPANG, { mandiriTik: false, given: [] }, 'Pasal 28(1)(c)'],
    ['kupang-perwali-11-2025 (designated, no consultation)', KUPANG, { mandiriTik: true, given: [] }, 'Pasal 28(2)'],
    ['mojokerto-perbup-15-2021 (no Dinas recommendation)', MOJOKERTO, { mandiriTik: false, given: [] }, 'Pasal 22(6)(b)'],
  ])('an Aplikasi Khusus built by its own PD needs the profile gates: %s', (_w, profile, gates, article) => {
    const e = refusal(() => applicationDecider.decide({ ...register, profile, gates }, applicationDecider.initialState()));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect(e.legalBasis?.article).toBe(article);
  });

  it('records the gates it rests on; built by the Dinas, none are needed; Dumai has none', () => {
    const [e] = applicationDecider.decide({ ...register, gates: { mandiriTik: true, designationEventId: 'd1', given: [{ gate: 'konsultasi', eventId: 'k1' }] } }, applicationDecider.initialState());
    expect(e).toMatchObject({ legalBasis: { article: 'Pasal 28(1)(c)' }, payload: { gates: [{ by: 'd1' }, { by: 'k1' }] } });
    expect(applicationDecider.decide({ ...register, builtByDinas: true }, applicationDecider.initialState())[0].legalBasis).toBeNull();
    expect(applicationDecider.decide({ ...register, profile: DUMAI }, applicationDecider.initialState())[0].payload).toMatchObject({ gates: [] });
  });

  it('goes live untested in Kupang (Pasal 28(6)(e) lists stages, sets no order); once', () => {
    const base = { ...register, builtByDinas: true };
    const live = { type: 'GoLive' as const, deployedOn: '2026-10-10', ...ctx };
    const s = apply([base, live]);
    expect(s).toMatchObject({ live: true, testedBeforeLive: false });
    expect(refusal(() => applicationDecider.decide(live, s)).kind).toBe('conflict');
  });

  it('goes live only after a test where the Pemda adopted that order by decree, citing the decree (the test need not be passed: "wajib melakukan pengujian")', () => {
    const P = KUPANG_WITH_TEST_RULE;
    const base = { ...register, builtByDinas: true, profile: P };
    const live = { type: 'GoLive' as const, deployedOn: '2026-10-10', ...ctx, profile: P };
    const failed = { type: 'RecordApplicationTest' as const, testedOn: '2026-10-01', kind: 'UAT', result: 'gagal' as const, ...ctx, profile: P };
    expect(refusal(() => applicationDecider.decide(live, apply([base], P))).legalBasis).toEqual(ADOPTION_BASIS);
    // A test after going live does not count.
    expect(refusal(() => applicationDecider.decide(live, apply([base, { ...failed, testedOn: '2026-10-11' }], P))).legalBasis).toEqual(ADOPTION_BASIS);
    const s = apply([base, failed, live], P);
    expect(s.live).toBe(true);
    expect(refusal(() => applicationDecider.decide(live, s)).kind).toBe('conflict');
  });

  it('hands over in Dumai only with the penetration, performance and debugging reports, each at most a month old (Pasal 13(5)(d))', () => {
    const base = { ...register, builtByDinas: true };
    const report = (test: 'penetration' | 'performance' | 'debugging', testedOn = '2026-10-15') => ({ type: 'ReportPreHandoverTest' as const, test, testedOn, ...ctx });
    const handover = { type: 'HandOver' as const, handedOverOn: '2026-11-01', sourceDeposited: true, ...ctx, profile: DUMAI };
    const refused = (cs: ApplicationCommand[]) => refusal(() => applicationDecider.decide(handover, apply([base, ...cs], DUMAI)));
    expect(refused([report('penetration', '2026-09-01'), report('performance'), report('debugging')]).legalBasis?.article).toBe('Pasal 13(5)(d)');
    expect(refused([report('penetration'), report('performance')]).message).toContain('debugging');
    expect(applicationDecider.decide(handover, apply([base, report('penetration'), report('performance'), report('debugging')], DUMAI))[0].type).toBe('ApplicationHandedOver');
  });

  it.each([
    ['an unknown owner', { ownerExists: false }, 'ownerUnitId'],
    ['an unknown builder', { builderUnitId: 'x', builderExists: false }, 'builderUnitId'],
    ['a bad category', { category: 'lain' }, 'category'],
    ['a bad complexity', { complexity: 'sedang' }, 'complexity'],
  ])('refuses %s naming the field', (_w, patch, field) => {
    expect((refusal(() => applicationDecider.decide({ ...register, builtByDinas: true, ...patch } as RegisterApplication, applicationDecider.initialState())) as ValidationError).field).toBe(field);
  });

  it('its state carries every catalogue field: category, complexity, owner, builder, hosting, API, tested before live, hand-over documents, source deposit', () => {
    const base: RegisterApplication = { ...register, category: 'umum', builderUnitId: 'dinas-kominfo', builtByDinas: true, complexity: 'kecil', hostedInDataCentre: true, apiAvailable: false };
    const registered = apply([base]);
    expect(registered).toMatchObject({ category: 'umum', complexity: 'kecil', ownerUnitId: 'dinas-kesehatan', builderUnitId: 'dinas-kominfo', hostedInDataCentre: true, apiAvailable: false });
    expect(registered).toMatchObject({ live: false, testedBeforeLive: null, handedOverOn: null, handoverDocumentsPresent: null, sourceDeposited: null });
    const tested = { type: 'RecordApplicationTest' as const, testedOn: '2026-10-01', kind: 'UAT', result: 'lulus' as const, ...ctx };
    const live = { type: 'GoLive' as const, deployedOn: '2026-10-10', ...ctx };
    const handover = { type: 'HandOver' as const, handedOverOn: '2026-11-01', documents: [doc], sourceDeposited: true, repositoryUri: 'https://git.kupangkota.go.id/simpus', ...ctx };
    expect(apply([base, tested, live, handover])).toMatchObject({
      live: true,
      deployedOn: '2026-10-10',
      testedBeforeLive: true,
      handedOverOn: '2026-11-01',
      handoverDocumentsPresent: true,
      handoverDocuments: [doc],
      sourceDeposited: true,
      repositoryUri: 'https://git.kupangkota.go.id/simpus',
    });
    expect(apply([base, tested, live, { ...handover, documents: [], sourceDeposited: false }])).toMatchObject({ handoverDocumentsPresent: false, sourceDeposited: false });
    // Unstated at registration: not recorded (null), not assumed.
    expect(apply([{ ...register, builtByDinas: true }])).toMatchObject({ complexity: null, hostedInDataCentre: null, apiAvailable: null });
    // Where the profile has no tested-before-live rule (national baseline), going live untested is recorded as such.
    expect(apply([base, { ...live, profile: NASIONAL }], NASIONAL)).toMatchObject({ live: true, testedBeforeLive: false });
  });

  it.each([
    ['kupang-perwali-11-2025 (no such rule: no legal basis invented)', KUPANG, null],
    ['kupang-perwali-11-2025 with the rule adopted by decree', KUPANG_WITH_TEST_RULE, ADOPTION_BASIS],
    ['pasuruan-perwali-24-2021', effectiveProfile({ profileId: 'pasuruan-perwali-24-2021' }), { regulation: 'pasuruan-perwali-24-2021', article: 'Pasal 14(1)' }],
    ['nasional-perpres-95-2018 (no such rule: no legal basis invented)', NASIONAL, null],
  ])('going live carries the article of the tested-before-live rule it was checked against: %s', (_w, profile, legalBasis) => {
    const base = { ...register, builtByDinas: true };
    const tested = { type: 'RecordApplicationTest' as const, testedOn: '2026-10-01', kind: 'UAT', result: 'lulus' as const, ...ctx };
    const [e] = applicationDecider.decide({ type: 'GoLive', deployedOn: '2026-10-10', ...ctx, profile }, apply([base, tested], profile));
    expect(e.type).toBe('ApplicationDeployedToProduction');
    expect(e.legalBasis).toEqual(legalBasis);
  });

  it('the hand-over carries the article of the test-report rule it was checked against (Dumai Pasal 13(5)(d)); none in Kupang, which has no such rule', () => {
    const base = { ...register, builtByDinas: true };
    const reports = (['penetration', 'performance', 'debugging'] as const).map((test) => ({ type: 'ReportPreHandoverTest' as const, test, testedOn: '2026-10-15', ...ctx }));
    const handover = { type: 'HandOver' as const, handedOverOn: '2026-11-01', sourceDeposited: true, ...ctx };
    expect(applicationDecider.decide({ ...handover, profile: DUMAI }, apply([base, ...reports], DUMAI))[0].legalBasis).toEqual({ regulation: 'dumai-perwako-18-2019', article: 'Pasal 13(5)(d)' });
    expect(applicationDecider.decide(handover, apply([base, ...reports]))[0].legalBasis).toBeNull();
  });

  it.each([
    ['not recorded', ['kons-x'], []],
    ['for another unit', ['kons-1'], [approval({ unitId: 'bappeda' })]],
    ['for another action', ['kons-1'], [approval({ action: 'application-external-use', gate: 'persetujuan' })]],
  ])('refuses an approval named in approvalIds that is %s (400 naming approvalIds[i], as /decisions)', (_w, approvalIds, approvals) => {
    const e = refusal(() => applicationDecider.decide({ ...register, gates: { mandiriTik: true, given: [] }, approvalIds, approvals }, applicationDecider.initialState()));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).field).toBe('approvalIds[0]');
  });

  it('names the position of the bad approval, and takes a matching one', () => {
    const good = approval({});
    const e = refusal(() => applicationDecider.decide({ ...register, approvalIds: ['kons-1', 'nope'], approvals: [good] }, applicationDecider.initialState()));
    expect((e as ValidationError).field).toBe('approvalIds[1]');
    const [ok] = applicationDecider.decide({ ...register, gates: { mandiriTik: true, designationEventId: 'd1', given: [{ gate: 'konsultasi', eventId: 'kons-1' }] }, approvalIds: ['kons-1'], approvals: [good] }, applicationDecider.initialState());
    expect(ok.payload).toMatchObject({ gates: [{ by: 'd1' }, { by: 'kons-1' }] });
  });

  it('a retired application takes no more records', () => {
    const s = apply([{ ...register, builtByDinas: true }, { type: 'RetireApplication', retiredOn: '2026-11-01', reasons: 'diganti aplikasi umum', ...ctx }]);
    expect(refusal(() => applicationDecider.decide({ type: 'GoLive', deployedOn: '2026-11-02', ...ctx }, s)).kind).toBe('conflict');
  });
});

describe('infrastructure', () => {
  const lan: InfrastructureCommand = { type: 'RegisterInfrastructure', infrastructureId: 'lan-dinkes', name: 'LAN Dinkes', kind: 'lan', unitId: 'dinas-kesehatan', unitExists: true, unitIsDinas: false, gates: noGates, ...ctx };
  it('a LAN of an OPD needs its PD Mandiri TIK status (Kupang Pasal 23(7)(b)†), in Mojokerto also a Dinas recommendation (Pasal 20(3)(b))', () => {
    expect(refusal(() => infrastructureDecider.decide(lan, infrastructureDecider.initialState())).legalBasis?.article).toBe('Pasal 23(7)(b)');
    expect(infrastructureDecider.decide({ ...lan, gates: { mandiriTik: true, given: [] } }, infrastructureDecider.initialState())[0].type).toBe('InfrastructureRegistered');
    const moj = refusal(() => infrastructureDecider.decide({ ...lan, profile: MOJOKERTO, gates: { mandiriTik: true, given: [] } }, infrastructureDecider.initialState()));
    expect(moj.message).toContain('rekomendasi Dinas');
    expect(infrastructureDecider.decide({ ...lan, unitIsDinas: true }, infrastructureDecider.initialState())[0].legalBasis).toBeNull();
  });

  it('refuses an approval named in approvalIds that is not recorded, or for another unit or action (400 naming approvalIds[i])', () => {
    const lanApproval = approval({ approvalId: 'rek-lan', action: 'lan-work-by-opd', gate: 'rekomendasi' });
    const field = (patch: Partial<InfrastructureCommand>) => (refusal(() => infrastructureDecider.decide({ ...lan, gates: { mandiriTik: true, given: [] }, ...patch } as InfrastructureCommand, infrastructureDecider.initialState())) as ValidationError).field;
    expect(field({ approvalIds: ['rek-x'], approvals: [] })).toBe('approvalIds[0]');
    expect(field({ approvalIds: ['rek-lan'], approvals: [{ ...lanApproval, unitId: 'bappeda' }] })).toBe('approvalIds[0]');
    expect(field({ approvalIds: ['rek-lan', 'kons-1'], approvals: [lanApproval, approval({})] })).toBe('approvalIds[1]');
    expect(infrastructureDecider.decide({ ...lan, gates: { mandiriTik: true, given: [] }, approvalIds: ['rek-lan'], approvals: [lanApproval] } as InfrastructureCommand, infrastructureDecider.initialState())[0].type).toBe('InfrastructureRegistered');
  });

  it('takes diagrams for a LAN only, with a document hash', () => {
    const s = infrastructureDecider.evolve(infrastructureDecider.initialState(), { ...infrastructureDecider.decide({ ...lan, unitIsDinas: true }, infrastructureDecider.initialState())[0], streamId: 'k:registry.infrastructure:lan-dinkes' } as unknown as EventEnvelope);
    const diagram = { type: 'SubmitLanDiagram' as const, submittedOn: '2026-11-01', document: { uri: 'https://x/lan.pdf', sha256: 'd'.repeat(64) }, ...ctx };
    expect(infrastructureDecider.decide(diagram, s)[0]).toMatchObject({ type: 'LanDiagramSubmitted', payload: { unitId: 'dinas-kesehatan' } });
    expect((refusal(() => infrastructureDecider.decide({ ...diagram, document: { uri: 'x', sha256: 'nothex' } }, s)) as ValidationError).field).toBe('document[0].sha256');
    expect((refusal(() => infrastructureDecider.decide({ ...diagram, submittedOn: '2027-01-01' }, s)) as ValidationError).field).toBe('submittedOn');
  });
});

describe('data sets', () => {
  const registerDs: DatasetCommand = { type: 'RegisterDataset', datasetId: 'faskes', name: 'Data Faskes', ownerUnitId: 'dinas-kesehatan', classification: 'terbatas', ownerExists: true, ...ctx };
  const run = (cs: DatasetCommand[]): DatasetState =>
    cs.reduce((s, c, i) => datasetDecider.decide(c, s).reduce((st, e) => datasetDecider.evolve(st, { ...e, eventId: `e${i}`, streamId: 'k:registry.dataset:faskes' } as unknown as EventEnvelope), s), datasetDecider.initialState());
  const manage: DatasetCommand = { type: 'StartDinasManagement', startedOn: '2026-11-10', ...ctx };
  const approve: DatasetCommand = { type: 'GrantOwnerApproval', approvedOn: '2026-11-05', reference: 'S-1', actingUnitId: 'dinas-kesehatan', ...ctx, role: 'opd' };

  it('the Dinas manages the data only after the owner approves (Kupang Pasal 20(2)); Dumai has no such rule', () => {
    expect(refusal(() => datasetDecider.decide(manage, run([registerDs]))).legalBasis?.article).toBe('Pasal 20(2)');
    expect(datasetDecider.decide(manage, run([registerDs, approve]))[0].type).toBe('DataManagedByDinas');
    expect(datasetDecider.decide({ ...manage, profile: DUMAI }, run([registerDs]))[0].type).toBe('DataManagedByDinas');
  });

  it.each([
    ['kupang-perwali-11-2025', KUPANG, { regulation: 'kupang-perwali-11-2025', article: 'Pasal 20(2)' }],
    ['mojokerto-perbup-15-2021', MOJOKERTO, { regulation: 'mojokerto-perbup-15-2021', article: 'Pasal 16(2)' }],
    ['dumai-perwako-18-2019 (no such rule: no legal basis invented)', DUMAI, null],
  ])("the Dinas's management carries the article of the owner-approval rule it was checked against: %s", (_w, profile, legalBasis) => {
    const [e] = datasetDecider.decide({ ...manage, profile }, run([registerDs, approve]));
    expect(e.type).toBe('DataManagedByDinas');
    expect(e.legalBasis).toEqual(legalBasis);
  });

  it('only the owner PD approves; only the Dinas records its management; a bad classification is refused', () => {
    expect(refusal(() => datasetDecider.decide({ ...approve, actingUnitId: 'bappeda' } as DatasetCommand, run([registerDs])))).toBeInstanceOf(AuthError);
    expect(refusal(() => datasetDecider.decide({ ...manage, role: 'opd' } as DatasetCommand, run([registerDs, approve])))).toBeInstanceOf(AuthError);
    expect((refusal(() => datasetDecider.decide({ ...registerDs, classification: 'publik' } as DatasetCommand, datasetDecider.initialState())) as ValidationError).field).toBe('classification');
  });
});
