// The backend: one handler map implementing the contract, and one dispatcher that
// validates every call at the boundary. Serves IPC (Electron), HTTP (dev server), CLI and tests alike.
import { ARGS, isMethod, READ_METHODS, type Api, type Envelope, type Handlers, type Method } from '../../shared/api/contract.ts';
import type { Freshness } from '../../shared/api/freshness.ts';
import { describeZodError } from '../../shared/domain/schemas.ts';
import { AppError } from './errors.ts';
import { docxFileName } from './export/docx.ts';
import { loadSnapshot } from './export/snapshot.ts';
import { actorHandlers } from './handlers/actors.ts';
import { budgetHandlers } from './handlers/budget.ts';
import { seriesHandlers } from './handlers/series.ts';
import { bulkHandlers } from './handlers/bulk.ts';
import { frageHandlers } from './handlers/fragen.ts';
import { overviewHandlers } from './handlers/overview.ts';
import { sheetHandlers } from './handlers/sheet.ts';
import { viewHandlers } from './handlers/views.ts';
import { vorlageHandlers } from './handlers/vorlage.ts';
import { documentHandlers } from './handlers/documents.ts';
import { cancelExports, runExportJob } from './handlers/export-jobs.ts';
import { exchangeHandlers } from './handlers/exchange.ts';
import { measureHandlers } from './handlers/measures.ts';
import { planHandlers } from './handlers/plan.ts';
import { priorityHandlers } from './handlers/priorities.ts';
import { backupHandlers } from './handlers/backups.ts';
import { roundHandlers } from './handlers/rounds.ts';
import { syncHandlers } from './handlers/sync.ts';
import { monitoringHandlers } from './handlers/monitoring.ts';
import { afterEachCall } from './safety/hooks.ts';
import { freshnessAfter, freshnessMark } from './changes/freshness.ts';
import type { Session } from './session.ts';

/** The session behind each handler map, so dispatch can say what a call changed (changes/freshness.ts)
 * and refuse writes while the open plan is read-only (someone else writes it). */
const sessions = new WeakMap<Handlers, Session>();

export function createHandlers(s: Session): Handlers {
  // afterEachCall: write-back of network plans and the 15-minute backup (electron/backend/safety).
  const handlers = afterEachCall(s, {
    ...planHandlers(s),
    ...backupHandlers(s),
    ...measureHandlers(s),
    ...actorHandlers(s),
    ...budgetHandlers(s),
    ...seriesHandlers(s),
    ...sheetHandlers(s),
    ...frageHandlers(s),
    ...bulkHandlers(s),
    ...overviewHandlers(s),
    ...viewHandlers(s),
    ...priorityHandlers(s),
    ...vorlageHandlers(s),
    ...documentHandlers(s),
    'export.cancel': () => ({ cancelled: cancelExports() }),
    ...exchangeHandlers(s),
    ...roundHandlers(s),
    ...syncHandlers(s),
    ...monitoringHandlers(s),
    'export.docx': async () => {
      const snap = loadSnapshot(s);
      const bytes = await runExportJob({ kind: 'plan', snap });
      return { fileName: docxFileName(snap), base64: Buffer.from(bytes).toString('base64') };
    },
  } satisfies Handlers);
  sessions.set(handlers, s);
  return handlers;
}

function sqliteMessage(e: { code?: string; message?: string }): AppError | null {
  const code = e.code ?? '';
  if (code === 'SQLITE_FULL') return new AppError('disk-full', 'Der Datenträger ist voll. Die Änderung wurde nicht gespeichert; der Plan ist unverändert.');
  if (code.startsWith('SQLITE_IOERR')) return new AppError('io-error', 'Beim Schreiben der Plandatei ist ein Ein-/Ausgabefehler aufgetreten. Die Änderung wurde nicht gespeichert.');
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new AppError('busy', 'Die Plandatei ist gerade gesperrt. Bitte in einem Moment erneut versuchen.');
  if (code === 'SQLITE_READONLY') return new AppError('read-only', 'Die Plandatei ist schreibgeschützt. Die Änderung wurde nicht gespeichert.');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new AppError('damaged', 'Die Plandatei ist beschädigt. Bitte eine Sicherung öffnen.');
  if (code.startsWith('SQLITE_CONSTRAINT')) return new AppError('invalid', 'Die Änderung verstößt gegen eine Regel des Plans und wurde nicht gespeichert.');
  return null;
}

