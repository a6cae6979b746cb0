import { EventEnvelope } from '../envelope';
import { EventStore } from '../event-store/port';
import { CheckpointRecord } from './checkpoint';
import { SealedHead, sortHeads, TenantLeaf, tenantLeaf } from './heads';
import { EMPTY_FRONTIER, extendFrontier, Frontier, frontierRoot } from './merkle';

/** The ledger's checkpoints: one global stream, one `LedgerCheckpointSealed` event per block. */
export const CHECKPOINT_STREAM = 'system:ledger.checkpoint:global';
export const CHECKPOINT_EVENT = 'LedgerCheckpointSealed';

/** Witnesses' cosignatures of checkpoints: self-authenticating (signed), recorded beside the log. */
export const COSIGNATURE_STREAM_PREFIX = 'system:ledger.cosignature:';

/**
 * Every event but the ledger's own integrity records is sealed: not the checkpoints, nor the witnesses'
 * cosignatures of them (sealing those would make a new checkpoint for every cosignature, so the latest
 * checkpoint would never be the cosigned one).
 */
export const isSealed = (e: EventEnvelope) => e.streamId !== CHECKPOINT_STREAM && !e.streamId.startsWith(COSIGNATURE_STREAM_PREFIX);

/** Every checkpoint in order, with its record's extras (empty when nothing has been sealed yet). */
export async function readCheckpoints(store: EventStore): Promise<CheckpointRecord[]> {
  if (!(await store.streamHead(CHECKPOINT_STREAM))) return [];
  return (await store.readStream(CHECKPOINT_STREAM)).map((e) => e.payload as unknown as CheckpointRecord);
}

/** The last checkpoint, or null. */
export async function lastCheckpoint(store: EventStore): Promise<{ record: CheckpointRecord; version: number } | null> {
  const head = await store.streamHead(CHECKPOINT_STREAM);
  if (!head) return null;
  const [e] = await store.readStream(CHECKPOINT_STREAM, { fromVersion: head.version, maxCount: 1 });
  return { record: e.payload as unknown as CheckpointRecord, version: head.version };
}

/** The sealed events of the global order after `after`, at most `max`, up to position `upTo`. */
export async function eventsAfter(store: EventStore, after: number | undefined, max: number, upTo?: number): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  await forEachSealed(store, after, upTo, (e) => {
    out.push(e);
    return out.length < max;
  });
  return out;
}

/** Calls `visit` on every sealed event after `after` up to `upTo`, in global order, until it returns false. */
export async function forEachSealed(store: EventStore, after: number | undefined, upTo: number | undefined, visit: (e: EventEnvelope) => boolean | void): Promise<void> {
  let position = after;
  for (;;) {
    const batch = await store.readAll({ after: position, maxCount: 1000 });
    for (const e of batch) {
      if (upTo !== undefined && e.globalPosition > upTo) return;
      if (isSealed(e) && visit(e) === false) return;
    }
    if (batch.length < 1000) return;
    position = batch[batch.length - 1].globalPosition;
  }
}

/** A tenant's stream heads as a map, as of a checkpoint. */
export type HeadMap = Map<string, SealedHead>;

/**
 * What the sealer extends and the verifiers check against: the log's frontier and, per tenant, the head
 * of every stream, as of the last checkpoint.
 */
export interface LogState {
  last: CheckpointRecord | null;
  frontier: Frontier;
  heads: Map<string, HeadMap>;
  leaves: Map<string, TenantLeaf>;
}

export class LedgerStateError extends Error {}

const apply = (heads: Map<string, HeadMap>, delta: Record<string, SealedHead[]> | undefined) => {
  for (const [tenantId, list] of Object.entries(delta ?? {})) {
    const m = heads.get(tenantId) ?? new Map<string, SealedHead>();
    for (const h of list) m.set(h.streamId, h);
    heads.set(tenantId, m);
  }
};

export const headList = (m: HeadMap | undefined): SealedHead[] => sortHeads([...(m?.values() ?? [])]);

/**
 * Folds the checkpoints into the state after the last one. Format-1 checkpoints (older ledgers) carry
 * no heads: the state they end with is recomputed from the stored events once. Each format-2 record
 * adds the heads of the streams its block touched; its frontier must reproduce its signed root.
 */
export async function loadLogState(store: EventStore, records?: CheckpointRecord[]): Promise<LogState> {
  const all = records ?? (await readCheckpoints(store));
  const heads = new Map<string, HeadMap>();
  let frontier = EMPTY_FRONTIER;
  const firstV2 = all.findIndex((c) => c.format === 2);
  const legacy = firstV2 < 0 ? all : all.slice(0, firstV2);
  if (legacy.length > 0) {
    const hashes: string[] = [];
    await forEachSealed(store, undefined, legacy[legacy.length - 1].toPosition, (e) => {
      hashes.push(e.hash);
      apply(heads, { [e.tenantId]: [{ streamId: e.streamId, version: e.version, hash: e.hash }] });
    });
    frontier = extendFrontier(EMPTY_FRONTIER, hashes);
  }
  const modern = firstV2 < 0 ? [] : all.slice(firstV2);
  for (const c of modern) apply(heads, c.tenantHeads);
  const last = all[all.length - 1] ?? null;
  if (last?.format === 2) {
    frontier = { size: last.treeSize!, hashes: last.frontier ?? [] };
    if (frontierRoot(frontier) !== last.root) throw new LedgerStateError(`checkpoint ${last.sequence}: its frontier does not reproduce its signed root`);
  }
  const leaves = new Map<string, TenantLeaf>();
  if (last?.format === 2) for (const l of last.tenants ?? []) leaves.set(l.tenantId, l);
  else for (const [tenantId, m] of heads) leaves.set(tenantId, tenantLeaf(tenantId, headList(m)));
  return { last, frontier, heads, leaves };
}
