import { KeyObject } from 'node:crypto';
import { EventEnvelope, SYSTEM_ACTOR } from '../envelope';
import { ConcurrencyError } from '../errors';
import { ChainBreak, verifyChain } from '../integrity';
import { EventStore } from '../event-store/port';
import { buildCheckpoint, CheckpointProblem, SealedCheckpoint, signCheckpoint, SigningKey, verifyCheckpointChain, verifyCheckpointEvents } from './checkpoint';
import { inclusionProof } from './merkle';
import { EXPORT_FORMAT, ExportBundle, ExportProof } from './export-bundle';

/** The ledger's checkpoints: one global stream, one `LedgerCheckpointSealed` event per block. */
export const CHECKPOINT_STREAM = 'system:ledger.checkpoint:global';
export const CHECKPOINT_EVENT = 'LedgerCheckpointSealed';

const sealed = (e: EventEnvelope) => e.streamId !== CHECKPOINT_STREAM;

/** Every checkpoint in order (empty when nothing has been sealed yet). */
export async function readCheckpoints(store: EventStore): Promise<SealedCheckpoint[]> {
  if (!(await store.streamHead(CHECKPOINT_STREAM))) return [];
  return (await store.readStream(CHECKPOINT_STREAM)).map((e) => e.payload as unknown as SealedCheckpoint);
}

/** The sealed events of the global order after `after`, at most `max`, skipping checkpoint events. */
async function eventsAfter(store: EventStore, after: number | undefined, max: number, upTo?: number): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  let position = after;
  for (;;) {
    const batch = await store.readAll({ after: position, maxCount: Math.min(1000, max) });
    for (const e of batch) {
      if (upTo !== undefined && e.globalPosition > upTo) return out;
      if (sealed(e)) out.push(e);
      if (out.length >= max) return out;
    }
    if (batch.length < Math.min(1000, max)) return out;
    position = batch[batch.length - 1].globalPosition;
  }
}

/** The events a checkpoint covers, read back from the store. */
export function checkpointEvents(store: EventStore, c: SealedCheckpoint): Promise<EventEnvelope[]> {
  return eventsAfter(store, c.fromPosition - 1, c.count + 1, c.toPosition);
}

export interface SealerOptions {
  store: EventStore;
  key: SigningKey;
  /** At most this many events per checkpoint (N). */
  blockSize?: number;
  /** Seal whatever is pending at least this often (T). */
  intervalMs?: number;
  onSealed?: (c: SealedCheckpoint) => void;
  onError?: (err: unknown) => void;
}

/**
 * Seals the global order in blocks: every `intervalMs`, all events not yet sealed, in blocks of at
 * most `blockSize`, each appended as a signed `LedgerCheckpointSealed` event that links to the
 * previous root. Several instances may run: the append expects the checkpoint stream's version,
 * so only one of them seals a given block and the others stand down.
 */
export class LedgerSealer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: SealerOptions) {}

  start(): void {
    const tick = () => {
      this.running = this.sealPending()
        .then(() => undefined)
        .catch((err) => this.options.onError?.(err))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs ?? 10_000).unref();
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Seals every pending block now; returns the checkpoints it appended. */
  async sealPending(): Promise<SealedCheckpoint[]> {
    const out: SealedCheckpoint[] = [];
    for (;;) {
      const c = await this.sealOnce();
      if (!c) return out;
      out.push(c);
    }
  }

  async sealOnce(): Promise<SealedCheckpoint | null> {
    const { store, key } = this.options;
    const head = await store.streamHead(CHECKPOINT_STREAM);
    const last = head ? ((await store.readStream(CHECKPOINT_STREAM, { fromVersion: head.version, maxCount: 1 }))[0].payload as unknown as SealedCheckpoint) : null;
    const events = await eventsAfter(store, last?.toPosition, this.options.blockSize ?? 1000);
    if (events.length === 0) return null;
    const checkpoint = signCheckpoint(buildCheckpoint(events, last, key.keyId), key);
    try {
      await store.append({
        streamId: CHECKPOINT_STREAM,
        expectedVersion: head ? head.version : 'no-stream',
        events: [{ type: CHECKPOINT_EVENT, payload: checkpoint as unknown as Record<string, unknown> }],
        context: { actor: SYSTEM_ACTOR },
      });
    } catch (err) {
      if (err instanceof ConcurrencyError) return null; // another instance sealed this block
      throw err;
    }
    this.options.onSealed?.(checkpoint);
    return checkpoint;
  }
}

