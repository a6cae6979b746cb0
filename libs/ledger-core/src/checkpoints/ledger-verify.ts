import { KeyObject } from 'node:crypto';
import { EventEnvelope } from '../envelope';
import { EventStore } from '../event-store/port';
import { ChainBreak, verifyChain } from '../integrity';
import { CheckpointProblem, CheckpointRecord, SealedCheckpoint, sealedOf, verifyCheckpointChain, verifyCheckpointEvents } from './checkpoint';
import { SealedHead, TenantLeaf, tenantLeaf, tenantsRoot } from './heads';
import { eventsAfter, forEachSealed, headList, HeadMap, readCheckpoints } from './log-state';
import { EMPTY_FRONTIER, extendFrontier, frontierRoot, inclusionProof, merkleRoot } from './merkle';

export interface Omission {
  ok: false;
  kind: 'omission';
  streamId: string;
  /** The version the checkpoint sealed and the store lacks (null for a stream the checkpoint never sealed). */
  version: number | null;
  reason: 'missing-stream' | 'missing-events' | 'rewritten-stream' | 'unsealed-stream';
  sequence: number;
  detail: string;
}

export type LedgerVerification =
  | { ok: true; streams: number; events: number; checkpoints: number; latestCheckpoint: SealedCheckpoint | null; complete: boolean }
  | ({ ok: false; kind: 'stream' } & ChainBreak)
  | ({ kind: 'checkpoint' } & Extract<CheckpointProblem, { ok: false }>)
  | Omission;

/** The checkpoints as signed, each with the consistency proof its record carries. */
const chainOf = (records: CheckpointRecord[]) => records.map((r) => ({ ...sealedOf(r), consistency: r.consistency }));

/** A tenant's heads as of `position`, from its own streams' events. */
function headsAt(streams: Map<string, EventEnvelope[]>, position: number): HeadMap {
  const m: HeadMap = new Map();
  for (const [streamId, events] of streams) {
    const sealed = events.filter((e) => e.globalPosition <= position);
    const last = sealed[sealed.length - 1];
    if (last) m.set(streamId, { streamId, version: last.version, hash: last.hash });
  }
  return m;
}

const leafProblem = (c: CheckpointRecord, detail: string): LedgerVerification => ({ ok: false, kind: 'checkpoint', sequence: c.sequence, reason: 'root-mismatch', detail });

/**
 * The heads a tenant's streams had at the latest checkpoint, as the checkpoints committed them: folded
 * from the records (each carries the heads its block changed), every step checked against the signed
 * `tenantsRoot`. Checkpoints of the older format carry none: their heads are taken from the store.
 */
export function committedHeads(records: CheckpointRecord[], tenantId: string, streams: Map<string, EventEnvelope[]>): { heads: SealedHead[]; leaf: TenantLeaf | null } | LedgerVerification {
  const firstV2 = records.findIndex((c) => c.format === 2);
  if (firstV2 < 0) return { heads: [], leaf: null };
  const heads: HeadMap = firstV2 > 0 ? headsAt(streams, records[firstV2 - 1].toPosition) : new Map();
  let leaf: TenantLeaf | null = null;
  for (let i = firstV2; i < records.length; i++) {
    const c = records[i];
    for (const h of c.tenantHeads?.[tenantId] ?? []) heads.set(h.streamId, h);
    if (!c.tenantHeads?.[tenantId] && i < records.length - 1) continue;
    if (tenantsRoot(c.tenants ?? []) !== c.tenantsRoot) return leafProblem(c, `the tenant leaves recorded with checkpoint ${c.sequence} do not reproduce its signed tenantsRoot`);
    const recorded = (c.tenants ?? []).find((l) => l.tenantId === tenantId) ?? null;
    const expected = heads.size ? tenantLeaf(tenantId, headList(heads)) : null;
    if (recorded?.streams !== expected?.streams || recorded?.headsRoot !== expected?.headsRoot) return leafProblem(c, `the stream heads of ${tenantId} recorded with checkpoint ${c.sequence} do not match its signed leaf`);
    leaf = recorded;
  }
  return { heads: headList(heads), leaf };
}

