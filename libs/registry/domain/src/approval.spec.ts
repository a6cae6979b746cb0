import { refusal } from '@spbe/ledger-core/testing';
import { AuthError, EventEnvelope, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { applyOverride, effectiveProfile, EffectiveProfile } from '@spbe/regulations';
import { ApprovalCommand, approvalDecider, ApprovalState, gatedDecisionDecider, RecordGatedDecision } from './approval';

const KUPANG = effectiveProfile({ profileId: 'kupang-perwali-11-2025' });
const basis = { regulation: 'perwali-x-2026', article: 'Pasal 8(2)' };
/** A profile whose budget plan needs a Dinas recommendation (as Samarinda Pasal 8(2)). */
const WITH_BUDGET_GATE: EffectiveProfile = {
  ...KUPANG,
  gates: [...KUPANG.gates, { ruleId: 'R-PLB-02', action: 'plan-budget-finalised', gate: 'rekomendasi', term: 'rekomendasi Dinas', givenBy: 'dinas', citation: basis }],
};
const ctx = { profile: WITH_BUDGET_GATE, today: '2026-03-20' };
const request: ApprovalCommand = { type: 'RequestApproval', approvalId: 'rek-1', action: 'plan-budget-finalised', gate: 'rekomendasi', unitId: 'dinkes', requestedOn: '2026-03-01', purpose: 'RKA SPBE 2027', unitExists: true, role: 'opd', ...ctx };
const give: ApprovalCommand = { type: 'DecideApproval', outcome: 'given', decidedOn: '2026-03-05', reference: '000.8/1/2026', role: 'dinas', ...ctx };

function apply(commands: ApprovalCommand[]): ApprovalState {
  return commands.reduce((s, c) => designEvents(c, s), approvalDecider.initialState());
}
function designEvents(c: ApprovalCommand, s: ApprovalState): ApprovalState {
  return approvalDecider.decide(c, s).reduce((st, e) => approvalDecider.evolve(st, { ...e, streamId: 'kota-kupang:registry.approval:rek-1' } as unknown as EventEnvelope), s);
}

describe('approval gates', () => {
  it('requests and gives a recommendation, citing the article that requires it', () => {
    const events = approvalDecider.decide(request, approvalDecider.initialState());
    expect(events[0]).toMatchObject({ type: 'ApprovalRequested', legalBasis: basis, payload: { requiredBy: basis } });
    expect(apply([request, give])).toMatchObject({ status: 'given', approvalId: 'rek-1', gate: 'rekomendasi', reference: '000.8/1/2026' });
  });

  it('only the body the profile names gives it (403); it is decided once (409); a refusal needs reasons', () => {
    const requested = apply([request]);
    expect(refusal(() => approvalDecider.decide({ ...give, role: 'opd' }, requested))).toBeInstanceOf(AuthError);
    expect(refusal(() => approvalDecider.decide(give, apply([request, give]))).kind).toBe('conflict');
    expect((refusal(() => approvalDecider.decide({ ...give, outcome: 'refused' }, requested)) as ValidationError).field).toBe('reasons');
    expect((refusal(() => approvalDecider.decide({ ...give, decidedOn: '2026-02-01' }, requested)) as ValidationError).field).toBe('decidedOn');
  });

  it('a refusal is recorded as ApprovalRefused with its reasons, citing the article that requires the gate; it satisfies no gate', () => {
    const refuse: ApprovalCommand = { ...give, outcome: 'refused', reasons: 'Anggaran belum sesuai Arsitektur SPBE' } as ApprovalCommand;
    const [e] = approvalDecider.decide(refuse, apply([request]));
    expect(e).toEqual({ type: 'ApprovalRefused', payload: { decidedOn: '2026-03-05', reference: '000.8/1/2026', reasons: 'Anggaran belum sesuai Arsitektur SPBE' }, legalBasis: basis });
    const refused = apply([request, refuse]);
    expect(refused).toMatchObject({ status: 'refused', reasons: 'Anggaran belum sesuai Arsitektur SPBE', decidedOn: '2026-03-05' });
    expect(refusal(() => approvalDecider.decide(give, refused)).kind).toBe('conflict');
  });

  it('the data-owner approval is given by the owner PD (Kupang Pasal 20(2))', () => {
    const r = { ...request, action: 'data-managed-by-dinas', gate: 'persetujuan', profile: KUPANG } as ApprovalCommand;
    const requested = apply([r]);
    expect(refusal(() => approvalDecider.decide({ ...give, profile: KUPANG }, requested)).message).toContain('Pasal 20(2)');
    expect(apply([r, { ...give, role: 'opd', profile: KUPANG }]).status).toBe('given');
  });

  it('refuses an unknown action, gate or unit naming the field', () => {
    expect((refusal(() => approvalDecider.decide({ ...request, action: 'x' } as never, approvalDecider.initialState())) as ValidationError).field).toBe('action');
    expect((refusal(() => approvalDecider.decide({ ...request, gate: 'x' } as never, approvalDecider.initialState())) as ValidationError).field).toBe('gate');
    expect((refusal(() => approvalDecider.decide({ ...request, unitExists: false } as ApprovalCommand, approvalDecider.initialState())) as ValidationError).field).toBe('unitId');
  });
});

describe('decisions that need a gate', () => {
  const decision: RecordGatedDecision = {
    type: 'RecordGatedDecision',
    decisionId: 'rka-2027',
    action: 'plan-budget-finalised',
    unitId: 'dinkes',
    decidedOn: '2026-03-10',
    summary: 'RKA SPBE 2027 ditetapkan',
    approvalIds: [],
    unitExists: true,
    approvals: [],
    designationId: null,
    role: 'opd',
    ...ctx,
  };

  it('cannot be recorded without a given recommendation (422 naming the article)', () => {
    const e = refusal(() => gatedDecisionDecider.decide(decision, gatedDecisionDecider.initialState()));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect(e.legalBasis).toEqual(basis);
    const refused = { ...apply([request]), status: 'refused' as const };
    expect(refusal(() => gatedDecisionDecider.decide({ ...decision, approvalIds: ['rek-1'], approvals: [refused] }, gatedDecisionDecider.initialState())).legalBasis).toEqual(basis);
  });

  it('is recorded with the approval it rests on', () => {
    const events = gatedDecisionDecider.decide({ ...decision, approvalIds: ['rek-1'], approvals: [apply([request, give])] }, gatedDecisionDecider.initialState());
    expect(events[0]).toMatchObject({ type: 'GatedDecisionRecorded', legalBasis: basis, payload: { gates: [{ ruleId: 'R-PLB-02', by: 'rek-1', legalBasis: basis }] } });
  });

  it('refuses an approval for another action or unit, or one not recorded', () => {
    const other = { ...apply([request, give]), unitId: 'bappeda' };
    expect((refusal(() => gatedDecisionDecider.decide({ ...decision, approvalIds: ['rek-1'], approvals: [other] }, gatedDecisionDecider.initialState())) as ValidationError).field).toBe('approvalIds[0]');
    expect((refusal(() => gatedDecisionDecider.decide({ ...decision, approvalIds: ['nope'] }, gatedDecisionDecider.initialState())) as ValidationError).field).toBe('approvalIds[0]');
  });

  it('an Aplikasi Khusus build by a PD needs its PD Mandiri TIK designation and the Dinas consultation (Kupang Pasal 28(1)(c), 28(2))', () => {
    const build = { ...decision, action: 'aplikasi-khusus-build' as const, profile: KUPANG };
    expect(refusal(() => gatedDecisionDecider.decide(build, gatedDecisionDecider.initialState())).legalBasis?.article).toBe('Pasal 28(1)(c)');
    expect(refusal(() => gatedDecisionDecider.decide({ ...build, designationId: 'mandiri-dinkes' }, gatedDecisionDecider.initialState())).legalBasis?.article).toBe('Pasal 28(2)');
    const consult = { ...apply([{ ...request, action: 'aplikasi-khusus-build', gate: 'konsultasi', profile: KUPANG } as ApprovalCommand]), status: 'given' as const };
    const ok = gatedDecisionDecider.decide({ ...build, designationId: 'mandiri-dinkes', approvalIds: ['rek-1'], approvals: [consult] }, gatedDecisionDecider.initialState());
    expect(ok[0].payload).toMatchObject({ gates: [{ gate: 'mandiri-tik-designation', by: 'mandiri-dinkes' }, { gate: 'konsultasi', by: 'rek-1' }] });
  });

  it('a gate the Pemda did not need is not demanded', () => {
    const p = applyOverride(KUPANG, { path: 'settings.dueSoonDays', value: 10, decree: { number: '1', date: '2026-01-01', signer: 'x' }, legalBasis: basis });
    expect(gatedDecisionDecider.decide({ ...decision, profile: p }, gatedDecisionDecider.initialState())[0].legalBasis).toBeNull();
  });
});

describe('Dumai Pasal 12(3): the Sekda decides a data-use request on the Diskominfo recommendation', () => {
  const DUMAI = effectiveProfile({ profileId: 'dumai-perwako-18-2019' });
  const dctx = { profile: DUMAI, today: '2026-03-20' };
  const ask = (approvalId: string, gate: 'rekomendasi' | 'persetujuan'): ApprovalCommand => ({ type: 'RequestApproval', approvalId, action: 'walidata-data-use', gate, unitId: 'dinkes', subjectId: 'data-penduduk', requestedOn: '2026-03-01', purpose: 'Data kependudukan untuk layanan kesehatan', unitExists: true, role: 'opd', ...dctx });
  const sekda = (sameRequestGiven: { approvalId: string; gate: 'rekomendasi'; decidedOn: string }[], outcome: 'given' | 'refused' = 'given'): ApprovalCommand => ({ type: 'DecideApproval', outcome, decidedOn: '2026-03-10', reference: '000/5/Setda/2026', ...(outcome === 'refused' ? { reasons: 'Data bersifat rahasia' } : {}), role: 'koordinator', sameRequestGiven, ...dctx });
  const requested = approvalDecider.decide(ask('setuju-1', 'persetujuan'), approvalDecider.initialState()).reduce((st, e) => approvalDecider.evolve(st, { ...e, streamId: 'kota-dumai:registry.approval:setuju-1' } as unknown as EventEnvelope), approvalDecider.initialState());

  it('the request cites Pasal 12(3)', () => {
    expect(approvalDecider.decide(ask('rek-1', 'rekomendasi'), approvalDecider.initialState())[0].legalBasis).toEqual({ regulation: 'dumai-perwako-18-2019', article: 'Pasal 12(3)' });
  });

  it.each(['given', 'refused'] as const)('a persetujuan %s without a given recommendation is refused (422, Pasal 12(3)); with one it rests on it', (outcome) => {
    const e = refusal(() => approvalDecider.decide(sekda([], outcome), requested));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect(e.legalBasis).toEqual({ regulation: 'dumai-perwako-18-2019', article: 'Pasal 12(3)' });
    // A recommendation given after the Sekda's decision date does not count.
    expect(refusal(() => approvalDecider.decide(sekda([{ approvalId: 'rek-1', gate: 'rekomendasi', decidedOn: '2026-03-12' }], outcome), requested))).toBeInstanceOf(RuleViolationError);
    const [ok] = approvalDecider.decide(sekda([{ approvalId: 'rek-1', gate: 'rekomendasi', decidedOn: '2026-03-05' }], outcome), requested);
    expect(ok).toMatchObject({ type: outcome === 'given' ? 'ApprovalGiven' : 'ApprovalRefused', payload: { on: 'rek-1' }, legalBasis: { article: 'Pasal 12(3)' } });
  });

  it('only the Sekda (recorded by the koordinator role) decides the persetujuan', () => {
    expect(refusal(() => approvalDecider.decide({ ...sekda([{ approvalId: 'rek-1', gate: 'rekomendasi', decidedOn: '2026-03-05' }]), role: 'dinas' } as ApprovalCommand, requested))).toBeInstanceOf(AuthError);
  });
});

