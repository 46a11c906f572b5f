// The Sitzungsvorlage for the Kreistag, shaped like a Vorlage of a council information system
// (ALLRIS, Session, SD.NET) and ready to upload there: Kopf, Beratungsfolge, Beschlussvorschlag,
// Sachverhalt/Begründung, Finanzielle Auswirkungen (with a chart), Anlagen; then Anlage 1
// (Maßnahmenplan, landscape), Anlage 2 (Maßnahmenblätter, one page each) and Anlage 3
// (Nutzwertanalyse, when the plan has scores).
//
// Accessible by construction (BITV 2.0 / EN 301 549 clause 10): heading styles, real list
// numbering, table header rows marked and repeated, German language, title/subject metadata, alt
// text on the chart, text contrast ≥ 4.5:1, nothing told by colour alone, no empty paragraphs for
// spacing, user text only ever as text (links only https/mailto).
//
// Anonymised ("Personennamen anonymisieren"): only organisation units appear. The Ansprechperson
// and Kontaktdaten of actors and the Bearbeiter:in never reach the document; the document's
// metadata name the program, never the user. Free text of measures (Ziel, Beschreibung, …) is
// printed as written: the planner is told so on the document and in the export dialog.
import {
  AlignmentType, Document, Footer, Header, HeadingLevel, PageNumber, PageOrientation, Paragraph, TabStopType, TextRun,
  type ISectionOptions,
} from 'docx';
import type { Baustelle, CatalogueItem } from '../../../shared/catalogue/types.ts';
import { ACTOR_GROUP_LABELS } from '../../../shared/catalogue/types.ts';
import {
  BUDGET_STATE_LABELS, COST_KIND_LABELS, MEASURE_STATUS_LABELS, MEASURE_STATUSES, ROLE_LABELS, ROLES, type Role,
} from '../../../shared/domain/enums.ts';
import { splitLine, summariseBudget, type FinanceFigures, type FinanceSummary } from '../../../shared/domain/finance.ts';
import { formatCents, sumCents } from '../../../shared/domain/money.ts';
import { compareCodes, formatNutzwert } from '../../../shared/domain/nutzwert.ts';
import { formatPeriod, LAUFZEIT_LABELS } from '../../../shared/domain/period.ts';
import { germanDateOf } from '../../../shared/domain/snapshot-diff.ts';
import type { Actor, BudgetLine, Indicator, MeasureRow, Milestone } from '../../../shared/domain/types.ts';
import {
  VORLAGEART_LABELS, ZUSTAENDIGKEIT_LABELS, type Beratung, type MeasureSelection, type SnapshotDiff, type VorlageParts,
  type VorlageSettings, type Vorlageart,
} from '../../../shared/domain/vorlage.ts';
import { makeRedactor, personNames, type AnonymFinding } from '../../../shared/domain/anonymise.ts';
import { proposeDeckung, yearBudgets, type DeferralCandidate, type DeckungProposal, type YearBudget } from '../../../shared/domain/haushalt.ts';
import type { BudgetFrame } from '../../../shared/domain/priorities.ts';
import {
  adoptedYearsOf, formatVzae, TEXT_SECTIONS, type DocumentSettings, type MeasureHaushalt, type SnapshotInfo,
  type VorlageProfil, type VorlageSectionId,
} from '../../../shared/domain/vorlage.ts';
import { count, genitiveOfKreis, inGenderForm, inner, statusCount, term } from '../../../shared/domain/wording.ts';
import type { MeasureStatus } from '../../../shared/domain/enums.ts';
import { AppError } from '../errors.ts';
import type { Decision } from '../repos/priorities.ts';
import type { PriorityInfo } from '../repos/priority.ts';
import type { Dependency } from '../repos/sheet.ts';
import { costChart } from './chart.ts';
import {
  bulletIn, coreXmlFor, documentStyles, hasLink, image, linkify, linkPara, moneyColumns, numbered, numberingConfig,
} from './docx-parts.ts';
import {
  A4, type Block, cell, CELL_MARGIN, DASH, FastTable, financing, fixZipTimes, germanDate, headerRow, LANDSCAPE_MARGIN,
  LANDSCAPE_WIDTH, packDocx, para, rawPara, PORTRAIT_MARGIN, PORTRAIT_WIDTH, type RowSpec, runs, safeText, SUM_FILL, TABLE_SIZE, text,
  textWidthTwips,
} from './docx.ts';
import type { PlanSnapshot } from './snapshot.ts';

export interface VorlageData {
  snap: PlanSnapshot;
  milestones: Milestone[];
  indicators: Indicator[];
  dependencies: Dependency[];
  /** Nutzwertanalyse over all measures of the plan; null without scores. */
  priority: PriorityInfo | null;
  /** Folgekosten and Stellen per measure (only measures that have any). */
  haushalt: MeasureHaushalt[];
  frames: BudgetFrame[];
  /** Festlegungen of the planner (fixed in / out, with reason). */
  decisions: Decision[];
  /** Festgeschriebene Stände with each measure's status at the time (oldest first). */
  snapshots: { info: SnapshotInfo; statuses: Record<string, MeasureStatus> }[];
  docSettings: DocumentSettings;
  /** Measures the optimiser leaves out and why, when it was run for the Deckungsvorschlag; null = not run. */
  optimiserOut: { measureId: string; reason: string }[] | null;
}

export interface ResolvedVorlage {
  parts: VorlageParts;
  selection: MeasureSelection;
  anonymise: boolean;
  settings: VorlageSettings & { beschlussvorschlag: string[] };
  changes: SnapshotDiff | null;
  /** Sections, headings and order (the saved profile completed with the defaults). */
  profil: VorlageProfil;
}

const GROUP_FILL = 'E4EAF2';
const IMPULSPAPIER_SHORT = 'Das ‚gemeinsame Wir‘ in ländlichen Räumen';


/** "den Maßnahmenplan „X“", or the title itself when it already says Maßnahmenplan. */
function planNoun(title: string): string {
  return /^maßnahmenplan\b/iu.test(title) ? title : `Maßnahmenplan „${inner(title)}“`;
}

// ---------------------------------------------------------------------------------------------
// Selection and defaults

/** The selected measures in plan order; German errors for an empty or stale selection. */
export function selectMeasures(measures: readonly MeasureRow[], selection: MeasureSelection): MeasureRow[] {
  if (selection.kind === 'all') return [...measures];
  if (selection.kind === 'status') {
    const wanted = new Set(selection.statuses);
    const out = measures.filter((m) => wanted.has(m.status));
    if (out.length === 0) throw new AppError('invalid', 'Keine Maßnahme hat einen der ausgewählten Status. Bitte die Auswahl ändern.');
    return out;
  }
  const byId = new Map(measures.map((m) => [m.id, m]));
  const ids = [...new Set(selection.ids)];
  const missing = ids.filter((id) => !byId.has(id)).length;
  if (missing > 0) {
    throw new AppError('not-found', `${missing === 1 ? 'Eine der ausgewählten Maßnahmen gibt' : `${missing} der ausgewählten Maßnahmen geben`} es nicht mehr. Bitte die Auswahl erneuern.`);
  }
  const wanted = new Set(ids);
  return measures.filter((m) => wanted.has(m.id));
}

/** Measures grouped by Baustelle (catalogue order), within each by rank (when scored), then by code. */
export function orderMeasures(data: VorlageData, measures: readonly MeasureRow[]): { baustelle: Baustelle; measures: MeasureRow[] }[] {
  const rank = (m: MeasureRow) => data.priority?.byMeasure.get(m.id)?.rank ?? null;
  return data.snap.catalogue.baustellen.map((b) => ({
    baustelle: b,
    measures: measures.filter((m) => m.baustelleId === b.id).sort((x, y) => {
      const rx = rank(x);
      const ry = rank(y);
      if (rx !== ry) return rx === null ? 1 : ry === null ? -1 : rx - ry;
      return compareCodes(x.code, y.code);
    }),
  })).filter((g) => g.measures.length > 0);
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) if (v.trim()) counts.set(v.trim(), (counts.get(v.trim()) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'de'))[0]?.[0] ?? '';
}

function todayIso(now: string): string {
  const d = new Date(now);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** "Der Kreistag", "Der Ausschuss für …" (a Gremium's name as the subject of a sentence). */
function subjectOf(gremium: string): string {
  const g = gremium.trim();
  return /^(der|die|das)\s/iu.test(g) ? g.charAt(0).toUpperCase() + g.slice(1) : `Der ${g}`;
}
function dativeOf(gremium: string): string {
  const g = gremium.trim();
  return /^(dem|der)\s/iu.test(g) ? g : `dem ${g}`;
}

function finance(data: VorlageData, measures: readonly MeasureRow[]): FinanceSummary {
  const ids = new Set(measures.map((m) => m.id));
  const baustelleOf = new Map(measures.map((m) => [m.id, m.baustelleId]));
  const code = new Map(measures.map((m) => [m.id, m.code]));
  const lines = data.snap.budgetLines.filter((l) => ids.has(l.measureId));
  return summariseBudget(lines.map((l) => ({ ...l, foerderquoteBp: l.foerderquoteBp })), {
    groupKey: (l) => baustelleOf.get(l.measureId) ?? '',
    measureLabel: (id) => code.get(id) ?? id,
  });
}

/** Defaults drawn from the plan: what an empty export dialog starts with. */
export function defaultSettings(data: VorlageData, measures: readonly MeasureRow[], vorlageart: Vorlageart, all: boolean): VorlageSettings & { beschlussvorschlag: string[] } {
  const { snap } = data;
  const actors = new Map(snap.actors.map((a) => [a.id, a]));
  const ids = new Set(measures.map((m) => m.id));
  const responsible = measures.map((m) => m.responsibleActorId).filter((id): id is string => id !== null);
  const verwaltung = responsible.filter((id) => actors.get(id)?.kind === 'kreisverwaltung');
  const lead = mostCommon((verwaltung.length ? verwaltung : responsible).map((id) => actors.get(id)?.name ?? ''));
  const involved = new Set(snap.responsibilities.filter((r) => ids.has(r.measureId)).map((r) => r.actorId));
  const beteiligt = [...involved].map((id) => actors.get(id)).filter((a): a is Actor => a !== undefined && a.kind === 'kreisverwaltung' && a.name !== lead)
    .map((a) => a.name).sort((a, b) => a.localeCompare(b, 'de'));
  const produkt = mostCommon(snap.budgetLines.filter((l) => ids.has(l.measureId) && l.fundingKind === 'kreishaushalt').map((l) => l.produkt));
  const title = safeText(snap.info.title).trim() || 'Maßnahmenplan';

  // The committees the planner put on these measures (Kreistag actors with a role on one of them),
  // most involved first, at most five to the Vorberatung; then the Kreistag decides. No committee
  // is assumed that the plan does not name.
  const involvement = new Map<string, number>();
  for (const x of snap.responsibilities) {
    if (!ids.has(x.measureId)) continue;
    const a = actors.get(x.actorId);
    if (!a || a.kind !== 'kreistag' || a.name.trim() === '' || /^kreistag$/iu.test(a.name.trim())) continue;
    const g = a.name.replace(/^Kreistag\s*[–-]\s*/u, '').trim();
    if (g) involvement.set(g, (involvement.get(g) ?? 0) + 1);
  }
  const committees = [...involvement].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'de')).slice(0, 5).map(([g]) => g)
    .sort((a, b) => a.localeCompare(b, 'de'));
  const beratungsfolge: Beratung[] = vorlageart === 'beschlussvorlage'
    ? [
      ...committees.map((g) => ({ gremium: g, sitzungsdatum: '', zustaendigkeit: 'vorberatung' as const })),
      { gremium: 'Kreistag', sitzungsdatum: '', zustaendigkeit: 'entscheidung' },
    ]
    : [...(committees.length ? committees : ['Kreistag']).map((g) => ({ gremium: g, sitzungsdatum: '', zustaendigkeit: 'kenntnisnahme' as const }))];

  const kopf = {
    vorlagennummer: '', vorlageart, oeffentlich: true,
    betreff: `${title} zur Stärkung des gesellschaftlichen Zusammenhalts${all ? '' : ' (Auswahl)'}`.slice(0, 500),
    federfuehrung: lead, beteiligteAemter: beteiligt.slice(0, 30), bearbeiter: '', datum: todayIso(snap.takenAt), produkt,
  };
  return { kopf, beratungsfolge, beschlussvorschlag: defaultBeschluss(data, measures, kopf.vorlageart, beratungsfolge, all), sachverhalt: '' };
}

