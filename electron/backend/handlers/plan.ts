import { existsSync } from 'node:fs';
import { newId } from '../../../shared/domain/ids.ts';
import { resolve } from 'node:path';
import { CATALOGUE } from '../../../shared/catalogue/index.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { PlanInfo } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { fillDemoPlan } from '../demo.ts';
import { AppError } from '../errors.ts';
import { installCatalogue, readCatalogue } from '../repos/catalogue.ts';
import { changeGroup, logChange } from '../repos/changelog.ts';
import { getMeta, setMeta } from '../repos/meta.ts';
import { cleanCopyPath, writeCleanCopy } from '../safety/clean-copy.ts';
import { planInfo } from '../rules/plan-info.ts';
import type { Session } from '../session.ts';
import { describeWriteError, replaceWith } from '../safety/atomic.ts';

export function initPlan(db: Db, s: Session, meta: { title?: string; landkreis?: string }): void {
  installCatalogue(db, CATALOGUE);
  setMeta(db, 'title', meta.title?.trim() || 'Maßnahmenplan Zusammenhalt');
  setMeta(db, 'landkreis', meta.landkreis?.trim() ?? '');
  setMeta(db, 'created_at', s.ctx.now());
  setMeta(db, 'created_by', s.ctx.user);
  // Every copy of this plan carries the same id; merging and sync refuse a different plan.
  setMeta(db, 'plan_id', newId());
}

/** Info of the plan just opened, and its title in the recent list (always the plan title, not the file name). */
function opened(s: Session): PlanInfo {
  const info = planInfo(s);
  s.setRecentTitle(info.path, info.title);
  return info;
}

/** Creates the demo plan file at `path` (refuses to overwrite). */
export function createDemo(s: Session, path: string): PlanInfo {
  s.create(path, (db) => {
    initPlan(db, s, { title: 'Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029', landkreis: 'Landkreis Musterland' });
    fillDemoPlan(db, s.ctx);
  });
  return opened(s);
}

/** On start: reopen the last plan; else open (or first create) the demo plan in the data folder. */
export async function openInitial(s: Session): Promise<PlanInfo> {
  // A plan that failed to open (or whose check timed out) last time is not opened again by itself.
  const last = s.recent().find((r) => r.exists && r.failed === undefined);
  if (last) {
    try {
      await s.openChecked(last.path);
      return opened(s);
    } catch {
      // Fall through to the demo plan; the UI shows the recent list with the failing file.
    }
  }
  try {
    await s.openChecked(s.demoPath);
    return opened(s);
  } catch (e) {
    if (e instanceof AppError && e.code === 'file-missing') return createDemo(s, s.demoPath);
    throw e;
  }
}

export function planHandlers(s: Session) {
  return {
    'plan.info': () => (s.isOpen ? planInfo(s) : null),
    'plan.recent': () => s.recent(),
    'plan.forgetRecent': ({ path }) => s.forgetRecent(path),
    'plan.new': ({ path, title, landkreis }) => {
      s.create(path, (db) => initPlan(db, s, { title, landkreis }));
      return opened(s);
    },
    'plan.createDemo': ({ path }) => createDemo(s, path),
    'plan.open': async ({ path, journal }) => {
      // Checked in the check worker first (deadline, memory cap), then opened.
      await s.openChecked(path, { journal });
      const info = opened(s);
      const aside = journal === 'keep-aside' ? s.journalAside : null;
      return aside ? { ...info, journalAside: aside } : info;
    },
    'plan.cancelOpen': () => s.cancelOpen(),
    'plan.openCleanCopy': async ({ path }) => {
      const original = resolve(path);
      if (!existsSync(original)) throw new AppError('file-missing', `Die Datei „${original}“ wurde nicht gefunden.`);
      const report = writeCleanCopy(original, cleanCopyPath(original));
      await s.openChecked(report.path);
      return { info: opened(s), path: report.path, copiedRows: report.copiedRows, dropped: report.dropped };
    },
    'plan.saveAs': async ({ path: given }) => {
      const db = s.db;
      const path = resolve(given);
      if (existsSync(path)) throw new AppError('file-exists', `Die Datei „${path}“ gibt es bereits. Bitte einen anderen Namen wählen.`);
      try {
        // The online backup API copies a consistent snapshot, WAL included, into a temp file beside
        // the target, which is fsynced and then linked into place (never over an existing file).
        await replaceWith(path, async (tmp) => { await db.backup(tmp); }, { noClobber: true });
      } catch (e) {
        throw new AppError('file-unwritable', `Der Plan konnte nicht unter „${path}“ gespeichert werden (${describeWriteError(e)}). Ist der Ordner vorhanden und beschreibbar?`);
      }
      s.open(path);
      return opened(s);
    },
    'plan.close': () => {
      s.close();
      return null;
    },
    'plan.update': ({ title, landkreis, periodFirstYear, periodLastYear }) => {
      const db = s.db;
      changeGroup(db, () => {
        // Logged per key with both values, so undo can put the old title back.
        const year = (y: number | null | undefined) => (y === undefined ? undefined : y === null ? '' : String(y));
        for (const [key, value, label] of [['title', title, 'Plantitel'], ['landkreis', landkreis, 'Landkreis'],
          ['period_first_year', year(periodFirstYear), 'Planungszeitraum (erstes Jahr)'], ['period_last_year', year(periodLastYear), 'Planungszeitraum (letztes Jahr)']] as const) {
          if (value === undefined) continue;
          const prior = getMeta(db, key);
          if (prior === value) continue;
          setMeta(db, key, value);
          logChange(db, s.ctx, 'meta', key, prior === null ? 'create' : 'update', `${label} geändert: „${value}“`, prior === null ? undefined : { key, value: prior }, { key, value });
        }
      });
      const info = planInfo(s);
      s.setRecentTitle(info.path, info.title);
      return info;
    },
    'catalogue.get': () => {
      // Read from the plan's own copy, so an old plan shows the catalogue it was made with.
      return readCatalogue(s.db);
    },
  } satisfies Partial<Handlers>;
}
