import { Decider, fold, handleCommand } from './aggregate';
import { EventEnvelope, NewEvent } from './envelope';
import { ConcurrencyError, InvariantError, StreamNotFoundError } from './errors';
import { embeddedEventStore } from './event-store/pglite';
import { SqlEventStore } from './event-store/sql-event-store';
import { testActor } from './testing/event-store.contract';

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