export type LedgerVerification =
  | { ok: true; streams: number; events: number; checkpoints: number; latestCheckpoint: SealedCheckpoint | null }
  | ({ ok: false; kind: 'stream' } & ChainBreak)
  | ({ kind: 'checkpoint' } & Extract<CheckpointProblem, { ok: false }>);

/**
 * Re-checks every stream chain of a tenant and every checkpoint (signatures, links, and each
 * block's Merkle root against the stored events); returns `ok` or the first broken link.
 */
export async function verifyLedger(store: EventStore, tenantId: string, keys: Map<string, KeyObject>): Promise<LedgerVerification> {
  let events = 0;
  const streams = await store.listStreams(tenantId);
  for (const streamId of streams) {
    const stream = await store.readStream(streamId);
    const result = verifyChain(streamId, stream);
    if (!result.ok) return { ...result, kind: 'stream' };
    events += stream.length;
  }
  const checkpoints = await readCheckpoints(store);
  const chain = verifyCheckpointChain(checkpoints, keys);
  if (!chain.ok) return { ...chain, kind: 'checkpoint' };
  for (const c of checkpoints) {
    const check = verifyCheckpointEvents(c, await checkpointEvents(store, c));
    if (!check.ok) return { ...check, kind: 'checkpoint' };
  }
  return { ok: true, streams: streams.length, events, checkpoints: checkpoints.length, latestCheckpoint: checkpoints[checkpoints.length - 1] ?? null };
}

export interface InclusionProofResult {
  eventId: string;
  eventHash: string;
  globalPosition: number;
  index: number;
  treeSize: number;
  proof: string[];
  checkpoint: SealedCheckpoint;
}

/** Proof that an event is in the block its checkpoint sealed; null when not sealed yet. */
export async function proveInclusion(store: EventStore, event: EventEnvelope): Promise<InclusionProofResult | null> {
  const c = (await readCheckpoints(store)).find((x) => x.fromPosition <= event.globalPosition && event.globalPosition <= x.toPosition);
  if (!c) return null;
  const block = await checkpointEvents(store, c);
  const index = block.findIndex((e) => e.eventId === event.eventId);
  if (index < 0) return null;
  return { eventId: event.eventId, eventHash: event.hash, globalPosition: event.globalPosition, index, treeSize: block.length, proof: inclusionProof(block.map((e) => e.hash), index), checkpoint: c };
}

/** Everything of a tenant as an offline-verifiable bundle: streams, checkpoints, an inclusion proof per sealed event. */
export async function exportBundle(store: EventStore, tenantId: string, key: { publicKey: KeyObject; keyId: string }): Promise<ExportBundle> {
  const checkpoints = await readCheckpoints(store);
  const streams: Record<string, EventEnvelope[]> = {};
  const proofs: Record<string, ExportProof> = {};
  const blocks = new Map<number, EventEnvelope[]>();
  for (const streamId of (await store.listStreams(tenantId)).sort()) {
    const events = await store.readStream(streamId);
    streams[streamId] = events;
    for (const e of events) {
      const c = checkpoints.find((x) => x.fromPosition <= e.globalPosition && e.globalPosition <= x.toPosition);
      if (!c) continue;
      if (!blocks.has(c.sequence)) blocks.set(c.sequence, await checkpointEvents(store, c));
      const block = blocks.get(c.sequence)!;
      const index = block.findIndex((x) => x.eventId === e.eventId);
      if (index >= 0) proofs[e.eventId] = { checkpointSequence: c.sequence, index, treeSize: block.length, proof: inclusionProof(block.map((x) => x.hash), index) };
    }
  }
  return { format: EXPORT_FORMAT, tenantId, exportedAt: new Date().toISOString(), publicKeyPem: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: key.keyId, checkpoints, streams, proofs };
}
