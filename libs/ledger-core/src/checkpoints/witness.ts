import { createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { bodyOf, keyIdOf, SealedCheckpoint, SigningKey, verifyCheckpointChain } from './checkpoint';
import type { BundleCheckpoint } from './export-bundle';
import { COSIGNATURE_STREAM_PREFIX } from './log-state';

/**
 * Witness cosignatures (separation of duties, after Sigstore / transparency-log witnesses): a party
 * outside the Dinas that runs the server — the Inspektorat — holds its own Ed25519 key and cosigns a
 * checkpoint only after checking that it extends the last checkpoint it cosigned (consistency proofs).
 * A server admin who rewrites history and re-signs it with the ledger key cannot produce the witness's
 * cosignature, so `verify --require-witness` fails the rewrite. Pure functions; the witness CLI and the
 * server's endpoints are thin around them.
 */
export const COSIGNATURE_EVENT = 'LedgerCheckpointCosigned';
export const cosignatureStreamOf = (witnessKeyId: string) => `${COSIGNATURE_STREAM_PREFIX}${witnessKeyId}`;

export interface Cosignature {
  sequence: number;
  root: string;
  witnessKeyId: string;
  publicKeyPem: string;
  /** Base64 Ed25519 signature by the witness over canonicalJson(checkpoint body), as the ledger key signs it. */
  signature: string;
  cosignedAt: string;
}

export function cosign(checkpoint: SealedCheckpoint, witness: SigningKey, at = new Date()): Cosignature {
  return {
    sequence: checkpoint.sequence,
    root: checkpoint.root,
    witnessKeyId: witness.keyId,
    publicKeyPem: witness.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signature: sign(null, Buffer.from(canonicalJson(bodyOf(checkpoint))), witness.privateKey).toString('base64'),
    cosignedAt: at.toISOString(),
  };
}

/** The cosignature is by `witnessKey` (or, without one, by the key it names) over exactly this checkpoint. */
export function verifyCosignature(c: Cosignature, checkpoint: SealedCheckpoint, witnessKey?: KeyObject): boolean {
  try {
    const key = witnessKey ?? createPublicKey(c.publicKeyPem);
    if (keyIdOf(key) !== c.witnessKeyId || c.sequence !== checkpoint.sequence || c.root !== checkpoint.root) return false;
    return verify(null, Buffer.from(canonicalJson(bodyOf(checkpoint))), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export type WitnessCheck = { ok: true; checkpoint: BundleCheckpoint } | { ok: false; reason: string };

/**
 * What a witness checks before cosigning the latest of `checkpoints` (every checkpoint after the one it
 * cosigned last, that one first): each signed by the ledger key it pinned (or a key announced in the
 * chain), linked, and each log consistent with the previous one — the ledger only grew.
 */
export function checkBeforeCosigning(checkpoints: BundleCheckpoint[], ledgerKeys: Map<string, KeyObject>, lastCosigned: SealedCheckpoint | null): WitnessCheck {
  if (checkpoints.length === 0) return { ok: false, reason: 'no checkpoint to cosign' };
  if (lastCosigned) {
    const first = checkpoints[0];
    if (first.sequence !== lastCosigned.sequence || first.root !== lastCosigned.root) {
      return { ok: false, reason: `checkpoint ${lastCosigned.sequence} is not the one this witness cosigned (root ${first.root} ≠ ${lastCosigned.root}): the ledger was rewritten / buku besar ditulis ulang` };
    }
  }
  const chain = verifyCheckpointChain(checkpoints, ledgerKeys);
  if (!chain.ok) return { ok: false, reason: `checkpoint ${chain.sequence}: ${chain.reason}: ${chain.detail}` };
  return { ok: true, checkpoint: checkpoints[checkpoints.length - 1] };
}
