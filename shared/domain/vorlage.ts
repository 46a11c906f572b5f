// The Sitzungsvorlage for the Kreistag's council information system (ALLRIS, Session, SD.NET) and
// decision snapshots ("Stand festschreiben"): vocabularies, validation of what the UI sends, and
// the JSON shapes the backend returns. Pure: no node, no DOM.
import { z } from 'zod';
import { MEASURE_STATUSES, type MeasureStatus } from './enums.ts';
import { idSchema } from './schemas.ts';
import { genderFormSchema, type GenderForm } from './wording.ts';

export const VORLAGEARTEN = ['beschlussvorlage', 'informationsvorlage'] as const;
export type Vorlageart = (typeof VORLAGEARTEN)[number];
export const VORLAGEART_LABELS: Record<Vorlageart, string> = {
  beschlussvorlage: 'Beschlussvorlage',
  informationsvorlage: 'Informationsvorlage',
};

export const ZUSTAENDIGKEITEN = ['vorberatung', 'entscheidung', 'kenntnisnahme'] as const;
export type Zustaendigkeit = (typeof ZUSTAENDIGKEITEN)[number];
export const ZUSTAENDIGKEIT_LABELS: Record<Zustaendigkeit, string> = {
  vorberatung: 'Vorberatung',
  entscheidung: 'Entscheidung',
  kenntnisnahme: 'Kenntnisnahme',
};

const text = (max: number, label: string) =>
  z.string({ error: `${label}: Text erwartet.` }).max(max, { error: `${label}: höchstens ${max} Zeichen.` });

/** The plausible range of any date the plan holds (Beschlüsse, Sitzungen, Messwerte, Stichtage). */
export const MIN_DATE = '1990-01-01';
export const MAX_DATE = '2100-12-31';

/** A calendar date "YYYY-MM-DD" (empty = not yet fixed) between MIN_DATE and MAX_DATE. */
export const isoDateSchema = z.string({ error: 'Datum: Text erwartet.' })
  .regex(/^(\d{4}-\d{2}-\d{2})?$/u, { error: 'Bitte ein Datum im Format JJJJ-MM-TT angeben.' })
  .refine((d) => d === '' || !Number.isNaN(new Date(`${d}T12:00:00Z`).getTime()) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d), { error: 'Das Datum gibt es nicht.' })
  // A mistyped year (0202, 9999) would sort, age and total as if it were real: refused at the door.
  .refine((d) => d === '' || (d >= MIN_DATE && d <= MAX_DATE), { error: `Das Datum muss zwischen ${MIN_DATE.slice(0, 4)} und ${MAX_DATE.slice(0, 4)} liegen.` });

/** The Kopf of a Vorlage as the council information system shows it. */
export const vorlageKopfSchema = z.object({
  /** Empty: "wird vom Sitzungsdienst vergeben". */
  vorlagennummer: text(50, 'Vorlagennummer'),
  vorlageart: z.enum(VORLAGEARTEN, { error: 'Unbekannte Vorlageart.' }),
  oeffentlich: z.boolean({ error: 'Öffentlich: ja oder nein erwartet.' }),
  betreff: text(500, 'Betreff'),
  /** Federführendes Amt (an organisation unit, never a person). */
  federfuehrung: text(200, 'Federführung'),
  beteiligteAemter: z.array(text(200, 'Beteiligtes Amt')).max(30, { error: 'Höchstens 30 beteiligte Ämter.' }),
  /** Bearbeiter:in: a staff name. Never printed in an anonymised Vorlage. */
  bearbeiter: text(200, 'Bearbeiter:in'),
  datum: isoDateSchema,
  produkt: text(100, 'Produkt'),
});
export type VorlageKopf = z.infer<typeof vorlageKopfSchema>;