/** "in allen sieben Baustellen", "in einer der sieben Baustellen", "in 4 der sieben Baustellen". */
function inBaustellen(k: number): string {
  if (k === 7) return 'in allen sieben Baustellen';
  if (k === 1) return 'in einer der sieben Baustellen';
  return `in ${k} der sieben Baustellen`;
}

const DECIDED: ReadonlySet<MeasureStatus> = new Set(['beschlossen', 'in-umsetzung', 'abgeschlossen']);

/**
 * Measures already beschlossen (status beschlossen or later), each with the earliest festgeschriebene
 * Stand in which it had that status; null when the decision was never festgeschrieben.
 */
export function earlierDecisions(data: VorlageData, measures: readonly MeasureRow[]): Map<string, SnapshotInfo | null> {
  const out = new Map<string, SnapshotInfo | null>();
  const ordered = [...data.snapshots].sort((a, b) => a.info.date.localeCompare(b.info.date) || a.info.createdAt.localeCompare(b.info.createdAt));
  for (const m of measures) {
    if (!DECIDED.has(m.status)) continue;
    const first = ordered.find((x) => DECIDED.has(x.statuses[m.id] as MeasureStatus));
    out.set(m.id, first?.info ?? null);
  }
  return out;
}

/** "beschlossen am 12.03.2026 (Kreistag, Stand „Beschluss Kreistag“)" or "bereits beschlossen". */
export function decisionCitation(info: SnapshotInfo | null): string {
  if (!info) return 'bereits beschlossen (Beschluss nicht festgeschrieben)';
  const where = [info.gremium.trim(), `Stand „${inner(info.name)}“`].filter(Boolean).join(', ');
  return `beschlossen am ${germanDateOf(info.date)} (${where})`;
}

/** "das Haushaltsjahr 2026", "die Haushaltsjahre 2027 bis 2029", "die Haushaltsjahre 2026, 2028". */
function yearsPhrase(years: readonly number[]): string {
  if (years.length === 1) return `das Haushaltsjahr ${years[0]}`;
  const contiguous = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  return contiguous ? `die Haushaltsjahre ${years[0]} bis ${years.at(-1)}` : `die Haushaltsjahre ${years.join(', ')}`;
}

