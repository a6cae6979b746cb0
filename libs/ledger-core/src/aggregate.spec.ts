import { Decider, fold, handleCommand, loadState } from './aggregate';
import { EventEnvelope, NewEvent } from './envelope';
import { ConcurrencyError, InvariantError, StreamNotFoundError } from './errors';
import { embeddedEventStore } from './event-store/pglite';
import { SqlEventStore } from './event-store/sql-event-store';
import { EventStore, ReadStreamOptions } from './event-store/port';
import { StateCache } from './state-cache';
import { testActor } from './testing/event-store.contract';
import { Upcaster } from './upcasting';

type State = { opened: boolean; count: number };
type Command = { type: 'Open' } | { type: 'Count'; by: number };

const counter: Decider<State, Command> = {
  initialState: () => ({ opened: false, count: 0 }),
  decide(c, s): NewEvent[] {
    if (c.type === 'Open') {
      if (s.opened) throw new InvariantError('ALREADY_OPEN', 'already open');
      return [{ type: 'CounterOpened', payload: {} }];
    }
    if (!s.opened) throw new InvariantError('NOT_OPEN', 'not open');
    return [{ type: 'CounterIncremented', payload: { by: c.by }, legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 48(1)' } }];
  },
  evolve(s, e: EventEnvelope): State {
    if (e.type === 'CounterOpened') return { ...s, opened: true };
    if (e.type === 'CounterIncremented') return { ...s, count: s.count + (e.payload.by as number) };
    return s;
  },
};

describe('handleCommand (load → decide → append)', () => {
  let store: SqlEventStore;
  const sid = 'kota-kupang:audit.counter:c1';
  const ctx = { actor: testActor };
  beforeAll(async () => {
    store = await embeddedEventStore(undefined);
    await store.init();
  });
  afterAll(() => store.close());

  it('creates the stream, then appends after the version it read, stamping actor and legal basis', async () => {
    await expect(handleCommand(store, counter, sid, { type: 'Count', by: 1 }, ctx)).rejects.toBeInstanceOf(StreamNotFoundError);
    const opened = await handleCommand(store, counter, sid, { type: 'Open' }, ctx, { creates: true });
    expect(opened.state).toEqual({ opened: true, count: 0 });
    const counted = await handleCommand(store, counter, sid, { type: 'Count', by: 2 }, ctx);
    expect(counted.state.count).toBe(2);
    expect(counted.events[0]).toMatchObject({ version: 1, actor: testActor, legalBasis: { article: 'Pasal 48(1)' } });
    await expect(handleCommand(store, counter, sid, { type: 'Open' }, ctx, { creates: true })).rejects.toBeInstanceOf(InvariantError);
    expect(fold(counter, await store.readStream(sid))).toEqual({ opened: true, count: 2 });
  });

  it('reports a concurrent change as a conflict instead of overwriting it', async () => {
    const a = handleCommand(store, counter, sid, { type: 'Count', by: 10 }, ctx);
    const b = handleCommand(store, counter, sid, { type: 'Count', by: 100 }, ctx);
    const results = await Promise.allSettled([a, b]);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    const count = fold(counter, await store.readStream(sid)).count;
    // Either both landed one after the other (the second read the first) or one lost with a conflict.
    if (rejected.length === 1) {
      expect(rejected[0].reason).toBeInstanceOf(ConcurrencyError);
      expect([12, 102]).toContain(count);
    } else {
      expect(rejected).toHaveLength(0);
      expect(count).toBe(112);
    }
  });

  it('returns the original result for a retried command id without deciding again', async () => {
    const first = await handleCommand(store, counter, sid, { type: 'Count', by: 5 }, { ...ctx, commandId: 'cmd-count-5' });
    const retry = await handleCommand(store, counter, sid, { type: 'Count', by: 5 }, { ...ctx, commandId: 'cmd-count-5' });
    expect(retry.idempotentReplay).toBe(true);
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(retry.state.count).toBe(first.state.count);
  });

  it('upcasts old events before evolve', async () => {
    const s2 = 'kota-kupang:audit.counter:c2';
    await store.append({ streamId: s2, expectedVersion: 'no-stream', events: [{ type: 'CounterOpened', payload: {} }, { type: 'CounterIncremented', payload: { step: 7 } }], context: ctx });
    const r = await handleCommand(store, counter, s2, { type: 'Count', by: 1 }, ctx, {
      upcasters: [{ type: 'CounterIncremented', fromSchemaVersion: 1, up: (p) => ('step' in p ? { by: p.step } : p) }],
    });
    expect(r.state.count).toBe(8);
  });
});

/** The store with every readStream call recorded (the fromVersion each asked for). */
function spy(store: EventStore): EventStore & { reads: Array<number | undefined> } {
  const reads: Array<number | undefined> = [];
  return spyWith(store, reads, async () => undefined);
}

/** spy(), and `afterRead` runs after every readStream (e.g. another writer slipping in). */
function spyWith(store: EventStore, reads: Array<number | undefined>, afterRead: () => Promise<void>): EventStore & { reads: Array<number | undefined> } {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'reads') return reads;
      if (prop === 'readStream') {
        return async (streamId: string, options?: ReadStreamOptions) => {
          reads.push(options?.fromVersion);
          const events = await target.readStream(streamId, options);
          await afterRead();
          return events;
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as EventStore & { reads: Array<number | undefined> };
}

describe('handleCommand reads only the tail of a stream it has folded before', () => {
  let store: SqlEventStore;
  const ctx = { actor: testActor };
  beforeAll(async () => {
    store = await embeddedEventStore(undefined);
    await store.init();
  });
  afterAll(() => store.close());

  it('a command on a 5,000-event stream reads only the events after the version it folded', async () => {
    const sid = 'kota-kupang:audit.counter:long';
    await store.append({ streamId: sid, expectedVersion: 'no-stream', events: [{ type: 'CounterOpened', payload: {} }], context: ctx });
    for (let v = 0; v < 4999; v += 1000) {
      const n = Math.min(1000, 4999 - v);
      await store.append({ streamId: sid, expectedVersion: v, events: Array.from({ length: n }, () => ({ type: 'CounterIncremented', payload: { by: 1 } })), context: ctx });
    }
    const spied = spy(store);
    const first = await handleCommand(spied, counter, sid, { type: 'Count', by: 1 }, ctx);
    expect(first.state.count).toBe(5000);
    expect(first.nextExpectedVersion).toBe(5000);
    // Another writer appends two events behind this process's back.
    await store.append({ streamId: sid, expectedVersion: 5000, events: [{ type: 'CounterIncremented', payload: { by: 10 } }, { type: 'CounterIncremented', payload: { by: 10 } }], context: ctx });
    spied.reads.length = 0;
    const second = await handleCommand(spied, counter, sid, { type: 'Count', by: 1 }, ctx);
    expect(spied.reads).toEqual([5000]); // from the cached version: its hash must match
    expect(second.state.count).toBe(5021);
    spied.reads.length = 0;
    const third = await handleCommand(spied, counter, sid, { type: 'Count', by: 1 }, ctx);
    expect(spied.reads).toEqual([5003]);
    expect(third.nextExpectedVersion).toBe(5004);
    expect(third.state).toEqual(fold(counter, await store.readStream(sid)));
  });
});

describe('the state cache behind handleCommand', () => {
  let store: SqlEventStore;
  const ctx = { actor: testActor };
  let n = 0;
  const fresh = () => `kota-kupang:audit.counter:cache-${++n}`;
  const opened = async (sid: string, increments = 0) => {
    await store.append({ streamId: sid, expectedVersion: 'no-stream', events: [{ type: 'CounterOpened', payload: {} }], context: ctx });
    if (increments) await store.append({ streamId: sid, expectedVersion: 0, events: Array.from({ length: increments }, () => ({ type: 'CounterIncremented', payload: { by: 1 } })), context: ctx });
  };
  beforeAll(async () => {
    store = await embeddedEventStore(undefined);
    await store.init();
  });
  afterAll(() => store.close());

  it('two writers with separate caches on one store never decide on a stale state (interleaved writes)', async () => {
    const sid = fresh();
    await opened(sid);
    const a = spy(store);
    const b = spy(store);
    const cacheA = new StateCache(100);
    const cacheB = new StateCache(100);
    const countA = (by: number) => handleCommand(a, counter, sid, { type: 'Count', by }, ctx, { cache: cacheA });
    const countB = (by: number) => handleCommand(b, counter, sid, { type: 'Count', by }, ctx, { cache: cacheB });
    expect((await countA(1)).state.count).toBe(1); // A folds the stream: version 1
    expect((await countB(10)).state.count).toBe(11); // B folds it with A's event: version 2
    a.reads.length = 0;
    const third = await countA(100); // A's cache is at version 1: it reads B's event first
    expect(a.reads).toEqual([1]);
    expect(third.state.count).toBe(111);
    b.reads.length = 0;
    const fourth = await countB(1000);
    expect(b.reads).toEqual([2]);
    expect(fourth.state.count).toBe(1111);
    expect(fourth.nextExpectedVersion).toBe(4);
    expect(fold(counter, await store.readStream(sid)).count).toBe(1111);
  });

  it('a write landing between the tail read and the append is refused, and the next attempt folds it in', async () => {
    const sid = fresh();
    await opened(sid, 3);
    const cacheA = new StateCache(100);
    const cacheB = new StateCache(100);
    let interfere = false;
    const reads: Array<number | undefined> = [];
    const a = spyWith(store, reads, async () => {
      if (!interfere) return;
      interfere = false;
      await handleCommand(store, counter, sid, { type: 'Count', by: 10 }, ctx, { cache: cacheB }); // B writes version 5
    });
    await handleCommand(a, counter, sid, { type: 'Count', by: 1 }, ctx, { cache: cacheA }); // A cached at version 4
    reads.length = 0;
    interfere = true;
    await expect(handleCommand(a, counter, sid, { type: 'Count', by: 100 }, ctx, { cache: cacheA })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(reads).toEqual([4]);
    // The retry starts from the same cached state (version 4) and reads B's event after it.
    const retry = await handleCommand(a, counter, sid, { type: 'Count', by: 100 }, ctx, { cache: cacheA });
    expect(reads).toEqual([4, 4]);
    expect(retry.state.count).toBe(114);
    expect(fold(counter, await store.readStream(sid)).count).toBe(114);
  });

  it('concurrent commands through one cache: every one that lands decided on the state it followed', async () => {
    const sid = fresh();
    await opened(sid);
    const cache = new StateCache(100);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => handleCommand(store, counter, sid, { type: 'Count', by: 10 ** i }, ctx, { cache })));
    const landed = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ state: State; nextExpectedVersion: number }>[];
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
    expect(landed.length).toBeGreaterThan(0);
    const stored = await store.readStream(sid);
    // Each landed command's state is exactly the fold of the stream up to the version it wrote.
    for (const r of landed) expect(r.value.state).toEqual(fold(counter, stored.filter((e) => e.version <= r.value.nextExpectedVersion)));
    expect((await handleCommand(store, counter, sid, { type: 'Count', by: 0 }, ctx, { cache })).state).toEqual(fold(counter, stored));
  });

  it('keeps idempotent retries working: the original result, nothing appended, the current state', async () => {
    const sid = fresh();
    await opened(sid, 2);
    const cache = new StateCache(100);
    const reads: Array<number | undefined> = [];
    const spied = spyWith(store, reads, async () => undefined);
    const first = await handleCommand(spied, counter, sid, { type: 'Count', by: 5 }, { ...ctx, commandId: 'cache-retry-1' }, { cache });
    reads.length = 0;
    const retry = await handleCommand(spied, counter, sid, { type: 'Count', by: 5 }, { ...ctx, commandId: 'cache-retry-1' }, { cache });
    expect(retry.idempotentReplay).toBe(true);
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(retry.state.count).toBe(7);
    expect(reads).toEqual([3]); // from the cached version: nothing after it
    expect((await store.readStream(sid)).length).toBe(4);
  });

  it('upcasts the tail events it reads after a cached state', async () => {
    const sid = fresh();
    const upcasters: Upcaster[] = [{ type: 'CounterIncremented', fromSchemaVersion: 1, up: (p) => ('step' in p ? { by: p.step } : p) }];
    await store.append({ streamId: sid, expectedVersion: 'no-stream', events: [{ type: 'CounterOpened', payload: {} }, { type: 'CounterIncremented', payload: { step: 7 } }], context: ctx });
    const cache = new StateCache(100);
    const reads: Array<number | undefined> = [];
    const spied = spyWith(store, reads, async () => undefined);
    expect((await handleCommand(spied, counter, sid, { type: 'Count', by: 1 }, ctx, { upcasters, cache })).state.count).toBe(8);
    await store.append({ streamId: sid, expectedVersion: 2, events: [{ type: 'CounterIncremented', payload: { step: 20 } }], context: ctx });
    reads.length = 0;
    const r = await handleCommand(spied, counter, sid, { type: 'Count', by: 1 }, ctx, { upcasters, cache });
    expect(reads).toEqual([2]);
    expect(r.state.count).toBe(29);
    // Without the upcasters it is another cache entry, folded from the start: the old events have no `by`.
    expect((await loadState(spied, counter, sid, { cache })).state.count).toBeNaN();
    expect(cache.size).toBe(2);
  });

  it('hands out frozen states: a caller cannot change what the next command decides on', async () => {
    const sid = fresh();
    await opened(sid);
    const cache = new StateCache(100);
    const r = await handleCommand(store, counter, sid, { type: 'Count', by: 3 }, ctx, { cache });
    expect(Object.isFrozen(r.state)).toBe(true);
    expect(() => {
      (r.state as { count: number }).count = 1000;
    }).toThrow(TypeError);
    expect((await handleCommand(store, counter, sid, { type: 'Count', by: 1 }, ctx, { cache })).state.count).toBe(4);
  });

  it('discards a cached state the stored history does not continue, and folds the whole stream', async () => {
    const sid = fresh();
    await opened(sid, 2);
    const cache = new StateCache(100);
    const reads: Array<number | undefined> = [];
    const spied = spyWith(store, reads, async () => undefined);
    cache.set(cache.key(spied, counter, [], sid), { opened: true, count: 999 }, 2, 'f'.repeat(64));
    const r = await handleCommand(spied, counter, sid, { type: 'Count', by: 1 }, ctx, { cache });
    expect(reads).toEqual([2, undefined]);
    expect(r.state.count).toBe(3);
  });

  it('discards a cached state ahead of the stored stream (a history it did not see) before deciding', async () => {
    const sid = fresh();
    await opened(sid, 2);
    const cache = new StateCache(100);
    const reads: Array<number | undefined> = [];
    const spied = spyWith(store, reads, async () => undefined);
    cache.set(cache.key(spied, counter, [], sid), { opened: true, count: 999 }, 10, 'f'.repeat(64));
    const r = await handleCommand(spied, counter, sid, { type: 'Count', by: 1 }, ctx, { cache });
    expect(reads).toEqual([10, undefined]);
    expect(r.state.count).toBe(3);
    expect(cache.get(cache.key(spied, counter, [], sid))).toMatchObject({ version: 3 });
  });

  it('reads the whole stream every time with the cache off', async () => {
    const sid = fresh();
    await opened(sid, 2);
    const reads: Array<number | undefined> = [];
    const spied = spyWith(store, reads, async () => undefined);
    await handleCommand(spied, counter, sid, { type: 'Count', by: 1 }, ctx, { cache: null });
    await handleCommand(spied, counter, sid, { type: 'Count', by: 1 }, ctx, { cache: null });
    expect(reads).toEqual([undefined, undefined]);
  });

  it('keeps one entry per decider: another fold of the same stream is not taken for this one', async () => {
    const sid = fresh();
    await opened(sid, 2);
    const cache = new StateCache(100);
    const eventCount = { initialState: () => 0, evolve: (s: number) => s + 1 };
    await handleCommand(store, counter, sid, { type: 'Count', by: 1 }, ctx, { cache });
    expect((await loadState(store, eventCount, sid, { cache })).state).toBe(4);
    expect((await loadState(store, counter, sid, { cache })).state.count).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('creates a stream through the cache and refuses a second creation', async () => {
    const sid = fresh();
    const cache = new StateCache(100);
    await expect(handleCommand(store, counter, sid, { type: 'Count', by: 1 }, ctx, { cache })).rejects.toBeInstanceOf(StreamNotFoundError);
    const created = await handleCommand(store, counter, sid, { type: 'Open' }, ctx, { creates: true, cache });
    expect(created.state).toEqual({ opened: true, count: 0 });
    await expect(handleCommand(store, counter, sid, { type: 'Open' }, ctx, { creates: true, cache })).rejects.toBeInstanceOf(InvariantError);
  });
});
