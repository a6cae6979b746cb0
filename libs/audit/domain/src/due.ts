import type { EffectiveProfile, Fact, ObligationResult, Subject } from '@spbe/regulations';
import { evaluateObligations } from '@spbe/regulations';
import type { AuditState } from './audit';

/** An object the programme audits, learned from the registry's events. */
export interface AuditObject {
  kind: 'application' | 'infrastructure';
  id: string;
  name?: string;
  since: string;
  until?: string | null;
  attributes?: Record<string, unknown>;
}

/** Reported audits as the facts the profiles count (AuditReported, on the audited object). */
export function auditFacts(audits: (AuditState & { id: string })[]): Fact[] {
  return audits
    .filter((a) => a.reportedOn && a.objectKind && a.objectId)
    .map((a) => ({ eventId: a.reportedEventId ?? a.id, type: 'AuditReported', date: a.reportedOn!, subject: { kind: a.objectKind!, id: a.objectId! }, data: { auditType: a.auditType, mode: a.mode, objectKind: a.objectKind, objectId: a.objectId } }));
}

export interface DueEntry {
  object: { kind: string; id: string; name?: string };
  obligations: ObligationResult[];
}

/**
 * Every audit object with its due audits under the tenant's profile on `asOf` (status, due date,
 * citation), and the tenant-wide audit duties (e.g. Samarinda's yearly internal Audit TIK). Pure.
 */
export function dueAudits(profile: EffectiveProfile, tenant: { id: string; since: string }, objects: AuditObject[], audits: (AuditState & { id: string })[], asOf: string): DueEntry[] {
  const subjects: Subject[] = objects.map((o) => ({ kind: o.kind, id: o.id, name: o.name, since: o.since, until: o.until ?? null, attributes: o.attributes }));
  const facts = auditFacts(audits);
  const results = evaluateObligations(profile, { asOf, tenant, subjects, facts }).filter((r) => r.ruleId.startsWith('R-AUD'));
  const groups = new Map<string, DueEntry>();
  for (const r of results) {
    const key = `${r.subject.kind}|${r.subject.id}`;
    if (!groups.has(key)) groups.set(key, { object: r.subject, obligations: [] });
    groups.get(key)!.obligations.push(r);
  }
  return [...groups.values()];
}
