import { refusal } from '@spbe/ledger-core/testing';
import { AuthError, EventEnvelope, InvariantError, NewEvent, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { applyOverride, effectiveProfile } from '@spbe/regulations';
import { DesignationCommand, designationDecider, DesignationState, designationStreamId } from './designation';

const KUPANG = effectiveProfile({ profileId: 'kupang-perwali-11-2025' });
const NASIONAL = effectiveProfile({ profileId: 'nasional-perpres-95-2018', inForceFrom: '2024-01-01' });
const ctx = { profile: KUPANG, today: '2026-03-01' };
const submit: DesignationCommand = { type: 'SubmitDesignation', designationId: 'mandiri-dinkes', unitId: 'dinas-kesehatan', origin: 'permohonan', submittedOn: '2026-02-01', unitExists: true, unitHasOpenDesignation: null, role: 'opd', ...ctx };
const allMet = ['a', 'b', 'c', 'd', 'e'].map((criterionId) => ({ criterionId, met: true }));
const assess: DesignationCommand = { type: 'AssessDesignation', assessedOn: '2026-02-10', results: allMet, role: 'dinas', ...ctx };
const propose: DesignationCommand = { type: 'ProposeDesignation', proposedOn: '2026-02-15', role: 'dinas', ...ctx };
const decree = { number: '188.45/77/HK/2026', date: '2026-02-20', signer: 'Wali Kota Kupang' };
const decide: DesignationCommand = { type: 'DecideDesignation', outcome: 'designated', decree, role: 'koordinator', ...ctx };

function run(commands: DesignationCommand[], profileOverride?: DesignationCommand['profile']): { state: DesignationState; events: NewEvent[] } {
  let state = designationDecider.initialState();
  const events: NewEvent[] = [];
  commands.forEach((c, i) => {
    const out = designationDecider.decide(profileOverride ? { ...c, profile: profileOverride } : c, state);
    for (const e of out) {
      events.push(e);
      state = designationDecider.evolve(state, { ...e, streamId: designationStreamId('kota-kupang', 'mandiri-dinkes'), version: i, occurredAt: '2026-03-01T00:00:00Z' } as unknown as EventEnvelope);
    }
  });
  return { state, events };
}


describe('PD Mandiri TIK designation (Kupang Pasal 52)', () => {
  it('walks application → assessment → proposal → decree, each step citing its article', () => {
    const { state, events } = run([submit, assess, propose, decide]);
    expect(events.map((e) => [e.type, e.legalBasis?.article])).toEqual([
      ['MandiriTikApplicationSubmitted', 'Pasal 52(1)'],
      ['MandiriTikAssessed', 'Pasal 52(3)'],
      ['MandiriTikProposed', 'Pasal 52(5)'],
      ['MandiriTikDesignated', 'Pasal 52(7)'],
    ]);
    expect(events[1].payload).toMatchObject({ eligible: true, criteriaCitation: { article: 'Pasal 52(4)' } });
    expect(state).toMatchObject({ status: 'designated', unitId: 'dinas-kesehatan', decision: { outcome: 'designated', decree } });
  });

  it('an assessment with a criterion not met makes the PD ineligible; it cannot be proposed (422)', () => {
    const notMet = { ...assess, results: allMet.map((r) => (r.criterionId === 'c' ? { ...r, met: false, note: 'tidak ada anggaran TIK' } : r)) } as DesignationCommand;
    const { state } = run([submit, notMet]);
    expect(state.status).toBe('assessed-ineligible');
    const e = refusal(() => designationDecider.decide(propose, state));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect(e.legalBasis).toEqual({ regulation: 'kupang-perwali-11-2025', article: 'Pasal 52(5)' });
  });

  it.each([
    ['an unknown criterion', { results: [...allMet, { criterionId: 'z', met: true }] }, 'results[5].criterionId'],
    ['a missing criterion', { results: allMet.slice(0, 4) }, 'results'],
    ['a criterion twice', { results: [...allMet, allMet[0]] }, 'results[5].criterionId'],
    ['a non-boolean result', { results: allMet.map((r) => ({ ...r, met: 'ya' })) }, 'results[0].met'],
    ['an assessment before the submission', { assessedOn: '2026-01-01' }, 'assessedOn'],
    ['an assessment in the future', { assessedOn: '2026-04-01' }, 'assessedOn'],
  ])('refuses %s naming the field', (_w, patch, field) => {
    const { state } = run([submit]);
    const e = refusal(() => designationDecider.decide({ ...assess, ...patch } as DesignationCommand, state));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).field).toBe(field);
  });

  it('only the Dinas assesses (403 naming Pasal 52(3)); only the role recording the Wali Kota decree decides (Pasal 52(7))', () => {
    const { state } = run([submit]);
    expect(refusal(() => designationDecider.decide({ ...assess, role: 'opd' }, state))).toBeInstanceOf(AuthError);
    expect(refusal(() => designationDecider.decide({ ...assess, role: 'inspektorat' }, state)).message).toContain('Pasal 52(3)');
    const proposed = run([submit, assess, propose]).state;
    const e = refusal(() => designationDecider.decide({ ...decide, role: 'dinas' }, proposed));
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toContain('kepala-daerah (kupang-perwali-11-2025 Pasal 52(7))');
  });

  it('a second decision on the same designation is a conflict (409)', () => {
    const { state } = run([submit, assess, propose, decide]);
    const e = refusal(() => designationDecider.decide({ ...decide, outcome: 'refused', reasons: 'dibatalkan' }, state));
    expect(e).toBeInstanceOf(InvariantError);
    expect(e.kind).toBe('conflict');
  });

  it('refusal needs reasons; the decree date may not be in the future or before the proposal', () => {
    const proposed = run([submit, assess, propose]).state;
    expect((refusal(() => designationDecider.decide({ ...decide, outcome: 'refused' }, proposed)) as ValidationError).field).toBe('reasons');
    expect((refusal(() => designationDecider.decide({ ...decide, decree: { ...decree, date: '2026-12-01' } }, proposed)) as ValidationError).field).toBe('decree.date');
    expect((refusal(() => designationDecider.decide({ ...decide, decree: { ...decree, date: '2026-02-14' } }, proposed)) as ValidationError).field).toBe('decree.date');
    const { state, events } = run([submit, assess, propose, { ...decide, outcome: 'refused', reasons: 'SDM TIK belum memadai' } as DesignationCommand]);
    expect(state.status).toBe('refused');
    expect(events[3].type).toBe('MandiriTikRefused');
  });

  it('steps out of order are refused (409)', () => {
    expect(refusal(() => designationDecider.decide(propose, run([submit]).state)).kind).toBe('conflict');
    expect(refusal(() => designationDecider.decide(decide, run([submit, assess]).state)).kind).toBe('conflict');
    expect(refusal(() => designationDecider.decide(assess, designationDecider.initialState())).kind).toBe('conflict');
  });

  it('revocation is its own decision, resting on the Pemda instrument (no regulation sets one)', () => {
    const revoke: DesignationCommand = { type: 'RevokeDesignation', decree: { ...decree, date: '2026-02-28' }, reasons: 'tidak lagi memenuhi kriteria', legalBasis: { regulation: 'kepwal-kupang-90-2026', article: 'Diktum KESATU' }, role: 'koordinator', ...ctx };
    const { state, events } = run([submit, assess, propose, decide, revoke]);
    expect(state.status).toBe('revoked');
    expect(events[4]).toMatchObject({ type: 'MandiriTikRevoked', legalBasis: { regulation: 'kepwal-kupang-90-2026' } });
    expect(refusal(() => designationDecider.decide(revoke, run([submit]).state)).kind).toBe('conflict');
  });

  it('refuses a second open application for the same unit, an unknown unit, a duplicate id', () => {
    expect(refusal(() => designationDecider.decide({ ...submit, unitHasOpenDesignation: 'mandiri-lama' } as DesignationCommand, designationDecider.initialState())).kind).toBe('conflict');
    expect((refusal(() => designationDecider.decide({ ...submit, unitExists: false } as DesignationCommand, designationDecider.initialState())) as ValidationError).field).toBe('unitId');
    expect(refusal(() => designationDecider.decide(submit, run([submit]).state)).kind).toBe('conflict');
  });
});