/** The default Beschlussvorschlag, drawn from the plan: numbered points, no typed numbers. */
export function defaultBeschluss(data: VorlageData, measures: readonly MeasureRow[], vorlageart: Vorlageart, beratung: readonly Beratung[], all: boolean): string[] {
  const title = safeText(data.snap.info.title).trim() || 'Maßnahmenplan';
  const decided = earlierDecisions(data, measures);
  const open = measures.filter((m) => !decided.has(m.id));
  const n = measures.length;
  const k = new Set(measures.map((m) => m.baustelleId)).size;
  const decider = [...beratung].reverse().find((b) => b.zustaendigkeit === 'entscheidung')?.gremium ?? 'Kreistag';
  const reporter = beratung.find((b) => b.zustaendigkeit === 'vorberatung')?.gremium ?? decider;
  const which = all ? `mit ${count(n, 'Maßnahme', 'Maßnahmen')}` : `mit den ${n} in Anlage 1 aufgeführten ${n === 1 ? 'Maßnahme' : 'Maßnahmen'}`;
  if (vorlageart === 'informationsvorlage') {
    const who = beratung[0]?.gremium ?? 'Kreistag';
    return [`${subjectOf(who)} nimmt den ${planNoun(title)} ${which} ${inBaustellen(k)} des Impulspapiers „${IMPULSPAPIER_SHORT}“ zur Kenntnis.`];
  }
  const codes = (list: readonly MeasureRow[]) => list.map((m) => m.code).sort(compareCodes);
  const decidedList = measures.filter((m) => decided.has(m.id));
  let first = `${subjectOf(decider)} beschließt den ${planNoun(title)} ${which} ${inBaustellen(k)} des Impulspapiers „${IMPULSPAPIER_SHORT}“ (Anlagen 1 und 2).`;
  if (decidedList.length > 0) {
    const shown = codes(decidedList);
    first += ` ${decidedList.length === 1 ? 'Die Maßnahme' : 'Die Maßnahmen'} ${shown.slice(0, 10).join(', ')}${shown.length > 10 ? ` und ${shown.length - 10} weitere` : ''} ${decidedList.length === 1 ? 'ist' : 'sind'} bereits beschlossen (siehe Sachverhalt) und ${decidedList.length === 1 ? 'wird' : 'werden'} nur nachrichtlich aufgeführt, nicht erneut beschlossen.`;
  }
  const out = [first];
  const fin = finance(data, open);
  const ids = new Set(open.map((m) => m.id));
  const order = data.priority ? 'in der Reihenfolge ihrer Priorität (Nutzwertanalyse, Anlage 3) ' : '';
  const adopted = adoptedYearsOf(data.docSettings, fin.years, data.snap.takenAt);
  const later = fin.years.filter((y) => !adopted.has(y) && fin.byYear[y].totalCents > 0);
  const now = fin.years.filter((y) => adopted.has(y) && fin.byYear[y].eigenanteilCents > 0);
  const sum = (ys: number[], get: (f: FinanceFigures) => number) => sumCents(ys.map((y) => get(fin.byYear[y])));
  const subject = decidedList.length ? 'die noch nicht beschlossenen Maßnahmen' : 'die Maßnahmen';
  if (open.length === 0) {
    out.push('Die Verwaltung wird beauftragt, die Umsetzung der bereits beschlossenen Maßnahmen fortzusetzen.');
  } else if (later.length > 0) {
    out.push(`Die Verwaltung wird beauftragt, ${subject} ${order}umzusetzen und die Mittel für ${yearsPhrase(later)} – Kosten ${formatCents(sum(later, (f) => f.totalCents))}, davon Eigenanteil des Kreises ${formatCents(sum(later, (f) => f.eigenanteilCents))} – in die Entwürfe der Haushaltspläne einzustellen.`);
  } else {
    out.push(`Die Verwaltung wird beauftragt, ${subject} ${order}umzusetzen.`);
  }
  if (now.length > 0) {
    out.push(`Für ${yearsPhrase(now)} (Haushalt bereits beschlossen) werden ${formatCents(sum(now, (f) => f.eigenanteilCents))} Eigenanteil des Kreises über- bzw. außerplanmäßig bereitgestellt; die Deckung ist unter „Finanzielle Auswirkungen“ dargestellt.`);
  }
  // Fördermittel not yet applied for (state geplant) are to be applied for; the rest is already under way.
  const toApply = sumCents(data.snap.budgetLines.filter((l) => ids.has(l.measureId) && l.fundingKind === 'foerdermittel' && l.state === 'geplant')
    .map((l) => splitLine(l).foerdermittelCents));
  if (toApply > 0) {
    out.push(`Die Verwaltung wird beauftragt, die noch nicht beantragten Fördermittel in Höhe von ${formatCents(toApply)} zu beantragen. Wird eine Förderung nicht bewilligt, wird die betroffene Maßnahme ${dativeOf(decider)} erneut zur Entscheidung vorgelegt.`);
  }
  out.push(`Die Verwaltung berichtet ${dativeOf(reporter)} einmal jährlich über den Stand der Umsetzung anhand der Erfolgsindikatoren der Maßnahmenblätter.`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The document

interface Ctx {
  data: VorlageData;
  r: ResolvedVorlage;
  measures: MeasureRow[];
  groups: { baustelle: Baustelle; measures: MeasureRow[] }[];
  fin: FinanceSummary;
  actors: Map<string, Actor>;
  items: Map<string, CatalogueItem>;
  baustelle: Map<string, Baustelle>;
  lines: Map<string, BudgetLine[]>;
  roles: Map<string, Map<Role, string[]>>;
  milestones: Map<string, Milestone[]>;
  indicators: Map<string, Indicator[]>;
  dependsOn: Map<string, string[]>;
  dependents: Map<string, string[]>;
  measureById: Map<string, MeasureRow>;
  hasScores: boolean;
  instance: number;
  nr: string;
  /** Measures already beschlossen → the Stand that records it (null: not festgeschrieben). */
  decided: Map<string, SnapshotInfo | null>;
  haushalt: Map<string, MeasureHaushalt>;
  adopted: Set<number>;
  /** "YYYY-Q" of the export: steps due before are overdue. */
  nowYear: number;
  nowQuarter: number;
  gender: DocumentSettings['genderForm'];
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V) {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

/** An actor as printed: its name and organisation unit; the contact person only when not anonymised. */
function actorLabel(ctx: Ctx, a: Actor | undefined, withContact: boolean): string {
  if (!a) return 'unbekannte Stelle';
  const unit = a.orgUnit.trim() && a.orgUnit.trim() !== a.name.trim() ? ` (${a.orgUnit.trim()})` : '';
  if (ctx.r.anonymise || !withContact) return `${a.name}${unit}`;
  const contact = [a.contactPerson.trim() && `Ansprechperson: ${a.contactPerson.trim()}`, a.contactDetails.trim() && `Kontakt: ${a.contactDetails.trim()}`].filter(Boolean).join(', ');
  return contact ? `${a.name}${unit} – ${contact}` : `${a.name}${unit}`;
}

/**
 * The data and settings of an anonymised Vorlage: every free-text field scanned for e-mail and web
 * addresses, phone numbers and the names of the plan's people (contact persons, Bearbeiter:in),
 * each replaced by "[entfernt]"; the findings say what was removed and where (for the preview).
 * Without anonymisation the input is returned unchanged and there are no findings.
 */
export function anonymiseVorlage(data: VorlageData, r: ResolvedVorlage): { data: VorlageData; r: ResolvedVorlage; findings: AnonymFinding[] } {
  if (!r.anonymise) return { data, r, findings: [] };
  const names = personNames([...data.snap.actors.map((a) => a.contactPerson), r.settings.kopf.bearbeiter]);
  const red = makeRedactor(names);
  const x = (text: string, where: string) => (text ? red.redact(text, where) : text);
  const selected = new Set(selectMeasures(data.snap.measures, r.selection).map((m) => m.id));
  const code = new Map(data.snap.measures.map((m) => [m.id, m.code]));
  const measures = data.snap.measures.map((m) => (selected.has(m.id) ? {
    ...m, title: x(m.title, `${m.code} Titel`), goal: x(m.goal, `${m.code} Ziel`), description: x(m.description, `${m.code} Beschreibung`),
    need: x(m.need, `${m.code} Bedarf`), ausgangslage: x(m.ausgangslage ?? '', `${m.code} Ausgangslage`), risks: x(m.risks ?? '', `${m.code} Risiken`),
  } : m));
  const milestones = data.milestones.map((ms) => (selected.has(ms.measureId) ? { ...ms, title: x(ms.title, `${code.get(ms.measureId)} Umsetzungsschritt`) } : ms));
  const indicators = data.indicators.map((i) => (selected.has(i.measureId) ? {
    ...i, name: x(i.name, `${code.get(i.measureId)} Indikator`), baseline: x(i.baseline, `${code.get(i.measureId)} Ausgangswert`),
    target: x(i.target, `${code.get(i.measureId)} Zielwert`), dataSource: x(i.dataSource, `${code.get(i.measureId)} Datenquelle`),
  } : i));
  const budgetLines = data.snap.budgetLines.map((l) => (selected.has(l.measureId) ? { ...l, programme: x(l.programme, `${code.get(l.measureId)} Förderprogramm`), note: x(l.note, `${code.get(l.measureId)} Notiz zur Budgetposition`) } : l));
  // Actors appear by name and organisation unit only; a person's name typed there is removed too.
  const actors = data.snap.actors.map((a) => ({ ...a, name: x(a.name, `Akteur ${a.name}`), orgUnit: x(a.orgUnit, `Akteur ${a.name}: Organisationseinheit`), contactPerson: '', contactDetails: '', notes: '' }));
  const k = r.settings.kopf;
  const settings = {
    ...r.settings,
    kopf: { ...k, bearbeiter: '', betreff: x(k.betreff, 'Betreff'), federfuehrung: x(k.federfuehrung, 'Federführung'), beteiligteAemter: k.beteiligteAemter.map((a) => x(a, 'Beteiligte Ämter')) },
    beschlussvorschlag: r.settings.beschlussvorschlag.map((p, i) => x(p, `Beschlussvorschlag, Punkt ${i + 1}`)),
    sachverhalt: x(r.settings.sachverhalt, 'Sachverhalt'),
    deckung: x(r.settings.deckung ?? '', 'Deckungsvorschlag'),
  };
  const profil = { sections: r.profil.sections.map((sec) => ({ ...sec, heading: x(sec.heading, `Überschrift ${sec.heading}`), text: x(sec.text, sec.heading) })) };
  return {
    data: { ...data, snap: { ...data.snap, measures, budgetLines, actors }, milestones, indicators },
    r: { ...r, settings, profil },
    findings: red.findings,
  };
}

function makeCtx(input: VorlageData, given: ResolvedVorlage): Ctx {
  const { data, r } = anonymiseVorlage(input, given);
  const measures = selectMeasures(data.snap.measures, r.selection);
  const actors = new Map(data.snap.actors.map((a) => [a.id, a]));
  const items = new Map<string, CatalogueItem>();
  const baustelle = new Map<string, Baustelle>();
  for (const b of data.snap.catalogue.baustellen) {
    baustelle.set(b.id, b);
    for (const i of [...b.grundmauern, ...b.fragen]) items.set(i.id, i);
  }
  const ids = new Set(measures.map((m) => m.id));
  const lines = new Map<string, BudgetLine[]>();
  for (const l of data.snap.budgetLines) if (ids.has(l.measureId)) push(lines, l.measureId, l);
  for (const list of lines.values()) list.sort((a, b) => a.year - b.year || a.costKind.localeCompare(b.costKind) || (a.id < b.id ? -1 : 1));
  const roles = new Map<string, Map<Role, string[]>>();
  for (const x of data.snap.responsibilities) {
    if (!ids.has(x.measureId)) continue;
    let byRole = roles.get(x.measureId);
    if (!byRole) roles.set(x.measureId, (byRole = new Map()));
    push(byRole, x.role, x.actorId);
  }
  const milestones = new Map<string, Milestone[]>();
  for (const m of data.milestones) if (ids.has(m.measureId)) push(milestones, m.measureId, m);
  const indicators = new Map<string, Indicator[]>();
  for (const i of data.indicators) if (ids.has(i.measureId)) push(indicators, i.measureId, i);
  const dependsOn = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const d of data.dependencies) {
    push(dependsOn, d.measureId, d.dependsOnId);
    push(dependents, d.dependsOnId, d.measureId);
  }
  const fin = finance(data, measures);
  // Every figure of the document comes from the same integer cents; for the whole plan they must
  // also equal the plan's own totals, or the export stops.
  if (r.selection.kind === 'all') {
    const t = data.snap.totals;
    const yearsOk = t.years.every((y) => (fin.byYear[y]?.totalCents ?? 0) === (t.byYear[String(y)] ?? 0));
    if (fin.total.totalCents !== t.totalCents || !yearsOk) {
      throw new AppError('export-inconsistent', 'Die Summen des Plans stimmen nicht überein; der Export wurde abgebrochen. Bitte den Plan mit „werkbank check“ prüfen.');
    }
  }
  const nr = safeText(r.settings.kopf.vorlagennummer).trim();
  return {
    data, r, measures, groups: orderMeasures(data, measures), fin, actors, items, baustelle, lines, roles, milestones, indicators,
    dependsOn, dependents, measureById: new Map(data.snap.measures.map((m) => [m.id, m])), hasScores: data.priority !== null, instance: 0, nr,
    decided: earlierDecisions(data, measures), haushalt: new Map(data.haushalt.map((h) => [h.measureId, h])),
    adopted: adoptedYearsOf(data.docSettings, fin.years, data.snap.takenAt), ...nowParts(data.snap.takenAt), gender: data.docSettings.genderForm,
  };
}

function nowParts(iso: string): { nowYear: number; nowQuarter: number } {
  const d = new Date(iso);
  const t = Number.isNaN(d.getTime()) ? new Date(0) : d;
  return { nowYear: t.getUTCFullYear(), nowQuarter: Math.floor(t.getUTCMonth() / 3) + 1 };
}

/** A step is overdue when its due quarter (or year) has passed and it is not done. */
function overdue(ctx: Ctx, m: Milestone): boolean {
  if (m.done || m.dueYear == null) return false;
  if (m.dueYear !== ctx.nowYear) return m.dueYear < ctx.nowYear;
  return m.dueQuarter != null && m.dueQuarter < ctx.nowQuarter;
}

const h1 = (s: string, pageBreakBefore = false) => rawPara(s, {}, { style: 'Heading1', keepLines: true, pageBreakBefore });
const h2 = (s: string, pageBreakBefore = false) => rawPara(s, {}, { style: 'Heading2', keepLines: true, pageBreakBefore });
const h3 = (s: string) => rawPara(s, {}, { style: 'Heading3', keepLines: true });
const note = (s: string) => rawPara(s, {}, { style: 'Hinweis' });
const bullet = (children: ReturnType<typeof linkify>, last: boolean) => para(children, { bullet: true, after: last ? 120 : 40 });

function money(c: number): string {
  return c === 0 ? DASH : formatCents(c);
}

function vorlageName(ctx: Ctx): string {
  const art = VORLAGEART_LABELS[ctx.r.settings.kopf.vorlageart];
  return ctx.nr ? `${art} ${ctx.nr}` : art;
}

/** A two-column table of labels and values (the Kopf, the Steckbrief of a Maßnahmenblatt). */
function keyValueTable(rows: [string, string][], labelWidth: number, width: number): FastTable {
  const widths = [labelWidth, width - labelWidth];
  return new FastTable(widths, rows.map(([k, v], i) => ({
    cells: [cell(k, widths[0], { bold: true, fill: 'EEF1F5', keep: i < rows.length - 1 }), cell(v, widths[1], { keep: i < rows.length - 1 })],
  })));
}

// ---- Vorlage ----

function kopf(ctx: Ctx): Block[] {
  const k = ctx.r.settings.kopf;
  const landkreis = safeText(ctx.data.snap.info.landkreis).trim() || 'Landkreis';
  const rows: [string, string][] = [
    ['Vorlagennummer', ctx.nr || 'wird vom Sitzungsdienst vergeben'],
    ['Vorlageart', VORLAGEART_LABELS[k.vorlageart]],
    ['Öffentlichkeit', k.oeffentlich ? 'öffentlich' : 'nichtöffentlich'],
    ['Datum', k.datum ? germanDate(`${k.datum}T12:00:00Z`, 'long') : DASH],
    ['Federführung', k.federfuehrung.trim() || DASH],
    ['Beteiligte Ämter', k.beteiligteAemter.map((a) => a.trim()).filter(Boolean).join('\n') || DASH],
    [term('bearbeiter', ctx.gender), ctx.r.anonymise ? 'entfällt (anonymisierte Fassung)' : k.bearbeiter.trim() || DASH],
    ['Produkt', k.produkt.trim() || DASH],
    ['Betreff', k.betreff.trim() || DASH],
  ];
  const out: Block[] = [
    text(landkreis, { bold: true, size: 28 }, { after: 240 }),
    para(runs(vorlageName(ctx)), { heading: HeadingLevel.TITLE }),
    keyValueTable(rows, 2400, PORTRAIT_WIDTH),
  ];
  if (ctx.r.anonymise) {
    out.push(note(`Anonymisierte Fassung: Namen und Kontaktdaten von Ansprechpersonen sowie der Name ${term('bearbeiterGen', ctx.gender)} sind entfernt; es erscheinen nur Organisationseinheiten. In allen Freitexten sind E-Mail- und Internetadressen, Telefonnummern und Namen von Personen durch „[entfernt]“ ersetzt.`));
  }
  return out;
}

function beratungsfolge(ctx: Ctx, heading: string): Block[] {
  const rows = ctx.r.settings.beratungsfolge;
  const out: Block[] = [h1(heading)];
  if (rows.length === 0) return [...out, text('Die Beratungsfolge ist noch nicht festgelegt.')];
  const pub = ctx.r.settings.kopf.oeffentlich;
  const dateW = textWidthTwips('Sitzungsdatum', TABLE_SIZE) + CELL_MARGIN.left + CELL_MARGIN.right + 120;
  const roleW = textWidthTwips('Kenntnisnahme', TABLE_SIZE) + CELL_MARGIN.left + CELL_MARGIN.right + 120;
  const pubW = textWidthTwips('nichtöffentlich', TABLE_SIZE) + CELL_MARGIN.left + CELL_MARGIN.right + 120;
  const widths = [dateW, PORTRAIT_WIDTH - dateW - roleW - pubW, roleW, pubW];
  out.push(new FastTable(widths, [
    headerRow(['Sitzungsdatum', 'Gremium', 'Zuständigkeit', 'Sitzung'], widths, 99, TABLE_SIZE, true),
    ...rows.map((b, i): RowSpec => ({
      cells: [
        cell(b.sitzungsdatum ? germanDateOf(b.sitzungsdatum) : 'noch offen', widths[0], { keep: i < rows.length - 1 }),
        cell(b.gremium, widths[1], { keep: i < rows.length - 1 }),
        cell(ZUSTAENDIGKEIT_LABELS[b.zustaendigkeit], widths[2], { keep: i < rows.length - 1 }),
        cell((b.oeffentlich ?? pub) ? 'öffentlich' : 'nichtöffentlich', widths[3], { keep: i < rows.length - 1 }),
      ],
    })),
  ]));
  return out;
}

function beschluss(ctx: Ctx, heading: string): Block[] {
  const instance = ++ctx.instance;
  const title = ctx.r.settings.kopf.vorlageart === 'informationsvorlage' ? `${heading} (Kenntnisnahme)` : heading;
  return [h1(title), ...ctx.r.settings.beschlussvorschlag.map((p) => numbered(p, instance, { style: 'Beschlusspunkt' }))];
}

function sachverhalt(ctx: Ctx, heading: string): Block[] {
  const { snap } = ctx.data;
  const src = snap.catalogue.source;
  const out: Block[] = [h1(heading)];
  const own = safeText(ctx.r.settings.sachverhalt).trim();
  if (own) for (const p of own.split(/\n{2,}/u)) out.push(linkPara(p.trim()));

  out.push(h2('Grundlage: Impulspapier „Das gemeinsame Wir in ländlichen Räumen“'));
  out.push(text(`Das Impulspapier „${inner(src.title)}. ${inner(src.subtitle)}“ (${src.publisher} und Universität Hildesheim, ${src.year}) beschreibt sieben Baustellen, an denen Kommunen den gesellschaftlichen Zusammenhalt vor Ort gemeinsam mit Politik, Zivilgesellschaft und den Menschen vor Ort weiterbauen können. Zu jeder Baustelle nennt es bewährte Empfehlungen („Grundmauern“) und „Fragen für den gemeinsamen Weiterbau“. Der Maßnahmenplan ist nach diesen Baustellen gegliedert; jede Maßnahme nennt die Grundmauern und Fragen, auf die sie antwortet.`));
  out.push(text(`Quelle: ${src.citation}`, { size: 18 }, { after: 160 }));

  const n = ctx.measures.length;
  const all = ctx.r.selection.kind === 'all';
  out.push(h2('Inhalt des Maßnahmenplans'));
  out.push(text(`${all ? 'Der Maßnahmenplan' : 'Diese Vorlage'} umfasst ${n} ${n === 1 ? 'Maßnahme' : 'Maßnahmen'} ${inBaustellen(ctx.groups.length)}${all ? '' : ` (Auswahl aus ${snap.measures.length} Maßnahmen des Plans)`}:`, {}, { keepNext: true }));
  ctx.groups.forEach((g, i) => {
    const cents = ctx.fin.byGroup[g.baustelle.id]?.totalCents ?? 0;
    out.push(bullet(runs(`Baustelle ${g.baustelle.number}: ${g.baustelle.shortTitle} – ${g.measures.length} ${g.measures.length === 1 ? 'Maßnahme' : 'Maßnahmen'}, ${formatCents(cents)}`), i === ctx.groups.length - 1));
  });
  const missing = snap.catalogue.baustellen.filter((b) => !ctx.groups.some((g) => g.baustelle.id === b.id));
  if (missing.length) out.push(text(`Ohne Maßnahme in dieser Vorlage: ${missing.map((b) => `Baustelle ${b.number} (${b.shortTitle})`).join(', ')}.`));
  const byStatus = MEASURE_STATUSES.map((s) => [s, ctx.measures.filter((m) => m.status === s).length] as const).filter(([, c]) => c > 0);
  out.push(text(`Stand der Maßnahmen: ${byStatus.map(([s, c]) => statusCount(s, c)).join(', ')}.`));

  // Earlier decisions: cited, not decided again.
  const decided = ctx.measures.filter((m) => ctx.decided.has(m.id));
  if (decided.length) {
    out.push(h2('Bereits beschlossene Maßnahmen'));
    out.push(text(`${count(decided.length, 'Maßnahme dieser Vorlage ist', 'Maßnahmen dieser Vorlage sind')} bereits beschlossen. Sie sind zur Vollständigkeit aufgeführt und nicht erneut Gegenstand des Beschlusses:`, {}, { keepNext: true }));
    const shown = [...decided].sort((a, b) => compareCodes(a.code, b.code));
    shown.slice(0, 30).forEach((m, i) => out.push(bullet(runs(`${m.code} ${m.title}: ${decisionCitation(ctx.decided.get(m.id) ?? null)}`), i === Math.min(shown.length, 30) - 1 && shown.length <= 30)));
    if (shown.length > 30) out.push(bullet(runs(`… und ${shown.length - 30} weitere (siehe Anlage 2)`), true));
  }

  // Overdue Umsetzungsschritte are flagged, so the committee sees them before deciding.
  const late = ctx.measures.flatMap((m) => (ctx.milestones.get(m.id) ?? []).filter((x) => overdue(ctx, x)).map((x) => ({ m, x })));
  if (late.length) {
    out.push(h2('Überfällige Umsetzungsschritte'));
    out.push(text(`${count(late.length, 'Umsetzungsschritt ist', 'Umsetzungsschritte sind')} überfällig (Termin verstrichen, nicht erledigt):`, {}, { keepNext: true }));
    late.slice(0, 20).forEach(({ m, x }, i) => out.push(bullet(runs(`${m.code}: „${inner(x.title)}“ – fällig ${x.dueQuarter ? `Q${x.dueQuarter}/${x.dueYear}` : x.dueYear}`), i === Math.min(late.length, 20) - 1 && late.length <= 20)));
    if (late.length > 20) out.push(bullet(runs(`… und ${late.length - 20} weitere (siehe Maßnahmenblätter)`), true));
  }

  out.push(h2('Priorisierung'));
  if (ctx.data.priority) {
    const c = ctx.data.priority.criteria;
    out.push(text(`Die Maßnahmen sind mit einer Nutzwertanalyse nach ${c.length} gewichteten Kriterien bewertet (${c.map((x) => `${x.name} ${x.weight} %`).join('; ')}). In Anlage 1 stehen sie je Baustelle in der Reihenfolge ihres Rangs${ctx.r.parts.anlage3 ? '; die Bewertung im Einzelnen zeigt Anlage 3' : ''}.`));
  } else {
    out.push(text('Eine Nutzwertanalyse liegt noch nicht vor. In Anlage 1 stehen die Maßnahmen je Baustelle in der Reihenfolge ihrer Nummer.'));
  }
  return out;
}

function changesSection(ctx: Ctx, d: SnapshotDiff, heading?: string): Block[] {
  const s = d.snapshot;
  const out: Block[] = [h1(heading && heading !== 'Änderungen seit dem letzten Beschluss' ? heading : `Änderungen seit ${s.name} (${germanDateOf(s.date)})`)];
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  out.push(text(`Verglichen wird der heutige Stand des Plans mit dem Stand, der ${s.gremium ? `für ${s.gremium} ` : ''}am ${germanDateOf(s.date)} festgeschrieben wurde (${n(s.measureCount, 'Maßnahme', 'Maßnahmen')}, ${formatCents(s.totalCents)}): `
    + `${n(d.added.length, 'Maßnahme ist', 'Maßnahmen sind')} neu, ${n(d.changed.length, 'ist', 'sind')} geändert, ${n(d.removed.length, 'ist', 'sind')} entfallen. `
    + `Die Gesamtkosten ${d.totals.deltaCents === 0 ? `bleiben bei ${formatCents(d.totals.afterCents)}` : `ändern sich von ${formatCents(d.totals.beforeCents)} auf ${formatCents(d.totals.afterCents)}`}.`));
  if (d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0) {
    out.push(text('Seit diesem Stand hat sich an den Maßnahmen nichts geändert.'));
    return out;
  }
  const widths = [1300, 3000, PORTRAIT_WIDTH - 4300];
  const rows: RowSpec[] = [headerRow(['Nr.', 'Maßnahme', 'Änderung'], widths, 99, TABLE_SIZE, true)];
  for (const m of d.added) rows.push({ cells: [cell(m.code, widths[0]), cell(m.title, widths[1]), cell(`neu aufgenommen (${MEASURE_STATUS_LABELS[m.status]}, ${formatCents(m.totalCents)})`, widths[2])] });
  for (const m of d.changed) {
    const lines = m.changes.map((c) => (c.field === 'cost'
      ? `Kosten: ${c.before} → ${c.after}${m.costByYear.length ? ` (${m.costByYear.map((y) => `${y.year}: ${formatCents(y.beforeCents)} → ${formatCents(y.afterCents)}`).join('; ')})` : ''}`
      : `${c.label}: ${c.before} → ${c.after}`));
    rows.push({ cells: [cell(m.code, widths[0]), cell(m.title, widths[1]), cell(lines.join('\n'), widths[2])] });
  }
  for (const m of d.removed) rows.push({ cells: [cell(m.code, widths[0]), cell(m.title, widths[1]), cell(`entfallen (war ${MEASURE_STATUS_LABELS[m.status]}, ${formatCents(m.totalCents)})`, widths[2])] });
  out.push(new FastTable(widths, rows));
  if (d.totals.byYear.length) {
    out.push(text(`Kosten je Jahr: ${d.totals.byYear.map((y) => `${y.year}: ${formatCents(y.beforeCents)} → ${formatCents(y.afterCents)}`).join('; ')}.`, {}, { before: 120 }));
  }
  if (ctx.r.selection.kind !== 'all') out.push(note('Die Änderungsliste bezieht sich auf den ganzen Plan, nicht nur auf die Maßnahmen dieser Vorlage.'));
  return out;
}

const FIN_COLUMNS: [string, (f: FinanceFigures) => number][] = [
  ['Gesamtkosten', (f) => f.totalCents],
  ['Fördermittel', (f) => f.foerdermittelCents],
  ['Drittmittel', (f) => f.drittmittelCents],
  ['Eigenmittel Dritter', (f) => f.eigenmittelDritterCents],
  ['Eigenanteil Kreis', (f) => f.eigenanteilCents],
];

/** Eigenanteil per measure and year of the Vorlage's measures. */
function ownByMeasureYear(ctx: Ctx): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const [id, lines] of ctx.lines) {
    const rec: Record<string, number> = {};
    for (const l of lines) rec[String(l.year)] = (rec[String(l.year)] ?? 0) + splitLine(l).eigenanteilCents;
    out.set(id, rec);
  }
  return out;
}

