// Field-level changes with hybrid logical clocks: the data model shared by merging plan copies
// and syncing with a PostgreSQL plan (issue 15).
//
// Taken from Actual Budget (actualbudget/actual): each change is one message (dataset → entity,
// row → entity_id, column → field, value, timestamp) stored in a table like its messages_crdt
// (loot-core/src/server/sync/index.ts); the newest timestamp per field wins, and the state is the
// fold of all messages, so merging two replicas is the union of their messages. The timestamp is
// its Hybrid Unique Logical Clock (packages/crdt/src/crdt/timestamp.ts): wall millis, a counter
// for the same millisecond, the node id; `send` for local changes, `recv` for remote ones, and a
// bound on clock drift. Not taken: the Merkle trie (a file merge compares the key sets, the
// server hands out a sequence number as cursor).
//
// Every write logged through repos/changelog.ts (`logChange`) records its field changes here,
// derived from the before/after images, so every writer gets it without doing anything.
import { migration as syncMigration } from '../db/migrations/0010-sync.ts';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.ts';
import { stmt } from '../repos/stmt.ts';

/** Node and timestamp of the baseline: the same in every copy of one plan. */
export const BASE_NODE = 'basis';
export const BASE_HLC = '0';
/** The pseudo field that says whether the row exists. */
export const DELETED = '$deleted';
/** Entities that are log entries only, not rows. */
const NOT_ROWS = new Set(['step', 'plan', 'history']);

export interface FieldChange {
  hlc: string;
  node: string;
  entity: string;
  entityId: string;
  field: string;
  /** JSON text of the value. */
  value: string;
}

/** Writes made by merging are already changes of someone else: not recorded again. */
const suppressed = new WeakSet<Db>();

export function withoutRecording<T>(db: Db, fn: () => T): T {
  if (suppressed.has(db)) return fn();
  suppressed.add(db);
  try {
    return fn();
  } finally {
    suppressed.delete(db);
  }
}

