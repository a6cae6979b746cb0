import { ValidationError } from '@spbe/ledger-core';
import { profileOfDoc } from '@spbe/registry-domain';
import { assertDate, checkOrder, Fact, Subject, evaluateObligations, ObligationResult, ObligationStatus, OrderFinding } from '@spbe/regulations';
import type { ComplianceTenantDoc, FactDoc, SubjectDoc } from './compliance.projection';

export interface ComplianceReport {
  tenantId: string;
  profileId: string;
  validFrom: string;
  asOf: string;
  unitId: string | null;
  summary: Record<ObligationStatus, number>;
  obligations: ObligationResult[];
  orderFindings: OrderFinding[];
}

const STATUSES: ObligationStatus[] = ['overdue', 'due-soon', 'due', 'fulfilled', 'not-applicable'];

/**
 * The compliance view of one Pemda (or one OPD of it) on a date: every obligation of its profile with
 * status, due date, evidence and citation, and every order-of-events check. Pure: read models in,
 * report out, computed by the same rules engine the write side uses.
 */
export function complianceReport(tenant: ComplianceTenantDoc, subjects: SubjectDoc[], facts: FactDoc[], asOf: string, unitId: string | null): ComplianceReport {
  assertDate(asOf, 'asOf');
  const profile = profileOfDoc(tenant);
  const ordered = [...facts].sort((a, b) => a.seq - b.seq).map((f): Fact => ({ eventId: f.eventId, type: f.type, date: f.date, subject: f.subject, data: f.data }));
  const own = (s: { kind: string; id: string; attributes?: Record<string, unknown> }) =>
    !unitId || (s.kind === 'unit' && s.id === unitId) || s.attributes?.['ownerUnitId'] === unitId || s.attributes?.['unitId'] === unitId;
  if (unitId && !subjects.some((s) => s.kind === 'unit' && s.id === unitId)) throw new ValidationError('unitId', `unit ${unitId} is not registered`);
  const all = evaluateObligations(profile, {
    asOf,
    tenant: { id: tenant.tenantId, name: tenant.name, since: tenant.registeredOn },
    subjects: subjects.map((s): Subject => ({ kind: s.kind, id: s.id, name: s.name, since: s.since, until: s.until, attributes: s.attributes })),
    facts: ordered.filter((f) => f.date <= asOf),
  });
  const bySubject = new Map(subjects.map((s) => [`${s.kind}|${s.id}`, s]));
  const obligations = all.filter((o) => (o.subject.kind === 'tenant' ? !unitId : own(bySubject.get(`${o.subject.kind}|${o.subject.id}`) ?? { kind: o.subject.kind, id: o.subject.id })));
  obligations.sort((a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.ruleId.localeCompare(b.ruleId));
  const orderFindings = checkOrder(profile, ordered.filter((f) => f.date <= asOf));
  const summary = Object.fromEntries(STATUSES.map((s) => [s, obligations.filter((o) => o.status === s).length])) as Record<ObligationStatus, number>;
  return { tenantId: tenant.tenantId, profileId: profile.id, validFrom: profile.validFrom, asOf, unitId, summary, obligations, orderFindings };
}
