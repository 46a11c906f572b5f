// Sicherungen: the backups the workbench keeps of a plan, newest first, and the way back to one.
// Shown for the open plan (plan.backups) and, in a dialog, for a plan that no longer opens
// (plan.backupsFor). A restore keeps the state before as a backup of its own.
import { useEffect, useId, useState } from 'react';
import type { BackupInfo } from '../../../../shared/api/contract.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/Messages.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import { confirmLeave } from '../../forms/LeaveGuard.tsx';
import { formatDateTime, messageOf } from '../../lib/format.ts';
import { navigate } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';

const SIZE = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${SIZE.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${SIZE.format(bytes / (1024 * 1024))} MB`;
}

const measures = (n: number | null) => (n === null ? '–' : n === 1 ? '1 Maßnahme' : `${n} Maßnahmen`);

/** The table of backups with a "Wiederherstellen" per row that asks first. */
function BackupTable({ backups, disabled, restore }: { backups: BackupInfo[]; disabled: boolean; restore: (b: BackupInfo) => Promise<boolean> }) {
  const [asking, setAsking] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  if (backups.length === 0) return <p className="muted">Noch keine Sicherungen vorhanden.</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Sicherungen, neueste zuerst</caption>
          <thead>
            <tr>
              <th scope="col">Zeitpunkt</th>
              <th scope="col">Anlass</th>
              <th scope="col">Inhalt</th>
              <th scope="col" className="num">Größe</th>
              <th scope="col"><span className="visually-hidden">Aktion</span></th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.id}>
                <th scope="row">{formatDateTime(b.createdAt)}</th>
                <td>{b.kindLabel}</td>
                <td>{b.ok ? measures(b.measureCount) : <span className="badge warn">nicht lesbar</span>}</td>
                <td className="num">{formatSize(b.sizeBytes)}</td>
                <td>
                  {b.ok ? (
                    <button type="button" className="button small" disabled={disabled || busy} onClick={() => setAsking(b)}
                      aria-label={`Sicherung vom ${formatDateTime(b.createdAt)} wiederherstellen`}>Wiederherstellen</button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {asking ? (
        <Dialog title="Sicherung wiederherstellen?" onClose={() => { if (!busy) setAsking(null); }}
          description={`Der Plan wird auf den Stand vom ${formatDateTime(asking.createdAt)} (${measures(asking.measureCount)}) zurückgesetzt.`}>
          <p>Der jetzige Stand geht nicht verloren: Er wird vorher als eigene Sicherung („Vor einer Wiederherstellung“) aufbewahrt.</p>
          <div className="form-actions">
            <button type="button" className="button primary" disabled={busy} data-autofocus
              onClick={() => { setBusy(true); void restore(asking).then((done) => { setBusy(false); if (done) setAsking(null); }); }}>
              Wiederherstellen
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setAsking(null)}>Abbrechen</button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

/** The open plan's backups (Plan view). */
export function Backups() {
  const wb = useWorkbench();
  const { call } = useBackend();
  const id = useId();
  const list = usePlanData('plan.backups', {});
  const [error, setError] = useState<string | null>(null);
  const readOnly = wb.info?.readOnly != null;

  async function restore(b: BackupInfo): Promise<boolean> {
    if (!(await confirmLeave())) return false;
    setError(null);
    try {
      await call('plan.restore', { backupId: b.id });
      wb.notify(`Sicherung vom ${formatDateTime(b.createdAt)} wiederhergestellt; der Stand davor ist als Sicherung aufbewahrt.`);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return true;
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Sicherungen</h2>
      <p className="hint">
        Die Werkbank sichert den Plan beim Öffnen und während der Arbeit höchstens alle 15 Minuten, neben der Plandatei
        (oder im Datenordner). Aufbewahrt werden die letzten 10 und für 30 Tage je eine pro Tag.
      </p>
      <ErrorAlert message={error ?? list.error} />
      {list.data ? <BackupTable backups={list.data} disabled={readOnly} restore={restore} /> : <p className="muted">Sicherungen werden gelesen…</p>}
    </section>
  );
}

/** A plan that no longer opens: its backups in a dialog, restoring one opens the plan. */
export function BackupsForDialog({ path, title, onClose }: { path: string; title: string; onClose: () => void }) {
  const wb = useWorkbench();
  const { call, read } = useBackend();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    read('plan.backupsFor', { path }).then((l) => { if (live) setBackups(l); }, (e: unknown) => { if (live) setError(messageOf(e)); });
    return () => { live = false; };
  }, [read, path]);

  async function restore(b: BackupInfo): Promise<boolean> {
    if (!(await confirmLeave())) return false;
    setError(null);
    try {
      const info = await call('plan.restore', { backupId: b.id, path });
      wb.notify(`Sicherung vom ${formatDateTime(b.createdAt)} wiederhergestellt und „${info.title}“ geöffnet; die Datei davor ist aufbewahrt.`);
      onClose();
      navigate({ view: 'plan' });
      return true;
    } catch (e) {
      setError(messageOf(e));
      return true;
    }
  }

  return (
    <Dialog title={`Sicherungen von „${title}“`} onClose={onClose} wide description="Wählen Sie eine Sicherung, um den Plan auf ihren Stand zurückzusetzen.">
      <ErrorAlert message={error} />
      {backups ? <BackupTable backups={backups} disabled={false} restore={restore} /> : error ? null : <p className="muted">Sicherungen werden gelesen…</p>}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>Schließen</button>
      </div>
    </Dialog>
  );
}
