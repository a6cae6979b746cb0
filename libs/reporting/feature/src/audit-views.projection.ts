import { EventEnvelope, parseStreamId } from '@spbe/ledger-core';
import { applyOnce, AppliedMarker, Projection } from '@spbe/read-models';

/**
 * Audit views for the Inspektorat and the dashboards: one document per audit (status, type, object,
 * year, conclusion) and per finding (severity, responsible OPD, due date, follow-up state, overdue),
 * folded from the audit-scheduler's events (idempotent per stream version).
 */
export const AUDIT_VIEW = 'audit_view_audits';
export const FINDING_VIEW = 'audit_view_findings';

export interface AuditViewDoc extends AppliedMarker, Record<string, unknown> {
  _id: string;
  tenantId: string;
  auditId: string;
  status: 'planned' | 'scheduled' | 'started' | 'reported' | 'closed';
  auditType: string;
  mode: string;
  objectId: string;
  year: number;
  conclusion: string | null;
  overdueRules: string[];
}

export interface FindingViewDoc extends AppliedMarker, Record<string, unknown> {
  _id: string;
  tenantId: string;
  findingId: string;
  auditId: string;
  severity: string;
  responsibleUnitId: string;
  dueDate: string;
  recordedOn: string;
  status: 'open' | 'follow-up-submitted' | 'follow-up-accepted' | 'closed';
  overdue: boolean;
}

type P = Record<string, unknown>;

/** The next state of an audit's view document (pure). */
export function auditViewOf(current: AuditViewDoc | null, e: EventEnvelope): Omit<AuditViewDoc, '_id' | '_applied'> | null {
  const p = e.payload as P;
  const id = parseStreamId(e.streamId).id;
  if (e.type === 'AuditPlanned') {
    return { tenantId: e.tenantId, auditId: id, status: 'planned', auditType: String(p['auditType']), mode: String(p['mode']), objectId: String(p['objectId']), year: Number(p['year']), conclusion: null, overdueRules: [] };
  }
  if (!current) return null;
  const { _id, _applied, ...rest } = current;
  switch (e.type) {
    case 'AuditScheduled':
      return { ...rest, status: 'scheduled' };
    case 'AuditStarted':
      return { ...rest, status: 'started' };
    case 'AuditReported':
      return { ...rest, status: 'reported', conclusion: String(p['conclusion']) };
    case 'AuditClosed':
      return { ...rest, status: 'closed' };
    default:
      return rest;
  }
}

/** The next state of a finding's view document (pure). */
export function findingViewOf(current: FindingViewDoc | null, e: EventEnvelope): Omit<FindingViewDoc, '_id' | '_applied'> | null {
  const p = e.payload as P;
  if (e.type === 'FindingRecorded') {
    return { tenantId: e.tenantId, findingId: parseStreamId(e.streamId).id, auditId: String(p['auditId']), severity: String(p['severity']), responsibleUnitId: String(p['responsibleUnitId']), dueDate: String(p['dueDate']), recordedOn: e.occurredAt.slice(0, 10), status: 'open', overdue: false };
  }
  if (!current) return null;
  const { _id, _applied, ...rest } = current;
  switch (e.type) {
    case 'FollowUpSubmitted':
      return { ...rest, status: 'follow-up-submitted' };
    case 'FollowUpAccepted':
      return { ...rest, status: 'follow-up-accepted', overdue: false };
    case 'FollowUpReturned':
      return { ...rest, status: 'open' };
    case 'FindingClosed':
      return { ...rest, status: 'closed', overdue: false };
    case 'FindingFollowUpOverdue':
      return { ...rest, overdue: rest.status !== 'closed' && rest.status !== 'follow-up-accepted' };
    default:
      return rest;
  }
}

export const auditViewsProjection: Projection = {
  name: 'audit-views',
  collections: [AUDIT_VIEW, FINDING_VIEW],
  indexes: { [AUDIT_VIEW]: [{ tenantId: 1, year: 1 }], [FINDING_VIEW]: [{ tenantId: 1, status: 1 }] },
  async apply(e, target) {
    const s = parseStreamId(e.streamId);
    if (s.context !== 'audit') return;
    if (s.aggregate === 'audit') await applyOnce(target.collection<AuditViewDoc>(AUDIT_VIEW), `${e.tenantId}|${s.id}`, e, (c) => auditViewOf(c, e));
    if (s.aggregate === 'finding') await applyOnce(target.collection<FindingViewDoc>(FINDING_VIEW), `${e.tenantId}|${s.id}`, e, (c) => findingViewOf(c, e));
  },
};

export interface AuditSummary {
  asOf: string;
  programme: { year: number; planned: number; scheduled: number; started: number; reported: number; closed: number }[];
  conclusions: Record<string, number>;
  openFindings: { severity: string; count: number; oldestAgeDays: number }[];
  overdueFollowUpsByUnit: { unitId: string; count: number; findingIds: string[] }[];
}

const SEVERITY_ORDER = ['kritis', 'tinggi', 'sedang', 'rendah'];

/** Programme status per year, conclusions, open findings by severity and age, overdue follow-ups per OPD (pure). */
export function auditSummary(audits: AuditViewDoc[], findings: FindingViewDoc[], asOf: string): AuditSummary {
  const years = [...new Set(audits.map((a) => a.year))].sort();
  const programme = years.map((year) => {
    const of = audits.filter((a) => a.year === year);
    const n = (st: AuditViewDoc['status']) => of.filter((a) => a.status === st).length;
    return { year, planned: n('planned'), scheduled: n('scheduled'), started: n('started'), reported: n('reported'), closed: n('closed') };
  });
  const conclusions: Record<string, number> = {};
  for (const a of audits) if (a.conclusion) conclusions[a.conclusion] = (conclusions[a.conclusion] ?? 0) + 1;
  const open = findings.filter((f) => f.status !== 'closed');
  const age = (f: FindingViewDoc) => Math.max(0, Math.round((Date.parse(asOf) - Date.parse(f.recordedOn)) / 86_400_000));
  const openFindings = SEVERITY_ORDER.map((severity) => {
    const of = open.filter((f) => f.severity === severity);
    return { severity, count: of.length, oldestAgeDays: of.length ? Math.max(...of.map(age)) : 0 };
  }).filter((x) => x.count > 0);
  const late = open.filter((f) => f.status !== 'follow-up-accepted' && f.dueDate < asOf);
  const units = [...new Set(late.map((f) => f.responsibleUnitId))].sort();
  const overdueFollowUpsByUnit = units.map((unitId) => {
    const ids = late.filter((f) => f.responsibleUnitId === unitId).map((f) => f.findingId).sort();
    return { unitId, count: ids.length, findingIds: ids };
  });
  return { asOf, programme, conclusions, openFindings, overdueFollowUpsByUnit };
}