export const beratungSchema = z.object({
  gremium: z.string({ error: 'Gremium: Text erwartet.' }).trim().min(1, { error: 'Bitte in jeder Zeile der Beratungsfolge ein Gremium angeben.' }).max(200, { error: 'Gremium: höchstens 200 Zeichen.' }),
  sitzungsdatum: isoDateSchema,
  zustaendigkeit: z.enum(ZUSTAENDIGKEITEN, { error: 'Unbekannte Zuständigkeit (Vorberatung, Entscheidung oder Kenntnisnahme).' }),
  /** Öffentliche oder nichtöffentliche Sitzung; missing = as the Vorlage (Kopf). */
  oeffentlich: z.boolean({ error: 'Öffentlich: ja oder nein erwartet.' }).optional(),
});
export type Beratung = z.infer<typeof beratungSchema>;

const beschlussSchema = z.array(text(5_000, 'Punkt des Beschlussvorschlags').refine((s) => s.trim() !== '', { error: 'Ein Punkt des Beschlussvorschlags ist leer.' }))
  .max(20, { error: 'Höchstens 20 Punkte im Beschlussvorschlag.' });

// ---- Vorlagenprofil: which sections, their headings, their order (each Kreis's Geschäftsordnung)

export const VORLAGE_SECTIONS = [
  'beratungsfolge', 'beschlussvorschlag', 'sachverhalt', 'aenderungen', 'finanzen', 'stellenplan', 'klima', 'gleichstellung', 'inklusion', 'anlagen',
] as const;
export type VorlageSectionId = (typeof VORLAGE_SECTIONS)[number];
/** Sections whose text the planner writes (the others are drawn from the plan). */
export const TEXT_SECTIONS: readonly VorlageSectionId[] = ['klima', 'gleichstellung', 'inklusion'];
export const SECTION_DEFAULTS: Record<VorlageSectionId, { heading: string; enabled: boolean; what: string }> = {
  beratungsfolge: { heading: 'Beratungsfolge', enabled: true, what: 'Gremien, Sitzungstermine, Zuständigkeit' },
  beschlussvorschlag: { heading: 'Beschlussvorschlag', enabled: true, what: 'die Beschlusspunkte' },
  sachverhalt: { heading: 'Sachverhalt / Begründung', enabled: true, what: 'eigener Text, Grundlage, Inhalt, Priorisierung, frühere Beschlüsse' },
  aenderungen: { heading: 'Änderungen seit dem letzten Beschluss', enabled: true, what: 'nur wenn ein festgeschriebener Stand gewählt ist' },
  finanzen: { heading: 'Finanzielle Auswirkungen', enabled: true, what: 'Haushaltsrahmen, Deckung, Ergebnis- und Finanzhaushalt, Förderung, Folgekosten' },
  stellenplan: { heading: 'Auswirkungen auf den Stellenplan', enabled: true, what: 'VZÄ je Maßnahme und Jahr' },
  klima: { heading: 'Klimarelevanz', enabled: false, what: 'eigener Text' },
  gleichstellung: { heading: 'Auswirkungen auf die Gleichstellung', enabled: false, what: 'eigener Text' },
  inklusion: { heading: 'Inklusion und Barrierefreiheit', enabled: false, what: 'eigener Text' },
  anlagen: { heading: 'Anlagen', enabled: true, what: 'Liste der Anlagen' },
};

export const vorlageSectionSchema = z.object({
  id: z.enum(VORLAGE_SECTIONS, { error: 'Unbekannter Abschnitt der Vorlage.' }),
  heading: z.string({ error: 'Überschrift: Text erwartet.' }).trim().min(1, { error: 'Bitte jedem Abschnitt eine Überschrift geben.' }).max(200, { error: 'Überschrift: höchstens 200 Zeichen.' }),
  enabled: z.boolean({ error: 'Abschnitt aufnehmen: ja oder nein erwartet.' }),
  /** The planner's text (only for the text sections). */
  text: text(20_000, 'Text des Abschnitts').default(''),
});
export type VorlageSection = z.infer<typeof vorlageSectionSchema>;

export const vorlageProfilSchema = z.object({
  sections: z.array(vorlageSectionSchema).max(VORLAGE_SECTIONS.length, { error: 'Zu viele Abschnitte.' })
    .refine((l) => new Set(l.map((x) => x.id)).size === l.length, { error: 'Jeder Abschnitt darf nur einmal vorkommen.' }),
});
export type VorlageProfil = z.infer<typeof vorlageProfilSchema>;

