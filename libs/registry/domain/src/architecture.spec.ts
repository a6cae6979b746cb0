import { refusal } from '@spbe/ledger-core/testing';
import { AuthError, EventEnvelope, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { effectiveProfile, EffectiveProfile } from '@spbe/regulations';
import { ArchitectureCommand, architectureDecider, ArchitectureState } from './architecture';
import { AppointmentCommand, appointmentDecider } from './appointment';

const KUPANG = effectiveProfile({ profileId: 'kupang-perwali-11-2025' });
const NASIONAL = effectiveProfile({ profileId: 'nasional-perpres-95-2018', inForceFrom: '2024-01-01' });
const decree = { number: '188.45/10/HK/2026', date: '2026-01-02', signer: 'Wali Kota Kupang' };
const ctx = { profile: KUPANG, today: '2029-01-10' };
const establish: ArchitectureCommand = {
  type: 'EstablishArchitecture',
  architectureId: 'arsitektur-2026',
  artefact: 'arsitektur',
  title: 'Arsitektur SPBE Kota Kupang 2026–2030',
  validFrom: '2026-01-01',
  domains: ['proses-bisnis', 'data-dan-informasi', 'infrastruktur', 'aplikasi', 'keamanan', 'layanan'],
  decree,
  role: 'koordinator',
  ...ctx,
};
const review: ArchitectureCommand = { type: 'ReviewArchitecture', reviewId: 'reviu-2028', kind: 'mid-term', heldOn: '2028-06-10', outcome: 'perlu-perubahan', summary: 'Domain layanan perlu diperbarui', role: 'dinas', ...ctx };
const amend: ArchitectureCommand = { type: 'AmendArchitecture', amendmentId: 'perubahan-1', decree: { ...decree, date: '2028-09-01' }, basedOnReviewId: 'reviu-2028', summary: 'Perubahan domain layanan', role: 'koordinator', ...ctx };

function run(commands: ArchitectureCommand[], profile: EffectiveProfile = KUPANG): { state: ArchitectureState; types: string[]; bases: (string | undefined)[] } {
  let state = architectureDecider.initialState();
  const types: string[] = [];
  const bases: (string | undefined)[] = [];
  for (const c of commands) {
    for (const e of architectureDecider.decide({ ...c, profile }, state)) {
      types.push(e.type);
      bases.push(e.legalBasis ? `${e.legalBasis.regulation} ${e.legalBasis.article}` : undefined);
      state = architectureDecider.evolve(state, { ...e, streamId: 'kota-kupang:registry.architecture:arsitektur-2026' } as unknown as EventEnvelope);
    }
  }
  return { state, types, bases };
}

describe('Arsitektur SPBE (Kupang Pasal 6–8)', () => {
  it('is established by decree with a five-year term, reviewed at mid-term and amended by decree based on the review', () => {
    const { state, types, bases } = run([establish, review, amend]);
    expect(state).toMatchObject({ validFrom: '2026-01-01', validTo: '2030-12-31', reviews: [{ reviewId: 'reviu-2028', kind: 'mid-term' }], amendments: [{ amendmentId: 'perubahan-1', basedOnReviewId: 'reviu-2028' }] });
    expect(types).toEqual(['ArchitectureEnacted', 'ArchitectureReviewed', 'ArchitectureAmended']);
    expect(bases).toEqual(['kupang-perwali-11-2025 Pasal 7(6)', 'kupang-perwali-11-2025 Pasal 8(2)', 'kupang-perwali-11-2025 Pasal 8(5)']);
  });

  it.each([
    ['a validity period that ends before it starts', { validTo: '2025-12-31' }, 'validTo'],
    ['a decree dated in the future', { decree: { ...decree, date: '2030-01-01' } }, 'decree.date'],
    ['an unknown domain', { domains: ['ekonomi'] }, 'domains[0]'],
    ['an unknown artefact', { artefact: 'masterplan' }, 'artefact'],
    ['a bad id', { architectureId: 'Arsitektur 2026' }, 'architectureId'],
  ])('refuses %s naming the field', (_w, patch, field) => {
    const e = refusal(() => architectureDecider.decide({ ...establish, ...patch } as ArchitectureCommand, architectureDecider.initialState()));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).field).toBe(field);
  });

  it('refuses a term longer than the profile allows (422, Pasal 8(1)†)', () => {
    const e = refusal(() => architectureDecider.decide({ ...establish, validTo: '2031-06-30' }, architectureDecider.initialState()));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect(e.legalBasis).toMatchObject({ regulation: 'kupang-perwali-11-2025', article: 'Pasal 8(1)' });
  });

  it('only the Dinas reviews (Pasal 8(2)†); a review outside the term or twice is refused', () => {
    const { state } = run([establish]);
    expect(refusal(() => architectureDecider.decide({ ...review, role: 'inspektorat' }, state))).toBeInstanceOf(AuthError);
    expect((refusal(() => architectureDecider.decide({ ...review, heldOn: '2025-06-01' }, state)) as ValidationError).field).toBe('heldOn');
    expect(refusal(() => architectureDecider.decide(review, run([establish, review]).state)).kind).toBe('conflict');
  });

  it('an ad hoc review names at least one of the seven grounds of Pasal 8(3)†', () => {
    const { state } = run([establish]);
    const adHoc = { ...review, kind: 'ad-hoc' as const, reviewId: 'adhoc-1' };
    expect(refusal(() => architectureDecider.decide(adHoc, state)).legalBasis).toMatchObject({ regulation: 'kupang-perwali-11-2025', article: 'Pasal 8(3)' });
    expect((refusal(() => architectureDecider.decide({ ...adHoc, grounds: ['h'] }, state)) as ValidationError).field).toBe('grounds[0]');
    expect(architectureDecider.decide({ ...adHoc, grounds: ['d', 'f'] }, state)[0]).toMatchObject({ payload: { grounds: ['d', 'f'] }, legalBasis: { article: 'Pasal 8(3)' } });
  });

  it('an amendment rests on a review that found a change needed, decided by the Wali Kota decree (Pasal 8(5))', () => {
    const kept = run([establish, { ...review, outcome: 'tetap' }]).state;
    expect(refusal(() => architectureDecider.decide(amend, kept))).toBeInstanceOf(RuleViolationError);
    const reviewed = run([establish, review]).state;
    expect((refusal(() => architectureDecider.decide({ ...amend, basedOnReviewId: 'nope' }, reviewed)) as ValidationError).field).toBe('basedOnReviewId');
    expect(refusal(() => architectureDecider.decide({ ...amend, role: 'dinas' }, reviewed))).toBeInstanceOf(AuthError);
  });

  it('a roadmap is recorded as Peta Rencana with its own term (Pasal 11(1)) and reviewer (Pasal 11(2))', () => {
    const { types, bases, state } = run([{ ...establish, artefact: 'peta-rencana', domains: [] }, review]);
    expect(types).toEqual(['RoadmapEnacted', 'RoadmapReviewed']);
    expect(bases[1]).toBe('kupang-perwali-11-2025 Pasal 11(2)');
    expect(state.validTo).toBe('2030-12-31');
  });

  it('where the regulation names no reviewer, the review waits for the Pemda decision (422)', () => {
    const e = refusal(() => run([{ ...establish, role: 'koordinator' }], NASIONAL));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect(e.message).toContain('roles.architectureEnactor');
  });
});

