// XLSX/CSV exchange: the columns of each sheet with their German headers (what export.xlsx writes
// and what import recognises), the mapping the UI edits, and the JSON shapes of the import report.
// Pure: no node, no DOM.
import { z } from 'zod';

export const IMPORT_KINDS = ['actors', 'measures', 'responsibilities', 'budget'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Sheet names of the export, also what import recognises a sheet by. */
export const SHEET_NAMES: Record<ImportKind, string> = {
  measures: 'Maßnahmen',
  budget: 'Budgetpositionen',
  actors: 'Akteure',
  responsibilities: 'Zuständigkeiten',
};

export interface ExchangeField {
  key: string;
  /** Column header in the export (German). */
  header: string;
  /** Further headers recognised on import (lower case, compared without spaces, dots, hyphens). */
  aliases: string[];
  /** Must be mapped for new rows (an update may leave it unmapped). */
  requiredForCreate: boolean;
  /** Written by the export for information, never read back (e.g. sums). */
  readOnly?: boolean;
}

const f = (key: string, header: string, aliases: string[] = [], requiredForCreate = false, readOnly = false): ExchangeField =>
  ({ key, header, aliases, requiredForCreate, readOnly });

export const EXCHANGE_FIELDS: Record<ImportKind, ExchangeField[]> = {
  measures: [
    f('id', 'ID', ['kennung', 'maßnahmenid', 'massnahmenid']),
    f('code', 'Nummer', ['nr', 'maßnahmennummer', 'massnahmennummer', 'code', 'kennziffer']),
    f('title', 'Titel', ['maßnahme', 'massnahme', 'bezeichnung', 'name'], true),
    f('baustelle', 'Baustelle', ['baustellennummer', 'handlungsfeld'], true),
    f('furtherBaustellen', 'Weitere Baustellen', ['weiterebaustelle']),
    f('status', 'Status', ['stand']),
    f('startYear', 'Beginn Jahr', ['startjahr', 'beginn', 'von']),
    f('startQuarter', 'Beginn Quartal', ['startquartal']),
    f('endYear', 'Ende Jahr', ['endjahr', 'ende', 'bis']),
    f('endQuarter', 'Ende Quartal', ['endquartal']),
    f('goal', 'Ziel', ['ziele', 'zielsetzung']),
    f('need', 'Bedarf / wer profitiert', ['bedarf', 'werprofitiert', 'zielgruppe', 'nutzen']),
    f('ausgangslage', 'Ausgangslage', ['ausgangssituation']),
    f('description', 'Beschreibung', ['maßnahmenbeschreibung', 'massnahmenbeschreibung', 'inhalt']),
    f('risks', 'Hemmnisse / Risiken', ['hemmnisse', 'risiken', 'hemmnisserisiken']),
    f('notes', 'Anmerkungen', ['notizen', 'bemerkungen', 'anmerkung']),
    f('grundmauern', 'Grundmauern', ['grundmauer']),
    f('fragen', 'Fragen', ['frage']),
    /** Name (or ID) of the verantwortliche Stelle; sets the role verantwortlich. */
    f('responsible', 'verantwortlich', ['verantwortlichestelle', 'federführung']),
    f('total', 'Summe', ['gesamtkosten', 'kosten'], false, true),
  ],
  budget: [
    f('id', 'ID', ['kennung', 'positionsid']),
    f('measureId', 'Maßnahme-ID', ['massnahmeid']),
    f('measureCode', 'Maßnahme', ['maßnahmennummer', 'massnahmennummer', 'massnahme', 'nummer', 'nr']),
    f('year', 'Jahr', ['haushaltsjahr'], true),
    f('amount', 'Betrag (EUR)', ['betrag', 'betrageur', 'betragineur', 'summe', 'kosten'], true),
    f('costKind', 'Kostenart', ['art']),
    f('fundingKind', 'Finanzierung', ['finanzierungsart', 'quelle']),
    f('produkt', 'Produkt', ['produktnummer']),
    f('kostenstelle', 'Kostenstelle', ['kst']),
    f('programme', 'Förderprogramm', ['programm', 'foerderprogramm']),
    f('quote', 'Förderquote (%)', ['förderquote', 'foerderquote', 'quote']),
    f('state', 'Stand', ['status', 'bewilligungsstand']),
    f('note', 'Anmerkung', ['anmerkungen', 'notiz', 'bemerkung']),
  ],
  actors: [
    f('id', 'ID', ['kennung', 'akteurid']),
    f('name', 'Name', ['akteur', 'bezeichnung', 'organisation'], true),
    f('kind', 'Art', ['akteursart', 'typ'], true),
    f('orgUnit', 'Organisationseinheit', ['oe', 'einheit', 'abteilung']),
    f('contactPerson', 'Ansprechperson', ['ansprechpartner', 'ansprechpartnerin', 'kontaktperson']),
    f('contactDetails', 'Kontaktdaten', ['kontakt', 'email', 'telefon']),
    f('notes', 'Notizen', ['anmerkungen', 'bemerkungen']),
  ],
  responsibilities: [
    f('measureId', 'Maßnahme-ID', ['massnahmeid']),
    f('measureCode', 'Maßnahme', ['maßnahmennummer', 'massnahmennummer', 'massnahme', 'nummer', 'nr']),
    f('actorId', 'Akteur-ID', ['akteurid']),
    f('actorName', 'Akteur', ['name', 'stelle', 'organisation']),
    f('role', 'Rolle', ['zuständigkeit', 'zustaendigkeit', 'funktion'], true),
  ],
};

/** Header text compared loosely: lower case, without spaces, dots, hyphens, slashes, brackets, colons. */
export function headerKey(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('de-DE').replace(/[\s.\-_/()[\]:€%]+/gu, '');
}

/** Which field a header names, or null. */
export function fieldForHeader(kind: ImportKind, header: string): string | null {
  const k = headerKey(header);
  if (k === '') return null;
  for (const fd of EXCHANGE_FIELDS[kind]) {
    if (fd.readOnly) continue;
    if (headerKey(fd.header) === k || fd.aliases.some((a) => headerKey(a) === k)) return fd.key;
  }
  return null;
}

/** The sheet kind a header row looks like (most recognised columns, at least two), or null. */
export function kindForHeaders(headers: readonly string[], sheetName = ''): ImportKind | null {
  const byName = IMPORT_KINDS.find((k) => headerKey(SHEET_NAMES[k]) === headerKey(sheetName));
  if (byName) return byName;
  let best: ImportKind | null = null;
  let bestScore = 1;
  for (const kind of IMPORT_KINDS) {
    const fields = new Set(headers.map((h) => fieldForHeader(kind, h)).filter((x): x is string => x !== null));
    // Required fields weigh double, so a budget sheet (Jahr, Betrag) is not taken for measures.
    const score = [...fields].reduce((s, key) => s + (EXCHANGE_FIELDS[kind].find((x) => x.key === key)?.requiredForCreate ? 2 : 1), 0);
    if (score > bestScore) { best = kind; bestScore = score; }
  }
  return best;
}

// ---- Contract shapes ----

const MAX_FILE_BASE64 = 28_000_000; // ~20 MB file
/** The largest import file the contract takes, in bytes (what MAX_FILE_BASE64 decodes to). */
export const MAX_IMPORT_BYTES = (MAX_FILE_BASE64 / 4) * 3;

export const importFileSchema = z.object({
  fileName: z.string({ error: 'Dateiname fehlt.' }).trim().min(1, { error: 'Dateiname fehlt.' }).max(500)
    .refine((n) => /\.(xlsx|csv|txt)$/iu.test(n), { error: 'Bitte eine Excel-Datei (.xlsx) oder eine CSV-Datei (.csv) wählen.' }),
  base64: z.string({ error: 'Dateiinhalt fehlt.' }).min(1, { error: 'Die Datei ist leer.' }).max(MAX_FILE_BASE64, { error: 'Die Datei ist zu groß (höchstens 20 MB).' }),
});

export const sheetMappingSchema = z.object({
  /** Sheet name as listed by import.preview. */
  sheet: z.string().min(1).max(200),
  /** Field key → 0-based column index; unmapped fields are left out. */
  columns: z.record(z.string().max(50), z.number().int().min(0).max(500)),
});
export type SheetMapping = z.infer<typeof sheetMappingSchema>;

export const importMappingSchema = z.object({
  actors: sheetMappingSchema.optional(),
  measures: sheetMappingSchema.optional(),
  responsibilities: sheetMappingSchema.optional(),
  budget: sheetMappingSchema.optional(),
}).strict().refine((m) => IMPORT_KINDS.some((k) => m[k] !== undefined), { error: 'Bitte mindestens ein Tabellenblatt zuordnen.' });
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const importRunSchema = importFileSchema.extend({ mapping: importMappingSchema });

export interface ImportColumn {
  index: number;
  header: string;
  /** Up to three example values from the first rows. */
  samples: string[];
}

export interface ImportSheet {
  name: string;
  /** What the sheet looks like (by name or headers); null when unrecognised. */
  kind: ImportKind | null;
  /** Data rows (without the header row). */
  rowCount: number;
  columns: ImportColumn[];
}

export interface ImportPreview {
  fileName: string;
  format: 'xlsx' | 'csv';
  sheets: ImportSheet[];
  /** Suggested mapping by German header names; the UI lets the planner change it. */
  mapping: ImportMapping | Record<string, never>;
  /** The fields of each kind, for the UI's column pickers (readOnly fields left out). */
  fields: Record<ImportKind, { key: string; label: string; requiredForCreate: boolean }[]>;
  /** German notes, e.g. a sheet that was not recognised. */
  notes: string[];
}

export interface ImportRowReport {
  kind: ImportKind;
  sheet: string;
  /** Row number as the spreadsheet shows it (header = row 1). */
  row: number;
  ok: boolean;
  /** German messages; empty when ok. */
  errors: string[];
  action: 'create' | 'update' | 'unchanged' | null;
  /** How an existing entry was found. */
  matchedBy: 'id' | 'code' | 'name' | null;
  /** The id the row creates or updates. */
  entityId: string | null;
  /** "M-1.01 Beteiligungswerkstätten …", "Budgetposition M-1.01 / 2026", … */
  label: string;
}

export interface ImportReport {
  /** No invalid row: import.apply would go through. */
  ok: boolean;
  rows: ImportRowReport[];
  counts: Record<ImportKind, { create: number; update: number; unchanged: number; invalid: number }>;
  /** One German sentence for the dialog. */
  summary: string;
}

export interface ImportApplyResult {
  report: ImportReport;
  /** German, as in the Änderungsprotokoll (one undo step). */
  summary: string;
}
