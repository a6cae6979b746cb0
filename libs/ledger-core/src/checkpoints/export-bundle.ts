import { createPublicKey, KeyObject } from 'node:crypto';
import { EventEnvelope } from '../envelope';
import { verifyChain } from '../integrity';
import { SealedCheckpoint, verifyCheckpointChain } from './checkpoint';
import { verifyInclusion } from './merkle';

/**
 * An exported audit trail that can be checked offline: every stream of a tenant with its events, the
 * ledger checkpoints, an inclusion proof per event, and the public key. `verifyExportBundle` fails
 * closed: anything missing, unsealed or not matching is a failure naming what and where.
 */
export const EXPORT_FORMAT = 'spbe-ledger-export/1';

export interface ExportProof {
  checkpointSequence: number;
  index: number;
  treeSize: number;
  proof: string[];
}

export interface ExportBundle {
  format: string;
  tenantId: string;
  exportedAt: string;
  publicKeyPem: string;
  keyId: string;
  checkpoints: SealedCheckpoint[];
  streams: Record<string, EventEnvelope[]>;
  proofs: Record<string, ExportProof>;
}

export type ExportVerification =
  | { ok: true; tenantId: string; streams: number; events: number; checkpoints: number; verifiedAgainst: { sequence: number; root: string } | null; keyPinned: boolean }
  | { ok: false; where: string; reason: string };

const fail = (where: string, reason: string): ExportVerification => ({ ok: false, where, reason });

/** Checks a bundle; `trustedKey` pins the ledger's public key (otherwise the bundle's own key is used and reported so). Never throws. */
export function verifyExportBundle(bundle: ExportBundle, trustedKey?: KeyObject): ExportVerification {
  try {
    return verify(bundle, trustedKey);
  } catch (err) {
    return fail('bundle', `malformed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function verify(bundle: ExportBundle, trustedKey?: KeyObject): ExportVerification {
  if (!bundle || bundle.format !== EXPORT_FORMAT) return fail('format', `not a ${EXPORT_FORMAT} bundle`);
  let key: KeyObject;
  try {
    key = trustedKey ?? createPublicKey(bundle.publicKeyPem);
  } catch {
    return fail('publicKeyPem', 'not a public key');
  }
  if (!Array.isArray(bundle.checkpoints) || bundle.checkpoints.length === 0) return fail('checkpoints', 'the bundle carries no checkpoint: nothing is sealed');
  const chain = verifyCheckpointChain(bundle.checkpoints, new Map(bundle.checkpoints.map((c) => [c.keyId, key])));
  if (!chain.ok) return fail(`checkpoint ${chain.sequence}`, `${chain.reason}: ${chain.detail}`);
  const bySequence = new Map(bundle.checkpoints.map((c) => [c.sequence, c]));
  let events = 0;
  for (const [streamId, stream] of Object.entries(bundle.streams ?? {})) {
    const chainResult = verifyChain(streamId, stream);
    if (!chainResult.ok) return fail(`${streamId} v${chainResult.version}`, `${chainResult.reason}: expected ${chainResult.expected}, found ${chainResult.actual}`);
    for (const e of stream) {
      if (e.tenantId !== bundle.tenantId) return fail(`${streamId} v${e.version}`, `event of tenant ${e.tenantId} in a bundle of ${bundle.tenantId}`);
      const p = bundle.proofs?.[e.eventId];
      if (!p) return fail(`${streamId} v${e.version}`, `event ${e.eventId} has no inclusion proof (not sealed)`);
      const c = bySequence.get(p.checkpointSequence);
      if (!c) return fail(`${streamId} v${e.version}`, `checkpoint ${p.checkpointSequence} is not in the bundle`);
      if (e.globalPosition < c.fromPosition || e.globalPosition > c.toPosition) return fail(`${streamId} v${e.version}`, `position ${e.globalPosition} is outside checkpoint ${c.sequence}`);
      if (!verifyInclusion(e.hash, p.index, p.treeSize, p.proof, c.root)) return fail(`${streamId} v${e.version}`, `event ${e.eventId} is not in checkpoint ${c.sequence} (inclusion proof fails)`);
      events++;
    }
  }
  const last = bundle.checkpoints[bundle.checkpoints.length - 1];
  return { ok: true, tenantId: bundle.tenantId, streams: Object.keys(bundle.streams ?? {}).length, events, checkpoints: bundle.checkpoints.length, verifiedAgainst: { sequence: last.sequence, root: last.root }, keyPinned: !!trustedKey };
}
