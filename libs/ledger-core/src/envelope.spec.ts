import { canonicalJson } from './canonical-json';
import { canonicalEnvelopeText, computeEventHash, hashedFields } from './envelope';
import { sha256Hex, ZERO_HASH } from './hash';

describe('canonical envelope text (hot path)', () => {
  const base = {
    eventId: '01a20300-0000-7000-8000-000000000001',
    tenantId: 'kota-kupang',
    streamId: 'kota-kupang:registry.designation:d-1',
    version: 3,
    type: 'MandiriTikDesignated',
    schemaVersion: 1,
    occurredAt: '2025-04-15T00:00:00.000Z',
    recordedAt: '2026-11-22T08:00:00.000Z',
    actor: { id: 'u-1', name: 'Wali Kota "Kupang"', role: 'koordinator' as const, unitId: null },
    legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 52(3)' },
    causationId: null,
    correlationId: 'corr-ä',
    commandId: 'cmd-1',
    payload: { unitId: 'dinas-pupr', criteria: [1, 2, 3], nested: { b: true, a: null }, decree: { number: '188.45/KEP/2025', date: '2025-04-15' } },
    prevHash: ZERO_HASH,
  };

  it.each([
    ['with legal basis', base],
    ['without legal basis, with unit and causation', { ...base, legalBasis: null, causationId: 'c-1', actor: { ...base.actor, unitId: 'dinas-kominfo' } }],
    ['empty payload', { ...base, payload: {} }],
  ])('equals canonicalJson of the hashed fields: %s', (_n, e) => {
    const text = canonicalEnvelopeText(e, canonicalJson(e.payload));
    expect(text).toBe(canonicalJson(hashedFields(e)));
    expect(computeEventHash(e, canonicalJson(e.payload))).toBe(computeEventHash(e));
    expect(computeEventHash(e)).toBe(sha256Hex(canonicalJson(hashedFields(e))));
  });
});
