import { EventEnvelope, EventStore, LedgerError } from '@spbe/ledger-core';
import { Doc, ReadModelCollection, ReadModelStore } from './port';

/** Where a projection writes: its logical collections, resolved to the physical ones in use. */
export interface ProjectionTarget {
  collection<T extends Doc = Doc>(logicalName: string): ReadModelCollection<T>;
}

export interface Projection {
  /** Stable name; also the checkpoint's id. */
  name: string;
  /** Logical collection names this projection owns (rebuilt together). */
  collections: string[];
  /** Indexes to create on each (re)built physical collection. */
  indexes?: Record<string, Array<Record<string, 1 | -1>>>;
  /** Must be idempotent per (streamId, version): use `applyOnce` or key documents by event. */
  apply(event: EventEnvelope, target: ProjectionTarget): Promise<void>;
  /** Optional bulk form of apply for consecutive events (same idempotency rule). */
  applyBatch?(events: EventEnvelope[], target: ProjectionTarget): Promise<void>;
}

export interface AppliedMarker {
  _applied?: Array<{ s: string; v: number }>;
}

/**
 * Idempotent per-stream update of one document: the document remembers the last version it
 * applied per stream, so a redelivered or replayed event changes nothing.
 */
export async function applyOnce<T extends Doc & AppliedMarker>(
  collection: ReadModelCollection<T>,
  id: string,
  event: EventEnvelope,
  update: (current: T | null) => Omit<T, '_id' | '_applied'> | null,
): Promise<boolean> {
  const current = await collection.get(id);
  const applied = current?._applied ?? [];
  const mark = applied.find((a) => a.s === event.streamId);
  if (mark && mark.v >= event.version) return false;
  const next = update(current);
  if (next === null) {
    await collection.delete(id);
    return true;
  }
  const marks = [...applied.filter((a) => a.s !== event.streamId), { s: event.streamId, v: event.version }];
  await collection.put({ ...(next as object), _id: id, _applied: marks } as T);
  return true;
}

const ALIASES = '_projection_aliases';
const CHECKPOINTS = '_projection_checkpoints';

interface AliasDoc extends Doc {
  physical: string;
  switchedAt: string;
}

interface CheckpointDoc extends Doc {
  position: number;
  updatedAt: string;
}

/**
 * Runs projections over events (from the bus or a replay of the store), keeping a checkpoint per
 * projection (the highest global position applied) and mapping logical collection names to the
 * physical collections in use, so a rebuild can fill a new collection and switch readers over in
 * one single-document write.
 */
export class Projector {
  private aliasCache = new Map<string, { physical: string; at: number }>();
  private readonly pending = new Map<string, number>();
  private flushTimer?: NodeJS.Timeout;

  constructor(
    readonly store: ReadModelStore,
    readonly projections: Projection[],
    private readonly aliasTtlMs = 1000,
  ) {}

  async init(): Promise<void> {
    for (const p of this.projections) {
      for (const logical of p.collections) {
        const physical = await this.resolve(logical);
        await this.createIndexes(p, logical, physical);
      }
    }
  }

  /** Applies an event to every projection; returns the names that failed (already retried by the caller). */
  async handle(event: EventEnvelope): Promise<void> {
    for (const p of this.projections) {
      for (const c of p.collections) await this.resolve(c);
      await p.apply(event, this.target());
      this.pending.set(p.name, Math.max(this.pending.get(p.name) ?? -1, event.globalPosition));
    }
    this.flushTimer ??= setTimeout(() => void this.flushCheckpoints().catch(() => undefined), 250).unref();
  }

  /** Applies consecutive events; projections with applyBatch get them in one call. */
  async handleBatch(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const last = Math.max(...events.map((e) => e.globalPosition));
    for (const p of this.projections) {
      for (const c of p.collections) await this.resolve(c);
      if (p.applyBatch) await p.applyBatch(events, this.target());
      else for (const e of events) await p.apply(e, this.target());
      this.pending.set(p.name, Math.max(this.pending.get(p.name) ?? -1, last));
    }
    this.flushTimer ??= setTimeout(() => void this.flushCheckpoints().catch(() => undefined), 250).unref();
  }

  /** Writes the checkpoints of events handled so far (debounced by handle()). */
  async flushCheckpoints(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const pending = [...this.pending];
    this.pending.clear();
    for (const [name, position] of pending) await this.advance(name, position);
  }

