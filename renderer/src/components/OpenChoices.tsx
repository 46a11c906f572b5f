// When a plan does not open, the backend's German refusal names what the planner can do: move a
// hot journal aside and open the file as it is, open a cleaned copy, or restore a backup. These
// pieces offer exactly those choices (Open dialog and the recent list), and show a slow open's
// progress with a way to cancel it.
import { useEffect, useRef } from 'react';
import type { CleanCopyResult, PlanInfo } from '../../../shared/domain/types.ts';
import { BackendError, type Backend } from '../backend/useBackend.tsx';
import { messageOf } from '../lib/format.ts';
import { StatusLine } from './Messages.tsx';

/** A refused open: which file, the backend's code and its German message. */
export interface OpenFailure { path: string; code: string; message: string }

/** What can be done about a refused open. */
export type OpenChoice = 'keep-journal' | 'clean-copy' | 'backups';

/** How an open is run: as asked, with the journal moved aside, or as a cleaned copy. */
export type OpenMode = 'plain' | 'keep-journal' | 'clean-copy';

/** Failures whose message may point to a good backup (electron/backend/safety/guarded-plan.ts, OFFER_BACKUP). */
const BACKUP_CODES = new Set([
  'file-missing', 'file-empty', 'file-not-sqlite', 'file-wrong-app', 'file-damaged', 'file-truncated', 'file-unreadable',
  'file-bad-size', 'file-foreign-schema', 'file-timeout', 'damaged', 'migration-failed',
]);

export function openFailure(path: string, e: unknown): OpenFailure {
  return { path, code: e instanceof BackendError ? e.code : 'unknown', message: messageOf(e) };
}

/** The choices the failure's message promises, in the order they are offered. */
export function choicesFor(f: OpenFailure | null): OpenChoice[] {
  if (!f) return [];
  const out: OpenChoice[] = [];
  if (f.code === 'file-hot-journal') out.push('keep-journal');
  if (f.code === 'file-foreign-schema') out.push('clean-copy');
  // withBackupHint names the latest good backup: „… (…, Sicherung „<id>“); sie kann unter „Sicherungen“ …“.
  if (BACKUP_CODES.has(f.code) && f.message.includes('Sicherung „')) out.push('backups');
  return out;
}

const LABELS: Record<OpenChoice, string> = {
  'keep-journal': 'Journaldatei beiseitelegen und öffnen',
  'clean-copy': 'Als bereinigte Kopie öffnen',
  backups: 'Sicherungen…',
};

const ROWS = new Intl.NumberFormat('de-DE');

/** The last part of a path (either separator). */
export function fileNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The report after an open that moved the journal aside: its new path, or where to look for it. */
export function journalReport(info: PlanInfo): string {
  const where = info.journalAside
    ? `Sie liegt jetzt unter „${info.journalAside}“.`
    : `Sie liegt neben der Plandatei, unter dem Namen „${info.fileName}.journal-beiseite-…“ (mit Datum und Uhrzeit).`;
  return `Plan „${info.title}“ geöffnet, so wie er in der Datei steht. Die Journaldatei wurde nicht zurückgespielt und bleibt erhalten: ${where}`;
}

/** The report after a cleaned copy was opened: where it is, how much came over, what was left out. */
export function cleanCopyReport(r: CleanCopyResult): string {
  const rows = r.copiedRows === 1 ? '1 Zeile' : `${ROWS.format(r.copiedRows)} Zeilen`;
  // Each line of `dropped` is a German sentence of its own ("Trigger „x“ nicht übernommen (…).").
  const dropped = r.dropped.length > 0 ? r.dropped.map((d) => (/[.!?]$/u.test(d) ? d : `${d}.`)).join(' ') : 'Nichts wurde weggelassen.';
  return `Bereinigte Kopie „${r.info.title}“ geöffnet: ${r.path}. ${rows} übernommen. ${dropped} Die Originaldatei bleibt unverändert.`;
}

/** An open's outcome: a short notice for the status line and, after a choice, a report to show where the choice was made. */
export interface OpenResult { info: PlanInfo; notice: string; report?: string }

/** Opens `path` the chosen way. */
export async function openPlan(call: Backend['call'], path: string, mode: OpenMode): Promise<OpenResult> {
  if (mode === 'clean-copy') {
    const r = await call('plan.openCleanCopy', { path });
    return { info: r.info, notice: `Bereinigte Kopie „${r.info.fileName}“ geöffnet; die Originaldatei bleibt unverändert.`, report: cleanCopyReport(r) };
  }
  const info = await call('plan.open', mode === 'keep-journal' ? { path, journal: 'keep-aside' } : { path });
  if (mode === 'plain') return { info, notice: `Plan „${info.title}“ geöffnet.` };
  return { info, notice: `Plan „${info.title}“ geöffnet; die Journaldatei ist beiseitegelegt.`, report: journalReport(info) };
}

/**
 * The report of an open made by a choice, with a way to dismiss it. The choice's button went away with
 * the refusal: a focus lost with it comes to the dismiss button.
 */
export function OpenReport({ report, onDismiss, dismissLabel }: { report: string; onDismiss: () => void; dismissLabel: string }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const lost = () => !document.activeElement || document.activeElement === document.body;
    if (lost()) button.current?.focus();
    // The view may still be settling (a new plan loads): look once more on the next frame.
    const frame = requestAnimationFrame(() => { if (lost()) button.current?.focus(); });
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <div className="open-report">
      <p role="status">{report}</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDismiss} ref={button}>{dismissLabel}</button>
      </div>
    </div>
  );
}

/** The buttons for the choices a refused open offers (nothing when it offers none). */
export function OpenChoiceButtons({ failure, busy, onChoose, name }: {
  failure: OpenFailure | null;
  busy: boolean;
  onChoose: (choice: OpenChoice, failure: OpenFailure) => void;
  /** Names the plan in the buttons' accessible names (the recent list has several). */
  name?: string;
}) {
  const choices = choicesFor(failure);
  if (!failure || choices.length === 0) return null;
  return (
    <div className="form-actions open-choices" role="group" aria-label={`Möglichkeiten für „${name ?? fileNameOf(failure.path)}“`}>
      {choices.map((c) => (
        <button key={c} type="button" className="button" disabled={busy}
          onClick={() => onChoose(c, failure)}>
          {LABELS[c]}
        </button>
      ))}
    </div>
  );
}

/** A polite live region that says what an open in progress does; always present, so the change is announced. */
export function OpenProgress({ busy }: { busy: OpenMode | null }) {
  return (
    <StatusLine className="open-progress">
      {busy === 'clean-copy' ? 'Bereinigte Kopie wird angelegt und geprüft…' : busy ? 'Plan wird geprüft…' : null}
    </StatusLine>
  );
}
