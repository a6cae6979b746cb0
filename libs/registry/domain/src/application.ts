import { Decider, EventEnvelope, InvariantError, NewEvent, parseStreamId, Role, ValidationError } from '@spbe/ledger-core';
import { Action, assertGates, EffectiveProfile, Fact, GateContext, ruleBasisFor } from '@spbe/regulations';
import { ApprovalState, assertApprovalIds } from './approval';
import { assertEntityId, DocumentRef, documents, legalBasisOf, mustBeNew, oneOf, optionalText, orderChecked, pastDate, registryStreamId, text } from './common';

/**
 * An application of the catalogue (rules-matrix §4): Aplikasi Umum or Khusus, owner OPD, builder,
 * hosting, API; its life: tests, go-live (only after a passed test, R-APP-11), pre-hand-over test
 * reports, hand-over with documents and source deposit, service evaluations, retirement. An Aplikasi
 * Khusus built by its own PD passes the profile's gates (PD Mandiri TIK status, Dinas consultation or
 * recommendation). Pure.
 */
export const CATEGORIES = ['umum', 'khusus'] as const;
export type Category = (typeof CATEGORIES)[number];

export const COMPLEXITIES = ['besar', 'kecil'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

/**
 * The catalogue entry as recorded (issue 4 / rules-matrix §4). `null` means not recorded (yet):
 * complexity, hosting and API where the registration did not state them; tested-before-live until
 * it goes live; handover documents and source deposit until it is handed over.
 */
export interface ApplicationState {
  exists: boolean;
  applicationId?: string;
  name?: string;
  category?: Category;
  complexity?: Complexity | null;
  ownerUnitId?: string;
  builderUnitId?: string | null;
  hostedInDataCentre?: boolean | null;
  apiAvailable?: boolean | null;
  live?: boolean;
  deployedOn?: string | null;
  /** Whether a passed test (ApplicationTested, result lulus) was recorded on or before the go-live date. */
  testedBeforeLive?: boolean | null;
  handedOverOn?: string | null;
  /** Whether the hand-over carried at least one document (the documentation package). */
  handoverDocumentsPresent?: boolean | null;
  handoverDocuments?: DocumentRef[];
  sourceDeposited?: boolean | null;
  repositoryUri?: string | null;
  retiredOn?: string | null;
  /** The application's own events as facts, for the profile's order rules. */
  facts: Fact[];
}

interface Ctx {
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export interface RegisterApplication extends Ctx {
  type: 'RegisterApplication';
  applicationId: string;
  name: string;
  category: Category;
  ownerUnitId: string;
  builderUnitId?: string | null;
  complexity?: Complexity | null;
  hostedInDataCentre?: boolean;
  apiAvailable?: boolean;
  description?: string;
  ownerExists: boolean;
  builderExists: boolean;
  /** The builder is the Dinas Kominfo (not the owner PD itself). */
  builtByDinas: boolean;
  gates: GateContext;
  /** The approvals named in the request, and those of them recorded (loaded by the handler). */
  approvalIds?: string[];
  approvals?: ApprovalState[];
}

/** The action an application's approvals are for: the PD's own Aplikasi Khusus build. */
export const APPLICATION_GATE_ACTION: Action = 'aplikasi-khusus-build';

export type ApplicationCommand =
  | RegisterApplication
  | (Ctx & { type: 'RecordApplicationTest'; testedOn: string; kind: string; result: 'lulus' | 'gagal'; documents?: DocumentRef[] })
  | (Ctx & { type: 'GoLive'; deployedOn: string })
  | (Ctx & { type: 'ReportPreHandoverTest'; test: 'penetration' | 'performance' | 'debugging'; testedOn: string; documents?: DocumentRef[] })
  | (Ctx & { type: 'HandOver'; handedOverOn: string; documents?: DocumentRef[]; sourceDeposited: boolean; repositoryUri?: string })
  | (Ctx & { type: 'EvaluateApplicationService'; evaluatedOn: string; summary: string })
  | (Ctx & { type: 'RetireApplication'; retiredOn: string; reasons: string });

export const applicationStreamId = (tenantId: string, applicationId: string) => registryStreamId(tenantId, 'application', applicationId);

function live(s: ApplicationState): void {
  if (!s.exists) throw new InvariantError('APPLICATION_NOT_FOUND', 'application does not exist / aplikasi tidak ditemukan');
  if (s.retiredOn) throw new InvariantError('APPLICATION_RETIRED', `the application was retired on ${s.retiredOn}`);
}

/** The event as the fact the profile's order rules read (same shape as the compliance read side). */
function asFact(s: ApplicationState, type: string, date: string, data: Record<string, unknown>): Fact {
  return { eventId: 'new', type, date, subject: { kind: 'application', id: s.applicationId! }, data };
}

export const applicationDecider: Decider<ApplicationState, ApplicationCommand> = {
  initialState: () => ({ exists: false, facts: [] }),

  decide(c, s): NewEvent[] {
    if (c.type === 'RegisterApplication') return register(c, s);
    live(s);
    switch (c.type) {
      case 'RecordApplicationTest': {
        const payload = { testedOn: pastDate(c.testedOn, c.today, 'testedOn'), kind: text(c.kind, 'kind', 2, 200), result: oneOf(c.result, ['lulus', 'gagal'] as const, 'result'), documents: documents(c.documents, 'documents') };
        // The test-before-live rule the test is for (Pasuruan Pasal 14(1)); none where the profile has none.
        return [{ type: 'ApplicationTested', payload, legalBasis: ruleBasisFor(c.profile, { type: 'ApplicationTested', data: payload }) }];
      }
      case 'GoLive': {
        if (s.live) throw new InvariantError('APPLICATION_LIVE', 'the application is already in production');
        const deployedOn = pastDate(c.deployedOn, c.today, 'deployedOn');
        const payload = { deployedOn, category: s.category };
        // e.g. Pasuruan Pasal 14(1), Dumai Pasal 13(3)(d): the article of the rule checked is the event's basis.
        const legalBasis = orderChecked(c.profile, asFact(s, 'ApplicationDeployedToProduction', deployedOn, payload), s.facts);
        return [{ type: 'ApplicationDeployedToProduction', payload, legalBasis }];
      }
      case 'ReportPreHandoverTest': {
        const payload = { test: oneOf(c.test, ['penetration', 'performance', 'debugging'] as const, 'test'), testedOn: pastDate(c.testedOn, c.today, 'testedOn'), documents: documents(c.documents, 'documents') };
        return [{ type: 'PreHandoverTestReported', payload, legalBasis: ruleBasisFor(c.profile, { type: 'PreHandoverTestReported', data: payload }) }];
      }
      case 'HandOver': {
        const handedOverOn = pastDate(c.handedOverOn, c.today, 'handedOverOn');
        if (typeof c.sourceDeposited !== 'boolean') throw new ValidationError('sourceDeposited', 'must be true or false');
        const repositoryUri = optionalText(c.repositoryUri, 'repositoryUri', 2000);
        const payload = { handedOverOn, documents: documents(c.documents, 'documents'), sourceDeposited: c.sourceDeposited, ...(repositoryUri ? { repositoryUri } : {}) };
        // e.g. Dumai Pasal 13(5)(d): the article of the rule checked is the event's basis.
        const legalBasis = orderChecked(c.profile, asFact(s, 'ApplicationHandedOver', handedOverOn, payload), s.facts);
        return [{ type: 'ApplicationHandedOver', payload, legalBasis }];
      }
      case 'EvaluateApplicationService': {
        const payload = { evaluatedOn: pastDate(c.evaluatedOn, c.today, 'evaluatedOn'), summary: text(c.summary, 'summary', 3, 4000) };
        return [{ type: 'ApplicationServiceEvaluated', payload, legalBasis: ruleBasisFor(c.profile, { type: 'ApplicationServiceEvaluated', data: payload }) }];
      }
      case 'RetireApplication':
        return [{ type: 'ApplicationRetired', payload: { retiredOn: pastDate(c.retiredOn, c.today, 'retiredOn'), reasons: text(c.reasons, 'reasons', 3, 2000) } }];
    }
  },

  evolve(s, e: EventEnvelope): ApplicationState {
    const p = e.payload as Record<string, never>;
    const fact = (date: string): Fact => ({ eventId: e.eventId, type: e.type, date, subject: { kind: 'application', id: s.applicationId ?? parseStreamId(e.streamId).id }, data: p });
    switch (e.type) {
      case 'ApplicationRegistered':
        return {
          exists: true,
          applicationId: parseStreamId(e.streamId).id,
          name: p.name,
          category: p.category,
          complexity: p.complexity ?? null,
          ownerUnitId: p.ownerUnitId,
          builderUnitId: p.builderUnitId,
          hostedInDataCentre: p.hostedInDataCentre ?? null,
          apiAvailable: p.apiAvailable ?? null,
          live: false,
          deployedOn: null,
          testedBeforeLive: null,
          handedOverOn: null,
          handoverDocumentsPresent: null,
          handoverDocuments: [],
          sourceDeposited: null,
          repositoryUri: null,
          retiredOn: null,
          facts: [],
        };
      case 'ApplicationTested':
        return { ...s, facts: [...s.facts, fact(p.testedOn)] };
      case 'ApplicationDeployedToProduction': {
        const deployedOn: string = p.deployedOn;
        const testedBeforeLive = s.facts.some((f) => f.type === 'ApplicationTested' && f.date <= deployedOn);
        return { ...s, live: true, deployedOn, testedBeforeLive, facts: [...s.facts, fact(deployedOn)] };
      }
      case 'PreHandoverTestReported':
        return { ...s, facts: [...s.facts, fact(p.testedOn)] };
      case 'ApplicationHandedOver': {
        const docs: DocumentRef[] = p.documents ?? [];
        return { ...s, handedOverOn: p.handedOverOn, handoverDocuments: docs, handoverDocumentsPresent: docs.length > 0, sourceDeposited: p.sourceDeposited, repositoryUri: p.repositoryUri ?? null, facts: [...s.facts, fact(p.handedOverOn)] };
      }
      case 'ApplicationRetired':
        return { ...s, retiredOn: p.retiredOn };
      default:
        return s;
    }
  },
};

function register(c: RegisterApplication, s: ApplicationState): NewEvent[] {
  mustBeNew(s.exists, 'application', c.applicationId);
  assertEntityId(c.applicationId, 'applicationId');
  const category = oneOf(c.category, CATEGORIES, 'category');
  assertEntityId(c.ownerUnitId, 'ownerUnitId');
  if (!c.ownerExists) throw new ValidationError('ownerUnitId', `unit ${c.ownerUnitId} is not registered`);
  const builderUnitId = c.builderUnitId ?? null;
  if (builderUnitId && !c.builderExists) throw new ValidationError('builderUnitId', `unit ${builderUnitId} is not registered`);
  const complexity = c.complexity == null ? null : oneOf(c.complexity, COMPLEXITIES, 'complexity');
  for (const f of ['hostedInDataCentre', 'apiAvailable'] as const) if (c[f] !== undefined && typeof c[f] !== 'boolean') throw new ValidationError(f, 'must be true or false');
  // Approvals named must be recorded, for this action and the building unit (as /decisions, approval.ts).
  assertApprovalIds(c.approvalIds ?? [], c.approvals ?? [], APPLICATION_GATE_ACTION, builderUnitId ?? c.ownerUnitId);
  // An Aplikasi Khusus built by a PD itself (not by the Dinas) needs what the profile requires first.
  const builtByOwnPd = category === 'khusus' && !c.builtByDinas;
  const check = builtByOwnPd ? assertGates(c.profile, APPLICATION_GATE_ACTION, c.gates) : null;
  const description = optionalText(c.description, 'description', 4000);
  const payload = {
    name: text(c.name, 'name', 2, 200),
    category,
    ownerUnitId: c.ownerUnitId,
    builderUnitId,
    complexity,
    hostedInDataCentre: c.hostedInDataCentre ?? null,
    apiAvailable: c.apiAvailable ?? null,
    ...(description ? { description } : {}),
    gates: check ? check.satisfiedBy.map((x) => ({ ruleId: x.gate.ruleId, gate: x.gate.gate, by: x.eventId, legalBasis: legalBasisOf(x.gate.citation) })) : [],
  };
  return [{ type: 'ApplicationRegistered', payload, legalBasis: check?.required[0] ? legalBasisOf(check.required[0].citation) : null }];
}
