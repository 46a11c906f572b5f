// The scanner behind "Anonymised means anonymous": what it finds in free text, what it leaves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personNames, redact, REDACTED, scanText } from '../../shared/domain/anonymise.ts';

const NAMES = personNames(['Vorsitz: Frau Dr. Anna Yildiz', 'Herr Jonas Becker, Tel. 05121 12345', 'Bearbeiterin: Marie-Luise Öztürk']);

describe('anonymisation scanner', () => {
  it('derives the names of the plan\'s people without titles and contact details', () => {
    expect(NAMES).toContain('Anna Yildiz');
    expect(NAMES).toContain('Jonas Becker');
    expect(NAMES).toContain('Marie-Luise Öztürk');
    expect(NAMES.some((n) => /\d|Tel/u.test(n))).toBe(false);
  });

  it('finds e-mail, phone numbers, web addresses and names, and replaces each with [entfernt]', () => {
    const text = 'Kontakt: anna.yildiz@musterland.de oder mailto:info@jugendring-musterland.de, Tel. 05121 / 309-1234, mobil +49 171 1234567, '
      + 'siehe https://www.musterland.de/zusammenhalt und www.ehrenamt-musterland.de. Frau Yildiz und Jonas Becker laden ein; Rückfragen an Herrn Becker.';
    const kinds = scanText(text, NAMES).map((f) => `${f.kind}:${f.text}`);
    expect(kinds).toEqual([
      'email:anna.yildiz@musterland.de', 'email:mailto:info@jugendring-musterland.de', 'telefon:05121 / 309-1234', 'telefon:+49 171 1234567',
      'url:https://www.musterland.de/zusammenhalt', 'url:www.ehrenamt-musterland.de', 'name:Frau Yildiz', 'name:Jonas Becker', 'name:Herrn Becker',
    ]);
    const out = redact(text, NAMES);
    expect(out).not.toMatch(/@|musterland\.de|05121|171|Yildiz|Becker/u);
    expect(out.split(REDACTED)).toHaveLength(10);
    expect(out).toContain('Kontakt: [entfernt] oder [entfernt], Tel. [entfernt]');
  });

  it('leaves amounts, years, percentages, codes and dates alone', () => {
    const text = 'Kosten 2026: 1.234.567,89 € (12 %), Maßnahme M-1.2, Nr. 5, Q1/2026 – Q4/2029, am 17.02.2027, 0,5 VZÄ, Produkt 31.10.01, § 13 SGB VIII.';
    expect(scanText(text, NAMES)).toEqual([]);
    expect(redact(text, NAMES)).toBe(text);
  });

  it('does not take a word that merely contains a name for the name', () => {
    expect(scanText('Beckerstraße und Yildizplatz', NAMES)).toEqual([]);
    expect(scanText('Der Bäcker Becker', NAMES)).toEqual([]);
  });

  it('never leaves an @ of an address behind, whatever surrounds it (property)', () => {
    fc.assert(fc.property(fc.string(), fc.emailAddress(), fc.string(), (a, mail, b) => {
      const out = redact(`${a} ${mail} ${b}`, NAMES);
      expect(out).not.toContain(mail);
    }), { numRuns: 300 });
  });
});
