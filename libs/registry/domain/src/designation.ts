import { Decider, EventEnvelope, InvariantError, LegalBasis, NewEvent, parseStreamId, Role, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { assertCitation, assertDutyRole, Citation, Criterion, Decree, EffectiveProfile, resolve } from '@spbe/regulations';
import { assertEntityId, decree, legalBasisOf, mustBeNew, oneOf, optionalText, pastDate, registryStreamId, text } from './common';

/**
 * Perangkat Daerah Mandiri TIK designation (rules-matrix R-DES-01, Table 2): application or initiative
 * → Dinas feasibility assessment against the profile's criteria → Dinas proposal → decision by decree
 * of the head of region (designated or refused) → revocation as its own decision. Pure.
 *
 * Where the regulation defines no criteria (Samarinda, Dumai, Mojokerto), nothing can be assessed
 * until the Pemda records its own criteria by decree (profile override `mandiriTik.criteria`).
 */
export type DesignationStatus = 'submitted' | 'assessed-eligible' | 'assessed-ineligible' | 'proposed' | 'designated' | 'refused' | 'revoked';

export interface CriterionResult {
  criterionId: string;
  met: boolean;
  note?: string;
}

export interface DesignationState {
  exists: boolean;
  designationId?: string;
  unitId?: string;
  status?: DesignationStatus;
  origin?: 'permohonan' | 'inisiatif';
  submittedOn?: string;
  assessment?: { assessedOn: string; results: CriterionResult[]; eligible: boolean };
  proposedOn?: string;
  decision?: { outcome: 'designated' | 'refused'; decree: Decree; reasons?: string };
  revocation?: { decree: Decree; reasons: string; legalBasis: LegalBasis };
}

interface Ctx {
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export type DesignationCommand =
  | (Ctx & { type: 'SubmitDesignation'; designationId: string; unitId: string; origin: 'permohonan' | 'inisiatif'; submittedOn: string; grounds?: string; unitExists: boolean; unitHasOpenDesignation: string | null })
  | (Ctx & { type: 'AssessDesignation'; assessedOn: string; results: CriterionResult[] })
  | (Ctx & { type: 'ProposeDesignation'; proposedOn: string; note?: string })
  | (Ctx & { type: 'DecideDesignation'; outcome: 'designated' | 'refused'; decree: Decree; reasons?: string })
  | (Ctx & { type: 'RevokeDesignation'; decree: Decree; reasons: string; legalBasis: Citation });

export const designationStreamId = (tenantId: string, designationId: string) => registryStreamId(tenantId, 'designation', designationId);

/** The criteria in force, or a refusal saying the regulation defines none and what to do. */
export function designationCriteria(profile: EffectiveProfile): { criteria: Criterion[]; citation: Citation } {
  const r = resolve(profile.mandiriTik.criteria);
  if (!r) {
    throw new RuleViolationError(
      'MANDIRI_TIK_NO_CRITERIA',
      `${profile.id} tidak menetapkan kriteria PD Mandiri TIK; catat keputusan Pemda tentang kriteria (mandiriTik.criteria) lebih dahulu / ` +
        `${profile.id} defines no PD Mandiri TIK criteria; record the Pemda's criteria decree (mandiriTik.criteria) first`,
      { regulation: profile.id, article: '(tidak diatur / silent)' },
    );
  }
  return { criteria: r.value, citation: r.citation };
}

function step(s: DesignationState, allowed: DesignationStatus[], action: string): void {
  if (!s.exists) throw new InvariantError('DESIGNATION_NOT_FOUND', 'designation does not exist / permohonan tidak ditemukan');
  if (!allowed.includes(s.status!)) {
    throw new InvariantError('DESIGNATION_WRONG_STATE', `cannot ${action} a designation that is ${s.status} / tidak dapat diproses pada status ${s.status}`, { status: s.status });
  }
}

export const designationDecider: Decider<DesignationState, DesignationCommand> = {
  initialState: () => ({ exists: false }),

  decide(c, s): NewEvent[] {
    switch (c.type) {
      case 'SubmitDesignation': {
        mustBeNew(s.exists, 'designation', c.designationId);
        assertEntityId(c.designationId, 'designationId');
        assertEntityId(c.unitId, 'unitId');
        if (!c.unitExists) throw new ValidationError('unitId', `unit ${c.unitId} is not registered`);
        if (c.unitHasOpenDesignation) {
          throw new InvariantError('DESIGNATION_OPEN', `unit ${c.unitId} already has designation ${c.unitHasOpenDesignation} open or in force`, { designationId: c.unitHasOpenDesignation });
        }
        const { citation } = designationCriteria(c.profile);
        const grounds = optionalText(c.grounds, 'grounds');
        const payload = { unitId: c.unitId, origin: oneOf(c.origin, ['permohonan', 'inisiatif'] as const, 'origin'), submittedOn: pastDate(c.submittedOn, c.today, 'submittedOn'), ...(grounds ? { grounds } : {}) };
        const procedure = resolve(c.profile.mandiriTik.procedure);
        return [{ type: 'MandiriTikApplicationSubmitted', payload, legalBasis: legalBasisOf(procedure?.citation ?? citation) }];
      }
      case 'AssessDesignation': {
        step(s, ['submitted'], 'assess');
        const holder = assertDutyRole(c.profile, 'mandiriTikAssessor', c.role);
        const { criteria, citation } = designationCriteria(c.profile);
        const results = assessmentResults(criteria, c.results);
        const assessedOn = pastDate(c.assessedOn, c.today, 'assessedOn');
        if (assessedOn < s.submittedOn!) throw new ValidationError('assessedOn', `${assessedOn} is before the submission (${s.submittedOn})`);
        const eligible = results.every((r) => r.met);
        return [{ type: 'MandiriTikAssessed', payload: { assessedOn, results, eligible, criteriaCitation: legalBasisOf(citation) }, legalBasis: legalBasisOf(holder.citation) }];
      }
      case 'ProposeDesignation': {
        step(s, ['assessed-eligible', 'assessed-ineligible'], 'propose');
        // The proposal is its own duty (Pasuruan Pasal 19(5), Kupang Pasal 52(5)), not the assessment's (19(3), 52(3)).
        const holder = assertDutyRole(c.profile, 'mandiriTikProposer', c.role);
        if (s.status === 'assessed-ineligible') {
          // "Dinas mengusulkan Perangkat Daerah yang layak" (Pasuruan 19(5), Kupang 52(5)): the proposal article says only the eligible are proposed.
          throw new RuleViolationError('MANDIRI_TIK_NOT_ELIGIBLE', 'hanya PD yang layak yang diusulkan / only a PD assessed as meeting every criterion is proposed', holder.citation);
        }
        const proposedOn = pastDate(c.proposedOn, c.today, 'proposedOn');
        if (proposedOn < s.assessment!.assessedOn) throw new ValidationError('proposedOn', `${proposedOn} is before the assessment (${s.assessment!.assessedOn})`);
        const note = optionalText(c.note, 'note');
        return [{ type: 'MandiriTikProposed', payload: { proposedOn, ...(note ? { note } : {}) }, legalBasis: legalBasisOf(holder.citation) }];
      }
      case 'DecideDesignation': {
        if (s.exists && (s.status === 'designated' || s.status === 'refused' || s.status === 'revoked')) {
          throw new InvariantError('DESIGNATION_ALREADY_DECIDED', `the designation was already decided (${s.status}) / sudah diputuskan`, { status: s.status });
        }
        step(s, ['proposed'], 'decide');
        const holder = assertDutyRole(c.profile, 'mandiriTikDesignator', c.role);
        const outcome = oneOf(c.outcome, ['designated', 'refused'] as const, 'outcome');
        const d = decree(c.decree, c.today);
        if (d.date < s.proposedOn!) throw new ValidationError('decree.date', `${d.date} is before the proposal (${s.proposedOn})`);
        const reasons = outcome === 'refused' ? text(c.reasons, 'reasons', 3, 2000) : optionalText(c.reasons, 'reasons');
        return [{ type: outcome === 'designated' ? 'MandiriTikDesignated' : 'MandiriTikRefused', payload: { unitId: s.unitId, decree: d, ...(reasons ? { reasons } : {}) }, legalBasis: legalBasisOf(holder.citation) }];
      }
      case 'RevokeDesignation': {
        step(s, ['designated'], 'revoke');
        assertDutyRole(c.profile, 'mandiriTikDesignator', c.role);
        // No regulation sets a revocation rule (rules-matrix R-DES-01): the Pemda's own instrument is the basis.
        assertCitation(c.legalBasis);
        const d = decree(c.decree, c.today);
        return [{ type: 'MandiriTikRevoked', payload: { unitId: s.unitId, decree: d, reasons: text(c.reasons, 'reasons', 3, 2000) }, legalBasis: legalBasisOf(c.legalBasis) }];
      }
    }
  },

  evolve(s, e: EventEnvelope): DesignationState {
    const p = e.payload as Record<string, never>;
    switch (e.type) {
      case 'MandiriTikApplicationSubmitted':
        return { exists: true, designationId: parseStreamId(e.streamId).id, unitId: p.unitId, origin: p.origin, submittedOn: p.submittedOn, status: 'submitted' };
      case 'MandiriTikAssessed':
        return { ...s, status: p.eligible ? 'assessed-eligible' : 'assessed-ineligible', assessment: { assessedOn: p.assessedOn, results: p.results, eligible: p.eligible } };
      case 'MandiriTikProposed':
        return { ...s, status: 'proposed', proposedOn: p.proposedOn };
      case 'MandiriTikDesignated':
      case 'MandiriTikRefused':
        return { ...s, status: e.type === 'MandiriTikDesignated' ? 'designated' : 'refused', decision: { outcome: e.type === 'MandiriTikDesignated' ? 'designated' : 'refused', decree: p.decree, reasons: p.reasons } };
      case 'MandiriTikRevoked':
        return { ...s, status: 'revoked', revocation: { decree: p.decree, reasons: p.reasons, legalBasis: e.legalBasis! } };
      default:
        return s;
    }
  },
};

/** One result per criterion of the profile, no more, no fewer. */
function assessmentResults(criteria: Criterion[], results: unknown): CriterionResult[] {
  if (!Array.isArray(results)) throw new ValidationError('results', 'must be a list of { criterionId, met, note? }');
  const known = new Set(criteria.map((c) => c.id));
  const seen = new Set<string>();
  const out = results.map((r, i) => {
    const x = r as Partial<CriterionResult>;
    if (typeof x?.criterionId !== 'string' || !known.has(x.criterionId)) {
      throw new ValidationError(`results[${i}].criterionId`, `unknown criterion "${String(x?.criterionId)}"; the criteria are ${[...known].join(', ')} (${criteria[0]?.citation.article ?? ''})`);
    }
    if (seen.has(x.criterionId)) throw new ValidationError(`results[${i}].criterionId`, `criterion ${x.criterionId} assessed twice`);
    seen.add(x.criterionId);
    if (typeof x.met !== 'boolean') throw new ValidationError(`results[${i}].met`, 'must be true or false');
    const note = optionalText(x.note, `results[${i}].note`);
    return { criterionId: x.criterionId, met: x.met, ...(note ? { note } : {}) };
  });
  const missing = [...known].filter((id) => !seen.has(id));
  if (missing.length) throw new ValidationError('results', `every criterion must be assessed; missing ${missing.join(', ')}`);
  return out;
}

/** A designation counts against a new application while it is open or in force. */
export const designationIsOpen = (s: DesignationState) => s.exists && !['assessed-ineligible', 'refused', 'revoked'].includes(s.status!);
export const designationInForce = (s: DesignationState) => s.exists && s.status === 'designated';