/** The default profile: every section in the usual order; the three text sections off. */
export function defaultProfil(): VorlageProfil {
  return { sections: VORLAGE_SECTIONS.map((id) => ({ id, heading: SECTION_DEFAULTS[id].heading, enabled: SECTION_DEFAULTS[id].enabled, text: '' })) };
}

/** A saved profile completed with sections added in later versions (appended, with their defaults). */
export function completeProfil(p: VorlageProfil | null | undefined): VorlageProfil {
  const given = p?.sections ?? [];
  const seen = new Set(given.map((x) => x.id));
  return { sections: [...given, ...defaultProfil().sections.filter((x) => !seen.has(x.id))] };
}

/** What is remembered per plan (table vorlage_settings). */
export const vorlageSettingsSchema = z.object({
  kopf: vorlageKopfSchema,
  beratungsfolge: z.array(beratungSchema).max(20, { error: 'Höchstens 20 Zeilen in der Beratungsfolge.' }),
  /** The points of the Beschlussvorschlag; null = the default drawn from the plan at export time. */
  beschlussvorschlag: beschlussSchema.nullable(),
  /** Own text at the start of Sachverhalt/Begründung (Anlass); may be empty. */
  sachverhalt: text(20_000, 'Sachverhalt'),
  /** Sections, headings and order; missing = the default profile. */
  profil: vorlageProfilSchema.optional(),
  /** The planner's Deckungsvorschlag when the frame is exceeded; empty = drawn from the optimiser and the Festlegungen. */
  deckung: text(5_000, 'Deckungsvorschlag').optional(),
});
export type VorlageSettings = z.infer<typeof vorlageSettingsSchema>;

/** Which measures go into the Vorlage. A saved view is resolved into ids by the UI. */
export const measureSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('ids'), ids: z.array(idSchema).min(1, { error: 'Bitte mindestens eine Maßnahme auswählen.' }).max(10_000) }),
  z.object({ kind: z.literal('status'), statuses: z.array(z.enum(MEASURE_STATUSES, { error: 'Unbekannter Status.' })).min(1, { error: 'Bitte mindestens einen Status auswählen.' }) }),
], { error: 'Unbekannte Auswahl der Maßnahmen.' });
export type MeasureSelection = z.infer<typeof measureSelectionSchema>;

export const vorlagePartsSchema = z.object({
  /** The Vorlage itself (Kopf, Beratungsfolge, Beschlussvorschlag, Sachverhalt, Finanzielle Auswirkungen, Anlagen). */
  vorlage: z.boolean().default(true),
  /** Anlage 1: Maßnahmenplan (overview table). */
  anlage1: z.boolean().default(true),
  /** Anlage 2: Maßnahmenblätter, one page per measure. */
  anlage2: z.boolean().default(true),
  /** Anlage 3: Nutzwertanalyse; only written when the plan has scores. */
  anlage3: z.boolean().default(true),
  /** The chart of costs per year by Baustelle in Finanzielle Auswirkungen. */
  chart: z.boolean().default(true),
}).refine((p) => p.vorlage || p.anlage1 || p.anlage2 || p.anlage3, { error: 'Bitte mindestens einen Teil der Vorlage auswählen.' });
export type VorlageParts = z.infer<typeof vorlagePartsSchema>;

