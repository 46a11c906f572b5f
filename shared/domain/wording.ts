// German wording shared by the document writers: counts with the right plural, the genitive of a
// Kreis's name, nested quotation marks and one gender form throughout a document (a plan
// setting). Pure: no node, no DOM.
import { z } from 'zod';
import { MEASURE_STATUS_LABELS, type MeasureStatus } from './enums.ts';

/** "1 Maßnahme", "2 Maßnahmen", "keine Maßnahme" (with `none`). */
export function count(n: number, one: string, many: string, none?: string): string {
  if (n === 0 && none !== undefined) return none;
  return `${n} ${n === 1 ? one : many}`;
}

const STATUS_PLURAL: Record<MeasureStatus, [string, string]> = {
  idee: ['Idee', 'Ideen'],
  'in-planung': ['in Planung', 'in Planung'],
  beschlussreif: ['beschlussreif', 'beschlussreif'],
  beschlossen: ['beschlossen', 'beschlossen'],
  'in-umsetzung': ['in Umsetzung', 'in Umsetzung'],
  abgeschlossen: ['abgeschlossen', 'abgeschlossen'],
  zurueckgestellt: ['zurückgestellt', 'zurückgestellt'],
};

/** "1 Idee", "2 Ideen", "3 in Planung". */
export function statusCount(status: MeasureStatus, n: number): string {
  const [one, many] = STATUS_PLURAL[status] ?? [MEASURE_STATUS_LABELS[status], MEASURE_STATUS_LABELS[status]];
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The genitive of a Kreis's name with its article: "des Landkreises Musterland", "des Kreises
 * Lippe", "des Rhein-Sieg-Kreises", "der Region Hannover", "der Städteregion Aachen".
 */
export function genitiveOfKreis(name: string): string {
  const n = name.trim();
  if (n === '') return 'des Landkreises';
  if (/^(?:des|der)\s/iu.test(n)) return n;
  if (/^(?:Region|Städteregion|Stadt)\b/u.test(n)) return `der ${n}`;
  // "Landkreis X" / "Kreis X" / "Rhein-Sieg-Kreis" / "Erzgebirgskreis"
  const m = /^(.*?)(kreis)(\b.*)$/iu.exec(n);
  if (m) return `des ${m[1]}${m[2]}es${m[3]}`;
  return `des ${n}`;
}

/** Text set inside „…“: its own „…“ become ‚…‘ (German nested quotation marks). */
export function inner(s: string): string {
  return s.replaceAll('„', '‚').replaceAll('“', '‘').replaceAll('"', '’');
}

/** „s“ with nested quotes made single. */
export function quote(s: string): string {
  return `„${inner(s)}“`;
}

// ---- Gender form (a plan setting): one form throughout every document

export const GENDER_FORMS = ['doppelpunkt', 'paarform', 'neutral'] as const;
export type GenderForm = (typeof GENDER_FORMS)[number];
export const GENDER_FORM_LABELS: Record<GenderForm, string> = {
  doppelpunkt: 'mit Doppelpunkt (Bearbeiter:in)',
  paarform: 'Paarform (Bearbeiterin oder Bearbeiter)',
  neutral: 'neutral (Sachbearbeitung)',
};
export const genderFormSchema = z.enum(GENDER_FORMS, { error: 'Unbekannte Form der geschlechtergerechten Sprache.' });

type Term = 'bearbeiter' | 'bearbeiterGen' | 'ansprechperson' | 'migrantenorganisationen' | 'partner';
const TERMS: Record<Term, Record<GenderForm, string>> = {
  bearbeiter: { doppelpunkt: 'Bearbeiter:in', paarform: 'Bearbeiterin oder Bearbeiter', neutral: 'Sachbearbeitung' },
  /** Genitive, with article: "der Name der Bearbeiterin oder des Bearbeiters". */
  bearbeiterGen: { doppelpunkt: 'der Bearbeiter:in', paarform: 'der Bearbeiterin oder des Bearbeiters', neutral: 'der Sachbearbeitung' },
  ansprechperson: { doppelpunkt: 'Ansprechperson', paarform: 'Ansprechperson', neutral: 'Ansprechperson' },
  migrantenorganisationen: { doppelpunkt: 'Migrant:innenorganisationen', paarform: 'Migrantinnen- und Migrantenorganisationen', neutral: 'Migrantenorganisationen' },
  partner: { doppelpunkt: 'Partner:innen', paarform: 'Partnerinnen und Partner', neutral: 'Partnerorganisationen' },
};

/** A gendered term in the plan's form. */
export function term(t: Term, form: GenderForm): string {
  return TERMS[t][form];
}

/**
 * Text from the catalogue or our own sentences, put into the plan's gender form: the forms this app
 * writes itself (":in", ":innen") are rewritten; text typed by planners is never touched.
 */
export function inGenderForm(s: string, form: GenderForm): string {
  if (form === 'doppelpunkt') return s;
  return s
    .replace(/Migrant:innenorganisation(en)?/gu, (_m, pl: string | undefined) => (form === 'paarform' ? (pl ? 'Migrantinnen- und Migrantenorganisationen' : 'Migrantinnen- und Migrantenorganisation') : `Migrantenorganisation${pl ?? ''}`))
    .replace(/Partner:innen/gu, form === 'paarform' ? 'Partnerinnen und Partner' : 'Partnerorganisationen')
    .replace(/Bearbeiter:in/gu, term('bearbeiter', form));
}
