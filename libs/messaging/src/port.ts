export interface OutgoingMessage {
  key: string;
  /** JSON-serialisable value (an event envelope on the event topics). */
  value: unknown;
  headers?: Record<string, string>;
}

export interface BusMessage extends OutgoingMessage {
  topic: string;
  partition: number;
  offset: string;
}

export interface ConsumeOptions {
  groupId: string;
  topics: string[];
  /** For a group with no committed offset: start at the beginning (default) or only new messages. */
  fromBeginning?: boolean;
  /**
   * Called once per message, in order per key. The offset is committed after it resolves; if it
   * throws, the adapter redelivers (use the consumer runtime for bounded retries and dead letters).
   */
  handler: (message: BusMessage) => Promise<void>;
  /**
   * Optional: called with consecutive messages of one partition at once (for bulk writes). If it
   * throws, the adapter falls back to `handler` for each message of that batch.
   */
  batchHandler?: (messages: BusMessage[]) => Promise<void>;
}

export interface ConsumerHandle {
  stop(): Promise<void>;
}

export interface Bus {
  readonly kind: 'kafka' | 'memory';
  connect(): Promise<void>;
  ensureTopics(topics: string[]): Promise<void>;
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  consume(options: ConsumeOptions): Promise<ConsumerHandle>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One topic per bounded context (DESIGN.md "Ports and adapters"). */
export const CONTEXT_TOPICS = {
  registry: 'spbe.registry.events',
  audit: 'spbe.audit.events',
  evaluation: 'spbe.evaluation.events',
  ledger: 'spbe.ledger.events',
} as const;

export type ContextName = keyof typeof CONTEXT_TOPICS;
export const ALL_EVENT_TOPICS = Object.values(CONTEXT_TOPICS);

/** `prefix` namespaces the topics (e.g. `staging.`) when several environments share a cluster. */
export function topicForContext(context: string, prefix = ''): string {
  return prefix + ((CONTEXT_TOPICS as Record<string, string>)[context] ?? `spbe.${context}.events`);
}

export function eventTopics(prefix = ''): string[] {
  return ALL_EVENT_TOPICS.map((t) => prefix + t);
}

export const dlqTopic = (topic: string) => `${topic}.dlq`;
