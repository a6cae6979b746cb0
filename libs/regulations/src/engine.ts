import { ValidationError } from '@spbe/ledger-core';
import { formatCitation } from './citation-table';
import { addDays, addPeriod, assertDate, daysBetween, maxDate, periodMonths, termEnd, yearOf } from './dates';
import type { Fact, Subject } from './facts';
import type { Cadence, Citation, Duty, EffectiveProfile, FactMatch, Holder, Obligation, PeriodicObligation, Resolved, TermReviewObligation, Text } from './model';
import { resolve } from './model';
import { actorHolder, isDuty } from './validate';

/**
 * The compliance rules engine: given a tenant's effective profile, a date and the facts read from its
 * events, every obligation with its status, due date, evidence and citation. Pure and deterministic.
 *
 * Statuses, for the period that is current on `asOf`:
 * - `fulfilled`     evidence exists for the current period (and nothing earlier is still late);
 * - `due`           open, the due date is more than `dueSoonDays` away;
 * - `due-soon`      open, the due date is within `dueSoonDays` (today included);
 * - `overdue`       a due date has passed without evidence, and it has not been caught up since;
 * - `not-applicable` the regulation is silent with no national fallback, or the subject no longer exists.
 */
export type ObligationStatus = 'fulfilled' | 'due' | 'due-soon' | 'overdue' | 'not-applicable';

export interface DateRange {
  from: string;
  to: string;
}

export interface ObligationResult {
  ruleId: string;
  title: Text;
  subject: { kind: Subject['kind']; id: string; name?: string };
  status: ObligationStatus;
  dueDate: string | null;
  period: DateRange | null;
  lastFulfilledOn: string | null;
  evidence: string[];
  missedPeriods: DateRange[];
  citation: Citation | null;
  source: Resolved<unknown>['source'] | null;
  actor: { duty: Duty | null; holder: Holder | null };
  cadence?: Cadence;
  note?: Text;
}

export interface ComplianceInput {
  asOf: string;
  tenant: { id: string; name?: string; since: string };
  subjects?: Subject[];
  facts?: Fact[];
}

export function evaluateObligations(profile: EffectiveProfile, input: ComplianceInput): ObligationResult[] {
  assertDate(input.asOf, 'asOf');
  assertWithinValidity(profile, input.asOf);
  const tenantSubject: Subject = { kind: 'tenant', id: input.tenant.id, name: input.tenant.name, since: input.tenant.since };
  const subjects = [tenantSubject, ...(input.subjects ?? [])];
  const facts = [...(input.facts ?? [])].filter((f) => f.date <= input.asOf);
  const ctx: Ctx = { profile, asOf: input.asOf, facts, dueSoonDays: profile.settings.dueSoonDays };
  return profile.obligations.flatMap((o) => evaluateRule(ctx, o, subjects));
}

/** `asOf` must fall within the profile's validity for the tenant. */
export function assertWithinValidity(profile: EffectiveProfile, asOf: string): void {
  if (asOf < profile.validFrom) {
    throw new ValidationError('asOf', `${asOf} is before ${profile.id} took effect on ${profile.validFrom} (${formatCitation(profile.validFromCitation)})`);
  }
  if (profile.validUntil && asOf > profile.validUntil) {
    const basis = profile.validUntilCitation ? ` (${formatCitation(profile.validUntilCitation)})` : '';
    throw new ValidationError('asOf', `${asOf} is after ${profile.id} ceased to apply on ${profile.validUntil}${basis}`);
  }
}

interface Ctx {
  profile: EffectiveProfile;
  asOf: string;
  facts: Fact[];
  dueSoonDays: number;
}

function evaluateRule(ctx: Ctx, o: Obligation, subjects: Subject[]): ObligationResult[] {
  const provision = resolve<unknown>(o.kind === 'periodic' ? o.cadence : o.provision);
  const inScope = subjects.filter((s) => s.kind === o.scope && (o.kind !== 'periodic' || attributesMatch(s, o.appliesTo)));
  if (!provision) {
    const note = (o.kind === 'periodic' ? o.cadence : o.provision) as { note?: Text };
    const tenant = subjects[0];
    return [{ ...base(ctx, o, tenant, null), status: 'not-applicable', note: note.note }];
  }
  return inScope.map((s) => (o.kind === 'periodic' ? periodic(ctx, o, provision as Resolved<Cadence>, s) : termReview(ctx, o, provision, s)));
}

function base(ctx: Ctx, o: Obligation, s: Subject, provision: Resolved<unknown> | null): Omit<ObligationResult, 'status'> {
  return {
    ruleId: o.ruleId,
    title: o.title,
    subject: { kind: s.kind, id: s.id, ...(s.name ? { name: s.name } : {}) },
    dueDate: null,
    period: null,
    lastFulfilledOn: null,
    evidence: [],
    missedPeriods: [],
    citation: provision?.citation ?? null,
    source: provision?.source ?? null,
    actor: { duty: isDuty(o.actor) ? o.actor : null, holder: actorHolder(ctx.profile, o.actor) ?? null },
  };
}

