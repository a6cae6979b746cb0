import { EventEnvelope, EventStore, parseStreamId, Subscription } from '@spbe/ledger-core';
import { Bus } from './port';
import { topicForContext } from './port';
import { Metrics } from './metrics';

export interface CheckpointStore {
  getCheckpoint(name: string): Promise<number | undefined>;
  saveCheckpoint(name: string, position: number): Promise<void>;
}

/** Checkpoints that live only as long as the process (the embedded mode re-publishes at start). */
export class MemoryCheckpoints implements CheckpointStore {
  private readonly map = new Map<string, number>();
  async getCheckpoint(name: string) {
    return this.map.get(name);
  }
  async saveCheckpoint(name: string, position: number) {
    this.map.set(name, position);
  }
}

export interface ForwarderOptions {
  name: string;
  store: EventStore;
  bus: Bus;
  checkpoints: CheckpointStore;
  /** Only streams of these contexts (default: all). */
  contexts?: string[];
  metrics?: Metrics;
  onError?: (err: unknown) => void;
  /** Topic namespace (KAFKA_TOPIC_PREFIX). */
  topicPrefix?: string;
}

export interface Forwarder {
  readonly subscription: Subscription;
  stop(): Promise<void>;
}

/**
 * Follows the event store's global order from a persisted checkpoint and publishes each event to
 * its context's topic, keyed by streamId — no dual writes: the store is the only source. The
 * checkpoint is saved after the batch is acknowledged by the bus, so a crash re-publishes at most
 * one batch (consumers are idempotent per stream version).
 */
export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
  const { store, bus, checkpoints, name } = options;
  const checkpointName = `forwarder:${name}`;
  const after = await checkpoints.getCheckpoint(checkpointName);
  const contexts = options.contexts ? new Set(options.contexts) : undefined;
  const topics = new Set<string>();
  const subscription = store.subscribe({
    after,
    filter: contexts ? (e) => contexts.has(parseStreamId(e.streamId).context) : undefined,
    onError: options.onError,
    handler: async (batch) => {
      const byTopic = new Map<string, EventEnvelope[]>();
      for (const e of batch) {
        const topic = topicForContext(parseStreamId(e.streamId).context, options.topicPrefix);
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), e]);
      }
      const fresh = [...byTopic.keys()].filter((t) => !topics.has(t));
      if (fresh.length) {
        await bus.ensureTopics(fresh);
        fresh.forEach((t) => topics.add(t));
      }
      for (const [topic, events] of byTopic) {
        await bus.publish(topic, events.map((e) => ({ key: e.streamId, value: e, headers: { 'x-event-type': e.type } })));
      }
      const last = batch[batch.length - 1].globalPosition;
      await checkpoints.saveCheckpoint(checkpointName, last);
      options.metrics?.inc('spbe_forwarder_events_total', 'Events forwarded to the bus', { forwarder: name }, batch.length);
      options.metrics?.set('spbe_forwarder_position', 'Last forwarded global position', { forwarder: name }, last);
    },
  });
  return { subscription, stop: () => subscription.stop() };
}
