// Merging field-level changes into a plan: the same code for a copy of the plan file and for the
// changes pulled from a PostgreSQL plan. Merging is the union of changes (Actual Budget); the
// newest change per field decides the row, so every replica that has the same changes has the
// same tables. On top of that, a field both sides changed since they parted, to different values,
// is a Konflikt kept with both values for the planner to decide; an edit against a deletion too.
import Database from 'better-sqlite3';
import { newId } from '../../../shared/domain/ids.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import type { ConflictView, CopyPreview, MergeOutcome } from '../../../shared/domain/sync.ts';
import { checkPlanFile, migrate, type Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { changeGroup, logChange, type ChangeContext } from '../repos/changelog.ts';
import { applierFor } from '../repos/history.ts';
import { getMeta, setMeta } from '../repos/meta.ts';
import { stmt } from '../repos/stmt.ts';
import {
  BASE_NODE, DELETED, MAX_DRIFT_MS, captureBaseline, ensureIdentity, insertChange, materialize, parseHlc, recvHlc, withoutRecording,
  type FieldChange, type Materialized,
} from './fieldlog.ts';

/** Bookkeeping fields: the newest wins silently, they are never a Konflikt of their own. */
const BOOKKEEPING = new Set(['updatedAt', 'updatedBy', 'createdAt', 'createdBy', 'laufzeit', 'answeredBy']);

/** Parents before children when rows are put, children before parents when they are removed. */
const KIND_ORDER = ['meta', 'vorlage-settings', 'actor', 'measure', 'criterion', 'frame', 'scenario', 'snapshot', 'frage-answer',
  'responsibility', 'budget', 'milestone', 'indicator', 'dependency', 'score', 'decision'];
const rank = (entity: string) => {
  const i = KIND_ORDER.indexOf(entity);
  return i < 0 ? KIND_ORDER.length : i;
};

const KIND_LABEL: Record<string, string> = {
  measure: 'Maßnahme', actor: 'Akteur', responsibility: 'Zuständigkeit', budget: 'Budgetposition', milestone: 'Umsetzungsschritt',
  indicator: 'Indikator', dependency: 'Abhängigkeit', 'frage-answer': 'Antwort auf Leitfrage', meta: 'Planangabe', snapshot: 'Festgeschriebener Stand',
  'vorlage-settings': 'Sitzungsvorlage', criterion: 'Kriterium', score: 'Bewertung', frame: 'Haushaltsrahmen', decision: 'Festlegung', scenario: 'Szenario',
};

const FIELD_LABEL: Record<string, string> = {
  title: 'Titel', description: 'Beschreibung', goal: 'Ziel', need: 'Bedarf', ausgangslage: 'Ausgangslage', risks: 'Risiken', status: 'Status',
  notes: 'Notizen', amountCents: 'Betrag', year: 'Jahr', name: 'Name', role: 'Rolle', value: 'Wert', answer: 'Antwort', weight: 'Gewicht',
  score: 'Punkte', startYear: 'Beginn (Jahr)', endYear: 'Ende (Jahr)', code: 'Kennung', baustelleId: 'Baustelle', note: 'Notiz', kind: 'Art',
  [DELETED]: 'Löschung',
};

interface ConflictDraft { entity: string; entityId: string; field: string; label: string; mine: string; theirs: string }

export interface MergeAnalysis {
  /** Changes this plan does not have yet. */
  fresh: FieldChange[];
  conflicts: ConflictDraft[];
  /** Rows the fresh changes touch. */
  entities: number;
}

export interface LocalRow { hlc: string; node: string; entity: string; entityId: string; field: string; value_json: string; pushed: number }

const key = (c: { hlc: string; node: string; entity: string; entityId: string; field: string }) =>
  `${c.hlc}\u0001${c.node}\u0001${c.entity}\u0001${c.entityId}\u0001${c.field}`;

/** The plan id every copy of this plan carries (meta plan_id; older plans derive it as migration 0011 does). */
export function planIdOf(db: Db): string {
  const id = getMeta(db, 'plan_id');
  if (id) return id;
  const created = getMeta(db, 'created_at');
  const derived = created ? `v1:${created}|${getMeta(db, 'created_by') ?? ''}` : newId();
  setMeta(db, 'plan_id', derived);
  return derived;
}

/** On every open (Session): own node id for a copied file, baseline for a plan that has none yet. */
export function openedAsFile(db: Db, identity: string): void {
  ensureIdentity(db, identity);
  captureBaseline(db);
}

// ---- validation of changes from outside ------------------------------------------------------

const MAX_TEXT = 200;

/** Changes from a copy or the server are untrusted: shape, clock and JSON are checked before use. */
export function validateIncoming(list: FieldChange[], now = Date.now()): void {
  for (const c of list) {
    const t = parseHlc(c.hlc);
    const ok = t !== null && typeof c.node === 'string' && c.node.length > 0 && c.node.length <= 32
      && typeof c.entity === 'string' && c.entity.length > 0 && c.entity.length <= 40
      && typeof c.entityId === 'string' && c.entityId.length > 0 && c.entityId.length <= MAX_TEXT
      && typeof c.field === 'string' && c.field.length > 0 && c.field.length <= 80 && typeof c.value === 'string';
    if (!ok) throw new AppError('sync-invalid', 'Die übernommenen Änderungen sind unvollständig oder beschädigt. Es wurde nichts geändert.');
    try {
      JSON.parse(c.value);
    } catch {
      throw new AppError('sync-invalid', 'Die übernommenen Änderungen enthalten einen unlesbaren Wert. Es wurde nichts geändert.');
    }
    if (t!.millis > now + MAX_DRIFT_MS) {
      throw new AppError('sync-clock', 'Die übernommenen Änderungen tragen einen Zeitstempel weit in der Zukunft (Uhr des anderen Rechners falsch gestellt?). Es wurde nichts geändert.');
    }
  }
}

// ---- analysis --------------------------------------------------------------------------------

function fold(rows: { field: string; value_json: string }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of rows) m.set(r.field, r.value_json);
  return m;
}

