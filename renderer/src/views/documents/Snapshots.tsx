// Festgeschriebene Stände: "Stand festschreiben" after a committee decided (name, Sitzungsdatum,
// Gremium), the list with delete, and the Änderungsliste of the plan now against one Stand.
import { useId, useState, type FormEvent } from 'react';
import { MEASURE_STATUS_LABELS } from '../../../../shared/domain/enums.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import type { SnapshotCostChange, SnapshotInfo, SnapshotMeasureChange, SnapshotMeasureEntry } from '../../../../shared/domain/vorlage.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ConfirmDialog, Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { formatDateTime, messageOf } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { usePlanData } from '../../data/usePlanData.ts';
import { countOf, ExportCrumbs, germanDate, todayIso } from './common.tsx';
import { exportHref } from './subRoute.ts';
import { MAX_DATE, MIN_DATE } from '../../../../shared/domain/vorlage.ts';

const signed = (cents: number) => (cents > 0 ? `+${formatCents(cents)}` : formatCents(cents));

export function SnapshotsPanel() {
  const { call } = useBackend();
  const { data, error } = usePlanData('snapshots.list', {});
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<SnapshotInfo | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const list = data ?? [];

  return (
    <section className="panel" aria-labelledby="doc-snap-h">
      <div className="block-head">
        <h2 id="doc-snap-h">Festgeschriebene Stände</h2>
        <button type="button" className="button" onClick={() => setCreating(true)}>Stand festschreiben…</button>
      </div>
      <p className="doc-text">
        Halten Sie fest, was ein Gremium beschlossen hat: Maßnahmen, Kosten je Jahr, Priorität, verantwortliche Stelle, Zeitraum und Status.
        Die Änderungsliste zeigt später, was sich seitdem geändert hat – auch als Abschnitt einer neuen Sitzungsvorlage.
      </p>
      <ErrorAlert message={error} />
      <StatusLine>{status}</StatusLine>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Festgeschriebene Stände, neueste Sitzung zuerst</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Sitzungsdatum</th>
              <th scope="col">Gremium</th>
              <th scope="col" className="num">Maßnahmen</th>
              <th scope="col" className="num">Gesamtkosten</th>
              <th scope="col">festgeschrieben</th>
              <th scope="col" className="actions"><span className="visually-hidden">Aktionen</span></th>
            </tr>
          </thead>
          <tbody>
            {data && list.length === 0 ? <tr><td colSpan={7} className="empty">Noch kein Stand festgeschrieben.</td></tr> : null}
            {list.map((s) => (
              <tr key={s.id}>
                <th scope="row" className="row-head">{s.name}</th>
                <td className="nowrap">{germanDate(s.date)}</td>
                <td>{s.gremium || '–'}</td>
                <td className="num">{s.measureCount}</td>
                <td className="num">{formatCents(s.totalCents)}</td>
                <td className="small">{formatDateTime(s.createdAt)}{s.createdBy ? ` · ${s.createdBy}` : ''}</td>
                <td className="actions">
                  <a className="link-cta" href={exportHref({ page: 'stand', id: s.id })} aria-label={`Änderungsliste seit „${s.name}“`}>Änderungsliste</a>{' '}
                  <button type="button" className="button small quiet danger-text" onClick={() => setDeleting(s)} aria-label={`Stand „${s.name}“ löschen`}>Löschen…</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {creating ? (
        <CreateSnapshotDialog onClose={() => setCreating(false)}
          onCreated={async (s) => { setCreating(false); setStatus(`Stand „${s.name}“ festgeschrieben (${countOf(s.measureCount, 'Maßnahme', 'Maßnahmen')}).`); }} />
      ) : null}
      {deleting ? (
        <DeleteSnapshotDialog snapshot={deleting} onClose={() => setDeleting(null)}
          onDelete={async () => {
            await call('snapshots.delete', { id: deleting.id });
            setStatus(`Stand „${deleting.name}“ gelöscht.`);
            setDeleting(null);
          }} />
      ) : null}
    </section>
  );
}

function CreateSnapshotDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (s: SnapshotInfo) => Promise<void> }) {
  const { call } = useBackend();
  const id = useId();
  const [name, setName] = useState('');
  const [date, setDate] = useState(todayIso());
  const [gremium, setGremium] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const s = await call('snapshots.create', { name, date, gremium });
      await onCreated(s);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }
  return (
    <Dialog title="Stand festschreiben" onClose={onClose}
      description="Hält den jetzigen Stand aller Maßnahmen fest, z. B. nach dem Beschluss eines Gremiums. Der Stand lässt sich später nicht ändern.">
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-n`}>Name <span className="req">(Pflichtfeld)</span></label>
          <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} data-autofocus placeholder="z. B. Beschluss Kreistag" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-d`}>Sitzungsdatum <span className="req">(Pflichtfeld)</span></label>
          <input id={`${id}-d`} type="date" min={MIN_DATE} max={MAX_DATE} value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-g`}>Gremium</label>
          <input id={`${id}-g`} value={gremium} onChange={(e) => setGremium(e.target.value)} placeholder="z. B. Kreistag" />
        </div>
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>Festschreiben</button>
          <button type="button" className="button" onClick={onClose}>Abbrechen</button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteSnapshotDialog({ snapshot, onClose, onDelete }: { snapshot: SnapshotInfo; onClose: () => void; onDelete: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ConfirmDialog title="Stand löschen?" confirmLabel="Stand löschen" busy={busy} onClose={onClose}
      onConfirm={async () => {
        setBusy(true); setError(null);
        try { await onDelete(); } catch (e) { setError(messageOf(e)); setBusy(false); }
      }}>
      <p>
        Der festgeschriebene Stand „{snapshot.name}“ vom {germanDate(snapshot.date)} wird gelöscht. Die Maßnahmen bleiben unverändert;
        eine Änderungsliste gegenüber diesem Stand ist danach nicht mehr möglich. Der Schritt lässt sich mit „Rückgängig“ zurücknehmen.
      </p>
      <ErrorAlert message={error} />
    </ConfirmDialog>
  );
}

// ---------------------------------------------------------------------------------------------
// Änderungsliste

export function SnapshotDiffPage({ snapshotId }: { snapshotId: string }) {
  const { data, error } = usePlanData('snapshots.diff', { snapshotId });
  if (!data) {
    return (
      <>
        <ExportCrumbs />
        <ViewHeading placeholder={!error}>Änderungsliste</ViewHeading>
        <ErrorAlert message={error} />
      </>
    );
  }
  const s = data.snapshot;
  const since = `${germanDate(s.date)}${s.gremium ? `, ${s.gremium}` : ''}`;
  return (
    <>
      <div className="view-head">
        <ExportCrumbs />
        <ViewHeading>Änderungsliste seit „{s.name}“</ViewHeading>
        <p className="lead">{data.summary}</p>
        <div className="actions-row">
          <a className="link-cta" href={exportHref({ page: 'vorlage', changesSince: s.id })}>Sitzungsvorlage mit dieser Änderungsliste erstellen</a>
        </div>
      </div>
      <ErrorAlert message={error} />

      <section className="panel" aria-labelledby="doc-diff-sum">
        <h2 id="doc-diff-sum">Überblick</h2>
        <dl className="facts">
          <div><dt>Stand</dt><dd>„{s.name}“ ({since}), festgeschrieben {formatDateTime(s.createdAt)}</dd></div>
          <div><dt>Neu</dt><dd>{countOf(data.added.length, 'Maßnahme', 'Maßnahmen')}</dd></div>
          <div><dt>Geändert</dt><dd>{countOf(data.changed.length, 'Maßnahme', 'Maßnahmen')}</dd></div>
          <div><dt>Entfallen</dt><dd>{countOf(data.removed.length, 'Maßnahme', 'Maßnahmen')}</dd></div>
          <div><dt>Unverändert</dt><dd>{countOf(data.unchangedCount, 'Maßnahme', 'Maßnahmen')}</dd></div>
        </dl>
        <CostTable caption="Gesamtkosten je Jahr (nur Jahre mit Änderung)" rows={data.totals.byYear}
          total={{ beforeCents: data.totals.beforeCents, afterCents: data.totals.afterCents, deltaCents: data.totals.deltaCents }} />
      </section>

      <EntryTable title="Neu aufgenommen" entries={data.added} empty="Seit dem Stand ist keine Maßnahme hinzugekommen." />
      <ChangedTable changes={data.changed} />
      <EntryTable title="Entfallen" entries={data.removed} empty="Seit dem Stand ist keine Maßnahme entfallen." />
    </>
  );
}

function CostTable({ caption, rows, total }: {
  caption: string; rows: SnapshotCostChange[]; total?: { beforeCents: number; afterCents: number; deltaCents: number };
}) {
  return (
    <div className="table-wrap doc-cost-table">
      <table className="data-table compact">
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">Jahr</th><th scope="col" className="num">Stand</th><th scope="col" className="num">jetzt</th><th scope="col" className="num">Differenz</th></tr>
        </thead>
        <tbody>
          {rows.length === 0 ? <tr><td colSpan={4} className="empty">Keine Änderung der Kosten.</td></tr> : null}
          {rows.map((r) => (
            <tr key={r.year}>
              <th scope="row" className="row-head">{r.year}</th>
              <td className="num">{formatCents(r.beforeCents)}</td>
              <td className="num">{formatCents(r.afterCents)}</td>
              <td className="num">{signed(r.deltaCents)}</td>
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">Gesamt</th>
              <td className="num">{formatCents(total.beforeCents)}</td>
              <td className="num">{formatCents(total.afterCents)}</td>
              <td className="num">{signed(total.deltaCents)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function EntryTable({ title, entries, empty }: { title: string; entries: SnapshotMeasureEntry[]; empty: string }) {
  const hid = useId();
  return (
    <section className="panel" aria-labelledby={hid}>
      <h2 id={hid}>{title} ({entries.length})</h2>
      {entries.length === 0 ? <p className="muted">{empty}</p> : (
        <div className="table-wrap">
          <table className="data-table compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr><th scope="col">Nr.</th><th scope="col">Maßnahme</th><th scope="col">Status</th><th scope="col" className="num">Gesamtkosten</th></tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.measureId}>
                  <th scope="row" className="row-head nowrap">{e.code}</th>
                  <td>{e.title}</td>
                  <td>{MEASURE_STATUS_LABELS[e.status] ?? e.status}</td>
                  <td className="num">{formatCents(e.totalCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ChangedTable({ changes }: { changes: SnapshotMeasureChange[] }) {
  return (
    <section className="panel" aria-labelledby="doc-diff-changed">
      <h2 id="doc-diff-changed">Geändert ({changes.length})</h2>
      {changes.length === 0 ? <p className="muted">Seit dem Stand wurde keine Maßnahme geändert.</p> : (
        <div className="table-wrap">
          <table className="data-table compact doc-changes">
            <caption className="visually-hidden">Geänderte Maßnahmen mit den Werten vorher und jetzt</caption>
            <thead>
              <tr>
                <th scope="col">Maßnahme</th>
                <th scope="col">Änderung</th>
                <th scope="col">vorher (Stand)</th>
                <th scope="col">jetzt</th>
              </tr>
            </thead>
            {changes.map((c) => {
              const lines: { key: string; label: string; before: string; after: string; sub?: boolean }[] = [];
              for (const f of c.changes) {
                lines.push({ key: f.field, label: f.label, before: f.before, after: f.after });
                if (f.field === 'cost') {
                  for (const y of c.costByYear) {
                    lines.push({ key: `y${y.year}`, label: `Kosten ${y.year}`, before: formatCents(y.beforeCents), after: `${formatCents(y.afterCents)} (${signed(y.deltaCents)})`, sub: true });
                  }
                }
              }
              return (
                <tbody key={c.measureId} className="doc-change-group">
                  {lines.map((l, i) => (
                    <tr key={l.key}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={lines.length} className="row-head">
                          <a href={hrefFor({ view: 'massnahme', id: c.measureId })}>{c.code}</a> {c.title}
                        </th>
                      ) : null}
                      <td className={l.sub ? 'doc-sub' : undefined}>{l.label}</td>
                      <td>{l.before}</td>
                      <td>{l.after}</td>
                    </tr>
                  ))}
                </tbody>
              );
            })}
          </table>
        </div>
      )}
    </section>
  );
}
