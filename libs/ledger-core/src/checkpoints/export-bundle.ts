import { createPublicKey, KeyObject } from 'node:crypto';
import { EventEnvelope } from '../envelope';
import { EventStore } from '../event-store/port';
import { verifyChain } from '../integrity';
import { keyIdOf, SealedCheckpoint, sealedOf, verifyCheckpointChain } from './checkpoint';
import { headsRoot, proveTenant, SealedHead, TenantLeafProof, verifyTenantProof } from './heads';
import { committedHeads } from './ledger-verify';
import { COSIGNATURE_STREAM_PREFIX, readCheckpoints } from './log-state';
import { Cosignature, COSIGNATURE_EVENT, verifyCosignature } from './witness';
import { verifyInclusion } from './merkle';

/**
 * An exported audit trail that can be checked offline and fails closed.
 *
 * Format 2 (`spbe-ledger-export/2`, written now): every stream of one tenant up to the latest checkpoint,
 * every checkpoint as signed with the consistency proof from its predecessor, the tenant's stream heads
 * as that checkpoint committed them and the proof that its leaf is in the signed `tenantsRoot`. So the
 * bundle proves not only that what it holds is authentic but that it holds everything: a missing event,
 * stream tail or stream is named. Given a checkpoint saved earlier (`trusted`), it also proves the ledger
 * only grew since — a history rewritten and re-signed with a stolen key fails.
 *
 * Format 1 (`spbe-ledger-export/1`, older exports): streams, block checkpoints and an inclusion proof per
 * event; still verified, but it cannot prove completeness.
 */
export const EXPORT_FORMAT = 'spbe-ledger-export/2';
export const EXPORT_FORMAT_V1 = 'spbe-ledger-export/1';
/** A checkpoint saved to check later exports against (a witness's or the Inspektorat's copy). */
export const CHECKPOINT_FILE_FORMAT = 'spbe-ledger-checkpoint/1';

export interface ExportProof {
  checkpointSequence: number;
  index: number;
  treeSize: number;
  proof: string[];
}

export type BundleCheckpoint = SealedCheckpoint & { consistency?: string[] };

export interface ExportBundle {
  format: string;
  tenantId: string;
  exportedAt: string;
  publicKeyPem: string;
  keyId: string;
  checkpoints: BundleCheckpoint[];
  streams: Record<string, EventEnvelope[]>;
  /** Format 2: the tenant's stream heads as the latest checkpoint committed them, and its leaf proof. */
  heads?: SealedHead[];
  tenantProof?: TenantLeafProof;
  /** Witness cosignatures of the checkpoints in the bundle. */
  cosignatures?: Cosignature[];
  /** Format 1 only. */
  proofs?: Record<string, ExportProof>;
}

/** What a verifier keeps to check later exports: the signed checkpoint and the tenant's committed heads. */
export interface TrustedCheckpoint {
  format: typeof CHECKPOINT_FILE_FORMAT;
  tenantId: string;
  checkpoint: SealedCheckpoint;
  heads: SealedHead[];
  tenantProof: TenantLeafProof;
}

export type ExportVerification =
  | {
      ok: true;
      tenantId: string;
      streams: number;
      events: number;
      checkpoints: number;
      verifiedAgainst: { sequence: number; root: string; treeSize: number | null } | null;
      keyPinned: boolean;
      /** Every stream of the tenant, each complete up to the checkpoint (format 2). */
      complete: boolean;
      /** The trusted checkpoint the ledger was proven to extend, if one was given. */
      extends: { sequence: number; root: string } | null;
      /** The witness whose cosignature of the checkpoint was required and found. */
      witnessed?: string | null;
    }
  | { ok: false; where: string; reason: string };

const fail = (where: string, reason: string): ExportVerification => ({ ok: false, where, reason });

/** Builds a tenant's bundle against the latest checkpoint (format 2); null when nothing is sealed. */
export async function buildExportBundle(store: EventStore, tenantId: string, key: { publicKey: KeyObject; keyId: string }): Promise<ExportBundle | null> {
  const records = await readCheckpoints(store);
  const latest = records[records.length - 1];
  if (!latest) return null;
  const streams = new Map<string, EventEnvelope[]>();
  for (const streamId of (await store.listStreams(tenantId)).sort()) {
    const events = (await store.readStream(streamId)).filter((e) => e.globalPosition <= latest.toPosition);
    if (events.length) streams.set(streamId, events);
  }
  const committed = latest.format === 2 ? committedHeads(records, tenantId, streams) : null;
  if (committed && 'ok' in committed) throw new Error(`the ledger failed verification at checkpoint ${latest.sequence}: the stream heads of ${tenantId} do not match the signed checkpoint`);
  const tenantProof = latest.format === 2 ? proveTenant(latest.tenants ?? [], tenantId) : null;
  return {
    format: EXPORT_FORMAT,
    tenantId,
    exportedAt: new Date().toISOString(),
    publicKeyPem: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: key.keyId,
    checkpoints: records.map((r) => ({ ...sealedOf(r), ...(r.consistency ? { consistency: r.consistency } : {}) })),
    streams: Object.fromEntries(streams),
    heads: committed && !('ok' in committed) ? committed.heads : [],
    ...(tenantProof ? { tenantProof } : {}),
    cosignatures: await readCosignatures(store, latest.sequence),
  };
}

