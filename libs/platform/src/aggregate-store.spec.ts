import { EventEnvelope, EventStore, embeddedEventStore, NotFoundError, ReadStreamOptions, SqlEventStore } from '@spbe/ledger-core';
import { testActor } from '@spbe/ledger-core/testing';
import { AggregateStore } from './aggregate-store';

type Tally = { exists: boolean; total: number };
const tally = {
  initialState: (): Tally => ({ exists: false, total: 0 }),
  evolve: (s: Tally, e: EventEnvelope): Tally => ({ exists: true, total: s.total + ((e.payload.n as number) ?? 0) }),
};

describe('AggregateStore folds from the state cache, reading only what is new', () => {
  let raw: SqlEventStore;
  let store: EventStore;
  const reads: Array<number | undefined> = [];
  const ctx = { actor: testActor };
  const sid = 'kota-kupang:audit.tally:t1';
  const add = (expectedVersion: number | 'no-stream', count: number) =>
    raw.append({ streamId: sid, expectedVersion, events: Array.from({ length: count }, () => ({ type: 'Added', payload: { n: 1 } })), context: ctx });

  beforeAll(async () => {
    raw = await embeddedEventStore(undefined);
    await raw.init();
    store = new Proxy(raw, {
      get(target, prop) {
        if (prop === 'readStream') {
          return (streamId: string, options?: ReadStreamOptions) => {
            reads.push(options?.fromVersion);
            return target.readStream(streamId, options);
          };
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  });
  afterAll(() => raw.close());

  it('get and state read the events after the cached version; history still returns every event', async () => {
    const aggregates = new AggregateStore(store);
    await add('no-stream', 1000);
    await add(999, 1000);
    expect(await aggregates.get(tally, sid, 'tally', 't1')).toMatchObject({ total: 2000, version: 1999 });
    expect(reads).toEqual([undefined]);
    await add(1999, 3);
    reads.length = 0;
    expect(await aggregates.state(tally, sid)).toEqual({ exists: true, total: 2003 });
    expect(await aggregates.get(tally, sid, 'tally', 't1')).toMatchObject({ total: 2003, version: 2002 });
    expect(await aggregates.all(tally, 'kota-kupang', 'audit', 'tally')).toEqual([{ exists: true, total: 2003, id: 't1', version: 2002 }]);
    expect(reads).toEqual([1999, 2002, 2002]);
    reads.length = 0;
    expect((await aggregates.history(sid, 'tally', 't1')).items).toHaveLength(2003);
    expect(reads).toEqual([undefined]);
  });

  it('answers a stream with no events as before: initial state, or 404 naming it', async () => {
    const aggregates = new AggregateStore(store);
    const missing = 'kota-kupang:audit.tally:none';
    expect(await aggregates.state(tally, missing)).toEqual({ exists: false, total: 0 });
    await expect(aggregates.get(tally, missing, 'tally', 'none')).rejects.toBeInstanceOf(NotFoundError);
  });
});
