// Nutzwertanalyse: hand-checked totals, ranks, KO, missing scores, two raters and the
// sensitivity analysis (weights rescaled with largest remainders, always summing to 100).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CRITERIA, ScoringError, compareCodes, compareRaters, computeNutzwerte, formatNutzwert, sensitivity,
  shiftWeights, toMeasureScores, validateWeights, type Criterion, type MeasureScores,
} from '../../shared/domain/nutzwert.ts';

const CRITERIA: Criterion[] = [
  { id: 'a', name: 'Wirkung', description: '', weight: 50, ko: false },
  { id: 'b', name: 'Dringlichkeit', description: '', weight: 30, ko: false },
  { id: 'c', name: 'Umsetzbarkeit', description: '', weight: 20, ko: true, koThreshold: 3 },
];

// Hand-computed Nutzwerte (points × weight):
//   M-1  8·50 + 6·30  + 5·20 = 680
//   M-2  6·50 + 10·30 + 7·20 = 740
//   M-3 10·50 + 2·30  + 2·20 = 600, but C = 2 < 3 → KO
//   M-10 like M-1            = 680 (tie with M-1, listed after it: natural code order)
//   M-4  9·50 + (missing)    + 4·20 = 530, incomplete, at most 530 + 10·30 = 830
//   M-5 10·50 + 4·30  + 4·20 = 700
const MEASURES: MeasureScores[] = [
  { measureId: 'm10', code: 'M-10', scores: { a: 8, b: 6, c: 5 } },
  { measureId: 'm1', code: 'M-1', scores: { a: 8, b: 6, c: 5 } },
  { measureId: 'm2', code: 'M-2', scores: { a: 6, b: 10, c: 7 } },
  { measureId: 'm3', code: 'M-3', scores: { a: 10, b: 2, c: 2 } },
  { measureId: 'm4', code: 'M-4', scores: { a: 9, b: null, c: 4 } },
  { measureId: 'm5', code: 'M-5', scores: { a: 10, b: 4, c: 4 } },
];

describe('computeNutzwerte', () => {
  it('computes totals, ranks with ties, KO and completeness exactly', () => {
    const rows = computeNutzwerte(CRITERIA, MEASURES);
    expect(rows.map((r) => [r.code, r.total, r.rank])).toEqual([
      ['M-2', 740, 1], ['M-5', 700, 2], ['M-1', 680, 3], ['M-10', 680, 3], ['M-4', 530, 5], ['M-3', 600, null],
    ]);
    const m1 = rows.find((r) => r.code === 'M-1');
    expect(m1?.totalHalves).toBe(1360);
    expect(m1?.display).toBe(6.8);
    expect(m1?.teilnutzen.map((t) => [t.criterionId, t.score, t.value])).toEqual([['a', 8, 400], ['b', 6, 180], ['c', 5, 100]]);
    expect(m1?.teilnutzen.reduce((s, t) => s + t.valueHalves, 0)).toBe(m1?.totalHalves);
    const m3 = rows.find((r) => r.code === 'M-3');
    expect(m3?.ko).toBe(true);
    expect(m3?.koFailures).toEqual([{ criterionId: 'c', criterionName: 'Umsetzbarkeit', score: 2, threshold: 3 }]);
    const m4 = rows.find((r) => r.code === 'M-4');
    expect(m4?.complete).toBe(false);
    expect(m4?.missing).toEqual([{ criterionId: 'b', criterionName: 'Dringlichkeit' }]);
    expect(m4?.maxTotalHalves).toBe(2 * 830);
    expect(m4?.teilnutzen[1]).toMatchObject({ missing: true, score: null, valueHalves: 0, raters: 0 });
  });

  it('does not exclude for a missing KO score but reports it', () => {
    const rows = computeNutzwerte(CRITERIA, [{ measureId: 'x', code: 'X', scores: { a: 5, b: 5 } }]);
    expect(rows[0]).toMatchObject({ ko: false, koUnassessed: ['c'], rank: 1, total: 400 });
  });

  it('combines two raters exactly as half-points', () => {
    const rows = computeNutzwerte(CRITERIA, [
      { measureId: 'm1', code: 'M-1', scores: { a: 8, b: 6, c: 5 }, secondScores: { a: 7, b: 6 } },
      { measureId: 'm2', code: 'M-2', scores: { a: 1, b: 1, c: 3 }, secondScores: { a: 0, b: 2, c: 2 } },
    ]);
    const m1 = rows.find((r) => r.code === 'M-1');
    // a: (8+7)/2 = 7.5 → 15 halves ·50; b: 6 → 12 ·30; c: only rater A → 10 ·20  = 1310 halves
    expect(m1?.totalHalves).toBe(1310);
    expect(m1?.total).toBe(655);
    expect(m1?.teilnutzen.map((t) => [t.score, t.raters])).toEqual([[7.5, 2], [6, 2], [5, 1]]);
    expect(formatNutzwert(1310)).toBe('6,55');
    // c: (3+2)/2 = 2.5 < 3 → KO on the combined score
    const m2 = rows.find((r) => r.code === 'M-2');
    expect(m2?.ko).toBe(true);
    expect(m2?.koFailures[0].score).toBe(2.5);
  });

  it('rejects invalid criteria and scores with German messages', () => {
    expect(() => computeNutzwerte([{ ...CRITERIA[0], weight: 40 }, CRITERIA[1], CRITERIA[2]], MEASURES)).toThrow(/90 statt 100/u);
    expect(() => computeNutzwerte(CRITERIA, [{ measureId: 'x', code: 'M-9', scores: { a: 11 } }])).toThrow(ScoringError);
    expect(() => computeNutzwerte(CRITERIA, [{ measureId: 'x', code: 'M-9', scores: { a: 2.5 } }])).toThrow(/M-9.*Wirkung.*ganze Zahl von 0 bis 10/u);
    expect(() => computeNutzwerte(CRITERIA, [MEASURES[0], MEASURES[0]])).toThrow(/mehrfach/u);
  });

  it('builds input from score sheets', () => {
    const ms = toMeasureScores([{ id: 'm1', code: 'M-1' }, { id: 'm2', code: 'M-2' }], { m1: { a: 1 } }, { m2: { a: 3 } });
    expect(ms).toEqual([
      { measureId: 'm1', code: 'M-1', scores: { a: 1 }, secondScores: {} },
      { measureId: 'm2', code: 'M-2', scores: {}, secondScores: { a: 3 } },
    ]);
  });
});

