import { ValidationError } from '@spbe/ledger-core';
import type { Framework } from './frameworks';

/**
 * Index computation exactly as the frameworks define it (evaluation-frameworks.md §1.5, §3.3):
 * aspect, domain and overall indices are weighted sums of integer levels, kept as exact fractions
 * (bigint numerator / denominator); displayed rounded half-up to 2 decimals. Pure.
 */
export interface Exact {
  num: bigint;
  den: bigint;
}

export interface IndexValue {
  /** Rounded half-up to 2 decimals, for display. */
  value: string;
  /** The exact value: a terminating decimal, or 20 decimals followed by "…" when it does not terminate. */
  exact: string;
}

export type Levels = Record<number, number>;

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const frac = (num: bigint, den: bigint): Exact => {
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
};

/** A decimal string such as "4.2" as an exact fraction. */
export function parseDecimal(s: string): Exact {
  const [i, f = ''] = s.split('.');
  return frac(BigInt(i + f), 10n ** BigInt(f.length));
}

export const compare = (a: Exact, b: Exact): number => {
  const d = a.num * b.den - b.num * a.den;
  return d === 0n ? 0 : d > 0n ? 1 : -1;
};

/** Half-up to `places` decimals (values here are never negative). */
export function roundHalfUp(x: Exact, places = 2): string {
  const scale = 10n ** BigInt(places);
  const scaled = (x.num * scale * 2n + x.den) / (2n * x.den);
  const s = scaled.toString().padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
}

export function exactDecimal(x: Exact, maxPlaces = 20): string {
  const int = x.num / x.den;
  let rem = x.num % x.den;
  let digits = '';
  while (rem !== 0n && digits.length < maxPlaces) {
    rem *= 10n;
    digits += (rem / x.den).toString();
    rem %= x.den;
  }
  return digits ? `${int}.${digits}${rem !== 0n ? '…' : ''}` : int.toString();
}

const show = (x: Exact): IndexValue => ({ value: roundHalfUp(x), exact: exactDecimal(x) });

/** a − b, exact. */
export const subtract = (a: Exact, b: Exact): Exact => frac(a.num * b.den - b.num * a.den, a.den * b.den);

const negate = (x: Exact): Exact => ({ num: -x.num, den: x.den });

/**
 * A signed value (a change between two indices) for display: half-up on the magnitude (away from zero,
 * as BigDecimal's HALF_UP), 2 decimals, "-" only when the rounded value is not zero.
 */
export function signedRoundHalfUp(x: Exact, places = 2): string {
  const r = roundHalfUp(x.num < 0n ? negate(x) : x, places);
  return x.num < 0n && /[1-9]/.test(r) ? `-${r}` : r;
}

/** The exact decimal of a signed value ("-0.05"; 20 decimals and "…" when it does not terminate). */
export function signedExactDecimal(x: Exact, maxPlaces = 20): string {
  return x.num < 0n ? `-${exactDecimal(negate(x), maxPlaces)}` : exactDecimal(x, maxPlaces);
}

/** Levels must be integers 1–5 for known indicators; `complete` requires one for every indicator. */
export function validateLevels(framework: Framework, levels: Record<string, unknown>, complete: boolean, field = 'levels'): Levels {
  const known = new Set(framework.indicators.map((i) => i.no));
  const out: Levels = {};
  for (const [k, v] of Object.entries(levels ?? {})) {
    const no = Number(k);
    if (!Number.isInteger(no) || !known.has(no)) throw new ValidationError(`${field}.${k}`, `unknown indicator for ${framework.id} (1–${framework.indicators.length})`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) throw new ValidationError(`${field}.${k}`, 'a level is an integer from 1 to 5');
    out[no] = v;
  }
  if (complete) {
    const missing = framework.indicators.filter((i) => out[i.no] === undefined).map((i) => i.no);
    if (missing.length) throw new ValidationError(field, `levels missing for indicators ${missing.join(', ')}`);
  }
  return out;
}

/** Indices as strings rounded half-up to 2 decimals (`index`), with the exact value beside (`indexExact`). */
export interface IndexResult {
  frameworkId: string;
  index: string;
  indexExact: string;
  predicate: string;
  domains: { id: number; name: string; weight: string; index: string; indexExact: string }[];
  aspects: { id: number; name: string; domainId: number | null; weight: string; index: string; indexExact: string }[];
  indicators: { no: number; name: string; aspectId: number; weight: string; level: number }[];
}

const pct = (w: number) => (w / 100).toFixed(2);

/** Σ wI×NI over the indicators selected, divided by their total weight. */
function weighted(framework: Framework, levels: Levels, pick: (aspectId: number) => boolean): Exact {
  const inds = framework.indicators.filter((i) => pick(i.aspectId));
  const num = inds.reduce((s, i) => s + BigInt(i.weight) * BigInt(levels[i.no]), 0n);
  const den = inds.reduce((s, i) => s + BigInt(i.weight), 0n);
  return frac(num, den);
}

