// Money per measure and year: exact integer splits (Fördermittel rounded down, Eigenanteil takes
// the rest), exact sums in every grouping, German warnings. 10,000 random lines with fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUDGET_STATES, COST_KINDS, FUNDING_KINDS } from '../../shared/domain/enums.ts';
import {
  FinanceError, foerderanteil, ownShareByMeasureYear, splitLine, summariseBudget, type BudgetLineInput, type FinanceFigures,
} from '../../shared/domain/finance.ts';

const line = (over: Partial<BudgetLineInput>): BudgetLineInput => ({
  measureId: 'm1', year: 2026, amountCents: 100_000_00, costKind: 'sachkosten', fundingKind: 'kreishaushalt', state: 'bewilligt', ...over,
});

describe('splitLine', () => {
  it('splits each funding kind (hand-checked)', () => {
    expect(splitLine(line({}))).toEqual({ amountCents: 100_000_00, foerdermittelCents: 0, drittmittelCents: 0, eigenmittelDritterCents: 0, eigenanteilCents: 100_000_00 });
    expect(splitLine(line({ fundingKind: 'foerdermittel', foerderquoteBp: 8000 }))).toMatchObject({ foerdermittelCents: 80_000_00, eigenanteilCents: 20_000_00 });
    expect(splitLine(line({ fundingKind: 'drittmittel' }))).toMatchObject({ drittmittelCents: 100_000_00, eigenanteilCents: 0 });
    expect(splitLine(line({ fundingKind: 'eigenmittel-dritter' }))).toMatchObject({ eigenmittelDritterCents: 100_000_00, eigenanteilCents: 0 });
  });

  it('rounds Fördermittel down to whole cents; the Kreis carries the remainder', () => {
    // 333,33 € at 66,67 % = 222,2311... € → 222,23 € Fördermittel, 111,10 € Eigenanteil
    expect(splitLine(line({ amountCents: 333_33, fundingKind: 'foerdermittel', foerderquoteBp: 6667 }))).toMatchObject({ foerdermittelCents: 222_23, eigenanteilCents: 111_10 });
    // 0,01 € at 99,99 % → 0 Fördermittel
    expect(foerderanteil(1, 9999)).toBe(0);
    expect(foerderanteil(10_000, 1)).toBe(1);
    // amounts beyond 2^53 / 10 000 stay exact (100 Mrd. € at 73,21 %)
    expect(foerderanteil(100_000_000_000_00, 7321)).toBe(73_210_000_000_00);
    expect(foerderanteil(9_007_199_254_740_991, 9999)).toBe(9_006_298_534_815_516);
  });

  it('treats a missing quote as 0 % and rejects invalid lines in German', () => {
    expect(splitLine(line({ fundingKind: 'foerdermittel', foerderquoteBp: null }))).toMatchObject({ foerdermittelCents: 0, eigenanteilCents: 100_000_00 });
    expect(() => splitLine(line({ amountCents: 1.5 }))).toThrow(FinanceError);
    expect(() => splitLine(line({ amountCents: -1 }))).toThrow(/nicht negative Zahl von Cent/u);
    expect(() => splitLine(line({ fundingKind: 'foerdermittel', foerderquoteBp: 10_001 }))).toThrow(/zwischen 0 und 100 %/u);
  });
});

