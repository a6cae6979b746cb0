import { refusal } from '@spbe/ledger-core/testing';
import { AuthError, EventEnvelope, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { effectiveProfile } from '@spbe/regulations';
import { RecordReview, reviewDecider, ReviewState, reviewStreamId } from './review';

const KUPANG = effectiveProfile({ profileId: 'kupang-perwali-11-2025' });
const PASURUAN = effectiveProfile({ profileId: 'pasuruan-perwali-24-2021' });
const doc = { uri: 'https://jdih.kupangkota.go.id/dokumen/reviu-2026.pdf', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' };
const review: RecordReview = {
  type: 'RecordReview',
  reviewId: 'reviu-proses-bisnis-2026',
  subject: 'business-process',
  date: '2026-06-15',
  summary: 'Reviu proses bisnis seluruh Perangkat Daerah',
  documents: [doc],
  profile: KUPANG,
  role: 'opd',
  today: '2026-07-01',
};
const kupang = (article: string) => ({ regulation: 'kupang-perwali-11-2025', article });

function recorded(c: RecordReview): ReviewState {
  return reviewDecider.decide(c, reviewDecider.initialState()).reduce(
    (s, e) => reviewDecider.evolve(s, { ...e, streamId: reviewStreamId('kota-kupang', c.reviewId), legalBasis: e.legalBasis ?? null } as unknown as EventEnvelope),
    reviewDecider.initialState(),
  );
}

describe('tenant-wide reviews', () => {
  it.each([
    ['business-process', 'opd', 'BusinessProcessReviewed', 'Pasal 14(2)', ['R-ARC-16']],
    ['intra-network', 'dinas', 'NetworkServiceReviewed', 'Pasal 23(8)', ['R-INF-10']],
    ['data-centre-usage', 'dinas', 'DataCentreServiceReviewed', 'Pasal 19(13)', ['R-INF-24.mid-term', 'R-INF-24.final-year']],
  ] as const)('Kupang %s review by %s → %s citing %s', (subject, role, type, article, ruleIds) => {
    const [e, ...rest] = reviewDecider.decide({ ...review, subject, role }, reviewDecider.initialState());
    expect(rest).toEqual([]);
    expect(e).toEqual({ type, payload: { subject, date: '2026-06-15', summary: review.summary, documents: [doc], ruleIds }, legalBasis: kupang(article) });
  });

  it('folds to the recorded review', () => {
    expect(recorded(review)).toEqual({ exists: true, reviewId: review.reviewId, subject: 'business-process', date: '2026-06-15', summary: review.summary, documents: [doc], legalBasis: kupang('Pasal 14(2)') });
  });

  it('only the body the obligation names records it (403 naming the article)', () => {
    const e = refusal(() => reviewDecider.decide({ ...review, subject: 'intra-network', role: 'opd' }, reviewDecider.initialState()));
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toContain('kupang-perwali-11-2025 Pasal 23(8)');
    expect(e.message).toContain('dinas');
    expect(refusal(() => reviewDecider.decide({ ...review, role: 'dinas' }, reviewDecider.initialState())).message).toContain('Pasal 14(2)');
  });

  it('a subject the profile sets no duty for is refused naming the profile (422)', () => {
    const e = refusal(() => reviewDecider.decide({ ...review, profile: PASURUAN }, reviewDecider.initialState()));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect((e as RuleViolationError).code).toBe('REVIEW_NOT_REQUIRED');
    expect(e.message).toContain('pasuruan-perwali-24-2021');
  });

  it('refuses a future date, a short summary, bad documents, an unknown subject, a malformed id, naming the field', () => {
    const field = (c: Partial<RecordReview>) => (refusal(() => reviewDecider.decide({ ...review, ...c } as RecordReview, reviewDecider.initialState())) as ValidationError).field;
    expect(field({ date: '2026-07-02' })).toBe('date');
    expect(field({ date: '2026-02-30' })).toBe('date');
    expect(field({ summary: 'x' })).toBe('summary');
    expect(field({ documents: [{ uri: 'x', sha256: 'nope' }] })).toBe('documents[0].sha256');
    expect(field({ subject: 'x' as never })).toBe('subject');
    expect(field({ reviewId: 'Not An Id' })).toBe('reviewId');
  });

  it('is recorded once (409)', () => {
    expect(refusal(() => reviewDecider.decide(review, recorded(review))).kind).toBe('conflict');
  });
});
