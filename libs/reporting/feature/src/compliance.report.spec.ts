import { ComplianceTenantDoc, FactDoc, SubjectDoc } from './compliance.projection';
import { complianceByYear, complianceReport } from './compliance.report';

const tenant: ComplianceTenantDoc = { _id: 'kota-kupang', tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', profileId: 'kupang-perwali-11-2025', inForceFrom: null, registeredOn: '2024-01-15', overrides: [] } as unknown as ComplianceTenantDoc;
const subjects = [
  { _id: 'u', tenantId: 'kota-kupang', kind: 'unit', id: 'dinas-kesehatan', name: 'Dinas Kesehatan', since: '2024-01-15', attributes: { kind: 'opd' } },
  { _id: 'i', tenantId: 'kota-kupang', kind: 'infrastructure', id: 'pusat-data', name: 'Pusat Data', since: '2024-01-15', attributes: { kind: 'pusat-data', unitId: 'dinas-kesehatan' } },
] as unknown as SubjectDoc[];
const facts = [
  { _id: 'f1', tenantId: 'kota-kupang', eventId: 'f1', type: 'LanDiagramSubmitted', date: '2024-06-01', subject: { kind: 'unit', id: 'dinas-kesehatan' }, data: { unitId: 'dinas-kesehatan' }, seq: 1 },
] as unknown as FactDoc[];

describe('compliance per-year summary', () => {
  const years = complianceByYear(tenant, subjects, facts, '2026-11-22', null);

  it('takes the report at the end of each year since the regulation took effect (Pasal 57: 2025-04-15), the last one on asOf', () => {
    expect(years.map((y) => [y.year, y.asOf])).toEqual([[2025, '2025-12-31'], [2026, '2026-11-22']]);
    expect(years[1].summary).toEqual(complianceReport(tenant, subjects, facts, '2026-11-22', null).summary);
    expect(years[0].summary).toEqual(complianceReport(tenant, subjects, facts, '2025-12-31', null).summary);
  });

  it('counts each missed period once, in the year it ended', () => {
    const final = complianceReport(tenant, subjects, facts, '2026-11-22', null);
    const missed = final.obligations.flatMap((o) => o.missedPeriods);
    expect(missed.length).toBeGreaterThan(0);
    expect(years.reduce((n, y) => n + y.missedPeriods, 0)).toBe(missed.length);
    for (const y of years) expect(y.missedPeriods).toBe(missed.filter((p) => p.to.startsWith(String(y.year))).length);
  });

  it('refuses a date before the regulation took effect (naming Pasal 57) and a malformed date', () => {
    expect(() => complianceByYear(tenant, subjects, facts, '2025-01-01', null)).toThrow(/^asOf: .*Pasal 57/);
    expect(() => complianceByYear(tenant, subjects, facts, '2026-02-30', null)).toThrow(/^asOf: /);
  });
});
