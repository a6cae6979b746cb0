import { embeddedEventStore } from '@spbe/ledger-core';
import { runId, testActor, waitFor } from '@spbe/ledger-core/testing';
import { Bus, BusMessage, dlqTopic } from '../port';
import { MemoryParkedMessages, runConsumer } from '../consumer-runtime';
import { MemoryCheckpoints, startForwarder } from '../forwarder';
import { Metrics } from '../metrics';

/** The Bus contract: run against the in-process bus and a real Kafka broker. */
export function busContract(make: () => Promise<Bus>, timeoutMs = 30_000): void {
  let bus: Bus;
  beforeAll(async () => {
    bus = await make();
    await bus.connect();
  });
  afterAll(async () => bus?.close());

  it('delivers published messages in order per key to a new group from the beginning', async () => {
    const topic = runId('spbe.test.');
    await bus.ensureTopics([topic]);
    await bus.publish(topic, [1, 2, 3].map((n) => ({ key: 'kota-a:registry.unit:u1', value: { n } })));
    await bus.publish(topic, [{ key: 'kota-a:registry.unit:u2', value: { n: 4 }, headers: { 'x-event-type': 'UnitRegistered' } }]);
    const got: BusMessage[] = [];
    const c = await bus.consume({ groupId: runId('g'), topics: [topic], handler: async (m) => void got.push(m) });
    await waitFor(() => got.length === 4, timeoutMs);
    await c.stop();
    const u1 = got.filter((m) => m.key.endsWith('u1')).map((m) => (m.value as { n: number }).n);
    expect(u1).toEqual([1, 2, 3]);
    expect(got.find((m) => m.key.endsWith('u2'))?.headers?.['x-event-type']).toBe('UnitRegistered');
  }, timeoutMs * 2);

  it('redelivers a message whose handler failed, and resumes a group where it committed', async () => {
    const topic = runId('spbe.test.');
    const group = runId('g');
    await bus.ensureTopics([topic]);
    await bus.publish(topic, [{ key: 'k', value: { n: 1 } }]);
    let failures = 0;
    const got: number[] = [];
    const c1 = await bus.consume({
      groupId: group,
      topics: [topic],
      handler: async (m) => {
        if (failures++ === 0) throw new Error('transient');
        got.push((m.value as { n: number }).n);
      },
    });
    await waitFor(() => got.length === 1, timeoutMs);
    await c1.stop();
    await bus.publish(topic, [{ key: 'k', value: { n: 2 } }]);
    const c2 = await bus.consume({ groupId: group, topics: [topic], handler: async (m) => void got.push((m.value as { n: number }).n) });
    await waitFor(() => got.length === 2, timeoutMs);
    await c2.stop();
    expect(got).toEqual([1, 2]);
  }, timeoutMs * 3);

  it('consumer runtime: retries a bounded number of times, then parks on <topic>.dlq and moves on', async () => {
    const topic = runId('spbe.test.');
    const group = runId('g');
    const parked = new MemoryParkedMessages();
    const metrics = new Metrics();
    const handled: number[] = [];
    let attemptsOnPoison = 0;
    await bus.ensureTopics([topic]);
    await bus.publish(topic, [1, 2, 3].map((n) => ({ key: `k${n}`, value: { n } })));
    const c = await runConsumer({
      bus,
      groupId: group,
      topics: [topic],
      parked,
      metrics,
      maxAttempts: 3,
      baseDelayMs: 5,
      handler: async (m) => {
        const n = (m.value as { n: number }).n;
        if (n === 2) {
          attemptsOnPoison++;
          throw new Error('cannot project n=2');
        }
        handled.push(n);
      },
    });
    await waitFor(async () => handled.length === 2 && (await parked.list()).length === 1, timeoutMs);
    await c.stop();
    expect(handled.sort()).toEqual([1, 3]);
    expect(attemptsOnPoison).toBe(3);
    const [p] = await parked.list({ groupId: group });
    expect(p).toMatchObject({ topic, key: 'k2', value: { n: 2 }, attempts: 3, error: 'Error: cannot project n=2' });
    expect(metrics.value('spbe_consumer_parked_messages_total', { group, topic })).toBe(1);
    const dlq: BusMessage[] = [];
    const d = await bus.consume({ groupId: runId('dlq'), topics: [dlqTopic(topic)], handler: async (m) => void dlq.push(m) });
    await waitFor(() => dlq.length === 1, timeoutMs);
    await d.stop();
    expect(dlq[0]).toMatchObject({ key: 'k2', value: { n: 2 } });
    expect(dlq[0].headers?.['x-error']).toBe('Error: cannot project n=2');
  }, timeoutMs * 3);

  it('consumer runtime: bulk path handles batches; a failing batch falls back to messages, parking only the poison one', async () => {
    const topic = runId('spbe.test.');
    const parked = new MemoryParkedMessages();
    const handled: number[] = [];
    let batches = 0;
    await bus.ensureTopics([topic]);
    await bus.publish(topic, [1, 2, 3, 4].map((n) => ({ key: 'same-key', value: { n } })));
    const c = await runConsumer({
      bus,
      groupId: runId('g'),
      topics: [topic],
      parked,
      maxAttempts: 2,
      baseDelayMs: 5,
      batchHandler: async (ms) => {
        batches++;
        if (ms.some((m) => (m.value as { n: number }).n === 3)) throw new Error('batch contains n=3');
        handled.push(...ms.map((m) => (m.value as { n: number }).n));
      },
      handler: async (m) => {
        const n = (m.value as { n: number }).n;
        if (n === 3) throw new Error('cannot project n=3');
        handled.push(n);
      },
    });
    await waitFor(async () => handled.length === 3 && (await parked.list()).length === 1, timeoutMs);
    await c.stop();
    expect(handled).toEqual([1, 2, 4]);
    expect(batches).toBeGreaterThanOrEqual(1);
    expect((await parked.list())[0]).toMatchObject({ value: { n: 3 }, attempts: 2 });
  }, timeoutMs * 3);

  it('forwarder: publishes stored events to their context topic keyed by streamId, resuming from its checkpoint', async () => {
    const store = await embeddedEventStore(undefined);
    await store.init();
    const tenant = runId('kota-');
    const context = runId('ctx').replace(/[^a-z]/g, 'x');
    const topic = `spbe.${context}.events`;
    const checkpoints = new MemoryCheckpoints();
    const name = runId('fw');
    try {
      await store.append({ streamId: `${tenant}:${context}.unit:u1`, expectedVersion: 'no-stream', events: [{ type: 'UnitRegistered', payload: { n: 1 } }], context: { actor: testActor } });
      const fw1 = await startForwarder({ name, store, bus, checkpoints, topicPrefix: '' });
      await fw1.subscription.caughtUp;
      await fw1.stop();
      await store.append({ streamId: `${tenant}:${context}.unit:u1`, expectedVersion: 0, events: [{ type: 'UnitRenamed', payload: { n: 2 } }], context: { actor: testActor } });
      const fw2 = await startForwarder({ name, store, bus, checkpoints });
      await fw2.subscription.caughtUp;
      const got: BusMessage[] = [];
      const c = await bus.consume({ groupId: runId('g'), topics: [topic], handler: async (m) => void got.push(m) });
      await waitFor(() => got.length >= 2, timeoutMs);
      await new Promise((r) => setTimeout(r, 300));
      await c.stop();
      await fw2.stop();
      expect(got.map((m) => (m.value as { type: string }).type)).toEqual(['UnitRegistered', 'UnitRenamed']); // each once
      expect(got.every((m) => m.key === `${tenant}:${context}.unit:u1`)).toBe(true);
      expect(await checkpoints.getCheckpoint(`forwarder:${name}`)).toBe((got[1].value as { globalPosition: number }).globalPosition);
    } finally {
      await store.close();
    }
  }, timeoutMs * 3);
}
