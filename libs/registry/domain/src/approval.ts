import { AuthError, Decider, EventEnvelope, InvariantError, NewEvent, parseStreamId, Role, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { ACTIONS, Action, assertGates, EffectiveProfile, formatCitation, Gate, GATE_KINDS, GateKind, HOLDER_ROLES } from '@spbe/regulations';
import { assertEntityId, legalBasisOf, mustBeNew, oneOf, optionalText, pastDate, registryStreamId, text } from './common';

/**
 * Approval gates (rekomendasi Dinas, persetujuan, konsultasi, izin, pertimbangan — rules-matrix
 * Table 3): requested, then given or refused by the body the profile names; and the decisions that
 * need them (budget plan, Aplikasi Khusus build, procurement…), which cannot be recorded without a
 * given gate (422 naming the article). Pure.
 */
export interface ApprovalState {
  exists: boolean;
  approvalId?: string;
  action?: Action;
  gate?: GateKind;
  unitId?: string;
  subjectId?: string | null;
  requestedOn?: string;
  status?: 'requested' | 'given' | 'refused';
  decidedOn?: string;
  reference?: string;
  reasons?: string;
}

interface Ctx {
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export type ApprovalCommand =
  | (Ctx & { type: 'RequestApproval'; approvalId: string; action: Action; gate: GateKind; unitId: string; subjectId?: string | null; requestedOn: string; purpose: string; unitExists: boolean })
  | (Ctx & {
      type: 'DecideApproval';
      outcome: 'given' | 'refused';
      decidedOn: string;
      reference: string;
      reasons?: string;
      /** Loaded by the handler: the given approvals of the same request (action, unit, subject), for a gate given only after another (Dumai Pasal 12(3)). */
      sameRequestGiven?: { approvalId: string; gate: GateKind; decidedOn: string }[];
    });

export const approvalStreamId = (tenantId: string, approvalId: string) => registryStreamId(tenantId, 'approval', approvalId);

/**
 * A gate given only on another one (Dumai Pasal 12(3): the Sekda decides "atas rekomendasi Diskominfo"):
 * the earlier gate of the same request must have been given, on or before this decision. Both a
 * persetujuan and a penolakan rest on it. Returns the approval it rests on.
 */
function priorGate(g: Gate, given: { approvalId: string; gate: GateKind; decidedOn: string }[], decidedOn: string): string {
  const prior = given.find((x) => x.gate === g.after && x.decidedOn <= decidedOn);
  if (!prior) {
    throw new RuleViolationError(
      'GATE_ORDER',
      `${g.term} diberikan atas ${g.after} yang sudah diberikan untuk permohonan yang sama; catat ${g.after} lebih dahulu / ${g.term} is decided on a ${g.after} already given for the same request; record the ${g.after} first`,
      g.citation,
      { ruleId: g.ruleId, requires: g.after },
    );
  }
  return prior.approvalId;
}

/** The profile's gate for this action and kind (undefined: the regulation does not require it). */
export function gateOf(profile: EffectiveProfile, action: Action, gate: GateKind): Gate | undefined {
  return profile.gates.find((g) => g.action === action && g.gate === gate);
}

export const approvalDecider: Decider<ApprovalState, ApprovalCommand> = {
  initialState: () => ({ exists: false }),
  decide(c, s): NewEvent[] {
    switch (c.type) {
      case 'RequestApproval': {
        mustBeNew(s.exists, 'approval', c.approvalId);
        assertEntityId(c.approvalId, 'approvalId');
        const action = oneOf(c.action, ACTIONS, 'action');
        const gate = oneOf(c.gate, GATE_KINDS, 'gate');
        if (!c.unitExists) throw new ValidationError('unitId', `unit ${c.unitId} is not registered`);
        if (c.subjectId != null) assertEntityId(c.subjectId, 'subjectId');
        const g = gateOf(c.profile, action, gate);
        const payload = { action, gate, unitId: c.unitId, subjectId: c.subjectId ?? null, requestedOn: pastDate(c.requestedOn, c.today, 'requestedOn'), purpose: text(c.purpose, 'purpose', 3, 2000), requiredBy: g ? legalBasisOf(g.citation) : null };
        return [{ type: 'ApprovalRequested', payload, legalBasis: g ? legalBasisOf(g.citation) : null }];
      }
      case 'DecideApproval': {
        if (!s.exists) throw new InvariantError('APPROVAL_NOT_FOUND', 'approval does not exist / permohonan tidak ditemukan');
        if (s.status !== 'requested') throw new InvariantError('APPROVAL_ALREADY_DECIDED', `the approval was already ${s.status} / sudah diputuskan`, { status: s.status });
        const g = gateOf(c.profile, s.action!, s.gate!);
        const roles = g?.givenBy ? HOLDER_ROLES[g.givenBy] : (['dinas'] as const);
        if (!roles.includes(c.role)) {
          const by = g?.givenBy ? `${g.givenBy} (${formatCitation(g.citation)})` : 'dinas';
          throw new AuthError('forbidden', `${s.gate} diberikan oleh ${by}; dicatat oleh peran ${roles.join(' / ')}, bukan ${c.role} / given by ${by}, recorded by role ${roles.join(' / ')}, not ${c.role}`);
        }
        const outcome = oneOf(c.outcome, ['given', 'refused'] as const, 'outcome');
        const decidedOn = pastDate(c.decidedOn, c.today, 'decidedOn');
        if (decidedOn < s.requestedOn!) throw new ValidationError('decidedOn', `${decidedOn} is before the request (${s.requestedOn})`);
        const on = g?.after ? priorGate(g, c.sameRequestGiven ?? [], decidedOn) : null;
        const reasons = outcome === 'refused' ? text(c.reasons, 'reasons', 3, 2000) : optionalText(c.reasons, 'reasons');
        const payload = { decidedOn, reference: text(c.reference, 'reference', 1, 200), ...(reasons ? { reasons } : {}), ...(on ? { on } : {}) };
        return [{ type: outcome === 'given' ? 'ApprovalGiven' : 'ApprovalRefused', payload, legalBasis: g ? legalBasisOf(g.citation) : null }];
      }
    }
  },
  evolve(s, e: EventEnvelope): ApprovalState {
    const p = e.payload as Record<string, never>;
    switch (e.type) {
      case 'ApprovalRequested':
        return { exists: true, approvalId: parseStreamId(e.streamId).id, action: p.action, gate: p.gate, unitId: p.unitId, subjectId: p.subjectId, requestedOn: p.requestedOn, status: 'requested' };
      case 'ApprovalGiven':
      case 'ApprovalRefused':
        return { ...s, status: e.type === 'ApprovalGiven' ? 'given' : 'refused', decidedOn: p.decidedOn, reference: p.reference, reasons: p.reasons };
      default:
        return s;
    }
  },
};

/**
 * A decision that may need gates: recorded only when every gate the profile requires for its action
 * is given (for the same unit and action) and, where required, the unit is a designated PD Mandiri TIK.
 */
export interface GatedDecisionState {
  exists: boolean;
  action?: Action;
  unitId?: string;
}

export interface RecordGatedDecision extends Ctx {
  type: 'RecordGatedDecision';
  decisionId: string;
  action: Action;
  unitId: string;
  subjectId?: string | null;
  decidedOn: string;
  summary: string;
  approvalIds: string[];
  unitExists: boolean;
  /** Loaded by the handler: the approvals named in approvalIds (missing ones absent). */
  approvals: ApprovalState[];
  /** Loaded by the handler: the unit's designation in force, if any. */
  designationId: string | null;
}

/**
 * Every approval a decision names is recorded, and is for the same action and unit; otherwise 400
 * naming `approvalIds[i]` (nothing is silently dropped). `approvals`: the named ones that are recorded.
 */
export function assertApprovalIds(approvalIds: unknown, approvals: ApprovalState[], action: Action, unitId: string): asserts approvalIds is string[] {
  if (!Array.isArray(approvalIds)) throw new ValidationError('approvalIds', 'must be a list of approval ids');
  approvalIds.forEach((id, i) => {
    const a = approvals.find((x) => x.exists && x.approvalId === id);
    if (!a) throw new ValidationError(`approvalIds[${i}]`, `approval ${String(id)} is not recorded`);
    if (a.action !== action || a.unitId !== unitId) throw new ValidationError(`approvalIds[${i}]`, `approval ${id} is for ${a.action} by ${a.unitId}, not ${action} by ${unitId}`);
  });
}

export const gatedDecisionStreamId = (tenantId: string, decisionId: string) => registryStreamId(tenantId, 'decision', decisionId);

export const gatedDecisionDecider: Decider<GatedDecisionState, RecordGatedDecision> = {
  initialState: () => ({ exists: false }),
  decide(c, s): NewEvent[] {
    mustBeNew(s.exists, 'decision', c.decisionId);
    assertEntityId(c.decisionId, 'decisionId');
    const action = oneOf(c.action, ACTIONS, 'action');
    if (!c.unitExists) throw new ValidationError('unitId', `unit ${c.unitId} is not registered`);
    assertApprovalIds(c.approvalIds, c.approvals, action, c.unitId);
    const given = c.approvals.filter((a) => c.approvalIds.includes(a.approvalId!) && a.status === 'given').map((a) => ({ gate: a.gate!, eventId: a.approvalId! }));
    const check = assertGates(c.profile, action, { mandiriTik: c.designationId !== null, designationEventId: c.designationId ?? undefined, given });
    const payload = {
      action,
      unitId: c.unitId,
      subjectId: c.subjectId ?? null,
      decidedOn: pastDate(c.decidedOn, c.today, 'decidedOn'),
      summary: text(c.summary, 'summary', 3, 2000),
      approvalIds: c.approvalIds,
      gates: check.satisfiedBy.map((x) => ({ ruleId: x.gate.ruleId, gate: x.gate.gate, by: x.eventId, legalBasis: legalBasisOf(x.gate.citation) })),
    };
    return [{ type: 'GatedDecisionRecorded', payload, legalBasis: check.required[0] ? legalBasisOf(check.required[0].citation) : null }];
  },
  evolve(s, e: EventEnvelope): GatedDecisionState {
    if (e.type !== 'GatedDecisionRecorded') return s;
    const p = e.payload as { action: Action; unitId: string };
    return { exists: true, action: p.action, unitId: p.unitId };
  },
};