/**
 * The index as it is published: two decimals, half-up (evaluation-frameworks.md §1.5; PermenPANRB
 * 59/2020 publishes Indeks, Indeks Domain and Indeks Aspek with two decimals). The exact value is kept
 * beside it; the predicate is read from this value (see `predicateOf`).
 */
export const displayed = (index: Exact): Exact => parseDecimal(roundHalfUp(index));

/**
 * The predikat of an index, read from the index as displayed (two decimals), so that the number a user
 * reads and the predicate beside it always agree: an exact 2.5995 shows "2.60" and is Baik (PermenPANRB
 * 59/2020 Lampiran I Tabel 13: Baik from 2,6), never "2.60 Cukup". docs/evaluation.md states the rule.
 */
export function predicateOf(framework: Framework, index: Exact): string {
  const shown = displayed(index);
  const p = framework.predicates.find((x) => compare(shown, parseDecimal(x.min)) >= 0);
  return p ? p.predicate : framework.predicates[framework.predicates.length - 1].predicate;
}

/** The overall, domain and aspect indices of a complete set of levels as exact fractions (full precision). */
export interface ExactIndices {
  index: Exact;
  domains: Record<number, Exact>;
  aspects: Record<number, Exact>;
}

export function exactIndices(framework: Framework, levels: Levels): ExactIndices {
  return indicesOf(framework, validateLevels(framework, levels, true));
}

/** exactIndices over levels already validated as complete. */
function indicesOf(framework: Framework, all: Levels): ExactIndices {
  const aspectsOf = (d: number) => new Set(framework.aspects.filter((a) => a.domainId === d).map((a) => a.id));
  return {
    index: weighted(framework, all, () => true),
    domains: Object.fromEntries(framework.domains.map((d) => [d.id, weighted(framework, all, (a) => aspectsOf(d.id).has(a))])),
    aspects: Object.fromEntries(framework.aspects.map((a) => [a.id, weighted(framework, all, (x) => x === a.id)])),
  };
}

/** The index, predicate, domain, aspect and indicator values of a complete set of levels. */
export function computeIndex(framework: Framework, levels: Levels): IndexResult {
  const all = validateLevels(framework, levels, true);
  const x = indicesOf(framework, all);
  const both = (v: Exact) => ({ index: roundHalfUp(v), indexExact: exactDecimal(v) });
  return {
    frameworkId: framework.id,
    ...both(x.index),
    predicate: predicateOf(framework, x.index),
    domains: framework.domains.map((d) => ({ id: d.id, name: d.name, weight: pct(d.weight), ...both(x.domains[d.id]) })),
    aspects: framework.aspects.map((a) => ({ id: a.id, name: a.name, domainId: a.domainId, weight: pct(a.weight), ...both(x.aspects[a.id]) })),
    indicators: framework.indicators.map((i) => ({ no: i.no, name: i.name, aspectId: i.aspectId, weight: pct(i.weight), level: all[i.no] })),
  };
}

export interface PlanStep {
  no: number;
  name: string;
  from: number;
  to: number;
  /** Index points gained by this one-level raise (weight / 100). */
  gain: string;
}

/**
 * The smallest set of one-level raises that reaches the next predicate: every step of an indicator
 * gains its weight, so taking the heaviest indicators first needs the fewest steps; ties by number.
 */
export function improvementPlan(framework: Framework, levels: Levels): { current: string; target: string | null; steps: PlanStep[]; reached: IndexValue | null } {
  const all = validateLevels(framework, levels, true);
  const index = weighted(framework, all, () => true);
  const current = predicateOf(framework, index);
  const ordered = [...framework.predicates].reverse();
  const next = ordered[ordered.findIndex((p) => p.predicate === current) + 1];
  if (!next) return { current, target: null, steps: [], reached: null };
  const target = parseDecimal(next.min);
  let sum = framework.indicators.reduce((s, i) => s + BigInt(i.weight) * BigInt(all[i.no]), 0n);
  const total = framework.indicators.reduce((s, i) => s + BigInt(i.weight), 0n);
  const working = { ...all };
  const steps: PlanStep[] = [];
  const byWeight = [...framework.indicators].sort((a, b) => b.weight - a.weight || a.no - b.no);
  while (compare(displayed(frac(sum, total)), target) < 0) {
    const i = byWeight.find((x) => working[x.no] < 5);
    if (!i) break;
    steps.push({ no: i.no, name: i.name, from: working[i.no], to: working[i.no] + 1, gain: pct(i.weight) });
    working[i.no] += 1;
    sum += BigInt(i.weight);
  }
  return { current, target: next.predicate, steps, reached: show(frac(sum, total)) };
}