describe('annual review: only where the profile has one (rules-matrix R-ARC-07)', () => {
  const PASURUAN = effectiveProfile({ profileId: 'pasuruan-perwali-24-2021' });
  const DUMAI = effectiveProfile({ profileId: 'dumai-perwako-18-2019' });
  const SAMARINDA = effectiveProfile({ profileId: 'samarinda-perwali-draft-2023', inForceFrom: '2024-01-01' });
  const MOJOKERTO = effectiveProfile({ profileId: 'mojokerto-perbup-15-2021', inForceFrom: '2021-06-01' });
  const annual = { ...review, reviewId: 'monev-2028', kind: 'annual' as const, outcome: 'tetap' as const, summary: 'Monitoring dan evaluasi tahunan' };

  it('Pasuruan: the Dinas records the annual M&E of the Arsitektur, citing Pasal 5(4)', () => {
    const { types, bases, state } = run([establish, annual], PASURUAN);
    expect(types).toEqual(['ArchitectureEnacted', 'ArchitectureMonitoringEvaluated']);
    expect(bases[1]).toBe('pasuruan-perwali-24-2021 Pasal 5(4)');
    expect(state.reviews).toEqual([expect.objectContaining({ reviewId: 'monev-2028', kind: 'annual' })]);
  });

  it.each([
    ['kupang-perwali-11-2025', KUPANG, 'arsitektur', 'Pasal 8(3)'],
    ['kupang-perwali-11-2025 (Peta Rencana)', KUPANG, 'peta-rencana', 'Pasal 11(3)'],
    ['samarinda-perwali-draft-2023', SAMARINDA, 'arsitektur', 'Pasal 6(7)'],
    ['mojokerto-perbup-15-2021', MOJOKERTO, 'arsitektur', 'Pasal 4(5)'],
    ['dumai-perwako-18-2019 (cetak biru; grounds not stated)', DUMAI, 'cetak-biru', null],
    ['nasional-perpres-95-2018', NASIONAL, 'arsitektur', null],
  ] as const)('%s defines no annual review: refused (422), pointing to an ad hoc review with its grounds', (_w, profile, artefact, groundsArticle) => {
    const state: ArchitectureState = { exists: true, architectureId: 'arsitektur-2026', artefact, validFrom: '2026-01-01', validTo: '2030-12-31', reviews: [], amendments: [] };
    const e = refusal(() => architectureDecider.decide({ ...annual, profile }, state));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect(e.legalBasis).toEqual({ regulation: profile.id, article: '(tidak diatur / silent)' });
    expect(e.message).toContain(`${profile.id} tidak mengatur reviu tahunan`);
    expect(e.message).toContain(`${profile.id} defines no annual review`);
    expect(e.message).toContain('kind: ad-hoc');
    if (groundsArticle) expect(e.message).toContain(`${profile.id} ${groundsArticle}`);
  });
});

