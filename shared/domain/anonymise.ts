// "Anonymised means anonymous": what an anonymised document must not contain. Free text typed by
// planners (Ziel, Beschreibung, Sachverhalt, notes …) is scanned for e-mail addresses, phone
// numbers, web addresses and the names of the plan's people; each finding is replaced by
// "[entfernt]". The same scanner shows the planner, before the export, what will be removed.
// Pure: no node, no DOM; used by every document writer (Vorlage, plan document, Bericht).

export const REDACTED = '[entfernt]';

export type FindingKind = 'email' | 'telefon' | 'url' | 'name';
export const FINDING_LABELS: Record<FindingKind, string> = {
  email: 'E-Mail-Adresse',
  telefon: 'Telefonnummer',
  url: 'Internetadresse',
  name: 'Personenname',
};

export interface TextMatch { start: number; end: number; kind: FindingKind; text: string }

/** One thing that an anonymised export removes, and where it stood. */
export interface AnonymFinding {
  kind: FindingKind;
  /** The text that is removed. */
  text: string;
  /** Where: "M-1.2 Ziel", "Sachverhalt", "Akteur Jugendring: Notiz". */
  where: string;
}

const EMAIL = /(?:mailto:)?[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu;
const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"„“”‚‘]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:de|com|org|net|eu|info|berlin|bayern|nrw|sh|app)\b(?:\/[^\s<>"„“”‚‘]*)?/giu;
// German and international numbers: +49 …, 0049 …, (0 51 21) …, 05121/12345, 0171-1234567. A
// leading + or 0 and at least six digits, so years, amounts and codes are not taken for numbers.
const PHONE = /(?<![\w.,])(?:\+\d{1,3}[\s-]?(?:\(0\))?|00\d{2}[\s-]?|\(0\d{1,5}\)|0\d{1,5})(?:[\s/-]{0,3}\d+){1,6}(?!\w)/gu;
const TRAILING = /[.,;:!?)\]»“”'"‘]+$/u;
const TITLES = /^(?:(?:frau|herrn?|hr\.|fr\.|dr\.|prof\.|[\p{L}-]+:)\s*)+/iu;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/**
 * The person names of a plan from its raw fields (contact persons, Bearbeiter:in, users): without
 * titles ("Frau Dr."), split at "," ";" "/" " und ", at least two letters, longest first.
 */
export function personNames(raw: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of raw) {
    for (const piece of r.split(/[,;/\n]|\s+und\s+|\s+&\s+/u)) {
      // Contact details in the same field ("Tel. 0512 …", an address) are not names.
      const p = piece.replace(EMAIL, ' ').replace(PHONE, ' ').replace(/\b(?:tel|telefon|mobil|fax|e-mail|mail)\.?:?/giu, ' ').replace(/\s+/gu, ' ').trim();
      const name = p.replace(TITLES, '').trim();
      if (!/\p{L}{2}/u.test(name) || /\d/u.test(name)) continue;
      out.add(name);
      const words = name.split(' ').filter((w) => /^\p{Lu}[\p{L}'-]+$/u.test(w));
      // "Anna Yildiz" is also named as "Frau Yildiz", "Herrn Yildiz", "Dr. Yildiz".
      const surname = words.at(-1);
      if (words.length >= 2 && surname && surname.length >= 3) out.add(`\u0000${surname}`);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

function namePatterns(names: readonly string[]): RegExp | null {
  if (names.length === 0) return null;
  // The salutation and titles in front of a name go with it: "Frau Dr. [entfernt]" would still say who is meant.
  const title = '(?:(?:Frau|Herrn?|Hr\\.|Fr\\.|Dr\\.|Prof\\.)\\s+)';
  const alts = names.map((n) => (n.startsWith('\u0000')
    ? `${title}+${escapeRe(n.slice(1))}`
    : `${title}*${escapeRe(n).replace(/\s+/gu, '\\s+')}`));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Every e-mail address, web address, phone number and person name in `text`, in order, not overlapping. */
export function scanText(text: string, names: readonly string[]): TextMatch[] {
  const found: TextMatch[] = [];
  const add = (re: RegExp, kind: FindingKind) => {
    for (const m of text.matchAll(re)) {
      let s = m[0];
      const trail = kind === 'name' ? '' : TRAILING.exec(s)?.[0] ?? '';
      if (trail) s = s.slice(0, -trail.length);
      if (kind === 'telefon' && (s.match(/\d/gu)?.length ?? 0) < 6) continue;
      const start = m.index;
      const end = start + s.length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ start, end, kind, text: s });
    }
  };
  add(EMAIL, 'email');
  add(URL_RE, 'url');
  add(PHONE, 'telefon');
  const re = namePatterns(names);
  if (re) add(re, 'name');
  return found.sort((a, b) => a.start - b.start);
}

/** `text` with every finding replaced by "[entfernt]". */
export function redact(text: string, names: readonly string[]): string {
  const found = scanText(text, names);
  if (found.length === 0) return text;
  let out = '';
  let last = 0;
  for (const f of found) {
    out += text.slice(last, f.start) + REDACTED;
    last = f.end;
  }
  return out + text.slice(last);
}

/** A redactor bound to the plan's names, collecting what it removed (for the preview list). */
export function makeRedactor(names: readonly string[]): { redact: (text: string, where: string) => string; findings: AnonymFinding[] } {
  const findings: AnonymFinding[] = [];
  return {
    findings,
    redact: (text, where) => {
      const found = scanText(text, names);
      for (const f of found) findings.push({ kind: f.kind, text: f.text, where });
      if (found.length === 0) return text;
      let out = '';
      let last = 0;
      for (const f of found) {
        out += text.slice(last, f.start) + REDACTED;
        last = f.end;
      }
      return out + text.slice(last);
    },
  };
}
