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

export interface ComplianceYear {
  year: number;
  /** The day the statuses are taken on: 31 December, or the asOf date in its own year. */
  asOf: string;
  summary: Record<ObligationStatus, number>;
  /** Periods that ended in this year without the obligation fulfilled (as known on asOf). */
  missedPeriods: number;
}

/**
 * Per-year summary: the compliance report taken at the end of every year from the later of the
 * Pemda's registration and its regulation's entry into force, up to asOf (pure; the same engine,
 * one evaluation per year).
 */
export function complianceByYear(tenant: ComplianceTenantDoc, subjects: SubjectDoc[], facts: FactDoc[], asOf: string, unitId: string | null, onAsOf?: ComplianceReport): ComplianceYear[] {
  // The report on asOf itself validates the date (format, the profile's validity) and is the last row;
  // a caller that already has it passes it in.
  const last = onAsOf ?? complianceReport(tenant, subjects, facts, asOf, unitId);
  const start = [tenant.registeredOn, last.validFrom].sort()[1];
  if (asOf < start) return [];
  const row = (year: number, report: ComplianceReport): ComplianceYear => ({
    year,
    asOf: report.asOf,
    summary: report.summary,
    // Known as missed only once the period is over: counted from the report on asOf.
    missedPeriods: last.obligations.reduce((n, o) => n + o.missedPeriods.filter((p) => p.to.startsWith(String(year))).length, 0),
  });
  const years: ComplianceYear[] = [];
  for (let year = Number(start.slice(0, 4)); year < Number(asOf.slice(0, 4)); year++) years.push(row(year, complianceReport(tenant, subjects, facts, `${year}-12-31`, unitId)));
  years.push(row(Number(asOf.slice(0, 4)), last));
  return years;
}