/** Arguments of export.vorlage. Everything is optional: what is missing comes from the saved settings, then from the plan. */
export const vorlageExportSchema = z.object({
  parts: vorlagePartsSchema.optional(),
  selection: measureSelectionSchema.optional(),
  /** "Personennamen anonymisieren": only organisation units appear (no Ansprechpersonen, Kontaktdaten, Bearbeiter:in). */
  anonymise: z.boolean().optional(),
  /** Fields given here replace the saved ones. */
  kopf: vorlageKopfSchema.partial().optional(),
  beratungsfolge: z.array(beratungSchema).max(20, { error: 'Höchstens 20 Zeilen in der Beratungsfolge.' }).optional(),
  beschlussvorschlag: beschlussSchema.optional(),
  sachverhalt: text(20_000, 'Sachverhalt').optional(),
  profil: vorlageProfilSchema.optional(),
  deckung: text(5_000, 'Deckungsvorschlag').optional(),
  /** Adds "Änderungen seit <Stand>" against this decision snapshot. */
  changesSince: idSchema.optional(),
  /** Also remember Kopf, Beratungsfolge, Beschlussvorschlag and Sachverhalt as the plan's Vorlage settings (one undo step). */
  remember: z.boolean().optional(),
}).strict();
export type VorlageExportArgs = z.input<typeof vorlageExportSchema>;
export type VorlageExportOptions = z.output<typeof vorlageExportSchema>;

export const vorlageSettingsGetSchema = z.object({
  /** For the defaults (Beschlussvorschlag, Federführung, Produkt): which measures; default all. */
  selection: measureSelectionSchema.optional(),
  vorlageart: z.enum(VORLAGEARTEN, { error: 'Unbekannte Vorlageart.' }).optional(),
}).strict();

export interface VorlageSettingsInfo {
  /** What was saved for this plan; null before the first save. */
  saved: VorlageSettings | null;
  /** Drawn from the plan for the given selection (what an empty dialog would start with). */
  defaults: VorlageSettings;
  /** saved, with a null Beschlussvorschlag replaced by the default: what export.vorlage would use. */
  effective: VorlageSettings;
  updatedAt: string | null;
  /** Measures the selection covers. */
  measureCount: number;
  /** The plan has Nutzwert scores: Anlage 3 and priority ranks are available. */
  hasScores: boolean;
}

// ---- Decision snapshots ----

export const snapshotCreateSchema = z.object({
  name: z.string({ error: 'Name: Text erwartet.' }).trim().min(1, { error: 'Bitte einen Namen für den Stand angeben (z. B. „Beschluss Kreistag“).' }).max(200, { error: 'Name: höchstens 200 Zeichen.' }),
  /** Date of the decision (Sitzungsdatum). */
  date: isoDateSchema.refine((d) => d !== '', { error: 'Bitte das Datum der Sitzung angeben.' }),
  gremium: text(200, 'Gremium').default(''),
}).strict();

/** One measure as frozen in a snapshot. */
export interface SnapshotMeasure {
  id: string;
  code: string;
  title: string;
  baustelleId: string;
  status: MeasureStatus;
  startYear: number | null;
  startQuarter: number | null;
  endYear: number | null;
  endQuarter: number | null;
  responsibleActorId: string | null;
  responsibleActorName: string | null;
  /** Year → cents (all budget lines of the year). */
  costsByYear: Record<string, number>;
  totalCents: number;
  /** Nutzwert rank (1 = best) when the plan had scores, else null. */
  rank: number | null;
  /** Nutzwert in half-points (see shared/domain/nutzwert.ts), null without scores. */
  nutzwertHalves: number | null;
}

export interface SnapshotContent {
  version: 1;
  takenAt: string;
  planTitle: string;
  landkreis: string;
  hasScores: boolean;
  totalCents: number;
  byYear: Record<string, number>;
  measures: SnapshotMeasure[];
}

export interface SnapshotInfo {
  id: string;
  name: string;
  /** Sitzungsdatum, YYYY-MM-DD. */
  date: string;
  gremium: string;
  createdAt: string;
  createdBy: string;
  measureCount: number;
  totalCents: number;
}

export type SnapshotChangeField = 'code' | 'title' | 'baustelle' | 'cost' | 'priority' | 'responsibility' | 'period' | 'status';

export interface SnapshotFieldChange {
  field: SnapshotChangeField;
  /** German label of the field ("Kosten", "Priorität", "verantwortlich", "Zeitraum", "Status", …). */
  label: string;
  /** Display values, German ("1.234,56 €", "Rang 3", "Q1/2026 – Q4/2027", "in Planung"). */
  before: string;
  after: string;
}

