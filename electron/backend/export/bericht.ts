// The Sachstandsbericht: a Mitteilungsvorlage for the committee ("zur Kenntnis", no
// Beschlussvorschlag) on the Umsetzung of the Maßnahmenplan at a Stichtag. Sections: Stand der
// Umsetzung (status counts, Ampel per Baustelle and per measure), Mittelabfluss (Soll / Ist per
// year and Baustelle, Fördermittel bewilligt vs abgerufen), Indikatoren (table and a chart each),
// Verzögerungen und Hemmnisse, Änderungen seit dem letzten Bericht, Ausblick.
//
// Same rules as the Sitzungsvorlage: heading styles, table header rows, de-DE, alt text on every
// chart, Ampel always as symbol and word, user text only as text. Anonymised: no person names
// (Ansprechpersonen, Bearbeiter:in, who set an Ampel) reach the document; only organisation units.
// Every euro figure is summed from the same integer cents as the plan; the export stops when the
// plan's own totals disagree.
import {
  AlignmentType, Document, Footer, Header, HeadingLevel, PageNumber, PageOrientation, Paragraph, TabStopType, TextRun,
} from 'docx';
import {
  AMPEL_LABELS, AMPEL_ORDER, AMPEL_SYMBOLS, ampelText, formatNumber, germanDay, parseIndicatorNumber, quarterEnd, type Ampel,
  type BerichtExportOptions, type SteuerungOverview, type SteuerungRow,
} from '../../../shared/domain/monitoring.ts';
import { MEASURE_STATUS_LABELS, MEASURE_STATUSES } from '../../../shared/domain/enums.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { statusCount } from '../../../shared/domain/plural.ts';
import { compareCodes } from '../../../shared/domain/nutzwert.ts';
import { diffSnapshot } from '../../../shared/domain/snapshot-diff.ts';
import type { SnapshotDiff } from '../../../shared/domain/vorlage.ts';
import { AppError } from '../errors.ts';
import { computeTotals } from '../repos/budget.ts';
import { getMeta } from '../repos/meta.ts';
import { lastBericht, loadSteuerung, readMonitoringData, type MonitoringData } from '../repos/monitoring-state.ts';
import { currentContent, getSnapshotRow, snapshotContent, snapshotInfo } from '../repos/snapshots.ts';
import type { Session } from '../session.ts';
import { bulletIn, coreXmlFor, documentStyles, image, linkify, moneyColumns, numberingConfig } from './docx-parts.ts';
import { makeRedactor, personNames, type AnonymFinding } from '../../../shared/domain/anonymise.ts';
import {
  A4, type Block, cell, DASH, FastTable, fixZipTimes, headerRow, packDocx, para, PORTRAIT_MARGIN, PORTRAIT_WIDTH, type RowSpec, runs, safeText,
  SUM_FILL, TABLE_SIZE, text,
} from './docx.ts';
import { indicatorChart } from './indicator-chart.ts';

export interface BerichtData {
  overview: SteuerungOverview;
  data: MonitoringData;
  diff: SnapshotDiff | null;
  title: string;
  landkreis: string;
  takenAt: string;
  gremium: string;
  anonymise: boolean;
  predecessor: { title: string; period: string } | null;
  /** Plan totals (computeTotals) the document is checked against. */
  planTotalCents: number;
  planByYear: Record<string, number>;
}

/** Everything the Bericht shows, read in one transaction. */
export function loadBerichtData(s: Session, o: BerichtExportOptions, stichtag: string): BerichtData {
  const db = s.db;
  return db.transaction(() => {
    const now = s.ctx.now();
    const overview = loadSteuerung(db, stichtag, now, o.sinceBerichtId);
    const since = lastBericht(db, o.sinceBerichtId);
    const snap = since?.snapshotId ? getSnapshotRow(db, since.snapshotId) : undefined;
    const diff = snap ? diffSnapshot(snapshotInfo(snap), snapshotContent(snap), currentContent(db, now)) : null;
    const totals = computeTotals(db);
    const committee = (db.prepare("SELECT name FROM actors WHERE kind = 'kreistag' AND name <> 'Kreistag' ORDER BY name LIMIT 1").get() as { name: string } | undefined)?.name;
    const predecessorTitle = getMeta(db, 'predecessor_title');
    return {
      overview, data: readMonitoringData(db, stichtag), diff,
      title: getMeta(db, 'title') ?? '', landkreis: getMeta(db, 'landkreis') ?? '', takenAt: now,
      gremium: o.gremium?.trim() || committee?.replace(/^Kreistag\s*[–-]\s*/u, '').trim() || 'Kreistag',
      anonymise: o.anonymise ?? false,
      predecessor: predecessorTitle ? { title: predecessorTitle, period: getMeta(db, 'predecessor_period') ?? '' } : null,
      planTotalCents: totals.totalCents, planByYear: totals.byYear,
    };
  })();
}

