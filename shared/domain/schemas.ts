// Validation of everything that crosses into the backend. German messages,
// because they reach the planner unchanged.
import { z } from 'zod';
import {
  ACTOR_KINDS, BUDGET_STATES, COST_KINDS, FUNDING_KINDS, MAX_YEAR, MEASURE_STATUSES, MIN_YEAR, ROLES,
} from './enums.ts';

z.config(z.locales.de());

const text = (max: number, label: string) =>
  z.string({ error: `${label}: Text erwartet.` }).max(max, { error: `${label}: höchstens ${max} Zeichen.` });
const requiredText = (max: number, label: string) =>
  z.string({ error: `${label}: Text erwartet.` }).trim().min(1, { error: `Bitte ${label} angeben.` })
    .max(max, { error: `${label}: höchstens ${max} Zeichen.` });
export const idSchema = z.string({ error: 'Kennung fehlt.' }).min(1, { error: 'Kennung fehlt.' }).max(100);

export const yearSchema = z.number({ error: 'Das Jahr muss eine Zahl sein.' })
  .int({ error: 'Das Jahr muss eine ganze Zahl sein.' })
  .min(MIN_YEAR, { error: `Das Jahr muss zwischen ${MIN_YEAR} und ${MAX_YEAR} liegen.` })
  .max(MAX_YEAR, { error: `Das Jahr muss zwischen ${MIN_YEAR} und ${MAX_YEAR} liegen.` });
const quarterSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'Das Quartal muss 1 bis 4 sein.' });

export const centsSchema = z.number({ error: 'Der Betrag muss eine Zahl sein.' })
  .int({ error: 'Der Betrag muss in ganzen Cent angegeben sein.' })
  .min(0, { error: 'Der Betrag darf nicht negativ sein.' })
  .max(100_000_000_000_00, { error: 'Der Betrag ist unrealistisch hoch (über 100 Mrd. €).' });

/** Longest measure title; longer input is refused with a message, never cut. */
export const TITLE_MAX = 200;
/** Limits of the measure's text fields (the Maßnahmenblatt shows a counter near them). */
export const MEASURE_TEXT_LIMITS = { description: 20_000, goal: 5_000, need: 5_000, ausgangslage: 20_000, risks: 20_000, notes: 20_000 } as const;

const tooLong = (label: string, max: number) => (iss: { input?: unknown }) => {
  const n = typeof iss.input === 'string' ? [...iss.input].length : 0;
  return `${label}: höchstens ${max.toLocaleString('de-DE')} Zeichen (eingegeben: ${n.toLocaleString('de-DE')}). Es wird nichts abgeschnitten; bitte kürzen.`;
};

export const measureFields = z.object({
  code: requiredText(20, 'eine Nummer (z. B. M-2.03)').regex(/^[\p{L}\p{N}][\p{L}\p{N}.\-/ ]*$/u, { error: 'Die Nummer darf nur Buchstaben, Ziffern, Punkt, Bindestrich und Schrägstrich enthalten.' }),
  title: z.string({ error: 'Titel: Text erwartet.' }).trim().min(1, { error: 'Bitte einen Titel angeben.' }).max(TITLE_MAX, { error: tooLong('Titel', TITLE_MAX) }),
  description: text(20_000, 'Beschreibung'),
  goal: text(5_000, 'Ziel'),
  need: text(5_000, 'Bedarf'),
  ausgangslage: text(20_000, 'Ausgangslage'),
  risks: text(20_000, 'Hemmnisse/Risiken'),
  baustelleId: idSchema,
  furtherBaustellenIds: z.array(idSchema).max(7),
  status: z.enum(MEASURE_STATUSES, { error: 'Unbekannter Status.' }),
  startYear: yearSchema.nullable(),
  startQuarter: quarterSchema.nullable(),
  endYear: yearSchema.nullable(),
  endQuarter: quarterSchema.nullable(),
  notes: text(20_000, 'Notizen'),
  grundmauerIds: z.array(idSchema).max(200),
  frageIds: z.array(idSchema).max(200),
});

function checkPeriod(m: { startYear?: number | null; startQuarter?: number | null; endYear?: number | null; endQuarter?: number | null }, ctx: z.RefinementCtx) {
  if (m.startYear != null && m.endYear != null) {
    const a = m.startYear * 4 + ((m.startQuarter ?? 1) - 1);
    const b = m.endYear * 4 + ((m.endQuarter ?? 4) - 1);
    if (b < a) ctx.addIssue({ code: 'custom', message: 'Das Ende der Laufzeit liegt vor dem Beginn.', path: ['endYear'] });
  }
  if (m.startQuarter != null && m.startYear == null) ctx.addIssue({ code: 'custom', message: 'Zum Startquartal fehlt das Startjahr.', path: ['startYear'] });
  if (m.endQuarter != null && m.endYear == null) ctx.addIssue({ code: 'custom', message: 'Zum Endquartal fehlt das Endjahr.', path: ['endYear'] });
}

