import { Attestation } from './exports';

/** A checkpoint attestation for export tests (no ledger behind it). */
export const testAttestation: Attestation = {
  tenantId: 'kota-kupang',
  verifiedAt: '2026-11-29T01:00:00.000Z',
  streams: 2,
  events: 5,
  checkpoint: { sequence: 3, root: 'a'.repeat(64), toPosition: 42, count: 5, sealedAt: '2026-11-29T00:59:00.000Z', keyId: 'k1', signature: 'c2ln' },
};
