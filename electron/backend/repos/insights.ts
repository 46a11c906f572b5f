// Read-only overviews across the plan: workload of actors, coverage of the catalogue, timeline.
import { planPeriodOf } from '../rules/plan-info.ts';
import { ACTOR_GROUPS } from '../../../shared/catalogue/types.ts';
import type { ActorKind, MeasureStatus, Quarter, Role } from '../../../shared/domain/enums.ts';
import { ROLES } from '../../../shared/domain/enums.ts';
import { ACTIVE_STATUSES, OVERLOAD_RULE_TEXT, isActiveStatus, overloadReason } from '../../../shared/domain/load.ts';
import { laufzeitOf, quarterIndex } from '../../../shared/domain/period.ts';
import type { ActorLoad, ActorLoadReport, Coverage, CoverageBaustelle, CoverageCell, Timeline, TimelineRow } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { listDependencies, listMilestones } from './sheet.ts';
import { stmt } from './stmt.ts';

export function actorLoad(db: Db): ActorLoadReport {
  const activeMeasures = (stmt(db, `SELECT COUNT(*) AS n FROM measures WHERE status IN (${ACTIVE_STATUSES.map(() => '?').join(', ')})`)
    .get(...ACTIVE_STATUSES) as { n: number }).n;
  const rows = stmt(db, `SELECT a.id, a.name, a.kind, r.role, m.status FROM actors a
      LEFT JOIN responsibilities r ON r.actor_id = a.id LEFT JOIN measures m ON m.id = r.measure_id
      ORDER BY a.name COLLATE NOCASE, a.id`).all() as { id: string; name: string; kind: ActorKind; role: Role | null; status: MeasureStatus | null }[];
  const byId = new Map<string, ActorLoad>();
  for (const r of rows) {
    let a = byId.get(r.id);
    if (!a) {
      a = {
        actorId: r.id, name: r.name, kind: r.kind, counts: Object.fromEntries(ROLES.map((x) => [x, 0])) as Record<Role, number>,
        total: 0, activeResponsible: 0, overloaded: false, overloadReason: null,
      };
      byId.set(r.id, a);
    }
    if (!r.role) continue;
    a.counts[r.role] += 1;
    a.total += 1;
    if (r.role === 'verantwortlich' && r.status && isActiveStatus(r.status)) a.activeResponsible += 1;
  }
  const actors = [...byId.values()];
  for (const a of actors) {
    a.overloadReason = overloadReason(a.activeResponsible, activeMeasures);
    a.overloaded = a.overloadReason !== null;
  }
  return { actors, activeMeasures, rule: OVERLOAD_RULE_TEXT };
}

export const FUNDED_RULE_TEXT =
  'Als finanziert gilt eine Maßnahme mit mindestens einer bewilligten Budgetposition oder mindestens einer Position aus dem Kreishaushalt (über den der Kreistag selbst beschließt).';

export function coverage(db: Db): Coverage {
  const baustellen = stmt(db, 'SELECT id, number, short_title AS shortTitle FROM baustellen ORDER BY number').all() as { id: string; number: number; shortTitle: string }[];
  const items = stmt(db, `SELECT ci.id, ci.baustelle_id AS baustelleId, ci.kind, ci.actor_group AS actorGroup,
      EXISTS (SELECT 1 FROM measure_items mi WHERE mi.item_id = ci.id) AS linked,
      EXISTS (SELECT 1 FROM frage_answers fa WHERE fa.frage_id = ci.id) AS answered
    FROM catalogue_items ci ORDER BY ci.rowid`).all() as { id: string; baustelleId: string; kind: 'grundmauer' | 'frage'; actorGroup: string; linked: number; answered: number }[];
  const counts = new Map((stmt(db, `SELECT m.baustelle_id AS id, COUNT(*) AS measures,
      SUM(EXISTS (SELECT 1 FROM budget_lines b WHERE b.measure_id = m.id AND (b.state = 'bewilligt' OR b.funding_kind = 'kreishaushalt'))) AS funded
    FROM measures m GROUP BY m.baustelle_id`).all() as { id: string; measures: number; funded: number }[]).map((r) => [r.id, r]));
  const groups: string[] = [...ACTOR_GROUPS];
  for (const i of items) if (!groups.includes(i.actorGroup)) groups.push(i.actorGroup);
  const out: CoverageBaustelle[] = baustellen.map((b) => {
    const cells: Record<string, CoverageCell> = {};
    for (const g of groups) cells[g] = { grundmauernAdopted: [], grundmauernOpen: [], fragenAnswered: [], fragenOpen: [] };
    const c: CoverageBaustelle = {
      baustelleId: b.id, number: b.number, shortTitle: b.shortTitle,
      measureCount: counts.get(b.id)?.measures ?? 0, fundedMeasureCount: counts.get(b.id)?.funded ?? 0,
      grundmauernCount: 0, grundmauernAdopted: 0, fragenCount: 0, fragenAnswered: 0, cells,
    };
    for (const i of items) {
      if (i.baustelleId !== b.id) continue;
      const cell = cells[i.actorGroup];
      if (i.kind === 'grundmauer') {
        c.grundmauernCount += 1;
        if (i.linked) { c.grundmauernAdopted += 1; cell.grundmauernAdopted.push(i.id); } else cell.grundmauernOpen.push(i.id);
      } else {
        c.fragenCount += 1;
        if (i.answered) { c.fragenAnswered += 1; cell.fragenAnswered.push(i.id); } else cell.fragenOpen.push(i.id);
      }
    }
    return c;
  });
  return { actorGroups: groups, baustellen: out, fundedRule: FUNDED_RULE_TEXT };
}

