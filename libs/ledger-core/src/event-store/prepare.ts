import { canonicalJson } from '../canonical-json';
import { CommandReuseError, ConcurrencyError, StreamNotFoundError, ValidationError } from '../errors';
import {
  assertActor,
  computeEventHash,
  EventEnvelope,
  MAX_EVENTS_PER_APPEND,
  normalizeTime,
  parseStreamId,
  validateNewEvent,
} from '../envelope';
import { ZERO_HASH } from '../hash';
import { uuidv7 } from '../uuid-v7';
import { AppendRequest, AppendResult, ExpectedVersion, StreamHead } from './port';

export type UnpositionedEvent = Omit<EventEnvelope, 'globalPosition'>;

/** A built envelope with its payload's canonical text (what is hashed and what is stored). */
export interface PreparedEvent {
  envelope: UnpositionedEvent;
  payloadText: string;
}

export interface AppendLimits {
  maxPayloadBytes: number;
}

const COMMAND_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Validates an append request before anything touches storage; returns each payload's canonical text. Pure. */
export function validateAppend(req: AppendRequest, limits: AppendLimits): string[] {
  if (!req || typeof req !== 'object') throw new ValidationError('request', 'must be an object');
  parseStreamId(req.streamId);
  validateExpectedVersion(req.expectedVersion);
  if (!Array.isArray(req.events) || req.events.length === 0) throw new ValidationError('events', 'must be a non-empty array');
  if (req.events.length > MAX_EVENTS_PER_APPEND) throw new ValidationError('events', `at most ${MAX_EVENTS_PER_APPEND} events per append`);
  if (!req.context) throw new ValidationError('context', 'is required');
  assertActor(req.context.actor);
  const { commandId, correlationId, causationId } = req.context;
  if (commandId != null && (typeof commandId !== 'string' || !COMMAND_ID.test(commandId))) {
    throw new ValidationError('context.commandId', 'must be 1–128 characters of letters, digits and ._:-');
  }
  for (const [field, v] of [['context.correlationId', correlationId], ['context.causationId', causationId]] as const) {
    if (v != null && (typeof v !== 'string' || v.length > 128)) throw new ValidationError(field, 'must be a string of at most 128 characters');
  }
  return req.events.map((e, i) => validateNewEvent(e, i, limits.maxPayloadBytes));
}

function validateExpectedVersion(v: ExpectedVersion): void {
  if (v === 'any' || v === 'no-stream' || v === 'stream-exists') return;
  if (!Number.isInteger(v) || (v as number) < 0) throw new ValidationError('expectedVersion', 'must be a version ≥ 0, "no-stream", "stream-exists" or "any"');
}

/** Throws ConcurrencyError / StreamNotFoundError when the stream head does not match. Pure. */
export function checkExpectedVersion(streamId: string, expected: ExpectedVersion, head: StreamHead | null): void {
  const actual = head ? head.version : -1;
  if (expected === 'any') return;
  if (expected === 'stream-exists') {
    if (!head) throw new StreamNotFoundError(streamId);
    return;
  }
  const want = expected === 'no-stream' ? -1 : expected;
  if (want !== actual) throw new ConcurrencyError(streamId, expected, actual);
}

/** Builds the hashed envelopes that follow `head` in the stream. Pure but for the clock and ids. */
export function buildEnvelopes(req: AppendRequest, head: StreamHead | null, now: Date = new Date()): UnpositionedEvent[] {
  return prepareEvents(req, head, req.events.map((e) => canonicalJson(e.payload)), now).map((p) => p.envelope);
}

/** buildEnvelopes with the payload texts validation already produced. */
export function prepareEvents(req: AppendRequest, head: StreamHead | null, payloadTexts: string[], now: Date = new Date()): PreparedEvent[] {
  const { tenantId } = parseStreamId(req.streamId);
  const recordedAt = now.toISOString();
  const { actor, commandId, correlationId, causationId } = req.context;
  let prevHash = head ? head.hash : ZERO_HASH;
  let version = head ? head.version : -1;
  return req.events.map((e, i) => {
    version++;
    const unhashed = {
      eventId: uuidv7(now.getTime()),
      tenantId,
      streamId: req.streamId,
      version,
      type: e.type,
      schemaVersion: e.schemaVersion ?? 1,
      occurredAt: normalizeTime(e.occurredAt, `events[${i}].occurredAt`, recordedAt),
      recordedAt,
      actor: { id: actor.id, name: actor.name, role: actor.role, unitId: actor.unitId ?? null },
      legalBasis: e.legalBasis ? { regulation: e.legalBasis.regulation, article: e.legalBasis.article } : null,
      causationId: causationId ?? null,
      correlationId: correlationId ?? commandId ?? null,
      commandId: commandId ?? null,
      payload: e.payload,
      prevHash,
    };
    const hash = computeEventHash(unhashed, payloadTexts[i]);
    prevHash = hash;
    return { envelope: { ...unhashed, hash }, payloadText: payloadTexts[i] };
  });
}

/**
 * The result of a retried command: the events recorded the first time. `recorded` comes from a
 * lookup scoped to the request's tenant; events of another tenant are never named (an internal error).
 */
export function replayResult(req: AppendRequest, recorded: EventEnvelope[]): AppendResult {
  const streamId = recorded[0].streamId;
  if (recorded.some((e) => e.tenantId !== parseStreamId(req.streamId).tenantId)) throw new Error('command id lookup returned events of another tenant');
  if (streamId !== req.streamId) throw new CommandReuseError(req.context.commandId as string, req.streamId, streamId);
  return { streamId, nextExpectedVersion: recorded[recorded.length - 1].version, events: recorded, idempotentReplay: true };
}
