import { Decider, EventEnvelope, ValidationError } from '@spbe/ledger-core';
import { auditDecider, findingDecider, latikDecider, obligationMarkDecider, programmeDecider } from '@spbe/audit-domain';
import { cycleDecider, frameworkVersionDecider } from '@spbe/evaluation-domain';
import {
  applicationDecider,
  appointmentDecider,
  approvalDecider,
  architectureDecider,
  datasetDecider,
  designationDecider,
  gatedDecisionDecider,
  infrastructureDecider,
  serviceDecider,
  tenantDecider,
  unitDecider,
} from '@spbe/registry-domain';
import { summarize } from './audit-trail.projection';

type Evolver = Pick<Decider<unknown, unknown>, 'initialState' | 'evolve'>;

/**
 * The write side's own pure `initialState`/`evolve` per entity type (`{context}.{aggregate}`):
 * history diffs and states as of a date are folded with exactly what the services decide on.
 */
export const EVOLVERS: Readonly<Record<string, Evolver>> = {
  'registry.tenant': tenantDecider as Evolver,
  'registry.unit': unitDecider as Evolver,
  'registry.appointment': appointmentDecider as Evolver,
  'registry.architecture': architectureDecider as Evolver,
  'registry.designation': designationDecider as Evolver,
  'registry.approval': approvalDecider as Evolver,
  'registry.decision': gatedDecisionDecider as Evolver,
  'registry.application': applicationDecider as Evolver,
  'registry.infrastructure': infrastructureDecider as Evolver,
  'registry.dataset': datasetDecider as Evolver,
  'registry.service': serviceDecider as Evolver,
  'audit.audit': auditDecider as Evolver,
  'audit.finding': findingDecider as Evolver,
  'audit.latik': latikDecider as Evolver,
  'audit.obligation': obligationMarkDecider as Evolver,
  'audit.programme': programmeDecider as Evolver,
  'evaluation.cycle': cycleDecider as Evolver,
  'evaluation.framework': frameworkVersionDecider as Evolver,
};

export function evolverOf(entityType: string): Evolver {
  const evolver = EVOLVERS[entityType];
  if (!evolver) throw new ValidationError('entityType', `unknown entity type "${entityType}"; one of ${Object.keys(EVOLVERS).join(', ')}`);
  return evolver;
}

export interface Change {
  /** JSON path of the changed value, e.g. `status` or `criteria.0.met`. */
  path: string;
  before: unknown;
  after: unknown;
}

/** Values as they appear in JSON (undefined dropped, Dates as ISO strings). */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every leaf that differs between two JSON values, by path (pure; arrays compared by index). */
export function diff(before: unknown, after: unknown, path = ''): Change[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diff(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => diff(before[i], after[i], `${path}.${i}`.replace(/^\./, ''))).flat();
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || '$', before: before ?? null, after: after ?? null }];
}

export interface HistoryEntry {
  eventId: string;
  version: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: EventEnvelope['actor'];
  legalBasis: EventEnvelope['legalBasis'];
  summary: { id: string; en: string };
  changes: Change[];
}

/** The entity's events, each with what it changed in the state (folded with the write side's evolve). */
export function historyWithDiffs(entityType: string, events: EventEnvelope[]): HistoryEntry[] {
  const evolver = evolverOf(entityType);
  let state = plain(evolver.initialState());
  let raw = evolver.initialState();
  return events.map((e) => {
    raw = evolver.evolve(raw, e);
    const next = plain(raw);
    const entry: HistoryEntry = {
      eventId: e.eventId,
      version: e.version,
      type: e.type,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      actor: e.actor,
      legalBasis: e.legalBasis,
      summary: summarize(e),
      changes: diff(state, next),
    };
    state = next;
    return entry;
  });
}

export type AsOf = { kind: 'time'; at: string } | { kind: 'event'; eventId: string };

/**
 * `asOf` is a date (YYYY-MM-DD: the end of that day, UTC), a timestamp, or empty; `eventId` pins
 * the state right after one event. Both at once is ambiguous and refused.
 */
export function parseAsOf(asOf: string | undefined, eventId: string | undefined, now: string): AsOf {
  if (asOf && eventId) throw new ValidationError('asOf', 'give either asOf or eventId, not both');
  if (eventId) return { kind: 'event', eventId };
  if (!asOf) return { kind: 'time', at: now };
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf) && !Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) && new Date(`${asOf}T00:00:00Z`).toISOString().startsWith(asOf)) {
    return { kind: 'time', at: `${asOf}T23:59:59.999Z` };
  }
  const t = Date.parse(asOf);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(asOf) || Number.isNaN(t)) throw new ValidationError('asOf', 'must be a date YYYY-MM-DD or an ISO timestamp');
  return { kind: 'time', at: new Date(t).toISOString() };
}

export interface StateAsOf {
  entityType: string;
  asOf: string | null;
  /** The last event applied (null: the entity did not exist yet at that time). */
  version: number | null;
  eventId: string | null;
  state: unknown;
}

/**
 * The entity's state as the ledger recorded it at a time (events recorded up to then) or right
 * after one of its events. An eventId not in this entity's history is refused.
 */
export function stateAsOf(entityType: string, events: EventEnvelope[], asOf: AsOf): StateAsOf {
  const evolver = evolverOf(entityType);
  let applied: EventEnvelope[];
  if (asOf.kind === 'event') {
    const i = events.findIndex((e) => e.eventId === asOf.eventId);
    if (i < 0) throw new ValidationError('eventId', `event ${asOf.eventId} is not in this entity's history`);
    applied = events.slice(0, i + 1);
  } else {
    applied = events.filter((e) => e.recordedAt <= asOf.at);
  }
  const last = applied[applied.length - 1];
  return {
    entityType,
    asOf: asOf.kind === 'time' ? asOf.at : (last?.recordedAt ?? null),
    version: last?.version ?? null,
    eventId: last?.eventId ?? null,
    state: last ? plain(applied.reduce(evolver.evolve, evolver.initialState())) : null,
  };
}
