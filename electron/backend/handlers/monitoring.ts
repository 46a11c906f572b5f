// Umsetzung: Ist and Fördermittel-Abruf, Messwerte, Meilensteine erledigt, Ampel von Hand, the
// Steuerungsgruppe view, Sachstandsbericht (export and "Bericht festschreiben") and Fortschreibung.
// Every write is one undo step in the Änderungsprotokoll with its own entity kind.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Handlers } from '../../../shared/api/contract.ts';
import { newId } from '../../../shared/domain/ids.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import {
  AMPEL_LABELS, berlinDate, type Actual, type SteuerungOverview, type FortschreibungCandidate, type FortschreibungPreview, type Measurement, type PredecessorInfo,
} from '../../../shared/domain/monitoring.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { exportBericht } from '../export/bericht.ts';
import { getBudgetLine } from '../repos/budget.ts';
import { changeGroup, logChange } from '../repos/changelog.ts';
import { getMeasure, updateMeasure } from '../repos/measures.ts';
import { getMeta, setMeta } from '../repos/meta.ts';
import {
  berichtInfo, deleteActual, deleteBericht, deleteMeasurement, deleteMilestoneDone, deleteOverride, findActual, getActual, getBerichtRow,
  getMeasurement, getMilestoneDone, getOverride, listBerichtRows, putActual, putBericht, putMeasurement, putMilestoneDone, putOverride,
  type BerichtRow, type OverrideRow,
} from '../repos/monitoring.ts';
import { berichtStateOf, loadMeasureMonitoring, loadSteuerung } from '../repos/monitoring-state.ts';
import { getIndicator, getMilestone, listMilestones, putMilestone } from '../repos/sheet.ts';
import { currentContent, putSnapshot, type SnapshotRow } from '../repos/snapshots.ts';
import type { Session } from '../session.ts';

export function stichtagOf(s: Session, given: string | undefined): string {
  return given ?? berlinDate(s.ctx.now());
}

function predecessorOf(db: Session['db']): PredecessorInfo | null {
  const id = getMeta(db, 'predecessor_id');
  if (!id) return null;
  return { id, path: getMeta(db, 'predecessor_path') ?? '', title: getMeta(db, 'predecessor_title') ?? '', period: getMeta(db, 'predecessor_period') ?? '' };
}

function planPeriod(db: Session['db']): { first: number | null; last: number | null } {
  const first = Number(getMeta(db, 'period_first') ?? NaN);
  const last = Number(getMeta(db, 'period_last') ?? NaN);
  if (Number.isInteger(first) && Number.isInteger(last)) return { first, last };
  const r = db.prepare('SELECT MIN(y) AS a, MAX(y) AS b FROM (SELECT start_year AS y FROM measures UNION ALL SELECT end_year FROM measures UNION ALL SELECT year FROM budget_lines) WHERE y IS NOT NULL').get() as { a: number | null; b: number | null };
  return { first: r.a, last: r.b };
}

/**
 * The last overview per connection, reused while nothing in the plan changed: any write on this
 * connection raises total_changes(), a write by another connection raises data_version. Going back
 * and forth between views of a 5,000-measure plan then costs no recomputation.
 */
const overviewCache = new WeakMap<Session['db'], { key: string; value: SteuerungOverview }>();

