import { EventEnvelope } from '@spbe/ledger-core';
import { auditSummary, AuditViewDoc, auditViewOf, FindingViewDoc, findingViewOf } from './audit-views.projection';

const ev = (streamId: string, type: string, payload: Record<string, unknown>, occurredAt = '2026-10-01T00:00:00Z') => ({ tenantId: 'k', streamId, type, payload, occurredAt }) as unknown as EventEnvelope;

function fold<T>(f: (c: T | null, e: EventEnvelope) => Omit<T, '_id' | '_applied'> | null, events: EventEnvelope[]): T {
  return events.reduce<T | null>((c, e) => ({ ...(f(c, e) as object), _id: 'x' }) as T, null)!;
}

describe('audit views', () => {
  it('follows an audit and a finding through their events', () => {
    const audit = fold<AuditViewDoc>(auditViewOf, [
      ev('k:audit.audit:a1', 'AuditPlanned', { auditType: 'keamanan', mode: 'internal', objectId: 'pusat-data', year: 2026 }),
      ev('k:audit.audit:a1', 'AuditScheduled', {}),
      ev('k:audit.audit:a1', 'AuditStarted', {}),
      ev('k:audit.audit:a1', 'AuditReported', { conclusion: 'tidak-memadai' }),
    ]);
    expect(audit).toMatchObject({ status: 'reported', conclusion: 'tidak-memadai', year: 2026 });
    const finding = fold<FindingViewDoc>(findingViewOf, [
      ev('k:audit.finding:f1', 'FindingRecorded', { auditId: 'a1', severity: 'tinggi', responsibleUnitId: 'dinkes', dueDate: '2026-10-31' }),
      ev('k:audit.finding:f1', 'FindingFollowUpOverdue', { dueDate: '2026-10-31' }),
    ]);
    expect(finding).toMatchObject({ status: 'open', overdue: true });
    const summary = auditSummary([audit], [finding, { ...finding, findingId: 'f2', severity: 'rendah', dueDate: '2027-01-01', recordedOn: '2026-11-01' }], '2026-11-22');
    expect(summary).toEqual({
      asOf: '2026-11-22',
      programme: [{ year: 2026, planned: 0, scheduled: 0, started: 0, reported: 1, closed: 0 }],
      conclusions: { 'tidak-memadai': 1 },
      openFindings: [
        { severity: 'tinggi', count: 1, oldestAgeDays: 52 },
        { severity: 'rendah', count: 1, oldestAgeDays: 21 },
      ],
      overdueFollowUpsByUnit: [{ unitId: 'dinkes', count: 1, findingIds: ['f1'] }],
    });
  });
});