interface DeckungInfo { budgets: YearBudget[]; proposal: DeckungProposal | null; fixedOut: { m: MeasureRow; reason: string }[]; source: 'optimiser' | 'priority' | 'planner' | null }

function deckungOf(ctx: Ctx): DeckungInfo {
  const { fin } = ctx;
  const own = Object.fromEntries(fin.years.map((y) => [String(y), fin.byYear[y].eigenanteilCents]));
  const frames = new Map(ctx.data.frames.map((f) => [f.year, f.amountCents]));
  const years = [...new Set([...fin.years, ...ctx.data.frames.filter((f) => fin.years.length && f.year >= fin.years[0] && f.year <= fin.years.at(-1)!).map((f) => f.year)])].sort((a, b) => a - b);
  const budgets = yearBudgets(years, own, frames, ctx.adopted);
  const fixed = new Map(ctx.data.decisions.map((d) => [d.measureId, d]));
  const fixedOut = ctx.measures.filter((m) => fixed.get(m.id)?.fixed === 'out').map((m) => ({ m, reason: `Festlegung: nicht einplanen${fixed.get(m.id)!.reason.trim() ? ` – ${fixed.get(m.id)!.reason.trim()}` : ''}` }));
  const over = budgets.some((b) => b.leftCents !== null && b.leftCents < 0);
  if (!over) return { budgets, proposal: null, fixedOut, source: null };
  if (ctx.r.settings.deckung?.trim()) return { budgets, proposal: null, fixedOut, source: 'planner' };
  const ownBy = ownByMeasureYear(ctx);
  // Never proposed for deferral: measures already beschlossen or fixed in by the planner.
  const movable = ctx.measures.filter((m) => !ctx.decided.has(m.id) && fixed.get(m.id)?.fixed !== 'in');
  const rank = (m: MeasureRow) => ctx.data.priority?.byMeasure.get(m.id)?.rank ?? null;
  const worstFirst = (m: MeasureRow) => { const r = rank(m); return r === null ? -1e9 : -r; };
  let candidates: DeferralCandidate[];
  let source: DeckungInfo['source'];
  if (ctx.data.optimiserOut) {
    const out = new Map(ctx.data.optimiserOut.map((x) => [x.measureId, x.reason]));
    candidates = movable.filter((m) => out.has(m.id)).map((m) => ({ measureId: m.id, code: m.code, ownByYear: ownBy.get(m.id) ?? {}, order: worstFirst(m), reason: `Optimierung: ${out.get(m.id)}` }));
    source = 'optimiser';
  } else {
    candidates = movable.map((m) => ({ measureId: m.id, code: m.code, ownByYear: ownBy.get(m.id) ?? {}, order: worstFirst(m), reason: rank(m) === null ? 'ohne Rang in der Nutzwertanalyse' : `Rang ${rank(m)} der Nutzwertanalyse` }));
    source = 'priority';
  }
  return { budgets, proposal: proposeDeckung(budgets, candidates), fixedOut, source };
}

function moneyRow(label: string, values: number[], widths: number[], size: number, o: { bold?: boolean; fill?: string; keep?: boolean; signed?: boolean } = {}): RowSpec {
  return {
    cells: [
      cell(label, widths[0], { bold: o.bold, fill: o.fill, size, keep: o.keep }),
      ...values.map((v, i) => cell(o.signed ? signed(v) : money(v), widths[i + 1], { right: true, bold: o.bold, fill: o.fill, size, keep: o.keep })),
    ],
  };
}

/** "+1.234,56 €" / "−1.234,56 €" / "—". */
function signed(c: number): string {
  return c === 0 ? DASH : c > 0 ? `+${formatCents(c)}` : formatCents(c);
}

