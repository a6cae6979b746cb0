import { AuthError, Decider, EventEnvelope, InvariantError, NewEvent, parseStreamId, Role, streamIdOf, ValidationError } from '@spbe/ledger-core';
import { assertEntityId, DocumentRef, documents, legalBasisOf, mustBeNew, oneOf, optionalText, pastDate, text } from '@spbe/registry-domain';
import { assertDate, assertDutyRole, EffectiveProfile, resolve } from '@spbe/regulations';

/**
 * An audit finding and its tindak lanjut: recorded on a reported audit with criteria, condition,
 * cause, effect, recommendation, severity, responsible OPD and due date; follow-ups submitted with
 * evidence (URI + SHA-256) by the responsible OPD, verified by the audit planner the profile names
 * (accepted, or returned with reasons); closed after an accepted follow-up. The overdue marker is a
 * system event, recorded once per due date. Pure.
 */
export const SEVERITIES = ['rendah', 'sedang', 'tinggi', 'kritis'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type FindingStatus = 'open' | 'follow-up-submitted' | 'follow-up-accepted' | 'closed';

export interface FindingState {
  exists: boolean;
  findingId?: string;
  auditId?: string;
  status?: FindingStatus;
  severity?: Severity;
  responsibleUnitId?: string;
  dueDate?: string;
  followUps: { followUpId: string; submittedOn: string; outcome?: 'accepted' | 'returned'; reasons?: string }[];
  overdueMarkedFor: string[];
}

interface Ctx {
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export interface FindingFields {
  criteria: string;
  condition: string;
  cause: string;
  effect: string;
  recommendation: string;
  severity: Severity;
  responsibleUnitId: string;
  dueDate: string;
  indicatorNo?: number | null;
}

export type FindingCommand =
  | (Ctx & FindingFields & { type: 'RecordFinding'; findingId: string; auditId: string; auditReported: boolean; unitExists: boolean })
  | (Ctx & { type: 'SubmitFollowUp'; followUpId: string; submittedOn: string; description: string; evidence: DocumentRef[]; actingUnitId: string | null })
  | (Ctx & { type: 'VerifyFollowUp'; followUpId: string; outcome: 'accepted' | 'returned'; verifiedOn: string; reasons?: string })
  | (Ctx & { type: 'CloseFinding'; closedOn: string })
  | { type: 'MarkFollowUpOverdue'; asOf: string };

export const findingStreamId = (tenantId: string, findingId: string) => {
  assertEntityId(findingId, 'findingId');
  return streamIdOf({ tenantId, context: 'audit', aggregate: 'finding', id: findingId });
};

const closed = (s: FindingState) => s.status === 'closed';

export const findingDecider: Decider<FindingState, FindingCommand> = {
  initialState: () => ({ exists: false, followUps: [], overdueMarkedFor: [] }),

  decide(c, s): NewEvent[] {
    if (c.type === 'RecordFinding') {
      mustBeNew(s.exists, 'finding', c.findingId);
      const holder = assertDutyRole(c.profile, 'auditPlanner', c.role);
      assertEntityId(c.auditId, 'auditId');
      if (!c.auditReported) throw new ValidationError('auditId', `audit ${c.auditId} has no report yet; findings are recorded on a reported audit`);
      if (typeof c.responsibleUnitId !== 'string' || !c.responsibleUnitId) throw new ValidationError('responsibleUnitId', 'a finding names the responsible OPD');
      if (!c.unitExists) throw new ValidationError('responsibleUnitId', `unit ${c.responsibleUnitId} is not registered`);
      assertDate(c.dueDate, 'dueDate');
      if (c.indicatorNo != null && (!Number.isInteger(c.indicatorNo) || c.indicatorNo < 1 || c.indicatorNo > 47)) throw new ValidationError('indicatorNo', 'must be an evaluation indicator number (1–47)');
      const payload = {
        auditId: c.auditId,
        criteria: text(c.criteria, 'criteria', 3, 4000),
        condition: text(c.condition, 'condition', 3, 4000),
        cause: text(c.cause, 'cause', 3, 4000),
        effect: text(c.effect, 'effect', 3, 4000),
        recommendation: text(c.recommendation, 'recommendation', 3, 4000),
        severity: oneOf(c.severity, SEVERITIES, 'severity'),
        responsibleUnitId: c.responsibleUnitId,
        dueDate: c.dueDate,
        indicatorNo: c.indicatorNo ?? null,
      };
      return [{ type: 'FindingRecorded', payload, legalBasis: legalBasisOf(holder.citation) }];
    }
    if (!s.exists) throw new InvariantError('FINDING_NOT_FOUND', 'finding does not exist / temuan tidak ditemukan');
    switch (c.type) {
      case 'SubmitFollowUp': {
        if (closed(s)) throw new InvariantError('FINDING_CLOSED', 'the finding is closed / temuan sudah ditutup');
        if (s.status === 'follow-up-submitted') throw new InvariantError('FOLLOW_UP_PENDING', 'a follow-up awaits verification / tindak lanjut sedang diverifikasi');
        if (c.role !== 'koordinator' && !(c.role === 'opd' && c.actingUnitId === s.responsibleUnitId)) {
          throw new AuthError('forbidden', `tindak lanjut diajukan oleh OPD penanggung jawab (${s.responsibleUnitId}) / a follow-up is submitted by the responsible OPD`);
        }
        assertEntityId(c.followUpId, 'followUpId');
        if (s.followUps.some((f) => f.followUpId === c.followUpId)) throw new InvariantError('FOLLOW_UP_EXISTS', `follow-up ${c.followUpId} is already recorded`);
        const evidence = documents(c.evidence, 'evidence');
        if (evidence.length === 0) throw new ValidationError('evidence', 'a follow-up carries at least one evidence document (uri + sha256)');
        // The follow-up duty where the profile names one (Samarinda Pasal 30(8)); none where it is silent.
        const followUp = resolve(c.profile.roles.auditFollowUp);
        const payload = { followUpId: c.followUpId, submittedOn: pastDate(c.submittedOn, c.today, 'submittedOn'), description: text(c.description, 'description', 3, 4000), evidence };
        return [{ type: 'FollowUpSubmitted', payload, legalBasis: followUp ? legalBasisOf(followUp.citation) : null }];
      }
      case 'VerifyFollowUp': {
        const holder = assertDutyRole(c.profile, 'auditPlanner', c.role);
        const pending = s.followUps.find((f) => f.followUpId === c.followUpId);
        if (!pending) throw new ValidationError('followUpId', `follow-up ${c.followUpId} is not recorded on this finding`);
        if (pending.outcome) throw new InvariantError('FOLLOW_UP_VERIFIED', `follow-up ${c.followUpId} was already ${pending.outcome}`);
        const outcome = oneOf(c.outcome, ['accepted', 'returned'] as const, 'outcome');
        const reasons = outcome === 'returned' ? text(c.reasons, 'reasons', 3, 2000) : optionalText(c.reasons, 'reasons');
        return [{ type: outcome === 'accepted' ? 'FollowUpAccepted' : 'FollowUpReturned', payload: { followUpId: c.followUpId, verifiedOn: pastDate(c.verifiedOn, c.today, 'verifiedOn'), ...(reasons ? { reasons } : {}) }, legalBasis: legalBasisOf(holder.citation) }];
      }
      case 'CloseFinding': {
        const holder = assertDutyRole(c.profile, 'auditPlanner', c.role);
        if (closed(s)) throw new InvariantError('FINDING_CLOSED', 'the finding is already closed');
        if (s.status !== 'follow-up-accepted') throw new InvariantError('FINDING_NOT_FOLLOWED_UP', 'a finding is closed after an accepted follow-up / ditutup setelah tindak lanjut diterima');
        return [{ type: 'FindingClosed', payload: { closedOn: pastDate(c.closedOn, c.today, 'closedOn') }, legalBasis: legalBasisOf(holder.citation) }];
      }
      case 'MarkFollowUpOverdue': {
        if (!followUpOverdue(s, c.asOf) || s.overdueMarkedFor.includes(s.dueDate!)) return [];
        return [{ type: 'FindingFollowUpOverdue', payload: { dueDate: s.dueDate, detectedOn: c.asOf, responsibleUnitId: s.responsibleUnitId, severity: s.severity } }];
      }
    }
  },

  evolve(s, e: EventEnvelope): FindingState {
    const p = e.payload as Record<string, never>;
    switch (e.type) {
      case 'FindingRecorded':
        return { exists: true, findingId: parseStreamId(e.streamId).id, auditId: p.auditId, status: 'open', severity: p.severity, responsibleUnitId: p.responsibleUnitId, dueDate: p.dueDate, followUps: [], overdueMarkedFor: [] };
      case 'FollowUpSubmitted':
        return { ...s, status: 'follow-up-submitted', followUps: [...s.followUps, { followUpId: p.followUpId, submittedOn: p.submittedOn }] };
      case 'FollowUpAccepted':
      case 'FollowUpReturned': {
        const outcome = e.type === 'FollowUpAccepted' ? 'accepted' : 'returned';
        return { ...s, status: outcome === 'accepted' ? 'follow-up-accepted' : 'open', followUps: s.followUps.map((f) => (f.followUpId === p.followUpId ? { ...f, outcome, reasons: p.reasons } : f)) };
      }
      case 'FindingClosed':
        return { ...s, status: 'closed' };
      case 'FindingFollowUpOverdue':
        return { ...s, overdueMarkedFor: [...s.overdueMarkedFor, p.dueDate] };
      default:
        return s;
    }
  },
};

/** Past its due date without an accepted follow-up. */
export function followUpOverdue(s: FindingState, asOf: string): boolean {
  return s.exists && s.status !== 'closed' && s.status !== 'follow-up-accepted' && !!s.dueDate && asOf > s.dueDate;
}