export interface SnapshotCostChange {
  year: number;
  beforeCents: number;
  afterCents: number;
  deltaCents: number;
}

export interface SnapshotMeasureChange {
  measureId: string;
  code: string;
  title: string;
  changes: SnapshotFieldChange[];
  /** Only the years whose cost changed. */
  costByYear: SnapshotCostChange[];
  totalBeforeCents: number;
  totalAfterCents: number;
}

/** One measure as added or removed (its current or frozen state). */
export interface SnapshotMeasureEntry {
  measureId: string;
  code: string;
  title: string;
  totalCents: number;
  status: MeasureStatus;
}

export interface SnapshotDiff {
  snapshot: SnapshotInfo;
  added: SnapshotMeasureEntry[];
  removed: SnapshotMeasureEntry[];
  changed: SnapshotMeasureChange[];
  unchangedCount: number;
  totals: { beforeCents: number; afterCents: number; deltaCents: number; byYear: SnapshotCostChange[] };
  /** One German sentence, e.g. „Seit „Beschluss Kreistag“ (12.03.2026): 1 Maßnahme neu, 2 geändert, keine entfallen.“ */
  summary: string;
}

// ---- Plan settings for documents (stored in meta 'document-settings')

export const documentSettingsSchema = z.object({
  /** Budget years whose Haushalt is already adopted; null = every year up to the current one. */
  adoptedYears: z.array(z.int({ error: 'Haushaltsjahr: ganze Zahl erwartet.' }).min(2000, { error: 'Haushaltsjahr ab 2000.' }).max(2100, { error: 'Haushaltsjahr bis 2100.' }))
    .max(100, { error: 'Höchstens 100 Haushaltsjahre.' }).nullable(),
  /** One gender form throughout every document. */
  genderForm: genderFormSchema,
}).strict();
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;
export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = { adoptedYears: null, genderForm: 'doppelpunkt' satisfies GenderForm };

/** The adopted years in effect: the setting, or every year up to the year of `now`. */
export function adoptedYearsOf(s: DocumentSettings, years: readonly number[], nowIso: string): Set<number> {
  if (s.adoptedYears) return new Set(s.adoptedYears);
  const current = Number(nowIso.slice(0, 4)) || new Date().getUTCFullYear();
  return new Set(years.filter((y) => y <= current));
}

// ---- Folgekosten and Stellen per measure (table measure_haushalt, schema 7)

export const measureHaushaltSchema = z.object({
  measureId: idSchema,
  /** Recurring cost per year after the measure or its funding ends, in cents; 0 = none. */
  folgekostenCents: z.int({ error: 'Folgekosten: ganze Cent erwartet.' }).min(0, { error: 'Folgekosten dürfen nicht negativ sein.' }).max(100_000_000_000, { error: 'Folgekosten: Betrag zu groß.' }),
  /** From which year the Folgekosten arise; null = not yet known. */
  folgekostenAb: z.int({ error: 'Jahr: ganze Zahl erwartet.' }).min(2000, { error: 'Jahr ab 2000.' }).max(2100, { error: 'Jahr bis 2100.' }).nullable(),
  /** Entgeltgruppe of the staff (e.g. "E 9b TVöD"); may be empty. */
  entgeltgruppe: text(40, 'Entgeltgruppe'),
  /** Year → VZÄ in hundredths (150 = 1,5 VZÄ). */
  vzae: z.record(z.string().regex(/^\d{4}$/u, { error: 'Jahr: vier Ziffern erwartet.' }), z.int().min(0, { error: 'VZÄ dürfen nicht negativ sein.' }).max(100_000, { error: 'VZÄ: Wert zu groß.' }))
    .refine((r) => Object.keys(r).length <= 60, { error: 'Höchstens 60 Jahre.' }),
}).strict();
export type MeasureHaushalt = z.infer<typeof measureHaushaltSchema>;

/** "1,5 VZÄ" from hundredths. */
export function formatVzae(h: number): string {
  const s = (h / 100).toFixed(2).replace(/0+$/u, '').replace(/\.$/u, '').replace('.', ',');
  return `${s}\u00a0VZÄ`;
}