function rahmenSection(ctx: Ctx): Block[] {
  const d = deckungOf(ctx);
  const out: Block[] = [h2('Haushaltsrahmen und Deckung')];
  const withFrame = d.budgets.filter((b) => b.frameCents !== null);
  // Über-/außerplanmäßig is the money of measures not yet beschlossen in an adopted year (what is
  // beschlossen is in the adopted Haushalt already).
  const ownBy = ownByMeasureYear(ctx);
  const openOwn = (y: number) => sumCents(ctx.measures.filter((m) => !ctx.decided.has(m.id)).map((m) => ownBy.get(m.id)?.[String(y)] ?? 0));
  const adoptedYears = d.budgets.filter((b) => b.adopted && openOwn(b.year) > 0).map((b) => ({ ...b, requestedCents: openOwn(b.year) }));
  const laterYears = d.budgets.filter((b) => !b.adopted && b.requestedCents > 0);
  if (withFrame.length === 0) {
    out.push(text('Für die Haushaltsjahre dieser Vorlage ist kein Haushaltsrahmen festgelegt; die Kosten sind daher nicht gegen einen Rahmen geprüft.'));
  }
  const headers = ['Haushaltsjahr', 'Eigenanteil beantragt', 'Haushaltsrahmen', 'Differenz zum Rahmen'];
  const after = d.proposal?.afterByYear;
  if (after) headers.push('nach Deckungsvorschlag');
  const col = (get: (b: YearBudget) => string) => d.budgets.map(get);
  const cols = [
    [...col((b) => money(b.requestedCents)), formatCents(sumCents(d.budgets.map((b) => b.requestedCents)))],
    col((b) => (b.frameCents === null ? 'kein Rahmen' : formatCents(b.frameCents))),
    col((b) => (b.leftCents === null ? DASH : signed(b.leftCents))),
    ...(after ? [col((b) => (b.frameCents === null ? DASH : signed(b.frameCents - (after[String(b.year)] ?? 0))))] : []),
  ];
  const { widths, size } = moneyColumns(PORTRAIT_WIDTH, 1700, [], headers.slice(1), cols);
  const rows: RowSpec[] = [headerRow(headers, widths, 1, size, true)];
  for (const b of d.budgets) {
    const label = `${b.year}${b.adopted ? ' (Haushalt beschlossen)' : ' (Entwurf)'}`;
    rows.push({
      cells: [
        cell(label, widths[0], { size, keep: true }),
        cell(money(b.requestedCents), widths[1], { right: true, size, keep: true }),
        cell(b.frameCents === null ? 'kein Rahmen' : formatCents(b.frameCents), widths[2], { right: true, size, keep: true }),
        cell(b.leftCents === null ? DASH : signed(b.leftCents), widths[3], { right: true, size, keep: true, bold: (b.leftCents ?? 0) < 0 }),
        ...(after ? [cell(b.frameCents === null ? DASH : signed(b.frameCents - (after[String(b.year)] ?? 0)), widths[4], { right: true, size, keep: true })] : []),
      ],
    });
  }
  out.push(text('Eigenanteil des Kreises je Haushaltsjahr und Haushaltsrahmen', { bold: true }, { keepNext: true, after: 60 }));
  out.push(new FastTable(widths, rows));
  out.push(note('Differenz: + = im Rahmen frei, − = Rahmen überschritten. Eigenanteil: Kosten abzüglich Fördermittel, Drittmittel und Eigenmittel Dritter.'));

  const overYears = d.budgets.filter((b) => b.leftCents !== null && b.leftCents < 0);
  if (overYears.length) {
    const total = sumCents(overYears.map((b) => -(b.leftCents ?? 0)));
    out.push(text(`Der Haushaltsrahmen ist ${overYears.length === 1 ? `im Haushaltsjahr ${overYears[0].year}` : `in den Haushaltsjahren ${overYears.map((b) => b.year).join(', ')}`} um zusammen ${formatCents(total)} überschritten (${overYears.map((b) => `${b.year}: ${formatCents(-(b.leftCents ?? 0))}`).join('; ')}).`, { bold: true }, { before: 120 }));
  } else if (withFrame.length) {
    out.push(text('Der Eigenanteil hält in jedem Haushaltsjahr mit Rahmen den Haushaltsrahmen ein.', {}, { before: 120 }));
  }
  if (laterYears.length) {
    out.push(text(`In die Entwürfe der Haushaltspläne aufzunehmen: ${laterYears.map((b) => `${b.year}: ${formatCents(b.requestedCents)}`).join('; ')} (Eigenanteil).`));
  }
  if (adoptedYears.length) {
    out.push(text(`Über- bzw. außerplanmäßig (Haushalt bereits beschlossen): ${adoptedYears.map((b) => `${b.year}: ${formatCents(b.requestedCents)}`).join('; ')} (Eigenanteil der noch nicht beschlossenen Maßnahmen). Diese Mittel sind im beschlossenen Haushalt nicht veranschlagt und bedürfen einer Deckung.`));
  }

  const needsDeckung = overYears.length > 0 || adoptedYears.length > 0;
  if (needsDeckung) {
    out.push(h3('Deckungsvorschlag'));
    const own = safeText(ctx.r.settings.deckung ?? '').trim();
    if (own) {
      for (const p of own.split(/\n{2,}/u)) out.push(linkPara(p.trim()));
    } else if (d.proposal && d.proposal.deferred.length) {
      const p = d.proposal;
      out.push(text(`${d.source === 'optimiser' ? 'Nach der Optimierung (höchster Nutzwert innerhalb aller Haushaltsrahmen)' : 'Nach der Reihenfolge der Nutzwertanalyse (niedrigster Rang zuerst)'} wird vorgeschlagen, ${count(p.deferred.length, 'Maßnahme', 'Maßnahmen')} zurückzustellen${p.stillOver.length ? `; auch dann bleibt der Rahmen ${p.stillOver.join(', ')} überschritten und die Deckung ist von der Kämmerei anzugeben` : '; danach hält jedes Jahr seinen Rahmen ein'}. Bereits beschlossene und fest eingeplante Maßnahmen sind ausgenommen.`, {}, { keepNext: true }));
      const years = d.budgets.filter((b) => b.frameCents !== null).map((b) => String(b.year));
      const hdr = ['Maßnahme (Grund)', ...years];
      const colsD = years.map((y) => p.deferred.map((c) => money(c.ownByYear[y] ?? 0)));
      const lay = moneyColumns(PORTRAIT_WIDTH, 2400, [], years, colsD, [16, 15, 14]);
      const w = lay.widths;
      out.push(new FastTable(w, [
        headerRow(hdr, w, 1, lay.size, true),
        ...p.deferred.map((c, i): RowSpec => ({
          cells: [
            cell(`${c.code} ${ctx.measureById.get(c.measureId)?.title ?? ''}\n${c.reason}`, w[0], { size: lay.size, keep: i < p.deferred.length - 1 }),
            ...years.map((y, j) => cell(money(c.ownByYear[y] ?? 0), w[1 + j], { right: true, size: lay.size, keep: i < p.deferred.length - 1 })),
          ],
        })),
      ]));
      if (adoptedYears.length) out.push(note('Für die über- bzw. außerplanmäßigen Mittel im beschlossenen Haushaltsjahr benennt die Kämmerei die Deckung (Minderausgaben oder Mehreinnahmen an anderer Stelle).'));
    } else {
      out.push(text('Die Deckung ist von der Kämmerei vor der Beschlussfassung anzugeben (Minderausgaben oder Mehreinnahmen an anderer Stelle).', { bold: true }));
    }
  }
  if (d.fixedOut.length) {
    out.push(h3('Nicht eingeplante Maßnahmen'));
    d.fixedOut.forEach(({ m, reason }, i) => out.push(bullet(runs(`${m.code} ${m.title}: ${reason}`), i === d.fixedOut.length - 1)));
  }
  return out;
}

function haushaltSplitSection(ctx: Ctx): Block[] {
  const { fin } = ctx;
  const t = fin.total;
  const kons = (f: FinanceFigures) => f.byCostKind.personal + f.byCostKind.sachkosten;
  const inv = (f: FinanceFigures) => f.byCostKind.investition;
  const headers = ['Haushaltsjahr', 'konsumtiv (Ergebnis- haushalt)', 'investiv (Finanz- haushalt)', 'Summe'];
  const figs = [...fin.years.map((y) => fin.byYear[y]), t];
  const cols = [figs.map((f) => formatCents(kons(f))), figs.map((f) => formatCents(inv(f))), figs.map((f) => formatCents(f.totalCents))];
  const { widths, size } = moneyColumns(PORTRAIT_WIDTH, 1700, [], headers.slice(1), cols);
  const rows: RowSpec[] = [headerRow(headers, widths, 1, size, true)];
  for (const y of fin.years) rows.push(moneyRow(String(y), [kons(fin.byYear[y]), inv(fin.byYear[y]), fin.byYear[y].totalCents], widths, size, { keep: true }));
  rows.push(moneyRow('Summe', [kons(t), inv(t), t.totalCents], widths, size, { bold: true, fill: SUM_FILL }));
  return [
    h2('Ergebnis- und Finanzhaushalt'),
    text(`Konsumtiv (Personal- und Sachkosten; Aufwendungen im Ergebnishaushalt, zugleich Auszahlungen aus laufender Verwaltungstätigkeit im Finanzhaushalt): ${formatCents(kons(t))}. Investiv (Auszahlungen aus Investitionstätigkeit im Finanzhaushalt): ${formatCents(inv(t))}.`),
    new FastTable(widths, rows),
  ];
}

function folgekostenSection(ctx: Ctx): Block[] {
  const list = ctx.measures.map((m) => ({ m, h: ctx.haushalt.get(m.id) })).filter((x) => (x.h?.folgekostenCents ?? 0) > 0);
  const out: Block[] = [h2('Folgekosten')];
  if (list.length === 0) {
    out.push(text('Für die Maßnahmen dieser Vorlage sind keine Folgekosten nach dem Ende der Maßnahme oder ihrer Förderung angegeben.'));
    return out;
  }
  const total = sumCents(list.map((x) => x.h!.folgekostenCents));
  out.push(text(`Nach dem Ende der Maßnahme oder ihrer Förderung entstehen bei ${count(list.length, 'Maßnahme', 'Maßnahmen')} dauerhafte Folgekosten von zusammen ${formatCents(total)} jährlich, die der Kreis trägt:`, {}, { keepNext: true }));
  const headers = ['Maßnahme', 'ab Jahr', 'Folgekosten jährlich'];
  const lay = moneyColumns(PORTRAIT_WIDTH, 2500, [], headers.slice(1), [list.map((x) => String(x.h!.folgekostenAb ?? 'offen')), [...list.map((x) => formatCents(x.h!.folgekostenCents)), formatCents(total)]]);
  const rows: RowSpec[] = [headerRow(headers, lay.widths, 1, lay.size, true)];
  list.forEach(({ m, h }, i) => rows.push({
    cells: [
      cell(`${m.code} ${m.title}`, lay.widths[0], { size: lay.size, keep: i < list.length - 1 }),
      cell(h!.folgekostenAb == null ? 'offen' : String(h!.folgekostenAb), lay.widths[1], { right: true, size: lay.size, keep: i < list.length - 1 }),
      cell(formatCents(h!.folgekostenCents), lay.widths[2], { right: true, size: lay.size, keep: i < list.length - 1 }),
    ],
  }));
  rows.push({ cells: [cell('Summe jährlich', lay.widths[0] + lay.widths[1], { span: 2, bold: true, fill: SUM_FILL, size: lay.size }), cell(formatCents(total), lay.widths[2], { right: true, bold: true, fill: SUM_FILL, size: lay.size })] });
  out.push(new FastTable(lay.widths, rows));
  return out;
}

