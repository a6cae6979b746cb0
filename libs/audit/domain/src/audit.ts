import { Decider, EventEnvelope, InvariantError, NewEvent, parseStreamId, Role, RuleViolationError, streamIdOf, ValidationError } from '@spbe/ledger-core';
import { assertEntityId, DocumentRef, documents, legalBasisOf, mustBeNew, oneOf, optionalText, pastDate, text } from '@spbe/registry-domain';
import { assertDate, assertDutyRole, assertOrder, cite, DutyHolder, dutyHolder, EffectiveProfile, Fact, holdsDuty, resolve } from '@spbe/regulations';

/**
 * One Audit TIK: planned (by the role the profile names), scheduled with dates (an external one with a
 * LATIK registered on those dates), started, reported with a conclusion, closed. Nothing is edited:
 * every step is an event. Pure.
 */
export const AUDIT_TYPES = ['infrastruktur', 'aplikasi', 'keamanan'] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];
export const AUDIT_MODES = ['internal', 'eksternal'] as const;
export type AuditMode = (typeof AUDIT_MODES)[number];
/**
 * Peraturan BSSN 8/2024 Pasal 19(4) [T]: the conclusion of a security audit. For infrastructure and
 * application audits no text in the pack sets the conclusions (BRIN: unknown); the same three are a
 * product default there.
 */