function overview(s: Session, stichtag: string): SteuerungOverview {
  const db = s.db;
  const key = `${stichtag}|${String(db.pragma('data_version', { simple: true }))}|${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
  const hit = overviewCache.get(db);
  if (hit?.key === key) return hit.value;
  const o = loadSteuerung(db, stichtag, s.ctx.now());
  // The table shows no indicator details or years (monitoring.measure and the Bericht do); 5,000 rows stay a light answer.
  const value = { ...o, rows: o.rows.map((r) => ({ ...r, sollByYear: {}, istByYear: {}, ampel: { ...r.ampel, indicators: [] } })) };
  overviewCache.set(db, { key, value });
  return value;
}

export function monitoringHandlers(s: Session) {
  return {
    'monitoring.overview': ({ stichtag }) => overview(s, stichtagOf(s, stichtag)),
    'monitoring.measure': ({ measureId, stichtag }) => {
      const r = loadMeasureMonitoring(s.db, measureId, stichtagOf(s, stichtag));
      if (!r) throw notFound('Die Maßnahme');
      return r;
    },

    'actuals.save': ({ id, ...f }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const line = getBudgetLine(db, f.budgetLineId);
        if (!line) throw notFound('Die Budgetposition');
        if (f.kind === 'abruf' && line.fundingKind !== 'foerdermittel') throw invalid('Ein Abruf von Fördermitteln gehört zu einer Budgetposition mit Fördermitteln.');
        const m = getMeasure(db, line.measureId)!;
        const before = id ? getActual(db, id) : findActual(db, f.budgetLineId, f.kind, f.year, f.quarter);
        if (id && !before) throw notFound('Der Ist-Wert');
        const after: Actual = {
          id: before?.id ?? newId(), budgetLineId: line.id, kind: f.kind, year: f.year, quarter: f.quarter,
          amountCents: f.amountCents, source: f.source.trim(), note: f.note.trim(), recordedAt: s.ctx.now(),
        };
        const what = f.kind === 'ist' ? 'Ist' : 'Fördermittelabruf';
        const when = f.quarter ? `Q${f.quarter}/${f.year}` : String(f.year);
        putActual(db, after);
        logChange(db, s.ctx, 'actual', after.id, before ? 'update' : 'create', `${m.code}: ${what} ${when} ${formatCents(after.amountCents)} erfasst`, before, after);
        return after;
      });
    },
    'actuals.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getActual(db, id);
        if (!before) throw notFound('Der Ist-Wert');
        const line = getBudgetLine(db, before.budgetLineId);
        deleteActual(db, id);
        logChange(db, s.ctx, 'actual', id, 'delete', `${line ? getMeasure(db, line.measureId)?.code ?? '?' : '?'}: Ist ${before.year} gelöscht`, before, undefined);
      });
      return null;
    },

    'measurements.save': ({ id, ...f }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const ind = getIndicator(db, f.indicatorId);
        if (!ind) throw notFound('Der Indikator');
        const before = id ? getMeasurement(db, id) : undefined;
        if (id && !before) throw notFound('Der Messwert');
        if (before && before.indicatorId !== ind.id) throw invalid('Der Messwert gehört zu einem anderen Indikator.');
        const after: Measurement = { id: before?.id ?? newId(), indicatorId: ind.id, date: f.date, value: f.value, source: f.source.trim(), note: f.note.trim() };
        putMeasurement(db, after);
        const code = getMeasure(db, ind.measureId)?.code ?? '?';
        logChange(db, s.ctx, 'measurement', after.id, before ? 'update' : 'create', `${code}: Messwert „${ind.name}“ vom ${f.date} ${before ? 'geändert' : 'erfasst'}`, before, after);
        return after;
      });
    },
    'measurements.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getMeasurement(db, id);
        if (!before) throw notFound('Der Messwert');
        deleteMeasurement(db, id);
        logChange(db, s.ctx, 'measurement', id, 'delete', `Messwert vom ${before.date} gelöscht`, before, undefined);
      });
      return null;
    },

    'milestones.setDone': ({ id, done, doneOn, note }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const before = getMilestone(db, id);
        if (!before) throw notFound('Der Umsetzungsschritt');
        const code = getMeasure(db, before.measureId)?.code ?? '?';
        const dateBefore = getMilestoneDone(db, id);
        const date = doneOn ?? berlinDate(s.ctx.now());
        if (before.done !== done) {
          const after = { ...before, done };
          putMilestone(db, after);
          logChange(db, s.ctx, 'milestone', id, 'update', `${code}: Umsetzungsschritt „${before.title}“ ${done ? `erledigt am ${date.split('-').reverse().join('.')}` : 'wieder offen'}`, before, after);
        }
        if (done) {
          const d = { milestoneId: id, doneOn: date, note: note.trim() };
          if (JSON.stringify(d) !== JSON.stringify(dateBefore)) {
            putMilestoneDone(db, d);
            logChange(db, s.ctx, 'milestone-done', id, dateBefore ? 'update' : 'create', `${code}: „${before.title}“ erledigt am ${date.split('-').reverse().join('.')}`, dateBefore, d);
          }
        } else if (dateBefore) {
          deleteMilestoneDone(db, id);
          logChange(db, s.ctx, 'milestone-done', id, 'delete', `${code}: Erledigt-Datum von „${before.title}“ entfernt`, dateBefore, undefined);
        }
        const m = listMilestones(db, before.measureId).find((x) => x.id === id)!;
        return { ...m, doneOn: done ? date : null };
      });
    },

    'ampel.override': ({ measureId, ampel, reason }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const m = getMeasure(db, measureId);
        if (!m) throw notFound('Die Maßnahme');
        const before = getOverride(db, measureId);
        if (ampel === null) {
          if (before) {
            deleteOverride(db, measureId);
            logChange(db, s.ctx, 'ampel-override', measureId, 'delete', `${m.code}: Ampel wieder abgeleitet (von Hand war „${AMPEL_LABELS[before.ampel]}“)`, before, undefined);
          }
          return null;
        }
        const after: OverrideRow = { measureId, ampel, reason: reason.trim(), setAt: s.ctx.now(), setBy: s.ctx.user };
        putOverride(db, after);
        logChange(db, s.ctx, 'ampel-override', measureId, before ? 'update' : 'create', `${m.code}: Ampel von Hand auf „${AMPEL_LABELS[ampel]}“ gesetzt – ${after.reason}`, before, after);
        return { ampel: after.ampel, reason: after.reason, setAt: after.setAt, setBy: after.setBy };
      });
    },

    'bericht.list': () => listBerichtRows(s.db).map(berichtInfo),
    'bericht.festschreiben': ({ stichtag, name, gremium }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const now = s.ctx.now();
        const overview = loadSteuerung(db, stichtag, now);
        const content = currentContent(db, now);
        const snap: SnapshotRow = {
          id: newId(), name: name.trim(), date: stichtag, gremium: gremium.trim(), createdAt: now, createdBy: s.ctx.user,
          measureCount: content.measures.length, totalCents: content.totalCents, contentJson: JSON.stringify(content),
        };
        putSnapshot(db, snap);
        logChange(db, s.ctx, 'snapshot', snap.id, 'create', `Stand „${snap.name}“ festgeschrieben (Sachstandsbericht)`, undefined, snap);
        const row: BerichtRow = {
          id: newId(), name: name.trim(), stichtag, snapshotId: snap.id, createdAt: now, createdBy: s.ctx.user,
          stateJson: JSON.stringify(berichtStateOf(overview)),
        };
        putBericht(db, row);
        logChange(db, s.ctx, 'bericht', row.id, 'create', `Sachstandsbericht „${row.name}“ zum ${stichtag.split('-').reverse().join('.')} festgeschrieben`, undefined, row);
        return berichtInfo(row);
      });
    },
    'bericht.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getBerichtRow(db, id);
        if (!before) throw notFound('Der festgeschriebene Bericht');
        deleteBericht(db, id);
        logChange(db, s.ctx, 'bericht', id, 'delete', `Festgeschriebener Sachstandsbericht „${before.name}“ gelöscht`, before, undefined);
      });
      return null;
    },
    'export.bericht': async (args) => {
      const { fileName, bytes } = await exportBericht(s, args);
      return { fileName, base64: Buffer.from(bytes).toString('base64') };
    },

    'fortschreibung.preview': () => {
      const db = s.db;
      const o = loadSteuerung(db, stichtagOf(s, undefined), s.ctx.now());
      const period = planPeriod(db);
      const title = getMeta(db, 'title') ?? '';
      const len = period.first !== null && period.last !== null ? period.last - period.first + 1 : 4;
      const first = (period.last ?? Number(o.stichtag.slice(0, 4))) + 1;
      const candidates: FortschreibungCandidate[] = o.rows.map((r) => ({
        measureId: r.measureId, code: r.code, title: r.title, status: r.status, ampel: r.ampel.effective,
        suggestion: r.status === 'abgeschlossen' ? 'abgeschlossen'
          : r.milestonesTotal > 0 && r.milestonesDone === r.milestonesTotal && r.status === 'in-umsetzung' ? 'abschliessen' : 'uebernehmen',
      }));
      const stripped = title.replace(/\s*\d{4}\s*[–-]\s*\d{4}\s*$/u, '').trim() || 'Maßnahmenplan';
      return {
        title, suggestedTitle: `${stripped} ${first}–${first + len - 1}`, suggestedFirstYear: first, suggestedLastYear: first + len - 1,
        candidates, predecessor: predecessorOf(db),
      } satisfies FortschreibungPreview;
    },
    'fortschreibung.create': async ({ path: given, title, firstYear, lastYear, carryOverIds, closeIds }) => {
      const db = s.db;
      const target = resolve(given);
      if (existsSync(target)) throw new AppError('file-exists', `Die Datei „${target}“ gibt es bereits. Bitte einen anderen Namen wählen.`);
      const sourcePath = s.path!;
      if (target === sourcePath) throw invalid('Die Fortschreibung braucht eine neue Datei.');
      const carry = new Set(carryOverIds);
      for (const id of [...carryOverIds, ...closeIds]) if (!getMeasure(db, id)) throw invalid('Eine der ausgewählten Maßnahmen gibt es nicht mehr. Bitte die Auswahl erneuern.');
      for (const id of closeIds) if (carry.has(id)) throw invalid(`Die Maßnahme ${getMeasure(db, id)!.code} kann nicht zugleich abgeschlossen und übernommen werden.`);
      for (const id of carryOverIds) if (getMeasure(db, id)!.status === 'abgeschlossen') throw invalid(`Die Maßnahme ${getMeasure(db, id)!.code} ist abgeschlossen und wird nicht übernommen.`);
      // The link: this plan's lasting id (given to it below, once the new file is in place).
      const ownId = getMeta(db, 'plan_id') ?? newId();
      const predecessor: PredecessorInfo = {
        id: ownId, path: sourcePath, title: getMeta(db, 'title') ?? '',
        period: (() => { const p = planPeriod(db); return p.first !== null && p.last !== null ? `${p.first}–${p.last}` : ''; })(),
      };
      // 2. A consistent copy next to the target, trimmed to the carried measures, then renamed into place.
      const tmp = join(dirname(target), `.${basename(target)}.${newId()}.tmp`);
      try {
        await db.backup(tmp);
        const next = new Database(tmp);
        try {
          next.pragma('foreign_keys = ON');
          next.transaction(() => {
            const all = next.prepare('SELECT id FROM measures').all() as { id: string }[];
            const del = next.prepare('DELETE FROM measures WHERE id = ?');
            for (const { id } of all) if (!carry.has(id)) del.run(id);
            next.prepare('DELETE FROM ampel_overrides').run();
            next.prepare("UPDATE change_log SET undone = 2 WHERE undone = 1").run();
            const meta = next.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
            const now = s.ctx.now();
            for (const [k, v] of [
              ['title', title.trim()], ['plan_id', newId()], ['created_at', now], ['created_by', s.ctx.user],
              ['period_first', String(firstYear)], ['period_last', String(lastYear)],
              ['predecessor_id', predecessor.id], ['predecessor_path', predecessor.path], ['predecessor_title', predecessor.title], ['predecessor_period', predecessor.period],
            ] as const) meta.run(k, v);
            // A wall for undo: nothing before the Fortschreibung can be undone in the new plan.
            next.prepare('INSERT INTO change_log (at, user, entity, entity_id, action, summary, before_json, after_json, txn) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?)')
              .run(now, s.ctx.user, 'plan', 'fortschreibung', 'create', `Fortschreibung von „${predecessor.title}“ angelegt: ${carry.size} Maßnahmen übernommen`, newId());
          })();
          next.pragma('wal_checkpoint(TRUNCATE)');
        } finally {
          next.close();
        }
        if (existsSync(target)) throw new AppError('file-exists', `Die Datei „${target}“ gibt es bereits. Bitte einen anderen Namen wählen.`);
        renameSync(tmp, target);
      } catch (e) {
        rmSync(tmp, { force: true });
        rmSync(`${tmp}-wal`, { force: true });
        rmSync(`${tmp}-shm`, { force: true });
        if (e instanceof AppError) throw e;
        throw new AppError('file-unwritable', `Die Fortschreibung konnte nicht unter „${target}“ gespeichert werden. Ist der Ordner vorhanden und beschreibbar?`);
      }
      // Only now, with the new plan in place, the current one changes: finished measures closed (one undo step), its id kept.
      changeGroup(db, () => {
        if (closeIds.length > 1) logChange(db, s.ctx, 'step', 'fortschreibung', 'update', `Fortschreibung: ${closeIds.length} Maßnahmen abgeschlossen`, undefined, undefined);
        for (const id of closeIds) {
          const { laufzeit: _l, ...before } = getMeasure(db, id)!;
          if (before.status === 'abgeschlossen') continue;
          const after = { ...before, status: 'abgeschlossen' as const, updatedAt: s.ctx.now() };
          updateMeasure(db, after);
          logChange(db, s.ctx, 'measure', id, 'update', `${before.code}: abgeschlossen (Fortschreibung)`, before, after);
        }
        if (!getMeta(db, 'plan_id')) setMeta(db, 'plan_id', ownId);
      });
      s.open(target);
      s.setRecentTitle(target, title.trim());
      return { path: target, carried: carry.size, closed: closeIds.length, predecessor };
    },
    'plan.predecessor': () => predecessorOf(s.db),
    'actuals.import': async (args) => (await import('../import/ist-import.ts')).importIst(s.db, s.ctx, args),
  } satisfies Partial<Handlers>;
}