describe('appointments', () => {
  const appoint: AppointmentCommand = {
    type: 'Appoint',
    appointmentId: 'koordinator-2026',
    position: 'koordinator-spbe',
    person: { name: 'Drs. Fransiskus Bria', title: 'Sekretaris Daerah' },
    unitId: 'sekretariat-daerah',
    unitExists: true,
    decree,
    from: '2026-01-02',
    profile: KUPANG,
    today: '2026-03-01',
  };
  it('records an appointment by decree citing the profile (Koordinator SPBE = Sekda, Pasal 51(7)) and its end', () => {
    const [e] = appointmentDecider.decide(appoint, appointmentDecider.initialState());
    expect(e).toMatchObject({ type: 'OfficialAppointed', legalBasis: { article: 'Pasal 51(7)' }, payload: { position: 'koordinator-spbe', decree } });
    const s = appointmentDecider.evolve(appointmentDecider.initialState(), e as unknown as EventEnvelope);
    const [end] = appointmentDecider.decide({ type: 'EndAppointment', endedOn: '2026-02-28', reasons: 'mutasi jabatan', today: '2026-03-01', profile: appoint.profile }, s);
    expect(end).toMatchObject({ type: 'AppointmentEnded', legalBasis: { article: 'Pasal 51(7)' } });
  });
  it.each([
    ['an unknown unit', { unitExists: false }, 'unitId'],
    ['a future decree', { decree: { ...decree, date: '2026-04-01' } }, 'decree.date'],
    ['a start before the decree', { from: '2026-01-01' }, 'from'],
    ['an end before the start', { until: '2025-12-31' }, 'until'],
    ['an unknown position', { position: 'bupati' }, 'position'],
    ['no name', { person: { name: '' } }, 'person.name'],
  ])('refuses %s naming the field', (_w, patch, field) => {
    const e = refusal(() => appointmentDecider.decide({ ...appoint, ...patch } as AppointmentCommand, appointmentDecider.initialState()));
    expect((e as ValidationError).field).toBe(field);
  });
});
