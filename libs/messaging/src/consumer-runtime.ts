import { Bus, BusMessage, ConsumerHandle, dlqTopic } from './port';
import { Metrics } from './metrics';

export interface ParkedMessage {
  id: string;
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: unknown;
  error: string;
  attempts: number;
  parkedAt: string;
}

/** Where parked messages are remembered so operators can list them (a read model in practice). */
export interface ParkedMessageSink {
  park(message: ParkedMessage): Promise<void>;
  list(filter?: { groupId?: string; topic?: string }): Promise<ParkedMessage[]>;
}

export class MemoryParkedMessages implements ParkedMessageSink {
  private readonly items = new Map<string, ParkedMessage>();
  async park(m: ParkedMessage): Promise<void> {
    this.items.set(m.id, m);
  }
  async list(filter: { groupId?: string; topic?: string } = {}): Promise<ParkedMessage[]> {
    return [...this.items.values()].filter((m) => (!filter.groupId || m.groupId === filter.groupId) && (!filter.topic || m.topic === filter.topic));
  }
}

export interface ConsumerRuntimeOptions {
  bus: Bus;
  groupId: string;
  topics: string[];
  handler: (message: BusMessage) => Promise<void>;
  /** Optional bulk path; a failing batch is retried message by message (bounded, then parked). */
  batchHandler?: (messages: BusMessage[]) => Promise<void>;
  parked: ParkedMessageSink;
  metrics?: Metrics;
  /** Attempts before a message is parked (default 5). */
  maxAttempts?: number;
  /** Backoff before attempt n: baseDelayMs × 2^(n-2), capped at 5 s. */
  baseDelayMs?: number;
  fromBeginning?: boolean;
  onError?: (err: unknown, message: BusMessage, attempt: number) => void;
}

/**
 * Runs a handler over a bus subscription with bounded retries. A message that still fails after
 * `maxAttempts` is published to `<topic>.dlq` (with the error in its headers), remembered in the
 * parked-message sink and counted in `spbe_consumer_parked_messages_total`; then the consumer
 * moves on. Nothing is skipped silently: every message is either handled or parked.
 */
export async function runConsumer(options: ConsumerRuntimeOptions): Promise<ConsumerHandle> {
  const maxAttempts = options.maxAttempts ?? 5;
  const base = options.baseDelayMs ?? 100;
  const dlqs = options.topics.map(dlqTopic);
  await options.bus.ensureTopics([...options.topics, ...dlqs]);
  return options.bus.consume({
    groupId: options.groupId,
    topics: options.topics,
    fromBeginning: options.fromBeginning ?? true,
    batchHandler: options.batchHandler
      ? async (messages) => {
          await options.batchHandler!(messages);
          const byTopic = new Map<string, number>();
          for (const m of messages) byTopic.set(m.topic, (byTopic.get(m.topic) ?? 0) + 1);
          for (const [topic, n] of byTopic) options.metrics?.inc('spbe_consumer_messages_total', 'Messages handled by consumer group', { group: options.groupId, topic }, n);
        }
      : undefined,
    handler: async (message) => {
      let lastError: unknown;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (attempt > 1) await sleep(Math.min(5000, base * 2 ** (attempt - 2)));
        try {
          await options.handler(message);
          options.metrics?.inc('spbe_consumer_messages_total', 'Messages handled by consumer group', { group: options.groupId, topic: message.topic });
          return;
        } catch (err) {
          lastError = err;
          options.onError?.(err, message, attempt);
          options.metrics?.inc('spbe_consumer_retries_total', 'Failed handler attempts', { group: options.groupId, topic: message.topic });
        }
      }
      await park(options, message, lastError, maxAttempts);
    },
  });
}

async function park(options: ConsumerRuntimeOptions, message: BusMessage, err: unknown, attempts: number): Promise<void> {
  const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const parkedAt = new Date().toISOString();
  const entry: ParkedMessage = {
    id: `${options.groupId}|${message.topic}|${message.partition}|${message.offset}`,
    groupId: options.groupId,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    error,
    attempts,
    parkedAt,
  };
  await options.bus.publish(dlqTopic(message.topic), [
    {
      key: message.key,
      value: message.value,
      headers: { 'x-error': error, 'x-group': options.groupId, 'x-source-offset': `${message.partition}:${message.offset}`, 'x-parked-at': parkedAt },
    },
  ]);
  await options.parked.park(entry);
  options.metrics?.inc('spbe_consumer_parked_messages_total', 'Messages parked on the dead-letter topic', { group: options.groupId, topic: message.topic });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
