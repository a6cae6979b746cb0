import { ValidationError } from '@spbe/ledger-core';
import { FRAMEWORKS, PEMDI_2026, SPBE_2020 } from './frameworks';
import { computeIndex, improvementPlan, Levels, predicateOf, parseDecimal, roundHalfUp } from './index-computation';

const all = (framework: typeof SPBE_2020, level: number): Levels => Object.fromEntries(framework.indicators.map((i) => [i.no, level]));

describe('frameworks as data', () => {
  it.each([
    ['spbe-2020', SPBE_2020, 4, 8, 47],
    ['pemdi-2026', PEMDI_2026, 0, 7, 20],
  ])('%s: structure and weights that nest exactly to 100 %%', (_id, f, domains, aspects, indicators) => {
    expect([f.domains.length, f.aspects.length, f.indicators.length]).toEqual([domains, aspects, indicators]);
    expect(f.aspects.reduce((s, a) => s + a.weight, 0)).toBe(10000);
    for (const a of f.aspects) expect(f.indicators.filter((i) => i.aspectId === a.id).reduce((s, i) => s + i.weight, 0)).toBe(a.weight);
    for (const d of f.domains) expect(f.aspects.filter((a) => a.domainId === d.id).reduce((s, a) => s + a.weight, 0)).toBe(d.weight);
    expect(FRAMEWORKS[f.id]).toBe(f);
  });
});

describe('spbe-2020 domain 1 (Kebijakan) weight', () => {
  it('is verified: 13 % for the domain, 1.3 % for each of its ten indicators (national training module)', () => {
    expect(SPBE_2020.domains[0]).toMatchObject({ id: 1, weight: 1300, grade: 'V' });
    expect(SPBE_2020.aspects[0]).toMatchObject({ id: 1, domainId: 1, weight: 1300, grade: 'V' });
    expect(SPBE_2020.indicators.filter((i) => i.aspectId === 1).map((i) => i.weight)).toEqual(Array(10).fill(130));
  });
});

