import { AuthError, EventEnvelope, ValidationError } from '@spbe/ledger-core';
import { refusal } from '@spbe/ledger-core/testing';
import { CycleCommand, cycleDecider, cycleResult, CycleState } from './cycle';

const ctx = { role: 'koordinator' as const, actorName: 'Koordinator', today: '2026-11-22' };
const open: CycleCommand = { type: 'OpenCycle', cycleId: 'spbe-2020-2025', year: 2025, frameworkId: 'spbe-2020', framework: undefined, asesorDecree: { number: '1/2025', date: '2025-02-01', signer: 'Bupati' }, members: ['Asesor Satu'], mayOpen: ['koordinator'], ...ctx };
const assess = (indicatorNo: number, stage: 'mandiri' | 'dokumen' | 'interviu' | 'visitasi' | 'akhir', level: number, extra: Partial<CycleCommand> = {}): CycleCommand =>
  ({ type: 'Assess', indicatorNo, stage, level, explanation: 'Fakta dan analisis', role: stage === 'mandiri' ? 'asesor' : 'asesor-eksternal', actorName: 'A', today: '2026-11-22', ...extra }) as CycleCommand;
function run(cs: CycleCommand[]): CycleState {
  return cs.reduce((s, c) => cycleDecider.decide(c, s).reduce((st, e) => cycleDecider.evolve(st, { ...e, streamId: 'k:evaluation.cycle:spbe-2020-2025' } as unknown as EventEnvelope), s), cycleDecider.initialState());
}

describe('evaluation cycle', () => {
  it('walks the stages; visitasi is optional; the final levels give the index', () => {
    const all = Array.from({ length: 47 }, (_, i) => i + 1).flatMap((no) => [assess(no, 'mandiri', 1), assess(no, 'dokumen', 1), assess(no, 'interviu', 1), assess(no, 'akhir', 1)]);
    const s = run([open, ...all, assess(1, 'visitasi', 1), { type: 'FinalizeCycle', mayFinalize: ['koordinator'], ...ctx }]);
    expect(s.finalized).toBe(true);
    expect(cycleResult(s)).toMatchObject({ index: '1.00', predicate: 'Kurang' });
  });

  it.each([
    ['a stage out of order', [open], assess(1, 'dokumen', 2), 'conflict'],
    ['akhir straight after dokumen', [open, assess(1, 'mandiri', 2), assess(1, 'dokumen', 2)], assess(1, 'akhir', 2), 'conflict'],
  ])('refuses %s (409)', (_w, before, c, kind) => {
    expect(refusal(() => cycleDecider.decide(c, run(before))).kind).toBe(kind);
  });

  it('refuses a level outside 1–5 or not an integer, an unknown indicator, a change without justification, a wrong role', () => {
    const s = run([open, assess(1, 'mandiri', 2)]);
    expect((refusal(() => cycleDecider.decide(assess(2, 'mandiri', 0), s)) as ValidationError).field).toBe('level');
    expect((refusal(() => cycleDecider.decide(assess(2, 'mandiri', 2.5), s)) as ValidationError).field).toBe('level');
    expect((refusal(() => cycleDecider.decide(assess(48, 'mandiri', 2), s)) as ValidationError).field).toBe('indicatorNo');
    expect((refusal(() => cycleDecider.decide(assess(1, 'dokumen', 3), s)) as ValidationError).field).toBe('justification');
    expect(cycleDecider.decide(assess(1, 'dokumen', 3, { justification: 'Dokumen hanya memenuhi sebagian' }), s)[0].type).toBe('IndicatorAssessed');
    expect(refusal(() => cycleDecider.decide(assess(1, 'mandiri', 2, { role: 'asesor-eksternal' }), s))).toBeInstanceOf(AuthError);
    expect(refusal(() => cycleDecider.decide({ type: 'FinalizeCycle', mayFinalize: ['koordinator'], ...ctx, role: 'asesor' }, s))).toBeInstanceOf(AuthError);
    expect((refusal(() => cycleDecider.decide({ type: 'FinalizeCycle', mayFinalize: ['koordinator'], ...ctx }, s)) as ValidationError).field).toBe('indicators');
  });
});
