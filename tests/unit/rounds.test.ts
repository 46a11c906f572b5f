// Aggregation of a Beteiligungsrunde: medians (odd, even, ties), quartiles, empty input, group
// medians and the Verhandlungsagenda order; rounding into the Nutzwertanalyse.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aggregateRound, chosenValue, median, quantile, stats, toWholeScore, type RaterGroup, type RoundScore } from '../../shared/domain/rounds.ts';

describe('median and quartiles', () => {
  it('odd count: the middle value; even count: the mean of the two middle values; ties', () => {
    expect(median([7, 1, 4])).toBe(4);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([6, 7])).toBe(6.5);
    expect(median([5, 5, 5, 5])).toBe(5);
    expect(median([3, 3, 8, 8])).toBe(5.5);
    expect(median([0])).toBe(0);
  });

  it('empty: no median, no spread (never 0, which would look like a rating)', () => {
    expect(median([])).toBeNull();
    expect(quantile([], 0.5)).toBeNull();
    expect(stats([])).toEqual({ n: 0, median: null, q1: null, q3: null, iqr: null, min: null, max: null });
  });

  it('quartiles interpolate like Excel QUARTIL.INKL', () => {
    // Excel: QUARTIL.INKL({1;2;3;4};1) = 1,75; ;3) = 3,25
    expect(stats([4, 1, 3, 2])).toEqual({ n: 4, median: 2.5, q1: 1.75, q3: 3.25, iqr: 1.5, min: 1, max: 4 });
    expect(stats([2, 9, 9])).toMatchObject({ q1: 5.5, q3: 9, iqr: 3.5, min: 2, max: 9 });
  });

  it('the median lies between min and max and does not depend on order (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 40 }), (xs) => {
      const m = median(xs)!;
      expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(m).toBeLessThanOrEqual(Math.max(...xs));
      expect(median([...xs].reverse())).toBe(m);
      const st = stats(xs);
      expect(st.q1!).toBeLessThanOrEqual(st.median!);
      expect(st.median!).toBeLessThanOrEqual(st.q3!);
    }));
  });
});

describe('aggregateRound', () => {
  const criteria = [{ id: 'k1', name: 'Wirkung', description: '' }, { id: 'k2', name: 'Kosten', description: '' }];
  const measures = [{ id: 'm1', code: 'M-1', title: 'Eins', ziel: '' }, { id: 'm2', code: 'M-2', title: 'Zwei', ziel: '' }];
  const raters: { id: string; group: RaterGroup }[] = [
    { id: 'v1', group: 'verwaltung' }, { id: 'v2', group: 'verwaltung' }, { id: 'v3', group: 'verwaltung' },
    { id: 'b1', group: 'beirat' }, { id: 'g1', group: 'gemeinden' },
  ];
  const sc = (raterId: string, measureId: string, criterionId: string, score: number): RoundScore => ({ raterId, measureId, criterionId, score });

  it('per measure × criterion: overall stats, by group, median of group medians, spread between groups', () => {
    const scores = [
      sc('v1', 'm1', 'k1', 2), sc('v2', 'm1', 'k1', 3), sc('v3', 'm1', 'k1', 4), sc('b1', 'm1', 'k1', 10), sc('g1', 'm1', 'k1', 6),
      sc('v1', 'm1', 'k2', 5), sc('b1', 'm1', 'k2', 6),
      sc('v1', 'm2', 'k1', 8),
    ];
    const agg = aggregateRound({ roundId: 'r', criteria, measures, raters, scores });
    expect(agg.groups).toEqual(['verwaltung', 'beirat', 'gemeinden']);
    expect(agg.ratingCount).toBe(8);
    expect(agg.cells).toHaveLength(4);
    const c11 = agg.cells.find((c) => c.measureId === 'm1' && c.criterionId === 'k1')!;
    expect(c11.all).toMatchObject({ n: 5, median: 4, min: 2, max: 10 });
    expect(c11.byGroup.verwaltung).toMatchObject({ n: 3, median: 3 });
    expect(c11.byGroup.beirat).toMatchObject({ n: 1, median: 10 });
    // Group medians 3, 10, 6: their median is 6, whatever the group sizes.
    expect(c11.groupMedian).toBe(6);
    expect(c11.groupSpread).toBe(7);
    expect([c11.highGroup, c11.lowGroup]).toEqual(['beirat', 'verwaltung']);
    const c12 = agg.cells.find((c) => c.measureId === 'm1' && c.criterionId === 'k2')!;
    expect(c12.groupMedian).toBe(5.5);
    expect(c12.groupSpread).toBe(1);
    // One group only: no spread between groups, not on the agenda.
    const c21 = agg.cells.find((c) => c.measureId === 'm2' && c.criterionId === 'k1')!;
    expect(c21.groupSpread).toBeNull();
    const c22 = agg.cells.find((c) => c.measureId === 'm2' && c.criterionId === 'k2')!;
    expect(c22.all.n).toBe(0);
    expect(c22.groupMedian).toBeNull();
    expect(agg.agenda.map((c) => `${c.code}/${c.criterionId}`)).toEqual(['M-1/k1', 'M-1/k2']);
  });

  it('agenda ties: larger overall IQR first, then plan order', () => {
    const scores = [
      // m1/k1: groups 2 vs 6 (spread 4), overall tight
      sc('v1', 'm1', 'k1', 2), sc('b1', 'm1', 'k1', 6),
      // m2/k1: groups 2 vs 6 (spread 4), verwaltung itself split → larger IQR
      sc('v1', 'm2', 'k1', 0), sc('v2', 'm2', 'k1', 4), sc('b1', 'm2', 'k1', 6),
      // m1/k2: same as m1/k1
      sc('v1', 'm1', 'k2', 2), sc('b1', 'm1', 'k2', 6),
    ];
    const agg = aggregateRound({ roundId: 'r', criteria, measures, raters, scores });
    expect(agg.agenda.map((c) => `${c.code}/${c.criterionId}`)).toEqual(['M-2/k1', 'M-1/k1', 'M-1/k2']);
  });

  it('no raters or no scores: every cell empty, an empty agenda', () => {
    const agg = aggregateRound({ roundId: 'r', criteria, measures, raters: [], scores: [] });
    expect(agg.cells.every((c) => c.all.n === 0 && c.groupMedian === null)).toBe(true);
    expect(agg.agenda).toEqual([]);
    expect(agg.groups).toEqual([]);
  });

  it('scores of raters not in the round are ignored', () => {
    const agg = aggregateRound({ roundId: 'r', criteria, measures, raters, scores: [sc('fremd', 'm1', 'k1', 9)] });
    expect(agg.ratingCount).toBe(0);
  });

  it('chosen aggregate and rounding half up into whole scores', () => {
    const agg = aggregateRound({ roundId: 'r', criteria, measures, raters, scores: [sc('v1', 'm1', 'k1', 6), sc('v2', 'm1', 'k1', 7), sc('b1', 'm1', 'k1', 2)] });
    const c = agg.cells[0];
    expect(chosenValue(c, 'alle')).toBe(6);
    expect(chosenValue(c, 'gruppen')).toBe(4.25);
    expect(chosenValue(c, 'gruppe', 'verwaltung')).toBe(6.5);
    expect(chosenValue(c, 'gruppe', 'kreistag')).toBeNull();
    expect([toWholeScore(6.5), toWholeScore(4.25), toWholeScore(4.75), toWholeScore(0), toWholeScore(10)]).toEqual([7, 4, 5, 0, 10]);
  });
});