describe('validateWeights', () => {
  it('accepts the default criteria (sum 100, six criteria with descriptions)', () => {
    expect(validateWeights(DEFAULT_CRITERIA)).toEqual([]);
    expect(DEFAULT_CRITERIA.map((c) => c.name)).toEqual([
      'Wirkung auf Teilhabe und Zusammenhalt', 'Dringlichkeit', 'Reichweite nach Bedarf (nicht nach Zielgruppe)',
      'Umsetzbarkeit vor Ort', 'Beteiligung der Betroffenen', 'Kosten-Wirkungs-Verhältnis',
    ]);
    for (const c of DEFAULT_CRITERIA) expect(c.description.length).toBeGreaterThan(40);
  });

  it('lists every problem in German', () => {
    expect(validateWeights([])).toEqual(['Es ist noch kein Kriterium angelegt.']);
    const msgs = validateWeights([
      { id: 'x', name: 'Wirkung', description: '', weight: 60, ko: false },
      { id: 'x', name: ' wirkung ', description: '', weight: -5, ko: false },
      { id: 'z', name: '', description: '', weight: 2.5, ko: true, koThreshold: 0 },
    ]);
    expect(msgs).toEqual([
      'Die Kennung „x“ ist mehrfach vergeben.',
      'Der Name „wirkung“ ist mehrfach vergeben.',
      'Kriterium „wirkung“: Das Gewicht darf nicht negativ sein.',
      'Ein Kriterium hat keinen Namen.',
      'Ein Kriterium ohne Namen: Das Gewicht muss eine ganze Zahl sein.',
      'Ein Kriterium ohne Namen: Die KO-Schwelle muss eine ganze Zahl von 1 bis 10 sein.',
    ]);
    expect(validateWeights([{ id: 'a', name: 'A', description: '', weight: 99, ko: false }])).toEqual(['Die Gewichte ergeben zusammen 99 statt 100 Punkte.']);
  });
});

describe('compareRaters', () => {
  it('lists divergences of at least the threshold, largest first', () => {
    const a = { m1: { a: 8, b: 2, c: 5 }, m2: { a: 0, b: 10 }, m3: { a: 1 } };
    const b = { m1: { a: 4, b: 2, c: 3 }, m2: { a: 10, b: null } };
    expect(compareRaters(a, b)).toEqual([
      { measureId: 'm2', criterionId: 'a', a: 0, b: 10, difference: 10 },
      { measureId: 'm1', criterionId: 'a', a: 8, b: 4, difference: 4 },
    ]);
    expect(compareRaters(a, b, 2).map((d) => `${d.measureId}/${d.criterionId}`)).toEqual(['m2/a', 'm1/a', 'm1/c']);
  });
});

describe('compareCodes', () => {
  it('orders numbers inside codes numerically', () => {
    expect(['M-10', 'M-2', 'M-1.10', 'M-1.9', 'A-3', 'm-2'].sort(compareCodes)).toEqual(['A-3', 'M-1.9', 'M-1.10', 'M-2', 'm-2', 'M-10']);
  });
});