  /** Reader-side: the collection readers should query now. */
  async read<T extends Doc = Doc>(logical: string): Promise<ReadModelCollection<T>> {
    return this.store.collection<T>(await this.resolve(logical));
  }

  async checkpoint(projection: string): Promise<number | undefined> {
    const pending = this.pending.get(projection);
    if (pending !== undefined) return pending;
    return (await this.store.collection<CheckpointDoc>(CHECKPOINTS).get(projection))?.position;
  }

  /** Lag per projection: head position of the store minus the projection's checkpoint (0 when caught up). */
  async lag(eventStore: EventStore): Promise<Record<string, number>> {
    const head = (await eventStore.headPosition()) ?? -1;
    const out: Record<string, number> = {};
    for (const p of this.projections) out[p.name] = Math.max(0, head - ((await this.checkpoint(p.name)) ?? -1));
    return out;
  }

  /**
   * Rebuilds one projection from the start of the log into new physical collections, then switches
   * readers over and drops the old ones. Readers keep using the old collections until the switch;
   * live events keep flowing into whatever the alias points at, and a final catch-up pass after the
   * switch covers events that arrived meanwhile (applies are idempotent).
   */
  async rebuild(name: string, eventStore: EventStore, onProgress?: (position: number) => void): Promise<{ events: number; collections: Record<string, string> }> {
    const p = this.projections.find((x) => x.name === name);
    if (!p) throw new LedgerError('not-found', 'UNKNOWN_PROJECTION', `projection: unknown projection "${name}"; known: ${this.projections.map((x) => x.name).join(', ')}`, { known: this.projections.map((x) => x.name) });
    const suffix = `__r${Date.now().toString(36)}`;
    const fresh: Record<string, string> = Object.fromEntries(p.collections.map((c) => [c, `${c}${suffix}`]));
    for (const [logical, physical] of Object.entries(fresh)) await this.createIndexes(p, logical, physical);
    const target: ProjectionTarget = { collection: (logical) => this.store.collection(fresh[logical] ?? logical) };
    let position: number | undefined;
    let count = 0;
    const replay = async (t: ProjectionTarget) => {
      for (;;) {
        const batch = await eventStore.readAll({ after: position, maxCount: 1000 });
        if (p.applyBatch) await p.applyBatch(batch, t);
        else for (const e of batch) await p.apply(e, t);
        count += batch.length;
        if (batch.length) {
          position = batch[batch.length - 1].globalPosition;
          onProgress?.(position);
        }
        if (batch.length < 1000) return;
      }
    };
    await replay(target);
    const old: string[] = [];
    for (const [logical, physical] of Object.entries(fresh)) {
      old.push(await this.resolve(logical));
      await this.store.collection<AliasDoc>(ALIASES).put({ _id: logical, physical, switchedAt: new Date().toISOString() });
      this.aliasCache.set(logical, { physical, at: Date.now() });
    }
    await replay(target);
    if (position !== undefined) await this.advance(p.name, position);
    // Give other processes' alias caches time to expire before the old collections disappear.
    await new Promise((r) => setTimeout(r, this.aliasTtlMs + 100));
    for (const o of old) if (!Object.values(fresh).includes(o)) await this.store.dropCollection(o);
    return { events: count, collections: fresh };
  }

  private target(): ProjectionTarget {
    return {
      collection: <T extends Doc>(logical: string) => {
        const cached = this.aliasCache.get(logical);
        return this.store.collection<T>(cached?.physical ?? logical);
      },
    };
  }

  private async resolve(logical: string): Promise<string> {
    const cached = this.aliasCache.get(logical);
    if (cached && Date.now() - cached.at < this.aliasTtlMs) return cached.physical;
    const alias = await this.store.collection<AliasDoc>(ALIASES).get(logical);
    const physical = alias?.physical ?? logical;
    this.aliasCache.set(logical, { physical, at: Date.now() });
    return physical;
  }

  private async createIndexes(p: Projection, logical: string, physical: string) {
    for (const keys of p.indexes?.[logical] ?? []) await this.store.collection(physical).createIndex(keys);
  }

  private async advance(name: string, position: number) {
    const c = this.store.collection<CheckpointDoc>(CHECKPOINTS);
    const cur = await c.get(name);
    if (!cur || cur.position < position) await c.put({ _id: name, position, updatedAt: new Date().toISOString() });
  }
}