function isDeleted(state: Map<string, string>): boolean {
  return state.get(DELETED) === 'true';
}

function entityLabel(db: Db, entity: string, entityId: string, image: Record<string, unknown> | undefined): string {
  const kind = KIND_LABEL[entity] ?? entity;
  if (entity === 'measure') {
    const code = typeof image?.code === 'string' ? image.code : '';
    const title = typeof image?.title === 'string' ? image.title : '';
    return `${kind} ${code}${title ? ` „${title}“` : ''}`.trim();
  }
  if (entity === 'actor' && typeof image?.name === 'string') return `${kind} „${image.name}“`;
  if (entity === 'meta') return `${kind} „${entityId}“`;
  if (entity === 'budget' && typeof image?.year === 'number') {
    const m = typeof image.measureId === 'string' ? materialize(db, 'measure', image.measureId) : null;
    const code = typeof m?.image.code === 'string' ? `${m.image.code}, ` : '';
    return `${kind} ${code}${image.year}`;
  }
  if (typeof image?.name === 'string') return `${kind} „${image.name}“`;
  if (typeof image?.title === 'string') return `${kind} „${image.title}“`;
  return kind;
}

function conflictLabel(db: Db, entity: string, entityId: string, field: string, image: Record<string, unknown> | undefined): string {
  return `${entityLabel(db, entity, entityId, image)}: ${FIELD_LABEL[field] ?? field}`;
}

/**
 * Which of `incoming` are new here, and where they collide with changes of this plan that the
 * other side does not have (`localUnshared`).
 */
