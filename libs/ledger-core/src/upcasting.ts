import { EventEnvelope } from './envelope';

/**
 * Lifts an event of `type` from `fromSchemaVersion` to the next version. Events are never
 * rewritten in the store (their hashes cover the stored form); upcasting happens when they are
 * read into a decider or a projection.
 */
export interface Upcaster {
  type: string;
  fromSchemaVersion: number;
  up(payload: Record<string, unknown>, event: EventEnvelope): Record<string, unknown>;
}

/** Applies every matching upcaster in turn until the event is at its newest schema version. Pure. */
export function upcast(event: EventEnvelope, upcasters: readonly Upcaster[]): EventEnvelope {
  let current = event;
  for (;;) {
    const next = upcasters.find((u) => u.type === current.type && u.fromSchemaVersion === current.schemaVersion);
    if (!next) return current;
    current = { ...current, schemaVersion: current.schemaVersion + 1, payload: next.up(current.payload, current) };
  }
}

export function upcastAll(events: EventEnvelope[], upcasters: readonly Upcaster[]): EventEnvelope[] {
  return upcasters.length === 0 ? events : events.map((e) => upcast(e, upcasters));
}
