// Multi-year budget series: the per-year amounts, their rounding and their sum.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandSeries, growthLabel, seriesSaveSchema, seriesTotal } from '../../shared/domain/series.ts';

describe('expandSeries', () => {
  it('one year is the base amount', () => {
    expect(expandSeries({ firstYear: 2027, lastYear: 2027, baseCents: 4_000_000, growthBp: 200 })).toEqual([{ year: 2027, amountCents: 4_000_000 }]);
  });

  it('growth 0 repeats the base every year', () => {
    const years = expandSeries({ firstYear: 2026, lastYear: 2029, baseCents: 4_000_000, growthBp: 0 });
    expect(years.map((y) => y.year)).toEqual([2026, 2027, 2028, 2029]);
    expect(years.every((y) => y.amountCents === 4_000_000)).toBe(true);
    expect(seriesTotal({ firstYear: 2026, lastYear: 2029, baseCents: 4_000_000, growthBp: 0 })).toBe(16_000_000);
  });

  it('40.000 € +2 % p. a. 2026–2029, rounded half up per year from the base', () => {
    const p = { firstYear: 2026, lastYear: 2029, baseCents: 4_000_000, growthBp: 200 };
    // 40000 × 1.02^k: 40000, 40800, 41616, 42448.32
    expect(expandSeries(p).map((y) => y.amountCents)).toEqual([4_000_000, 4_080_000, 4_161_600, 4_244_832]);
    expect(seriesTotal(p)).toBe(4_000_000 + 4_080_000 + 4_161_600 + 4_244_832);
  });

  it('rounds half up exactly (no floating point), each year from the base and not from the rounded year before', () => {
    // 0,01 € × 1.5^k = 0.01, 0.015 -> 0.02, 0.0225 -> 0.02, 0.03375 -> 0.03
    expect(expandSeries({ firstYear: 2026, lastYear: 2029, baseCents: 1, growthBp: 5_000 }).map((y) => y.amountCents)).toEqual([1, 2, 2, 3]);
    // 1,05 € × 1.1 = 1.155 € -> 116 ct (float would give 1.1550000000000002 or 1.1549999)
    expect(expandSeries({ firstYear: 2026, lastYear: 2027, baseCents: 105, growthBp: 1_000 })[1].amountCents).toBe(116);
    // decreasing: 100 ct × 0.995 = 99.5 -> 100 (half up)
    expect(expandSeries({ firstYear: 2026, lastYear: 2027, baseCents: 100, growthBp: -50 })[1].amountCents).toBe(100);
  });

  it('matches an exact rational reference for random series, and the total is the sum of the years', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2000, max: 2070 }), fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: -5_000, max: 10_000 }),
      (first, span, base, g) => {
        const p = { firstYear: first, lastYear: first + span, baseCents: base, growthBp: g };
        const years = expandSeries(p);
        expect(years).toHaveLength(span + 1);
        years.forEach((y, k) => {
          const num = BigInt(base) * BigInt(10_000 + g) ** BigInt(k);
          const den = 10_000n ** BigInt(k);
          const floor = num / den;
          const expected = (num - floor * den) * 2n >= den ? floor + 1n : floor;
          // Above 100 Mrd. € a year the backend refuses the series; below, the cents are exact.
          if (expected <= 100_000_000_000_00n) expect(y.amountCents).toBe(Number(expected));
        });
        if (years.every((y) => y.amountCents <= 100_000_000_000_00)) expect(seriesTotal(p)).toBe(years.reduce((s, y) => s + y.amountCents, 0));
      }), { numRuns: 300 });
  });

  it('refuses series that end before they start, are longer than 30 years or grow out of range, in German', () => {
    const base = { measureId: 'm', baseCents: 100, growthBp: 0 };
    expect(seriesSaveSchema.safeParse({ ...base, firstYear: 2029, lastYear: 2026 }).error?.issues[0].message).toBe('Das letzte Jahr der Reihe liegt vor dem ersten.');
    expect(seriesSaveSchema.safeParse({ ...base, firstYear: 2026, lastYear: 2060 }).error?.issues[0].message).toBe('Eine Reihe umfasst höchstens 30 Jahre.');
    expect(seriesSaveSchema.safeParse({ ...base, firstYear: 2026, lastYear: 2027, growthBp: 20_000 }).error?.issues[0].message).toContain('zwischen −50 % und +100 %');
    expect(expandSeries({ firstYear: 2029, lastYear: 2026, baseCents: 1, growthBp: 0 })).toEqual([]);
  });

  it('labels growth in German', () => {
    expect(growthLabel(200)).toBe('+2 % p. a.');
    expect(growthLabel(-150)).toBe('−1,5 % p. a.');
    expect(growthLabel(0)).toBe('gleichbleibend');
  });
});
