import { AuthError, EventEnvelope, InvariantError, ValidationError } from '@spbe/ledger-core';
import { refusal } from '@spbe/ledger-core/testing';
import { CycleCommand, cycleDecider, cycleResult, CycleState } from './cycle';

const ctx = { role: 'koordinator' as const, actorName: 'Koordinator', today: '2026-11-22' };
const open: CycleCommand = { type: 'OpenCycle', cycleId: 'spbe-2020-2025', year: 2025, frameworkId: 'spbe-2020', framework: undefined, asesorDecree: { number: '1/2025', date: '2025-02-01', signer: 'Bupati' }, members: ['Asesor Satu'], mayOpen: ['koordinator'], ...ctx };
const assess = (indicatorNo: number, stage: 'mandiri' | 'dokumen' | 'interviu' | 'visitasi' | 'akhir', level: number, extra: Partial<CycleCommand> = {}): CycleCommand =>
  ({ type: 'Assess', indicatorNo, stage, level, explanation: 'Fakta dan analisis', role: stage === 'mandiri' ? 'asesor' : 'asesor-eksternal', actorName: 'A', today: '2026-11-22', ...extra }) as CycleCommand;
const finalize: CycleCommand = { type: 'FinalizeCycle', mayFinalize: ['koordinator'], ...ctx };
const source = [{ uri: 'https://dokumen.kupangkota.go.id/evaluasi/hasil-penilaian-2025.pdf', sha256: 'ab'.repeat(32) }];
const through = (no: number, level: number) => [assess(no, 'mandiri', level), assess(no, 'dokumen', level), assess(no, 'interviu', level), assess(no, 'akhir', level)];
const allStages = (level: number) => Array.from({ length: 47 }, (_, i) => i + 1).flatMap((no) => through(no, level));
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

  it('refuses opening without the decree, with a decree dated in the future, without members, or with a bad year', () => {
    const field = (c: Partial<CycleCommand>) => (refusal(() => cycleDecider.decide({ ...open, ...c } as CycleCommand, cycleDecider.initialState())) as ValidationError).field;
    expect(field({ asesorDecree: undefined } as Partial<CycleCommand>)).toBe('asesorDecree');
    expect(field({ asesorDecree: { number: '1/2025', date: '2026-11-23', signer: 'Bupati' } } as Partial<CycleCommand>)).toBe('asesorDecree.date');
    expect(refusal(() => cycleDecider.decide({ ...open, asesorDecree: { number: '1/2025', date: '2026-11-23', signer: 'Bupati' } }, cycleDecider.initialState())).message).toMatch(/^asesorDecree\.date: 2026-11-23 is in the future/);
    expect(field({ members: [] } as Partial<CycleCommand>)).toBe('members');
    expect(field({ year: 2025.5 } as Partial<CycleCommand>)).toBe('year');
    expect(field({ year: 1999 } as Partial<CycleCommand>)).toBe('year');
    expect(cycleDecider.decide(open, cycleDecider.initialState())[0].type).toBe('EvaluationCycleOpened');
  });

  it('refuses an assessment, an owner or a finalisation of a cycle that was never opened (CYCLE_NOT_FOUND)', () => {
    const none = cycleDecider.initialState();
    for (const c of [assess(1, 'mandiri', 2), finalize, { type: 'AssignIndicatorOwner', indicatorNo: 1, unitId: 'dinas-kominfo', mayAssign: ['koordinator'], ...ctx } as CycleCommand]) {
      const e = refusal(() => cycleDecider.decide(c, none));
      expect(e).toBeInstanceOf(InvariantError);
      expect(e.code).toBe('CYCLE_NOT_FOUND');
    }
  });

  it('refuses an unknown stage, naming the field', () => {
    const e = refusal(() => cycleDecider.decide(assess(1, 'penilaian-ulang' as 'akhir', 2), run([open]))) as ValidationError;
    expect(e.field).toBe('stage');
    expect(e.message).toBe('stage: must be one of mandiri, dokumen, interviu, visitasi, akhir');
  });

  it.each([
    ['interviu before dokumen', [assess(1, 'mandiri', 2)], assess(1, 'interviu', 2), 'dokumen'],
    ['visitasi before interviu', [assess(1, 'mandiri', 2), assess(1, 'dokumen', 2)], assess(1, 'visitasi', 2), 'interviu'],
  ])('refuses %s (STAGE_OUT_OF_ORDER, naming the stage it must follow)', (_w, before, c, required) => {
    const e = refusal(() => cycleDecider.decide(c, run([open, ...before])));
    expect(e.code).toBe('STAGE_OUT_OF_ORDER');
    expect(e.details).toMatchObject({ field: 'stage', indicatorNo: 1, required });
    expect(e.message).toContain(`setelah tahap ${required}`);
  });

  it('takes the visitasi path: visitasi after interviu, akhir after visitasi; akhir is compared with visitasi for the justification', () => {
    const s = run([open, assess(1, 'mandiri', 2), assess(1, 'dokumen', 2), assess(1, 'interviu', 2)]);
    expect((refusal(() => cycleDecider.decide(assess(1, 'visitasi', 3), s)) as ValidationError).field).toBe('justification');
    const v = run([open, assess(1, 'mandiri', 2), assess(1, 'dokumen', 2), assess(1, 'interviu', 2), assess(1, 'visitasi', 3, { justification: 'Visitasi menemukan layanan berjalan' })]);
    expect(v.assessments[1].visitasi).toMatchObject({ level: 3, justification: 'Visitasi menemukan layanan berjalan' });
    // akhir at the visitasi level needs no justification though it differs from interviu …
    expect(cycleDecider.decide(assess(1, 'akhir', 3), v)[0]).toMatchObject({ type: 'IndicatorAssessed', payload: { stage: 'akhir', level: 3 } });
    expect(cycleDecider.decide(assess(1, 'akhir', 3), v)[0].payload).not.toHaveProperty('justification');
    // … and one that differs from visitasi does.
    expect((refusal(() => cycleDecider.decide(assess(1, 'akhir', 2), v)) as ValidationError).field).toBe('justification');
  });

  it('refuses finalising twice (CYCLE_FINALIZED)', () => {
    const s = run([open, ...allStages(1), finalize]);
    const e = refusal(() => cycleDecider.decide(finalize, s));
    expect(e).toBeInstanceOf(InvariantError);
    expect(e.code).toBe('CYCLE_FINALIZED');
  });

  it('after finalisation, a level changes only by a correction with its reason, and the result follows it', () => {
    const s = run([open, ...allStages(1), finalize]);
    expect(cycleResult(s)).toMatchObject({ index: '1.00', indexExact: '1', predicate: 'Kurang' });
    const noReason = refusal(() => cycleDecider.decide(assess(1, 'akhir', 3, { justification: 'Berita acara nasional' }), s)) as ValidationError;
    expect(noReason.field).toBe('correctionReason');
    expect(noReason.message).toMatch(/^correctionReason: must be text/);
    const fix = assess(1, 'akhir', 3, { justification: 'Berita acara nasional', correctionReason: 'Salah ketik pada berita acara' });
    const [e] = cycleDecider.decide(fix, s);
    expect(e).toMatchObject({ type: 'AssessmentCorrected', payload: { indicatorNo: 1, stage: 'akhir', level: 3, correctionReason: 'Salah ketik pada berita acara' } });
    // Indicator 1 weighs 1.30 %: 1 + 2 × 0.013 = 1.026 → 1.03.
    const after = run([open, ...allStages(1), finalize, fix]);
    expect(after.finalized).toBe(true);
    expect(cycleResult(after)).toMatchObject({ index: '1.03', indexExact: '1.026', predicate: 'Kurang' });
    expect(cycleResult(after).indicators[0]).toMatchObject({ no: 1, level: 3, stage: 'akhir' });
  });

  describe('evidence (URI + SHA-256)', () => {
    const s = run([open, assess(1, 'mandiri', 2)]);
    it.each(['dokumen', 'interviu', 'visitasi', 'akhir'] as const)("refuses an asesor's transcription of %s without the source document", (stage) => {
      const before = run([open, assess(1, 'mandiri', 2), assess(1, 'dokumen', 2), assess(1, 'interviu', 2)]);
      const state = stage === 'dokumen' ? s : stage === 'interviu' ? run([open, assess(1, 'mandiri', 2), assess(1, 'dokumen', 2)]) : before;
      for (const evidence of [undefined, []]) {
        const e = refusal(() => cycleDecider.decide(assess(1, stage, 2, { role: 'asesor', evidence }), state)) as ValidationError;
        expect(e).toBeInstanceOf(ValidationError);
        expect(e.field).toBe('evidence');
        expect(e.message).toContain(`an asesor's transcription of stage ${stage} needs the source document as evidence (URI + SHA-256)`);
      }
      expect(cycleDecider.decide(assess(1, stage, 2, { role: 'asesor', evidence: source }), state)[0].payload).toMatchObject({ stage, evidence: source, assessor: 'A' });
    });

    it('asks no evidence of the asesor-eksternal, nor of the asesor for mandiri', () => {
      expect(cycleDecider.decide(assess(1, 'dokumen', 2, { role: 'asesor-eksternal' }), s)[0].payload).toMatchObject({ evidence: [] });
      expect(cycleDecider.decide(assess(2, 'mandiri', 2, { role: 'asesor' }), s)[0].payload).toMatchObject({ evidence: [] });
    });

    it('refuses evidence without a URI or with a SHA-256 that is not 64 lower-case hex characters', () => {
      const bad = (evidence: unknown) => refusal(() => cycleDecider.decide(assess(1, 'dokumen', 2, { role: 'asesor', evidence } as Partial<CycleCommand>), s)) as ValidationError;
      expect(bad([{ uri: 'https://x.go.id/a.pdf', sha256: 'AB'.repeat(32) }]).field).toBe('evidence[0].sha256');
      expect(bad([...source, { uri: 'https://x.go.id/a.pdf', sha256: 'ab'.repeat(31) }]).message).toBe('evidence[1].sha256: must be 64 lower-case hex characters');
      expect(bad([{ uri: '', sha256: 'ab'.repeat(32) }]).field).toBe('evidence[0].uri');
      expect(bad('https://x.go.id/a.pdf').field).toBe('evidence');
    });
  });
});
