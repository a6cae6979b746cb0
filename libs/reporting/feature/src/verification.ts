import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash, KeyObject } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CHECKPOINT_STREAM, EventEnvelope, EventStore, lastCheckpoint, LedgerVerification, LogVerification, ReadAllOptions, ReadStreamOptions, verifyLedger, verifyLog } from '@spbe/ledger-core';
import { EVENT_STORE } from '@spbe/platform';

/** Verifications running at once (a tenant's and the operator's full check share the slots). */
export const DEFAULT_VERIFY_CONCURRENCY = 2;
/** Events read from the store in one call while verifying: one read never holds the event loop for long. */
export const DEFAULT_VERIFY_PAGE = 250;
/** A cached answer older than this is re-checked even when nothing it depends on changed. */
export const DEFAULT_VERIFY_MAX_AGE_MS = 15 * 60_000;

/** Injection token of the optional {@link VerificationOptions}. */
export const VERIFICATION_OPTIONS = 'spbe:verificationOptions';

export interface VerificationOptions {
  /** Verifications running at once (default {@link DEFAULT_VERIFY_CONCURRENCY}). */
  concurrency?: number;
  /** Largest page read from the store in one call (default {@link DEFAULT_VERIFY_PAGE} events). */
  pageSize?: number;
  /** Re-check a cached answer older than this even when nothing changed (ms; 0 = never; default 15 min). */
  maxAgeMs?: number;
  /** Tenants whose last answer is kept (oldest forgotten first; default 1,000). */
  maxEntries?: number;
  /** Clock (tests). */
  now?: () => number;
}

/** A tenant's verification as answered by the route: the result, when it was verified, and whether it came from the cache. */
export type TenantVerification = LedgerVerification & {
  tenantId: string;
  /** True when nothing the result depends on changed since `verifiedAt`: answered without re-reading the ledger. */
  cached: boolean;
  /** When the store was read for this result (ISO 8601). */
  verifiedAt: string;
};

/** The operator's full re-check: the whole log, then every sealed tenant's streams afresh. */
export interface FullVerification {
  ok: boolean;
  verifiedAt: string;
  log: LogVerification;
  /** Per tenant: its counts, or the first failure (stream, version, reason) as the tenant's route reports it. */
  tenants: Array<{ tenantId: string } & ({ ok: true; streams: number; events: number; complete: boolean } | Exclude<LedgerVerification, { ok: true }>)>;
}

/** At most `limit` tasks at once; the others wait in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be an integer ≥ 1, got ${limit}`);
  }

  get running(): number {
    return this.active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * The store as the verifiers read it: every read first yields to the event loop (so requests such as
 * /health/live are answered between two reads; the embedded store's queries otherwise resolve without
 * ever giving the loop a turn, and a whole verification ran as one stall) and is split into pages of at
 * most `pageSize` events (so no single query and no single batch of row decoding holds the loop for
 * long). Same answers as the store itself: a stream read in pages is the stream read at once.
 */
