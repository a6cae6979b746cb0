import type { Scope } from './model';

/**
 * What the rules engine reads: facts taken from the ledger's events. The engine does no I/O; a read
 * side (reporting's compliance view, a write service's guard) turns events into these values.
 *
 * Fact `type`s are the event types the services record; the `data` fields the profiles match on are
 * listed in FACT_VOCABULARY so that the services emit them.
 */
export interface FactSubject {
  kind: Scope;
  id: string;
}

export interface Fact {
  eventId: string;
  type: string;
  /** YYYY-MM-DD: the date the fact took effect (decree date, audit report date, …). */
  date: string;
  subject: FactSubject;
  data?: Record<string, unknown>;
}

/** Something obligations attach to: the tenant itself, an OPD, an application, an architecture… */
export interface Subject {
  kind: Scope;
  id: string;
  name?: string;
  /** YYYY-MM-DD the subject exists from (registration, validity start of an architecture). */
  since: string;
  /** YYYY-MM-DD last day it exists (validity end of an architecture; retirement). */
  until?: string | null;
  attributes?: Record<string, unknown>;
}

export interface Facts {
  subjects: Subject[];
  facts: Fact[];
}

/** The event vocabulary the profiles refer to, with the data fields they match on. */
export const FACT_VOCABULARY: Record<string, { subject: Scope; fields: Record<string, string> }> = {
  AuditReported: { subject: 'infrastructure', fields: { auditType: 'infrastruktur | aplikasi | keamanan', mode: 'internal | eksternal', objectKind: 'infrastructure | application' } },
  LanDiagramSubmitted: { subject: 'unit', fields: {} },
  ArchitectureMonitoringEvaluated: { subject: 'architecture', fields: {} },
  ArchitectureReviewed: { subject: 'architecture', fields: { kind: 'mid-term | final-year | ad-hoc | periodic' } },
  RoadmapReviewed: { subject: 'roadmap', fields: { kind: 'mid-term | final-year | ad-hoc | periodic' } },
  BusinessProcessReviewed: { subject: 'tenant', fields: {} },
  NetworkServiceReviewed: { subject: 'tenant', fields: {} },
  DataCentreServiceReviewed: { subject: 'tenant', fields: { kind: 'mid-term | final-year | ad-hoc' } },
  EvaluationCycleFinalized: { subject: 'tenant', fields: {} },
  ApplicationServiceEvaluated: { subject: 'application', fields: {} },
  ApplicationTested: { subject: 'application', fields: {} },
  ApplicationDeployedToProduction: { subject: 'application', fields: { category: 'umum | khusus' } },
  ApplicationHandedOver: { subject: 'application', fields: {} },
  PreHandoverTestReported: { subject: 'application', fields: { test: 'penetration | performance | debugging' } },
  DataOwnerApprovalGranted: { subject: 'unit', fields: { datasetId: 'string' } },
  DataManagedByDinas: { subject: 'unit', fields: { datasetId: 'string' } },
  MandiriTikAssessed: { subject: 'unit', fields: { eligible: 'boolean' } },
  MandiriTikProposed: { subject: 'unit', fields: {} },
  MandiriTikDesignated: { subject: 'unit', fields: {} },
  AuditScheduled: { subject: 'infrastructure', fields: { auditType: 'infrastruktur | aplikasi | keamanan', mode: 'internal | eksternal', startDate: 'the date the audit starts (the date of the fact)' } },
  RecommendationGiven: { subject: 'unit', fields: { action: 'an Action of the profile gates', gate: 'rekomendasi | persetujuan | …' } },
};