export const measureCreateSchema = measureFields.partial({
  code: true, description: true, goal: true, need: true, ausgangslage: true, risks: true, furtherBaustellenIds: true, status: true, startYear: true,
  startQuarter: true, endYear: true, endQuarter: true, notes: true, grundmauerIds: true, frageIds: true,
}).extend({ responsibleActorId: idSchema.optional() }).superRefine(checkPeriod);
export type MeasureCreate = z.infer<typeof measureCreateSchema>;

export const measurePatchSchema = measureFields.partial();
export type MeasurePatch = z.infer<typeof measurePatchSchema>;

export const actorFields = z.object({
  name: requiredText(200, 'einen Namen'),
  kind: z.enum(ACTOR_KINDS, { error: 'Unbekannte Art von Akteur.' }),
  orgUnit: text(200, 'Organisationseinheit'),
  contactPerson: text(200, 'Ansprechperson'),
  contactDetails: text(1_000, 'Kontaktdaten'),
  notes: text(5_000, 'Notizen'),
});
export const actorCreateSchema = actorFields.partial({ orgUnit: true, contactPerson: true, contactDetails: true, notes: true });
export type ActorCreate = z.infer<typeof actorCreateSchema>;
export const actorPatchSchema = actorFields.partial();
export type ActorPatch = z.infer<typeof actorPatchSchema>;

export const roleSchema = z.enum(ROLES, { error: 'Unbekannte Rolle.' });

const budgetFields = z.object({
  year: yearSchema,
  amountCents: centsSchema,
  costKind: z.enum(COST_KINDS, { error: 'Unbekannte Kostenart.' }),
  fundingKind: z.enum(FUNDING_KINDS, { error: 'Unbekannte Finanzierungsart.' }),
  produkt: text(50, 'Produkt'),
  kostenstelle: text(50, 'Kostenstelle'),
  programme: text(200, 'Förderprogramm'),
  foerderquoteBp: z.number({ error: 'Die Förderquote muss eine Zahl sein.' }).int({ error: 'Die Förderquote muss in ganzen Hundertstel-Prozent angegeben sein.' })
    .min(0, { error: 'Die Förderquote muss zwischen 0 und 100 % liegen.' }).max(10_000, { error: 'Die Förderquote muss zwischen 0 und 100 % liegen.' }).nullable(),
  state: z.enum(BUDGET_STATES, { error: 'Unbekannter Stand der Finanzierung.' }),
  note: text(2_000, 'Anmerkung'),
});

function checkFunding(b: { fundingKind?: string; foerderquoteBp?: number | null; programme?: string }, ctx: z.RefinementCtx) {
  if (b.fundingKind === 'foerdermittel') {
    if (b.foerderquoteBp == null) ctx.addIssue({ code: 'custom', message: 'Bei Fördermitteln bitte die Förderquote angeben.', path: ['foerderquoteBp'] });
    if (!b.programme?.trim()) ctx.addIssue({ code: 'custom', message: 'Bei Fördermitteln bitte das Förderprogramm angeben.', path: ['programme'] });
  }
}

export const budgetCreateSchema = budgetFields.partial({
  costKind: true, fundingKind: true, produkt: true, kostenstelle: true, programme: true, foerderquoteBp: true, state: true, note: true,
}).extend({ measureId: idSchema }).superRefine(checkFunding);
export type BudgetCreate = z.infer<typeof budgetCreateSchema>;
export const budgetPatchSchema = budgetFields.partial();
export type BudgetPatch = z.infer<typeof budgetPatchSchema>;

export const planPathSchema = z.string({ error: 'Dateipfad fehlt.' }).trim().min(1, { error: 'Bitte einen Dateipfad angeben.' }).max(4096)
  .refine((p) => p.toLowerCase().endsWith('.wirplan'), { error: 'Plandateien haben die Endung .wirplan.' });

/** German one-line summary of a failed validation, for the user. */
export function describeZodError(error: z.ZodError): string {
  const msgs = [...new Set(error.issues.map((i) => i.message))];
  return msgs.slice(0, 5).join(' ');
}

/** A complete measure after a patch is merged: checked again as a whole. */
export const measureFullSchema = measureFields.superRefine(checkPeriod);
export const budgetFullSchema = budgetFields.superRefine(checkFunding);

