import { Bus, BusMessage, ConsumeOptions, ConsumerHandle, OutgoingMessage } from './port';

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

interface Group {
  offsets: Map<string, number>;
  running: boolean;
}

/**
 * In-process bus for the embedded mode and unit tests: one append-only log per topic, one offset
 * per consumer group and topic, messages delivered one at a time in publish order (so in order per
 * key). A handler that throws gets the same message again after a short pause, as with Kafka.
 * Nothing survives the process; the embedded mode re-publishes from the event store at start.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly logs = new Map<string, BusMessage[]>();
  private readonly groups = new Map<string, Group>();
  private readonly wakers = new Set<() => void>();

  async connect(): Promise<void> {}

  async ensureTopics(topics: string[]): Promise<void> {
    for (const t of topics) this.log(t);
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const log = this.log(topic);
    for (const m of messages) {
      // Frozen rather than copied (a copy per message doubled the embedded app's memory):
      // consumers cannot mutate what the producer handed over, as with a serialising broker.
      log.push({ topic, key: m.key, value: deepFreeze(m.value), headers: { ...m.headers }, partition: 0, offset: String(log.length) });
    }
    for (const wake of this.wakers) wake();
  }

  async consume(options: ConsumeOptions): Promise<ConsumerHandle> {
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = { offsets: new Map(), running: false };
      this.groups.set(options.groupId, group);
    }
    if (group.running) throw new Error(`consumer group ${options.groupId} is already consuming in this process`);
    group.running = true;
    for (const t of options.topics) {
      if (!group.offsets.has(t)) group.offsets.set(t, options.fromBeginning === false ? this.log(t).length : 0);
    }
    const g = group;
    let stopped = false;
    let wake: (() => void) | null = null;
    const waker = () => wake?.();
    this.wakers.add(waker);

    const loop = (async () => {
      while (!stopped) {
        let delivered = false;
        for (const t of options.topics) {
          const log = this.log(t);
          const at = g.offsets.get(t) ?? 0;
          if (at >= log.length) continue;
          delivered = true;
          if (options.batchHandler && log.length - at > 1) {
            const batch = log.slice(at, at + 500);
            try {
              await options.batchHandler(batch);
              g.offsets.set(t, at + batch.length);
              continue;
            } catch {
              // fall through to one message at a time
            }
          }
          try {
            await options.handler(log[at]);
            g.offsets.set(t, at + 1);
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        if (!delivered && !stopped) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(() => ((wake = null), resolve()), 1000);
            wake = () => {
              clearTimeout(t);
              wake = null;
              resolve();
            };
          });
        }
      }
    })();

    return {
      stop: async () => {
        stopped = true;
        this.wakers.delete(waker);
        wake?.();
        await loop;
        g.running = false;
      },
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.wakers.clear();
  }

  private log(topic: string): BusMessage[] {
    let log = this.logs.get(topic);
    if (!log) {
      log = [];
      this.logs.set(topic, log);
    }
    return log;
  }
}