/** The witness cosignatures recorded for a checkpoint (every witness's stream). */
export async function readCosignatures(store: EventStore, sequence: number): Promise<Cosignature[]> {
  const out: Cosignature[] = [];
  for (const streamId of await store.listStreams('system')) {
    if (!streamId.startsWith(COSIGNATURE_STREAM_PREFIX)) continue;
    for (const e of await store.readStream(streamId)) if (e.type === COSIGNATURE_EVENT && (e.payload as unknown as Cosignature).sequence === sequence) out.push(e.payload as unknown as Cosignature);
  }
  return out;
}

/** The checkpoint file a verifier saves from a (verified) format-2 bundle. */
export function trustedCheckpointOf(bundle: ExportBundle): TrustedCheckpoint {
  const latest = bundle.checkpoints[bundle.checkpoints.length - 1];
  const { consistency: _c, ...checkpoint } = latest;
  return { format: CHECKPOINT_FILE_FORMAT, tenantId: bundle.tenantId, checkpoint, heads: bundle.heads ?? [], tenantProof: bundle.tenantProof! };
}

export interface VerifyOptions {
  /** A checkpoint saved from an earlier export or by a witness: the ledger must extend it. */
  trusted?: TrustedCheckpoint;
  /** A witness's public key: the bundle's checkpoint must carry that witness's valid cosignature. */
  requireWitness?: KeyObject;
}