// ---- Maßnahmenblatt, Fragen, bulk edits, views (schema version 2) ----

const dueCheck = (label: string) => (v: { year?: number | null; quarter?: number | null }, ctx: z.RefinementCtx) => {
  if (v.quarter != null && v.year == null) ctx.addIssue({ code: 'custom', message: `Zum Quartal ${label} fehlt das Jahr.`, path: ['year'] });
};

/** Create (without id) or update (with id) an Umsetzungsschritt. Omitted fields keep their value on update. */
export const milestoneSaveSchema = z.object({
  id: idSchema.optional(),
  measureId: idSchema,
  title: requiredText(300, 'einen Titel für den Umsetzungsschritt').optional(),
  dueYear: yearSchema.nullable().optional(),
  dueQuarter: quarterSchema.nullable().optional(),
  done: z.boolean({ error: 'Erledigt: ja oder nein erwartet.' }).optional(),
  position: z.number({ error: 'Die Position muss eine Zahl sein.' }).int({ error: 'Die Position muss eine ganze Zahl sein.' }).min(0).max(10_000).optional(),
}).superRefine((m, ctx) => {
  if (!m.id && m.title === undefined) ctx.addIssue({ code: 'custom', message: 'Bitte einen Titel für den Umsetzungsschritt angeben.', path: ['title'] });
  dueCheck('des Umsetzungsschritts')({ year: m.dueYear, quarter: m.dueQuarter }, ctx);
});
export type MilestoneSave = z.infer<typeof milestoneSaveSchema>;

/** Create (without id) or update (with id) an Erfolgsindikator. Omitted fields keep their value on update. */
export const indicatorSaveSchema = z.object({
  id: idSchema.optional(),
  measureId: idSchema,
  name: requiredText(300, 'einen Namen für den Indikator').optional(),
  baseline: text(500, 'Ausgangswert').optional(),
  target: text(500, 'Zielwert').optional(),
  targetYear: yearSchema.nullable().optional(),
  dataSource: text(500, 'Datenquelle').optional(),
  position: z.number({ error: 'Die Position muss eine Zahl sein.' }).int({ error: 'Die Position muss eine ganze Zahl sein.' }).min(0).max(10_000).optional(),
}).superRefine((m, ctx) => {
  if (!m.id && m.name === undefined) ctx.addIssue({ code: 'custom', message: 'Bitte einen Namen für den Indikator angeben.', path: ['name'] });
});
export type IndicatorSave = z.infer<typeof indicatorSaveSchema>;

export const dependenciesSetSchema = z.object({
  measureId: idSchema,
  dependsOnIds: z.array(idSchema).max(200, { error: 'Höchstens 200 Abhängigkeiten je Maßnahme.' }),
});

export const frageAnswerSchema = z.object({
  frageId: idSchema,
  /** An empty answer removes the answer. */
  answer: text(20_000, 'Antwort'),
});

export const bulkUpdateSchema = z.object({
  ids: z.array(idSchema).min(1, { error: 'Bitte mindestens eine Maßnahme auswählen.' }).max(1_000, { error: 'Höchstens 1.000 Maßnahmen auf einmal.' }),
  patch: z.strictObject({
    status: z.enum(MEASURE_STATUSES, { error: 'Unbekannter Status.' }).optional(),
    responsibleActorId: idSchema.optional(),
  }, { error: (i) => (i.code === 'unrecognized_keys' ? 'Gemeinsam ändern lassen sich nur Status und verantwortliche Stelle.' : 'Bitte angeben, was geändert werden soll.') })
    .refine((p) => p.status !== undefined || p.responsibleActorId !== undefined, { error: 'Bitte angeben, was geändert werden soll (Status oder verantwortliche Stelle).' }),
});

const MAX_JSON_CHARS = 200_000;
export const jsonValueSchema = z.json()
  .refine((v) => JSON.stringify(v).length <= MAX_JSON_CHARS, { error: 'Die gespeicherten Einstellungen sind zu groß (höchstens 200.000 Zeichen).' });

export const viewSaveSchema = z.object({
  /** Without id: a new view; with id: rename and/or replace the state. */
  id: idSchema.optional(),
  name: requiredText(200, 'einen Namen für die Ansicht'),
  state: jsonValueSchema,
});

export const prefKeySchema = z.string({ error: 'Schlüssel fehlt.' })
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, { error: 'Der Schlüssel darf nur Buchstaben, Ziffern, Punkt, Doppelpunkt, Binde- und Unterstrich enthalten (höchstens 100 Zeichen).' });
