import { Actor, EventEnvelope, NewEvent } from '../envelope';

/**
 * `no-stream`: the stream must not exist; `stream-exists`: it must; `any`: no check;
 * a number: the version of the stream's last event (versions start at 0).
 */
export type ExpectedVersion = number | 'no-stream' | 'stream-exists' | 'any';

export interface AppendContext {
  actor: Actor;
  /**
   * Idempotency key, scoped to the stream's tenant: a retried command with the same id appends
   * nothing and gets the original result. Another tenant may use the same id independently.
   */
  commandId?: string | null;
  correlationId?: string | null;
  causationId?: string | null;
}

export interface AppendRequest {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
  context: AppendContext;
}

export interface AppendResult {
  streamId: string;
  /** The version of the stream's last event after the append. */
  nextExpectedVersion: number;
  events: EventEnvelope[];
  /** True when this was a retry of a command already recorded: nothing new was appended. */
  idempotentReplay: boolean;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this global position. Omit to start at the beginning. */
  after?: number;
  maxCount?: number;
}

export interface StreamHead {
  version: number;
  hash: string;
}

export interface SubscribeOptions {
  /** Exclusive start position (a checkpoint). Omit to start at the beginning. */
  after?: number;
  batchSize?: number;
  /** Only events whose streamId matches; the position still advances past the others. */
  filter?: (e: EventEnvelope) => boolean;
  handler: (batch: EventEnvelope[]) => Promise<void>;
  onError?: (err: unknown) => void;
}

export interface Subscription {
  /** Resolves once every event stored when subscribe() was called has been handled. */
  readonly caughtUp: Promise<void>;
  /** Position of the last event handed to the handler (or the start position). */
  readonly position: number | undefined;
  stop(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'postgres' | 'embedded' | 'esdb';
  /** Creates tables/functions if needed. Idempotent. */
  init(): Promise<void>;
  append(request: AppendRequest): Promise<AppendResult>;
  /** Throws StreamNotFoundError for a stream with no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>;
  streamHead(streamId: string): Promise<StreamHead | null>;
  /** Events in the store's global order; never skips an event committed out of order. */
  readAll(options?: ReadAllOptions): Promise<EventEnvelope[]>;
  /** Global position of the newest event that readAll can return now (undefined when empty). */
  headPosition(): Promise<number | undefined>;
  /** Catch-up then live. */
  subscribe(options: SubscribeOptions): Subscription;
  /** Ids of every stream of a tenant (integrity verification). */
  listStreams(tenantId: string): Promise<string[]>;
  /** One event by its id, or null. */
  findEvent(eventId: string): Promise<EventEnvelope | null>;
  /**
   * Events a tenant already recorded under a command id (for idempotent retries). Command ids are
   * scoped per tenant: another tenant's use of the same id is never seen.
   */
  findByCommandId(tenantId: string, commandId: string): Promise<EventEnvelope[]>;
  getCheckpoint(name: string): Promise<number | undefined>;
  saveCheckpoint(name: string, position: number): Promise<void>;
  /** Readiness probe. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