export const CONCLUSIONS = ['memadai', 'perlu-peningkatan', 'tidak-memadai'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const OBJECT_KINDS = ['application', 'infrastructure'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

export type AuditStatus = 'planned' | 'scheduled' | 'started' | 'reported' | 'closed';

export interface AuditState {
  exists: boolean;
  auditId?: string;
  status?: AuditStatus;
  auditType?: AuditType;
  mode?: AuditMode;
  objectKind?: ObjectKind;
  objectId?: string;
  year?: number;
  latikId?: string | null;
  startDate?: string;
  endDate?: string;
  reportedOn?: string;
  reportedEventId?: string;
  conclusion?: Conclusion;
}

/** A LATIK as the scheduler sees it: registration and accreditation validity. */
/** A member of the internal audit team by decree, with the period the appointment covers. */
export interface TeamMember {
  name: string;
  from: string;
  until: string | null;
}

export interface LatikValidity {
  latikId: string;
  /** A government LATIK needs no accreditation (Kupang Pasal 47(4), Mojokerto Pasal 39(3)). Absent: accredited. */
  kind?: 'pemerintah' | 'terakreditasi';
  registeredUntil: string;
  accreditedUntil?: string | null;
}

interface Ctx {
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export type AuditCommand =
  | (Ctx & { type: 'PlanAudit'; auditId: string; auditType: AuditType; mode: AuditMode; objectKind: ObjectKind; objectId: string; year: number; scope?: string; objectExists: boolean; priorFacts: Fact[] })
  | (Ctx & { type: 'ScheduleAudit'; startDate: string; endDate: string; latik?: LatikValidity | null; latikId?: string | null; auditors?: string[]; team?: TeamMember[]; priorFacts: Fact[] })
  | (Ctx & { type: 'StartAudit'; startedOn: string })
  | (Ctx & { type: 'ReportAudit'; reportedOn: string; conclusion: Conclusion; summary: string; documents?: DocumentRef[] })
  | (Ctx & { type: 'CloseAudit'; closedOn: string; note?: string });

export const auditStreamId = (tenantId: string, auditId: string) => {
  assertEntityId(auditId, 'auditId');
  return streamIdOf({ tenantId, context: 'audit', aggregate: 'audit', id: auditId });
};

/**
 * An external audit is done by a registered LATIK, a government one or an accredited one (rules-matrix
 * R-AUD-04; Peraturan BSSN 8/2024 Pasal 4 [T]). That the registration (and an accredited LATIK's
 * accreditation) must hold until the audit ends is the product's reading: no text states it.
 */
export const LATIK_REGISTERED = cite('peraturan-bssn-8-2024', 'Pasal 4', { grade: 'T' });

/**
 * Who records an audit's start, report and closure: the one who plans and schedules it (the profile's
 * audit planner, e.g. the Inspektorat, Kupang Pasal 48(1)) or — for an internal audit — the internal
 * audit team (Kupang Pasal 47(6)). Refused naming the planner's article otherwise.
 */
function assertAuditRecorder(c: Ctx, s: AuditState): DutyHolder {
  if (s.mode === 'internal' && holdsDuty(c.profile, 'internalAuditor', c.role)) return dutyHolder(c.profile, 'internalAuditor');
  return assertDutyRole(c.profile, 'auditPlanner', c.role);
}

function step(s: AuditState, allowed: AuditStatus[], action: string): void {
  if (!s.exists) throw new InvariantError('AUDIT_NOT_FOUND', 'audit does not exist / audit tidak ditemukan');
  if (!allowed.includes(s.status!)) throw new InvariantError('AUDIT_WRONG_STATE', `cannot ${action} an audit that is ${s.status} / tidak dapat diproses pada status ${s.status}`, { status: s.status });
}

export const auditDecider: Decider<AuditState, AuditCommand> = {
  initialState: () => ({ exists: false }),

  decide(c, s): NewEvent[] {
    switch (c.type) {
      case 'PlanAudit': {
        mustBeNew(s.exists, 'audit', c.auditId);
        const holder = assertDutyRole(c.profile, 'auditPlanner', c.role);
        const auditType = oneOf(c.auditType, AUDIT_TYPES, 'auditType');
        const mode = oneOf(c.mode, AUDIT_MODES, 'mode');
        const objectKind = oneOf(c.objectKind, OBJECT_KINDS, 'objectKind');
        assertEntityId(c.objectId, 'objectId');
        if (!c.objectExists) throw new ValidationError('objectId', `${objectKind} ${c.objectId} is not known to the audit programme (learned from the registry)`);
        if (!Number.isInteger(c.year) || c.year < 2000 || c.year > 2100) throw new ValidationError('year', 'must be a year, e.g. 2026');
        const payload = { auditType, mode, objectKind, objectId: c.objectId, year: c.year, ...(c.scope ? { scope: text(c.scope, 'scope', 3, 2000) } : {}) };
        // Order rules triggered by the preparation of an audit (Mojokerto Pasal 39(5): the Dinas's internal audit at least a month before).
        assertOrder(c.profile, { eventId: 'new', type: 'AuditPlanned', date: c.today, subject: { kind: objectKind, id: c.objectId }, data: payload }, c.priorFacts);
        return [{ type: 'AuditPlanned', payload, legalBasis: legalBasisOf(holder.citation) }];
      }
      case 'ScheduleAudit': {
        step(s, ['planned', 'scheduled'], 'schedule');
        const planner = assertDutyRole(c.profile, 'auditPlanner', c.role);
        assertDate(c.startDate, 'startDate');
        assertDate(c.endDate, 'endDate');
        if (c.endDate < c.startDate) throw new ValidationError('endDate', `the audit ends (${c.endDate}) before it starts (${c.startDate})`);
        if (s.mode === 'eksternal') assertLatik(c.latikId ?? null, c.latik ?? null, c.startDate, c.endDate);
        const auditors = (c.auditors ?? []).map((a, i) => text(a, `auditors[${i}]`, 3, 200));
        if (s.mode === 'internal') assertInternalTeam(c.profile, auditors, c.team ?? [], c.startDate, c.endDate);
        const payload = { startDate: c.startDate, endDate: c.endDate, latikId: c.latikId ?? null, auditors, auditType: s.auditType, mode: s.mode, objectKind: s.objectKind, objectId: s.objectId };
        // Order rules of the profile at scheduling time (internal before external: Mojokerto Pasal 39(5); BSSN 8/2024).
        assertOrder(c.profile, { eventId: 'new', type: 'AuditScheduled', date: c.startDate, subject: { kind: s.objectKind!, id: s.objectId! }, data: payload }, c.priorFacts);
        return [{ type: 'AuditScheduled', payload, legalBasis: legalBasisOf(planner.citation) }];
      }
      case 'StartAudit': {
        step(s, ['scheduled'], 'start');
        const recorder = assertAuditRecorder(c, s);
        const startedOn = pastDate(c.startedOn, c.today, 'startedOn');
        return [{ type: 'AuditStarted', payload: { startedOn }, legalBasis: legalBasisOf(recorder.citation) }];
      }
      case 'ReportAudit': {
        step(s, ['started'], 'report');
        const recorder = assertAuditRecorder(c, s);
        const reportedOn = pastDate(c.reportedOn, c.today, 'reportedOn');
        const conclusion = oneOf(c.conclusion, CONCLUSIONS, 'conclusion');
        const payload = { reportedOn, conclusion, summary: text(c.summary, 'summary', 3, 4000), documents: documents(c.documents, 'documents'), auditType: s.auditType, mode: s.mode, objectKind: s.objectKind, objectId: s.objectId };
        return [{ type: 'AuditReported', payload, legalBasis: legalBasisOf(recorder.citation) }];
      }
      case 'CloseAudit': {
        step(s, ['reported'], 'close');
        const recorder = assertAuditRecorder(c, s);
        const note = optionalText(c.note, 'note');
        const payload = { closedOn: pastDate(c.closedOn, c.today, 'closedOn'), auditType: s.auditType, mode: s.mode, objectKind: s.objectKind, objectId: s.objectId, conclusion: s.conclusion, ...(note ? { note } : {}) };
        return [{ type: 'AuditClosed', payload, legalBasis: legalBasisOf(recorder.citation) }];
      }
    }
  },

  evolve(s, e: EventEnvelope): AuditState {
    const p = e.payload as Record<string, never>;
    switch (e.type) {
      case 'AuditPlanned':
        return { exists: true, auditId: parseStreamId(e.streamId).id, status: 'planned', auditType: p.auditType, mode: p.mode, objectKind: p.objectKind, objectId: p.objectId, year: p.year };
      case 'AuditScheduled':
        return { ...s, status: 'scheduled', startDate: p.startDate, endDate: p.endDate, latikId: p.latikId };
      case 'AuditStarted':
        return { ...s, status: 'started' };
      case 'AuditReported':
        return { ...s, status: 'reported', reportedOn: p.reportedOn, reportedEventId: e.eventId, conclusion: p.conclusion };
      case 'AuditClosed':
        return { ...s, status: 'closed' };
      default:
        return s;
    }
  },
};

/**
 * Where the profile says internal audits are done by the Tim Auditor TIK internal set by decree (e.g.
 * Kupang Pasal 47(6)–(7)), the auditors named for an internal audit must be members of that team for
 * the audit's whole period. Where the profile names no such team, the names are recorded as given.
 */
function assertInternalTeam(profile: EffectiveProfile, auditors: string[], team: TeamMember[], start: string, end: string): void {
  const duty = resolve(profile.roles.internalAuditor);
  if (!duty || duty.value !== 'tim-auditor-internal' || auditors.length === 0) return;
  const basis = legalBasisOf(duty.citation);
  const norm = (n: string) => n.trim().toLowerCase();
  const covering = team.filter((m) => m.from <= start && (m.until === null || m.until >= end)).map((m) => norm(m.name));
  if (team.length === 0) {
    throw new RuleViolationError('INTERNAL_AUDIT_TEAM_NOT_APPOINTED', 'Tim Auditor TIK internal belum ditetapkan dengan keputusan; catat penetapannya di registry (posisi tim-auditor-internal) / the internal audit team has not been appointed by decree yet', basis);
  }
  auditors.forEach((a, i) => {
    if (!covering.includes(norm(a))) {
      throw new RuleViolationError('AUDITOR_NOT_IN_INTERNAL_TEAM', `auditors[${i}]: ${a} bukan anggota Tim Auditor TIK internal untuk ${start}–${end} / is not a member of the internal audit team for the audit's period`, basis, { field: `auditors[${i}]` });
    }
  });
}

function assertLatik(latikId: string | null, latik: LatikValidity | null, start: string, end: string): void {
  if (!latikId) throw new ValidationError('latikId', 'an external audit names the LATIK that performs it');
  if (!latik) throw new ValidationError('latikId', `LATIK ${latikId} is not registered in the programme`);
  if (latik.registeredUntil < end) {
    throw new RuleViolationError('LATIK_REGISTRATION_LAPSED', `registrasi LATIK ${latikId} berlaku sampai ${latik.registeredUntil}, sebelum audit selesai (${end}) / the LATIK's registration lapses before the audit ends`, LATIK_REGISTERED, { latikId, registeredUntil: latik.registeredUntil, start, end });
  }
  if (latik.kind !== 'pemerintah' && (!latik.accreditedUntil || latik.accreditedUntil < end)) {
    throw new RuleViolationError('LATIK_ACCREDITATION_LAPSED', `akreditasi LATIK ${latikId} berlaku sampai ${latik.accreditedUntil}, sebelum audit selesai (${end}) / the LATIK's accreditation lapses before the audit ends`, LATIK_REGISTERED, { latikId, accreditedUntil: latik.accreditedUntil, start, end });
  }
}