/** Every stream the checkpoint sealed is in the store, complete up to its sealed head; nothing else is in the sealed range. */
function omissions(committed: SealedHead[], streams: Map<string, EventEnvelope[]>, latest: CheckpointRecord): Omission | null {
  const at = { ok: false as const, kind: 'omission' as const, sequence: latest.sequence };
  const sealed = new Set(committed.map((h) => h.streamId));
  for (const h of committed) {
    const events = streams.get(h.streamId);
    if (!events) return { ...at, streamId: h.streamId, version: h.version, reason: 'missing-stream', detail: `stream ${h.streamId} (sealed up to v${h.version} in checkpoint ${latest.sequence}) is missing / aliran hilang` };
    const e = events.find((x) => x.version === h.version);
    if (!e) {
      const lastVersion = events[events.length - 1]?.version ?? -1;
      return { ...at, streamId: h.streamId, version: lastVersion + 1, reason: 'missing-events', detail: `stream ${h.streamId} ends at v${lastVersion}; checkpoint ${latest.sequence} sealed it up to v${h.version} / peristiwa hilang` };
    }
    if (e.hash !== h.hash) return { ...at, streamId: h.streamId, version: h.version, reason: 'rewritten-stream', detail: `v${h.version} of ${h.streamId} has hash ${e.hash}; checkpoint ${latest.sequence} sealed ${h.hash} / aliran ditulis ulang` };
    const extra = events.find((x) => x.version > h.version && x.globalPosition <= latest.toPosition);
    if (extra) return { ...at, streamId: h.streamId, version: extra.version, reason: 'rewritten-stream', detail: `v${extra.version} of ${h.streamId} lies in the sealed range but checkpoint ${latest.sequence} sealed the stream up to v${h.version}` };
  }
  for (const [streamId, events] of streams) {
    if (!sealed.has(streamId) && events.some((e) => e.globalPosition <= latest.toPosition)) {
      return { ...at, streamId, version: null, reason: 'unsealed-stream', detail: `stream ${streamId} has events in the sealed range that checkpoint ${latest.sequence} does not commit to / aliran tidak tersegel` };
    }
  }
  return null;
}

/**
 * Checks one tenant: every stream chain; every checkpoint's signature, link and consistency with the
 * previous one; that the store holds every stream the latest checkpoint sealed for the tenant, each
 * complete up to its sealed head (an omission names the stream and version); for checkpoints of the
 * older format, each block's root against the stored events. Reads the tenant's streams and the
 * checkpoint stream only (no other tenant's events for the current format), so damage elsewhere does
 * not fail this tenant. Never throws for a damaged ledger.
 */
export async function verifyLedger(store: EventStore, tenantId: string, keys: Map<string, KeyObject>): Promise<LedgerVerification> {
  const streams = new Map<string, EventEnvelope[]>();
  let events = 0;
  for (const streamId of await store.listStreams(tenantId)) {
    const stream = await store.readStream(streamId);
    const result = verifyChain(streamId, stream);
    if (!result.ok) return { ...result, kind: 'stream' };
    streams.set(streamId, stream);
    events += stream.length;
  }
  const records = await readCheckpoints(store);
  const chain = verifyCheckpointChain(chainOf(records), keys);
  if (!chain.ok) return { ...chain, kind: 'checkpoint' };
  for (const c of records.filter((r) => r.format !== 2)) {
    const check = verifyCheckpointEvents(c, await eventsAfter(store, c.fromPosition - 1, c.count + 1, c.toPosition));
    if (!check.ok) return { ...check, kind: 'checkpoint' };
  }
  const latest = records[records.length - 1] ?? null;
  let complete = false;
  if (latest?.format === 2) {
    const committed = committedHeads(records, tenantId, streams);
    if ('ok' in committed) return committed;
    const omission = omissions(committed.heads, streams, latest);
    if (omission) return omission;
    complete = true;
  }
  return { ok: true, streams: streams.size, events, checkpoints: records.length, latestCheckpoint: latest ? sealedOf(latest) : null, complete };
}