function stellenplanSection(ctx: Ctx, heading: string): Block[] {
  const list = ctx.measures.map((m) => ({ m, h: ctx.haushalt.get(m.id) })).filter((x) => x.h && Object.values(x.h.vzae).some((v) => v > 0));
  const out: Block[] = [h1(heading)];
  if (list.length === 0) {
    out.push(text('Die Maßnahmen dieser Vorlage haben keine Auswirkungen auf den Stellenplan; zusätzliche Stellen sind nicht angegeben.'));
    return out;
  }
  const years = [...new Set(list.flatMap((x) => Object.keys(x.h!.vzae)))].sort();
  const sumYear = (y: string) => list.reduce((a, x) => a + (x.h!.vzae[y] ?? 0), 0);
  const peak = Math.max(...years.map(sumYear));
  out.push(text(`${count(list.length, 'Maßnahme erfordert', 'Maßnahmen erfordern')} zusätzliches Personal, höchstens ${formatVzae(peak)} in einem Jahr (${years.map((y) => `${y}: ${formatVzae(sumYear(y))}`).join('; ')}). Die Stellen sind im Stellenplan ${ctx.adopted.size ? 'des jeweiligen Haushaltsjahres' : ''} auszuweisen; die Personalkosten sind in den Budgetpositionen (Kostenart Personal) enthalten.`.replace('  ', ' '), {}, { keepNext: true }));
  const headers = ['Maßnahme', 'Entgelt- gruppe', ...years];
  const cols = [list.map((x) => x.h!.entgeltgruppe || DASH), ...years.map((y) => [...list.map((x) => (x.h!.vzae[y] ? formatVzae(x.h!.vzae[y]) : DASH)), formatVzae(sumYear(y))])];
  const lay = moneyColumns(PORTRAIT_WIDTH, 2500, [], headers.slice(1), cols);
  const rows: RowSpec[] = [headerRow(headers, lay.widths, 2, lay.size, true)];
  list.forEach(({ m, h }, i) => rows.push({
    cells: [
      cell(`${m.code} ${m.title}`, lay.widths[0], { size: lay.size, keep: i < list.length - 1 }),
      cell(h!.entgeltgruppe || DASH, lay.widths[1], { size: lay.size, keep: i < list.length - 1 }),
      ...years.map((y, j) => cell(h!.vzae[y] ? formatVzae(h!.vzae[y]) : DASH, lay.widths[2 + j], { right: true, size: lay.size, keep: i < list.length - 1 })),
    ],
  }));
  rows.push({ cells: [cell('Summe', lay.widths[0] + lay.widths[1], { span: 2, bold: true, fill: SUM_FILL, size: lay.size }), ...years.map((y, j) => cell(formatVzae(sumYear(y)), lay.widths[2 + j], { right: true, bold: true, fill: SUM_FILL, size: lay.size }))] });
  out.push(new FastTable(lay.widths, rows));
  out.push(note('VZÄ: Vollzeitäquivalente (1 VZÄ = eine volle Stelle).'));
  return out;
}

/** An optional section whose text the planner writes (Klimarelevanz, Gleichstellung, Inklusion). */
function textSection(heading: string, value: string): Block[] {
  const v = safeText(value).trim();
  if (!v) return [];
  return [h1(heading), ...v.split(/\n{2,}/u).map((p) => linkPara(p.trim()))];
}

function financeSection(ctx: Ctx, heading: string): Block[] {
  const { fin } = ctx;
  const t = fin.total;
  const out: Block[] = [h1(heading)];
  if (t.totalCents === 0) {
    out.push(text('Für die Maßnahmen dieser Vorlage sind keine Kosten eingeplant.'));
    return out;
  }
  const span = fin.years.length === 1 ? `im Haushaltsjahr ${fin.years[0]}` : `in den Haushaltsjahren ${fin.years[0]} bis ${fin.years.at(-1)}`;
  out.push(text(`Die ${ctx.measures.length} Maßnahmen dieser Vorlage kosten ${span} insgesamt ${formatCents(t.totalCents)}. Davon trägt der Kreis ${formatCents(t.eigenanteilCents)} als Eigenanteil; ${formatCents(t.externalCents)} kommen aus Fördermitteln, Drittmitteln und Eigenmitteln Dritter.`));
  out.push(...rahmenSection(ctx));
  out.push(...haushaltSplitSection(ctx));
  out.push(h2('Eigenanteil und Fördermittel'));
  // Table by year and funding; every row and the sum row add up exactly (integer cents).
  for (const y of [...fin.years.map((yy) => fin.byYear[yy]), t]) {
    if (y.foerdermittelCents + y.drittmittelCents + y.eigenmittelDritterCents + y.eigenanteilCents !== y.totalCents) {
      throw new AppError('export-inconsistent', 'Die Aufteilung der Kosten geht nicht auf; der Export wurde abgebrochen. Bitte den Plan mit „werkbank check“ prüfen.');
    }
  }
  const figs = [...fin.years.map((y) => fin.byYear[y]), t];
  const { widths, size: fsize } = moneyColumns(PORTRAIT_WIDTH, 1500, [], FIN_COLUMNS.map(([l]) => l), FIN_COLUMNS.map(([, get]) => figs.map((f) => formatCents(get(f)))));
  const rows: RowSpec[] = [headerRow(['Haushaltsjahr', ...FIN_COLUMNS.map(([l]) => l)], widths, 1, fsize, true)];
  for (const y of fin.years) {
    const f = fin.byYear[y];
    rows.push({ cells: [cell(String(y), widths[0], { keep: true, size: fsize }), ...FIN_COLUMNS.map(([, get], i) => cell(money(get(f)), widths[i + 1], { right: true, keep: true, size: fsize }))] });
  }
  rows.push({ cells: [cell('Summe', widths[0], { bold: true, fill: SUM_FILL, size: fsize }), ...FIN_COLUMNS.map(([, get], i) => cell(formatCents(get(t)), widths[i + 1], { right: true, bold: true, fill: SUM_FILL, size: fsize }))] });
  out.push(text('Kosten und Finanzierung je Haushaltsjahr', { bold: true }, { keepNext: true, after: 60 }));
  out.push(new FastTable(widths, rows));
  out.push(note('Fördermittel sind mit der Förderquote auf volle Cent abgerundet; den Rest trägt der Kreis (vorsichtige Planung). „—“: kein Betrag.'));
  if (t.unsecuredExternalCents > 0) {
    out.push(text(`Noch nicht bewilligt sind ${formatCents(t.unsecuredExternalCents)} der Fördermittel, Drittmittel und Eigenmittel Dritter. Bis zur Bewilligung ist dieser Betrag ein Risiko für den Kreishaushalt.`, {}, { before: 120 }));
  }
  if (fin.warnings.length) {
    out.push(text('Hinweise zur Finanzierung', { bold: true }, { keepNext: true, before: 120, after: 60 }));
    const code = (id: string) => ctx.measureById.get(id)?.code ?? '';
    const shown = [...fin.warnings].sort((a, b) => compareCodes(code(a.measureId), code(b.measureId)) || a.year - b.year || a.lineIndex - b.lineIndex).slice(0, 15);
    shown.forEach((w, i) => out.push(bullet(runs(w.message), i === shown.length - 1 && fin.warnings.length <= 15)));
    if (fin.warnings.length > 15) out.push(bullet(runs(`… und ${fin.warnings.length - 15} weitere Hinweise (siehe Maßnahmenblätter).`), true));
  }

  // Costs per year by Baustelle: the chart (when chosen) and the same figures as a table.
  out.push(h2('Kosten je Haushaltsjahr und Baustelle'));
  const series = ctx.groups.map((g) => ({
    number: g.baustelle.number, shortTitle: g.baustelle.shortTitle,
    byYear: Object.fromEntries(fin.years.map((y) => [String(y), fin.byGroupYear[g.baustelle.id]?.[y]?.totalCents ?? 0])),
  }));
  if (ctx.r.parts.chart) {
    const caption = 'Abbildung: Kosten je Haushaltsjahr nach Baustellen (gestapelte Säulen; Muster und Nummer kennzeichnen die Baustelle)';
    const chart = costChart(fin.years, series, caption);
    out.push(new Paragraph({
      keepNext: true, alignment: AlignmentType.LEFT, spacing: { before: 120, after: 0 },
      children: [image(chart.png, chart.width * (PORTRAIT_WIDTH / 15 / chart.width), chart.height * (PORTRAIT_WIDTH / 15 / chart.width), { id: 1, name: 'Kostendiagramm', title: chart.title, description: chart.alt })],
    }));
    out.push(new Paragraph({ style: 'Bildunterschrift', children: runs(caption) }));
  }
  const years = fin.years.map(String);
  const yearCols = years.map((y) => [formatCents(fin.byYear[Number(y)].totalCents), ...ctx.groups.map((g) => money(fin.byGroupYear[g.baustelle.id]?.[Number(y)]?.totalCents ?? 0))]);
  const { widths: bw, size } = moneyColumns(PORTRAIT_WIDTH, 1600, [], [...years, 'Summe'], [...yearCols, [formatCents(t.totalCents)]], [16, 15, 14, 13]);
  const brows: RowSpec[] = [headerRow(['Baustelle', ...years, 'Summe'], bw, 1, size, true)];
  for (const g of ctx.groups) {
    const f = fin.byGroup[g.baustelle.id];
    brows.push({
      cells: [
        cell(`${g.baustelle.number} ${g.baustelle.shortTitle}`, bw[0], { size, keep: true }),
        ...years.map((y, i) => cell(money(fin.byGroupYear[g.baustelle.id]?.[Number(y)]?.totalCents ?? 0), bw[i + 1], { right: true, size, keep: true })),
        cell(formatCents(f?.totalCents ?? 0), bw[years.length + 1], { right: true, size, bold: true, keep: true }),
      ],
    });
  }
  brows.push({
    cells: [
      cell('Summe', bw[0], { bold: true, fill: SUM_FILL, size }),
      ...years.map((y, i) => cell(formatCents(fin.byYear[Number(y)].totalCents), bw[i + 1], { right: true, bold: true, fill: SUM_FILL, size })),
      cell(formatCents(t.totalCents), bw[years.length + 1], { right: true, bold: true, fill: SUM_FILL, size }),
    ],
  });
  out.push(text('Kosten je Haushaltsjahr und Baustelle (Zahlen zum Diagramm)', { bold: true }, { keepNext: true, after: 60, before: 60 }));
  out.push(new FastTable(bw, brows));
  out.push(...folgekostenSection(ctx));
  return out;
}

function anlagenList(ctx: Ctx, heading: string): Block[] {
  const list = anlagen(ctx);
  const out: Block[] = [h1(heading)];
  if (list.length === 0) return [...out, text('keine')];
  // The list stays together (and with its heading) on one page.
  list.forEach(([nr, title], i) => out.push(para(runs(`Anlage ${nr}: ${title}`), { bullet: true, after: i === list.length - 1 ? 120 : 40, keepNext: i < list.length - 1 })));
  return out;
}

function anlagen(ctx: Ctx): [number, string][] {
  const p = ctx.r.parts;
  const out: [number, string][] = [];
  if (p.anlage1) out.push([1, 'Maßnahmenplan – Übersicht nach Baustellen und Priorität']);
  if (p.anlage2) out.push([2, `Maßnahmenblätter (${ctx.measures.length})`]);
  if (p.anlage3 && ctx.hasScores) out.push([3, 'Nutzwertanalyse']);
  return out;
}

// ---- Anlage 1: Maßnahmenplan ----

