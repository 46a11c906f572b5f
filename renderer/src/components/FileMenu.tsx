// The file actions of the plan (like Word's "Datei" menu). On the desktop the host's file
// dialog picks the path; in the browser (dev server, tests) a dialog asks for it.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PlanInfo } from '../../../shared/domain/types.ts';
import { useBackend } from '../backend/useBackend.tsx';
import { folderOf, messageOf } from '../lib/format.ts';
import { hrefFor, navigate } from '../lib/useRoute.ts';
import { useWorkbench } from '../useWorkbench.tsx';
import { Dialog } from './Dialog.tsx';
import { ErrorAlert } from './Messages.tsx';
import { confirmLeave } from '../forms/LeaveGuard.tsx';
import { BackupsForDialog } from '../views/plan/Backups.tsx';
import { OpenChoiceButtons, OpenProgress, OpenReport, fileNameOf, openFailure, openPlan, type OpenChoice, type OpenFailure, type OpenMode, type OpenResult } from './OpenChoices.tsx';

export type FileAction = 'new' | 'open' | 'saveAs' | 'demo';

const TITLES: Record<FileAction, string> = {
  new: 'Neuen Plan anlegen',
  open: 'Plan öffnen',
  saveAs: 'Plan speichern unter',
  demo: 'Demoplan anlegen',
};

const SUBMIT: Record<FileAction, string> = {
  new: 'Plan anlegen',
  open: 'Öffnen',
  saveAs: 'Speichern',
  demo: 'Demoplan anlegen',
};

const SUGGESTED: Record<FileAction, string> = {
  new: 'Neuer Plan.wirplan',
  open: '',
  saveAs: '',
  demo: 'Landkreis Musterland (Demo).wirplan',
};

function suggestion(action: FileAction, info: PlanInfo | null): string {
  const folder = info ? folderOf(info.path) : '';
  if (action === 'saveAs' && info) return `${folder}${info.fileName.replace(/\.wirplan$/u, '')} (Kopie).wirplan`;
  return `${folder}${SUGGESTED[action]}`;
}

export function FileMenu() {
  const { call, transport } = useBackend();
  const wb = useWorkbench();
  const [dialog, setDialog] = useState<FileAction | null>(null);
  const [hostError, setHostError] = useState<string | null>(null);
  // A refused open from the host's file dialog: the Open dialog shows it with its choices.
  const [refused, setRefused] = useState<OpenFailure | null>(null);
  // "Sicherungen…" of a refused open: the Open dialog closes and the backups dialog takes its place.
  const [backupsOf, setBackupsOf] = useState<string | null>(null);

  async function perform(action: FileAction, path: string, meta?: { title?: string; landkreis?: string }, mode: OpenMode = 'plain'): Promise<Pick<OpenResult, 'info'> & Partial<OpenResult>> {
    switch (action) {
      case 'new': return { info: await call('plan.new', { path, title: meta?.title, landkreis: meta?.landkreis }) };
      case 'open': return openPlan(call, path, mode);
      case 'saveAs': return { info: await call('plan.saveAs', { path }) };
      case 'demo': return { info: await call('plan.createDemo', { path }) };
    }
  }

  async function done(action: FileAction, { info, notice }: { info: PlanInfo; notice?: string }) {
    const text = notice ?? (action === 'saveAs'
      ? `Der Plan wurde als „${info.fileName}“ gespeichert. Sie arbeiten jetzt in dieser Datei.`
      : `Plan „${info.title}“ angelegt und geöffnet.`);
    if (action === 'saveAs') { wb.notify(text); return; }
    const target = hrefFor({ view: 'plan' });
    wb.notify(text, target);
    navigate({ view: 'plan' });
  }

  async function start(action: FileAction) {
    setHostError(null);
    setRefused(null);
    // Another plan replaces this one: unsaved input is saved first, or the planner is asked.
    if (action !== 'saveAs' && !(await confirmLeave())) return;
    if (action === 'new' || transport.kind === 'web') { setDialog(action); return; }
    try {
      const suggested = action === 'open' ? undefined : suggestion(action, wb.info).slice(folderOf(suggestion(action, wb.info)).length);
      const path = await transport.choosePlanPath(action === 'open' ? 'open' : 'save', suggested);
      if (path === null) { setDialog(action); return; }
      if (!path) return; // cancelled in the host's dialog
      try {
        await done(action, await perform(action, path));
      } catch (e) {
        if (action !== 'open') throw e;
        // The refusal may offer choices: shown in the Open dialog, on the chosen path.
        setRefused(openFailure(path, e));
        setDialog('open');
      }
    } catch (e) {
      setHostError(messageOf(e));
    }
  }

  // Menu commands of the desktop host.
  useEffect(() => transport.on('menu', ({ command }) => {
    if (command === 'plan.new') void start('new');
    else if (command === 'plan.open') void start('open');
    else if (command === 'plan.saveAs') void start('saveAs');
    else if (command === 'plan.demo') void start('demo');
    else if (command === 'export.docx') navigate({ view: 'export' });
  }));

  return (
    <>
      <div className="file-menu" role="group" aria-label="Datei">
        <button type="button" className="button small" onClick={() => void start('new')}>Neuer Plan…</button>
        <button type="button" className="button small" onClick={() => void start('open')}>Öffnen…</button>
        <button type="button" className="button small" onClick={() => void start('saveAs')} disabled={!wb.info}>Speichern unter…</button>
        <button type="button" className="button small" onClick={() => void start('demo')}>Demoplan anlegen…</button>
      </div>
      {hostError ? <div className="host-error"><ErrorAlert message={hostError} /></div> : null}
      {dialog ? (
        <PathDialog
          action={dialog}
          initialPath={refused?.path ?? suggestion(dialog, wb.info)}
          initialFailure={refused}
          browse={transport.kind === 'electron' ? (name) => transport.choosePlanPath(dialog === 'open' ? 'open' : 'save', name) : undefined}
          onClose={() => { setDialog(null); setRefused(null); }}
          onSubmit={async (path, meta, mode) => {
            const result = await perform(dialog, path, meta, mode);
            // An open by a choice reports in the dialog what it did; the planner closes it.
            if (!result.report) { setDialog(null); setRefused(null); }
            await done(dialog, result);
            return result.report;
          }}
          onCancelOpen={async () => { await call('plan.cancelOpen', {}); }}
          onBackups={(path) => { setDialog(null); setRefused(null); setBackupsOf(path); }}
        />
      ) : null}
      {backupsOf ? <BackupsForDialog path={backupsOf} title={fileNameOf(backupsOf)} onClose={() => setBackupsOf(null)} /> : null}
    </>
  );
}

