// The Ampel rules at their edges: exactly on the due date, zero budget, missing indicator, override.
import { describe, expect, it } from 'vitest';
import {
  ampelOverrideSchema, completedQuarters, deriveAmpel, expectedSollCents, isOverdue, parseIndicatorNumber, quarterEnd, type AmpelInput,
} from '../../shared/domain/monitoring.ts';

const base = (over: Partial<AmpelInput> = {}): AmpelInput => ({
  stichtag: '2026-06-30',
  measure: { status: 'in-umsetzung', startYear: 2026, startQuarter: 1, endYear: 2028, endQuarter: 4 },
  milestones: [], sollByYear: {}, istByYear: {}, indicators: [], ...over,
});
const step = (dueYear: number, dueQuarter: 1 | 2 | 3 | 4 | null, done = false, doneOn: string | null = null) => ({ id: 'x', title: 'Schritt', dueYear, dueQuarter, done, doneOn });

describe('dates', () => {
  it('ends quarters on their last day', () => {
    expect([1, 2, 3, 4].map((q) => quarterEnd(2026, q))).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(quarterEnd(2026, null)).toBe('2026-12-31');
    expect(completedQuarters(2026, '2026-06-29')).toBe(1);
    expect(completedQuarters(2026, '2026-06-30')).toBe(2);
    expect(completedQuarters(2025, '2026-01-01')).toBe(4);
    expect(completedQuarters(2027, '2026-12-31')).toBe(0);
  });
});

describe('milestones', () => {
  it('is not late exactly on the due date, late the day after', () => {
    expect(isOverdue(step(2026, 2), '2026-06-30')).toBe(false);
    expect(isOverdue(step(2026, 2), '2026-07-01')).toBe(true);
    expect(deriveAmpel(base({ stichtag: '2026-06-30', milestones: [step(2026, 2)] })).derived).toBe('im-plan');
    const late = deriveAmpel(base({ stichtag: '2026-07-01', milestones: [step(2026, 2)] }));
    expect(late.derived).toBe('verzoegert');
    expect(late.reasons.some((r) => r.rule === 'meilenstein' && r.text.includes('Q2/2026'))).toBe(true);
  });
  it('a step without quarter is due at the end of its year; a done step is never late', () => {
    expect(isOverdue(step(2026, null), '2026-12-31')).toBe(false);
    expect(isOverdue(step(2026, null), '2027-01-01')).toBe(true);
    expect(isOverdue(step(2026, 1, true, '2026-05-01'), '2027-01-01')).toBe(false);
    const r = deriveAmpel(base({ stichtag: '2026-07-01', milestones: [step(2026, 1, true, '2026-05-01')] }));
    expect(r.derived).toBe('im-plan');
    expect(r.reasons.some((x) => x.rule === 'hinweis' && x.text.includes('verspätet'))).toBe(true);
  });
  it('a Laufzeit that has ended without Abschluss is verzögert (on its last day not yet)', () => {
    const m = { status: 'in-umsetzung' as const, startYear: 2025, startQuarter: 1 as const, endYear: 2026, endQuarter: 2 as const };
    expect(deriveAmpel(base({ measure: m, stichtag: '2026-06-30' })).derived).toBe('im-plan');
    expect(deriveAmpel(base({ measure: m, stichtag: '2026-07-01' })).derived).toBe('verzoegert');
  });
});

describe('money', () => {
  it('zero budget: the money rule does not apply', () => {
    const r = deriveAmpel(base({ sollByYear: {}, istByYear: {} }));
    expect(r.derived).toBe('im-plan');
    expect(r.expectedCents).toBe(0);
    expect(r.abflussPercent).toBeNull();
    expect(deriveAmpel(base({ sollByYear: { 2026: 0 } })).derived).toBe('im-plan');
  });
  it('expects past years in full and the current year by completed quarters', () => {
    expect(expectedSollCents({ 2025: 1000, 2026: 400_001, 2027: 999 }, '2026-06-30')).toBe(1000 + 200_000);
    expect(expectedSollCents({ 2026: 400_000 }, '2026-03-30')).toBe(0);
  });
  it('is gefährdet below 50 % of the expected Soll, not at exactly 50 %', () => {
    const soll = { 2026: 400_000 }; // expected by 30.06.: 200.000
    expect(deriveAmpel(base({ sollByYear: soll, istByYear: { 2026: 100_000 } })).derived).toBe('im-plan');
    expect(deriveAmpel(base({ sollByYear: soll, istByYear: { 2026: 99_999 } })).derived).toBe('gefaehrdet');
    // Nothing expected yet in Q1: no money warning even with no Ist.
    expect(deriveAmpel(base({ stichtag: '2026-03-30', sollByYear: soll })).derived).toBe('im-plan');
  });
  it('Ist above the Soll of the years so far is gefährdet', () => {
    expect(deriveAmpel(base({ sollByYear: { 2026: 100 }, istByYear: { 2026: 101 } })).derived).toBe('gefaehrdet');
    expect(deriveAmpel(base({ sollByYear: { 2026: 100 }, istByYear: { 2026: 100 } })).derived).toBe('im-plan');
  });
});