describe('PD Mandiri TIK in Pasuruan: the proposal is Pasal 19(5), not the assessment of 19(3)', () => {
  const PASURUAN = effectiveProfile({ profileId: 'pasuruan-perwali-24-2021' });
  const met = [{ criterionId: 'a', met: true }, { criterionId: 'b', met: true }];
  const assessed = () => run([submit, { ...assess, results: met } as DesignationCommand], PASURUAN).state;
  it('a proposal by another role than the Dinas is refused citing Pasal 19(5)', () => {
    const e = refusal(() => designationDecider.decide({ ...propose, role: 'opd', profile: PASURUAN }, assessed()));
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toContain('pasuruan-perwali-24-2021 Pasal 19(5)');
    expect(e.message).not.toContain('Pasal 19(3)');
  });
  it('the Dinas proposes, and the event carries Pasal 19(5)', () => {
    const [e] = designationDecider.decide({ ...propose, profile: PASURUAN }, assessed());
    expect(e).toMatchObject({ type: 'MandiriTikProposed', legalBasis: { regulation: 'pasuruan-perwali-24-2021', article: 'Pasal 19(5)' } });
  });
});

describe('PD Mandiri TIK where the regulation defines no criteria (national baseline; also Samarinda, Dumai, Mojokerto)', () => {
  it('refuses an application until the Pemda records its own criteria decree (422 saying so)', () => {
    const e = refusal(() => designationDecider.decide({ ...submit, profile: NASIONAL }, designationDecider.initialState()));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect(e.message).toContain('tidak menetapkan kriteria PD Mandiri TIK');
    expect(e.message).toContain('mandiriTik.criteria');
  });

  it('after the criteria decree and the designator decree, the workflow runs on the Pemda decisions', () => {
    const basis = { regulation: 'perbup-x-1-2026', article: 'Pasal 3' };
    const d = { number: '1/2026', date: '2026-01-10', signer: 'Bupati' };
    let p = applyOverride(NASIONAL, { path: 'mandiriTik.criteria', value: [{ id: '1', text: { id: 'memiliki pranata komputer', en: 'has computer staff' } }], decree: d, legalBasis: basis });
    p = applyOverride(p, { path: 'roles.mandiriTikAssessor', value: 'dinas', decree: d, legalBasis: basis });
    p = applyOverride(p, { path: 'roles.mandiriTikProposer', value: 'dinas', decree: d, legalBasis: basis });
    p = applyOverride(p, { path: 'roles.mandiriTikDesignator', value: 'kepala-daerah', decree: d, legalBasis: basis });
    const { state, events } = run([submit, { ...assess, results: [{ criterionId: '1', met: true }] } as DesignationCommand, propose, decide], p);
    expect(state.status).toBe('designated');
    expect(events.map((e) => e.legalBasis)).toEqual([basis, basis, basis, basis]);
  });
});
