import { generateKeyPairSync } from 'node:crypto';
import { EventEnvelope } from '../envelope';
import { buildCheckpoint, generateSigningKey, signCheckpoint, signingKeyFromPem, verifyCheckpointChain, verifyCheckpointEvents, verifyCheckpointSignature } from './checkpoint';
import { EMPTY_ROOT, inclusionProof, verifyInclusion } from './merkle';

const ev = (p: number): EventEnvelope => ({ globalPosition: p, hash: (p.toString(16) + 'ab').repeat(32).slice(0, 64) }) as EventEnvelope;

describe('ledger checkpoints', () => {
  const key = generateSigningKey();
  const keys = new Map([[key.keyId, key.publicKey]]);
  const block1 = [1, 2, 3].map(ev);
  const block2 = [7, 9].map(ev);
  const c0 = signCheckpoint(buildCheckpoint(block1, null, key.keyId, new Date('2026-11-22T00:00:00Z')), key);
  const c1 = signCheckpoint(buildCheckpoint(block2, c0, key.keyId, new Date('2026-11-22T00:01:00Z')), key);

  it('seals a block: range, count, Merkle root, link to the previous root, Ed25519 signature', () => {
    expect(c0).toMatchObject({ sequence: 0, fromPosition: 1, toPosition: 3, count: 3, prevRoot: EMPTY_ROOT, keyId: key.keyId });
    expect(c1).toMatchObject({ sequence: 1, fromPosition: 7, toPosition: 9, prevRoot: c0.root });
    expect(verifyCheckpointSignature(c0, key.publicKey)).toBe(true);
    expect(verifyCheckpointChain([c0, c1], keys)).toEqual({ ok: true, checkpoints: 2 });
    expect(verifyCheckpointEvents(c1, block2)).toEqual({ ok: true, checkpoints: 1 });
    const proof = inclusionProof(block1.map((e) => e.hash), 1);
    expect(verifyInclusion(block1[1].hash, 1, 3, proof, c0.root)).toBe(true);
  });

  it.each([
    ['a changed root', [c0, { ...c1, root: c0.root }], 'bad-signature'],
    ['a re-signed checkpoint with a broken link', [c0, signCheckpoint({ ...c1, prevRoot: EMPTY_ROOT }, key)], 'broken-link'],
    ['a missing checkpoint', [c0, signCheckpoint({ ...c1, sequence: 2 }, key)], 'sequence-gap'],
    ['an overlapping range', [c0, signCheckpoint({ ...c1, fromPosition: 3 }, key)], 'overlapping-range'],
  ])('fails closed on %s', (_n, chain, reason) => {
    expect(verifyCheckpointChain(chain, keys)).toMatchObject({ ok: false, reason });
  });

  it('fails closed on a checkpoint signed by a key it does not trust', () => {
    const other = generateSigningKey();
    const foreign = signCheckpoint({ ...c0, keyId: other.keyId }, other);
    expect(verifyCheckpointChain([foreign], keys)).toMatchObject({ ok: false, reason: 'unknown-key', sequence: 0 });
  });

  it('catches an event changed or dropped after sealing', () => {
    const tampered = [block1[0], { ...block1[1], hash: 'f'.repeat(64) }, block1[2]];
    expect(verifyCheckpointEvents(c0, tampered)).toMatchObject({ ok: false, reason: 'root-mismatch' });
    expect(verifyCheckpointEvents(c0, block1.slice(0, 2))).toMatchObject({ ok: false, reason: 'count-mismatch' });
  });

  it('loads an Ed25519 key from PEM and refuses other key types', () => {
    const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(signingKeyFromPem(pem).keyId).toBe(key.keyId);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => signingKeyFromPem(rsa)).toThrow('must be Ed25519, not rsa');
  });
});