function PathDialog({ action, initialPath, initialFailure, onClose, onSubmit, onCancelOpen, onBackups, browse }: {
  action: FileAction;
  initialPath: string;
  /** An open already refused (from the host's file dialog), shown with its choices. */
  initialFailure?: OpenFailure | null;
  onClose: () => void;
  /** Resolves with a report to show in place of the form, or nothing when the dialog goes. */
  onSubmit: (path: string, meta?: { title?: string; landkreis?: string }, mode?: OpenMode) => Promise<string | undefined>;
  /** Stops the check of the open in progress. */
  onCancelOpen: () => Promise<void>;
  /** "Sicherungen…" of a refused open: this dialog closes, the backups of `path` are shown. */
  onBackups: (path: string) => void;
  browse?: (suggestedName?: string) => Promise<string | null | undefined>;
}) {
  const [path, setPath] = useState(initialPath);
  const [title, setTitle] = useState('Maßnahmenplan Zusammenhalt');
  const [landkreis, setLandkreis] = useState('');
  const [failure, setFailure] = useState<OpenFailure | null>(initialFailure ?? null);
  const [busy, setBusy] = useState<OpenMode | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const pathId = useId();
  const hintId = useId();
  const errorId = useId();
  const error = failure?.message ?? null;
  const opening = action === 'open' && busy !== null;

  async function run(target: string, mode: OpenMode) {
    setBusy(mode);
    setFailure(null);
    try {
      const shown = await onSubmit(target, action === 'new' ? { title, landkreis } : undefined, mode);
      if (shown) {
        setReport(shown);
        setBusy(null);
      }
    } catch (err) {
      setFailure(openFailure(target, err));
      setBusy(null);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(path.trim(), 'plain');
  }

  function choose(choice: OpenChoice, f: OpenFailure) {
    if (choice === 'backups') { onBackups(f.path); return; }
    // The choice's button goes away while the file is opened: the focus waits on "Abbrechen".
    cancelRef.current?.focus();
    void run(f.path, choice);
  }

  // While an open is checked, "Abbrechen" (and Escape) stop the check; the refusal then says so.
  const cancel = () => { if (opening) void onCancelOpen(); else onClose(); };

  const hint = action === 'open'
    ? 'Vollständiger Pfad einer vorhandenen Plandatei mit der Endung .wirplan.'
    : 'Vollständiger Pfad der neuen Datei mit der Endung .wirplan. Eine vorhandene Datei wird nie überschrieben.';

  return (
    <Dialog title={report ? 'Plan geöffnet' : TITLES[action]} onClose={cancel} description={action === 'saveAs' ? 'Legt eine Kopie des aktuellen Plans an und arbeitet in der Kopie weiter.' : undefined}>
      {report ? <OpenReport report={report} onDismiss={onClose} dismissLabel="Schließen" /> : (
      <form onSubmit={submit} noValidate className="form">
        {action === 'new' ? (
          <>
            <div className="field">
              <label htmlFor={`${pathId}-title`}>Titel des Plans</label>
              <input id={`${pathId}-title`} value={title} onChange={(e) => setTitle(e.target.value)} data-autofocus />
            </div>
            <div className="field">
              <label htmlFor={`${pathId}-lk`}>Landkreis</label>
              <input id={`${pathId}-lk`} value={landkreis} onChange={(e) => setLandkreis(e.target.value)} placeholder="z. B. Landkreis Musterland" />
            </div>
          </>
        ) : null}
        <div className="field">
          <label htmlFor={pathId}>Dateipfad</label>
          <div className="input-with-button">
            <input
              id={pathId}
              value={path}
              onChange={(e) => setPath(e.target.value)}
              aria-describedby={error ? `${hintId} ${errorId}` : hintId}
              aria-invalid={error ? true : undefined}
              spellCheck={false}
              autoComplete="off"
              {...(action === 'new' ? {} : { 'data-autofocus': true })}
            />
            {browse ? (
              <button type="button" className="button" onClick={async () => { const p = await browse(); if (p) setPath(p); }}>Durchsuchen…</button>
            ) : null}
          </div>
          <p id={hintId} className="hint">{hint}</p>
        </div>
        <ErrorAlert message={error} id={errorId} />
        {action === 'open' ? (
          <>
            <OpenChoiceButtons failure={failure} busy={busy !== null} onChoose={choose} />
            <OpenProgress busy={busy} />
          </>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy !== null}>{SUBMIT[action]}</button>
          <button type="button" className="button" onClick={cancel} ref={cancelRef}>Abbrechen</button>
        </div>
      </form>
      )}
    </Dialog>
  );
}