/** Checks a bundle; `trustedKey` pins the ledger's public key (otherwise the bundle's own key is used and reported so). Never throws. */
export function verifyExportBundle(bundle: ExportBundle, trustedKey?: KeyObject, options: VerifyOptions = {}): ExportVerification {
  try {
    if (bundle?.format === EXPORT_FORMAT_V1) return verifyV1(bundle, trustedKey);
    if (!bundle || bundle.format !== EXPORT_FORMAT) return fail('format', `not a ${EXPORT_FORMAT} bundle`);
    return verifyV2(bundle, trustedKey, options);
  } catch (err) {
    return fail('bundle', `malformed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function keyOf(bundle: ExportBundle, trustedKey?: KeyObject): KeyObject | null {
  try {
    return trustedKey ?? createPublicKey(bundle.publicKeyPem);
  } catch {
    return null;
  }
}

function verifyV2(bundle: ExportBundle, trustedKey: KeyObject | undefined, options: VerifyOptions): ExportVerification {
  const key = keyOf(bundle, trustedKey);
  if (!key) return fail('publicKeyPem', 'not a public key');
  if (!Array.isArray(bundle.checkpoints) || bundle.checkpoints.length === 0) return fail('checkpoints', 'the bundle carries no checkpoint: nothing is sealed');
  const keys = new Map([[keyIdOf(key), key]]);
  const chain = verifyCheckpointChain(bundle.checkpoints, keys);
  if (!chain.ok) return fail(`checkpoint ${chain.sequence}`, `${chain.reason}: ${chain.detail}`);
  const latest = bundle.checkpoints[bundle.checkpoints.length - 1];
  if (latest.format !== 2) return fail(`checkpoint ${latest.sequence}`, 'the latest checkpoint commits to no stream heads: completeness cannot be proven');
  const proof = bundle.tenantProof;
  if (!proof || proof.leaf.tenantId !== bundle.tenantId) return fail('tenantProof', `no stream-heads leaf of ${bundle.tenantId}`);
  if (!verifyTenantProof(proof, latest.tenantsRoot!)) return fail('tenantProof', `the leaf of ${bundle.tenantId} is not in checkpoint ${latest.sequence}`);
  const heads = bundle.heads ?? [];
  if (heads.length !== proof.leaf.streams || headsRoot(heads) !== proof.leaf.headsRoot) return fail('heads', `the stream heads do not match what checkpoint ${latest.sequence} committed for ${bundle.tenantId}`);
  const streams = bundle.streams ?? {};
  let events = 0;
  for (const [streamId, stream] of Object.entries(streams)) {
    const chainResult = verifyChain(streamId, stream);
    if (!chainResult.ok) return fail(`${streamId} v${chainResult.version}`, `${chainResult.reason}: expected ${chainResult.expected}, found ${chainResult.actual}`);
    for (const e of stream) {
      if (e.tenantId !== bundle.tenantId) return fail(`${streamId} v${e.version}`, `event of tenant ${e.tenantId} in a bundle of ${bundle.tenantId}`);
      if (e.globalPosition > latest.toPosition) return fail(`${streamId} v${e.version}`, `event ${e.eventId} is after checkpoint ${latest.sequence} (not sealed)`);
    }
    events += stream.length;
  }
  const sealed = new Map(heads.map((h) => [h.streamId, h]));
  for (const h of heads) {
    const stream = streams[h.streamId];
    if (!stream) return fail(h.streamId, `missing stream: checkpoint ${latest.sequence} sealed it up to v${h.version} / aliran hilang`);
    const last = stream[stream.length - 1];
    if (last.version < h.version) return fail(`${h.streamId} v${last.version + 1}`, `missing events: the bundle ends at v${last.version}, checkpoint ${latest.sequence} sealed v${h.version} / peristiwa hilang`);
    if (last.version !== h.version || last.hash !== h.hash) return fail(`${h.streamId} v${h.version}`, `the stream differs from what checkpoint ${latest.sequence} sealed (hash ${h.hash})`);
  }
  for (const streamId of Object.keys(streams)) if (!sealed.has(streamId)) return fail(streamId, `stream not sealed in checkpoint ${latest.sequence}`);
  const extended = options.trusted ? checkTrusted(bundle, options.trusted, key) : null;
  if (extended && !extended.ok) return extended.failure;
  if (options.requireWitness) {
    const witnessId = keyIdOf(options.requireWitness);
    const cosigned = (bundle.cosignatures ?? []).some((c) => c.witnessKeyId === witnessId && verifyCosignature(c, latest, options.requireWitness));
    if (!cosigned) return fail(`checkpoint ${latest.sequence}`, `no valid cosignature by witness ${witnessId} / belum ditandatangani saksi`);
  }
  return {
    ok: true,
    tenantId: bundle.tenantId,
    streams: Object.keys(streams).length,
    events,
    checkpoints: bundle.checkpoints.length,
    verifiedAgainst: { sequence: latest.sequence, root: latest.root, treeSize: latest.treeSize ?? null },
    keyPinned: !!trustedKey,
    complete: true,
    extends: extended ? { sequence: options.trusted!.checkpoint.sequence, root: options.trusted!.checkpoint.root } : null,
    witnessed: options.requireWitness ? keyIdOf(options.requireWitness) : null,
  };
}

/**
 * The bundle's ledger extends a checkpoint saved earlier: the saved checkpoint verifies under the pinned
 * key, the bundle holds the same checkpoint at that sequence (the chain from there on is consistent:
 * checked above), and every stream head the saved checkpoint committed for the tenant is still there.
 */
function checkTrusted(bundle: ExportBundle, trusted: TrustedCheckpoint, key: KeyObject): { ok: true } | { ok: false; failure: ExportVerification } {
  const no = (reason: string) => ({ ok: false as const, failure: fail(`trusted checkpoint ${trusted.checkpoint?.sequence}`, reason) });
  if (trusted?.format !== CHECKPOINT_FILE_FORMAT) return no(`not a ${CHECKPOINT_FILE_FORMAT} file`);
  const own = verifyCheckpointChain([trusted.checkpoint], new Map([[keyIdOf(key), key], ...announcedKeys(bundle, trusted.checkpoint.sequence)]));
  if (!own.ok) return no(`${own.reason}: ${own.detail}`);
  const same = bundle.checkpoints.find((c) => c.sequence === trusted.checkpoint.sequence);
  if (!same) return no('the bundle does not reach this checkpoint');
  if (same.root !== trusted.checkpoint.root || same.treeSize !== trusted.checkpoint.treeSize) {
    return no(`the ledger was rewritten: checkpoint ${same.sequence} now has root ${same.root}, the trusted copy ${trusted.checkpoint.root} / buku besar ditulis ulang`);
  }
  if (trusted.tenantId !== bundle.tenantId) return { ok: true };
  if (!trusted.tenantProof || !verifyTenantProof(trusted.tenantProof, trusted.checkpoint.tenantsRoot!) || headsRoot(trusted.heads) !== trusted.tenantProof.leaf.headsRoot) return no('its stream heads do not match its signed root');
  for (const h of trusted.heads) {
    const e = bundle.streams[h.streamId]?.find((x) => x.version === h.version);
    if (!e || e.hash !== h.hash) return no(`the ledger was rewritten: ${h.streamId} v${h.version} is not what the trusted checkpoint sealed / buku besar ditulis ulang`);
  }
  return { ok: true };
}

/** Keys announced (rotation) by the bundle's checkpoints before `sequence`. */
function announcedKeys(bundle: ExportBundle, sequence: number): [string, KeyObject][] {
  return bundle.checkpoints.filter((c) => c.sequence < sequence && c.nextKey).map((c) => [c.nextKey!.keyId, createPublicKey(c.nextKey!.publicKeyPem)]);
}

function verifyV1(bundle: ExportBundle, trustedKey?: KeyObject): ExportVerification {
  const key = keyOf(bundle, trustedKey);
  if (!key) return fail('publicKeyPem', 'not a public key');
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
  return { ok: true, tenantId: bundle.tenantId, streams: Object.keys(bundle.streams ?? {}).length, events, checkpoints: bundle.checkpoints.length, verifiedAgainst: { sequence: last.sequence, root: last.root, treeSize: null }, keyPinned: !!trustedKey, complete: false, extends: null };
}
