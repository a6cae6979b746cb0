import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { EventEnvelope } from '../envelope';
import { EMPTY_ROOT, merkleRoot } from './merkle';

/**
 * A ledger checkpoint seals a block of the global order: the Merkle root over the hashes of the
 * events at positions fromPosition..toPosition (in order), linked to the previous checkpoint's
 * root, signed with the ledger's Ed25519 key. Modelled on transparency-log checkpoints and QLDB
 * digests. Pure functions; the sealer that appends `LedgerCheckpointSealed` events runs elsewhere.
 */
export interface CheckpointBody {
  sequence: number;
  fromPosition: number;
  toPosition: number;
  count: number;
  root: string;
  /** Root of the previous checkpoint (EMPTY_ROOT for the first). */
  prevRoot: string;
  sealedAt: string;
  keyId: string;
}

export interface SealedCheckpoint extends CheckpointBody {
  /** Base64 Ed25519 signature over canonicalJson(body). */
  signature: string;
}

export type CheckpointProblem =
  | { ok: false; sequence: number; reason: 'bad-signature' | 'unknown-key' | 'broken-link' | 'sequence-gap' | 'overlapping-range' | 'root-mismatch' | 'count-mismatch'; detail: string }
  | { ok: true; checkpoints: number };

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

/** Key id: the first 16 hex characters of SHA-256 over the raw public key. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der.subarray(der.length - 32)).digest('hex').slice(0, 16);
}

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** From a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as configuration provides it. */
export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the ledger signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

export function buildCheckpoint(events: EventEnvelope[], prev: CheckpointBody | null, keyId: string, sealedAt: Date = new Date()): CheckpointBody {
  if (events.length === 0) throw new Error('a checkpoint needs at least one event');
  return {
    sequence: prev ? prev.sequence + 1 : 0,
    fromPosition: events[0].globalPosition,
    toPosition: events[events.length - 1].globalPosition,
    count: events.length,
    root: merkleRoot(events.map((e) => e.hash)),
    prevRoot: prev ? prev.root : EMPTY_ROOT,
    sealedAt: sealedAt.toISOString(),
    keyId,
  };
}

function bodyOf(c: CheckpointBody): CheckpointBody {
  const { sequence, fromPosition, toPosition, count, root, prevRoot, sealedAt, keyId } = c;
  return { sequence, fromPosition, toPosition, count, root, prevRoot, sealedAt, keyId };
}

export function signCheckpoint(body: CheckpointBody, key: SigningKey): SealedCheckpoint {
  if (body.keyId !== key.keyId) throw new Error(`checkpoint names key ${body.keyId}, signing key is ${key.keyId}`);
  const signature = sign(null, Buffer.from(canonicalJson(bodyOf(body))), key.privateKey).toString('base64');
  return { ...bodyOf(body), signature };
}

export function verifyCheckpointSignature(c: SealedCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(bodyOf(c))), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Checks a sequence of checkpoints: every signature by a known key, sequence numbers without gaps,
 * each prevRoot equal to the previous root, ranges strictly after one another. Fails closed on the
 * first problem.
 */
export function verifyCheckpointChain(checkpoints: SealedCheckpoint[], keys: Map<string, KeyObject>): CheckpointProblem {
  let prev: SealedCheckpoint | null = null;
  for (const c of checkpoints) {
    const key = keys.get(c.keyId);
    if (!key) return { ok: false, sequence: c.sequence, reason: 'unknown-key', detail: `key ${c.keyId} is not trusted` };
    if (!verifyCheckpointSignature(c, key)) return { ok: false, sequence: c.sequence, reason: 'bad-signature', detail: 'signature does not match the checkpoint' };
    const expectedSeq = prev ? prev.sequence + 1 : c.sequence;
    if (c.sequence !== expectedSeq) return { ok: false, sequence: c.sequence, reason: 'sequence-gap', detail: `expected sequence ${expectedSeq}` };
    const expectedPrev = prev ? prev.root : c.sequence === 0 ? EMPTY_ROOT : c.prevRoot;
    if (c.prevRoot !== expectedPrev) return { ok: false, sequence: c.sequence, reason: 'broken-link', detail: `prevRoot ${c.prevRoot} ≠ ${expectedPrev}` };
    if (prev && c.fromPosition <= prev.toPosition) return { ok: false, sequence: c.sequence, reason: 'overlapping-range', detail: `starts at ${c.fromPosition}, previous ended at ${prev.toPosition}` };
    prev = c;
  }
  return { ok: true, checkpoints: checkpoints.length };
}

/** Recomputes a checkpoint's root from the events it covers (read from the store). */
export function verifyCheckpointEvents(c: CheckpointBody, events: EventEnvelope[]): CheckpointProblem {
  if (events.length !== c.count) return { ok: false, sequence: c.sequence, reason: 'count-mismatch', detail: `${events.length} events in range, checkpoint sealed ${c.count}` };
  const root = merkleRoot(events.map((e) => e.hash));
  if (root !== c.root) return { ok: false, sequence: c.sequence, reason: 'root-mismatch', detail: `recomputed root ${root} ≠ sealed ${c.root}` };
  return { ok: true, checkpoints: 1 };
}
