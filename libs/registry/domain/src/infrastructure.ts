import { Decider, EventEnvelope, InvariantError, NewEvent, parseStreamId, Role, ValidationError } from '@spbe/ledger-core';
import { Action, assertGates, EffectiveProfile, GateContext, ruleBasisFor } from '@spbe/regulations';
import { ApprovalState, assertApprovalIds } from './approval';
import { assertEntityId, DocumentRef, documents, legalBasisOf, mustBeNew, oneOf, pastDate, registryStreamId, text } from './common';

/**
 * Infrastructure of the catalogue (rules-matrix §5): the data centre, the intra network, each OPD's
 * LAN (with its yearly diagram submission, R-INF-05, and change reports, R-INF-06), the service-link
 * system. A LAN run by an OPD other than the Dinas passes the profile's gates (R-INF-04, R-DES-02). Pure.
 */
export const INFRASTRUCTURE_KINDS = ['pusat-data', 'jaringan-intra', 'lan', 'sistem-penghubung-layanan', 'lainnya'] as const;
export type InfrastructureKind = (typeof INFRASTRUCTURE_KINDS)[number];

export interface InfrastructureState {
  exists: boolean;
  infrastructureId?: string;
  name?: string;
  kind?: InfrastructureKind;
  unitId?: string;
  retiredOn?: string | null;
  diagrams: { submittedOn: string; document: DocumentRef }[];
}

interface Ctx {
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export type InfrastructureCommand =
  | (Ctx & {
      type: 'RegisterInfrastructure';
      infrastructureId: string;
      name: string;
      kind: InfrastructureKind;
      unitId: string;
      unitExists: boolean;
      unitIsDinas: boolean;
      gates: GateContext;
      /** The approvals named in the request, and those of them recorded (loaded by the handler). */
      approvalIds?: string[];
      approvals?: ApprovalState[];
    })
  | (Ctx & { type: 'SubmitLanDiagram'; submittedOn: string; document: DocumentRef })
  | (Ctx & { type: 'ReportLanChange'; reportedOn: string; summary: string })
  | (Ctx & { type: 'RetireInfrastructure'; retiredOn: string; reasons: string });

/** The action infrastructure approvals are for: LAN work by an OPD. */
export const INFRASTRUCTURE_GATE_ACTION: Action = 'lan-work-by-opd';

export const infrastructureStreamId = (tenantId: string, infrastructureId: string) => registryStreamId(tenantId, 'infrastructure', infrastructureId);

export const infrastructureDecider: Decider<InfrastructureState, InfrastructureCommand> = {
  initialState: () => ({ exists: false, diagrams: [] }),
  decide(c, s): NewEvent[] {
    if (c.type === 'RegisterInfrastructure') {
      mustBeNew(s.exists, 'infrastructure', c.infrastructureId);
      assertEntityId(c.infrastructureId, 'infrastructureId');
      const kind = oneOf(c.kind, INFRASTRUCTURE_KINDS, 'kind');
      assertEntityId(c.unitId, 'unitId');
      if (!c.unitExists) throw new ValidationError('unitId', `unit ${c.unitId} is not registered`);
      // Approvals named must be recorded, for this action and unit (as /decisions, approval.ts).
      assertApprovalIds(c.approvalIds ?? [], c.approvals ?? [], INFRASTRUCTURE_GATE_ACTION, c.unitId);
      const check = kind === 'lan' && !c.unitIsDinas ? assertGates(c.profile, INFRASTRUCTURE_GATE_ACTION, c.gates) : null;
      const payload = { name: text(c.name, 'name', 2, 200), kind, unitId: c.unitId, gates: check ? check.satisfiedBy.map((x) => ({ ruleId: x.gate.ruleId, gate: x.gate.gate, by: x.eventId })) : [] };
      return [{ type: 'InfrastructureRegistered', payload, legalBasis: check?.required[0] ? legalBasisOf(check.required[0].citation) : null }];
    }
    if (!s.exists) throw new InvariantError('INFRASTRUCTURE_NOT_FOUND', 'infrastructure does not exist / infrastruktur tidak ditemukan');
    if (s.retiredOn) throw new InvariantError('INFRASTRUCTURE_RETIRED', `retired on ${s.retiredOn}`);
    switch (c.type) {
      case 'SubmitLanDiagram': {
        if (s.kind !== 'lan') throw new ValidationError('infrastructureId', `diagrams are submitted for a LAN, not a ${s.kind}`);
        const [document] = documents([c.document], 'document');
        const payload = { unitId: s.unitId, submittedOn: pastDate(c.submittedOn, c.today, 'submittedOn'), document };
        return [{ type: 'LanDiagramSubmitted', payload, legalBasis: ruleBasisFor(c.profile, { type: 'LanDiagramSubmitted', data: payload }) }];
      }
      case 'ReportLanChange':
        if (s.kind !== 'lan') throw new ValidationError('infrastructureId', `changes are reported for a LAN, not a ${s.kind}`);
        return [{ type: 'LanChangeReported', payload: { unitId: s.unitId, reportedOn: pastDate(c.reportedOn, c.today, 'reportedOn'), summary: text(c.summary, 'summary', 3, 4000) } }];
      case 'RetireInfrastructure':
        return [{ type: 'InfrastructureRetired', payload: { retiredOn: pastDate(c.retiredOn, c.today, 'retiredOn'), reasons: text(c.reasons, 'reasons', 3, 2000) } }];
    }
  },
  evolve(s, e: EventEnvelope): InfrastructureState {
    const p = e.payload as Record<string, never>;
    switch (e.type) {
      case 'InfrastructureRegistered':
        return { exists: true, infrastructureId: parseStreamId(e.streamId).id, name: p.name, kind: p.kind, unitId: p.unitId, retiredOn: null, diagrams: [] };
      case 'LanDiagramSubmitted':
        return { ...s, diagrams: [...s.diagrams, { submittedOn: p.submittedOn, document: p.document }] };
      case 'InfrastructureRetired':
        return { ...s, retiredOn: p.retiredOn };
      default:
        return s;
    }
  },
};
