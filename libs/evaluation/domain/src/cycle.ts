import { AuthError, Decider, EventEnvelope, InvariantError, NewEvent, parseStreamId, Role, streamIdOf, ValidationError } from '@spbe/ledger-core';
import { assertEntityId, DocumentRef, documents, text } from '@spbe/registry-domain';
import type { EffectiveProfile } from '@spbe/regulations';
import { FRAMEWORKS, Framework } from './frameworks';
import { evaluationBasis } from './legal-basis';
import { computeIndex, IndexResult, Levels } from './index-computation';

/**
 * An evaluation cycle of a Pemda for one year on one framework: opened with the Tim Asesor Internal's
 * decree and members; per-indicator assessments through the stages mandiri → dokumen → interviu →
 * visitasi (optional) → akhir, each a level 1–5 with explanation, evidence, assessor and — when it
 * differs from the previous stage — a justification; finalised once every indicator has a final
 * level; after that, changes only as recorded corrections with their reason. Pure.
 */
export const STAGES = ['mandiri', 'dokumen', 'interviu', 'visitasi', 'akhir'] as const;
export type Stage = (typeof STAGES)[number];

/** Who records each stage (evaluation-frameworks.md §2, §3.3): the internal assessors, or external ones. */
export const STAGE_ROLES: Record<Stage, readonly Role[]> = {
  mandiri: ['asesor'],
  dokumen: ['asesor', 'asesor-eksternal'],
  interviu: ['asesor', 'asesor-eksternal'],
  visitasi: ['asesor', 'asesor-eksternal'],
  akhir: ['asesor', 'asesor-eksternal'],
};

export interface Assessment {
  stage: Stage;
  level: number;
  explanation: string;
  evidence: DocumentRef[];
  justification?: string;
  assessor: string;
}

export interface CycleState {
  exists: boolean;
  cycleId?: string;
  year?: number;
  frameworkId?: string;
  /** The framework version the cycle was opened on, as recorded in its opening event. */
  framework?: Framework;
  finalized: boolean;
  /** Per indicator, per stage, the latest assessment. */
  assessments: Record<number, Partial<Record<Stage, Assessment>>>;
  /** The OPD responsible for each indicator. */
  owners: Record<number, string>;
}

interface Ctx {
  role: Role;
  actorName: string;
  today: string;
  /** The tenant's regulation profile, for the article each decision carries (null: not known yet). */
  profile?: EffectiveProfile | null;
}

export type CycleCommand =
  | (Ctx & {
      type: 'OpenCycle';
      cycleId: string;
      year: number;
      frameworkId: string;
      /** Resolved by the caller: a national framework or a corrected version the Pemda registered. */
      framework: Framework | undefined;
      asesorDecree: { number: string; date: string; signer: string } | string;
      members: Array<string | { name: string; nip?: string; role?: string }>;
      mayOpen: readonly Role[];
    })
  | (Ctx & { type: 'Assess'; indicatorNo: number; stage: Stage; level: number; explanation: string; evidence?: DocumentRef[]; justification?: string; correctionReason?: string })
  | (Ctx & { type: 'FinalizeCycle'; mayFinalize: readonly Role[] })
  | (Ctx & { type: 'AssignIndicatorOwner'; indicatorNo: number; unitId: string; mayAssign: readonly Role[] });

export const cycleStreamId = (tenantId: string, cycleId: string) => streamIdOf({ tenantId, context: 'evaluation', aggregate: 'cycle', id: cycleId });

export function frameworkOf(id: unknown, field = 'frameworkId'): Framework {
  const f = typeof id === 'string' ? FRAMEWORKS[id] : undefined;
  if (!f) throw new ValidationError(field, `unknown framework "${String(id)}"; known: ${Object.keys(FRAMEWORKS).join(', ')}`);
  return f;
}

/** The stage an assessment must follow (visitasi is optional before akhir). */
function previousStage(s: Partial<Record<Stage, Assessment>>, stage: Stage): Assessment | undefined {
  const i = STAGES.indexOf(stage);
  for (let j = i - 1; j >= 0; j--) if (s[STAGES[j]]) return s[STAGES[j]];
  return undefined;
}

function assertStageOrder(s: Partial<Record<Stage, Assessment>>, stage: Stage, no: number): void {
  const required: Stage | null = stage === 'mandiri' ? null : stage === 'akhir' || stage === 'visitasi' ? 'interviu' : STAGES[STAGES.indexOf(stage) - 1];
  if (required && !s[required])
    throw new InvariantError('STAGE_OUT_OF_ORDER', `stage: indikator ${no}, tahap ${stage} dicatat setelah tahap ${required} (mandiri → dokumen → interviu → visitasi opsional → akhir) / indicator ${no}: ${stage} comes after ${required}`, { field: 'stage', indicatorNo: no, stage, required });
}

