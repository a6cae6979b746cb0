import { ConfigError } from './config';

/**
 * A stream's state as folded by one decider, and the last event folded into it. The state is deeply
 * frozen: a caller that mutated it would otherwise change what the next command decides on.
 */
export interface CachedState<State> {
  readonly state: State;
  /** Version of the last event folded into `state`. */
  readonly version: number;
  /** Hash of that event: the next event read must name it as its prevHash. */
  readonly lastHash: string;
}

/** Entries the process-wide cache keeps when AGGREGATE_STATE_CACHE_SIZE is not set. */
export const DEFAULT_STATE_CACHE_SIZE = 10_000;

/**
 * Folded aggregate states of this process, least recently used evicted first, bounded by a count of
 * entries. It is only a starting point: a command reads the events after the cached version and
 * appends with the version it reached, so the store's expected-version check refuses a decision
 * made on a state another process (or another cache) has moved past. Keys are the event store, the
 * decider and the upcasters (by identity: pass module-level constants) and the stream id, so one
 * stream folded by two deciders, or the same stream id in two stores, never share an entry.
 */
export class StateCache {
  private readonly entries = new Map<string, CachedState<unknown>>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries: number = DEFAULT_STATE_CACHE_SIZE) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new RangeError(`StateCache: maxEntries must be an integer ≥ 0, got ${maxEntries}`);
  }

  /** The key of a stream folded by `decider` (with `upcasters`) from `store`. */
  key(store: object, decider: object, upcasters: readonly unknown[] | undefined, streamId: string): string {
    const lift = upcasters && upcasters.length > 0 ? this.id(upcasters) : 0;
    return `${this.id(store)}/${this.id(decider)}/${lift}|${streamId}`;
  }

  get<State>(key: string): CachedState<State> | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last: a Map iterates in insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry as CachedState<State>;
  }

  /**
   * Stores `state` (frozen in place) at `version`, unless a later version is held already (two
   * loads of one stream finishing out of order); returns the frozen state.
   */
  set<State>(key: string, state: State, version: number, lastHash: string): State {
    deepFreeze(state);
    if (this.maxEntries === 0) return state;
    const held = this.entries.get(key);
    if (held && held.version > version) return state;
    this.entries.delete(key);
    this.entries.set(key, Object.freeze({ state, version, lastHash }));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return state;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private id(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(o, id);
    }
    return id;
  }
}

/**
 * Freezes a value and everything reachable from it. Parts already frozen (shared with an earlier,
 * cached state, as evolve's spreads share them) are not walked again, so freezing the state after
 * a few more events costs about what those events added.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const k of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[k]);
  }
  return value;
}

/** AGGREGATE_STATE_CACHE_SIZE: entries of the process-wide cache (0 turns it off). */
export function stateCacheSizeFromEnv(env: Record<string, string | undefined> = process.env): number {
  const v = env.AGGREGATE_STATE_CACHE_SIZE;
  if (v === undefined || v === '') return DEFAULT_STATE_CACHE_SIZE;
  if (!/^\d+$/.test(v)) throw new ConfigError('AGGREGATE_STATE_CACHE_SIZE', `"${v}" is not a whole number of entries (0 turns the cache off)`);
  return Number(v);
}

/** The cache handleCommand and AggregateStore use unless told otherwise. */
export const defaultStateCache = new StateCache(stateCacheSizeFromEnv());
