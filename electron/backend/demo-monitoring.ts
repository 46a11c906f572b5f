// Umsetzung in the demo plan: Ist for the first year (2026, by quarter for the Förderfonds), a
// Fördermittelabruf, Messwerte for several indicators, milestones done with their dates — and so
// one late Umsetzungsschritt (M-3.01, verzögert) and one measure whose money does not flow
// (M-7.01, gefährdet), so the first start shows the whole cycle.
import { newId } from '../../shared/domain/ids.ts';
import type { Db } from './db/open.ts';
import { putActual, putMeasurement, putMilestoneDone } from './repos/monitoring.ts';
import { putMilestone } from './repos/sheet.ts';
import type { Milestone } from '../../shared/domain/types.ts';

type ActualSeed = [code: string, year: number, quarter: 1 | 2 | 3 | 4 | null, kind: 'ist' | 'abruf', cents: number, source: string];
const ACTUALS: ActualSeed[] = [
  ['M-1.01', 2026, null, 'ist', 1_650_000, 'Kämmerei, Buchungsliste 30.11.2026'],
  ['M-2.01', 2026, null, 'ist', 3_500_000, 'Kämmerei, Buchungsliste 30.11.2026'],
  ['M-2.01', 2026, null, 'abruf', 2_000_000, 'Mittelabruf beim Land vom 15.10.2026'],
  ['M-3.01', 2026, null, 'ist', 900_000, 'Kämmerei, Buchungsliste 30.11.2026'],
  ['M-6.02', 2026, null, 'ist', 7_000_000, 'Jobcenter, Förderstatistik November 2026'],
  ['M-7.01', 2026, 2, 'ist', 1_000_000, 'Kämmerei, Buchungsliste Q2/2026'],
  ['M-7.01', 2026, 3, 'ist', 2_500_000, 'Kämmerei, Buchungsliste Q3/2026'],
];

type ValueSeed = [code: string, indicator: string, date: string, value: number, source: string];
const VALUES: ValueSeed[] = [
  ['M-1.01', 'Gemeinden mit mindestens einer Werkstatt', '2026-06-30', 2, 'Dokumentation der Stabsstelle Integration'],
  ['M-1.01', 'Gemeinden mit mindestens einer Werkstatt', '2026-09-30', 5, 'Dokumentation der Stabsstelle Integration'],
  ['M-2.01', 'Leistungen mit mehrsprachiger Erklärung', '2026-03-31', 9, 'Redaktionssystem der Website'],
  ['M-2.01', 'Leistungen mit mehrsprachiger Erklärung', '2026-09-30', 22, 'Redaktionssystem der Website'],
  ['M-2.01', 'Abrufe der übersetzten Seiten pro Monat', '2026-10-31', 1_650, 'Webstatistik'],
  ['M-6.02', 'Geförderte Führerscheine pro Jahr', '2025-12-31', 41, 'Förderstatistik des Jobcenters'],
  ['M-6.02', 'Geförderte Führerscheine pro Jahr', '2026-09-30', 58, 'Förderstatistik des Jobcenters'],
  ['M-7.01', 'Geförderte Begegnungsprojekte pro Jahr', '2026-09-30', 6, 'Förderdatenbank der Stabsstelle'],
];

/** [code, milestone title, done on]: steps done in the demo, with the day. */
const DONE: [string, string, string][] = [
  ['M-1.01', 'Moderationsteam beauftragt', '2026-02-20'],
  ['M-1.01', 'Erste Werkstatt in Lindenau', '2026-06-18'],
  ['M-1.02', 'Entwurf der Satzungsänderung', '2026-06-10'],
  ['M-2.01', 'Texte in Leichter Sprache online', '2026-05-29'],
  ['M-4.01', 'Räume im Kreishaus hergerichtet', '2026-09-15'],
  ['M-5.01', 'Daten der Gemeinden zusammengeführt', '2026-06-25'],
  ['M-5.01', 'Befragung abgeschlossen', '2026-09-28'],
  ['M-7.01', 'Förderrichtlinie beschlossen', '2026-03-12'],
  ['M-7.01', 'Erste Förderrunde', '2026-07-15'],
];

export function fillDemoMonitoring(db: Db, now: string): void {
  const measureId = (code: string) => (db.prepare('SELECT id FROM measures WHERE code = ?').get(code) as { id: string }).id;
  for (const [code, year, quarter, kind, cents, source] of ACTUALS) {
    const line = db.prepare(`SELECT id FROM budget_lines WHERE measure_id = ? AND year = ? ${kind === 'abruf' ? "AND funding_kind = 'foerdermittel'" : ''} ORDER BY amount_cents DESC LIMIT 1`)
      .get(measureId(code), year) as { id: string };
    putActual(db, { id: newId(), budgetLineId: line.id, kind, year, quarter, amountCents: cents, source, note: '', recordedAt: now });
  }
  for (const [code, name, date, value, source] of VALUES) {
    const ind = db.prepare('SELECT id FROM indicators WHERE measure_id = ? AND name = ?').get(measureId(code), name) as { id: string };
    putMeasurement(db, { id: newId(), indicatorId: ind.id, date, value, source, note: '' });
  }
  for (const [code, title, doneOn] of DONE) {
    const m = db.prepare('SELECT id, measure_id AS measureId, title, due_year AS dueYear, due_quarter AS dueQuarter, done, position FROM milestones WHERE measure_id = ? AND title = ?')
      .get(measureId(code), title) as Omit<Milestone, 'done'> & { done: number };
    putMilestone(db, { ...m, done: true });
    putMilestoneDone(db, { milestoneId: m.id, doneOn, note: '' });
  }
}