/** Column heads of the Ampel table, with soft hyphens so narrow columns break between syllables. */
const HEAD_LABELS: Record<Ampel, string> = {
  'im-plan': 'im Plan', gefaehrdet: 'gefährdet', verzoegert: 'verzögert', abgeschlossen: 'abge\u00adschlossen',
  'nicht-begonnen': 'nicht be\u00adgonnen', zurueckgestellt: 'zurück\u00adgestellt',
};

const h1 = (s: string, pageBreakBefore = false) => para(runs(s), { heading: HeadingLevel.HEADING_1, pageBreakBefore });
const h2 = (s: string) => para(runs(s), { heading: HeadingLevel.HEADING_2 });
const note = (s: string) => new Paragraph({ style: 'Hinweis', children: runs(s) });
const bullet = (s: string, last: boolean) => bulletIn('ListParagraph', linkify(s), { after: last ? 120 : 40 });
const pct = (part: number, whole: number) => (whole > 0 ? `${Math.floor((part * 100) / whole)} %` : DASH);
const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

function inner(s: string): string {
  return s.replaceAll('„', '‚').replaceAll('“', '‘');
}

/** "Maßnahmenplan „X“", or the title itself when it already says Maßnahmenplan. */
function planNoun(title: string): string {
  return /^maßnahmenplan\b/iu.test(title) ? title : `Maßnahmenplan „${inner(title)}“`;
}

interface Sums { years: number[]; sollByYear: Map<number, number>; istByYear: Map<number, number>; soll: number; ist: number }

/** Soll/Ist per year, summed from the rows once; every table below takes its figures from here. */
function sums(d: BerichtData): Sums {
  const sollByYear = new Map<number, number>();
  const istByYear = new Map<number, number>();
  for (const r of d.overview.rows) {
    for (const [y, c] of Object.entries(r.sollByYear)) sollByYear.set(Number(y), (sollByYear.get(Number(y)) ?? 0) + c);
    for (const [y, c] of Object.entries(r.istByYear)) istByYear.set(Number(y), (istByYear.get(Number(y)) ?? 0) + c);
  }
  const years = [...new Set([...sollByYear.keys(), ...istByYear.keys()])].sort((a, b) => a - b);
  let soll = 0;
  for (const v of sollByYear.values()) soll += v;
  let ist = 0;
  for (const v of istByYear.values()) ist += v;
  // Same figures as the plan, to the cent, or no document.
  const yearsOk = Object.entries(d.planByYear).every(([y, c]) => (sollByYear.get(Number(y)) ?? 0) === c) && [...sollByYear].every(([y, c]) => (d.planByYear[String(y)] ?? 0) === c);
  if (soll !== d.planTotalCents || !yearsOk) {
    throw new AppError('export-inconsistent', 'Die Summen des Plans stimmen nicht überein; der Bericht wurde nicht erstellt. Bitte den Plan mit „werkbank check“ prüfen.');
  }
  return { years, sollByYear, istByYear, soll, ist };
}

function keyValue(rows: [string, string][]): FastTable {
  const w = [2400, PORTRAIT_WIDTH - 2400];
  return new FastTable(w, rows.map(([k, v], i) => ({ cells: [cell(k, w[0], { bold: true, fill: 'EEF1F5', keep: i < rows.length - 1 }), cell(v, w[1], { keep: i < rows.length - 1 })] })));
}

