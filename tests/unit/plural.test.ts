import { describe, expect, it } from 'vitest';
import { countOf, statusCount } from '../../shared/domain/plural.ts';

describe('German counts', () => {
  it('says "1 Maßnahme" and "2 Maßnahmen", "1 Idee" and "2 Ideen"', () => {
    expect(countOf(1, 'Maßnahme', 'Maßnahmen')).toBe('1 Maßnahme');
    expect(countOf(0, 'Maßnahme', 'Maßnahmen')).toBe('0 Maßnahmen');
    expect(countOf(1200, 'Akteur', 'Akteure')).toBe('1.200 Akteure');
    expect(statusCount(1, 'Idee')).toBe('1 Idee');
    expect(statusCount(2, 'Idee')).toBe('2 Ideen');
    expect(statusCount(2, 'in Planung')).toBe('2 in Planung');
  });
});
