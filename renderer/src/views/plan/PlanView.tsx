// Plan: what is open, its properties, key figures and the recently opened plans.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS } from '../../../../shared/domain/enums.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { formatDate, formatDateTime, messageOf } from '../../lib/format.ts';
import { navigate } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';

export function PlanView() {
  const wb = useWorkbench();
  const info = wb.info;
  const { refresh } = wb;
  // Plan files may have been moved or deleted meanwhile: the recent list is checked again on every
  // visit and whenever the window gets the focus back.
  useEffect(() => {
    const again = () => { void refresh(); };
    again();
    window.addEventListener('focus', again);
    return () => window.removeEventListener('focus', again);
  }, [refresh]);
  return (
    <>
      <div className="view-head">
        <ViewHeading>Plan</ViewHeading>
        {info ? <p className="lead">Überblick über den geöffneten Maßnahmenplan und die zuletzt geöffneten Plandateien.</p> : null}
      </div>
      {info ? (
        <div className="grid-2">
          <Overview />
          <Properties key={info.path} />
        </div>
      ) : (
        <section className="panel" aria-labelledby="no-plan">
          <h2 id="no-plan">Kein Plan geöffnet</h2>
          <p>Mit „Neuer Plan…“ legen Sie einen leeren Plan an, mit „Demoplan anlegen…“ einen Beispielplan des Landkreises Musterland.</p>
        </section>
      )}
      <Recent />
    </>
  );
}

function Overview() {
  const wb = useWorkbench();
  const info = wb.info!;
  const byStatus = MEASURE_STATUSES.map((s) => ({ s, n: wb.measures.filter((m) => m.status === s).length })).filter((x) => x.n > 0);
  return (
    <section className="panel" aria-labelledby="overview-h">
      <h2 id="overview-h">Überblick</h2>
      <dl className="facts">
        <div><dt>Titel</dt><dd>{info.title}</dd></div>
        <div><dt>Landkreis</dt><dd>{info.landkreis || '–'}</dd></div>
        <div><dt>Datei</dt><dd className="path">{info.path}</dd></div>
        <div><dt>Angelegt</dt><dd>{formatDate(info.createdAt) || '–'}</dd></div>
        <div><dt>Maßnahmen</dt><dd>{info.measureCount}{byStatus.length ? <span className="muted"> ({byStatus.map((x) => `${x.n} ${MEASURE_STATUS_LABELS[x.s]}`).join(', ')})</span> : null}</dd></div>
        <div><dt>Akteure</dt><dd>{info.actorCount}</dd></div>
        <div><dt>Budget gesamt</dt><dd className="num-inline">{formatCents(wb.totals?.totalCents ?? 0)}</dd></div>
        <div><dt>Katalog</dt><dd>Impulspapier {wb.catalogue?.source.year ?? ''} (Version {info.catalogueVersion})</dd></div>
      </dl>
      <p className="actions-row">
        <a className="button" href="#/massnahmen">Zu den Maßnahmen</a>
        <a className="button" href="#/katalog">Zum Katalog</a>
      </p>
    </section>
  );
}

function Properties() {
  const { call } = useBackend();
  const wb = useWorkbench();
  const info = wb.info!;
  const [title, setTitle] = useState(info.title);
  const [landkreis, setLandkreis] = useState(info.landkreis);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null); setStatus(null);
    try {
      await call('plan.update', { title, landkreis });
      await wb.refresh();
      setStatus('Plan-Eigenschaften gespeichert.');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Plan-Eigenschaften</h2>
      <form className="form" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={`${id}-t`}>Titel des Plans</label>
          <input id={`${id}-t`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-l`}>Landkreis</label>
          <input id={`${id}-l`} value={landkreis} onChange={(e) => setLandkreis(e.target.value)} maxLength={200} />
        </div>
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>Eigenschaften speichern</button>
          <StatusLine>{status}</StatusLine>
        </div>
      </form>
    </section>
  );
}

function Recent() {
  const { call } = useBackend();
  const wb = useWorkbench();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function open(path: string) {
    setBusy(true); setError(null);
    try {
      const info = await call('plan.open', { path });
      await wb.refresh();
      wb.notify(`Plan „${info.title}“ geöffnet.`);
      navigate({ view: 'plan' });
    } catch (e) {
      setError(messageOf(e));
      await wb.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="recent-h">
      <h2 id="recent-h">Zuletzt geöffnete Pläne</h2>
      <ErrorAlert message={error} />
      {wb.recent.length === 0 ? <p className="muted">Noch keine Pläne geöffnet.</p> : (
        <ul className="recent-list">
          {wb.recent.map((r) => {
            const current = wb.info?.path === r.path;
            return (
              <li key={r.path} className={r.exists ? undefined : 'missing'}>
                <div className="recent-text">
                  <span className="recent-title">{r.title}</span>
                  <span className="path">{r.path}</span>
                  <span className="muted">zuletzt geöffnet {formatDateTime(r.openedAt)}</span>
                </div>
                <div className="recent-state">
                  {current ? <span className="badge">geöffnet</span>
                    : !r.exists ? <span className="badge warn">Datei fehlt</span>
                    : <button type="button" className="button small" disabled={busy} onClick={() => void open(r.path)} aria-label={`„${r.title}“ öffnen`}>Öffnen</button>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
