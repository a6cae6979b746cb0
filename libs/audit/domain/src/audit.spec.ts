import { refusal } from '@spbe/ledger-core/testing';
import { AuthError, EventEnvelope, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { effectiveProfile, EffectiveProfile, Fact } from '@spbe/regulations';
import { AuditCommand, auditDecider, AuditState } from './audit';
import { dueAudits } from './due';
import { FindingCommand, findingDecider, FindingState } from './finding';
import { obligationMarkDecider } from './overdue';
import { latikDecider } from './latik';

const KUPANG = effectiveProfile({ profileId: 'kupang-perwali-11-2025' });
const MOJOKERTO = effectiveProfile({ profileId: 'mojokerto-perbup-15-2021', inForceFrom: '2021-06-01' });
const ctx = { profile: KUPANG, role: 'inspektorat' as const, today: '2026-11-22' };
const plan = { type: 'PlanAudit' as const, auditId: 'a1', auditType: 'keamanan' as const, mode: 'internal' as const, objectKind: 'infrastructure' as const, objectId: 'pusat-data', year: 2026, objectExists: true, priorFacts: [] as Fact[], ...ctx };

function run<S, C>(decider: { initialState(): S; decide(c: C, s: S): { type: string; payload: Record<string, unknown> }[]; evolve(s: S, e: EventEnvelope): S }, commands: C[], streamId: string): S {
  let s = decider.initialState();
  for (const c of commands) for (const e of decider.decide(c, s)) s = decider.evolve(s, { ...e, streamId, eventId: `e-${e.type}` } as unknown as EventEnvelope);
  return s;
}
const auditRun = (cs: AuditCommand[]) => run<AuditState, AuditCommand>(auditDecider, cs, 'kota-kupang:audit.audit:a1');

describe('an Audit TIK through its lifecycle (Kupang Pasal 47–50)', () => {
  const schedule: AuditCommand = { type: 'ScheduleAudit', startDate: '2026-10-01', endDate: '2026-10-10', priorFacts: [], ...ctx };
  const start: AuditCommand = { type: 'StartAudit', startedOn: '2026-10-01', ...ctx };
  const report: AuditCommand = { type: 'ReportAudit', reportedOn: '2026-10-20', conclusion: 'perlu-peningkatan', summary: 'Kendali akses belum memadai', ...ctx };

  it('is planned by the Inspektorat (Pasal 48(1)), scheduled, started, reported and closed', () => {
    expect(auditDecider.decide(plan, auditDecider.initialState())[0]).toMatchObject({ type: 'AuditPlanned', legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 48(1)' } });
    const s = auditRun([plan, schedule, start, report, { type: 'CloseAudit', closedOn: '2026-11-01', ...ctx }]);
    expect(s).toMatchObject({ status: 'closed', conclusion: 'perlu-peningkatan', reportedOn: '2026-10-20' });
  });

  it('refuses another planner (403), an unknown object, an end before the start, a bad conclusion, steps out of order', () => {
    expect(refusal(() => auditDecider.decide({ ...plan, role: 'dinas' }, auditDecider.initialState()))).toBeInstanceOf(AuthError);
    expect((refusal(() => auditDecider.decide({ ...plan, objectExists: false }, auditDecider.initialState())) as ValidationError).field).toBe('objectId');
    expect((refusal(() => auditDecider.decide({ ...schedule, endDate: '2026-09-30' } as AuditCommand, auditRun([plan]))) as ValidationError).field).toBe('endDate');
    expect((refusal(() => auditDecider.decide({ ...report, conclusion: 'baik' } as never, auditRun([plan, schedule, start]))) as ValidationError).field).toBe('conclusion');
    expect(refusal(() => auditDecider.decide(report, auditRun([plan]))).kind).toBe('conflict');
    expect((refusal(() => auditDecider.decide({ ...report, reportedOn: '2026-12-01' } as AuditCommand, auditRun([plan, schedule, start]))) as ValidationError).field).toBe('reportedOn');
  });

  it('is started, reported and closed only by the audit planner (Pasal 48(1)) or, for an internal audit, the internal audit team (Pasal 47(6))', () => {
    const scheduled = auditRun([plan, schedule]);
    for (const role of ['opd', 'viewer', 'asesor'] as const) {
      const refused = refusal(() => auditDecider.decide({ ...start, role }, scheduled));
      expect(refused).toBeInstanceOf(AuthError);
      expect(refused.message).toContain('Pasal 48(1)');
    }
    expect(refusal(() => auditDecider.decide({ ...report, role: 'opd' }, auditRun([plan, schedule, start])))).toBeInstanceOf(AuthError);
    expect(refusal(() => auditDecider.decide({ type: 'CloseAudit', closedOn: '2026-11-01', ...ctx, role: 'viewer' }, auditRun([plan, schedule, start, report])))).toBeInstanceOf(AuthError);
    // The Dinas sits in Kupang's Tim Auditor TIK internal: it may record an internal audit's steps…
    expect(auditDecider.decide({ ...start, role: 'dinas' }, scheduled)[0].type).toBe('AuditStarted');
    // …but not an external one's, which only the planner records.
    const latik = { latikId: 'latik-1', registeredUntil: '2027-12-31', accreditedUntil: '2027-12-31' };
    const internal: Fact = { eventId: 'int', type: 'AuditReported', date: '2026-06-01', subject: { kind: 'infrastructure', id: 'pusat-data' }, data: { mode: 'internal', auditType: 'keamanan' } };
    const external = auditRun([{ ...plan, mode: 'eksternal' }, { ...schedule, latikId: 'latik-1', latik, priorFacts: [internal] } as AuditCommand]);
    expect(refusal(() => auditDecider.decide({ ...start, role: 'dinas' }, external))).toBeInstanceOf(AuthError);
    expect(auditDecider.decide(start, external)[0].type).toBe('AuditStarted');
  });

  it('names auditors of an internal audit from the Tim Auditor TIK internal appointed by decree, for the whole audit (Pasal 47(6))', () => {
    const planned = auditRun([plan]);
    const team = [
      { name: 'Maria Auditor', from: '2026-01-05', until: null },
      { name: 'Yosef Auditor', from: '2026-01-05', until: '2026-10-05' },
    ];
    const withAuditors = (auditors: string[], t = team) => ({ ...schedule, auditors, team: t }) as AuditCommand;
    const none = refusal(() => auditDecider.decide(withAuditors(['Maria Auditor'], []), planned));
    expect(none).toMatchObject({ code: 'INTERNAL_AUDIT_TEAM_NOT_APPOINTED', legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 47(6)' } });
    const outsider = refusal(() => auditDecider.decide(withAuditors(['Maria Auditor', 'Orang Luar']), planned));
    expect(outsider).toMatchObject({ code: 'AUDITOR_NOT_IN_INTERNAL_TEAM', message: expect.stringMatching(/^auditors\[1\]: Orang Luar/) });
    // Yosef's appointment ends on 5 October, before the audit (1–10 October) ends.
    expect(refusal(() => auditDecider.decide(withAuditors(['yosef auditor']), planned))).toMatchObject({ code: 'AUDITOR_NOT_IN_INTERNAL_TEAM' });
    expect(auditDecider.decide(withAuditors([' maria auditor ']), planned)[0]).toMatchObject({ type: 'AuditScheduled', payload: { auditors: ['maria auditor'] } });
    // No names given: nothing to check.
    expect(auditDecider.decide(withAuditors([], []), planned)[0].type).toBe('AuditScheduled');
    // A profile that names no internal audit team records the names as given (Mojokerto is silent on it).
    const mojokerto: EffectiveProfile = { ...MOJOKERTO, roles: { ...MOJOKERTO.roles, auditPlanner: { kind: 'stated', value: 'inspektorat', citation: { regulation: 'kepbup-x', article: '1' } } } };
    const mojokertoAudit = auditRun([{ ...plan, profile: mojokerto }]);
    expect(auditDecider.decide({ ...withAuditors(['Siapa Saja'], []), profile: mojokerto } as AuditCommand, mojokertoAudit)[0].type).toBe('AuditScheduled');
  });

  it('an external audit needs a LATIK registered and accredited until its end date (422), after the internal one (BSSN 8/2024)', () => {
    const planned = auditRun([{ ...plan, mode: 'eksternal' }]);
    const latik = { latikId: 'latik-1', registeredUntil: '2026-10-05', accreditedUntil: '2027-12-31' };
    const internal: Fact = { eventId: 'int', type: 'AuditReported', date: '2026-06-01', subject: { kind: 'infrastructure', id: 'pusat-data' }, data: { mode: 'internal', auditType: 'keamanan' } };
    const ok = { ...schedule, latikId: 'latik-1', latik: { ...latik, registeredUntil: '2026-10-10' }, priorFacts: [internal] } as AuditCommand;
    // National rule on every profile: the internal security audit precedes the LATIK audit.
    expect(refusal(() => auditDecider.decide({ ...ok, priorFacts: [] } as AuditCommand, planned)).legalBasis).toMatchObject({ regulation: 'peraturan-bssn-8-2024' });
    expect((refusal(() => auditDecider.decide({ ...ok, latikId: null } as AuditCommand, planned)) as ValidationError).field).toBe('latikId');
    const lapsed = refusal(() => auditDecider.decide({ ...ok, latik } as AuditCommand, planned));
    expect(lapsed).toBeInstanceOf(RuleViolationError);
    expect(lapsed.message).toContain('2026-10-05');
    const unaccredited = refusal(() => auditDecider.decide({ ...ok, latik: { ...latik, registeredUntil: '2026-12-31', accreditedUntil: '2026-10-09' } } as AuditCommand, planned));
    expect(unaccredited).toBeInstanceOf(RuleViolationError);
    expect(unaccredited.message).toContain('2026-10-09');
    expect((refusal(() => auditDecider.decide({ ...ok, latik: null } as AuditCommand, planned)) as ValidationError).field).toBe('latikId');
    expect(auditDecider.decide(ok, planned)[0]).toMatchObject({ type: 'AuditScheduled', payload: { mode: 'eksternal', objectId: 'pusat-data' } });
  });

  it('a government LATIK needs no accreditation (Kupang Pasal 47(4): "pemerintah atau … yang terakreditasi"); an accredited one does', () => {
    const planned = auditRun([{ ...plan, mode: 'eksternal' }]);
    const internal: Fact = { eventId: 'int', type: 'AuditReported', date: '2026-09-01', subject: { kind: 'infrastructure', id: 'pusat-data' }, data: { mode: 'internal', auditType: 'keamanan' } };
    const on = (latik: object) => ({ ...schedule, latikId: 'latik-1', latik: { latikId: 'latik-1', registeredUntil: '2027-12-31', ...latik }, priorFacts: [internal] }) as AuditCommand;
    expect(auditDecider.decide(on({ kind: 'pemerintah', accreditedUntil: null }), planned)[0].type).toBe('AuditScheduled');
    expect(refusal(() => auditDecider.decide(on({ kind: 'terakreditasi', accreditedUntil: null }), planned)).message).toContain('akreditasi LATIK');
    const [registered] = latikDecider.decide({ type: 'RegisterLatik', latikId: 'bssn', name: 'Pusat Audit BSSN', kind: 'pemerintah', registrationNo: 'REG-9', registeredUntil: '2028-12-31' }, latikDecider.initialState());
    expect(registered.payload).toEqual({ name: 'Pusat Audit BSSN', kind: 'pemerintah', registrationNo: 'REG-9', registeredUntil: '2028-12-31', auditors: [] });
    expect((refusal(() => latikDecider.decide({ type: 'RegisterLatik', latikId: 'x', name: 'LATIK Swasta', registrationNo: 'R', registeredUntil: '2028-12-31' }, latikDecider.initialState())) as ValidationError).field).toBe('accreditedUntil');
  });
});

describe('internal audit before the external one is prepared (Mojokerto Pasal 39(5): at least one month, any object and type)', () => {
  // Mojokerto names no audit planner: the Pemda records who by decree.
  const planner: EffectiveProfile = { ...MOJOKERTO, roles: { ...MOJOKERTO.roles, auditPlanner: { kind: 'stated', value: 'koordinator-spbe', citation: { regulation: 'kepbup-x', article: '1' } } } };
  const internalOn = (date: string, subject: Fact['subject'] = { kind: 'infrastructure', id: 'pusat-data' }, auditType = 'keamanan'): Fact => ({ eventId: 'int', type: 'AuditReported', date, subject, data: { mode: 'internal', auditType } });
  // The external audit is prepared (planned) on 2026-11-22.
  const external = (prior: Fact[]) => ({ ...plan, auditId: 'ext', mode: 'eksternal' as const, profile: planner, role: 'koordinator' as const, today: '2026-11-22', priorFacts: prior });

  it.each([
    ['no internal audit', [], 'violated'],
    ['an internal audit 3 weeks before the preparation', [internalOn('2026-11-01')], 'violated'],
    ['an internal audit 2 months before', [internalOn('2026-09-15')], 'ok'],
    ['an internal audit of another object, 2 months before', [internalOn('2026-09-15', { kind: 'application', id: 'simpeg' })], 'ok'],
    ['an internal audit of another type, 2 months before', [internalOn('2026-09-15', undefined, 'aplikasi')], 'ok'],
  ])('%s', (_w, prior, outcome) => {
    const decide = () => auditDecider.decide(external(prior as Fact[]), auditDecider.initialState());
    if (outcome === 'ok') expect(decide()[0].type).toBe('AuditPlanned');
    else expect(refusal(decide).legalBasis).toMatchObject({ regulation: 'mojokerto-perbup-15-2021', article: 'Pasal 39(5)' });
  });

  it('an internal audit is planned without one before it', () => {
    expect(auditDecider.decide({ ...external([]), mode: 'internal' as const }, auditDecider.initialState())[0].type).toBe('AuditPlanned');
  });

  it('where the regulation names no planner, planning waits for the Pemda decision (422)', () => {
    expect(refusal(() => auditDecider.decide({ ...external([]), profile: MOJOKERTO }, auditDecider.initialState())).message).toContain('roles.auditPlanner');
  });
});

describe('findings and tindak lanjut', () => {
  const record: FindingCommand = { type: 'RecordFinding', findingId: 'f1', auditId: 'a1', auditReported: true, unitExists: true, criteria: 'SNI ISO 27001 A.9', condition: 'Akun bersama dipakai', cause: 'Belum ada SOP', effect: 'Jejak akses hilang', recommendation: 'Terapkan akun individual', severity: 'tinggi', responsibleUnitId: 'dinas-kesehatan', dueDate: '2026-12-31', ...ctx };
  const evidence = [{ uri: 'https://dokumen.kupangkota.go.id/tl-1.pdf', sha256: 'a'.repeat(64) }];
  const submit: FindingCommand = { type: 'SubmitFollowUp', followUpId: 'tl-1', submittedOn: '2026-11-10', description: 'SOP akun individual diterbitkan', evidence, actingUnitId: 'dinas-kesehatan', ...ctx, role: 'opd' };
  const accept: FindingCommand = { type: 'VerifyFollowUp', followUpId: 'tl-1', outcome: 'accepted', verifiedOn: '2026-11-15', ...ctx };
  const findingRun = (cs: FindingCommand[]) => run<FindingState, FindingCommand>(findingDecider, cs, 'kota-kupang:audit.finding:f1');

  it('a follow-up cites the follow-up duty where the profile names one (Samarinda Pasal 30(8)) and none where it is silent (Kupang)', () => {
    const recorded = findingRun([record]);
    const samarinda = effectiveProfile({ profileId: 'samarinda-perwali-draft-2023', inForceFrom: '2024-01-01' });
    expect(findingDecider.decide({ ...submit, profile: samarinda } as FindingCommand, recorded)[0].legalBasis).toEqual({ regulation: 'samarinda-perwali-draft-2023', article: 'Pasal 30(8)' });
    expect(findingDecider.decide(submit, recorded)[0].legalBasis).toBeNull();
  });

  it('walks record → follow-up → verification → closure', () => {
    const s = findingRun([record, submit, accept, { type: 'CloseFinding', closedOn: '2026-11-20', ...ctx }]);
    expect(s).toMatchObject({ status: 'closed', followUps: [{ followUpId: 'tl-1', outcome: 'accepted' }] });
  });

  it.each([
    ['no responsible OPD', { responsibleUnitId: '' }, 'responsibleUnitId'],
    ['no recommendation', { recommendation: '' }, 'recommendation'],
    ['an unreported audit', { auditReported: false }, 'auditId'],
    ['a bad severity', { severity: 'parah' }, 'severity'],
    ['an unknown unit', { unitExists: false }, 'responsibleUnitId'],
  ])('refuses a finding with %s naming the field', (_w, patch, field) => {
    expect((refusal(() => findingDecider.decide({ ...record, ...patch } as FindingCommand, findingDecider.initialState())) as ValidationError).field).toBe(field);
  });

  it('a returned follow-up needs reasons and reopens; a follow-up on a closed finding is refused; only the planner verifies', () => {
    const submitted = findingRun([record, submit]);
    expect((refusal(() => findingDecider.decide({ ...accept, outcome: 'returned' } as FindingCommand, submitted)) as ValidationError).field).toBe('reasons');
    expect(findingRun([record, submit, { ...accept, outcome: 'returned', reasons: 'Bukti belum ditandatangani' } as FindingCommand]).status).toBe('open');
    expect(refusal(() => findingDecider.decide({ ...accept, role: 'opd' } as FindingCommand, submitted))).toBeInstanceOf(AuthError);
    const closed = findingRun([record, submit, accept, { type: 'CloseFinding', closedOn: '2026-11-20', ...ctx }]);
    expect(refusal(() => findingDecider.decide({ ...submit, followUpId: 'tl-2' } as FindingCommand, closed)).kind).toBe('conflict');
    expect(refusal(() => findingDecider.decide({ ...submit, actingUnitId: 'bappeda' } as FindingCommand, findingRun([record])))).toBeInstanceOf(AuthError);
    expect((refusal(() => findingDecider.decide({ ...submit, evidence: [] } as FindingCommand, findingRun([record]))) as ValidationError).field).toBe('evidence');
  });

  it('marks a follow-up overdue once per due date', () => {
    const open = findingRun([record]);
    expect(findingDecider.decide({ type: 'MarkFollowUpOverdue', asOf: '2026-12-31' }, open)).toEqual([]);
    const marked = findingRun([record, { type: 'MarkFollowUpOverdue', asOf: '2027-01-01' }]);
    expect(marked.overdueMarkedFor).toEqual(['2026-12-31']);
    expect(findingDecider.decide({ type: 'MarkFollowUpOverdue', asOf: '2027-01-02' }, marked)).toEqual([]);
  });
});

describe('due audits and the overdue marker', () => {
  const objects = [{ kind: 'infrastructure' as const, id: 'pusat-data', since: '2025-04-15' }, { kind: 'application' as const, id: 'simpus', since: '2025-05-01', attributes: { category: 'khusus' } }];
  it('lists each object with its due audits and the article (Kupang Pasal 48(1), 49(2), 50(2))', () => {
    const due = dueAudits(KUPANG, { id: 'kota-kupang', since: '2025-04-15' }, objects, [], '2027-04-16');
    const infra = due.find((d) => d.object.id === 'pusat-data')!;
    expect(infra.obligations.map((o) => [o.ruleId, o.status, o.dueDate, o.citation?.article])).toEqual([
      ['R-AUD-09', 'overdue', '2027-04-15', 'Pasal 48(1)'],
      ['R-AUD-11.infrastructure', 'overdue', '2027-04-15', 'Pasal 50(2)'],
    ]);
    const app = due.find((d) => d.object.id === 'simpus')!;
    expect(app.obligations.map((o) => [o.ruleId, o.dueDate])).toEqual([['R-AUD-10', '2027-05-01'], ['R-AUD-11.application', '2027-05-01']]);
  });

  it('a reported audit fulfils the obligation of its type', () => {
    const audits = [{ id: 'a1', exists: true, status: 'reported' as const, auditType: 'keamanan' as const, mode: 'internal' as const, objectKind: 'infrastructure' as const, objectId: 'pusat-data', reportedOn: '2026-10-20', reportedEventId: 'ev-1', version: 3 }];
    const infra = dueAudits(KUPANG, { id: 'kota-kupang', since: '2025-04-15' }, objects, audits, '2026-11-22').find((d) => d.object.id === 'pusat-data')!;
    expect(infra.obligations.find((o) => o.ruleId === 'R-AUD-11.infrastructure')).toMatchObject({ status: 'fulfilled', evidence: ['ev-1'], dueDate: '2028-10-20' });
  });

  it('records an overdue audit once per due date', () => {
    const o = { ruleId: 'R-AUD-09', subject: { kind: 'infrastructure' as const, id: 'pusat-data' }, dueDate: '2027-04-15', status: 'overdue' as const, citation: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 48(1)' } };
    const [event] = obligationMarkDecider.decide({ type: 'MarkAuditOverdue', obligation: o, asOf: '2027-04-16' }, obligationMarkDecider.initialState());
    expect(event).toMatchObject({ type: 'AuditBecameOverdue', legalBasis: o.citation, payload: { dueDate: '2027-04-15' } });
    const s = obligationMarkDecider.evolve(obligationMarkDecider.initialState(), event as unknown as EventEnvelope);
    expect(obligationMarkDecider.decide({ type: 'MarkAuditOverdue', obligation: o, asOf: '2027-04-17' }, s)).toEqual([]);
    expect(obligationMarkDecider.decide({ type: 'MarkAuditOverdue', obligation: { ...o, status: 'due' }, asOf: '2027-04-17' }, obligationMarkDecider.initialState())).toEqual([]);
  });
});

describe('the article each audit step carries (Kupang)', () => {
  it('scheduling cites the planner (Pasal 48(1)); an internal audit recorded by the internal team cites Pasal 47(6); closing a finding cites the planner', () => {
    const planned = run<AuditState, AuditCommand>(auditDecider, [plan], 'k:audit.audit:a1');
    const [scheduled] = auditDecider.decide({ type: 'ScheduleAudit', startDate: '2026-11-02', endDate: '2026-11-06', priorFacts: [], ...ctx } as AuditCommand, planned);
    expect(scheduled.legalBasis).toEqual({ regulation: 'kupang-perwali-11-2025', article: 'Pasal 48(1)' });
    const s = run<AuditState, AuditCommand>(auditDecider, [plan, { type: 'ScheduleAudit', startDate: '2026-11-02', endDate: '2026-11-06', priorFacts: [], ...ctx } as AuditCommand], 'k:audit.audit:a1');
    const [started] = auditDecider.decide({ type: 'StartAudit', startedOn: '2026-11-02', ...ctx } as AuditCommand, s);
    expect(started.legalBasis).toEqual({ regulation: 'kupang-perwali-11-2025', article: 'Pasal 47(6)' });
  });
});