describe('indicators', () => {
  const ind = (values: { date: string; value: number }[], target = '100', baseline = '0', targetYear: number | null = 2027) => ({ id: 'i', name: 'Teilnehmende', baseline, target, targetYear, values });
  it('parses German numbers from indicator text', () => {
    expect(parseIndicatorNumber('12 %')).toBe(12);
    expect(parseIndicatorNumber('3.000')).toBe(3000);
    expect(parseIndicatorNumber('12,5 Personen')).toBe(12.5);
    expect(parseIndicatorNumber('14 von 14')).toBe(14);
    expect(parseIndicatorNumber('liegt vor')).toBeNull();
    expect(parseIndicatorNumber('–')).toBeNull();
  });
  it('a missing indicator value or a target without a number is a note, never a change of the Ampel', () => {
    const r = deriveAmpel(base({ indicators: [ind([]), ind([{ date: '2026-01-01', value: 1 }], 'liegt vor')] }));
    expect(r.derived).toBe('im-plan');
    expect(r.reasons.filter((x) => x.rule === 'hinweis')).toHaveLength(2);
    expect(r.indicators[0].text).toBe('noch kein Messwert');
  });
  it('lagging ≥ 25 points behind the expected path is gefährdet; a value after the Stichtag does not count', () => {
    // 2026-01-01 … 2027-12-31, Stichtag 2026-12-31: expected 50 %.
    const at = '2026-12-31';
    expect(deriveAmpel(base({ stichtag: at, indicators: [ind([{ date: '2026-12-01', value: 26 }])] })).derived).toBe('im-plan');
    expect(deriveAmpel(base({ stichtag: at, indicators: [ind([{ date: '2026-12-01', value: 25 }])] })).derived).toBe('gefaehrdet');
    expect(deriveAmpel(base({ stichtag: at, indicators: [ind([{ date: '2026-12-01', value: 10 }, { date: '2027-01-05', value: 90 }])] })).derived).toBe('gefaehrdet');
  });
  it('a passed target year with the target unmet is gefährdet', () => {
    const r = deriveAmpel(base({ stichtag: '2028-01-01', indicators: [ind([{ date: '2027-12-01', value: 99 }], '100', '0', 2027)] }));
    expect(r.derived).toBe('gefaehrdet');
    expect(deriveAmpel(base({ stichtag: '2028-01-01', indicators: [ind([{ date: '2027-12-01', value: 100 }], '100', '0', 2027)] })).derived).toBe('im-plan');
  });
});

describe('status and override', () => {
  it('status decides first; a measure before its start is noch nicht begonnen', () => {
    expect(deriveAmpel(base({ measure: { ...base().measure, status: 'abgeschlossen' }, milestones: [step(2020, 1)] })).derived).toBe('abgeschlossen');
    expect(deriveAmpel(base({ measure: { ...base().measure, status: 'idee' } })).derived).toBe('nicht-begonnen');
    expect(deriveAmpel(base({ measure: { ...base().measure, status: 'zurueckgestellt' } })).derived).toBe('zurueckgestellt');
    expect(deriveAmpel(base({ measure: { ...base().measure, status: 'beschlossen', startYear: 2026, startQuarter: 3 }, sollByYear: { 2026: 100 } })).derived).toBe('nicht-begonnen');
  });
  it('an override replaces the derived Ampel and needs a reason', () => {
    const r = deriveAmpel(base({ override: { ampel: 'gefaehrdet', reason: 'Förderbescheid fehlt', setAt: '', setBy: '' } }));
    expect(r.derived).toBe('im-plan');
    expect(r.effective).toBe('gefaehrdet');
    expect(ampelOverrideSchema.safeParse({ measureId: 'm', ampel: 'gefaehrdet', reason: '  ' }).success).toBe(false);
    expect(ampelOverrideSchema.safeParse({ measureId: 'm', ampel: null }).success).toBe(true);
  });
});
