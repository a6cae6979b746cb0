import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { EventEnvelope } from '../envelope';
import type { SealedHead, TenantLeaf } from './heads';
import { EMPTY_ROOT, merkleRoot, verifyConsistency } from './merkle';

/**
 * A ledger checkpoint seals a block of the global order (positions fromPosition..toPosition), linked
 * to the previous checkpoint's root and signed with the ledger's Ed25519 key. Modelled on
 * transparency-log checkpoints (RFC 6962 / RFC 9162 tree heads) and QLDB digests.
 *
 * - Format 1 (the first checkpoints of older ledgers): `root` is the Merkle root of the block alone.
 * - Format 2: `root` is the RFC 6962 root of the whole log so far (`treeSize` events, every sealed
 *   event in global order), so any two checkpoints are related by a consistency proof; `tenantsRoot`
 *   commits to the head of every stream of every tenant (heads.ts), so an omission shows; `nextKey`
 *   announces a rotated signing key in a checkpoint signed with the old one.
 * Pure functions; the sealer that appends `LedgerCheckpointSealed` events runs elsewhere.
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
  /** 2: cumulative log root, stream heads, consistency proofs. Absent: format 1. */
  format?: 2;
  /** Format 2: number of events in the log `root` covers. */
  treeSize?: number;
  /** Format 2: Merkle root over every tenant's stream-heads leaf (heads.ts). */
  tenantsRoot?: string;
  /** A new signing key, announced by a checkpoint signed with the current one (key rotation). */
  nextKey?: { keyId: string; publicKeyPem: string };
}

export interface SealedCheckpoint extends CheckpointBody {
  /** Base64 Ed25519 signature over canonicalJson(body). */
  signature: string;
}

/**
 * The `LedgerCheckpointSealed` payload: the signed checkpoint and, for format 2, what makes it
 * checkable and extendable, each verifiable against the signed roots: the log's frontier, the
 * consistency proof from the previous checkpoint, every tenant's leaf, and the full stream heads of
 * the tenants this block touched.
 */
export interface CheckpointRecord extends SealedCheckpoint {
  frontier?: string[];
  consistency?: string[];
  tenants?: TenantLeaf[];
  tenantHeads?: Record<string, SealedHead[]>;
}

export type CheckpointProblem =
  | {
      ok: false;
      sequence: number;
      reason: 'bad-signature' | 'unknown-key' | 'broken-link' | 'sequence-gap' | 'overlapping-range' | 'root-mismatch' | 'count-mismatch' | 'inconsistent-log' | 'tree-size-mismatch';
      detail: string;
    }
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

/** Only the signed fields (a record's unsigned extras are not part of the signature). */
export function bodyOf(c: CheckpointBody): CheckpointBody {
  const { sequence, fromPosition, toPosition, count, root, prevRoot, sealedAt, keyId, format, treeSize, tenantsRoot, nextKey } = c;
  return {
    sequence,
    fromPosition,
    toPosition,
    count,
    root,
    prevRoot,
    sealedAt,
    keyId,
    ...(format ? { format, treeSize, tenantsRoot } : {}),
    ...(nextKey ? { nextKey: { keyId: nextKey.keyId, publicKeyPem: nextKey.publicKeyPem } } : {}),
  };
}

/** The signed checkpoint without a record's unsigned extras. */
export const sealedOf = (c: SealedCheckpoint): SealedCheckpoint => ({ ...bodyOf(c), signature: c.signature });

/** Number of events in the log up to and including `c` (format 1: the sum of the blocks so far). */
export function logSizeAfter(c: CheckpointBody, sizeBefore: number): number {
  return c.format === 2 ? c.treeSize! : sizeBefore + c.count;
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
 * Checks a sequence of checkpoints: every signature by a trusted key (a key announced by a checkpoint
 * signed with a trusted key becomes trusted: rotation), sequence numbers without gaps, each prevRoot
 * equal to the previous root, ranges strictly after one another, and — between format-2 checkpoints —
 * the log sizes adding up and the consistency proof the record carries (the later log extends the
 * earlier one unchanged). A chain may start after the first checkpoint. Fails closed on the first
 * problem.
 */
export function verifyCheckpointChain(checkpoints: (SealedCheckpoint & { consistency?: string[] })[], keys: Map<string, KeyObject>): CheckpointProblem {
  const trusted = new Map(keys);
  let prev: (SealedCheckpoint & { consistency?: string[] }) | null = null;
  for (const c of checkpoints) {
    const key = trusted.get(c.keyId);
    if (!key) return { ok: false, sequence: c.sequence, reason: 'unknown-key', detail: `key ${c.keyId} is not trusted` };
    if (!verifyCheckpointSignature(c, key)) return { ok: false, sequence: c.sequence, reason: 'bad-signature', detail: 'signature does not match the checkpoint' };
    const expectedSeq = prev ? prev.sequence + 1 : c.sequence;
    if (c.sequence !== expectedSeq) return { ok: false, sequence: c.sequence, reason: 'sequence-gap', detail: `expected sequence ${expectedSeq}` };
    const expectedPrev = prev ? prev.root : c.sequence === 0 ? EMPTY_ROOT : c.prevRoot;
    if (c.prevRoot !== expectedPrev) return { ok: false, sequence: c.sequence, reason: 'broken-link', detail: `prevRoot ${c.prevRoot} ≠ ${expectedPrev}` };
    if (prev && c.fromPosition <= prev.toPosition) return { ok: false, sequence: c.sequence, reason: 'overlapping-range', detail: `starts at ${c.fromPosition}, previous ended at ${prev.toPosition}` };
    if (prev?.format === 2 && c.format !== 2) return { ok: false, sequence: c.sequence, reason: 'inconsistent-log', detail: 'a format-1 checkpoint after a format-2 one' };
    if (prev?.format === 2 && c.format === 2) {
      if (c.treeSize !== prev.treeSize! + c.count) return { ok: false, sequence: c.sequence, reason: 'tree-size-mismatch', detail: `tree size ${c.treeSize} ≠ ${prev.treeSize} + ${c.count}` };
      if (!verifyConsistency(prev.treeSize!, c.treeSize!, prev.root, c.root, c.consistency ?? [])) {
        return { ok: false, sequence: c.sequence, reason: 'inconsistent-log', detail: `the log of checkpoint ${c.sequence} does not extend the log of checkpoint ${prev.sequence} (consistency proof fails)` };
      }
    }
    if (c.nextKey) trusted.set(c.nextKey.keyId, createPublicKey(c.nextKey.publicKeyPem));
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
