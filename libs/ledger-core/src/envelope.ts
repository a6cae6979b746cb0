import { canonicalJson, CanonicalJsonError } from './canonical-json';
import { LegalBasis, PayloadTooLargeError, ValidationError } from './errors';
import { sha256Hex } from './hash';

export type { LegalBasis } from './errors';

export const ROLES = [
  'admin',
  'koordinator',
  'dinas',
  'opd',
  'asesor',
  'asesor-eksternal',
  'inspektorat',
  'auditor-eksternal',
  'viewer',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

/** Who decided: an official acting in an official capacity, or `system` for time-driven events. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  unitId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system', role: 'system', unitId: null };

/** The stored, hashed envelope (DESIGN.md "Events"). */
export interface EventEnvelope<P = Record<string, unknown>> {
  eventId: string;
  tenantId: string;
  streamId: string;
  version: number;
  /** Assigned by the store; not part of the hash (the store assigns it after the hash is fixed). */
  globalPosition: number;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  legalBasis: LegalBasis | null;
  causationId: string | null;
  correlationId: string | null;
  commandId: string | null;
  payload: P;
  prevHash: string;
  hash: string;
}

/** What a caller hands to the store: the decision and its metadata; the store fills in the rest. */
export interface NewEvent<P = Record<string, unknown>> {
  type: string;
  payload: P;
  schemaVersion?: number;
  /** Business time (e.g. the decree date); defaults to the time of recording. */
  occurredAt?: string | Date;
  legalBasis?: LegalBasis | null;
}

/** The part of an envelope that the hash covers: every field but `hash` and `globalPosition`. */
export function hashedFields(e: Omit<EventEnvelope, 'hash' | 'globalPosition'> & { hash?: string; globalPosition?: number }) {
  return {
    eventId: e.eventId,
    tenantId: e.tenantId,
    streamId: e.streamId,
    version: e.version,
    type: e.type,
    schemaVersion: e.schemaVersion,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    actor: { id: e.actor.id, name: e.actor.name, role: e.actor.role, unitId: e.actor.unitId ?? null },
    legalBasis: e.legalBasis ? { regulation: e.legalBasis.regulation, article: e.legalBasis.article } : null,
    causationId: e.causationId,
    correlationId: e.correlationId,
    commandId: e.commandId,
    payload: e.payload,
    prevHash: e.prevHash,
  };
}

export function computeEventHash(e: Omit<EventEnvelope, 'hash' | 'globalPosition'>, payloadText?: string): string {
  return sha256Hex(payloadText === undefined ? canonicalJson(hashedFields(e)) : canonicalEnvelopeText(e, payloadText));
}

/**
 * canonicalJson(hashedFields(e)) written out key by key (the keys in sorted order), with the
 * payload's canonical text already known from validation — the hot path of every append.
 * A test pins it to canonicalJson for varied envelopes.
 */
export function canonicalEnvelopeText(e: Omit<EventEnvelope, 'hash' | 'globalPosition'>, payloadText: string): string {
  const f = hashedFields({ ...e, payload: {} });
  const j = (v: unknown) => canonicalJson(v);
  return (
    `{"actor":${j(f.actor)},"causationId":${j(f.causationId)},"commandId":${j(f.commandId)},"correlationId":${j(f.correlationId)},` +
    `"eventId":${j(f.eventId)},"legalBasis":${j(f.legalBasis)},"occurredAt":${j(f.occurredAt)},"payload":${payloadText},` +
    `"prevHash":${j(f.prevHash)},"recordedAt":${j(f.recordedAt)},"schemaVersion":${j(f.schemaVersion)},"streamId":${j(f.streamId)},` +
    `"tenantId":${j(f.tenantId)},"type":${j(f.type)},"version":${j(f.version)}}`
  );
}


// ---------------------------------------------------------------------------------------------
// Validation of what enters the store: identifiers, names, sizes. Pure; throws typed errors.

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const STREAM_ID = /^([a-z0-9][a-z0-9-]{0,62}):([a-z][a-z0-9-]*)\.([a-z][a-zA-Z0-9-]*):([A-Za-z0-9][A-Za-z0-9._~-]{0,127})$/;
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{1,99}$/;

export interface StreamName {
  tenantId: string;
  context: string;
  aggregate: string;
  id: string;
}

export function parseStreamId(streamId: string): StreamName {
  const m = typeof streamId === 'string' ? STREAM_ID.exec(streamId) : null;
  if (!m) throw new ValidationError('streamId', `"${String(streamId)}" is not of the form {tenant}:{context}.{aggregate}:{id}`);
  return { tenantId: m[1], context: m[2], aggregate: m[3], id: m[4] };
}

export function streamIdOf(s: StreamName): string {
  const id = `${s.tenantId}:${s.context}.${s.aggregate}:${s.id}`;
  parseStreamId(id);
  return id;
}

export function assertTenantId(tenantId: unknown, field = 'tenantId'): asserts tenantId is string {
  if (typeof tenantId !== 'string' || !ID.test(tenantId)) {
    throw new ValidationError(field, 'must be lower-case letters, digits and dashes (1–63 characters), e.g. kota-kupang');
  }
}

export function assertActor(actor: unknown): asserts actor is Actor {
  const a = actor as Actor;
  if (!a || typeof a !== 'object') throw new ValidationError('actor', 'is required');
  if (typeof a.id !== 'string' || a.id.length === 0 || a.id.length > 200) throw new ValidationError('actor.id', 'must be a non-empty string');
  if (typeof a.name !== 'string' || a.name.length === 0 || a.name.length > 200) throw new ValidationError('actor.name', 'must be a non-empty string');
  if (!ROLES.includes(a.role)) throw new ValidationError('actor.role', `must be one of ${ROLES.join(', ')}`);
  if (a.unitId != null && typeof a.unitId !== 'string') throw new ValidationError('actor.unitId', 'must be a string');
}

export function assertLegalBasis(lb: unknown, field = 'legalBasis'): asserts lb is LegalBasis | null | undefined {
  if (lb == null) return;
  const l = lb as LegalBasis;
  if (typeof l !== 'object' || typeof l.regulation !== 'string' || !l.regulation || typeof l.article !== 'string' || !l.article) {
    throw new ValidationError(field, 'must be { regulation, article } with both non-empty');
  }
}

export function normalizeTime(value: string | Date | undefined, field: string, fallback: string): string {
  if (value === undefined) return fallback;
  const d = value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new ValidationError(field, `"${String(value)}" is not an ISO-8601 date or date-time`);
  return d.toISOString();
}

export const DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
export const MAX_EVENTS_PER_APPEND = 1000;

/** Checks one new event and returns its payload's canonical text; throws a typed error naming the field. */
export function validateNewEvent(e: NewEvent, index: number, maxPayloadBytes: number): string {
  const at = `events[${index}]`;
  if (!e || typeof e !== 'object') throw new ValidationError(at, 'must be an object');
  if (typeof e.type !== 'string' || !EVENT_TYPE.test(e.type)) throw new ValidationError(`${at}.type`, 'must be a PascalCase event type name');
  if (e.schemaVersion !== undefined && (!Number.isInteger(e.schemaVersion) || e.schemaVersion < 1)) {
    throw new ValidationError(`${at}.schemaVersion`, 'must be an integer ≥ 1');
  }
  if (!e.payload || typeof e.payload !== 'object' || Array.isArray(e.payload)) throw new ValidationError(`${at}.payload`, 'must be a JSON object');
  let text: string;
  try {
    text = canonicalJson(e.payload);
  } catch (err) {
    if (err instanceof CanonicalJsonError) throw new ValidationError(`${at}.payload`, err.message.replace(/^\$/, 'payload'));
    throw err;
  }
  const size = Buffer.byteLength(text);
  if (size > maxPayloadBytes) throw new PayloadTooLargeError(`${at}.payload`, size, maxPayloadBytes);
  assertLegalBasis(e.legalBasis, `${at}.legalBasis`);
  return text;
}