function kopf(d: BerichtData): Block[] {
  const st = germanDay(d.overview.stichtag);
  const title = safeText(d.title).trim() || 'Maßnahmenplan';
  const responsible = d.overview.byActor.filter((g) => g.key !== '').sort((a, b) => b.measureCount - a.measureCount)[0]?.label ?? DASH;
  const out: Block[] = [
    text(safeText(d.landkreis).trim() || 'Landkreis', { bold: true, size: 28 }, { after: 240 }),
    para(runs('Mitteilungsvorlage'), { heading: HeadingLevel.TITLE }),
    keyValue([
      ['Vorlageart', 'Mitteilungsvorlage (zur Kenntnis)'],
      ['Öffentlichkeit', 'öffentlich'],
      ['Stichtag', st],
      ['Federführung', responsible],
      ['Bearbeiter:in', d.anonymise ? 'entfällt (anonymisierte Fassung)' : DASH],
      ['Betreff', `Sachstandsbericht zum ${planNoun(title)} – Stand ${st}`],
    ]),
    h1('Beratungsfolge'),
  ];
  const w = [2000, PORTRAIT_WIDTH - 4400, 2400];
  out.push(new FastTable(w, [headerRow(['Sitzungsdatum', 'Gremium', 'Zuständigkeit'], w, 99, TABLE_SIZE, true), { cells: [cell('noch offen', w[0]), cell(d.gremium, w[1]), cell('Kenntnisnahme', w[2])] }]));
  out.push(h1('Mitteilung'));
  out.push(text(`Die Verwaltung berichtet zum Stichtag ${st} über den Stand der Umsetzung; Gegenstand ist der ${planNoun(title)}. Der Bericht wird zur Kenntnis gegeben; ein Beschluss ist nicht erforderlich.`));
  if (d.predecessor) out.push(text(`Der Plan schreibt den ${planNoun(d.predecessor.title)}${d.predecessor.period ? ` (${d.predecessor.period})` : ''} fort.`));
  out.push(note(`Die Ampel einer Maßnahme wird aus Terminen, Mittelabfluss und Indikatoren abgeleitet (Zeichen und Wort, nie nur Farbe): ${AMPEL_ORDER.map((a) => ampelText(a)).join(', ')}. Wo die Verwaltung die Ampel begründet von Hand gesetzt hat, ist das vermerkt.`));
  if (d.anonymise) out.push(note('Anonymisierte Fassung: Namen von Personen sind entfernt; es erscheinen nur Organisationseinheiten. Freitexte (Hemmnisse, Begründungen) sind unverändert übernommen.'));
  return out;
}

function stand(d: BerichtData): Block[] {
  const o = d.overview;
  const rows = o.rows;
  const out: Block[] = [h1('Stand der Umsetzung')];
  const byStatus = MEASURE_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, c]) => c > 0);
  out.push(text(`Der Plan umfasst ${n(rows.length, 'Maßnahme', 'Maßnahmen')}: ${byStatus.map(([s, c]) => statusCount(c, MEASURE_STATUS_LABELS[s])).join(', ') || 'keine'}. `
    + `Ampel: ${AMPEL_ORDER.filter((a) => o.totals.counts[a] > 0).map((a) => `${o.totals.counts[a]} ${AMPEL_LABELS[a]}`).join(', ') || 'keine'}.`));
  out.push(h2('Ampel je Baustelle'));
  const shown = AMPEL_ORDER;
  const w = [PORTRAIT_WIDTH - 900 - shown.length * 1000, 900, ...shown.map(() => 1000)];
  const t: RowSpec[] = [headerRow(['Baustelle', 'Maßn.', ...shown.map((a) => `${AMPEL_SYMBOLS[a]} ${HEAD_LABELS[a]}`)], w, 1, 16, true)];
  for (const g of o.byBaustelle) t.push({ cells: [cell(g.label, w[0], { size: 16 }), cell(String(g.measureCount), w[1], { right: true, size: 16 }), ...shown.map((a, i) => cell(String(g.counts[a]), w[2 + i], { right: true, size: 16 }))] });
  t.push({ cells: [cell('Summe', w[0], { bold: true, fill: SUM_FILL, size: 16 }), cell(String(rows.length), w[1], { right: true, bold: true, fill: SUM_FILL, size: 16 }), ...shown.map((a, i) => cell(String(o.totals.counts[a]), w[2 + i], { right: true, bold: true, fill: SUM_FILL, size: 16 }))] });
  out.push(new FastTable(w, t));

  out.push(h2('Maßnahmen im Einzelnen'));
  // Status and Ampel share a cell: four cells a row keep a 5,000-measure plan's document small.
  const mw = [1000, 0, 2300, 2300];
  mw[1] = PORTRAIT_WIDTH - mw.reduce((a, b) => a + b, 0);
  const mt: RowSpec[] = [headerRow(['Nr.', 'Maßnahme', 'Status und Ampel', 'verantwortlich'], mw, 99, TABLE_SIZE, true)];
  for (const r of [...rows].sort((a, b) => compareCodes(a.code, b.code))) {
    const ampel = `${MEASURE_STATUS_LABELS[r.status]}\n${ampelText(r.ampel.effective)}${r.ampel.override ? ` (von Hand; abgeleitet: ${AMPEL_LABELS[r.ampel.derived]})` : ''}`;
    mt.push({ cells: [cell(r.code, mw[0]), cell(r.title, mw[1]), cell(ampel, mw[2]), cell(r.responsibleActorName ?? 'nicht festgelegt', mw[3])] });
  }
  out.push(new FastTable(mw, mt));
  return out;
}