export function analyse(db: Db, incoming: FieldChange[], localUnshared: (r: LocalRow) => boolean): MergeAnalysis {
  const exists = stmt(db, 'SELECT 1 FROM sync_changes WHERE hlc = ? AND node = ? AND entity = ? AND entity_id = ? AND field = ?');
  const seen = new Set<string>();
  const fresh: FieldChange[] = [];
  for (const c of incoming) {
    const k = key(c);
    if (seen.has(k)) continue;
    seen.add(k);
    if (!exists.get(c.hlc, c.node, c.entity, c.entityId, c.field)) fresh.push(c);
  }
  fresh.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  const byEntity = new Map<string, FieldChange[]>();
  for (const c of fresh) {
    const k = `${c.entity}\u0001${c.entityId}`;
    const list = byEntity.get(k);
    if (list) list.push(c);
    else byEntity.set(k, [c]);
  }
  const localRows = stmt(db, 'SELECT hlc, node, entity, entity_id AS entityId, field, value_json, pushed FROM sync_changes WHERE entity = ? AND entity_id = ? ORDER BY hlc, node');
  const conflicts: ConflictDraft[] = [];
  for (const list of byEntity.values()) {
    const { entity, entityId } = list[0];
    const local = localRows.all(entity, entityId) as LocalRow[];
    const unshared = local.filter((r) => r.node !== BASE_NODE && localUnshared(r));
    if (unshared.length === 0) continue;
    const mine = fold(local);
    const theirs = fold(list.map((c) => ({ field: c.field, value_json: c.value })));
    const mineFields = new Set(unshared.map((r) => r.field));
    const image = Object.fromEntries([...mine].map(([f, v]) => [f, JSON.parse(v) as unknown]));
    const label = (field: string) => conflictLabel(db, entity, entityId, field, image);
    const mineEdited = [...mineFields].some((f) => f !== DELETED);
    const theirsEdited = [...theirs.keys()].some((f) => f !== DELETED);
    const theirsDeletes = theirs.get(DELETED) === 'true';
    const mineDeletes = mineFields.has(DELETED) && isDeleted(mine);
    if (theirsDeletes && !isDeleted(mine) && mineEdited) {
      conflicts.push({ entity, entityId, field: DELETED, label: label(DELETED), mine: 'false', theirs: 'true' });
    } else if (mineDeletes && theirsEdited && theirs.get(DELETED) !== 'true') {
      conflicts.push({ entity, entityId, field: DELETED, label: label(DELETED), mine: 'true', theirs: 'false' });
    } else if (mineFields.has(DELETED) && theirs.has(DELETED) && mine.get(DELETED) !== theirs.get(DELETED)) {
      conflicts.push({ entity, entityId, field: DELETED, label: label(DELETED), mine: mine.get(DELETED)!, theirs: theirs.get(DELETED)! });
    }
    for (const [field, value] of theirs) {
      if (field === DELETED || BOOKKEEPING.has(field) || !mineFields.has(field)) continue;
      const own = mine.get(field);
      if (own !== undefined && own !== value) conflicts.push({ entity, entityId, field, label: label(field), mine: own, theirs: value });
    }
  }
  return { fresh, conflicts, entities: byEntity.size };
}

// ---- applying --------------------------------------------------------------------------------

function rowExists(m: Materialized | null): m is Materialized {
  return m !== null && m.alive;
}

/**
 * Writes the fresh changes and the rows they decide, through the entities' repo functions, in one
 * transaction that is one undo step; stores the conflicts. `afterApply` runs inside the same
 * transaction (the sync cursor is advanced there, so it moves only when the apply commits).
 */