export type LogVerification = { ok: true; checkpoints: number; events: number } | ({ kind: 'checkpoint' } & Extract<CheckpointProblem, { ok: false }>);

/**
 * The operator's full check of the whole log: every checkpoint's block against the stored events, the
 * cumulative root and size of each format-2 checkpoint recomputed from every sealed event, and every
 * tenant leaf recorded with it. Reads the whole ledger: not for a tenant's routine verification.
 */
export async function verifyLog(store: EventStore, keys: Map<string, KeyObject>): Promise<LogVerification> {
  const records = await readCheckpoints(store);
  const chain = verifyCheckpointChain(chainOf(records), keys);
  if (!chain.ok) return { ...chain, kind: 'checkpoint' };
  let frontier = EMPTY_FRONTIER;
  const heads = new Map<string, HeadMap>();
  let events = 0;
  for (const c of records) {
    const block: EventEnvelope[] = [];
    await forEachSealed(store, c.fromPosition - 1, c.toPosition, (e) => void block.push(e));
    if (block.length !== c.count) return { ok: false, kind: 'checkpoint', sequence: c.sequence, reason: 'count-mismatch', detail: `${block.length} events in range, checkpoint sealed ${c.count}` };
    events += block.length;
    frontier = extendFrontier(frontier, block.map((e) => e.hash));
    for (const e of block) {
      const m = heads.get(e.tenantId) ?? new Map();
      m.set(e.streamId, { streamId: e.streamId, version: e.version, hash: e.hash });
      heads.set(e.tenantId, m);
    }
    const root = c.format === 2 ? frontierRoot(frontier) : merkleRoot(block.map((e) => e.hash));
    if (root !== c.root) return { ok: false, kind: 'checkpoint', sequence: c.sequence, reason: 'root-mismatch', detail: `recomputed root ${root} ≠ sealed ${c.root}` };
    if (c.format !== 2) continue;
    if (frontier.size !== c.treeSize) return { ok: false, kind: 'checkpoint', sequence: c.sequence, reason: 'tree-size-mismatch', detail: `${frontier.size} events sealed, checkpoint says ${c.treeSize}` };
    const leaves = [...heads].map(([t, m]) => tenantLeaf(t, headList(m)));
    if (tenantsRoot(leaves) !== c.tenantsRoot) return { ok: false, kind: 'checkpoint', sequence: c.sequence, reason: 'root-mismatch', detail: 'the stream heads recomputed from the stored events do not reproduce the signed tenantsRoot' };
  }
  return { ok: true, checkpoints: records.length, events };
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

/**
 * Proof that an event is in the log the latest checkpoint signed (format 2: the whole log; format 1:
 * the block that sealed it); null when it is not sealed yet.
 */
export async function proveInclusion(store: EventStore, event: EventEnvelope): Promise<InclusionProofResult | null> {
  const records = await readCheckpoints(store);
  const latest = records[records.length - 1];
  if (!latest || event.globalPosition > latest.toPosition) return null;
  const covering = latest.format === 2 ? latest : records.find((x) => x.fromPosition <= event.globalPosition && event.globalPosition <= x.toPosition);
  if (!covering) return null;
  const from = covering.format === 2 ? undefined : covering.fromPosition - 1;
  const hashes: string[] = [];
  let index = -1;
  await forEachSealed(store, from, covering.toPosition, (e) => {
    if (e.eventId === event.eventId) index = hashes.length;
    hashes.push(e.hash);
  });
  if (index < 0) return null;
  return { eventId: event.eventId, eventHash: event.hash, globalPosition: event.globalPosition, index, treeSize: hashes.length, proof: inclusionProof(hashes, index), checkpoint: sealedOf(covering) };
}