describe('summariseBudget', () => {
  it('sums by year, measure, measure × year and a caller key (hand-checked)', () => {
    const lines: BudgetLineInput[] = [
      line({ measureId: 'm1', year: 2026, amountCents: 50_000_00, fundingKind: 'kreishaushalt', costKind: 'personal' }),
      line({ measureId: 'm1', year: 2026, amountCents: 40_000_00, fundingKind: 'foerdermittel', foerderquoteBp: 7500, state: 'beantragt' }),
      line({ measureId: 'm1', year: 2027, amountCents: 10_000_00, fundingKind: 'drittmittel', state: 'geplant' }),
      line({ measureId: 'm2', year: 2027, amountCents: 20_000_00, fundingKind: 'foerdermittel', foerderquoteBp: 5000, state: 'geplant', costKind: 'investition' }),
      line({ measureId: 'm2', year: 2027, amountCents: 5_000_00, fundingKind: 'eigenmittel-dritter' }),
    ];
    const s = summariseBudget(lines, { groupKey: (l) => (l.measureId === 'm1' ? 'B1' : 'B2'), measureLabel: (id) => id.toUpperCase() });
    expect(s.years).toEqual([2026, 2027]);
    expect(s.total).toMatchObject({
      totalCents: 125_000_00, foerdermittelCents: 40_000_00, drittmittelCents: 10_000_00, eigenmittelDritterCents: 5_000_00,
      eigenanteilCents: 70_000_00, externalCents: 55_000_00, unsecuredExternalCents: 50_000_00, foerdermittelBewilligtCents: 0, lineCount: 5,
    });
    expect(s.total.byCostKind).toEqual({ personal: 50_000_00, sachkosten: 55_000_00, investition: 20_000_00 });
    expect(s.byYear[2026]).toMatchObject({ totalCents: 90_000_00, foerdermittelCents: 30_000_00, eigenanteilCents: 60_000_00 });
    expect(s.byYear[2027]).toMatchObject({ totalCents: 35_000_00, eigenanteilCents: 10_000_00 });
    expect(s.byMeasure.m2).toMatchObject({ totalCents: 25_000_00, foerdermittelCents: 10_000_00, eigenanteilCents: 10_000_00, eigenmittelDritterCents: 5_000_00 });
    expect(s.byMeasureYear.m1[2026].eigenanteilCents).toBe(60_000_00);
    expect(s.byGroup.B1.totalCents).toBe(100_000_00);
    expect(s.byGroupYear.B2[2027].totalCents).toBe(25_000_00);
    expect(s.warnings.map((w) => [w.code, w.lineIndex])).toEqual([
      ['foerderantrag-offen', 1], ['drittmittel-nicht-zugesagt', 2], ['foerderantrag-nicht-gestellt', 3],
    ]);
    expect(s.warnings[0].message).toBe('M1, 2026: Der Förderantrag über 30.000,00 € (Förderquote 75 %) ist gestellt, aber noch nicht bewilligt.');
    expect(s.warnings[2].message).toBe('M2, 2027: Der Förderantrag über 10.000,00 € (Förderquote 50 %) ist noch nicht gestellt.');
    expect(ownShareByMeasureYear(lines)).toEqual({ m1: { 2026: 60_000_00, 2027: 0 }, m2: { 2027: 10_000_00 } });
    // vorsichtig: money not yet bewilligt counts as the Kreis's own share
    expect(ownShareByMeasureYear(lines, { securedOnly: true })).toEqual({ m1: { 2026: 90_000_00, 2027: 10_000_00 }, m2: { 2027: 20_000_00 } });
  });

  it('warns about a missing Förderquote', () => {
    const s = summariseBudget([line({ fundingKind: 'foerdermittel', foerderquoteBp: null, state: 'bewilligt', amountCents: 1234_56 })]);
    expect(s.warnings.map((w) => w.message)).toEqual(['2026: Bei Fördermitteln über 1.234,56 € fehlt die Förderquote; bis sie eingetragen ist, trägt der Kreis den vollen Betrag.']);
  });

  it('is exact on 10,000 random lines: parts add up per line and every sum equals the sum of its lines', () => {
    const lineArb: fc.Arbitrary<BudgetLineInput> = fc.record({
      measureId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'),
      year: fc.integer({ min: 2024, max: 2032 }),
      // mostly realistic amounts, some huge ones (up to 1 Mrd. €, so 10,000 of them stay below 2^53) and odd cents
      amountCents: fc.oneof(fc.integer({ min: 0, max: 5_000_000_00 }), fc.integer({ min: 0, max: 1_000_000_000_00 }), fc.integer({ min: 0, max: 999 })),
      costKind: fc.constantFrom(...COST_KINDS),
      fundingKind: fc.constantFrom(...FUNDING_KINDS),
      foerderquoteBp: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
      state: fc.constantFrom(...BUDGET_STATES),
    });
    const lines = fc.sample(lineArb, { numRuns: 10_000, seed: 20260501 });
    expect(lines).toHaveLength(10_000);
    // Each line: the split is complete, non-negative and the grant is floor(amount × quote).
    for (const l of lines) {
      const s = splitLine(l);
      expect(s.foerdermittelCents + s.drittmittelCents + s.eigenmittelDritterCents + s.eigenanteilCents).toBe(l.amountCents);
      if (l.fundingKind === 'foerdermittel') {
        const exact = (BigInt(l.amountCents) * BigInt(l.foerderquoteBp ?? 0)) / 10_000n;
        expect(BigInt(s.foerdermittelCents)).toBe(exact);
        expect(s.foerdermittelCents + s.eigenanteilCents).toBe(l.amountCents);
      }
      for (const v of Object.values(s)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
    }
    const sum = summariseBudget(lines, { groupKey: (l) => l.costKind });
    // Independent reference in BigInt.
    const big = (pick: (s: ReturnType<typeof splitLine>) => number, filter: (l: BudgetLineInput) => boolean = () => true) =>
      lines.filter(filter).reduce((acc, l) => acc + BigInt(pick(splitLine(l))), 0n);
    const check = (f: FinanceFigures, filter: (l: BudgetLineInput) => boolean) => {
      expect(BigInt(f.totalCents)).toBe(big((s) => s.amountCents, filter));
      expect(BigInt(f.foerdermittelCents)).toBe(big((s) => s.foerdermittelCents, filter));
      expect(BigInt(f.eigenanteilCents)).toBe(big((s) => s.eigenanteilCents, filter));
      expect(f.foerdermittelCents + f.drittmittelCents + f.eigenmittelDritterCents + f.eigenanteilCents).toBe(f.totalCents);
      expect(f.externalCents + f.eigenanteilCents).toBe(f.totalCents);
      expect(Object.values(f.byCostKind).reduce((a, b) => a + b, 0)).toBe(f.totalCents);
      expect(Object.values(f.byFundingKind).reduce((a, b) => a + b, 0)).toBe(f.totalCents);
      expect(Object.values(f.byState).reduce((a, b) => a + b, 0)).toBe(f.totalCents);
      expect(f.lineCount).toBe(lines.filter(filter).length);
    };
    check(sum.total, () => true);
    for (const y of sum.years) check(sum.byYear[y], (l) => l.year === y);
    for (const m of Object.keys(sum.byMeasure)) {
      check(sum.byMeasure[m], (l) => l.measureId === m);
      for (const y of Object.keys(sum.byMeasureYear[m]).map(Number)) check(sum.byMeasureYear[m][y], (l) => l.measureId === m && l.year === y);
    }
    for (const g of Object.keys(sum.byGroup)) check(sum.byGroup[g], (l) => l.costKind === g);
    // Sums of the parts equal the whole, in every dimension.
    const add = (xs: FinanceFigures[], k: 'totalCents' | 'eigenanteilCents' | 'foerdermittelCents') => xs.reduce((a, f) => a + f[k], 0);
    for (const k of ['totalCents', 'eigenanteilCents', 'foerdermittelCents'] as const) {
      expect(add(Object.values(sum.byYear), k)).toBe(sum.total[k]);
      expect(add(Object.values(sum.byMeasure), k)).toBe(sum.total[k]);
      expect(add(Object.values(sum.byGroup), k)).toBe(sum.total[k]);
    }
    // The optimiser's input agrees with the summary.
    const own = ownShareByMeasureYear(lines);
    for (const m of Object.keys(own)) for (const y of Object.keys(own[m]).map(Number)) expect(own[m][y]).toBe(sum.byMeasureYear[m][y].eigenanteilCents);
  });

  it('refuses sums beyond the safe integer range instead of drifting', () => {
    const huge = line({ amountCents: Number.MAX_SAFE_INTEGER - 10 });
    expect(() => summariseBudget([huge, line({ amountCents: 100 })])).toThrow(/darstellbaren Bereich/u);
  });
});