export function applyMerge(db: Db, ctx: ChangeContext, a: MergeAnalysis, source: string, afterApply?: () => void, pushed = 0): MergeOutcome {
  const skipped: string[] = [];
  const conflictViews: ConflictView[] = [];
  changeGroup(db, () => {
    const touched = new Map<string, { entity: string; entityId: string }>();
    for (const c of a.fresh) touched.set(`${c.entity}\u0001${c.entityId}`, { entity: c.entity, entityId: c.entityId });
    const rows = [...touched.values()].map((t) => ({ ...t, before: materialize(db, t.entity, t.entityId), after: null as Materialized | null }));
    let maxHlc = '';
    for (const c of a.fresh) {
      insertChange(db, c, pushed);
      if (c.hlc > maxHlc) maxHlc = c.hlc;
    }
    if (maxHlc) recvHlc(db, maxHlc);
    for (const r of rows) r.after = materialize(db, r.entity, r.entityId);
    const summaryOf = (r: (typeof rows)[number]) => entityLabel(db, r.entity, r.entityId, (r.after ?? r.before)?.image);
    const changed = rows.filter((r) => JSON.stringify(r.before) !== JSON.stringify(r.after));
    withoutRecording(db, () => {
      if (changed.length > 0) logChange(db, ctx, 'step', 'merge', 'update', `Änderungen übernommen aus ${source}`, undefined, undefined);
      const puts = changed.filter((r) => rowExists(r.after)).sort((x, y) => rank(x.entity) - rank(y.entity));
      const removes = changed.filter((r) => !rowExists(r.after)).sort((x, y) => rank(y.entity) - rank(x.entity));
      for (const r of removes) {
        const applier = applierFor(r.entity);
        if (!applier || !r.after) continue;
        try {
          db.transaction(() => applier.remove(db, r.entityId, r.after!.image as never))();
          if (rowExists(r.before)) logChange(db, ctx, r.entity, r.entityId, 'delete', `${summaryOf(r)} gelöscht (übernommen)`, r.before.image, undefined);
        } catch {
          skipped.push(`${summaryOf(r)}: konnte nicht gelöscht werden, weil andere Einträge darauf verweisen.`);
        }
      }
      for (const r of puts) {
        const applier = applierFor(r.entity);
        if (!applier) {
          skipped.push(`${summaryOf(r)}: diese Art von Eintrag kennt diese Version der Werkbank nicht.`);
          continue;
        }
        // A copy or the server is input from outside: the merged row must have its kind's shape and name itself.
        const parsed = applier.schema.safeParse(r.after!.image);
        if (!parsed.success || applier.idOf(parsed.data) !== r.entityId) {
          skipped.push(`${summaryOf(r)}: der Eintrag ist ungültig und wurde nicht übernommen.`);
          continue;
        }
        try {
          db.transaction(() => applier.put(db, parsed.data))();
          const before = rowExists(r.before) ? r.before.image : undefined;
          logChange(db, ctx, r.entity, r.entityId, before ? 'update' : 'create', `${summaryOf(r)} ${before ? 'geändert' : 'angelegt'} (übernommen)`, before, r.after!.image);
        } catch {
          skipped.push(`${summaryOf(r)}: konnte nicht übernommen werden (der zugehörige Eintrag fehlt hier oder die Angaben widersprechen einer Regel des Plans).`);
        }
      }
    });
    const at = ctx.now();
    const clear = stmt(db, 'DELETE FROM sync_conflicts WHERE entity = ? AND entity_id = ? AND field = ? AND resolved IS NULL');
    const insert = stmt(db, 'INSERT INTO sync_conflicts (id, entity, entity_id, field, label, mine_json, theirs_json, source, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const c of a.conflicts) {
      const id = newId();
      clear.run(c.entity, c.entityId, c.field);
      insert.run(id, c.entity, c.entityId, c.field, c.label, c.mine, c.theirs, source, at);
      conflictViews.push(toView({ id, entity: c.entity, entity_id: c.entityId, field: c.field, label: c.label, mine_json: c.mine, theirs_json: c.theirs, source, detected_at: at }));
    }
    afterApply?.();
  });
  return { changes: a.fresh.length, entities: a.entities, conflicts: conflictViews, skipped };
}

// ---- conflicts -------------------------------------------------------------------------------

interface ConflictRow { id: string; entity: string; entity_id: string; field: string; label: string; mine_json: string; theirs_json: string; source: string; detected_at: string }

