import type { LegalBasis } from '@spbe/ledger-core';
import { factMatches } from './engine';
import type { Fact } from './facts';
import { resolve, type Citation, type EffectiveProfile, type Obligation } from './model';

/** `{ regulation, article }` of a citation, as the event envelope carries it. */
export const basisOf = (c: Citation): LegalBasis => ({ regulation: c.regulation, article: c.article });

const obligationCitation = (o: Obligation): Citation | undefined => (o.kind === 'periodic' ? resolve(o.cadence) : resolve(o.provision))?.citation;

/**
 * The article of the profile's rule a fact is evidence for — an obligation it fulfils (e.g. the LAN
 * diagram of Kupang Pasal 25(1)†) or an order rule that requires it (e.g. the test before going live of
 * Pasuruan Pasal 14(1)) — or null where the profile has no such rule: the product does not invent a
 * basis (EVENT_LEGAL_BASIS, `where-ruled`). Pure.
 */
export function ruleBasisFor(profile: EffectiveProfile, fact: Pick<Fact, 'type' | 'data'>): LegalBasis | null {
  const f = { eventId: 'new', date: '0000-01-01', subject: { kind: 'tenant' as const, id: '' }, ...fact };
  for (const o of profile.obligations) {
    const c = obligationCitation(o);
    if (c && factMatches(f, o.evidence)) return basisOf(c);
  }
  const rule = profile.orderRules.find((r) => factMatches(f, r.requires));
  return rule ? basisOf(rule.citation) : null;
}
