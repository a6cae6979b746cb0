import { EventEnvelope, NewEvent, parseStreamId } from './envelope';
import { StreamNotFoundError } from './errors';
import { AppendContext, AppendResult, EventStore } from './event-store/port';
import { replayResult } from './event-store/prepare';
import { defaultStateCache, StateCache } from './state-cache';
import { upcastAll, Upcaster } from './upcasting';

export type { CachedState } from './state-cache';
export { DEFAULT_STATE_CACHE_SIZE, defaultStateCache, StateCache } from './state-cache';

/**
 * A decider (Emmett/Chassaing style): pure functions, no I/O.
 * `decide` throws a typed LedgerError to refuse a command.
 * `evolve` returns a new state and never changes the one it is given: folded states are cached
 * (frozen) and shared between commands.
 */
export interface Decider<State, Command, Event extends NewEvent = NewEvent> {
  initialState(): State;
  evolve(state: State, event: EventEnvelope): State;
  decide(command: Command, state: State): Event[];
}

export type Evolver<State> = Pick<Decider<State, unknown>, 'initialState' | 'evolve'>;

/** Folds stored events into state with the decider's pure evolve. */
export function fold<State>(decider: Evolver<State>, events: EventEnvelope[]): State {
  return events.reduce(decider.evolve, decider.initialState());
}

export interface LoadOptions {
  /** Lift old event schema versions before evolve (the stored events stay as they are). Pass a module-level constant: it is part of the cache key. */
  upcasters?: readonly Upcaster[];
  /** Folded states kept between calls; `null`: fold the whole stream every time. Default: the process-wide cache. */
  cache?: StateCache | null;
}

export interface HandleOptions extends LoadOptions {
  /** `true`: the command creates the stream, which must not exist yet. */
  creates?: boolean;
}

/** A stream's current state and the version of its last event. */
export interface LoadedState<State> {
  state: State;
  version: number;
}

/**
 * The stream's current state: the cached state with the events after it folded in (one read from
 * the cached version on), or the whole stream folded when nothing is cached or what is cached is
 * not the history the store holds (another hash at that version, or the stream is shorter).
 * Throws StreamNotFoundError for a stream with no events. The state returned is frozen when a cache
 * is used.
 */
export async function loadState<State>(store: EventStore, decider: Evolver<State>, streamId: string, options: LoadOptions = {}): Promise<LoadedState<State>> {
  const cache = cacheOf(options);
  const upcasters = options.upcasters ?? [];
  const key = cache ? cache.key(store, decider, upcasters, streamId) : '';
  const cached = cache?.get<State>(key);
  if (cache && cached) {
    // From the cached version itself: its event proves the store holds the history the cache
    // folded (same version, same hash), and a stream with nothing new still answers in one query.
    const tail = await store.readStream(streamId, { fromVersion: cached.version }).catch((err) => {
      cache.delete(key);
      throw err;
    });
    if (tail.length > 0 && tail[0].version === cached.version && tail[0].hash === cached.lastHash) {
      if (tail.length === 1) return { state: cached.state, version: cached.version };
      const last = tail[tail.length - 1];
      const state = cache.set(key, upcastAll(tail.slice(1), upcasters).reduce(decider.evolve, cached.state), last.version, last.hash);
      return { state, version: last.version };
    }
    // The store's history does not continue the cached one: forget it and fold everything.
    cache.delete(key);
  }
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new StreamNotFoundError(streamId);
  const last = events[events.length - 1];
  const folded = fold(decider, upcastAll(events, upcasters));
  return { state: cache ? cache.set(key, folded, last.version, last.hash) : folded, version: last.version };
}

const cacheOf = (options: LoadOptions): StateCache | null => (options.cache === undefined ? defaultStateCache : options.cache);

/**
 * Load → decide → append with the version that was read (optimistic concurrency).
 * Only the events after a cached state are read; a decision on a state another writer has moved
 * past is refused by the store (ConcurrencyError) and the next attempt reads what it wrote.
 * A retried command (same commandId) returns the original result without deciding again.
 */
export async function handleCommand<State, Command>(
  store: EventStore,
  decider: Decider<State, Command>,
  streamId: string,
  command: Command,
  context: AppendContext,
  options: HandleOptions = {},
): Promise<AppendResult & { state: State }> {
  const load = { upcasters: options.upcasters, cache: options.cache };
  if (context.commandId) {
    const recorded = await store.findByCommandId(parseStreamId(streamId).tenantId, context.commandId);
    if (recorded.length > 0) {
      const result = replayResult({ streamId, expectedVersion: 'any', events: [], context }, recorded);
      return { ...result, state: (await loadState(store, decider, streamId, load)).state };
    }
  }
  let current: LoadedState<State> | null = null;
  try {
    current = await loadState(store, decider, streamId, load);
  } catch (err) {
    if (!(options.creates && err instanceof StreamNotFoundError)) throw err;
  }
  const events = decider.decide(command, current ? current.state : decider.initialState());
  // A ConcurrencyError (another writer got there first) leaves the cache as it is: the cached state
  // is still the state at its version, and the next attempt reads what was written after it.
  const result = await store.append({ streamId, expectedVersion: current ? current.version : 'no-stream', events, context });
  if (result.idempotentReplay) {
    // The same command id landed meanwhile (a concurrent retry): its events are not ours to fold.
    return { ...result, state: (await loadState(store, decider, streamId, load)).state };
  }
  const folded = upcastAll(result.events, options.upcasters ?? []).reduce(decider.evolve, current ? current.state : decider.initialState());
  const last = result.events[result.events.length - 1];
  const cache = cacheOf(options);
  const state = cache ? cache.set(cache.key(store, decider, options.upcasters, streamId), folded, last.version, last.hash) : folded;
  return { ...result, state };
}