function mittelabfluss(d: BerichtData, s: Sums): Block[] {
  const o = d.overview;
  const out: Block[] = [h1('Mittelabfluss')];
  const stYear = Number(o.stichtag.slice(0, 4));
  out.push(text(`Soll ist der im Plan veranschlagte Betrag (alle Budgetpositionen), Ist der bis zum Stichtag ${germanDay(o.stichtag)} erfasste Mittelabfluss. Bis zum Stichtag waren ${formatCents(o.totals.expectedCents)} zu erwarten (Vorjahre ganz, ${stYear} nach abgelaufenen Quartalen); abgeflossen sind ${formatCents(o.totals.istCents)} (${pct(o.totals.istCents, o.totals.expectedCents)}).`));
  out.push(h2('Soll und Ist je Haushaltsjahr'));
  const money = [...s.years.map((y) => formatCents(s.sollByYear.get(y) ?? 0)), formatCents(s.soll)];
  const istCol = [...s.years.map((y) => formatCents(s.istByYear.get(y) ?? 0)), formatCents(s.ist)];
  const lay = moneyColumns(PORTRAIT_WIDTH - 1400, 1400, [], ['Soll', 'Ist'], [money, istCol]);
  const w = [lay.widths[0], lay.widths[1], lay.widths[2], 1400];
  const t: RowSpec[] = [headerRow(['Jahr', 'Soll', 'Ist', 'Ist/Soll'], w, 1, TABLE_SIZE, true)];
  for (const y of s.years) {
    const soll = s.sollByYear.get(y) ?? 0;
    const ist = s.istByYear.get(y) ?? 0;
    t.push({ cells: [cell(String(y), w[0]), cell(formatCents(soll), w[1], { right: true }), cell(formatCents(ist), w[2], { right: true }), cell(pct(ist, soll), w[3], { right: true })] });
  }
  t.push({ cells: [cell('Summe', w[0], { bold: true, fill: SUM_FILL }), cell(formatCents(s.soll), w[1], { right: true, bold: true, fill: SUM_FILL }), cell(formatCents(s.ist), w[2], { right: true, bold: true, fill: SUM_FILL }), cell(pct(s.ist, s.soll), w[3], { right: true, bold: true, fill: SUM_FILL })] });
  out.push(new FastTable(w, t));

  out.push(h2('Soll und Ist je Baustelle'));
  const bw = [0, 1900, 1900, 1700, 1100];
  bw[0] = PORTRAIT_WIDTH - bw.reduce((a, b) => a + b, 0);
  const bt: RowSpec[] = [headerRow(['Baustelle', 'Soll gesamt', 'Soll bis Stichtag', 'Ist bis Stichtag', 'Abfluss'], bw, 1, TABLE_SIZE, true)];
  for (const g of o.byBaustelle) {
    bt.push({ cells: [cell(g.label, bw[0]), cell(formatCents(g.sollCents), bw[1], { right: true }), cell(formatCents(g.expectedCents), bw[2], { right: true }), cell(formatCents(g.istCents), bw[3], { right: true }), cell(pct(g.istCents, g.expectedCents), bw[4], { right: true })] });
  }
  bt.push({ cells: [cell('Summe', bw[0], { bold: true, fill: SUM_FILL }), cell(formatCents(o.totals.sollCents), bw[1], { right: true, bold: true, fill: SUM_FILL }), cell(formatCents(o.totals.expectedCents), bw[2], { right: true, bold: true, fill: SUM_FILL }), cell(formatCents(o.totals.istCents), bw[3], { right: true, bold: true, fill: SUM_FILL }), cell(pct(o.totals.istCents, o.totals.expectedCents), bw[4], { right: true, bold: true, fill: SUM_FILL })] });
  out.push(new FastTable(bw, bt));

  out.push(h2('Fördermittel: bewilligt und abgerufen'));
  const f = o.rows.filter((r) => r.foerderBewilligtCents > 0 || r.foerderAbgerufenCents > 0).sort((a, b) => compareCodes(a.code, b.code));
  if (f.length === 0) out.push(text('Für die Maßnahmen sind keine Fördermittel bewilligt oder abgerufen.'));
  else {
    const fw = [1000, 0, 2000, 2000, 1100];
    fw[1] = PORTRAIT_WIDTH - fw.reduce((a, b) => a + b, 0);
    const ft: RowSpec[] = [headerRow(['Nr.', 'Maßnahme', 'bewilligt', 'abgerufen', 'Anteil'], fw, 2, TABLE_SIZE, true)];
    for (const r of f) ft.push({ cells: [cell(r.code, fw[0]), cell(r.title, fw[1]), cell(formatCents(r.foerderBewilligtCents), fw[2], { right: true }), cell(formatCents(r.foerderAbgerufenCents), fw[3], { right: true }), cell(pct(r.foerderAbgerufenCents, r.foerderBewilligtCents), fw[4], { right: true })] });
    ft.push({ cells: [cell('Summe', fw[0] + fw[1], { span: 2, bold: true, fill: SUM_FILL }), cell(formatCents(o.totals.foerderBewilligtCents), fw[2], { right: true, bold: true, fill: SUM_FILL }), cell(formatCents(o.totals.foerderAbgerufenCents), fw[3], { right: true, bold: true, fill: SUM_FILL }), cell(pct(o.totals.foerderAbgerufenCents, o.totals.foerderBewilligtCents), fw[4], { right: true, bold: true, fill: SUM_FILL })] });
    out.push(new FastTable(fw, ft));
  }
  const slow = o.rows.filter((r) => r.ampel.reasons.some((x) => x.rule === 'mittelabfluss')).sort((a, b) => compareCodes(a.code, b.code));
  if (slow.length) {
    out.push(text('Wo das Geld nicht fließt:', { bold: true }, { keepNext: true }));
    slow.forEach((r, i) => out.push(bullet(`${r.code} ${r.title}: Ist ${formatCents(r.ampel.istCents)} von erwartet ${formatCents(r.ampel.expectedCents)} (${pct(r.ampel.istCents, r.ampel.expectedCents)})`, i === slow.length - 1)));
  }
  return out;
}

