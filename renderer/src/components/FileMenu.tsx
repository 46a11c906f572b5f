// The file actions of the plan (like Word's "Datei" menu). On the desktop the host's file
// dialog picks the path; in the browser (dev server, tests) a dialog asks for it.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PlanInfo } from '../../../shared/domain/types.ts';
import { useBackend } from '../backend/useBackend.tsx';
import { folderOf, messageOf } from '../lib/format.ts';
import { hrefFor, navigate } from '../lib/useRoute.ts';
import { useWorkbench } from '../useWorkbench.tsx';
import { Dialog } from './Dialog.tsx';
import { ErrorAlert } from './Messages.tsx';
import { confirmLeave } from '../forms/LeaveGuard.tsx';

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

  async function perform(action: FileAction, path: string, meta?: { title?: string; landkreis?: string }): Promise<PlanInfo> {
    switch (action) {
      case 'new': return call('plan.new', { path, title: meta?.title, landkreis: meta?.landkreis });
      case 'open': return call('plan.open', { path });
      case 'saveAs': return call('plan.saveAs', { path });
      case 'demo': return call('plan.createDemo', { path });
    }
  }

  async function done(action: FileAction, info: PlanInfo) {
    const text = action === 'saveAs'
      ? `Der Plan wurde als „${info.fileName}“ gespeichert. Sie arbeiten jetzt in dieser Datei.`
      : action === 'open' ? `Plan „${info.title}“ geöffnet.` : `Plan „${info.title}“ angelegt und geöffnet.`;
    if (action === 'saveAs') { wb.notify(text); return; }
    const target = hrefFor({ view: 'plan' });
    wb.notify(text, target);
    navigate({ view: 'plan' });
  }

  async function start(action: FileAction) {
    setHostError(null);
    // Another plan replaces this one: unsaved input is saved first, or the planner is asked.
    if (action !== 'saveAs' && !(await confirmLeave())) return;
    if (action === 'new' || transport.kind === 'web') { setDialog(action); return; }
    try {
      const suggested = action === 'open' ? undefined : suggestion(action, wb.info).slice(folderOf(suggestion(action, wb.info)).length);
      const path = await transport.choosePlanPath(action === 'open' ? 'open' : 'save', suggested);
      if (path === null) { setDialog(action); return; }
      if (!path) return; // cancelled in the host's dialog
      const info = await perform(action, path);
      await done(action, info);
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
          initialPath={suggestion(dialog, wb.info)}
          browse={transport.kind === 'electron' ? (name) => transport.choosePlanPath(dialog === 'open' ? 'open' : 'save', name) : undefined}
          onClose={() => setDialog(null)}
          onSubmit={async (path, meta) => {
            const info = await perform(dialog, path, meta);
            setDialog(null);
            await done(dialog, info);
          }}
        />
      ) : null}
    </>
  );
}

function PathDialog({ action, initialPath, onClose, onSubmit, browse }: {
  action: FileAction;
  initialPath: string;
  onClose: () => void;
  onSubmit: (path: string, meta?: { title?: string; landkreis?: string }) => Promise<void>;
  browse?: (suggestedName?: string) => Promise<string | null | undefined>;
}) {
  const [path, setPath] = useState(initialPath);
  const [title, setTitle] = useState('Maßnahmenplan Zusammenhalt');
  const [landkreis, setLandkreis] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pathId = useId();
  const hintId = useId();
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(path.trim(), action === 'new' ? { title, landkreis } : undefined);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  const hint = action === 'open'
    ? 'Vollständiger Pfad einer vorhandenen Plandatei mit der Endung .wirplan.'
    : 'Vollständiger Pfad der neuen Datei mit der Endung .wirplan. Eine vorhandene Datei wird nie überschrieben.';

  return (
    <Dialog title={TITLES[action]} onClose={onClose} description={action === 'saveAs' ? 'Legt eine Kopie des aktuellen Plans an und arbeitet in der Kopie weiter.' : undefined}>
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
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>{SUBMIT[action]}</button>
          <button type="button" className="button" onClick={onClose}>Abbrechen</button>
        </div>
      </form>
    </Dialog>
  );
}
