import type { LegalBasis } from '@spbe/ledger-core';
import { basisOf, cite, Citation, EffectiveProfile, resolve } from '@spbe/regulations';
import type { Framework } from './frameworks';

/**
 * The national article behind an evaluation where the regional profile names no evaluator
 * (evaluation-frameworks.md): PermenPANRB 59/2020 implements Perpres 95/2018 Pasal 71(3) [V] (Indeks
 * SPBE); PermenPANRB 8/2026 Pasal 5 sets the Tim Asesor Internal under the Koordinator Pemdi [T]
 * (Indeks Pemdi). Keyed by the framework's regulation, so a corrected version keeps its basis.
 */
export const NATIONAL_EVALUATION: Record<string, Citation> = {
  'permenpanrb-59-2020': cite('perpres-95-2018', 'Pasal 71(3)', { grade: 'V' }),
  'permenpanrb-8-2026': cite('permenpanrb-8-2026', 'Pasal 5', { grade: 'T' }),
};

/**
 * The article an evaluation decision rests on: the profile's evaluator (opening, assessing — e.g. Kupang
 * Pasal 53(3), Samarinda Pasal 36(2)) or finaliser, else the national article of the framework. Pure.
 */
export function evaluationBasis(profile: EffectiveProfile | null | undefined, duty: 'evaluator' | 'evaluationFinalizer', framework: Framework): LegalBasis | null {
  const regional = profile ? resolve(profile.roles[duty]) : undefined;
  const citation = regional?.citation ?? NATIONAL_EVALUATION[framework.regulation.id];
  return citation ? basisOf(citation) : null;
}