function attributesMatch(s: Subject, where: Record<string, unknown> | undefined): boolean {
  return !where || Object.entries(where).every(([k, v]) => s.attributes?.[k] === v);
}

export function factMatches(f: Fact, m: FactMatch): boolean {
  return m.types.includes(f.type) && (!m.where || Object.entries(m.where).every(([k, v]) => f.data?.[k] === v));
}

/**
 * The facts that fulfil an obligation on a subject: those recorded on that subject, or — for a duty of
 * the Pemda as a whole (scope `tenant`, e.g. Samarinda Pasal 30(7) "Audit TIK … paling sedikit 1 tahun
 * sekali") — any matching fact of the tenant, whatever object it was recorded on.
 */
function evidenceFor(ctx: Ctx, o: Obligation, s: Subject): Fact[] {
  const onSubject = (f: Fact) => s.kind === 'tenant' || (f.subject.kind === s.kind && f.subject.id === s.id);
  return ctx.facts.filter((f) => onSubject(f) && factMatches(f, o.evidence)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function openStatus(ctx: Ctx, dueDate: string): ObligationStatus {
  const left = daysBetween(ctx.asOf, dueDate);
  if (left < 0) return 'overdue';
  return left <= ctx.dueSoonDays ? 'due-soon' : 'due';
}

function periodic(ctx: Ctx, o: PeriodicObligation, cadence: Resolved<Cadence>, s: Subject): ObligationResult {
  const result = { ...base(ctx, o, s, cadence), cadence: cadence.value };
  const start = maxDate(ctx.profile.validFrom, s.since);
  if (s.until && s.until < ctx.asOf) {
    return { ...result, status: 'not-applicable', note: { id: `Subjek berakhir pada ${s.until}.`, en: `The subject ended on ${s.until}.` } };
  }
  if (start > ctx.asOf) return { ...result, status: 'not-applicable', note: { id: `Kewajiban berlaku mulai ${start}.`, en: `The obligation applies from ${start}.` } };
  const evidence = evidenceFor(ctx, o, s);
  const r = cadence.value.window === 'rolling' ? rolling(ctx, result, cadence.value, start, evidence) : calendar(ctx, result, cadence.value, start, evidence);
  return o.optional ? optionalResult(r) : r;
}

/** An optional review ("dapat", Dumai Pasal 5(3)): fulfilled when done; otherwise not applicable, never due. */
function optionalResult(r: ObligationResult): ObligationResult {
  if (r.status === 'fulfilled') return { ...r, missedPeriods: [] };
  return {
    ...r,
    status: 'not-applicable',
    missedPeriods: [],
    note: { id: 'Bersifat pilihan ("dapat"): bukan kewajiban; belum dilakukan dalam periode ini.', en: 'Optional ("dapat"): not a duty; not done in this period.' },
  };
}

type Partial0 = Omit<ObligationResult, 'status'>;

function rolling(ctx: Ctx, r: Partial0, c: Cadence, start: string, evidence: Fact[]): ObligationResult {
  const last = evidence[evidence.length - 1];
  // Evidence from before the obligation began does not move its first due date earlier.
  const from = maxDate(last ? last.date : start, start);
  const dueDate = addPeriod(from, c.every);
  const missedPeriods: DateRange[] = [];
  // Gaps longer than the period between consecutive pieces of evidence (or from the start) were missed.
  let prev = start;
  for (const e of evidence) {
    const due = addPeriod(prev, c.every);
    if (e.date > due) missedPeriods.push({ from: prev, to: due });
    prev = maxDate(prev, e.date);
  }
  const period = { from, to: dueDate };
  const status: ObligationStatus = openStatus(ctx, dueDate) === 'due' && last ? 'fulfilled' : openStatus(ctx, dueDate);
  return { ...r, status, dueDate, period, lastFulfilledOn: last?.date ?? null, evidence: last ? [last.eventId] : [], missedPeriods };
}

/** Calendar periods of the cadence's length, aligned to 1 January of the start year. */
export function calendarPeriod(start: string, every: Cadence['every'], on: string): DateRange {
  const months = periodMonths(every);
  const origin = `${yearOf(start)}-01-01`;
  const [y, m] = on.split('-').map(Number);
  const k = Math.floor(((y - yearOf(start)) * 12 + (m - 1)) / months);
  const from = addPeriod(origin, { months: k * months });
  return { from, to: addDays(addPeriod(from, { months }), -1) };
}

function calendar(ctx: Ctx, r: Partial0, c: Cadence, start: string, evidence: Fact[]): ObligationResult {
  const current = calendarPeriod(start, c.every, ctx.asOf);
  const inRange = (p: DateRange) => evidence.filter((e) => e.date >= p.from && e.date <= p.to);
  const missedPeriods: DateRange[] = [];
  for (let p = calendarPeriod(start, c.every, start); p.to < current.from; p = calendarPeriod(start, c.every, addDays(p.to, 1))) {
    if (inRange(p).length === 0) missedPeriods.push(p);
  }
  const now = inRange(current);
  const last = evidence[evidence.length - 1];
  const previous = calendarPeriod(start, c.every, addDays(current.from, -1));
  const previousMissed = current.from > start && missedPeriods.some((p) => p.from === previous.from);
  const base = { ...r, period: current, lastFulfilledOn: last?.date ?? null, missedPeriods };
  if (now.length > 0) return { ...base, status: 'fulfilled', dueDate: current.to, evidence: now.map((e) => e.eventId) };
  if (previousMissed) return { ...base, status: 'overdue', dueDate: previous.to };
  return { ...base, status: openStatus(ctx, current.to), dueDate: current.to };
}

/**
 * The mid-term and final-year windows of a term. No text defines which year is "paruh waktu"
 * (rules-matrix Table 5), so the product takes the year of the term that contains its midpoint;
 * the final year is the last twelve months of the term. A shorter term (set mid-RPJMD) gets
 * windows from its actual length.
 */
export function termWindows(from: string, to: string): { midTerm: DateRange; finalYear: DateRange } {
  const finalFrom = maxDate(from, addPeriod(addDays(to, 1), { years: 1 }, -1));
  const finalYear = { from: finalFrom, to };
  const midpoint = addDays(from, Math.floor(daysBetween(from, to) / 2));
  let k = 0;
  while (addPeriod(from, { years: k + 1 }) <= midpoint) k++;
  const midFrom = addPeriod(from, { years: k });
  const midTo = termEnd(from, { years: k + 1 });
  const midTerm = { from: midFrom, to: midTo < finalYear.from ? midTo : addDays(finalYear.from, -1) };
  return { midTerm: midTerm.to < midTerm.from ? { from: midFrom, to: midFrom } : midTerm, finalYear };
}

function termReview(ctx: Ctx, o: TermReviewObligation, provision: Resolved<unknown>, s: Subject): ObligationResult {
  const r = base(ctx, o, s, provision);
  const term = o.term ? resolve(o.term) : undefined;
  if (o.term && !term) {
    return { ...r, status: 'not-applicable', note: (o.term as { note?: Text }).note };
  }
  const span = term ? term.value : s.until ? { from: s.since, to: s.until } : null;
  if (!span) return { ...r, status: 'not-applicable', note: { id: 'Masa berlaku tidak tercatat.', en: 'No validity period is recorded.' } };
  const w = termWindows(span.from, span.to);
  const window = o.window === 'mid-term' ? w.midTerm : w.finalYear;
  const found = evidenceFor(ctx, o, s).filter((e) => e.date >= window.from && e.date <= window.to);
  const done = { ...r, period: window, dueDate: window.to };
  if (found.length > 0) return { ...done, status: 'fulfilled', evidence: found.map((e) => e.eventId), lastFulfilledOn: found[found.length - 1].date };
  if (span.to < ctx.asOf) {
    return { ...done, status: 'not-applicable', missedPeriods: [window], note: { id: `Masa berlaku berakhir ${span.to}.`, en: `The term ended on ${span.to}.` } };
  }
  return { ...done, status: openStatus(ctx, window.to), missedPeriods: window.to < ctx.asOf ? [window] : [] };
}

/**
 * The validity term of an architecture (or blueprint) the profile allows: its number of years from
 * the start; where the profile aligns it to the RPJMD and it starts after the RPJMD began, it ends
 * with the RPJMD (shorter than five years).
 */
export function architectureTerm(profile: EffectiveProfile, input: { validFrom: string; rpjmd?: DateRange | null }): DateRange & { citation: Citation | null } {
  assertDate(input.validFrom, 'validFrom');
  const validity = resolve(profile.architecture.validity);
  if (!validity) throw new ValidationError('validTo', `${profile.id} sets no validity term for the architecture; record validTo from the decree`);
  const full = { from: input.validFrom, to: termEnd(input.validFrom, { years: validity.value.years }), citation: validity.citation };
  if (!validity.value.rpjmdAligned || !input.rpjmd) return full;
  assertDate(input.rpjmd.from, 'rpjmd.from');
  assertDate(input.rpjmd.to, 'rpjmd.to');
  if (input.rpjmd.to < input.rpjmd.from) throw new ValidationError('rpjmd.to', `the RPJMD period ends (${input.rpjmd.to}) before it starts (${input.rpjmd.from})`);
  if (input.validFrom > input.rpjmd.to || input.validFrom < input.rpjmd.from) {
    throw new ValidationError('validFrom', `${input.validFrom} is outside the RPJMD period ${input.rpjmd.from}–${input.rpjmd.to} (${formatCitation(validity.citation)})`);
  }
  return input.validFrom === input.rpjmd.from ? full : { from: input.validFrom, to: input.rpjmd.to < full.to ? input.rpjmd.to : full.to, citation: validity.citation };
}