/** Turns any failure into { code, message } with a German message; unknown faults are logged, never shown raw. */
export function toApiError(e: unknown): { code: string; message: string } {
  if (e instanceof AppError) return { code: e.code, message: e.message };
  const mapped = sqliteMessage(e as { code?: string });
  if (mapped) return { code: mapped.code, message: mapped.message };
  console.error('[backend] unexpected error', e);
  return { code: 'internal', message: 'Ein unerwarteter Fehler ist aufgetreten. Die Änderung wurde nicht gespeichert.' };
}

export async function dispatch(handlers: Handlers, method: unknown, rawArgs: unknown): Promise<Envelope<unknown>> {
  if (!isMethod(method)) return { ok: false, error: { code: 'unknown-method', message: 'Unbekannte Funktion.' } };
  // One check for every method that may change the plan, before anything else: a read-only plan says so.
  const session = sessions.get(handlers);
  const readOnly = READ_METHODS.has(method) ? null : session?.readOnly?.message ?? null;
  if (readOnly) return { ok: false, error: { code: 'read-only-plan', message: `${readOnly} Änderungen sind nicht möglich; mit „Als Kopie speichern“ entsteht eine eigene Datei zum Bearbeiten.` } };
  let parsed: ReturnType<(typeof ARGS)[typeof method]['safeParse']>;
  try {
    parsed = ARGS[method].safeParse(rawArgs ?? {});
  } catch {
    // Input nested deeper than the validator's stack (a hostile request): refused like any invalid input.
    return { ok: false, error: { code: 'invalid', message: 'Die Eingabe ist zu tief verschachtelt und wurde nicht angenommen.' } };
  }
  if (!parsed.success) return { ok: false, error: { code: 'invalid', message: describeZodError(parsed.error) } };
  const bad = badText(parsed.data);
  if (bad !== null) return { ok: false, error: { code: 'invalid', message: `${bad ? `Feld „${bad}“: ` : ''}Der Text enthält ein unzulässiges Zeichen (ein Nullzeichen oder ein unvollständiges Unicode-Zeichen) und wurde nicht angenommen.` } };
  const mark = session ? freshnessMark(session) : null;
  let result: Envelope<unknown>;
  try {
    const handler = handlers[method] as (a: unknown) => unknown;
    const value = await handler(parsed.data);
    result = { ok: true, value: value ?? null };
  } catch (e) {
    result = { ok: false, error: toApiError(e) };
  }
  // Every response says the plan's revision and what the call changed, derived here for all handlers alike.
  const fresh: Freshness | null = session && mark ? safeFreshness(session, mark, method, !result.ok) : null;
  return fresh ? { ...result, ...fresh } : result;
}

// In Unicode mode a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate.
// oxlint-disable-next-line no-control-regex -- NUL is exactly what is refused here
const BAD_TEXT = /[\u0000\p{Cs}]/u;

/**
 * The path of the first text (value or key) with a NUL character or a lone surrogate, '' for the
 * top level, null when all text is sound. Such text survives JSON and SQLite but breaks the DOCX
 * (invalid XML), the XLSX and every comparison: refused for every method alike, before any handler.
 */
export function badText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return BAD_TEXT.test(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    const at = path ? `${path}.${k}` : k;
    if (badText(k, at) !== null) return at;
    const inner = badText(v, at);
    if (inner !== null) return inner;
  }
  return null;
}

function safeFreshness(s: Session, mark: ReturnType<typeof freshnessMark>, method: Method, failed: boolean): Freshness | null {
  try {
    return freshnessAfter(s, mark, method, failed);
  } catch (e) {
    // The answer stands; the caller reloads everything rather than trusting a partial list.
    console.error('[backend] freshness', e);
    return { revision: 0, touched: ['*'] };
  }
}

/** A typed in-process client: the same path as IPC and HTTP, minus the hop. Throws AppError on failure. */
export function createClient(handlers: Handlers): Api {
  return new Proxy({} as Api, {
    get: (_t, method: string) => async (args: unknown) => {
      const r = await dispatch(handlers, method as Method, args);
      if (!r.ok) throw new AppError(r.error.code, r.error.message);
      return r.value;
    },
  });
}