const MAX_CHARTS = 40;
/** Measures described one by one under „Verzögerungen und Hemmnisse“; a committee reads no more. */
const MAX_DETAIL = 100;

function indikatoren(d: BerichtData): Block[] {
  const out: Block[] = [h1('Indikatoren')];
  const rows = [...d.overview.rows].sort((a, b) => compareCodes(a.code, b.code));
  const list = rows.flatMap((r) => (d.data.indicators.get(r.measureId) ?? []).map((i) => ({ r, i, p: r.ampel.indicators.find((x) => x.indicatorId === i.id)! })));
  if (list.length === 0) return [...out, text('Für die Maßnahmen sind noch keine Erfolgsindikatoren festgelegt.')];
  const measured = list.filter((x) => x.p.latest);
  out.push(text(`${n(list.length, 'Erfolgsindikator ist', 'Erfolgsindikatoren sind')} festgelegt, für ${measured.length} liegt ein Messwert vor. Der Fortschritt ist der Anteil des Wegs vom Ausgangs- zum Zielwert; erwartet ist der Anteil der Zeit vom Beginn der Maßnahme bis zum Ende des Zieljahrs.`));
  const w = [850, 0, 2300, 1500, 1700];
  w[1] = PORTRAIT_WIDTH - w.reduce((a, b) => a + b, 0);
  const t: RowSpec[] = [headerRow(['Nr.', 'Indikator', 'Ausgangswert → Zielwert', 'letzter Wert', 'Fortschritt'], w, 99, 16, true)];
  for (const { r, i, p } of list) {
    t.push({
      cells: [
        cell(r.code, w[0], { size: 16 }), cell(i.name, w[1], { size: 16 }),
        cell(`${i.baseline || DASH} → ${i.target || DASH}${i.targetYear ? ` (${i.targetYear})` : ''}`, w[2], { size: 16 }),
        cell(p.latest ? `${formatNumber(p.latest.value)} (${germanDay(p.latest.date)})` : 'kein Messwert', w[3], { size: 16 }),
        cell(p.progressPercent === null ? DASH : `${p.progressPercent} %${p.expectedPercent === null ? '' : ` (erwartet ${p.expectedPercent} %)`}`, w[4], { size: 16 }),
      ],
    });
  }
  out.push(new FastTable(w, t));
  const charted = measured.slice(0, MAX_CHARTS);
  if (charted.length) out.push(h2('Verlauf der Messwerte'));
  charted.forEach(({ r, i }, k) => {
    const values = (d.data.measurements.get(i.id) ?? []).filter((v) => v.date <= d.overview.stichtag).map((v) => ({ date: v.date, value: v.value }));
    const caption = `Abbildung ${k + 1}: ${r.code} – ${i.name}`;
    const chart = indicatorChart({ name: i.name, unitHint: '', baseline: parseIndicatorNumber(i.baseline), target: parseIndicatorNumber(i.target), targetYear: i.targetYear, values }, caption);
    const scale = (PORTRAIT_WIDTH / 15) * 0.8 / chart.width;
    out.push(new Paragraph({
      keepNext: true, alignment: AlignmentType.LEFT, spacing: { before: 120, after: 0 },
      children: [image(chart.png, chart.width * scale, chart.height * scale, { id: 100 + k, name: `Indikator ${k + 1}`, title: caption, description: chart.alt })],
    }));
    out.push(new Paragraph({ style: 'Bildunterschrift', children: runs(caption) }));
  });
  if (measured.length > MAX_CHARTS) out.push(note(`Diagramme für die ersten ${MAX_CHARTS} Indikatoren mit Messwert; alle Werte stehen in der Tabelle.`));
  return out;
}

