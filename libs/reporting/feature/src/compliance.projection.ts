import { EventEnvelope, parseStreamId } from '@spbe/ledger-core';
import { AppliedMarker, Projection } from '@spbe/read-models';
import { tenantDocProjection } from '@spbe/platform';
import type { Fact, Scope, Subject } from '@spbe/regulations';
import { foldTenantProfileDoc, TENANT_PROFILE_EVENTS, TenantProfileDoc } from '@spbe/registry-domain';

/**
 * The compliance view's read models: what the rules engine needs, taken from every context's events.
 * - compliance_tenants: the profile each Pemda applies (registration, in-force date, its decrees);
 * - compliance_subjects: units, applications, infrastructure, architectures (what obligations attach to);
 * - compliance_facts: the events the profiles count as evidence or order, with their effective date.
 * The mapping is pure (`complianceOf`); the projection only stores it, idempotently.
 */
export const COMPLIANCE_TENANTS = 'compliance_tenants';
export const COMPLIANCE_SUBJECTS = 'compliance_subjects';
export const COMPLIANCE_FACTS = 'compliance_facts';

export interface ComplianceTenantDoc extends TenantProfileDoc, AppliedMarker, Record<string, unknown> {
  _id: string;
}

export interface SubjectDoc extends Subject, Record<string, unknown> {
  _id: string;
  tenantId: string;
}

export interface FactDoc extends Fact, Record<string, unknown> {
  _id: string;
  tenantId: string;
  /** Global order, for same-day order checks. */
  seq: number;
}

type P = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const day = (e: EventEnvelope) => e.occurredAt.slice(0, 10);
/** The date a fact took effect: the first date field the payload carries, else when it was recorded. */
const DATE_FIELDS = ['heldOn', 'submittedOn', 'testedOn', 'deployedOn', 'handedOverOn', 'approvedOn', 'startedOn', 'reportedOn', 'assessedOn', 'proposedOn', 'decidedOn', 'retiredOn', 'finalizedOn', 'evaluatedOn', 'startDate', 'date'];
function factDate(e: EventEnvelope): string {
  const p = e.payload as P;
  for (const f of DATE_FIELDS) if (str(p[f])) return p[f] as string;
  const decree = p['decree'] as P | undefined;
  return str(decree?.['date']) ?? day(e);
}

/** Where a fact belongs: the entity of its stream, or the unit/tenant its payload names. */
const SUBJECT_OF: Record<string, (e: EventEnvelope, id: string) => { kind: Scope; id: string }> = {
  LanDiagramSubmitted: (e, id) => ({ kind: 'unit', id: str((e.payload as P)['unitId']) ?? id }),
  DataOwnerApprovalGranted: (e, id) => ({ kind: 'unit', id: str((e.payload as P)['ownerUnitId']) ?? str((e.payload as P)['unitId']) ?? id }),
  DataManagedByDinas: (e, id) => ({ kind: 'unit', id: str((e.payload as P)['ownerUnitId']) ?? str((e.payload as P)['unitId']) ?? id }),
  MandiriTikAssessed: (e) => ({ kind: 'unit', id: str((e.payload as P)['unitId']) ?? '' }),
  MandiriTikProposed: (e) => ({ kind: 'unit', id: str((e.payload as P)['unitId']) ?? '' }),
  MandiriTikDesignated: (e) => ({ kind: 'unit', id: str((e.payload as P)['unitId']) ?? '' }),
  BusinessProcessReviewed: (e) => ({ kind: 'tenant', id: e.tenantId }),
  NetworkServiceReviewed: (e) => ({ kind: 'tenant', id: e.tenantId }),
  DataCentreServiceReviewed: (e) => ({ kind: 'tenant', id: e.tenantId }),
  EvaluationCycleFinalized: (e) => ({ kind: 'tenant', id: e.tenantId }),
  AuditReported: (e, id) => ({ kind: str((e.payload as P)['objectKind']) === 'application' ? 'application' : 'infrastructure', id: str((e.payload as P)['objectId']) ?? id }),
  AuditScheduled: (e, id) => ({ kind: str((e.payload as P)['objectKind']) === 'application' ? 'application' : 'infrastructure', id: str((e.payload as P)['objectId']) ?? id }),
};

const STREAM_KIND: Record<string, Scope> = { unit: 'unit', application: 'application', infrastructure: 'infrastructure', architecture: 'architecture', tenant: 'tenant' };