export function timeline(db: Db): Timeline {
  const measures = stmt(db, `SELECT id, code, title, baustelle_id AS baustelleId, status, start_year AS startYear, start_quarter AS startQuarter,
      end_year AS endYear, end_quarter AS endQuarter FROM measures ORDER BY code COLLATE NOCASE`).all() as {
    id: string; code: string; title: string; baustelleId: string; status: MeasureStatus;
    startYear: number | null; startQuarter: Quarter | null; endYear: number | null; endQuarter: Quarter | null;
  }[];
  const milestones = new Map<string, ReturnType<typeof listMilestones>>();
  for (const m of listMilestones(db)) {
    const list = milestones.get(m.measureId);
    if (list) list.push(m);
    else milestones.set(m.measureId, [m]);
  }
  const deps = new Map<string, string[]>();
  for (const d of listDependencies(db)) {
    const list = deps.get(d.measureId);
    if (list) list.push(d.dependsOnId);
    else deps.set(d.measureId, [d.dependsOnId]);
  }
  // The axis spans every dated start, end and milestone.
  let lo = Infinity;
  let hi = -Infinity;
  const see = (q: number) => { lo = Math.min(lo, q); hi = Math.max(hi, q); };
  for (const m of measures) {
    if (m.startYear != null) see(quarterIndex(m.startYear, m.startQuarter ?? 1));
    if (m.endYear != null) see(quarterIndex(m.endYear, m.endQuarter ?? 4));
  }
  for (const list of milestones.values()) for (const s of list) if (s.dueYear != null) see(quarterIndex(s.dueYear, s.dueQuarter ?? 4));
  // …and the Planungszeitraum (schema 6), Q1 of its first to Q4 of its last year.
  const period = planPeriodOf(db);
  if (period.periodFirstYear !== null && period.periodLastYear !== null) { see(quarterIndex(period.periodFirstYear, 1)); see(quarterIndex(period.periodLastYear, 4)); }
  const quarters: Timeline['quarters'] = [];
  for (let q = lo; q <= hi; q++) {
    const year = Math.floor(q / 4);
    const quarter = ((q % 4) + 1) as Quarter;
    quarters.push({ year, quarter, label: `Q${quarter}/${year}` });
  }
  const at = (year: number | null, quarter: number | null, fallback: number) => (year == null ? null : quarterIndex(year, quarter ?? fallback) - lo);
  const rows: TimelineRow[] = measures.map((m) => ({
    measureId: m.id, code: m.code, title: m.title, baustelleId: m.baustelleId, status: m.status, laufzeit: laufzeitOf(m),
    startYear: m.startYear, startQuarter: m.startQuarter, endYear: m.endYear, endQuarter: m.endQuarter,
    startIndex: at(m.startYear, m.startQuarter, 1), endIndex: at(m.endYear, m.endQuarter, 4),
    milestones: (milestones.get(m.id) ?? []).map((s) => ({ id: s.id, title: s.title, dueYear: s.dueYear, dueQuarter: s.dueQuarter, done: s.done, index: at(s.dueYear, s.dueQuarter, 4) })),
    dependsOn: deps.get(m.id) ?? [],
  }));
  rows.sort((a, b) => (a.startIndex ?? Infinity) - (b.startIndex ?? Infinity) || a.code.localeCompare(b.code, 'de'));
  return { quarters, rows };
}
