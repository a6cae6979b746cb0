import { EventEnvelope, parseStreamId } from '@spbe/ledger-core';
import { Projection } from '@spbe/read-models';

export const AUDIT_TRAIL = 'audit_trail';

export interface AuditTrailRow extends Record<string, unknown> {
  _id: string;
  tenantId: string;
  streamId: string;
  context: string;
  entityType: string;
  entityId: string;
  type: string;
  version: number;
  globalPosition: number;
  occurredAt: string;
  recordedAt: string;
  /** recordedAt + eventId: a total order for sorting and cursors. */
  sortKey: string;
  actor: EventEnvelope['actor'];
  legalBasis: EventEnvelope['legalBasis'];
  legalBasisText: string | null;
  correlationId: string | null;
  causationId: string | null;
  commandId: string | null;
  summary: { id: string; en: string };
  payload: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

const SUMMARIES: Record<string, (p: Record<string, unknown>) => { id: string; en: string }> = {
  TenantRegistered: (p) => ({
    id: `Pemda ${p.name} (${p.kind}) didaftarkan dengan profil regulasi ${p.profileId}`,
    en: `Pemda ${p.name} (${p.kind}) registered under regulation profile ${p.profileId}`,
  }),
  ProfileValueOverridden: (p) => ({
    id: `Nilai profil ${p.path} ditetapkan dengan keputusan ${dec(p).number}`,
    en: `Profile value ${p.path} set by decree ${dec(p).number}`,
  }),
  UnitRegistered: (p) => ({ id: `Perangkat Daerah ${p.name} (${p.kind}) didaftarkan`, en: `Unit ${p.name} (${p.kind}) registered` }),
  OfficialAppointed: (p) => ({ id: `${(p.person as { name: string }).name} ditetapkan sebagai ${p.position} (keputusan ${dec(p).number})`, en: `${(p.person as { name: string }).name} appointed ${p.position} (decree ${dec(p).number})` }),
  AppointmentEnded: (p) => ({ id: `Penetapan berakhir pada ${p.endedOn}`, en: `Appointment ended on ${p.endedOn}` }),
  MandiriTikApplicationSubmitted: (p) => ({ id: `Permohonan PD Mandiri TIK untuk ${p.unitId} dicatat`, en: `PD Mandiri TIK application for ${p.unitId} recorded` }),
  MandiriTikAssessed: (p) => ({ id: `Penilaian kelayakan: ${p.eligible ? 'layak' : 'tidak layak'}`, en: `Feasibility assessment: ${p.eligible ? 'eligible' : 'not eligible'}` }),
  MandiriTikProposed: () => ({ id: 'Diusulkan kepada kepala daerah', en: 'Proposed to the head of region' }),
  MandiriTikDesignated: (p) => ({ id: `${p.unitId} ditetapkan sebagai PD Mandiri TIK (keputusan ${dec(p).number})`, en: `${p.unitId} designated PD Mandiri TIK (decree ${dec(p).number})` }),
  MandiriTikRefused: (p) => ({ id: `Penetapan PD Mandiri TIK ${p.unitId} ditolak: ${p.reasons}`, en: `PD Mandiri TIK designation of ${p.unitId} refused: ${p.reasons}` }),
  MandiriTikRevoked: (p) => ({ id: `Status PD Mandiri TIK ${p.unitId} dicabut: ${p.reasons}`, en: `PD Mandiri TIK status of ${p.unitId} revoked: ${p.reasons}` }),
  ApprovalRequested: (p) => ({ id: `${p.gate} diminta untuk ${p.action} oleh ${p.unitId}`, en: `${p.gate} requested for ${p.action} by ${p.unitId}` }),
  ApprovalGiven: (p) => ({ id: `Persetujuan/rekomendasi diberikan (${p.reference})`, en: `Approval given (${p.reference})` }),
  ApprovalRefused: (p) => ({ id: `Persetujuan/rekomendasi ditolak: ${p.reasons}`, en: `Approval refused: ${p.reasons}` }),
  GatedDecisionRecorded: (p) => ({ id: `Keputusan ${p.action} oleh ${p.unitId}: ${p.summary}`, en: `Decision ${p.action} by ${p.unitId}: ${p.summary}` }),
  ArchitectureEnacted: (p) => ({ id: `${p.title} ditetapkan (${p.validFrom} s.d. ${p.validTo})`, en: `${p.title} enacted (${p.validFrom} to ${p.validTo})` }),
  RoadmapEnacted: (p) => ({ id: `${p.title} ditetapkan (${p.validFrom} s.d. ${p.validTo})`, en: `${p.title} enacted (${p.validFrom} to ${p.validTo})` }),
  ArchitectureReviewed: (p) => ({ id: `Reviu ${p.kind}: ${p.outcome}`, en: `Review ${p.kind}: ${p.outcome}` }),
  ArchitectureMonitoringEvaluated: (p) => ({ id: `Monitoring dan evaluasi tahunan: ${p.outcome}`, en: `Annual monitoring and evaluation: ${p.outcome}` }),
  RoadmapReviewed: (p) => ({ id: `Reviu Peta Rencana ${p.kind}: ${p.outcome}`, en: `Roadmap review ${p.kind}: ${p.outcome}` }),
  BusinessProcessReviewed: (p) => ({ id: `Reviu proses bisnis dilaksanakan pada ${p.date}: ${p.summary}`, en: `Business-process review held on ${p.date}: ${p.summary}` }),
  NetworkServiceReviewed: (p) => ({ id: `Reviu layanan Jaringan Intra dilaksanakan pada ${p.date}: ${p.summary}`, en: `Jaringan Intra service review held on ${p.date}: ${p.summary}` }),
  DataCentreServiceReviewed: (p) => ({ id: `Reviu penggunaan layanan pusat data dilaksanakan pada ${p.date}: ${p.summary}`, en: `Data-centre service use review held on ${p.date}: ${p.summary}` }),
  ArchitectureAmended: (p) => ({ id: `Perubahan ditetapkan (keputusan ${dec(p).number})`, en: `Amendment enacted (decree ${dec(p).number})` }),
  RoadmapAmended: (p) => ({ id: `Perubahan Peta Rencana ditetapkan (keputusan ${dec(p).number})`, en: `Roadmap amendment enacted (decree ${dec(p).number})` }),
  ApplicationRegistered: (p) => ({ id: `Aplikasi ${p.name} (${p.category}) milik ${p.ownerUnitId} didaftarkan`, en: `Application ${p.name} (${p.category}) of ${p.ownerUnitId} registered` }),
  ApplicationTested: (p) => ({ id: `Aplikasi diuji (${p.kind}): ${p.result}`, en: `Application tested (${p.kind}): ${p.result === 'lulus' ? 'passed' : 'failed'}` }),
  ApplicationDeployedToProduction: (p) => ({ id: `Aplikasi mulai digunakan pada ${p.deployedOn}`, en: `Application live from ${p.deployedOn}` }),
  ApplicationHandedOver: (p) => ({ id: `Aplikasi diserahkan kepada Dinas pada ${p.handedOverOn}`, en: `Application handed over to the Dinas on ${p.handedOverOn}` }),
  ApplicationRetired: (p) => ({ id: `Aplikasi dihentikan: ${p.reasons}`, en: `Application retired: ${p.reasons}` }),
  InfrastructureRegistered: (p) => ({ id: `Infrastruktur ${p.name} (${p.kind}) didaftarkan`, en: `Infrastructure ${p.name} (${p.kind}) registered` }),
  LanDiagramSubmitted: (p) => ({ id: `Diagram LAN ${p.unitId} diserahkan`, en: `LAN diagram of ${p.unitId} submitted` }),
  DatasetRegistered: (p) => ({ id: `Data ${p.name} (${p.classification}) didaftarkan`, en: `Data set ${p.name} (${p.classification}) registered` }),
  DataOwnerApprovalGranted: (p) => ({ id: `PD pemilik data menyetujui pengelolaan oleh Dinas (${p.reference})`, en: `The owner PD approved Dinas management (${p.reference})` }),
  DataManagedByDinas: (p) => ({ id: `Data dikelola Dinas sejak ${p.startedOn}`, en: `Data managed by the Dinas from ${p.startedOn}` }),
  ServiceRegistered: (p) => ({ id: `Layanan ${p.name} (${p.type}) didaftarkan`, en: `Service ${p.name} (${p.type}) registered` }),
  AuditPlanned: (p) => ({ id: `Audit ${p.auditType} ${p.mode} atas ${p.objectId} direncanakan (${p.year})`, en: `${p.mode} ${p.auditType} audit of ${p.objectId} planned (${p.year})` }),
  AuditScheduled: (p) => ({ id: `Audit dijadwalkan ${p.startDate} s.d. ${p.endDate}`, en: `Audit scheduled ${p.startDate} to ${p.endDate}` }),
  AuditReported: (p) => ({ id: `Laporan audit: ${p.conclusion}`, en: `Audit report: ${p.conclusion}` }),
  AuditClosed: () => ({ id: 'Audit ditutup', en: 'Audit closed' }),
  AuditBecameOverdue: (p) => ({ id: `Audit ${p.ruleId} atas ${p.objectId} melewati tenggat ${p.dueDate}`, en: `Audit ${p.ruleId} of ${p.objectId} overdue since ${p.dueDate}` }),
  FindingRecorded: (p) => ({ id: `Temuan (${p.severity}) untuk ${p.responsibleUnitId}, tenggat ${p.dueDate}`, en: `Finding (${p.severity}) for ${p.responsibleUnitId}, due ${p.dueDate}` }),
  FollowUpSubmitted: () => ({ id: 'Tindak lanjut diajukan', en: 'Follow-up submitted' }),
  FollowUpAccepted: () => ({ id: 'Tindak lanjut diterima', en: 'Follow-up accepted' }),
  FollowUpReturned: (p) => ({ id: `Tindak lanjut dikembalikan: ${p.reasons}`, en: `Follow-up returned: ${p.reasons}` }),
  FindingClosed: () => ({ id: 'Temuan ditutup', en: 'Finding closed' }),
  FindingFollowUpOverdue: (p) => ({ id: `Tindak lanjut temuan melewati tenggat ${p.dueDate}`, en: `Finding follow-up overdue since ${p.dueDate}` }),
  AuditProgrammeApproved: (p) => ({ id: `Program Audit TIK ${p.year} disetujui`, en: `Audit TIK programme ${p.year} approved` }),
  AuditProgrammeAdjusted: (p) => ({ id: `Program Audit TIK ${p.year} disesuaikan (versi ${p.version})`, en: `Audit TIK programme ${p.year} adjusted (version ${p.version})` }),
  LatikRenewed: (p) => ({ id: `Registrasi LATIK diperpanjang s.d. ${p.registeredUntil}`, en: `LATIK registration renewed until ${p.registeredUntil}` }),
  AuditStarted: (p) => ({ id: `Audit dimulai ${p.startedOn}`, en: `Audit started ${p.startedOn}` }),
  PreHandoverTestReported: (p) => ({ id: `Uji sebelum serah terima (${p.test}) dilaporkan`, en: `Pre-handover test (${p.test}) reported` }),
  ApplicationServiceEvaluated: (p) => ({ id: `Evaluasi layanan aplikasi: ${p.summary}`, en: `Application service evaluated: ${p.summary}` }),
  LanChangeReported: (p) => ({ id: `Perubahan LAN ${p.unitId} dilaporkan: ${p.summary}`, en: `LAN change of ${p.unitId} reported: ${p.summary}` }),
  InfrastructureRetired: (p) => ({ id: `Infrastruktur dihentikan: ${p.reasons}`, en: `Infrastructure retired: ${p.reasons}` }),
  EvaluationCycleOpened: (p) => ({ id: `Siklus evaluasi ${p.frameworkId} ${p.year} dibuka`, en: `Evaluation cycle ${p.frameworkId} ${p.year} opened` }),
  IndicatorAssessed: (p) => ({ id: `Indikator ${p.indicatorNo}, tahap ${p.stage}: tingkat ${p.level} (${p.assessor})`, en: `Indicator ${p.indicatorNo}, stage ${p.stage}: level ${p.level} (${p.assessor})` }),
  AssessmentCorrected: (p) => ({ id: `Koreksi indikator ${p.indicatorNo}, tahap ${p.stage}: tingkat ${p.level} — ${p.correctionReason}`, en: `Correction of indicator ${p.indicatorNo}, stage ${p.stage}: level ${p.level} — ${p.correctionReason}` }),
  IndicatorOwnerAssigned: (p) => ({ id: `Indikator ${p.indicatorNo} ditugaskan kepada ${p.unitId}`, en: `Indicator ${p.indicatorNo} assigned to ${p.unitId}` }),
  EvaluationCycleFinalized: (p) => ({ id: `Siklus evaluasi ${p.frameworkId} ${p.year} difinalkan: indeks ${p.index} (${p.predicate})`, en: `Evaluation cycle ${p.frameworkId} ${p.year} finalised: index ${p.index} (${p.predicate})` }),
  FrameworkVersionRegistered: (p) => ({ id: `Versi kerangka evaluasi berdasarkan ${p.basedOn} dicatat: ${p.reason}`, en: `Evaluation framework version based on ${p.basedOn} registered: ${p.reason}` }),
  LatikRegistered: (p) => ({ id: `LATIK ${p.name} didaftarkan (registrasi s.d. ${p.registeredUntil})`, en: `LATIK ${p.name} registered (until ${p.registeredUntil})` }),
};

const dec = (p: Record<string, unknown>) => (p.decree ?? {}) as { number?: string };

/** A readable line for each decision, Indonesian first; unknown types fall back to their name. */
export function summarize(e: Pick<EventEnvelope, 'type' | 'payload'>): { id: string; en: string } {
  const known = SUMMARIES[e.type];
  if (known) {
    try {
      return known(e.payload);
    } catch {
      // A payload without the fields its sentence needs (an older schema) still gets a row.
    }
  }
  const words = e.type.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return { id: `Peristiwa ${words}`, en: words };
}

export function toAuditTrailRow(e: EventEnvelope): AuditTrailRow {
  const s = parseStreamId(e.streamId);
  return {
    _id: e.eventId,
    tenantId: e.tenantId,
    streamId: e.streamId,
    context: s.context,
    entityType: `${s.context}.${s.aggregate}`,
    entityId: s.id,
    type: e.type,
    version: e.version,
    globalPosition: e.globalPosition,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    sortKey: `${e.recordedAt}|${e.eventId}`,
    actor: e.actor,
    legalBasis: e.legalBasis,
    legalBasisText: e.legalBasis ? `${e.legalBasis.regulation} ${e.legalBasis.article}` : null,
    correlationId: e.correlationId,
    causationId: e.causationId,
    commandId: e.commandId,
    summary: summarize(e),
    payload: e.payload,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/** Every event of every context, one document per event (idempotent: keyed by eventId). */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  collections: [AUDIT_TRAIL],
  indexes: {
    [AUDIT_TRAIL]: [
      { tenantId: 1, sortKey: 1 },
      { tenantId: 1, streamId: 1, sortKey: 1 },
      { tenantId: 1, type: 1, sortKey: 1 },
      { tenantId: 1, entityType: 1, sortKey: 1 },
      { tenantId: 1, 'actor.id': 1, sortKey: 1 },
      { tenantId: 1, correlationId: 1, sortKey: 1 },
    ],
  },
  async apply(e, target) {
    await target.collection<AuditTrailRow>(AUDIT_TRAIL).put(toAuditTrailRow(e));
  },
  async applyBatch(events, target) {
    await target.collection<AuditTrailRow>(AUDIT_TRAIL).putMany(events.map(toAuditTrailRow));
  },
};
