// Decision snapshots ("Stand festschreiben"): the plan's content as a committee saw it, frozen as
// JSON in the plan file, and the Vorlage settings remembered per plan.
import type { SnapshotContent, SnapshotInfo, SnapshotMeasure } from '../../../shared/domain/vorlage.ts';
import type { Db } from '../db/open.ts';
import { computeTotals } from './budget.ts';
import { getMeta } from './meta.ts';
import { listMeasureRows } from './measures.ts';
import { readPriority } from './priority.ts';
import { stmt } from './stmt.ts';

/** The stored row, complete: what the Änderungsprotokoll keeps as before/after image. */
export interface SnapshotRow extends SnapshotInfo {
  contentJson: string;
}

const SELECT = 'SELECT id, name, date, gremium, created_at AS createdAt, created_by AS createdBy, measure_count AS measureCount, total_cents AS totalCents FROM decision_snapshots';

/** The plan's content now, in the form a snapshot freezes. */
export function currentContent(db: Db, takenAt: string): SnapshotContent {
  return db.transaction(() => {
    const rows = listMeasureRows(db);
    const totals = computeTotals(db);
    const priority = readPriority(db, rows);
    const measures: SnapshotMeasure[] = rows.map((m) => {
      const p = priority?.byMeasure.get(m.id);
      return {
        id: m.id, code: m.code, title: m.title, baustelleId: m.baustelleId, status: m.status,
        startYear: m.startYear, startQuarter: m.startQuarter, endYear: m.endYear, endQuarter: m.endQuarter,
        responsibleActorId: m.responsibleActorId, responsibleActorName: m.responsibleActorName,
        costsByYear: { ...m.costsByYear }, totalCents: m.totalCents,
        rank: p?.rank ?? null, nutzwertHalves: p ? p.totalHalves : null,
      };
    });
    return {
      version: 1, takenAt, planTitle: getMeta(db, 'title') ?? '', landkreis: getMeta(db, 'landkreis') ?? '',
      hasScores: priority !== null, totalCents: totals.totalCents, byYear: { ...totals.byYear }, measures,
    } satisfies SnapshotContent;
  })();
}

export function listSnapshots(db: Db): SnapshotInfo[] {
  return stmt(db, `${SELECT} ORDER BY date DESC, created_at DESC, id`).all() as SnapshotInfo[];
}

export function getSnapshotRow(db: Db, id: string): SnapshotRow | undefined {
  return stmt(db, 'SELECT id, name, date, gremium, created_at AS createdAt, created_by AS createdBy, measure_count AS measureCount, total_cents AS totalCents, content_json AS contentJson FROM decision_snapshots WHERE id = ?')
    .get(id) as SnapshotRow | undefined;
}

export function snapshotInfo(row: SnapshotRow): SnapshotInfo {
  const { contentJson: _c, ...info } = row;
  return info;
}

export function snapshotContent(row: SnapshotRow): SnapshotContent {
  return JSON.parse(row.contentJson) as SnapshotContent;
}

/** Inserts or replaces the row exactly as given (also used by undo/redo). */
export function putSnapshot(db: Db, r: SnapshotRow): void {
  stmt(db, `INSERT INTO decision_snapshots (id, name, date, gremium, created_at, created_by, measure_count, total_cents, content_json)
    VALUES (@id, @name, @date, @gremium, @createdAt, @createdBy, @measureCount, @totalCents, @contentJson)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, date = excluded.date, gremium = excluded.gremium, created_at = excluded.created_at,
      created_by = excluded.created_by, measure_count = excluded.measure_count, total_cents = excluded.total_cents, content_json = excluded.content_json`)
    .run(r);
}

export function deleteSnapshot(db: Db, id: string): void {
  stmt(db, 'DELETE FROM decision_snapshots WHERE id = ?').run(id);
}

// ---- Vorlage settings (one row per plan) ----

export interface VorlageSettingsRow { json: string; updatedAt: string; updatedBy: string }

export function getVorlageSettingsRow(db: Db): VorlageSettingsRow | undefined {
  return stmt(db, 'SELECT json, updated_at AS updatedAt, updated_by AS updatedBy FROM vorlage_settings WHERE id = 1').get() as VorlageSettingsRow | undefined;
}

/** Inserts or replaces the row exactly as given (also used by undo/redo). */
export function putVorlageSettingsRow(db: Db, r: VorlageSettingsRow): void {
  stmt(db, `INSERT INTO vorlage_settings (id, json, updated_at, updated_by) VALUES (1, @json, @updatedAt, @updatedBy)
    ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`).run(r);
}

export function deleteVorlageSettingsRow(db: Db): void {
  stmt(db, 'DELETE FROM vorlage_settings WHERE id = 1').run();
}
