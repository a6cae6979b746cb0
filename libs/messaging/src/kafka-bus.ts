import { Admin, Consumer, Kafka, KafkaMessage, logLevel, Partitioners, Producer } from 'kafkajs';
import { Bus, BusMessage, ConsumeOptions, ConsumerHandle, OutgoingMessage } from './port';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  partitions?: number;
}

/**
 * Apache Kafka through kafkajs. Values are JSON; the key (the stream id on event topics) keeps
 * per-aggregate order. The producer is idempotent; consumers commit after the handler resolves.
 */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private admin?: Admin;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      // Handler failures are retried and reported by the consumer runtime; kafkajs's own error
      // lines for them are noise under test.
      logLevel: process.env.NODE_ENV === 'test' ? logLevel.NOTHING : logLevel.ERROR,
      retry: { retries: 8, initialRetryTime: 200 },
    });
  }

  async connect(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const admin = this.requireAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      // kafkajs's own wait for leaders (createTopics waitForLeaders) gives up on the first
      // UNKNOWN_TOPIC_OR_PARTITION a broker answers before the new topic's metadata reached it, and
      // another service may be creating the same topics at this moment ("already exists", no wait).
      // So creation does not wait, and every caller waits below with its own retries.
      try {
        await admin.createTopics({
          waitForLeaders: false,
          topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 3, replicationFactor: 1 })),
        });
      } catch (err) {
        if (!isAlreadyExistsOrRetriable(err)) throw err;
      }
    }
    await this.waitForLeaders(topics);
  }

  /** Until every partition of every topic has a leader (a consumer subscribing earlier is refused with UNKNOWN_TOPIC_OR_PARTITION). */
  private async waitForLeaders(topics: string[], timeoutMs = 30_000): Promise<void> {
    const admin = this.requireAdmin();
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const { topics: meta } = await admin.fetchTopicMetadata({ topics });
        const ready = meta.length === topics.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
        if (ready) return;
        last = new Error(`topics without leaders: ${meta.filter((t) => t.partitions.some((p) => p.leader < 0)).map((t) => t.name).join(', ') || 'metadata incomplete'}`);
      } catch (err) {
        last = err;
      }
      if (Date.now() > deadline) throw new Error(`Kafka topics not ready after ${timeoutMs} ms: ${last instanceof Error ? last.message : String(last)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (!this.producer) throw new Error('KafkaBus.publish before connect()');
    await this.producer.send({
      topic,
      messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value), headers: m.headers })),
    });
  }

  async consume(options: ConsumeOptions): Promise<ConsumerHandle> {
    const consumer = this.kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false, sessionTimeout: 30000, heartbeatInterval: 3000 });
    await consumer.connect();
    await retryRetriable(() => consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true }));
    const toMessage = (topic: string, partition: number, message: KafkaMessage): BusMessage => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      return { topic, partition, offset: message.offset, key: message.key?.toString() ?? '', value: message.value ? JSON.parse(message.value.toString()) : null, headers };
    };
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: 3,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const messages = batch.messages.map((m) => toMessage(batch.topic, batch.partition, m));
        if (options.batchHandler && messages.length > 1) {
          try {
            await options.batchHandler(messages);
            resolveOffset(messages[messages.length - 1].offset);
            await heartbeat();
            return;
          } catch {
            // fall back to one message at a time below
          }
        }
        for (const m of messages) {
          if (!isRunning() || isStale()) break;
          await options.handler(m);
          resolveOffset(m.offset);
          await heartbeat();
        }
      },
    });
    this.consumers.add(consumer);
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async ping(): Promise<void> {
    await this.requireAdmin().describeCluster();
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect().catch(() => undefined)));
    this.consumers.clear();
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  private requireAdmin(): Admin {
    if (!this.admin) throw new Error('KafkaBus used before connect()');
    return this.admin;
  }
}

/** A topic created concurrently by another client, or a broker whose metadata has not caught up yet. */
function isAlreadyExistsOrRetriable(err: unknown): boolean {
  const e = err as { type?: string; retriable?: boolean; errors?: unknown[] };
  if (e.type === 'TOPIC_ALREADY_EXISTS' || e.retriable === true) return true;
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isAlreadyExistsOrRetriable);
}

/** Retries an operation kafkajs marks retriable (e.g. metadata not yet propagated to the broker). */
async function retryRetriable<T>(op: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (err) {
      const retriable = (err as { retriable?: boolean }).retriable === true;
      if (!retriable || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * i)));
    }
  }
}