describe('sensitivity', () => {
  it('rescales the other weights proportionally with largest remainders (hand-checked)', () => {
    expect(shiftWeights([50, 30, 20], 0, 10)).toEqual([60, 24, 16]);
    expect(shiftWeights([50, 30, 20], 0, -10)).toEqual([40, 36, 24]);
    // B → 40; 60 points over A:C = 50:20 → 42.857 / 17.143 → floors 42/17, remainder point to A
    expect(shiftWeights([50, 30, 20], 1, 10)).toEqual([43, 40, 17]);
    expect(shiftWeights([50, 30, 20], 2, 10)).toEqual([44, 26, 30]);
    expect(shiftWeights([50, 30, 20], 1, -10)).toEqual([57, 20, 23]);
    expect(shiftWeights([100, 0, 0], 0, 10)).toBeNull();
    expect(shiftWeights([100, 0, 0], 0, -10)).toEqual([90, 5, 5]);
    expect(shiftWeights([5, 95], 0, -10)).toEqual([0, 100]);
    expect(shiftWeights([100], 0, -10)).toBeNull();
  });

  it('keeps the sum at exactly 100 with non-negative integers for any weights and delta', () => {
    const weightsArb = fc.array(fc.nat(100), { minLength: 2, maxLength: 12 }).map((raw) => {
      // Turn arbitrary numbers into integer weights summing to 100.
      const sum = raw.reduce((s, x) => s + x, 0) || 1;
      const w = raw.map((x) => Math.floor((x * 100) / sum));
      w[0] += 100 - w.reduce((s, x) => s + x, 0);
      return w;
    });
    fc.assert(fc.property(weightsArb, fc.nat(11), fc.integer({ min: -100, max: 100 }), (w, idx, delta) => {
      const i = idx % w.length;
      const out = shiftWeights(w, i, delta);
      if (out === null) return;
      expect(out.reduce((s, x) => s + x, 0)).toBe(100);
      for (const x of out) expect(Number.isInteger(x) && x >= 0).toBe(true);
      expect(out[i]).toBe(Math.min(100, Math.max(0, w[i] + delta)));
      // zero weights stay zero unless all other weights were zero
      const othersZero = w.every((x, j) => j === i || x === 0);
      if (!othersZero) w.forEach((x, j) => { if (j !== i && x === 0) expect(out[j]).toBe(0); });
    }), { numRuns: 2000 });
  });

  it('reports which measures change rank under which move (hand-checked)', () => {
    const s = sensitivity(CRITERIA, MEASURES, 10);
    // a −10 → [40, 36, 24]: M-5 640 falls behind M-1/M-10 656 → M-5 2→4, M-1 and M-10 3→2
    const aDown = s.moves.find((m) => m.criterionId === 'a' && m.requestedDelta === -10);
    expect(aDown?.weights).toEqual({ a: 40, b: 36, c: 24 });
    expect(aDown?.changes).toEqual([
      { measureId: 'm5', code: 'M-5', from: 2, to: 4 },
      { measureId: 'm1', code: 'M-1', from: 3, to: 2 },
      { measureId: 'm10', code: 'M-10', from: 3, to: 2 },
    ]);
    // a +10 → [60, 24, 16]: M-5 760 overtakes M-2 712
    const aUp = s.moves.find((m) => m.criterionId === 'a' && m.requestedDelta === 10);
    expect(aUp?.changes.map((c) => [c.code, c.from, c.to])).toEqual([['M-2', 1, 2], ['M-5', 2, 1]]);
    expect(s.fragile).toEqual(['m2', 'm5', 'm1', 'm10']);
    const m4 = s.measures.find((m) => m.code === 'M-4');
    expect(m4).toMatchObject({ fragile: false, baseRank: 5, bestRank: 5, worstRank: 5, moves: [] });
    const m3 = s.measures.find((m) => m.code === 'M-3');
    expect(m3).toMatchObject({ fragile: false, baseRank: null });
    expect(s.measures.find((m) => m.code === 'M-5')).toMatchObject({ bestRank: 1, worstRank: 4 });
    for (const move of s.moves) {
      if (move.appliedDelta !== 0) expect(Object.values(move.weights).reduce((x, y) => x + y, 0)).toBe(100);
    }
    expect(s.moves).toHaveLength(6);
  });

  it('ranks are identical to recomputing with the shifted weights', () => {
    const s = sensitivity(DEFAULT_CRITERIA, randomMeasures(40, 7), 10);
    for (const move of s.moves) {
      if (move.appliedDelta === 0) continue;
      const shifted = DEFAULT_CRITERIA.map((c) => ({ ...c, weight: move.weights[c.id] }));
      const rows = computeNutzwerte(shifted, randomMeasures(40, 7));
      const base = new Map(s.measures.map((m) => [m.measureId, m.baseRank]));
      const changed = rows.filter((r) => r.rank !== base.get(r.measureId)).map((r) => r.measureId).sort();
      expect(move.changes.map((c) => c.measureId).sort()).toEqual(changed);
    }
  });
});

function randomMeasures(n: number, seed: number): MeasureScores[] {
  let x = seed;
  const next = () => { x = (x * 1103515245 + 12345) % 2147483648; return x; };
  return Array.from({ length: n }, (_, i) => ({
    measureId: `m${i}`,
    code: `M-${i + 1}`,
    scores: Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.id, next() % 11])),
  }));
}