export function getState(db: Db, key: string): string | null {
  const r = stmt(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return r?.value ?? null;
}

export function setState(db: Db, key: string, value: string | null): void {
  if (value === null) stmt(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
  else stmt(db, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

const SYNC_VERSION = syncMigration.version;

function hasSyncTables(db: Db): boolean {
  // The version of migration sync (renumbered at merges, so taken from the migration, not written out).
  return (db.pragma('user_version', { simple: true }) as number) >= SYNC_VERSION;
}

/** This copy's node id (16 hex digits), made on first use. */
export function nodeId(db: Db): string {
  let node = getState(db, 'node');
  if (!node) {
    node = randomBytes(8).toString('hex');
    setState(db, 'node', node);
  }
  return node;
}

/**
 * Called when a plan file is opened: `identity` names the file (path and inode). A copy made by
 * copying the file carries the original's node id; when it opens as a different file it gets its
 * own, so two copies never stamp changes with the same node and clock.
 */
export function ensureIdentity(db: Db, identity: string): void {
  if (!hasSyncTables(db)) return;
  db.transaction(() => {
    const known = getState(db, 'file');
    if (known !== identity) {
      if (known !== null || !getState(db, 'node')) setState(db, 'node', randomBytes(8).toString('hex'));
      setState(db, 'file', identity);
    }
  })();
}

// ---- the clock -------------------------------------------------------------------------------

/** Maximum a remote clock may be ahead of ours (Actual Budget allows five minutes; copies travel longer). */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;
const MAX_COUNTER = 0xffff;

interface Clock { millis: number; counter: number }

function readClock(db: Db): Clock {
  const raw = getState(db, 'clock');
  if (!raw) return { millis: 0, counter: 0 };
  const [m, c] = raw.split(':');
  return { millis: Number(m) || 0, counter: Number(c) || 0 };
}

function writeClock(db: Db, c: Clock): void {
  setState(db, 'clock', `${c.millis}:${c.counter}`);
}

export function formatHlc(millis: number, counter: number, node: string): string {
  return `${new Date(millis).toISOString()}-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;
}

const HLC_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9a-z]{1,32})$/;

export function parseHlc(hlc: string): { millis: number; counter: number; node: string } | null {
  if (hlc === BASE_HLC) return { millis: 0, counter: 0, node: BASE_NODE };
  const m = HLC_RE.exec(hlc);
  if (!m) return null;
  const millis = Date.parse(m[1]);
  if (Number.isNaN(millis)) return null;
  return { millis, counter: parseInt(m[2], 16), node: m[3] };
}

/** A new timestamp for a local change (Actual's Timestamp.send). */
export function sendHlc(db: Db, now = Date.now()): string {
  const old = readClock(db);
  const millis = Math.max(old.millis, now);
  const counter = millis === old.millis ? old.counter + 1 : 0;
  if (counter > MAX_COUNTER) throw new Error('HLC counter overflow');
  writeClock(db, { millis, counter });
  return formatHlc(millis, counter, nodeId(db));
}

/** Moves the clock past a remote timestamp (Actual's Timestamp.recv), so later local changes sort after it. */
export function recvHlc(db: Db, hlc: string, now = Date.now()): void {
  const msg = parseHlc(hlc);
  if (!msg) return;
  const old = readClock(db);
  const millis = Math.max(old.millis, now, msg.millis);
  const counter = millis === old.millis && millis === msg.millis ? Math.max(old.counter, msg.counter) + 1
    : millis === old.millis ? old.counter + 1 : millis === msg.millis ? msg.counter + 1 : 0;
  writeClock(db, { millis, counter: Math.min(counter, MAX_COUNTER) });
}

// ---- recording -------------------------------------------------------------------------------

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** JSON text of a value; undefined (a missing field) is stored as null. */
export function toJson(v: unknown): string {
  return JSON.stringify(v === undefined ? null : v);
}

/** The field changes that turn `before` into `after` (complete row images; undefined = no row). */
export function diffImages(before: unknown, after: unknown): [field: string, value: string][] {
  const b = isRecord(before) ? before : undefined;
  const a = isRecord(after) ? after : undefined;
  if (!a) return b ? [[DELETED, 'true']] : [];
  const out: [string, string][] = [];
  if (!b) out.push([DELETED, 'false']);
  for (const [k, v] of Object.entries(a)) {
    const next = toJson(v);
    if (!b || toJson(b[k]) !== next) out.push([k, next]);
  }
  if (b) for (const k of Object.keys(b)) if (!Object.hasOwn(a, k) && b[k] !== undefined && b[k] !== null) out.push([k, 'null']);
  return out;
}

const INSERT = 'INSERT OR IGNORE INTO sync_changes (hlc, node, entity, entity_id, field, value_json, pushed) VALUES (?, ?, ?, ?, ?, ?, ?)';

export function insertChange(db: Db, c: FieldChange, pushed = 0): boolean {
  return stmt(db, INSERT).run(c.hlc, c.node, c.entity, c.entityId, c.field, c.value, pushed).changes > 0;
}

/** Records the field changes of one logged row change (called by logChange and by undo/redo). */
export function recordImages(db: Db, entity: string, entityId: string, before: unknown, after: unknown): void {
  if (suppressed.has(db) || NOT_ROWS.has(entity) || !hasSyncTables(db)) return;
  const fields = diffImages(before, after);
  if (fields.length === 0) return;
  if (getState(db, 'baseline') === 'pending') captureBaseline(db, { entity, entityId, image: before });
  const hlc = sendHlc(db);
  const node = nodeId(db);
  for (const [field, value] of fields) insertChange(db, { hlc, node, entity, entityId, field, value });
}

// ---- the state as the changes say it ---------------------------------------------------------

export interface Materialized { alive: boolean; image: Record<string, unknown> }

/** The row as the newest change per field says (null when no change names it). */
export function materialize(db: Db, entity: string, entityId: string): Materialized | null {
  const rows = stmt(db, 'SELECT field, value_json FROM sync_changes WHERE entity = ? AND entity_id = ? ORDER BY hlc, node')
    .all(entity, entityId) as { field: string; value_json: string }[];
  if (rows.length === 0) return null;
  const image: Record<string, unknown> = {};
  let deleted = false;
  for (const r of rows) {
    const v: unknown = JSON.parse(r.value_json);
    if (r.field === DELETED) deleted = v === true;
    else image[r.field] = v;
  }
  return { alive: !deleted, image };
}

// ---- baseline ------------------------------------------------------------------------------

/** Lists every row of each entity kind as its logged image; provided by repos/history.ts. */
export type ImageSource = () => Map<string, (db: Db) => Iterable<[string, unknown]>>;
let imageSource: ImageSource = () => new Map();

export function registerImageSource(src: ImageSource): void {
  imageSource = src;
}

/**
 * Writes the plan's current state as changes, once: rows no change names get baseline changes
 * (node "basis", hlc "0", the same in every copy made from the same state), so two copies
 * migrated separately share their baseline. `override` is the row image before a write that
 * happened before the baseline was taken (the first logged write after migration).
 */
export function captureBaseline(db: Db, override?: { entity: string; entityId: string; image: unknown }): number {
  if (!hasSyncTables(db)) return 0;
  return db.transaction(() => {
    const sources = imageSource();
    if (getState(db, 'baseline') !== 'pending' || sources.size === 0) return 0;
    setState(db, 'baseline', 'done');
    let n = 0;
    const named = stmt(db, 'SELECT 1 FROM sync_changes WHERE entity = ? AND entity_id = ? LIMIT 1');
    const put = (entity: string, entityId: string, image: unknown) => {
      if (named.get(entity, entityId)) return;
      for (const [field, value] of diffImages(undefined, image)) {
        insertChange(db, { hlc: BASE_HLC, node: BASE_NODE, entity, entityId, field, value });
        n++;
      }
    };
    if (override?.image !== undefined) put(override.entity, override.entityId, override.image);
    for (const [entity, list] of sources) {
      for (const [id, image] of list(db)) {
        if (override && override.entity === entity && override.entityId === id) continue;
        put(entity, id, image);
      }
    }
    return n;
  })();
}
