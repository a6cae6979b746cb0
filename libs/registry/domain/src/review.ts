import { AuthError, Decider, EventEnvelope, LegalBasis, NewEvent, parseStreamId, Role, RuleViolationError } from '@spbe/ledger-core';
import { actorHolder, Citation, EffectiveProfile, formatCitation, HOLDER_ROLES, Obligation, resolve } from '@spbe/regulations';
import { assertEntityId, documents, DocumentRef, legalBasisOf, mustBeNew, oneOf, pastDate, registryStreamId, text } from './common';

/**
 * Tenant-wide reviews the profile requires as obligations (rules-matrix): business processes
 * (Kupang Pasal 14(2)), the Jaringan Intra service (Pasal 23(8)), data-centre service use
 * (Pasal 19(13)). Recorded by the role of the body the obligation names; a subject the profile sets
 * no duty for is refused (422 naming the profile). Pure.
 */
export const REVIEW_SUBJECTS = ['business-process', 'intra-network', 'data-centre-usage'] as const;
export type ReviewSubject = (typeof REVIEW_SUBJECTS)[number];

/** The fact each review is recorded as (the event vocabulary the profiles' evidence refers to). */
export const REVIEW_EVENT_TYPES: Record<ReviewSubject, string> = {
  'business-process': 'BusinessProcessReviewed',
  'intra-network': 'NetworkServiceReviewed',
  'data-centre-usage': 'DataCentreServiceReviewed',
};

export interface ReviewState {
  exists: boolean;
  reviewId?: string;
  subject?: ReviewSubject;
  date?: string;
  summary?: string;
  documents?: DocumentRef[];
  legalBasis?: LegalBasis | null;
}

export interface RecordReview {
  type: 'RecordReview';
  reviewId: string;
  subject: ReviewSubject;
  date: string;
  summary: string;
  documents?: DocumentRef[];
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export type ReviewCommand = RecordReview;

export const reviewStreamId = (tenantId: string, reviewId: string) => registryStreamId(tenantId, 'review', reviewId);

const obligationCitation = (o: Obligation): Citation | undefined => (o.kind === 'periodic' ? resolve(o.cadence) : resolve(o.provision))?.citation;

/**
 * The profile's obligations a review of `subject` is evidence for, with the article of the first;
 * 422 (REVIEW_NOT_REQUIRED, naming the profile) where the profile sets no such duty or is silent on it.
 */
export function reviewDuty(profile: EffectiveProfile, subject: ReviewSubject): { obligations: Obligation[]; citation: Citation } {
  const type = REVIEW_EVENT_TYPES[subject];
  const obligations = profile.obligations.filter((o) => o.evidence.types.includes(type) && obligationCitation(o));
  if (!obligations.length) {
    throw new RuleViolationError(
      'REVIEW_NOT_REQUIRED',
      `${profile.id} tidak mengatur kewajiban reviu ${subject}; reviu ini tidak dapat dicatat / ${profile.id} sets no duty for a ${subject} review`,
      { regulation: profile.id, article: '(tidak diatur / silent)' },
      { subject },
    );
  }
  return { obligations, citation: obligationCitation(obligations[0])! };
}

export const reviewDecider: Decider<ReviewState, ReviewCommand> = {
  initialState: () => ({ exists: false }),
  decide(c, s): NewEvent[] {
    mustBeNew(s.exists, 'review', c.reviewId);
    assertEntityId(c.reviewId, 'reviewId');
    const subject = oneOf(c.subject, REVIEW_SUBJECTS, 'subject');
    const { obligations, citation } = reviewDuty(c.profile, subject);
    const actor = obligations[0].actor;
    const holder = actorHolder(c.profile, actor);
    if (!holder) {
      throw new RuleViolationError(
        'DUTY_NOT_ASSIGNED',
        `${c.profile.id} tidak menyebut pelaksana ${actor} untuk reviu ${subject} / ${c.profile.id} names no one as ${actor} for a ${subject} review`,
        { regulation: c.profile.id, article: '(tidak diatur / silent)' },
        { subject, duty: actor },
      );
    }
    const roles = HOLDER_ROLES[holder];
    if (!roles.includes(c.role)) {
      throw new AuthError(
        'forbidden',
        `reviu ${subject} dilaksanakan oleh ${holder} (${formatCitation(citation)}); dicatat oleh peran ${roles.join(' / ')}, bukan ${c.role} / ` +
          `a ${subject} review is carried out by ${holder} (${formatCitation(citation)}); recorded by role ${roles.join(' / ')}, not ${c.role}`,
      );
    }
    const payload = {
      subject,
      date: pastDate(c.date, c.today, 'date'),
      summary: text(c.summary, 'summary', 3, 4000),
      documents: documents(c.documents, 'documents'),
      ruleIds: obligations.map((o) => o.ruleId),
    };
    return [{ type: REVIEW_EVENT_TYPES[subject], payload, legalBasis: legalBasisOf(citation) }];
  },
  evolve(s, e: EventEnvelope): ReviewState {
    if (!(Object.values(REVIEW_EVENT_TYPES) as string[]).includes(e.type)) return s;
    const p = e.payload as { subject: ReviewSubject; date: string; summary: string; documents: DocumentRef[] };
    return { exists: true, reviewId: parseStreamId(e.streamId).id, subject: p.subject, date: p.date, summary: p.summary, documents: p.documents, legalBasis: e.legalBasis ?? null };
  },
};
