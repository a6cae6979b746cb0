import { ValidationError } from '@spbe/ledger-core';
import { buildAuditTrailFilter, encodeCursor } from './audit-trail.query';
import { summarize } from './audit-trail.projection';

describe('audit-trail query', () => {
  it('scopes every query to the tenant and maps each filter', () => {
    const cursor = encodeCursor('2026-01-02T03:04:05.006Z|0190d6a0-0000-7000-8000-000000000001');
    const { filter, limit } = buildAuditTrailFilter('kota-kupang', {
      entity: 'kota-kupang:registry.tenant:kota-kupang',
      type: 'TenantRegistered',
      actor: 'Maria Bere',
      role: 'koordinator',
      legalBasis: 'kupang-perwali-11-2025 Pasal 52',
      from: '2026-01-01',
      to: '2026-12-31T23:59:59Z',
      limit: '20',
      cursor,
    });
    expect(limit).toBe(20);
    expect(filter).toEqual({
      tenantId: 'kota-kupang',
      streamId: 'kota-kupang:registry.tenant:kota-kupang',
      type: 'TenantRegistered',
      $or: [{ 'actor.id': 'Maria Bere' }, { 'actor.name': 'Maria Bere' }],
      'actor.role': 'koordinator',
      legalBasisText: { $regex: '^kupang-perwali-11-2025 Pasal 52' },
      recordedAt: { $gte: '2026-01-01T00:00:00.000Z', $lte: '2026-12-31T23:59:59.000Z' },
      sortKey: { $gt: '2026-01-02T03:04:05.006Z|0190d6a0-0000-7000-8000-000000000001' },
    });
  });

  it.each([
    [{ limit: '201' }, 'limit'],
    [{ limit: '0' }, 'limit'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ from: '2026-02-01', to: '2026-01-01' }, 'to'],
    [{ from: 'kemarin' }, 'from'],
  ])('rejects %j naming %s', (q, field) => {
    expect(() => buildAuditTrailFilter('kota-kupang', q)).toThrow(ValidationError);
    try {
      buildAuditTrailFilter('kota-kupang', q);
    } catch (e) {
      expect((e as ValidationError).field).toBe(field);
    }
  });
});

describe('summaries', () => {
  it('fall back to the event type when a payload lacks what the sentence needs', () => {
    expect(summarize({ type: 'OfficialAppointed', payload: {} })).toEqual({ id: 'Peristiwa Official Appointed', en: 'Official Appointed' });
    expect(summarize({ type: 'UnitRegistered', payload: { name: 'Dinas Kesehatan', kind: 'opd' } }).id).toBe('Perangkat Daerah Dinas Kesehatan (opd) didaftarkan');
  });
});
