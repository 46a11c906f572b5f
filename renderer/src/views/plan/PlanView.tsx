// Plan: what is open, its properties, key figures and the recently opened plans.
import { useQueryClient } from '@tanstack/react-query';
import { statusCount } from '../../../../shared/domain/plural.ts';
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { ApiArgs } from '../../../../shared/api/contract.ts';
import { confirmLeave } from '../../forms/LeaveGuard.tsx';
import { SaveStateText, TextField, useAutoSave } from '../../forms/fields.tsx';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS } from '../../../../shared/domain/enums.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert } from '../../components/Messages.tsx';
import { OpenChoiceButtons, OpenProgress, OpenReport, openFailure, openPlan, type OpenChoice, type OpenFailure, type OpenMode } from '../../components/OpenChoices.tsx';
import { formatDate, formatDateTime, parseYear } from '../../lib/format.ts';
import { navigate } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { queryKey } from '../../data/cache.ts';
import { Backups, BackupsForDialog } from './Backups.tsx';

export function PlanView() {
  const wb = useWorkbench();
  const info = wb.info;
  const queryClient = useQueryClient();
  // Plan files may have been moved or deleted meanwhile: the recent list is checked again on every
  // visit and whenever the window gets the focus back.
  useEffect(() => {
    const again = () => { void queryClient.invalidateQueries({ queryKey: queryKey('plan.recent', {}) }); };
    again();
    window.addEventListener('focus', again);
    return () => window.removeEventListener('focus', again);
  }, [queryClient]);
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
      {info ? <Backups key={info.path} /> : null}
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
        <div><dt>Maßnahmen</dt><dd>{info.measureCount}{byStatus.length ? <span className="muted"> ({byStatus.map((x) => statusCount(x.n, MEASURE_STATUS_LABELS[x.s])).join(', ')})</span> : null}</dd></div>
        <div><dt>Akteure</dt><dd>{info.actorCount}</dd></div>
        <div><dt>Budget gesamt</dt><dd className="num-inline">{formatCents(wb.totals?.totalCents ?? 0)}</dd></div>
        <div><dt>Katalog</dt><dd>Impulspapier {wb.catalogue?.source.year ?? ''} (Version {info.catalogueVersion})</dd></div>
      </dl>
      <p className="actions-row">
        <a className="link-cta" href="#/massnahmen">Zu den Maßnahmen</a>
        <a className="link-cta" href="#/katalog">Zum Katalog</a>
      </p>
    </section>
  );
}

function Properties() {
  const { call } = useBackend();
  const wb = useWorkbench();
  const info = wb.info!;
  const id = useId();
  const save = async (args: ApiArgs['plan.update']) => { await call('plan.update', args); };

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Plan-Eigenschaften</h2>
      <p className="hint">Jedes Feld wird gespeichert, sobald Sie es verlassen oder Enter drücken.</p>
      <div className="form">
        <TextField label="Titel des Plans" value={info.title} max={200} required save={(title) => save({ title })} />
        <TextField label="Landkreis" value={info.landkreis} max={200} save={(landkreis) => save({ landkreis })} />
        <PeriodFields first={info.periodFirstYear ?? null} last={info.periodLastYear ?? null} save={(periodFirstYear, periodLastYear) => save({ periodFirstYear, periodLastYear })} />
      </div>
    </section>
  );
}

/** Planungszeitraum: first and last year, saved together once both are left. */
function PeriodFields({ first, last, save }: { first: number | null; last: number | null; save: (a: number | null, b: number | null) => Promise<unknown> }) {
  const id = useId();
  const { attach, ...f } = useAutoSave<{ a: string; b: string }>({
    value: { a: first == null ? '' : String(first), b: last == null ? '' : String(last) },
    label: 'Planungszeitraum',
    validate: (v) => {
      const a = parseYear(v.a, 'Erstes Jahr');
      const b = parseYear(v.b, 'Letztes Jahr');
      if (!a.ok) return a.message;
      if (!b.ok) return b.message;
      if ((a.value == null) !== (b.value == null)) return 'Bitte erstes und letztes Jahr angeben (oder beide leer lassen).';
      return null;
    },
    save: (v) => {
      const a = parseYear(v.a, ''); const b = parseYear(v.b, '');
      return save(a.ok ? a.value : null, b.ok ? b.value : null);
    },
  });
  const group = useRef<HTMLFieldSetElement>(null);
  // Saved when the focus leaves the pair (not between its two fields).
  const onBlur = (e: FocusEvent<HTMLInputElement>) => { if (!group.current?.contains(e.relatedTarget as Node | null)) void f.commit(); };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => { if (e.key === 'Enter') { e.preventDefault(); void f.commit(); } };
  return (
    <fieldset className="field period auto-field" ref={group} aria-describedby={`${id}-h`}>
      <legend>Planungszeitraum <SaveStateText state={f.state} /></legend>
      <div className="period-row">
        <div className="sub-field">
          <label htmlFor={`${id}-a`}>Erstes Jahr</label>
          <input id={`${id}-a`} value={f.draft.a} inputMode="numeric" size={6} placeholder="JJJJ" ref={attach}
            onChange={(e) => f.setDraft({ ...f.draft, a: e.target.value })} onBlur={onBlur} onKeyDown={onKeyDown} aria-invalid={f.error ? true : undefined} />
        </div>
        <div className="sub-field">
          <label htmlFor={`${id}-b`}>Letztes Jahr</label>
          <input id={`${id}-b`} value={f.draft.b} inputMode="numeric" size={6} placeholder="JJJJ"
            onChange={(e) => f.setDraft({ ...f.draft, b: e.target.value })} onBlur={onBlur} onKeyDown={onKeyDown} aria-invalid={f.error ? true : undefined} />
        </div>
      </div>
      <p id={`${id}-h`} className="hint">Finanzplan, Haushaltsrahmen, Zeitplan und Prüfungen zeigen diese Jahre; Budgetpositionen außerhalb werden markiert.</p>
      {f.error ? <p className="field-error" role="alert">{f.error}</p> : null}
    </fieldset>
  );
}

