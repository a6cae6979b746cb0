import { EventEnvelope, LedgerError, parseStreamId } from '@spbe/ledger-core';
import { CycleState, cycleDecider, cycleResult, IndexResult, STAGES, Stage } from '@spbe/evaluation-domain';
import { applyOnce, AppliedMarker, Projection } from '@spbe/read-models';

/**
 * Evaluation views: one document per cycle holding the cycle's state folded with the evaluation
 * service's own `evolve`; indices are computed from it on read with the framework's exact arithmetic.
 */
export const EVALUATION_VIEW = 'evaluation_view_cycles';

export interface CycleViewDoc extends AppliedMarker, Record<string, unknown> {
  _id: string;
  tenantId: string;
  cycleId: string;
  year: number | null;
  state: CycleState;
}

export const evaluationViewsProjection: Projection = {
  name: 'evaluation-views',
  collections: [EVALUATION_VIEW],
  indexes: { [EVALUATION_VIEW]: [{ tenantId: 1, year: 1 }] },
  async apply(e: EventEnvelope, target) {
    const s = parseStreamId(e.streamId);
    if (s.context !== 'evaluation' || s.aggregate !== 'cycle') return;
    await applyOnce(target.collection<CycleViewDoc>(EVALUATION_VIEW), `${e.tenantId}|${s.id}`, e, (current) => {
      const state = cycleDecider.evolve(current?.state ?? cycleDecider.initialState(), e);
      return { tenantId: e.tenantId, cycleId: s.id, year: state.year ?? null, state };
    });
  },
};

export interface CycleSummary {
  cycleId: string;
  year: number | null;
  frameworkId: string | null;
  finalized: boolean;
  /** Indicators without any level yet (the index needs every one). */
  missing: number[];
  /** The framework's predicate thresholds (highest first), for charts. */
  predicates: { predicate: string; min: string }[];
  result: (Omit<IndexResult, 'indicators'>) | null;
}

function resultOf(state: CycleState): { result: IndexResult | null; missing: number[] } {
  try {
    const { stages: _stages, ...r } = cycleResult(state);
    return { result: r, missing: [] };
  } catch (err) {
    if (err instanceof LedgerError && (err.details as { missing?: number[] } | undefined)?.missing) return { result: null, missing: (err.details as { missing: number[] }).missing };
    throw err;
  }
}

/** Every cycle of the tenant with its index and predicate (while complete), and the trend over the finalised years (pure). */
export function evaluationOverview(docs: CycleViewDoc[]): { cycles: CycleSummary[]; trend: { year: number; cycleId: string; frameworkId: string; index: string; indexExact: string; predicate: string }[] } {
  const cycles = docs
    .filter((d) => d.state.exists)
    .map((d) => {
      const { result, missing } = resultOf(d.state);
      const summary: CycleSummary = { cycleId: d.cycleId, year: d.year, frameworkId: d.state.frameworkId ?? null, finalized: d.state.finalized, missing, predicates: d.state.framework?.predicates ?? [], result: null };
      if (result) summary.result = withoutIndicators(result);
      return summary;
    })
    .sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.cycleId.localeCompare(b.cycleId));
  const trend = cycles
    .filter((c) => c.finalized && c.result && c.year !== null)
    .map((c) => ({ year: c.year!, cycleId: c.cycleId, frameworkId: c.frameworkId!, index: c.result!.index, indexExact: c.result!.indexExact, predicate: c.result!.predicate }));
  return { cycles, trend };
}

export interface IndicatorStages {
  no: number;
  name: string;
  aspectId: number;
  weight: string;
  owner: string | null;
  levels: Partial<Record<Stage, number>>;
  /** The stage the index uses (latest recorded). */
  stage: Stage | null;
}

/** One cycle: its index (while complete) and every indicator's level at each stage (pure). */
export function cycleView(doc: CycleViewDoc) {
  const s = doc.state;
  const f = s.framework!;
  const { result, missing } = resultOf(s);
  const indicators: IndicatorStages[] = f.indicators.map((i) => {
    const byStage = s.assessments[i.no] ?? {};
    const levels: Partial<Record<Stage, number>> = {};
    for (const st of STAGES) if (byStage[st]) levels[st] = byStage[st]!.level;
    const latest = [...STAGES].reverse().find((st) => byStage[st]) ?? null;
    return { no: i.no, name: i.name, aspectId: i.aspectId, weight: (i.weight / 100).toFixed(2), owner: s.owners[i.no] ?? null, levels, stage: latest };
  });
  return { cycleId: doc.cycleId, year: doc.year, frameworkId: s.frameworkId, finalized: s.finalized, missing, result: result ? withoutIndicators(result) : null, stages: STAGES, indicators };
}

function withoutIndicators(r: IndexResult): Omit<IndexResult, 'indicators'> {
  const { indicators: _ignored, ...rest } = r;
  return rest;
}
