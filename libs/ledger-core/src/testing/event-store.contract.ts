import {
  CommandReuseError,
  ConcurrencyError,
  PayloadTooLargeError,
  StreamNotFoundError,
  ValidationError,
} from '../errors';
import { Actor, EventEnvelope } from '../envelope';
import { ZERO_HASH } from '../hash';
import { verifyChain } from '../integrity';
import { EventStore } from '../event-store/port';
import { runId } from './infra';

export const testActor: Actor = { id: 'u-asesor-1', name: 'Maria Bere', role: 'asesor', unitId: 'dinas-kominfo' };

/**
 * The EventStore contract: every adapter passes the same suite. `make` returns a fresh store whose
 * data may be shared with earlier runs (a real server), so each test uses its own tenant prefix.
 */
export function eventStoreContract(make: () => Promise<EventStore>): void {
  let store: EventStore;
  let tenant: string;
  const sid = (id: string, aggregate = 'designation') => `${tenant}:registry.${aggregate}:${id}`;
  const ev = (n: number) => ({ type: 'TestRecorded', payload: { n, note: `catatan ${n}` } });
  const ctx = { actor: testActor };

  beforeAll(async () => {
    store = await make();
    await store.init();
  });
  afterAll(async () => store?.close());
  beforeEach(() => {
    tenant = runId('kota-');
  });

  it('appends a first event at version 0 with a zero prevHash and a valid hash', async () => {
    const r = await store.append({ streamId: sid('a'), expectedVersion: 'no-stream', events: [ev(1)], context: ctx });
    expect(r.nextExpectedVersion).toBe(0);
    expect(r.idempotentReplay).toBe(false);
    const [e] = r.events;
    expect(e).toMatchObject({ version: 0, tenantId: tenant, streamId: sid('a'), type: 'TestRecorded', schemaVersion: 1, prevHash: ZERO_HASH });
    expect(e.actor).toEqual(testActor);
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof e.globalPosition).toBe('number');
    expect(await store.readStream(sid('a'))).toEqual(r.events);
  });

  it('chains hashes across appends and verifies the stream', async () => {
    await store.append({ streamId: sid('b'), expectedVersion: 'no-stream', events: [ev(1), ev(2)], context: ctx });
    await store.append({
      streamId: sid('b'),
      expectedVersion: 1,
      events: [{ ...ev(3), legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 52(3)' }, occurredAt: '2025-04-15' }],
      context: { ...ctx, commandId: `cmd-${tenant}`, correlationId: 'corr-1', causationId: 'cause-1' },
    });
    const events = await store.readStream(sid('b'));
    expect(events.map((e) => e.version)).toEqual([0, 1, 2]);
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[2].prevHash).toBe(events[1].hash);
    expect(events[2]).toMatchObject({
      legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 52(3)' },
      occurredAt: '2025-04-15T00:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      commandId: `cmd-${tenant}`,
    });
    expect(verifyChain(sid('b'), events)).toMatchObject({ ok: true, events: 3 });
  });

  it('rejects a wrong expected version with a typed conflict naming the actual version', async () => {
    await store.append({ streamId: sid('c'), expectedVersion: 'no-stream', events: [ev(1), ev(2)], context: ctx });
    const err = await store.append({ streamId: sid('c'), expectedVersion: 0, events: [ev(3)], context: ctx }).catch((e) => e);
    expect(err).toBeInstanceOf(ConcurrencyError);
    expect(err).toMatchObject({ streamId: sid('c'), expected: 0, actual: 1 });
    await expect(store.append({ streamId: sid('c'), expectedVersion: 'no-stream', events: [ev(3)], context: ctx })).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append({ streamId: sid('none'), expectedVersion: 'stream-exists', events: [ev(3)], context: ctx })).rejects.toBeInstanceOf(
      StreamNotFoundError,
    );
    await expect(store.append({ streamId: sid('none'), expectedVersion: 3, events: [ev(3)], context: ctx })).rejects.toMatchObject({ actual: -1 });
    expect((await store.readStream(sid('c'))).length).toBe(2);
  });

  it('reads a stream forward from a version, and refuses an unknown stream', async () => {
    await store.append({ streamId: sid('d'), expectedVersion: 'no-stream', events: [ev(1), ev(2), ev(3), ev(4)], context: ctx });
    const tail = await store.readStream(sid('d'), { fromVersion: 2 });
    expect(tail.map((e) => e.payload.n)).toEqual([3, 4]);
    expect((await store.readStream(sid('d'), { fromVersion: 1, maxCount: 2 })).map((e) => e.version)).toEqual([1, 2]);
    await expect(store.readStream(sid('unknown'))).rejects.toBeInstanceOf(StreamNotFoundError);
    expect(await store.streamHead(sid('unknown'))).toBeNull();
  });

  it('reads the global order from an exclusive position', async () => {
    const start = await store.headPosition();
    const a = await store.append({ streamId: sid('e1'), expectedVersion: 'no-stream', events: [ev(1)], context: ctx });
    const b = await store.append({ streamId: sid('e2'), expectedVersion: 'no-stream', events: [ev(2), ev(3)], context: ctx });
    const mine = (await readAllFrom(store, start)).filter((e) => e.tenantId === tenant);
    expect(mine.map((e) => e.eventId)).toEqual([...a.events, ...b.events].map((e) => e.eventId));
    const positions = mine.map((e) => e.globalPosition);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    const afterFirst = (await readAllFrom(store, a.events[0].globalPosition)).filter((e) => e.tenantId === tenant);
    expect(afterFirst.map((e) => e.payload.n)).toEqual([2, 3]);
    expect(await store.headPosition()).toBeGreaterThanOrEqual(b.events[1].globalPosition);
  });

  it('subscribes: catches up, then receives live appends, in order', async () => {
    const before = await store.append({ streamId: sid('f'), expectedVersion: 'no-stream', events: [ev(1), ev(2)], context: ctx });
    const seen: EventEnvelope[] = [];
    const sub = store.subscribe({
      after: before.events[0].globalPosition - 1,
      filter: (e) => e.tenantId === tenant,
      handler: async (batch) => {
        seen.push(...batch);
      },
    });
    await sub.caughtUp;
    expect(seen.map((e) => e.payload.n)).toEqual([1, 2]);
    await store.append({ streamId: sid('f'), expectedVersion: 1, events: [ev(3)], context: ctx });
    await waitFor(() => seen.length === 3);
    await sub.stop();
    expect(seen.map((e) => e.version)).toEqual([0, 1, 2]);
  });

  it('is idempotent by commandId: a retry appends nothing and returns the original result', async () => {
    const commandId = `cmd-${tenant}-x`;
    const first = await store.append({ streamId: sid('g'), expectedVersion: 'no-stream', events: [ev(1), ev(2)], context: { ...ctx, commandId } });
    const retry = await store.append({ streamId: sid('g'), expectedVersion: 'no-stream', events: [ev(1), ev(2)], context: { ...ctx, commandId } });
    expect(retry.idempotentReplay).toBe(true);
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(retry.nextExpectedVersion).toBe(1);
    expect((await store.readStream(sid('g'))).length).toBe(2);
    expect((await store.findByCommandId(tenant, commandId)).map((e) => e.version)).toEqual([0, 1]);
    await expect(store.append({ streamId: sid('h'), expectedVersion: 'any', events: [ev(1)], context: { ...ctx, commandId } })).rejects.toBeInstanceOf(
      CommandReuseError,
    );
    expect(await store.streamHead(sid('h'))).toBeNull();
  });

  it('scopes idempotency keys per tenant: two tenants may use the same commandId, each retry replays its own result', async () => {
    const other = runId('kota-');
    const otherSid = (id: string) => `${other}:registry.designation:${id}`;
    const commandId = `cmd-shared-${tenant}`;
    const a = await store.append({ streamId: sid('i'), expectedVersion: 'no-stream', events: [ev(1)], context: { ...ctx, commandId } });
    const b = await store.append({ streamId: otherSid('i'), expectedVersion: 'no-stream', events: [ev(2), ev(3)], context: { ...ctx, commandId } });
    expect(a.idempotentReplay).toBe(false);
    expect(b.idempotentReplay).toBe(false);
    expect(b.events.map((e) => e.tenantId)).toEqual([other, other]);
    const retryA = await store.append({ streamId: sid('i'), expectedVersion: 'no-stream', events: [ev(1)], context: { ...ctx, commandId } });
    expect(retryA).toMatchObject({ idempotentReplay: true, streamId: sid('i'), nextExpectedVersion: 0 });
    expect(retryA.events.map((e) => e.eventId)).toEqual(a.events.map((e) => e.eventId));
    const retryB = await store.append({ streamId: otherSid('i'), expectedVersion: 'no-stream', events: [ev(2), ev(3)], context: { ...ctx, commandId } });
    expect(retryB.events.map((e) => e.eventId)).toEqual(b.events.map((e) => e.eventId));
    expect((await store.findByCommandId(tenant, commandId)).map((e) => e.eventId)).toEqual(a.events.map((e) => e.eventId));
    expect((await store.findByCommandId(other, commandId)).map((e) => e.eventId)).toEqual(b.events.map((e) => e.eventId));
    expect(await store.findByCommandId(runId('kota-'), commandId)).toEqual([]);
    expect((await store.readStream(sid('i'))).length).toBe(1);
    expect((await store.readStream(otherSid('i'))).length).toBe(2);
  });

  it('refuses a key reused on another stream of the same tenant, naming only that tenant\'s stream', async () => {
    const other = runId('kota-');
    const commandId = `cmd-reuse-${tenant}`;
    // The other tenant uses the key first: it must not matter to this tenant in any way.
    await store.append({ streamId: `${other}:registry.designation:j`, expectedVersion: 'no-stream', events: [ev(1)], context: { ...ctx, commandId } });
    await store.append({ streamId: sid('j'), expectedVersion: 'no-stream', events: [ev(1)], context: { ...ctx, commandId } });
    const err = await store.append({ streamId: sid('k'), expectedVersion: 'any', events: [ev(2)], context: { ...ctx, commandId } }).catch((e) => e);
    expect(err).toBeInstanceOf(CommandReuseError);
    expect(err).toMatchObject({ commandId, streamId: sid('k'), originalStreamId: sid('j') });
    expect(err.message).toContain(sid('j'));
    expect(`${err.message} ${JSON.stringify(err)}`).not.toContain(other);
    expect(await store.streamHead(sid('k'))).toBeNull();
  });

  it('serialises concurrent appends with expectedVersion "any" into a gap-free stream', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => store.append({ streamId: sid('race'), expectedVersion: 'any', events: [ev(i)], context: ctx })),
    );
    const events = await store.readStream(sid('race'));
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(verifyChain(sid('race'), events).ok).toBe(true);
  });

  it.each([
    ['a malformed stream id', { streamId: 'not a stream' }, ValidationError, 'streamId'],
    ['no events', { events: [] }, ValidationError, 'events: must be a non-empty array'],
    ['a bad event type', { events: [{ type: 'lower case', payload: {} }] }, ValidationError, 'events[0].type'],
    ['a payload that is not an object', { events: [{ type: 'TestRecorded', payload: [1] }] }, ValidationError, 'events[0].payload'],
    ['a payload with NaN', { events: [{ type: 'TestRecorded', payload: { x: NaN } }] }, ValidationError, 'events[0].payload: payload.x: non-finite number NaN'],
    ['a bad actor role', { context: { actor: { ...testActor, role: 'raja' } } }, ValidationError, 'actor.role'],
    ['a bad occurredAt', { events: [{ type: 'TestRecorded', payload: {}, occurredAt: 'kemarin' }] }, ValidationError, 'events[0].occurredAt'],
    ['a legal basis without article', { events: [{ type: 'TestRecorded', payload: {}, legalBasis: { regulation: 'x' } }] }, ValidationError, 'events[0].legalBasis'],
    ['a negative expected version', { expectedVersion: -2 }, ValidationError, 'expectedVersion'],
    ['an oversized payload', { events: [ev(1), { type: 'TestRecorded', payload: { blob: 'x'.repeat(300 * 1024) } }] }, PayloadTooLargeError, 'events[1].payload'],
  ])('refuses %s with a typed error and writes nothing', async (_name, patch, type, message) => {
    const req = { streamId: sid('bad'), expectedVersion: 'any' as const, events: [ev(1)], context: ctx, ...(patch as object) };
    const err = await store.append(req as never).catch((e) => e);
    expect(err).toBeInstanceOf(type);
    expect(err.message).toContain(message);
    expect(await store.streamHead(sid('bad'))).toBeNull();
  });

  it('lists a tenant\'s streams and finds an event by id', async () => {
    const a = await store.append({ streamId: sid('l1'), expectedVersion: 'no-stream', events: [ev(1)], context: ctx });
    await store.append({ streamId: sid('l2', 'unit'), expectedVersion: 'no-stream', events: [ev(2)], context: ctx });
    expect(await store.listStreams(tenant)).toEqual([sid('l1'), sid('l2', 'unit')].sort());
    expect(await store.findEvent(a.events[0].eventId)).toEqual(a.events[0]);
    expect(await store.findEvent('01a20300-0000-7000-8000-00000000dead')).toBeNull();
    expect(await store.findEvent('not-a-uuid')).toBeNull();
  });

  it('keeps named checkpoints', async () => {
    const name = `forwarder-${tenant}`;
    expect(await store.getCheckpoint(name)).toBeUndefined();
    await store.saveCheckpoint(name, 41);
    await store.saveCheckpoint(name, 42);
    expect(await store.getCheckpoint(name)).toBe(42);
  });
}

export async function readAllFrom(store: EventStore, after: number | undefined): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 500 });
    out.push(...batch);
    if (batch.length < 500) return out;
    after = batch[batch.length - 1].globalPosition;
  }
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