function verzoegerungen(d: BerichtData): Block[] {
  const out: Block[] = [h1('Verzögerungen und Hemmnisse')];
  const late = d.overview.rows.filter((r) => r.ampel.effective === 'verzoegert' || r.ampel.effective === 'gefaehrdet')
    .sort((a, b) => AMPEL_ORDER.indexOf(a.ampel.effective) - AMPEL_ORDER.indexOf(b.ampel.effective) || compareCodes(a.code, b.code));
  if (late.length === 0) return [...out, text(`Zum Stichtag ${germanDay(d.overview.stichtag)} ist keine Maßnahme verzögert oder gefährdet.`)];
  out.push(text(`${n(late.length, 'Maßnahme ist', 'Maßnahmen sind')} zum Stichtag verzögert oder gefährdet.${late.length > MAX_DETAIL ? ` Im Einzelnen folgen die ersten ${MAX_DETAIL} (verzögerte zuerst); alle stehen mit ihrer Ampel im Abschnitt „Stand der Umsetzung“.` : ''}`));
  const byId = new Map(d.data.measures.map((m) => [m.id, m]));
  for (const r of late.slice(0, MAX_DETAIL)) {
    out.push(para(runs(`${r.code} ${r.title} – ${ampelText(r.ampel.effective)}`), { heading: HeadingLevel.HEADING_2 }));
    const reasons = [
      ...(r.ampel.override ? [`Ampel von Hand gesetzt: ${r.ampel.override.reason}`] : []),
      ...r.ampel.reasons.filter((x) => x.effect !== null && x.rule !== 'status').map((x) => x.text),
    ];
    reasons.forEach((x, i) => out.push(bullet(x, i === reasons.length - 1)));
    const risks = safeText(byId.get(r.measureId)?.risks ?? '').trim();
    if (risks) out.push(para([...runs('Hemmnisse/Risiken laut Maßnahmenblatt: ', { bold: true }), ...linkify(risks)]));
  }
  return out;
}

function aenderungen(d: BerichtData): Block[] {
  const o = d.overview;
  const out: Block[] = [h1('Änderungen seit dem letzten Bericht')];
  if (!o.lastBericht) return [...out, text('Dies ist der erste festgeschriebene Sachstandsbericht; Änderungen werden ab dem nächsten Bericht aufgeführt.')];
  const b = o.lastBericht;
  const changed = o.rows.filter((r) => r.changes.length > 0 || r.isNew).sort((a, c) => compareCodes(a.code, c.code));
  out.push(text(`Verglichen wird mit dem Bericht „${b.name}“ zum Stichtag ${germanDay(b.stichtag)}: ${n(changed.filter((r) => r.isNew).length, 'Maßnahme ist', 'Maßnahmen sind')} neu, ${n(changed.filter((r) => !r.isNew).length, 'ist', 'sind')} geändert, ${n(o.removedSinceBericht.length, 'ist', 'sind')} entfallen.`
    + (d.diff ? ` Gesamtkosten ${d.diff.totals.deltaCents === 0 ? `unverändert ${formatCents(d.diff.totals.afterCents)}` : `${formatCents(d.diff.totals.beforeCents)} → ${formatCents(d.diff.totals.afterCents)}`}.` : '')));
  if (changed.length === 0 && o.removedSinceBericht.length === 0) return [...out, text('Seit dem letzten Bericht hat sich nichts geändert.')];
  const w = [1000, 3000, PORTRAIT_WIDTH - 4000];
  const t: RowSpec[] = [headerRow(['Nr.', 'Maßnahme', 'Änderung'], w, 99, TABLE_SIZE, true)];
  for (const r of changed) t.push({ cells: [cell(r.code, w[0]), cell(r.title, w[1]), cell(r.isNew ? 'neu aufgenommen' : r.changes.join('\n'), w[2])] });
  for (const r of o.removedSinceBericht) t.push({ cells: [cell(r.code, w[0]), cell(r.title, w[1]), cell('entfallen', w[2])] });
  out.push(new FastTable(w, t));
  return out;
}