/** A stored value as the planner reads it. */
export function displayValue(field: string, json: string): string {
  const v: unknown = JSON.parse(json);
  if (field === DELETED) return v === true ? 'gelöscht' : 'vorhanden (bearbeitet)';
  if (v === null || v === '') return '(leer)';
  if (field.endsWith('Cents') && typeof v === 'number') return formatCents(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'ja' : 'nein';
  return JSON.stringify(v);
}

function toView(r: ConflictRow): ConflictView {
  return {
    id: r.id, entity: r.entity, entityId: r.entity_id, field: r.field, label: r.label,
    mine: displayValue(r.field, r.mine_json), theirs: displayValue(r.field, r.theirs_json), source: r.source, detectedAt: r.detected_at,
  };
}

export function listConflicts(db: Db): ConflictView[] {
  return (stmt(db, 'SELECT id, entity, entity_id, field, label, mine_json, theirs_json, source, detected_at FROM sync_conflicts WHERE resolved IS NULL ORDER BY detected_at, label')
    .all() as ConflictRow[]).map(toView);
}

/** Decides a conflict: the chosen value becomes a new change (newer than both), so it wins everywhere. */
export function resolveConflict(db: Db, ctx: ChangeContext, id: string, choice: 'mine' | 'theirs'): void {
  changeGroup(db, () => {
    const c = stmt(db, 'SELECT id, entity, entity_id, field, label, mine_json, theirs_json, source, detected_at FROM sync_conflicts WHERE id = ? AND resolved IS NULL')
      .get(id) as ConflictRow | undefined;
    if (!c) throw new AppError('not-found', 'Der Konflikt wurde nicht gefunden oder ist bereits entschieden.');
    const chosen = choice === 'mine' ? c.mine_json : c.theirs_json;
    const applier = applierFor(c.entity);
    const cur = materialize(db, c.entity, c.entity_id);
    if (!applier || !cur) throw new AppError('sync-unknown', 'Dieser Konflikt betrifft einen Eintrag, den diese Version der Werkbank nicht kennt.');
    const summary = `Konflikt entschieden (${choice === 'mine' ? 'meine Fassung' : 'übernommene Fassung'}): ${c.label}`;
    if (c.field === DELETED) {
      if (chosen === 'true') {
        if (cur.alive) applier.remove(db, c.entity_id, cur.image as never);
        logChange(db, ctx, c.entity, c.entity_id, 'delete', summary, cur.image, undefined);
      } else {
        applier.put(db, cur.image as never);
        // Recorded as a new row with every field, so the row comes back wherever it was deleted.
        logChange(db, ctx, c.entity, c.entity_id, 'create', summary, undefined, cur.image);
      }
    } else {
      const after = { ...cur.image, [c.field]: JSON.parse(chosen) as unknown };
      if (cur.alive) applier.put(db, after as never);
      logChange(db, ctx, c.entity, c.entity_id, 'update', summary, cur.image, after);
    }
    stmt(db, 'UPDATE sync_conflicts SET resolved = ? WHERE id = ?').run(choice, id);
  });
}

// ---- a copy of the plan file -----------------------------------------------------------------

export interface CopyChanges { planId: string; title: string; changes: FieldChange[] }

/**
 * Reads the changes of another plan file without writing to it: checked like any plan file,
 * copied into memory, migrated and baselined there (a copy made before this version has no
 * change table yet).
 */
export function readCopy(path: string): CopyChanges {
  const check = checkPlanFile(path);
  if (!check.ok) throw new AppError(`copy-${check.code}`, `Die Kopie kann nicht gelesen werden: ${check.message}`);
  const src = new Database(path, { readonly: true, fileMustExist: true });
  let mem: Db;
  try {
    const bytes = src.serialize();
    // Marked as rollback journal: an in-memory database cannot be in WAL mode (as db/open.ts does for checks).
    if (bytes[18] === 2) bytes[18] = 1;
    if (bytes[19] === 2) bytes[19] = 1;
    mem = new Database(bytes);
  } finally {
    src.close();
  }
  try {
    mem.pragma('foreign_keys = ON');
    migrate(mem);
    captureBaseline(mem);
    const rows = mem.prepare('SELECT hlc, node, entity, entity_id AS entityId, field, value_json AS value FROM sync_changes').all() as FieldChange[];
    return { planId: planIdOf(mem), title: getMeta(mem, 'title') ?? '', changes: rows };
  } finally {
    mem.close();
  }
}

function refuseOtherPlan(db: Db, other: CopyChanges, path: string): void {
  if (other.planId !== planIdOf(db)) {
    throw new AppError('other-plan', `Die Datei „${path}“ ist keine Kopie dieses Plans, sondern ein anderer Plan („${other.title}“). Zusammengeführt werden nur Kopien desselben Plans; es wurde nichts geändert.`);
  }
}

function copyAnalysis(db: Db, path: string): { other: CopyChanges; a: MergeAnalysis } {
  captureBaseline(db);
  const other = readCopy(path);
  refuseOtherPlan(db, other, path);
  validateIncoming(other.changes);
  // Changes of this plan the copy lacks were made here since the two parted.
  const theirs = new Set(other.changes.map(key));
  const a = analyse(db, other.changes, (r) => !theirs.has(key(r)));
  return { other, a };
}

export function previewCopy(db: Db, path: string): CopyPreview {
  const { other, a } = copyAnalysis(db, path);
  return {
    title: other.title, changes: a.fresh.length, entities: a.entities,
    conflicts: a.conflicts.map((c) => ({ label: c.label, mine: displayValue(c.field, c.mine), theirs: displayValue(c.field, c.theirs) })),
  };
}

export function mergeCopy(db: Db, ctx: ChangeContext, path: string, sourceName: string): MergeOutcome {
  const { a } = copyAnalysis(db, path);
  return applyMerge(db, ctx, a, sourceName);
}