describe('index computation (exact decimals, half-up for display)', () => {
  it.each([['spbe-2020', SPBE_2020], ['pemdi-2026', PEMDI_2026]])('%s: all 1 → 1.00 Kurang; all 5 → 5.00 Memuaskan', (_id, f) => {
    expect(computeIndex(f, all(f, 1))).toMatchObject({ index: '1.00', indexExact: '1', predicate: 'Kurang' });
    expect(computeIndex(f, all(f, 5))).toMatchObject({ index: '5.00', indexExact: '5', predicate: 'Memuaskan' });
  });

  it.each([
    ['spbe-2020', '1.79', 'Kurang'], ['spbe-2020', '1.8', 'Cukup'], ['spbe-2020', '2.6', 'Baik'], ['spbe-2020', '3.49', 'Baik'], ['spbe-2020', '3.5', 'Sangat Baik'], ['spbe-2020', '4.2', 'Memuaskan'],
    ['pemdi-2026', '1.49', 'Kurang'], ['pemdi-2026', '1.5', 'Cukup'], ['pemdi-2026', '2.5', 'Baik'], ['pemdi-2026', '3.5', 'Sangat Baik'], ['pemdi-2026', '3.99', 'Sangat Baik'], ['pemdi-2026', '4', 'Memuaskan'],
  ])('%s: an index of exactly %s is %s', (id, value, predicate) => {
    expect(predicateOf(FRAMEWORKS[id], parseDecimal(value))).toBe(predicate);
  });

  // Issue 15 item 12: the two-decimal index a user reads and the predicate beside it agree by
  // construction — the predicate is read from the displayed value (PermenPANRB 59/2020 Lampiran I
  // Tabel 13 thresholds; docs/evaluation.md). The exact value is kept beside it.
  it.each([
    ['spbe-2020', '1.7949', 'Kurang'], ['spbe-2020', '1.795', 'Cukup'], ['spbe-2020', '2.5995', 'Baik'], ['spbe-2020', '2.5949', 'Cukup'], ['spbe-2020', '3.4995', 'Sangat Baik'], ['spbe-2020', '4.1995', 'Memuaskan'],
    ['pemdi-2026', '1.495', 'Cukup'], ['pemdi-2026', '2.4949', 'Cukup'], ['pemdi-2026', '2.495', 'Baik'], ['pemdi-2026', '3.995', 'Memuaskan'],
  ])('%s: an exact %s is displayed and judged as its two-decimal value: %s', (id, value, predicate) => {
    expect(predicateOf(FRAMEWORKS[id], parseDecimal(value))).toBe(predicate);
    expect(predicateOf(FRAMEWORKS[id], parseDecimal(roundHalfUp(parseDecimal(value))))).toBe(predicate);
  });

  it('spbe-2020: an exact 2.5995 shows 2.60 and is Baik, with the exact value kept', () => {
    // Level 2 everywhere; +1 on indicators 1–4 (weight 1.30 %) and 32–40 (2.75 %); 42–45 at 4 and 46–47 at 3 (3.00 %).
    const levels: Levels = Object.fromEntries(SPBE_2020.indicators.map((i) => [i.no, 2]));
    for (const no of [1, 2, 3, 4, 32, 33, 34, 35, 36, 37, 38, 39, 40, 46, 47]) levels[no] = 3;
    for (const no of [42, 43, 44, 45]) levels[no] = 4;
    expect(computeIndex(SPBE_2020, levels)).toMatchObject({ index: '2.60', indexExact: '2.5995', predicate: 'Baik' });
  });

  it('the displayed index and the predicate agree for any levels (seeded sample of 500)', () => {
    let seed = 15;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 5;
    for (const f of [SPBE_2020, PEMDI_2026]) {
      for (let n = 0; n < 250; n++) {
        const r = computeIndex(f, Object.fromEntries(f.indicators.map((i) => [i.no, 1 + next()])));
        expect(predicateOf(f, parseDecimal(r.index))).toBe(r.predicate);
      }
    }
  });

  it('spbe-2020 mixed case by hand: level 2 everywhere, Layanan (45.5 %) at 3 → 2 + 0.455 = 2.455 → 2.46 Cukup', () => {
    const levels = Object.fromEntries(SPBE_2020.indicators.map((i) => [i.no, i.no >= 32 ? 3 : 2]));
    const r = computeIndex(SPBE_2020, levels);
    expect(r).toMatchObject({ index: '2.46', indexExact: '2.455', predicate: 'Cukup' });
    expect(r.domains.map((d) => [d.name, d.weight, d.index])).toEqual([
      ['Kebijakan Internal SPBE', '13.00', '2.00'],
      ['Tata Kelola SPBE', '25.00', '2.00'],
      ['Manajemen SPBE', '16.50', '2.00'],
      ['Layanan SPBE', '45.50', '3.00'],
    ]);
  });

  it('an aspect index that does not terminate is kept exact (Audit TIK: (1+2+2)/3)', () => {
    const levels = { ...all(SPBE_2020, 1), 30: 2, 31: 2 };
    const audit = computeIndex(SPBE_2020, levels).aspects.find((a) => a.name === 'Audit TIK')!;
    expect([audit.index, audit.indexExact]).toEqual(['1.67', '1.66666666666666666666…']);
  });

  it('pemdi-2026 mixed case by hand: level 3 everywhere, Kepuasan Pengguna (25 %) at 4 → 3.25 Baik', () => {
    const levels = Object.fromEntries(PEMDI_2026.indicators.map((i) => [i.no, i.no >= 19 ? 4 : 3]));
    expect(computeIndex(PEMDI_2026, levels)).toMatchObject({ index: '3.25', indexExact: '3.25', predicate: 'Baik', domains: [] });
  });

  it('half-up rounding, not binary floating point', () => {
    expect(roundHalfUp(parseDecimal('2.455'))).toBe('2.46');
    expect(roundHalfUp(parseDecimal('2.445'))).toBe('2.45');
    expect(roundHalfUp(parseDecimal('1.005'))).toBe('1.01');
  });

  it.each([
    [{ 1: 0 }, 'levels.1'],
    [{ 1: 2.5 }, 'levels.1'],
    [{ 48: 3 }, 'levels.48'],
  ])('refuses %j naming the field', (bad, field) => {
    let err: unknown;
    try {
      computeIndex(SPBE_2020, { ...all(SPBE_2020, 1), ...bad } as Levels);
    } catch (e) {
      err = e;
    }
    expect((err as ValidationError).field).toBe(field);
  });

  it('refuses a missing indicator', () => {
    const levels = all(SPBE_2020, 1);
    delete levels[47];
    expect(() => computeIndex(SPBE_2020, levels)).toThrow(/^levels: levels missing for indicators 47/);
  });
});

describe('improvement planner', () => {
  it('all 1 (Kurang) → Cukup at 1.8 with the fewest one-level raises, heaviest first', () => {
    const plan = improvementPlan(SPBE_2020, all(SPBE_2020, 1));
    expect(plan.current).toBe('Kurang');
    expect(plan.target).toBe('Cukup');
    // 0.8 index points are needed: the six 3.00 % indicators 1→5 (24 raises, 0.72), then three 2.75 % raises (0.0825).
    expect(plan.steps.every((s, i, a) => i === 0 || Number(a[i - 1].gain) >= Number(s.gain))).toBe(true);
    expect(plan.steps).toHaveLength(27);
    expect(plan.reached).toEqual({ value: '1.80', exact: '1.8025' });
    expect(predicateOf(SPBE_2020, parseDecimal(plan.reached!.exact))).toBe('Cukup');
  });

  it('at the top there is nothing to plan', () => {
    expect(improvementPlan(PEMDI_2026, all(PEMDI_2026, 5))).toEqual({ current: 'Memuaskan', target: null, steps: [], reached: null });
  });
});
