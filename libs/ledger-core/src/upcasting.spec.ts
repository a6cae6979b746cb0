import { EventEnvelope } from './envelope';
import { computeEventHash } from './envelope';
import { upcast, upcastAll, Upcaster } from './upcasting';

const stored = {
  eventId: 'e1',
  tenantId: 'kota-kupang',
  streamId: 'kota-kupang:registry.unit:dinas-kominfo',
  version: 0,
  globalPosition: 1,
  type: 'UnitRegistered',
  schemaVersion: 1,
  occurredAt: '2025-01-01T00:00:00.000Z',
  recordedAt: '2025-01-01T00:00:00.000Z',
  actor: { id: 'u', name: 'U', role: 'admin', unitId: null },
  legalBasis: null,
  causationId: null,
  correlationId: null,
  commandId: null,
  payload: { nama: 'Dinas Kominfo' },
  prevHash: '0'.repeat(64),
  hash: '',
} as EventEnvelope;

const upcasters: Upcaster[] = [
  { type: 'UnitRegistered', fromSchemaVersion: 1, up: (p) => ({ name: p.nama }) },
  { type: 'UnitRegistered', fromSchemaVersion: 2, up: (p) => ({ ...p, kind: 'dinas' }) },
];

describe('upcasting', () => {
  it('lifts an old event through every version, leaving the stored event and its hash untouched', () => {
    const original = { ...stored, hash: computeEventHash(stored) };
    const lifted = upcast(original, upcasters);
    expect(lifted).toMatchObject({ schemaVersion: 3, payload: { name: 'Dinas Kominfo', kind: 'dinas' } });
    expect(original.payload).toEqual({ nama: 'Dinas Kominfo' });
    expect(computeEventHash(original)).toBe(original.hash);
  });

  it('leaves events without an upcaster as they are', () => {
    const other = { ...stored, type: 'UnitRenamed' };
    expect(upcastAll([other], upcasters)[0]).toBe(other);
    expect(upcastAll([stored], [])[0]).toBe(stored);
  });
});