/**
 * When the internal `asesor` records dokumen, interviu, visitasi or akhir it transcribes the national
 * assessment's results (those stages are the Tim Asesor Eksternal's, evaluation-frameworks.md §2 and
 * §3.3); issue 6 requires the source document as evidence for such a transcription. The
 * asesor-eksternal records its own assessment, and mandiri is the internal self-assessment.
 */
export function assertTranscriptionEvidence(role: Role, stage: Stage, evidence: DocumentRef[]): void {
  if (role === 'asesor' && stage !== 'mandiri' && evidence.length === 0)
    throw new ValidationError(
      'evidence',
      `tahap ${stage} yang dicatat oleh asesor adalah salinan hasil penilaian nasional: lampirkan dokumen sumbernya sebagai bukti (URI + SHA-256) / an asesor's transcription of stage ${stage} needs the source document as evidence (URI + SHA-256)`,
    );
}

export const cycleDecider: Decider<CycleState, CycleCommand> = {
  initialState: () => ({ exists: false, finalized: false, assessments: {}, owners: {} }),

  decide(c, s): NewEvent[] {
    switch (c.type) {
      case 'OpenCycle': {
        if (s.exists) throw new InvariantError('CYCLE_EXISTS', `cycle ${c.cycleId} is already open`);
        if (!c.mayOpen.includes(c.role)) throw new AuthError('forbidden', `a cycle is opened by ${c.mayOpen.join(' / ')}, not ${c.role}`);
        const f = c.framework ?? frameworkOf(c.frameworkId);
        if (!Number.isInteger(c.year) || c.year < 2018 || c.year > 2100) throw new ValidationError('year', 'must be a year, e.g. 2026');
        const decree = asesorDecree(c.asesorDecree, c.today);
        if (!Array.isArray(c.members) || c.members.length === 0) throw new ValidationError('members', 'the Tim Asesor Internal has at least one member');
        const members = c.members.map((m, i) =>
          typeof m === 'string' ? text(m, `members[${i}]`, 3, 200) : { name: text(m?.name, `members[${i}].name`, 3, 200), ...(m.nip ? { nip: text(m.nip, `members[${i}].nip`, 1, 30) } : {}), ...(m.role ? { role: text(m.role, `members[${i}].role`, 1, 100) } : {}) },
        );
        return [{ type: 'EvaluationCycleOpened', payload: { year: c.year, frameworkId: f.id, asesorDecree: decree, members, framework: f }, legalBasis: evaluationBasis(c.profile, 'evaluator', f) }];
      }
      case 'Assess': {
        if (!s.exists) throw new InvariantError('CYCLE_NOT_FOUND', 'cycle does not exist / siklus tidak ditemukan');
        const f = s.framework!;
        if (!f.indicators.some((i) => i.no === c.indicatorNo)) throw new ValidationError('indicatorNo', `unknown indicator for ${f.id} (1–${f.indicators.length})`);
        if (!(STAGES as readonly string[]).includes(c.stage)) throw new ValidationError('stage', `must be one of ${STAGES.join(', ')}`);
        if (!STAGE_ROLES[c.stage].includes(c.role)) throw new AuthError('forbidden', `tahap ${c.stage} dicatat oleh ${STAGE_ROLES[c.stage].join(' / ')}, bukan ${c.role} / stage ${c.stage} is recorded by ${STAGE_ROLES[c.stage].join(' / ')}`);
        if (typeof c.level !== 'number' || !Number.isInteger(c.level) || c.level < 1 || c.level > 5) throw new ValidationError('level', 'a level is an integer from 1 to 5');
        const byStage = s.assessments[c.indicatorNo] ?? {};
        assertStageOrder(byStage, c.stage, c.indicatorNo);
        const correction = s.finalized ? text(c.correctionReason, 'correctionReason', 3, 2000) : undefined;
        const evidence = documents(c.evidence, 'evidence');
        assertTranscriptionEvidence(c.role, c.stage, evidence);
        const previous = previousStage(byStage, c.stage);
        const justification = previous && previous.level !== c.level ? text(c.justification, 'justification', 3, 4000) : c.justification ? text(c.justification, 'justification', 3, 4000) : undefined;
        const payload = {
          indicatorNo: c.indicatorNo,
          stage: c.stage,
          level: c.level,
          explanation: text(c.explanation, 'explanation', 3, 8000),
          evidence,
          ...(justification ? { justification } : {}),
          assessor: c.actorName,
          ...(correction ? { correctionReason: correction } : {}),
        };
        return [{ type: correction ? 'AssessmentCorrected' : 'IndicatorAssessed', payload, legalBasis: evaluationBasis(c.profile, 'evaluator', f) }];
      }
      case 'AssignIndicatorOwner': {
        if (!s.exists) throw new InvariantError('CYCLE_NOT_FOUND', 'cycle does not exist / siklus tidak ditemukan');
        if (!c.mayAssign.includes(c.role)) throw new AuthError('forbidden', `indicator owners are assigned by ${c.mayAssign.join(' / ')}, not ${c.role}`);
        const f = s.framework!;
        if (!f.indicators.some((i) => i.no === c.indicatorNo)) throw new ValidationError('indicatorNo', `unknown indicator for ${f.id} (1–${f.indicators.length})`);
        assertEntityId(c.unitId, 'unitId');
        return [{ type: 'IndicatorOwnerAssigned', payload: { indicatorNo: c.indicatorNo, unitId: c.unitId } }];
      }
      case 'FinalizeCycle': {
        if (!s.exists) throw new InvariantError('CYCLE_NOT_FOUND', 'cycle does not exist / siklus tidak ditemukan');
        if (s.finalized) throw new InvariantError('CYCLE_FINALIZED', 'the cycle is already final / siklus sudah final');
        if (!c.mayFinalize.includes(c.role)) throw new AuthError('forbidden', `a cycle is finalised by ${c.mayFinalize.join(' / ')}, not ${c.role}`);
        const f = s.framework!;
        const missing = f.indicators.filter((i) => !s.assessments[i.no]?.akhir).map((i) => i.no);
        if (missing.length) throw new ValidationError('indicators', `no final (akhir) level for indicators ${missing.join(', ')}`);
        const result = cycleResult(s);
        const payload = { finalizedOn: c.today, index: result.index, indexExact: result.indexExact, predicate: result.predicate, frameworkId: f.id, year: s.year };
        return [{ type: 'EvaluationCycleFinalized', payload, legalBasis: evaluationBasis(c.profile, 'evaluationFinalizer', f) }];
      }
    }
  },

  evolve(s, e: EventEnvelope): CycleState {
    const p = e.payload as Record<string, never>;
    switch (e.type) {
      case 'EvaluationCycleOpened':
        return { exists: true, cycleId: parseStreamId(e.streamId).id, year: p.year, frameworkId: p.frameworkId, framework: p.framework ?? frameworkOf(p.frameworkId), finalized: false, assessments: {}, owners: {} };
      case 'IndicatorOwnerAssigned':
        return { ...s, owners: { ...s.owners, [p.indicatorNo as number]: p.unitId } };
      case 'IndicatorAssessed':
      case 'AssessmentCorrected': {
        const no = p.indicatorNo as number;
        const a: Assessment = { stage: p.stage, level: p.level, explanation: p.explanation, evidence: p.evidence, justification: p.justification, assessor: p.assessor };
        return { ...s, assessments: { ...s.assessments, [no]: { ...(s.assessments[no] ?? {}), [a.stage]: a } } };
      }
      case 'EvaluationCycleFinalized':
        return { ...s, finalized: true };
      default:
        return s;
    }
  },
};