function anlage1(ctx: Ctx): Block[] {
  const years = ctx.fin.years.map(String);
  const out: Block[] = [h1('Anlage 1: Maßnahmenplan')];
  out.push(text(`${ctx.measures.length} ${ctx.measures.length === 1 ? 'Maßnahme' : 'Maßnahmen'}, nach Baustellen gegliedert${ctx.hasScores ? ' und je Baustelle nach Rang der Nutzwertanalyse geordnet' : ' und je Baustelle nach Nummer geordnet'}; Kosten je Haushaltsjahr aus allen Budgetpositionen.`));
  const rank = (m: MeasureRow) => ctx.data.priority?.byMeasure.get(m.id)?.rank ?? null;
  const measureYear = (m: MeasureRow, y: string) => ctx.fin.byMeasureYear[m.id]?.[Number(y)]?.totalCents ?? 0;
  const groupYear = (b: string, y: string) => ctx.fin.byGroupYear[b]?.[Number(y)]?.totalCents ?? 0;
  const pad = CELL_MARGIN.left + CELL_MARGIN.right + 60;
  let layout: { widths: number[]; size: number } | null = null;
  for (const size of [16, 15, 14]) {
    const money = [...years.map((y) => [y, formatCents(ctx.fin.byYear[Number(y)].totalCents)]), ['Summe', formatCents(ctx.fin.total.totalCents)]]
      .map((col) => Math.max(...col.map((s) => textWidthTwips(s, size))) + pad);
    const fixed = [
      ...(ctx.hasScores ? [Math.round(700 * size / 16)] : []),
      Math.max(...ctx.measures.map((m) => textWidthTwips(safeText(m.code), size))) + pad,
      0, Math.round(2600 * size / 16), Math.round(1750 * size / 16), Math.round(1150 * size / 16),
    ];
    const rest = LANDSCAPE_WIDTH - fixed.reduce((a, b) => a + b, 0) - money.reduce((a, b) => a + b, 0);
    if (rest >= 2800 || size === 14) {
      fixed[ctx.hasScores ? 2 : 1] = Math.max(rest, 1800);
      layout = { widths: [...fixed, ...money], size };
      break;
    }
  }
  const { widths, size } = layout!;
  const lead = ctx.hasScores ? 6 : 5;
  const labels = [...(ctx.hasScores ? ['Rang'] : []), 'Nr.', 'Maßnahme', 'verantwortlich', 'Zeitraum', 'Status', ...years, 'Summe'];
  const leadWidth = widths.slice(0, lead).reduce((a, b) => a + b, 0);
  const rows: RowSpec[] = [headerRow(labels, widths, lead, size)];
  for (const g of ctx.groups) {
    const all = widths.reduce((a, b) => a + b, 0);
    rows.push({ cells: [cell(`Baustelle ${g.baustelle.number}: ${g.baustelle.shortTitle}`, all, { span: widths.length, bold: true, fill: GROUP_FILL, size, keep: true })] });
    g.measures.forEach((m, n) => {
      const r = rank(m);
      // The last measure of a Baustelle stays on the page of its sum row.
      const keep = n === g.measures.length - 1;
      rows.push({
        cells: [
          ...(ctx.hasScores ? [cell(r === null ? 'KO' : String(r), widths[0], { size, keep })] : []),
          cell(m.code, widths[lead - 5], { size, keep }),
          cell(m.title, widths[lead - 4], { size, keep }),
          cell(m.responsibleActorId ? actorLabel(ctx, ctx.actors.get(m.responsibleActorId), false) : DASH, widths[lead - 3], { size, keep }),
          cell(formatPeriod(m), widths[lead - 2], { size, keep }),
          cell(MEASURE_STATUS_LABELS[m.status] ?? m.status, widths[lead - 1], { size, keep }),
          ...years.map((y, i) => cell(money(measureYear(m, y)), widths[lead + i], { right: true, size, keep })),
          cell(money(ctx.fin.byMeasure[m.id]?.totalCents ?? 0), widths[lead + years.length], { right: true, size, bold: true, keep }),
        ],
      });
    });
    rows.push({
      cells: [
        cell(`Summe Baustelle ${g.baustelle.number}`, leadWidth, { span: lead, bold: true, fill: SUM_FILL, size }),
        ...years.map((y, i) => cell(money(groupYear(g.baustelle.id, y)), widths[lead + i], { right: true, bold: true, fill: SUM_FILL, size })),
        cell(formatCents(ctx.fin.byGroup[g.baustelle.id]?.totalCents ?? 0), widths[lead + years.length], { right: true, bold: true, fill: SUM_FILL, size }),
      ],
    });
  }
  const check = sumCents(ctx.measures.map((m) => ctx.fin.byMeasure[m.id]?.totalCents ?? 0));
  if (check !== ctx.fin.total.totalCents) throw new AppError('export-inconsistent', 'Die Summen des Plans stimmen nicht überein; der Export wurde abgebrochen.');
  rows.push({
    cells: [
      cell('Summe aller Maßnahmen', leadWidth, { span: lead, bold: true, fill: SUM_FILL, size }),
      ...years.map((y, i) => cell(formatCents(ctx.fin.byYear[Number(y)].totalCents), widths[lead + i], { right: true, bold: true, fill: SUM_FILL, size })),
      cell(formatCents(ctx.fin.total.totalCents), widths[lead + years.length], { right: true, bold: true, fill: SUM_FILL, size }),
    ],
  });
  out.push(new FastTable(widths, rows));
  out.push(note(`„—“: keine Angabe bzw. keine Kosten in diesem Jahr.${ctx.hasScores ? ' Rang 1 = höchster Nutzwert; „KO“: durch ein KO-Kriterium ausgeschlossen.' : ''}`));
  return out;
}

// ---- Anlage 2: Maßnahmenblätter ----

function roleLines(ctx: Ctx, m: MeasureRow): string {
  const byRole = ctx.roles.get(m.id);
  if (!byRole) return 'noch keine Zuständigkeit festgelegt';
  return ROLES.filter((r) => byRole.get(r)?.length).map((r) => {
    const names = byRole.get(r)!.map((id) => actorLabel(ctx, ctx.actors.get(id), r === 'verantwortlich' || r === 'federfuehrend'))
      .sort((a, b) => a.localeCompare(b, 'de'));
    return `${ROLE_LABELS[r]}: ${names.join('; ')}`;
  }).join('\n');
}

const sheetText = (children: ReturnType<typeof linkify>) => new Paragraph({ style: 'Blatttext', children });

function longText(label: string, value: string): Block[] {
  const v = safeText(value).trim();
  if (!v) return [h3(label), rawPara('keine Angabe', { italics: true }, { style: 'Blatttext' })];
  return [h3(label), ...v.split(/\n{2,}/u).map((p) => (hasLink(p) ? sheetText(linkify(p.trim())) : rawPara(p.trim(), {}, { style: 'Blatttext' })))];
}

function measureSheet(ctx: Ctx, m: MeasureRow, first: boolean): Block[] {
  const b = ctx.baustelle.get(m.baustelleId);
  const further = m.furtherBaustellenIds.map((id) => ctx.baustelle.get(id)).filter((x): x is Baustelle => x !== undefined);
  const p = ctx.data.priority?.byMeasure.get(m.id);
  const f = ctx.fin.byMeasure[m.id];
  const name = (id: string) => { const x = ctx.measureById.get(id); return x ? `${x.code} ${x.title}` : 'gelöschte Maßnahme'; };
  const needs = (ctx.dependsOn.get(m.id) ?? []).map(name).sort((a, c) => compareCodes(a, c));
  const enables = (ctx.dependents.get(m.id) ?? []).map(name).sort((a, c) => compareCodes(a, c));
  const deps = [needs.length ? `setzt voraus: ${needs.join('; ')}` : '', enables.length ? `ist Voraussetzung für: ${enables.join('; ')}` : ''].filter(Boolean).join('\n') || 'keine';
  const split = f ? [
    f.foerdermittelCents ? `Fördermittel ${formatCents(f.foerdermittelCents)}` : '', f.drittmittelCents ? `Drittmittel ${formatCents(f.drittmittelCents)}` : '',
    f.eigenmittelDritterCents ? `Eigenmittel Dritter ${formatCents(f.eigenmittelDritterCents)}` : '', `Eigenanteil Kreis ${formatCents(f.eigenanteilCents)}`,
  ].filter(Boolean).join(', ') : '';
  const rows: [string, string][] = [
    ['Nr.', m.code],
    ['Baustelle(n)', [b ? `Baustelle ${b.number}: ${b.shortTitle}` : m.baustelleId, ...further.map((x) => `Baustelle ${x.number}: ${x.shortTitle}`)].join('\n')],
    ['Status', MEASURE_STATUS_LABELS[m.status] ?? m.status],
    ['Laufzeit', `${formatPeriod(m)}${m.laufzeit ? ` – ${LAUFZEIT_LABELS[m.laufzeit]}` : ''}`],
    ['Zuständigkeiten', roleLines(ctx, m)],
    ['Kosten und Finanzierung', f ? `${formatCents(f.totalCents)}\ndavon ${split}` : 'keine Kosten eingeplant'],
    ['Abhängigkeiten', deps],
  ];
  if (p) rows.push(['Priorität', p.rank === null ? `durch KO-Kriterium ausgeschlossen (Nutzwert ${formatNutzwert(p.totalHalves)})` : `Rang ${p.rank} von ${ctx.data.priority!.rows.length} (Nutzwert ${formatNutzwert(p.totalHalves)} von 10)${p.complete ? '' : ', Bewertung unvollständig'}`]);
  const out: Block[] = [
    h2(`Maßnahmenblatt ${m.code}: ${m.title}`, !first),
    keyValueTable(rows, 2600, PORTRAIT_WIDTH),
    ...longText('Ziel', m.goal),
    ...longText('Ausgangslage', m.ausgangslage ?? ''),
    ...longText('Beschreibung', m.description),
    ...longText('Bedarf / wer profitiert', m.need),
  ];

  // Umsetzungsschritte with dates
  out.push(h3('Umsetzungsschritte'));
  const ms = ctx.milestones.get(m.id) ?? [];
  if (ms.length === 0) out.push(sheetText(runs('keine Angabe', { italics: true })));
  else {
    const w = [PORTRAIT_WIDTH - 1500 - 1300, 1500, 1300];
    out.push(new FastTable(w, [
      headerRow(['Schritt', 'Termin', 'Stand'], w, 99, TABLE_SIZE, true),
      ...ms.map((x, i): RowSpec => ({
        cells: [
          cell(x.title, w[0], { keep: i < ms.length - 1 }),
          cell(x.dueYear == null ? 'offen' : x.dueQuarter == null ? String(x.dueYear) : `Q${x.dueQuarter}/${x.dueYear}`, w[1], { keep: i < ms.length - 1 }),
          cell(x.done ? 'erledigt' : 'offen', w[2], { keep: i < ms.length - 1 }),
        ],
      })),
    ]));
  }

  // Kosten und Finanzierung
  out.push(h3('Budgetpositionen'));
  const lines = ctx.lines.get(m.id) ?? [];
  if (lines.length === 0) out.push(sheetText(runs('Für diese Maßnahme sind keine Kosten eingeplant.')));
  else {
    const total = f.totalCents;
    const amountW = Math.max(1450, textWidthTwips(formatCents(total), TABLE_SIZE) + 300);
    const w = [700, 1150, 0, 1200, amountW]; // Stand: "beantragt", "bewilligt" on one line, also in DejaVu Sans
    w[2] = PORTRAIT_WIDTH - w.reduce((a, c) => a + c, 0);
    const keep = lines.length <= 12;
    out.push(new FastTable(w, [
      headerRow(['Jahr', 'Kostenart', 'Finanzierung', 'Stand', 'Betrag'], w, 4, TABLE_SIZE, true),
      ...lines.map((l): RowSpec => ({
        cells: [
          cell(String(l.year), w[0], { keep }), cell(COST_KIND_LABELS[l.costKind] ?? l.costKind, w[1], { keep }),
          cell(financing(l), w[2], { keep }), cell(BUDGET_STATE_LABELS[l.state] ?? l.state, w[3], { keep }),
          cell(formatCents(l.amountCents), w[4], { right: true, keep }),
        ],
      })),
      { cells: [cell('Summe', w[0] + w[1] + w[2] + w[3], { span: 4, bold: true, fill: SUM_FILL }), cell(formatCents(total), w[4], { right: true, bold: true, fill: SUM_FILL })] },
    ]));
  }

  // Erfolgsindikatoren
  out.push(h3('Erfolgsindikatoren'));
  const ind = ctx.indicators.get(m.id) ?? [];
  if (ind.length === 0) out.push(sheetText(runs('keine Angabe', { italics: true })));
  else {
    // Wide enough for the bold heads in DejaVu Sans too ("Ausgangswert", "Zieljahr" must not break inside the word).
    const w = [0, 1750, 1350, 1050, 2050];
    w[0] = PORTRAIT_WIDTH - w.reduce((a, c) => a + c, 0);
    out.push(new FastTable(w, [
      headerRow(['Indikator', 'Ausgangswert', 'Zielwert', 'Zieljahr', 'Datenquelle'], w, 99, TABLE_SIZE, true),
      ...ind.map((x, i): RowSpec => ({
        cells: [
          cell(x.name, w[0], { keep: i < ind.length - 1 }), cell(x.baseline, w[1], { keep: i < ind.length - 1 }), cell(x.target, w[2], { keep: i < ind.length - 1 }),
          cell(x.targetYear == null ? '' : String(x.targetYear), w[3], { keep: i < ind.length - 1 }), cell(x.dataSource, w[4], { keep: i < ind.length - 1 }),
        ],
      })),
    ]));
  }

  out.push(...longText('Hemmnisse / Risiken', m.risks ?? ''));

  // Grundmauern / Fragen
  out.push(h3('Bezug zum Impulspapier: Grundmauern und Fragen'));
  const list = (ids: string[]) => ids.map((id) => ctx.items.get(id)).filter((i): i is CatalogueItem => i !== undefined);
  const gm = list(m.grundmauerIds);
  const fr = list(m.frageIds);
  if (gm.length === 0 && fr.length === 0) out.push(sheetText(runs('kein Bezug angegeben')));
  const itemBullets = (label: string, items: CatalogueItem[]) => {
    if (items.length === 0) return;
    out.push(new Paragraph({ style: 'Blatttext', keepNext: true, children: runs(label, { bold: true }) }));
    items.forEach((i, n) => out.push(bulletIn('Blatttext', [
      ...runs(inGenderForm(i.text, ctx.gender)),
      ...runs(` (${ACTOR_GROUP_LABELS[i.actorGroup] ?? i.actorGroup}${i.baustelleId === m.baustelleId ? '' : `, Baustelle ${ctx.baustelle.get(i.baustelleId)?.number ?? '?'}`})`, { color: '404040' }),
    ], { after: n === items.length - 1 ? 80 : 20 })));
  };
  itemBullets('Grundmauern', gm);
  itemBullets('Fragen für den gemeinsamen Weiterbau', fr);
  return out;
}

