import { EventEnvelope } from '@spbe/ledger-core';
import type { ArchitectureState } from '@spbe/registry-domain';
import { EffectiveProfile, evaluateObligations, Fact, ObligationResult, Scope } from '@spbe/regulations';

const REVIEW_EVENTS = new Set(['ArchitectureReviewed', 'ArchitectureMonitoringEvaluated', 'RoadmapReviewed']);

/** The reviews the profile makes due for one architecture or roadmap, from its own events. Pure. */
export function dueReviews(profile: EffectiveProfile, tenantSince: string, id: string, state: ArchitectureState, events: EventEnvelope[], asOf: string): ObligationResult[] {
  if (!state.exists || asOf < profile.validFrom || (profile.validUntil && asOf > profile.validUntil)) return [];
  const kind: Scope = state.artefact === 'peta-rencana' ? 'roadmap' : 'architecture';
  const facts: Fact[] = events
    .filter((e) => REVIEW_EVENTS.has(e.type))
    .map((e) => ({ eventId: e.eventId, type: e.type, date: String((e.payload as { heldOn?: string }).heldOn ?? e.occurredAt.slice(0, 10)), subject: { kind, id }, data: e.payload }));
  const subjects = [{ kind, id, name: state.title, since: state.validFrom!, until: state.validTo ?? null }];
  return evaluateObligations(profile, { asOf, tenant: { id: 'tenant', since: tenantSince }, subjects, facts }).filter((o) => o.subject.kind === kind);
}