export function yieldingReader(store: EventStore, pageSize = DEFAULT_VERIFY_PAGE): EventStore {
  // Another turn after the last page too: the caller's work on the events (hashing a chain) then runs
  // in a turn of its own instead of right after the query's.
  const settled = async <T>(value: T): Promise<T> => {
    await nextTurn();
    return value;
  };
  const readStream = async (streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> => {
    let from = options.fromVersion ?? 0;
    let left = options.maxCount ?? 100_000;
    const out: EventEnvelope[] = [];
    for (;;) {
      await nextTurn();
      const want = Math.min(pageSize, left);
      // The first page throws StreamNotFoundError for a stream with no events, as the store does.
      const page = await store.readStream(streamId, { fromVersion: from, maxCount: want });
      for (const e of page) out.push(e);
      left -= page.length;
      if (page.length < want || left <= 0) return settled(out);
      from = page[page.length - 1].version + 1;
    }
  };
  const readAll = async (options: ReadAllOptions = {}): Promise<EventEnvelope[]> => {
    let after = options.after;
    let left = options.maxCount ?? 1000;
    const out: EventEnvelope[] = [];
    for (;;) {
      await nextTurn();
      const want = Math.min(pageSize, left);
      const page = await store.readAll({ after, maxCount: want });
      for (const e of page) out.push(e);
      left -= page.length;
      if (page.length < want || left <= 0) return settled(out);
      after = page[page.length - 1].globalPosition;
    }
  };
  const paused =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await nextTurn();
      return fn(...args);
    };
  const overrides: Partial<EventStore> = {
    readStream,
    readAll,
    streamHead: paused((id: string) => store.streamHead(id)),
    listStreams: paused((tenantId: string) => store.listStreams(tenantId)),
    headPosition: paused(() => store.headPosition()),
    findEvent: paused((id: string) => store.findEvent(id)),
  };
  return new Proxy(store, {
    get(target, prop) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop as keyof EventStore];
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface Entry {
  key: string;
  result: LedgerVerification;
  verifiedAt: string;
  at: number;
}

/**
 * A tenant's ledger verification that does not stall the service (issue 12 item 10):
 * - answered from a cache while nothing it depends on changed — the checkpoint stream's head, the
 *   tenant's set of streams and each one's head (version and hash), and the trusted keys; a new event,
 *   a new checkpoint, a deleted stream or a rewritten head makes the next call verify again;
 * - concurrent calls for one tenant over the same state share one run;
 * - at most `concurrency` verifications run at once, the rest wait;
 * - every read yields to the event loop and is paged (see {@link yieldingReader}).
 * The operator's full re-check ({@link verifyFull}) reads the whole log and every tenant afresh.
 */
@Injectable()
export class LedgerVerifier {
  readonly slots: Semaphore;
  private readonly reader: EventStore;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, { key: string; run: Promise<Entry> }>();
  private full?: Promise<FullVerification>;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Optional() @Inject(VERIFICATION_OPTIONS) options: VerificationOptions | null = null) {
    this.slots = new Semaphore(options?.concurrency ?? DEFAULT_VERIFY_CONCURRENCY);
    this.reader = yieldingReader(store, options?.pageSize ?? DEFAULT_VERIFY_PAGE);
    this.maxAgeMs = options?.maxAgeMs ?? DEFAULT_VERIFY_MAX_AGE_MS;
    this.maxEntries = options?.maxEntries ?? 1000;
    this.now = options?.now ?? Date.now;
  }

  /**
   * What a tenant's verification depends on, as one digest: the checkpoint stream's head, the tenant's
   * streams with their heads, and the trusted key ids. Reads heads only, never events.
   */
  async dependencies(tenantId: string, keys: Map<string, KeyObject>): Promise<string> {
    const h = createHash('sha256');
    h.update(`keys ${[...keys.keys()].sort().join(',')}\n`);
    const checkpoint = await this.reader.streamHead(CHECKPOINT_STREAM);
    h.update(`checkpoint ${checkpoint ? `${checkpoint.version} ${checkpoint.hash}` : '-'}\n`);
    for (const streamId of await this.reader.listStreams(tenantId)) {
      const head = await this.reader.streamHead(streamId);
      h.update(`${streamId} ${head ? `${head.version} ${head.hash}` : '-'}\n`);
    }
    return h.digest('hex');
  }

  /**
   * The tenant's verification: from the cache when nothing changed since the last one, otherwise a
   * fresh run (shared with a concurrent call over the same state, and within the concurrency bound).
   * `force` re-reads even when nothing changed.
   */
  async verifyTenant(tenantId: string, keys: Map<string, KeyObject>, options: { force?: boolean } = {}): Promise<TenantVerification> {
    const key = await this.dependencies(tenantId, keys);
    const hit = this.cache.get(tenantId);
    if (!options.force && hit && hit.key === key && !this.expired(hit)) return this.answer(tenantId, hit, true);
    const running = this.inflight.get(tenantId);
    if (running && running.key === key) return this.answer(tenantId, await running.run, false);
    const run = this.slots.run(async () => {
      const at = this.now();
      const result = await verifyLedger(this.reader, tenantId, keys);
      return { key, result, verifiedAt: new Date(at).toISOString(), at };
    });
    const entry = { key, run };
    this.inflight.set(tenantId, entry);
    try {
      const done = await run;
      this.remember(tenantId, done);
      return this.answer(tenantId, done, false);
    } finally {
      if (this.inflight.get(tenantId) === entry) this.inflight.delete(tenantId);
    }
  }

  /**
   * The operator's full re-check on demand: the whole log (every checkpoint's block against the stored
   * events, cumulative roots, tenant leaves), then every tenant the latest checkpoint sealed, each read
   * afresh (the cache is dropped first and refilled). Calls made while one runs share it.
   */
  verifyFull(keys: Map<string, KeyObject>): Promise<FullVerification> {
    this.full ??= this.runFull(keys).finally(() => (this.full = undefined));
    return this.full;
  }

  /** Forgets every cached answer (the next verification of each tenant reads its streams again). */
  invalidate(tenantId?: string): void {
    if (tenantId === undefined) this.cache.clear();
    else this.cache.delete(tenantId);
  }

  private async runFull(keys: Map<string, KeyObject>): Promise<FullVerification> {
    const verifiedAt = new Date(this.now()).toISOString();
    const known = [...this.cache.keys()];
    this.invalidate();
    const log = await this.slots.run(() => verifyLog(this.reader, keys));
    const latest = await lastCheckpoint(this.reader);
    const tenantIds = [...new Set([...(latest?.record.tenants ?? []).map((l) => l.tenantId), ...known])].sort();
    const tenants: FullVerification['tenants'] = [];
    // One tenant after another: the full check holds at most one slot, the others stay free for viewers.
    for (const tenantId of tenantIds) {
      const { cached: _cached, verifiedAt: _at, ...result } = await this.verifyTenant(tenantId, keys, { force: true });
      tenants.push(result.ok ? { tenantId, ok: true, streams: result.streams, events: result.events, complete: result.complete } : result);
    }
    return { ok: log.ok && tenants.every((t) => t.ok), verifiedAt, log, tenants };
  }

  private expired(e: Entry): boolean {
    return this.maxAgeMs > 0 && this.now() - e.at > this.maxAgeMs;
  }

  private remember(tenantId: string, e: Entry): void {
    this.cache.delete(tenantId);
    this.cache.set(tenantId, e);
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
  }

  private answer(tenantId: string, e: Entry, cached: boolean): TenantVerification {
    return { ...e.result, tenantId, cached, verifiedAt: e.verifiedAt };
  }
}