function Recent() {
  const { call } = useBackend();
  const wb = useWorkbench();
  const [failure, setFailure] = useState<OpenFailure | null>(null);
  const [busy, setBusy] = useState<OpenMode | null>(null);
  // What an open by a choice did (where the journal went, what the cleaned copy left out), while that plan is open.
  const report = wb.openReport && wb.openReport.path === wb.info?.path ? wb.openReport.text : null;
  const [backupsOf, setBackupsOf] = useState<{ path: string; title: string } | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const choicesRef = useRef<HTMLDivElement>(null);
  const titleOf = (path: string) => wb.recent.find((r) => r.path === path)?.title ?? path;

  async function open(path: string, mode: OpenMode = 'plain') {
    if (!(await confirmLeave())) return;
    setBusy(mode); setFailure(null); wb.setOpenReport(null);
    // The clicked button is disabled or goes away meanwhile: the focus waits on "Abbrechen".
    requestAnimationFrame(() => cancelRef.current?.focus());
    try {
      const result = await openPlan(call, path, mode);
      wb.notify(result.notice);
      navigate({ view: 'plan' });
      if (result.report) wb.setOpenReport({ text: result.report, path: result.info.path });
    } catch (e) {
      setFailure(openFailure(path, e));
    } finally {
      setBusy(null);
    }
  }

  // A refusal's first choice takes the focus; without one, a focus lost with "Abbrechen" goes to the list's heading.
  useEffect(() => {
    if (!failure) return;
    const choice = choicesRef.current?.querySelector<HTMLElement>('button');
    if (choice) choice.focus();
    else if (!document.activeElement || document.activeElement === document.body) document.getElementById('recent-h')?.focus();
  }, [failure]);

  function choose(choice: OpenChoice, f: OpenFailure) {
    if (choice === 'backups') setBackupsOf({ path: f.path, title: titleOf(f.path) });
    else void open(f.path, choice);
  }

  return (
    <section className="panel" aria-labelledby="recent-h">
      <h2 id="recent-h" tabIndex={-1}>Zuletzt geöffnete Pläne</h2>
      <ErrorAlert message={failure?.message} />
      {report ? <OpenReport report={report} onDismiss={() => { wb.setOpenReport(null); document.getElementById('recent-h')?.focus(); }} dismissLabel="Hinweis ausblenden" /> : null}
      <div ref={choicesRef}>
        <OpenChoiceButtons failure={failure} busy={busy !== null} onChoose={choose} name={failure ? titleOf(failure.path) : undefined} />
      </div>
      <OpenProgress busy={busy} />
      {busy ? (
        <div className="form-actions">
          <button type="button" className="button" ref={cancelRef} onClick={() => { void call('plan.cancelOpen', {}); }}>Abbrechen</button>
        </div>
      ) : null}
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
                  {r.failed !== undefined && !current
                    ? <span className="recent-failed">Konnte zuletzt nicht geöffnet werden{r.failedAt ? ` (${formatDateTime(r.failedAt)})` : ''}: {r.failed} Beim Start wird dieser Plan nicht von selbst geöffnet.</span>
                    : null}
                </div>
                <div className="recent-state">
                  {current ? <span className="badge">geöffnet</span>
                    : !r.exists ? <span className="badge warn">Datei fehlt</span>
                    : <button type="button" className="button small" disabled={busy !== null} onClick={() => void open(r.path)} aria-label={`„${r.title}“ öffnen`}>Öffnen</button>}
                  {r.failed !== undefined && !current
                    ? <button type="button" className="button small" disabled={busy !== null} onClick={() => setBackupsOf({ path: r.path, title: r.title })} aria-label={`Sicherungen von „${r.title}“`}>Sicherungen…</button>
                    : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {backupsOf ? <BackupsForDialog path={backupsOf.path} title={backupsOf.title} onClose={() => setBackupsOf(null)} /> : null}
    </section>
  );
}
