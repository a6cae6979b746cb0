import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  StreamNotFoundError as EsdbStreamNotFound,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StreamNotFoundError } from '../errors';
import { DEFAULT_MAX_PAYLOAD_BYTES, EventEnvelope, parseStreamId } from '../envelope';
import {
  AppendRequest,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StreamHead,
  SubscribeOptions,
  Subscription,
} from './port';
import { pollingSubscription, Wakeups } from './polling-subscription';
import { buildEnvelopes, checkExpectedVersion, replayResult, validateAppend } from './prepare';

type Stored = Omit<EventEnvelope, 'globalPosition'>;

/** A tenant id has no `:`, so `<tenant>:<id>` is unambiguous (`kota-a` + `x-1` ≠ `kota-a-x` + `1`). */
const COMMAND_STREAM = (tenantId: string, id: string) => `spbe-command-${tenantId}:${id}`;
const CHECKPOINT_STREAM = (name: string) => `spbe-checkpoint-${name}`;
const isLedgerStream = (name: string) => !name.startsWith('$') && !name.startsWith('spbe-');

/**
 * Event store on EventStoreDB (production). The envelope (without globalPosition) is the event's
 * JSON data; the global position is the event's commit position in the $all log. Idempotency by
 * commandId, scoped per tenant, is kept in one small stream per tenant and command
 * (`spbe-command-<tenant>:<id>`), written after the append; a crash between the two is caught on
 * retry by scanning the target stream's tail for the command id. (Records of earlier versions,
 * `spbe-command-<id>`, are not read: a retry of such a command is still found by that tail scan.)
 */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  private readonly client: EventStoreDBClient;
  private readonly wakeups = new Wakeups();
  private readonly maxPayloadBytes: number;
  private readonly pollMs: number;

  constructor(url: string, options: { maxPayloadBytes?: number; pollMs?: number } = {}) {
    this.client = EventStoreDBClient.connectionString(url);
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.pollMs = options.pollMs ?? 200;
  }

  async init(): Promise<void> {
    await this.ping();
  }

  async append(req: AppendRequest): Promise<AppendResult> {
    validateAppend(req, { maxPayloadBytes: this.maxPayloadBytes });
    const commandId = req.context.commandId ?? null;
    const { tenantId } = parseStreamId(req.streamId);
    for (let attempt = 0; ; attempt++) {
      if (commandId) {
        const recorded = await this.findByCommandId(tenantId, commandId, req.streamId);
        if (recorded.length > 0) return replayResult(req, recorded);
      }
      const head = await this.streamHead(req.streamId);
      checkExpectedVersion(req.streamId, req.expectedVersion, head);
      const envelopes = buildEnvelopes(req, head);
      try {
        await this.client.appendToStream(
          req.streamId,
          envelopes.map((e) => jsonEvent({ id: e.eventId, type: e.type, data: e as never })),
          { expectedRevision: head ? BigInt(head.version) : NO_STREAM },
        );
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError)) throw err;
        checkExpectedVersion(req.streamId, req.expectedVersion, await this.streamHead(req.streamId));
        if (attempt >= 20) throw err;
        continue;
      }
      const stored = await this.readStream(req.streamId, { fromVersion: envelopes[0].version, maxCount: envelopes.length });
      if (commandId) {
        await this.client
          .appendToStream(COMMAND_STREAM(tenantId, commandId), jsonEvent({ type: 'CommandRecorded', data: { streamId: req.streamId, from: envelopes[0].version, count: envelopes.length } }), {
            expectedRevision: NO_STREAM,
          })
          .catch(() => undefined);
      }
      this.wakeups.fire();
      return { streamId: req.streamId, nextExpectedVersion: envelopes[envelopes.length - 1].version, events: stored, idempotentReplay: false };
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    const out: EventEnvelope[] = [];
    try {
      for await (const r of this.client.readStream(streamId, {
        fromRevision: BigInt(options.fromVersion ?? 0),
        direction: FORWARDS,
        maxCount: options.maxCount ?? 100_000,
      })) {
        if (r.event) out.push(this.toEnvelope(r.event.data as unknown as Stored, r.event.position?.commit));
      }
    } catch (err) {
      if (err instanceof EsdbStreamNotFound) throw new StreamNotFoundError(streamId);
      throw err;
    }
    return out;
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    try {
      for await (const r of this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        const e = r.event?.data as unknown as Stored | undefined;
        if (e) return { version: e.version, hash: e.hash };
      }
    } catch (err) {
      if (err instanceof EsdbStreamNotFound) return null;
      throw err;
    }
    return null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<EventEnvelope[]> {
    const max = options.maxCount ?? 1000;
    const after = options.after;
    const from = after === undefined ? START : { commit: BigInt(after), prepare: BigInt(after) };
    const out: EventEnvelope[] = [];
    for await (const r of this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: max + 1 })) {
      const ev = r.event;
      if (!ev || !ev.position || !isLedgerStream(ev.streamId)) continue;
      if (after !== undefined && Number(ev.position.commit) <= after) continue;
      out.push(this.toEnvelope(ev.data as unknown as Stored, ev.position.commit));
      if (out.length >= max) break;
    }
    return out;
  }

  async headPosition(): Promise<number | undefined> {
    for await (const r of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 500 })) {
      if (r.event?.position && isLedgerStream(r.event.streamId)) return Number(r.event.position.commit);
    }
    return undefined;
  }

  subscribe(options: SubscribeOptions): Subscription {
    return pollingSubscription(this, options, this.wakeups, this.pollMs);
  }

  async listStreams(tenantId: string): Promise<string[]> {
    const streams = new Set<string>();
    for await (const r of this.client.readAll({ fromPosition: START, direction: FORWARDS })) {
      if (r.event && isLedgerStream(r.event.streamId) && r.event.streamId.startsWith(`${tenantId}:`)) streams.add(r.event.streamId);
    }
    return [...streams].sort();
  }

  async findEvent(eventId: string): Promise<EventEnvelope | null> {
    for await (const r of this.client.readAll({ fromPosition: START, direction: FORWARDS })) {
      if (r.event?.id === eventId && isLedgerStream(r.event.streamId)) return this.toEnvelope(r.event.data as unknown as Stored, r.event.position?.commit);
    }
    return null;
  }

  /** `targetStream` (of the same tenant): also scan its tail, for an append whose command record was not written. */
  async findByCommandId(tenantId: string, commandId: string, targetStream?: string): Promise<EventEnvelope[]> {
    try {
      for await (const r of this.client.readStream(COMMAND_STREAM(tenantId, commandId), { fromRevision: START, maxCount: 1 })) {
        const rec = r.event?.data as unknown as { streamId: string; from: number; count: number };
        if (parseStreamId(rec.streamId).tenantId !== tenantId) break;
        return this.readStream(rec.streamId, { fromVersion: rec.from, maxCount: rec.count });
      }
    } catch (err) {
      if (!(err instanceof EsdbStreamNotFound)) throw err;
    }
    if (!targetStream || parseStreamId(targetStream).tenantId !== tenantId) return [];
    // Crash window: the append landed but its command record did not. Scan the stream's tail.
    const tail: EventEnvelope[] = [];
    try {
      for await (const r of this.client.readStream(targetStream, { fromRevision: END, direction: BACKWARDS, maxCount: 100 })) {
        const e = r.event?.data as unknown as Stored | undefined;
        if (e?.commandId === commandId) tail.unshift(this.toEnvelope(e, r.event?.position?.commit));
      }
    } catch (err) {
      if (!(err instanceof EsdbStreamNotFound)) throw err;
    }
    return tail;
  }

  async getCheckpoint(name: string): Promise<number | undefined> {
    try {
      for await (const r of this.client.readStream(CHECKPOINT_STREAM(name), { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        return (r.event?.data as unknown as { position: number }).position;
      }
    } catch (err) {
      if (!(err instanceof EsdbStreamNotFound)) throw err;
    }
    return undefined;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    await this.client.appendToStream(CHECKPOINT_STREAM(name), jsonEvent({ type: 'CheckpointSaved', data: { position } }), { expectedRevision: ANY });
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ fromPosition: START, maxCount: 1 })) break;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private toEnvelope(e: Stored, commit: bigint | undefined): EventEnvelope {
    return { ...e, globalPosition: commit === undefined ? -1 : Number(commit) };
  }
}