function anlage2(ctx: Ctx): Block[] {
  const out: Block[] = [h1('Anlage 2: Maßnahmenblätter')];
  out.push(text(`Je Maßnahme ein Blatt, in derselben Reihenfolge wie Anlage 1 (${ctx.measures.length} ${ctx.measures.length === 1 ? 'Blatt' : 'Blätter'}).`));
  let first = true;
  for (const g of ctx.groups) for (const m of g.measures) { out.push(...measureSheet(ctx, m, first)); first = false; }
  return out;
}

// ---- Anlage 3: Nutzwertanalyse ----

function anlage3(ctx: Ctx): Block[] {
  const pr = ctx.data.priority!;
  const out: Block[] = [h1('Anlage 3: Nutzwertanalyse')];
  out.push(text(`Jede Maßnahme ist je Kriterium mit 0 bis 10 Punkten bewertet (bei zwei Bewertenden gilt der Mittelwert); der Nutzwert ist die mit den Gewichten (zusammen 100 %) gewichtete Summe, umgerechnet auf 0 bis 10. Ein fehlender Wert zählt 0. Maßnahmen mit gleichem Nutzwert teilen sich einen Rang.`));
  out.push(h2('Kriterien und Gewichte'));
  const cw = [3600, 0, 1000, 900];
  cw[1] = LANDSCAPE_WIDTH - cw.reduce((a, b) => a + b, 0);
  out.push(new FastTable(cw, [
    headerRow(['Kriterium', 'Beschreibung', 'Gewicht', 'KO'], cw, 2, TABLE_SIZE, true),
    ...pr.criteria.map((c, i): RowSpec => ({
      cells: [
        cell(c.name, cw[0], { keep: i < pr.criteria.length - 1 }), cell(inGenderForm(c.description, ctx.gender), cw[1], { keep: i < pr.criteria.length - 1 }),
        cell(`${c.weight} %`, cw[2], { right: true, keep: i < pr.criteria.length - 1 }), cell(c.ko ? `ja (ab ${c.koThreshold ?? 1})` : 'nein', cw[3], { right: true, keep: i < pr.criteria.length - 1 }),
      ],
    })),
  ]));
  out.push(h2('Bewertung und Rang'));
  const selected = new Set(ctx.measures.map((m) => m.id));
  const rows = pr.rows.filter((r) => selected.has(r.measureId));
  const size = pr.criteria.length > 8 ? 14 : 16;
  const crit = pr.criteria.map((c) => Math.max(900, textWidthTwips(`K${pr.criteria.indexOf(c) + 1} (${c.weight} %)`, size) + CELL_MARGIN.left + CELL_MARGIN.right + 40));
  const sw = [700, Math.max(...ctx.measures.map((m) => textWidthTwips(m.code, size))) + 300, 0, ...crit, 1100];
  sw[2] = Math.max(2200, LANDSCAPE_WIDTH - sw.reduce((a, b) => a + b, 0));
  const trs: RowSpec[] = [headerRow(['Rang', 'Nr.', 'Maßnahme', ...pr.criteria.map((c, i) => `K${i + 1} (${c.weight} %)`), 'Nutzwert'], sw, 3, size)];
  for (const r of rows) {
    const m = ctx.measureById.get(r.measureId)!;
    trs.push({
      cells: [
        cell(r.rank === null ? 'KO' : String(r.rank), sw[0], { size }), cell(m.code, sw[1], { size }), cell(m.title, sw[2], { size }),
        ...r.teilnutzen.map((t, i) => cell(t.score === null ? DASH : String(t.score).replace('.', ','), sw[3 + i], { right: true, size })),
        cell(formatNutzwert(r.totalHalves), sw[3 + pr.criteria.length], { right: true, bold: true, size }),
      ],
    });
  }
  out.push(new FastTable(sw, trs));
  out.push(note(`Kriterien: ${pr.criteria.map((c, i) => `K${i + 1} = ${c.name}`).join('; ')}. „—“: nicht bewertet (zählt 0); „KO“: durch ein KO-Kriterium ausgeschlossen. Der Rang ist über alle Maßnahmen des Plans ermittelt.`));
  return out;
}

// ---------------------------------------------------------------------------------------------

function header(ctx: Ctx, width: number, anlage: string | null): Header {
  const k = ctx.r.settings.kopf;
  const landkreis = safeText(ctx.data.snap.info.landkreis).trim() || 'Landkreis';
  const left = anlage ? `${anlage} zur ${vorlageName(ctx)}` : vorlageName(ctx);
  return new Header({
    children: [new Paragraph({
      style: 'Kopfzeile', tabStops: [{ type: TabStopType.RIGHT, position: width }],
      children: [
        new TextRun({ text: `${landkreis} · ${left}` }),
        new TextRun({ text: `\t${k.oeffentlich ? 'öffentlich' : 'NICHTÖFFENTLICH'}`, bold: !k.oeffentlich }),
      ],
    })],
  });
}

function footer(ctx: Ctx, width: number): Footer {
  const k = ctx.r.settings.kopf;
  const when = k.datum ? germanDateOf(k.datum) : germanDate(ctx.data.snap.takenAt, 'medium');
  return new Footer({
    children: [new Paragraph({
      style: 'Kopfzeile', tabStops: [{ type: TabStopType.RIGHT, position: width }],
      children: [
        new TextRun({ text: `${vorlageName(ctx)} vom ${when}${ctx.r.anonymise ? ' – anonymisierte Fassung' : ''}` }),
        new TextRun({ children: ['\tSeite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES] }),
      ],
    })],
  });
}

/** One section of the Vorlage as the profile orders and names it. */
function vorlageSection(ctx: Ctx, id: VorlageSectionId, heading: string, sectionText: string): Block[] {
  switch (id) {
    case 'beratungsfolge': return beratungsfolge(ctx, heading);
    case 'beschlussvorschlag': return beschluss(ctx, heading);
    case 'sachverhalt': return sachverhalt(ctx, heading);
    case 'aenderungen': return ctx.r.changes ? changesSection(ctx, ctx.r.changes, heading) : [];
    case 'finanzen': return financeSection(ctx, heading);
    case 'stellenplan': return stellenplanSection(ctx, heading);
    case 'anlagen': return anlagenList(ctx, heading);
    default: return TEXT_SECTIONS.includes(id) ? textSection(heading, sectionText) : [];
  }
}

export async function buildVorlageDocx(data: VorlageData, r: ResolvedVorlage): Promise<Uint8Array> {
  const ctx = makeCtx(data, r);
  const k = r.settings.kopf;
  const portrait = { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: PORTRAIT_MARGIN };
  const landscape = { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: LANDSCAPE_MARGIN };
  const section = (children: Block[], wide: boolean, anlage: string | null): ISectionOptions => ({
    properties: { page: wide ? landscape : portrait },
    headers: { default: header(ctx, wide ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH, anlage) },
    footers: { default: footer(ctx, wide ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH) },
    children,
  });
  const sections: ISectionOptions[] = [];
  if (r.parts.vorlage) {
    const body: Block[] = [...kopf(ctx)];
    for (const sec of ctx.r.profil.sections) {
      if (!sec.enabled) continue;
      body.push(...vorlageSection(ctx, sec.id, safeText(sec.heading).trim() || sec.id, sec.text));
    }
    sections.push(section(body, false, null));
  } else if (r.changes) {
    sections.push(section(changesSection(ctx, r.changes), false, null));
  }
  if (r.parts.anlage1) sections.push(section(anlage1(ctx), true, 'Anlage 1'));
  if (r.parts.anlage2) sections.push(section(anlage2(ctx), false, 'Anlage 2'));
  if (r.parts.anlage3 && ctx.hasScores) sections.push(section(anlage3(ctx), true, 'Anlage 3'));
  if (sections.length === 0) throw new AppError('invalid', 'Die gewählten Teile ergeben kein Dokument (Anlage 3 gibt es erst mit einer Nutzwertanalyse).');

  const landkreis = safeText(data.snap.info.landkreis).trim();
  const src = data.snap.catalogue.source;
  const meta = {
    title: safeText(k.betreff).trim() || safeText(data.snap.info.title) || 'Sitzungsvorlage',
    subject: `${vorlageName(ctx)}${landkreis ? ` – ${landkreis}` : ''}`,
    description: `${vorlageName(ctx)}${landkreis ? ` ${genitiveOfKreis(landkreis)}` : ''} (${k.oeffentlich ? 'öffentlich' : 'nichtöffentlich'}${r.anonymise ? ', anonymisiert' : ''}) zu „${inner(safeText(data.snap.info.title))}“ mit ${ctx.measures.length} Maßnahmen, gegliedert nach den sieben Baustellen des Impulspapiers „${inner(safeText(src.title))}“ (${safeText(src.publisher)}, ${src.year}).`,
    keywords: 'Sitzungsvorlage; Kreistag; Maßnahmenplan; Zusammenhalt; Impulspapier',
    creator: 'Zusammenhalt-Werkbank',
  };
  const doc = new Document({
    title: meta.title, subject: meta.subject, creator: meta.creator, description: meta.description, keywords: meta.keywords,
    lastModifiedBy: meta.creator, styles: documentStyles(), numbering: numberingConfig(), sections,
  });
  return fixZipTimes(packDocx(doc, [{ path: 'docProps/core.xml', data: coreXmlFor(meta, data.snap.takenAt) }]), data.snap.takenAt);
}

/** "Sitzungsvorlage VO-2026-045.docx": safe on every file system. */
export function vorlageFileName(data: VorlageData, r: ResolvedVorlage): string {
  const nr = safeText(r.settings.kopf.vorlagennummer).trim();
  const base = nr ? `Sitzungsvorlage ${nr}` : `Sitzungsvorlage ${data.snap.info.fileName.replace(/\.wirplan$/u, '')}`;
  // oxlint-disable-next-line no-control-regex -- file names must not contain control characters
  const clean = base.replace(/[\\/:*?"<>|\u0000-\u001f]+/gu, '-').replace(/\s+/gu, ' ').trim().slice(0, 150);
  return `${clean}${r.anonymise ? ' (anonymisiert)' : ''}.docx`;
}
