import { Decider, EventEnvelope, InvariantError, NewEvent, parseStreamId, Role, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { architectureTerm, assertDate, assertDutyRole, Citation, Decree, Duty, EffectiveProfile, formatCitation, resolve, termEnd } from '@spbe/regulations';
import { assertEntityId, decree, documents, DocumentRef, legalBasisOf, mustBeNew, oneOf, optionalText, pastDate, registryStreamId, text } from './common';

/**
 * Arsitektur SPBE, Peta Rencana SPBE (roadmap) and Dumai's cetak biru: a version established by
 * decree with its validity term and domains, reviews (mid-term, final year, annual where the profile
 * says so, ad hoc on the grounds the regulation enumerates) and amendments by a new decree based on a
 * review (rules-matrix R-ARC-02…12, R-RDM-01…10, Table 5). Pure.
 */
export const ARTEFACTS = ['arsitektur', 'peta-rencana', 'cetak-biru'] as const;
export type Artefact = (typeof ARTEFACTS)[number];

/** The six architecture domains (rules-matrix R-ARC-06). */
export const ARCHITECTURE_DOMAINS = ['proses-bisnis', 'data-dan-informasi', 'infrastruktur', 'aplikasi', 'keamanan', 'layanan'] as const;
export type ArchitectureDomain = (typeof ARCHITECTURE_DOMAINS)[number];

export const REVIEW_KINDS = ['mid-term', 'final-year', 'annual', 'ad-hoc'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export interface Review {
  reviewId: string;
  kind: ReviewKind;
  heldOn: string;
  grounds: string[];
  outcome: 'tetap' | 'perlu-perubahan';
  summary: string;
}

export interface ArchitectureState {
  exists: boolean;
  architectureId?: string;
  artefact?: Artefact;
  title?: string;
  validFrom?: string;
  validTo?: string;
  domains?: ArchitectureDomain[];
  decree?: Decree;
  supersedes?: string | null;
  reviews: Review[];
  amendments: { amendmentId: string; decree: Decree; basedOnReviewId: string; summary: string }[];
}

interface Ctx {
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export type ArchitectureCommand =
  | (Ctx & {
      type: 'EstablishArchitecture';
      architectureId: string;
      artefact: Artefact;
      title: string;
      validFrom: string;
      validTo?: string | null;
      rpjmd?: { from: string; to: string } | null;
      domains?: ArchitectureDomain[];
      decree: Decree;
      supersedes?: string | null;
      supersededExists?: boolean;
    })
  | (Ctx & { type: 'ReviewArchitecture'; reviewId: string; kind: ReviewKind; heldOn: string; grounds?: string[]; outcome: Review['outcome']; summary: string; documents?: DocumentRef[] })
  | (Ctx & { type: 'AmendArchitecture'; amendmentId: string; decree: Decree; basedOnReviewId: string; summary: string });

export const architectureStreamId = (tenantId: string, architectureId: string) => registryStreamId(tenantId, 'architecture', architectureId);

const reviewerDuty = (a: Artefact): Duty => (a === 'peta-rencana' ? 'roadmapReviewer' : 'architectureReviewer');

/** Grounds are cited by letter in the order the regulation lists them: a, b, c… */
export function groundLetters(profile: EffectiveProfile, artefact: Artefact): { letters: string[]; citation: Citation } | null {
  const r = resolve(artefact === 'peta-rencana' ? profile.roadmap.reviewGrounds : profile.architecture.reviewGrounds);
  return r ? { letters: r.value.map((_, i) => String.fromCharCode(97 + i)), citation: r.citation } : null;
}

function validity(c: Extract<ArchitectureCommand, { type: 'EstablishArchitecture' }>): { from: string; to: string; citation: Citation | null } {
  assertDate(c.validFrom, 'validFrom');
  if (c.artefact === 'peta-rencana') {
    const r = resolve(c.profile.roadmap.validity);
    const limit = r ? architectureTermYears(c.validFrom, r.value.years) : null;
    return checkedEnd(c.validFrom, c.validTo ?? limit, limit, r?.citation ?? null);
  }
  const hasTerm = resolve(c.profile.architecture.validity);
  if (!hasTerm) return checkedEnd(c.validFrom, c.validTo ?? null, null, null);
  const term = architectureTerm(c.profile, { validFrom: c.validFrom, rpjmd: c.rpjmd ?? null });
  return checkedEnd(c.validFrom, c.validTo ?? term.to, term.to, term.citation);
}

const architectureTermYears = (from: string, years: number) => termEnd(from, { years });

function checkedEnd(from: string, to: string | null, limit: string | null, citation: Citation | null) {
  if (to === null) throw new ValidationError('validTo', 'the profile sets no term: give validTo from the decree');
  assertDate(to, 'validTo');
  if (to < from) throw new ValidationError('validTo', `the validity period ends (${to}) before it starts (${from})`);
  if (limit && to > limit && citation) {
    throw new RuleViolationError('TERM_TOO_LONG', `masa berlaku paling lama sampai ${limit} / the term may run at most until ${limit}`, citation, { validTo: to, limit });
  }
  return { from, to, citation };
}

export const architectureDecider: Decider<ArchitectureState, ArchitectureCommand> = {
  initialState: () => ({ exists: false, reviews: [], amendments: [] }),

  decide(c, s): NewEvent[] {
    switch (c.type) {
      case 'EstablishArchitecture': {
        mustBeNew(s.exists, 'architecture', c.architectureId);
        assertEntityId(c.architectureId, 'architectureId');
        const artefact = oneOf(c.artefact, ARTEFACTS, 'artefact');
        const holder = assertDutyRole(c.profile, 'architectureEnactor', c.role);
        const d = decree(c.decree, c.today);
        const term = validity({ ...c, artefact });
        const domains = (c.domains ?? []).map((x, i) => oneOf(x, ARCHITECTURE_DOMAINS, `domains[${i}]`));
        if (new Set(domains).size !== domains.length) throw new ValidationError('domains', 'a domain is listed twice');
        if (c.supersedes != null && !c.supersededExists) throw new ValidationError('supersedes', `architecture ${c.supersedes} is not recorded`);
        const payload = { artefact, title: text(c.title, 'title', 3, 300), validFrom: term.from, validTo: term.to, domains, decree: d, supersedes: c.supersedes ?? null, termCitation: term.citation ? legalBasisOf(term.citation) : null };
        return [{ type: artefact === 'peta-rencana' ? 'RoadmapEnacted' : 'ArchitectureEnacted', payload, legalBasis: legalBasisOf(holder.citation) }];
      }
      case 'ReviewArchitecture': {
        if (!s.exists) throw new InvariantError('ARCHITECTURE_NOT_FOUND', 'architecture does not exist / arsitektur tidak ditemukan');
        if (s.reviews.some((r) => r.reviewId === c.reviewId)) throw new InvariantError('REVIEW_EXISTS', `review ${c.reviewId} is already recorded`);
        assertEntityId(c.reviewId, 'reviewId');
        const kind = oneOf(c.kind, REVIEW_KINDS, 'kind');
        if (kind === 'annual') annualReviewCitation(c.profile, s.artefact!);
        const holder = assertDutyRole(c.profile, kind === 'annual' ? 'architectureReviewer' : reviewerDuty(s.artefact!), c.role);
        const heldOn = pastDate(c.heldOn, c.today, 'heldOn');
        if (heldOn < s.validFrom! || heldOn > s.validTo!) throw new ValidationError('heldOn', `${heldOn} is outside the validity term ${s.validFrom}–${s.validTo}`);
        const grounds = reviewGrounds(c.profile, s.artefact!, kind, c.grounds ?? []);
        const outcome = oneOf(c.outcome, ['tetap', 'perlu-perubahan'] as const, 'outcome');
        const payload = { reviewId: c.reviewId, kind, heldOn, grounds, outcome, summary: text(c.summary, 'summary', 3, 4000), documents: documents(c.documents, 'documents') };
        const type = s.artefact === 'peta-rencana' ? 'RoadmapReviewed' : kind === 'annual' ? 'ArchitectureMonitoringEvaluated' : 'ArchitectureReviewed';
        return [{ type, payload, legalBasis: legalBasisOf(reviewCitation(c.profile, s.artefact!, kind) ?? holder.citation) }];
      }
      case 'AmendArchitecture': {
        if (!s.exists) throw new InvariantError('ARCHITECTURE_NOT_FOUND', 'architecture does not exist / arsitektur tidak ditemukan');
        if (s.amendments.some((a) => a.amendmentId === c.amendmentId)) throw new InvariantError('AMENDMENT_EXISTS', `amendment ${c.amendmentId} is already recorded`);
        assertEntityId(c.amendmentId, 'amendmentId');
        const holder = assertDutyRole(c.profile, 'architectureChangeDecider', c.role);
        const review = s.reviews.find((r) => r.reviewId === c.basedOnReviewId);
        if (!review) throw new ValidationError('basedOnReviewId', `review ${String(c.basedOnReviewId)} is not recorded on this architecture`);
        if (review.outcome !== 'perlu-perubahan') {
          throw new RuleViolationError('AMENDMENT_WITHOUT_REVIEW', `perubahan ditetapkan berdasarkan hasil reviu yang menyatakan perlu perubahan / a change rests on a review that found one needed`, holder.citation);
        }
        const d = decree(c.decree, c.today);
        if (d.date < review.heldOn) throw new ValidationError('decree.date', `${d.date} is before the review it rests on (${review.heldOn})`);
        return [{ type: s.artefact === 'peta-rencana' ? 'RoadmapAmended' : 'ArchitectureAmended', payload: { amendmentId: c.amendmentId, decree: d, basedOnReviewId: review.reviewId, summary: text(c.summary, 'summary', 3, 4000) }, legalBasis: legalBasisOf(holder.citation) }];
      }
    }
  },

  evolve(s, e: EventEnvelope): ArchitectureState {
    const p = e.payload as Record<string, never>;
    switch (e.type) {
      case 'ArchitectureEnacted':
      case 'RoadmapEnacted':
        return { ...s, exists: true, architectureId: parseStreamId(e.streamId).id, artefact: p.artefact, title: p.title, validFrom: p.validFrom, validTo: p.validTo, domains: p.domains, decree: p.decree, supersedes: p.supersedes };
      case 'ArchitectureReviewed':
      case 'ArchitectureMonitoringEvaluated':
      case 'RoadmapReviewed':
        return { ...s, reviews: [...s.reviews, { reviewId: p.reviewId, kind: p.kind, heldOn: p.heldOn, grounds: p.grounds, outcome: p.outcome, summary: p.summary }] };
      case 'ArchitectureAmended':
      case 'RoadmapAmended':
        return { ...s, amendments: [...s.amendments, { amendmentId: p.amendmentId, decree: p.decree, basedOnReviewId: p.basedOnReviewId, summary: p.summary }] };
      default:
        return s;
    }
  },
};

/** An ad hoc review names at least one ground the regulation enumerates; grounds are its letters. */
function reviewGrounds(profile: EffectiveProfile, artefact: Artefact, kind: ReviewKind, grounds: unknown): string[] {
  if (!Array.isArray(grounds)) throw new ValidationError('grounds', 'must be a list of letters');
  const list = groundLetters(profile, artefact);
  grounds.forEach((g, i) => {
    if (list && !list.letters.includes(g as string)) throw new ValidationError(`grounds[${i}]`, `must be one of ${list.letters.join(', ')} (${formatCitation(list.citation)})`);
    if (!list) optionalText(g, `grounds[${i}]`, 300);
  });
  if (kind === 'ad-hoc' && grounds.length === 0) {
    throw list
      ? new RuleViolationError('REVIEW_WITHOUT_GROUNDS', `reviu sewaktu-waktu menyebut paling sedikit satu alasan (${list.letters.join(', ')}) / an ad hoc review names at least one ground`, list.citation)
      : new ValidationError('grounds', 'an ad hoc review names at least one ground');
  }
  return grounds as string[];
}

/**
 * An annual review is recorded only where the profile has one (R-ARC-07, e.g. Pasuruan Pasal 5(4):
 * annual monitoring and evaluation of the Arsitektur SPBE by the Dinas); no profile has one for the
 * Peta Rencana. Elsewhere the regulation is silent: refused (422), saying so and pointing to an ad hoc
 * review with its grounds.
 */
export function annualReviewCitation(profile: EffectiveProfile, artefact: Artefact): Citation {
  const citation = artefact === 'peta-rencana' ? undefined : reviewCitation(profile, artefact, 'annual');
  if (citation) return citation;
  const grounds = groundLetters(profile, artefact);
  const where = grounds ? ` (${formatCitation(grounds.citation)})` : '';
  const what = artefact === 'peta-rencana' ? 'Peta Rencana SPBE' : artefact === 'cetak-biru' ? 'cetak biru SPBE' : 'Arsitektur SPBE';
  throw new RuleViolationError(
    'ANNUAL_REVIEW_NOT_DEFINED',
    `${profile.id} tidak mengatur reviu tahunan ${what}; catat reviu sewaktu-waktu (kind: ad-hoc) dengan alasannya${where} / ` +
      `${profile.id} defines no annual review of the ${what}; record an ad hoc review (kind: ad-hoc) with its grounds${where} instead`,
    { regulation: profile.id, article: '(tidak diatur / silent)' },
    { kind: 'annual' },
  );
}

/** The article behind a review of this kind: the profile's review obligation, or the grounds list for ad hoc reviews. */
function reviewCitation(profile: EffectiveProfile, artefact: Artefact, kind: ReviewKind): Citation | undefined {
  if (kind === 'ad-hoc') return groundLetters(profile, artefact)?.citation;
  const prefix = kind === 'annual' ? 'R-ARC-07' : `${artefact === 'peta-rencana' ? 'R-RDM-06' : 'R-ARC-08'}.${kind}`;
  const o = profile.obligations.find((x) => x.ruleId === prefix);
  return o ? resolve<unknown>(o.kind === 'periodic' ? o.cadence : o.provision)?.citation : undefined;
}