/** The result from the latest stage of every indicator (the final levels once finalised). */
export function cycleResult(s: CycleState): IndexResult & { stages: Record<number, Stage> } {
  const f = s.framework!;
  const levels: Levels = {};
  const stages: Record<number, Stage> = {};
  const missing: number[] = [];
  for (const i of f.indicators) {
    const byStage = s.assessments[i.no] ?? {};
    const latest = [...STAGES].reverse().find((st) => byStage[st]);
    if (!latest) missing.push(i.no);
    else {
      levels[i.no] = byStage[latest]!.level;
      stages[i.no] = latest;
    }
  }
  if (missing.length) throw new InvariantError('CYCLE_INCOMPLETE', `no level yet for indicators ${missing.join(', ')}`, { missing });
  const r = computeIndex(f, levels);
  return { ...r, indicators: r.indicators.map((x) => ({ ...x, stage: stages[x.no] })), stages };
}

/** The framework indicators a closed Audit TIK of this type is evidence for (data of the framework). */
export function auditIndicators(framework: Framework, auditType: string): number[] {
  return framework.auditEvidence[auditType] ?? [];
}

/** The Tim Asesor Internal's decree: its number alone, or { number, date (not in the future), signer }. */
function asesorDecree(d: unknown, today: string): { number: string; date?: string; signer?: string } {
  if (typeof d === 'string') return { number: text(d, 'asesorDecree', 1, 200) };
  if (!d || typeof d !== 'object') throw new ValidationError('asesorDecree', "the Tim Asesor Internal's decree (its number, or { number, date, signer }) is required");
  const x = d as Record<string, unknown>;
  const out = { number: text(x['number'], 'asesorDecree.number', 1, 200), date: text(x['date'], 'asesorDecree.date', 10, 10), signer: text(x['signer'], 'asesorDecree.signer', 1, 200) };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(out.date)) throw new ValidationError('asesorDecree.date', 'must be YYYY-MM-DD');
  if (out.date > today) throw new ValidationError('asesorDecree.date', `${out.date} is in the future`);
  return out;
}