function ausblick(d: BerichtData): Block[] {
  const o = d.overview;
  const out: Block[] = [h1('Ausblick')];
  const st = o.stichtag;
  const horizon = `${Number(st.slice(0, 4)) + 1}${st.slice(4)}`;
  const byCode = new Map(o.rows.map((r) => [r.measureId, r]));
  const next: { due: string; label: string; code: string; title: string }[] = [];
  for (const [mid, list] of d.data.milestones) {
    const r = byCode.get(mid);
    if (!r) continue;
    for (const x of list) {
      if (x.done || x.dueYear == null) continue;
      const due = quarterEnd(x.dueYear, x.dueQuarter);
      if (due >= st && due <= horizon) next.push({ due, label: x.dueQuarter ? `Q${x.dueQuarter}/${x.dueYear}` : String(x.dueYear), code: r.code, title: x.title });
    }
  }
  next.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : compareCodes(a.code, b.code)));
  const overdue = o.rows.reduce((a, r) => a + r.overdue.length, 0);
  out.push(text(`In den zwölf Monaten nach dem Stichtag sind ${n(next.length, 'Umsetzungsschritt', 'Umsetzungsschritte')} fällig${overdue ? `; dazu kommen ${n(overdue, 'überfälliger Schritt', 'überfällige Schritte')} aus der Zeit davor` : ''}. Der nächste Sachstandsbericht folgt in einem Jahr.`));
  if (next.length) {
    const w = [1400, 1000, PORTRAIT_WIDTH - 2400];
    out.push(new FastTable(w, [headerRow(['Termin', 'Nr.', 'Umsetzungsschritt'], w, 99, TABLE_SIZE, true), ...next.slice(0, 200).map((x): RowSpec => ({ cells: [cell(x.label, w[0]), cell(x.code, w[1]), cell(x.title, w[2])] }))]));
    if (next.length > 200) out.push(note(`Die ersten 200 von ${next.length} Schritten.`));
  }
  return out;
}

