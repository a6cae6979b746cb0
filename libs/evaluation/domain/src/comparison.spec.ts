import { ComparedCycle, yearOverYear } from './comparison';
import { Framework, PEMDI_2026, SPBE_2020 } from './frameworks';
import { Levels, parseDecimal, signedExactDecimal, signedRoundHalfUp, subtract } from './index-computation';

const levels = (f: Framework, level: (no: number) => number): Levels => Object.fromEntries(f.indicators.map((i) => [i.no, level(i.no)]));
const cycle = (year: number, f: Framework, level: (no: number) => number): ComparedCycle => ({ cycleId: `${f.id}-${year}`, year, framework: f, levels: levels(f, level) });

describe('signed changes (exact, half-up on the magnitude for display)', () => {
  it.each([
    ['3.255', '3.25', '0.01', '0.005'],
    ['3.25', '3.255', '-0.01', '-0.005'],
    ['3.25', '3.254', '0.00', '-0.004'],
    ['2.013', '2.685', '-0.67', '-0.672'],
    ['2', '2', '0.00', '0'],
  ])('%s − %s → %s (exact %s)', (a, b, shown, exact) => {
    const d = subtract(parseDecimal(a), parseDecimal(b));
    expect([signedRoundHalfUp(d), signedExactDecimal(d)]).toEqual([shown, exact]);
  });
});

describe('year-over-year comparison', () => {
  // 2024: level 2 everywhere → 2.00 Cukup.
  // 2025: Kebijakan Internal (aspect 1, 13 %), Perencanaan Strategis (aspect 2, 10 %) and Layanan (domain 4, 45.5 %) at 3
  //       → 2 + 0.13 + 0.10 + 0.455 = 2.685 → 2.69 Baik.
  // 2026: level 2 except indicator 1 (1.30 %) at 3 → 2.013 → 2.01 Cukup.
  const y2024 = cycle(2024, SPBE_2020, () => 2);
  const y2025 = cycle(2025, SPBE_2020, (no) => (no <= 14 || no >= 32 ? 3 : 2));
  const y2026 = cycle(2026, SPBE_2020, (no) => (no === 1 ? 3 : 2));

  it('gives, for every year after the first, the change of the index, per domain and per aspect, and whether the predicate changed', () => {
    const items = yearOverYear([y2026, y2024, y2025]);
    expect(items.map((i) => [i.year, i.index, i.indexExact, i.predicate])).toEqual([
      [2024, '2.00', '2', 'Cukup'],
      [2025, '2.69', '2.685', 'Baik'],
      [2026, '2.01', '2.013', 'Cukup'],
    ]);
    expect(items[0].change).toBeNull();
    expect(items[1].change).toMatchObject({ fromCycleId: 'spbe-2020-2024', fromYear: 2024, fromFrameworkId: 'spbe-2020', index: '0.69', indexExact: '0.685', sameInstrument: true, predicateFrom: 'Cukup', predicateTo: 'Baik', predicateChanged: true });
    // Tata Kelola (domain 2): aspect 2 (10 %) at 3, aspects 3 and 4 (10 % + 5 %) at 2 → (30 + 20 + 10) / 25 = 2.4.
    expect(items[1].change!.domains.map((d) => [d.id, d.from, d.to, d.index, d.indexExact])).toEqual([
      [1, '2.00', '3.00', '1.00', '1'],
      [2, '2.00', '2.40', '0.40', '0.4'],
      [3, '2.00', '2.00', '0.00', '0'],
      [4, '2.00', '3.00', '1.00', '1'],
    ]);
    expect(items[1].change!.aspects.map((a) => a.index)).toEqual(['1.00', '1.00', '0.00', '0.00', '0.00', '0.00', '1.00', '1.00']);
    expect(items[1].change!.domains[0].name).toBe('Kebijakan Internal SPBE');

    // 2026 against 2025: 2.013 − 2.685 = −0.672; Kebijakan Internal: (3 × 1.30 + 2 × 11.70) / 13 = 2.1, from 3 → −0.9.
    expect(items[2].change).toMatchObject({ fromYear: 2025, index: '-0.67', indexExact: '-0.672', predicateFrom: 'Baik', predicateTo: 'Cukup', predicateChanged: true });
    expect(items[2].change!.domains.map((d) => d.indexExact)).toEqual(['-0.9', '-0.4', '0', '-1']);
    expect(items[2].change!.domains.map((d) => d.index)).toEqual(['-0.90', '-0.40', '0.00', '-1.00']);
  });

  it('an unchanged predicate is reported as such', () => {
    const [, b] = yearOverYear([y2024, cycle(2025, SPBE_2020, (no) => (no >= 32 ? 3 : 2))]);
    expect(b.change).toMatchObject({ index: '0.46', indexExact: '0.455', predicateFrom: 'Cukup', predicateTo: 'Cukup', predicateChanged: false });
  });

  it('across instruments (SPBE 2020 → Pemdi 2026) compares only the overall index; domains and aspects are not the same things', () => {
    const [, b] = yearOverYear([y2025, cycle(2026, PEMDI_2026, () => 3)]);
    expect(b.change).toMatchObject({ fromFrameworkId: 'spbe-2020', index: '0.32', indexExact: '0.315', sameInstrument: false, predicateFrom: 'Baik', predicateTo: 'Baik', predicateChanged: false, domains: [], aspects: [] });
  });

  it('compares with the latest earlier year (skipping a year without a finalised cycle), preferring the same framework', () => {
    const items = yearOverYear([y2024, cycle(2026, PEMDI_2026, () => 2), y2026]);
    expect(items.map((i) => [i.cycleId, i.change?.fromCycleId ?? null])).toEqual([
      ['spbe-2020-2024', null],
      ['pemdi-2026-2026', 'spbe-2020-2024'],
      ['spbe-2020-2026', 'spbe-2020-2024'],
    ]);
    expect(items[2].change).toMatchObject({ index: '0.01', indexExact: '0.013', sameInstrument: true });
  });
});