export const FACT_TYPES = new Set([
  'AuditReported',
  'AuditScheduled',
  'LanDiagramSubmitted',
  'ArchitectureMonitoringEvaluated',
  'ArchitectureReviewed',
  'RoadmapReviewed',
  'BusinessProcessReviewed',
  'NetworkServiceReviewed',
  'DataCentreServiceReviewed',
  'EvaluationCycleFinalized',
  'ApplicationServiceEvaluated',
  'ApplicationTested',
  'ApplicationDeployedToProduction',
  'ApplicationHandedOver',
  'PreHandoverTestReported',
  'DataOwnerApprovalGranted',
  'DataManagedByDinas',
  'MandiriTikAssessed',
  'MandiriTikProposed',
  'MandiriTikDesignated',
]);

export interface ComplianceChange {
  subject?: SubjectDoc;
  subjectEnd?: { _id: string; until: string };
  fact?: FactDoc;
}

const subjectId = (tenantId: string, kind: string, id: string) => `${tenantId}|${kind}|${id}`;

/** What one event changes in the compliance read models (pure). */
export function complianceOf(e: EventEnvelope): ComplianceChange {
  const s = parseStreamId(e.streamId);
  const p = e.payload as P;
  const out: ComplianceChange = {};
  const registered = (kind: Scope, extra: Partial<Subject> = {}): SubjectDoc => ({
    _id: subjectId(e.tenantId, kind, s.id),
    tenantId: e.tenantId,
    kind,
    id: s.id,
    name: str(p['name']) ?? str(p['title']),
    since: day(e),
    until: null,
    attributes: { ...p },
    ...extra,
  });
  switch (e.type) {
    case 'UnitRegistered':
      out.subject = registered('unit');
      break;
    case 'ApplicationRegistered':
      out.subject = registered('application', { attributes: { category: p['category'], ownerUnitId: p['ownerUnitId'], complexity: p['complexity'] ?? null } });
      break;
    case 'InfrastructureRegistered':
      out.subject = registered('infrastructure', { attributes: { kind: p['kind'], unitId: p['unitId'] } });
      break;
    case 'ArchitectureEnacted':
      out.subject = registered('architecture', { since: str(p['validFrom']) ?? day(e), until: str(p['validTo']) ?? null, attributes: { artefact: p['artefact'] } });
      break;
    case 'RoadmapEnacted':
      out.subject = { ...registered('roadmap', { since: str(p['validFrom']) ?? day(e), until: str(p['validTo']) ?? null, attributes: { artefact: p['artefact'] } }) };
      break;
    case 'ApplicationRetired':
      out.subjectEnd = { _id: subjectId(e.tenantId, 'application', s.id), until: factDate(e) };
      break;
  }
  if (FACT_TYPES.has(e.type)) {
    const subject = SUBJECT_OF[e.type]?.(e, s.id) ?? { kind: (e.type.startsWith('Roadmap') ? 'roadmap' : STREAM_KIND[s.aggregate] ?? 'tenant') as Scope, id: STREAM_KIND[s.aggregate] ? s.id : e.tenantId };
    out.fact = { _id: e.eventId, tenantId: e.tenantId, eventId: e.eventId, type: e.type, date: factDate(e), subject, data: p, seq: e.globalPosition };
  }
  return out;
}

/** The profile each tenant applies, from its registration and its decrees. */
export const complianceTenantsProjection = tenantDocProjection<TenantProfileDoc>('compliance-tenants', COMPLIANCE_TENANTS, TENANT_PROFILE_EVENTS, foldTenantProfileDoc);

export const complianceProjection: Projection = {
  name: 'compliance',
  collections: [COMPLIANCE_SUBJECTS, COMPLIANCE_FACTS],
  indexes: {
    [COMPLIANCE_SUBJECTS]: [{ tenantId: 1, kind: 1 }],
    [COMPLIANCE_FACTS]: [{ tenantId: 1, seq: 1 }],
  },
  async apply(e, target) {
    if (TENANT_PROFILE_EVENTS.has(e.type)) return;
    const change = complianceOf(e);
    const subjects = target.collection<SubjectDoc>(COMPLIANCE_SUBJECTS);
    if (change.subject) await subjects.put(change.subject);
    if (change.subjectEnd) {
      const current = await subjects.get(change.subjectEnd._id);
      if (current) await subjects.put({ ...current, until: change.subjectEnd.until });
    }
    if (change.fact) await target.collection<FactDoc>(COMPLIANCE_FACTS).put(change.fact);
  },
};
