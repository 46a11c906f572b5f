// The Sitzungsvorlage for the Kreistag's council information system (ALLRIS, Session, SD.NET) and
// decision snapshots ("Stand festschreiben"): vocabularies, validation of what the UI sends, and
// the JSON shapes the backend returns. Pure: no node, no DOM.
import { z } from 'zod';
import { MEASURE_STATUSES, type MeasureStatus } from './enums.ts';
import { idSchema } from './schemas.ts';

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

/** A calendar date "YYYY-MM-DD" (empty = not yet fixed). */
export const isoDateSchema = z.string({ error: 'Datum: Text erwartet.' })
  .regex(/^(\d{4}-\d{2}-\d{2})?$/u, { error: 'Bitte ein Datum im Format JJJJ-MM-TT angeben.' })
  .refine((d) => d === '' || !Number.isNaN(new Date(`${d}T12:00:00Z`).getTime()) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d), { error: 'Das Datum gibt es nicht.' });

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
});
export type Beratung = z.infer<typeof beratungSchema>;

const beschlussSchema = z.array(text(5_000, 'Punkt des Beschlussvorschlags').refine((s) => s.trim() !== '', { error: 'Ein Punkt des Beschlussvorschlags ist leer.' }))
  .max(20, { error: 'Höchstens 20 Punkte im Beschlussvorschlag.' });

/** What is remembered per plan (table vorlage_settings). */
export const vorlageSettingsSchema = z.object({
  kopf: vorlageKopfSchema,
  beratungsfolge: z.array(beratungSchema).max(20, { error: 'Höchstens 20 Zeilen in der Beratungsfolge.' }),
  /** The points of the Beschlussvorschlag; null = the default drawn from the plan at export time. */
  beschlussvorschlag: beschlussSchema.nullable(),
  /** Own text at the start of Sachverhalt/Begründung (Anlass); may be empty. */
  sachverhalt: text(20_000, 'Sachverhalt'),
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