function headerFooter(d: BerichtData): { headers: { default: Header }; footers: { default: Footer } } {
  const lk = safeText(d.landkreis).trim() || 'Landkreis';
  const tab = [{ type: TabStopType.RIGHT, position: PORTRAIT_WIDTH }];
  return {
    headers: { default: new Header({ children: [new Paragraph({ style: 'Kopfzeile', tabStops: tab, children: [new TextRun({ text: `${lk} · Mitteilungsvorlage Sachstandsbericht` }), new TextRun({ text: '\töffentlich' })] })] }) },
    footers: {
      default: new Footer({
        children: [new Paragraph({
          style: 'Kopfzeile', tabStops: tab,
          children: [new TextRun({ text: `Sachstandsbericht, Stand ${germanDay(d.overview.stichtag)}${d.anonymise ? ' – anonymisierte Fassung' : ''}` }), new TextRun({ children: ['\tSeite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES] })],
        })],
      }),
    },
  };
}

/**
 * An anonymised Bericht: every free text that reaches the document (titles, risks, reasons, indicator
 * and step names, actor names) scanned for e-mail and web addresses, phone numbers and the names of
 * the plan's people, each replaced by "[entfernt]" (the shared scanner of the Vorlage).
 */
export function anonymiseBericht(d: BerichtData, people: readonly string[]): { d: BerichtData; findings: AnonymFinding[] } {
  if (!d.anonymise) return { d, findings: [] };
  const red = makeRedactor(personNames(people));
  const x = (t: string, where: string) => (t ? red.redact(t, where) : t);
  const rows = d.overview.rows.map((r) => ({
    ...r, title: x(r.title, `${r.code} Titel`), responsibleActorName: r.responsibleActorName === null ? null : x(r.responsibleActorName, `${r.code} verantwortlich`),
    changes: r.changes.map((c) => x(c, `${r.code} Änderung`)),
    overdue: r.overdue.map((o) => ({ ...o, title: x(o.title, `${r.code} Umsetzungsschritt`) })),
    ampel: {
      ...r.ampel,
      override: r.ampel.override ? { ...r.ampel.override, reason: x(r.ampel.override.reason, `${r.code} Begründung der Ampel`), setBy: '' } : null,
      reasons: r.ampel.reasons.map((y) => ({ ...y, text: x(y.text, `${r.code} Ampel`) })),
      indicators: r.ampel.indicators.map((i) => ({ ...i, name: x(i.name, `${r.code} Indikator`) })),
    },
  }));
  const label = <T extends { label: string }>(g: T): T => ({ ...g, label: x(g.label, 'verantwortliche Stelle') });
  const data: MonitoringData = {
    ...d.data,
    measures: d.data.measures.map((m) => ({ ...m, title: x(m.title, `${m.code} Titel`), risks: x(m.risks ?? '', `${m.code} Risiken`) })),
    milestones: new Map([...d.data.milestones].map(([k, list]) => [k, list.map((ms) => ({ ...ms, title: x(ms.title, 'Umsetzungsschritt') }))])),
    indicators: new Map([...d.data.indicators].map(([k, list]) => [k, list.map((i) => ({ ...i, name: x(i.name, 'Indikator'), baseline: x(i.baseline, 'Ausgangswert'), target: x(i.target, 'Zielwert'), dataSource: x(i.dataSource, 'Datenquelle') }))])),
  };
  return {
    d: { ...d, data, overview: { ...d.overview, rows, byActor: d.overview.byActor.map(label), removedSinceBericht: d.overview.removedSinceBericht.map((r) => ({ ...r, title: x(r.title, `${r.code} Titel`) })) } },
    findings: red.findings,
  };
}

export async function buildBerichtDocx(d: BerichtData): Promise<Uint8Array> {
  const s = sums(d);
  const children: Block[] = [...kopf(d), ...stand(d), ...mittelabfluss(d, s), ...indikatoren(d), ...verzoegerungen(d), ...aenderungen(d), ...ausblick(d)];
  const title = `Sachstandsbericht zum ${planNoun(safeText(d.title).trim() || 'Maßnahmenplan')} – Stand ${germanDay(d.overview.stichtag)}`;
  const meta = {
    title, subject: `Mitteilungsvorlage${d.landkreis ? ` – ${safeText(d.landkreis)}` : ''}`,
    description: `Sachstandsbericht (zur Kenntnis) mit ${d.overview.rows.length} Maßnahmen: Stand der Umsetzung, Mittelabfluss, Indikatoren, Verzögerungen, Änderungen, Ausblick.`,
    keywords: 'Sachstandsbericht; Mitteilungsvorlage; Maßnahmenplan; Monitoring; Zusammenhalt', creator: 'Zusammenhalt-Werkbank',
  };
  const doc = new Document({
    title: meta.title, subject: meta.subject, creator: meta.creator, description: meta.description, keywords: meta.keywords, lastModifiedBy: meta.creator,
    styles: documentStyles(), numbering: numberingConfig(),
    sections: [{ properties: { page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: PORTRAIT_MARGIN } }, ...headerFooter(d), children }],
  });
  // Tables go in as finished XML (docx.ts FastTable), put in place by packDocx.
  return fixZipTimes(packDocx(doc, [{ path: 'docProps/core.xml', data: coreXmlFor(meta, d.takenAt) }]), d.takenAt);
}

export function berichtFileName(d: BerichtData): string {
  return `Sachstandsbericht ${d.overview.stichtag}${d.anonymise ? ' (anonymisiert)' : ''}.docx`;
}

export async function exportBericht(s: Session, o: BerichtExportOptions): Promise<{ fileName: string; bytes: Uint8Array; data: BerichtData }> {
  const stichtag = o.stichtag ?? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(s.ctx.now()));
  const data = loadBerichtData(s, o, stichtag);
  const people = s.db.prepare("SELECT contact_person AS p FROM actors WHERE contact_person <> ''").all() as { p: string }[];
  const { d } = anonymiseBericht(data, [...people.map((x) => x.p), s.ctx.user]);
  return { fileName: berichtFileName(d), bytes: await buildBerichtDocx(d), data: d };
}

export type { SteuerungRow };
