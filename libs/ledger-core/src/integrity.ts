import { computeEventHash, EventEnvelope } from './envelope';
import { ZERO_HASH } from './hash';

export type ChainBreakReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'version-gap' | 'wrong-stream';

export interface ChainBreak {
  streamId: string;
  version: number;
  eventId: string;
  reason: ChainBreakReason;
  expected: string;
  actual: string;
}

export type ChainVerification = { ok: true; streamId: string; events: number; lastHash: string } | ({ ok: false } & ChainBreak);

/**
 * Re-checks a stream's hash chain from its first event: every hash recomputed from the stored
 * fields, every prevHash equal to the previous event's hash, versions gap-free from 0.
 * Returns the first broken link. Pure.
 */
export function verifyChain(streamId: string, events: EventEnvelope[]): ChainVerification {
  let prevHash = ZERO_HASH;
  let expectedVersion = 0;
  for (const e of events) {
    const at = { streamId, version: e.version, eventId: e.eventId };
    if (e.streamId !== streamId) return { ok: false, ...at, reason: 'wrong-stream', expected: streamId, actual: e.streamId };
    if (e.version !== expectedVersion) {
      return { ok: false, ...at, reason: 'version-gap', expected: String(expectedVersion), actual: String(e.version) };
    }
    if (e.prevHash !== prevHash) return { ok: false, ...at, reason: 'prev-hash-mismatch', expected: prevHash, actual: e.prevHash };
    const recomputed = computeEventHash(e);
    if (recomputed !== e.hash) return { ok: false, ...at, reason: 'hash-mismatch', expected: recomputed, actual: e.hash };
    prevHash = e.hash;
    expectedVersion++;
  }
  return { ok: true, streamId, events: events.length, lastHash: prevHash };
}

/** Reads a whole stream from the store and verifies its chain. */
export async function verifyStream(store: { readStream(streamId: string, o?: { fromVersion?: number; maxCount?: number }): Promise<EventEnvelope[]> }, streamId: string): Promise<ChainVerification> {
  return verifyChain(streamId, await store.readStream(streamId));
}
