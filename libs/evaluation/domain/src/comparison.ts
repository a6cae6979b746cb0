import type { Framework } from './frameworks';
import { exactDecimal, Exact, exactIndices, Levels, predicateOf, roundHalfUp, signedExactDecimal, signedRoundHalfUp, subtract } from './index-computation';

/**
 * Year-over-year comparison of a tenant's finalised cycles: each cycle's index and predicate and, for
 * every year after the first, the change against the previous finalised year — overall, per domain and
 * per aspect — in exact decimal arithmetic (display strings half-up to 2 decimals, as the result). Pure.
 */
export interface ComparedCycle {
  cycleId: string;
  year: number;
  framework: Framework;
  /** The final levels of every indicator. */
  levels: Levels;
}

/** A change between two indices: `index` for display (2 decimals, half-up, signed), `indexExact` exact. */
export interface IndexChange {
  index: string;
  indexExact: string;
}

export interface PartChange extends IndexChange {
  id: number;
  name: string;
  /** The previous and the current index (2 decimals). */
  from: string;
  to: string;
}

export interface YearOverYearChange extends IndexChange {
  fromCycleId: string;
  fromYear: number;
  fromFrameworkId: string;
  /** Both cycles measure on the same instrument (regulation): only then are domains and aspects compared. */
  sameInstrument: boolean;
  predicateFrom: string;
  predicateTo: string;
  predicateChanged: boolean;
  domains: PartChange[];
  aspects: PartChange[];
}

export interface YearOverYearItem {
  cycleId: string;
  year: number;
  frameworkId: string;
  index: string;
  indexExact: string;
  predicate: string;
  /** Against the previous finalised year; null for the first year. */
  change: YearOverYearChange | null;
}

const change = (to: Exact, from: Exact): IndexChange => {
  const d = subtract(to, from);
  return { index: signedRoundHalfUp(d), indexExact: signedExactDecimal(d) };
};

/**
 * The cycle a cycle is compared with: one of the latest earlier year, preferring the same framework
 * version, then the same instrument (a corrected version keeps its base's regulation), then by id.
 */
function previousOf(c: ComparedCycle, all: ComparedCycle[]): ComparedCycle | undefined {
  const earlier = all.filter((x) => x.year < c.year);
  if (!earlier.length) return undefined;
  const year = Math.max(...earlier.map((x) => x.year));
  const rank = (x: ComparedCycle) => (x.framework.id === c.framework.id ? 0 : x.framework.regulation.id === c.framework.regulation.id ? 1 : 2);
  return earlier.filter((x) => x.year === year).sort((a, b) => rank(a) - rank(b) || a.cycleId.localeCompare(b.cycleId))[0];
}

function parts(items: { id: number; name: string }[], to: Record<number, Exact>, from: Record<number, Exact>): PartChange[] {
  return items.filter((x) => from[x.id] && to[x.id]).map((x) => ({ id: x.id, name: x.name, from: roundHalfUp(from[x.id]), to: roundHalfUp(to[x.id]), ...change(to[x.id], from[x.id]) }));
}

export function yearOverYear(cycles: ComparedCycle[]): YearOverYearItem[] {
  const sorted = [...cycles].sort((a, b) => a.year - b.year || a.cycleId.localeCompare(b.cycleId));
  const exact = new Map(sorted.map((c) => [c.cycleId, exactIndices(c.framework, c.levels)]));
  return sorted.map((c) => {
    const x = exact.get(c.cycleId)!;
    const predicate = predicateOf(c.framework, x.index);
    const p = previousOf(c, sorted);
    let delta: YearOverYearChange | null = null;
    if (p) {
      const px = exact.get(p.cycleId)!;
      const predicateFrom = predicateOf(p.framework, px.index);
      const sameInstrument = p.framework.regulation.id === c.framework.regulation.id;
      delta = {
        fromCycleId: p.cycleId,
        fromYear: p.year,
        fromFrameworkId: p.framework.id,
        ...change(x.index, px.index),
        sameInstrument,
        predicateFrom,
        predicateTo: predicate,
        predicateChanged: predicateFrom !== predicate,
        domains: sameInstrument ? parts(c.framework.domains, x.domains, px.domains) : [],
        aspects: sameInstrument ? parts(c.framework.aspects, x.aspects, px.aspects) : [],
      };
    }
    return { cycleId: c.cycleId, year: c.year, frameworkId: c.framework.id, index: roundHalfUp(x.index), indexExact: exactDecimal(x.index), predicate, change: delta };
  });
}
