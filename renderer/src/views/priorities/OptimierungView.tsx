// Optimierung: which measures fit into the Haushaltsrahmen with the highest total Nutzwert, with a
// reason for every measure, "Warum nicht?", what-if for a larger frame, and fixed decisions.
// The status says "optimal (bewiesen)" only when the solver proved it.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatCents, parseEuroToCents } from '../../../../shared/domain/money.ts';
import type { OptimiserMeasure, OptimiserRun, WhatIfResult } from '../../../../shared/domain/priorities.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { messageOf } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { NutzwertBar, useLoad } from './common.tsx';

const ARBEITSSTAND = '';
const seconds = (s: number) => `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(Math.max(0.1, s))} s`;

function FixDialog({ m, onClose, onSaved }: { m: OptimiserMeasure; onClose: () => void; onSaved: (msg: string) => Promise<void> }) {
  const { call } = useBackend();
  const id = useId();
  const [fixed, setFixed] = useState<'in' | 'out' | ''>(m.fixed ?? '');
  const [reason, setReason] = useState(m.fixedReason);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const r = await call('measures.setFixed', { measureId: m.measureId, fixed: fixed === '' ? null : fixed, reason });
      await onSaved(r.fixed === 'in' ? `${m.code} ist fest eingeplant.` : r.fixed === 'out' ? `${m.code} ist ausgeschlossen.` : `${m.code}: Festlegung aufgehoben – die Optimierung entscheidet.`);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }
  const options: { value: 'in' | 'out' | ''; label: string; hint: string }[] = [
    { value: '', label: 'Die Optimierung entscheidet', hint: 'nach Nutzwert und Haushaltsrahmen' },
    { value: 'in', label: 'Fest eingeplant', hint: 'z. B. bereits beschlossen oder gesetzliche Pflicht' },
    { value: 'out', label: 'Ausgeschlossen', hint: 'kommt in diesem Plan nicht in Frage' },
  ];
  return (
    <Dialog title={`Festlegung für ${m.code}`} onClose={onClose} description={`${m.title}. Die Festlegung gilt für den Arbeitsstand.`}>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="checks">
          <legend>Festlegung</legend>
          {options.map((o, i) => (
            <label key={o.value} className="check block">
              <input type="radio" name={`${id}-fix`} checked={fixed === o.value} onChange={() => setFixed(o.value)} data-autofocus={i === 0 ? true : undefined} />
              <span>{o.label} <span className="muted small">– {o.hint}</span></span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-r`}>Begründung</label>
          <input id={`${id}-r`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="z. B. Kreistagsbeschluss vom 12.03.2026" />
        </div>
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>Festlegung speichern</button>
          <button type="button" className="button" onClick={onClose}>Abbrechen</button>
        </div>
      </form>
    </Dialog>
  );
}

function MeasureTable({ run, rows, caption, onFix, onWhy, why }: {
  run: OptimiserRun; rows: OptimiserMeasure[]; caption: string; onFix: (m: OptimiserMeasure) => void;
  onWhy?: (m: OptimiserMeasure) => void; why: Record<string, { busy: boolean; text: string | null; error: string | null }>;
}) {
  const criteria = (run.measures.find((m) => m.nutzwert)?.nutzwert?.teilnutzen ?? []).map((t) => ({ id: t.criterionId, name: t.criterionName, description: '', weight: t.weight, ko: false }));
  return (
    <div className="table-wrap">
      <table className="data-table opt-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">Rang</th><th scope="col">Maßnahme</th><th scope="col" className="num">Nutzwert</th>
            <th scope="col" className="num">Eigenanteil gesamt</th><th scope="col">Begründung</th>
            <th scope="col"><span className="visually-hidden">Aktionen</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? <tr><td colSpan={6} className="empty">Keine.</td></tr> : rows.map((m) => {
            const w = why[m.measureId];
            return (
              <tr key={m.measureId}>
                <td className="num rank-cell">{m.rank ?? (m.nutzwert?.ko ? 'KO' : '–')}</td>
                <th scope="row" className="row-head">
                  <a href={hrefFor({ view: 'massnahme', id: m.measureId })} className="row-link">{m.code}</a> <span className="measure-title">{m.title}</span>
                </th>
                <td className="num nw-cell-small">
                  <span className="strong">{m.nutzwertText}</span>
                  {m.nutzwert ? <NutzwertBar row={m.nutzwert} criteria={criteria} compact /> : null}
                </td>
                <td className="num">{formatCents(m.ownShareTotalCents)}</td>
                <td className="reason-cell">
                  <span className={`marker ${m.included ? (m.kind === 'fixed-in' || m.kind === 'required' ? 'ok' : 'info') : m.kind === 'displaced' || m.kind === 'does-not-fit' ? 'warn' : 'neutral'}`}>{m.kindLabel}</span>
                  <span className="reason-text">{m.reason}</span>
                  {w ? (
                    <div className="why-box" role="region" aria-label={`Warum nicht im Plan: ${m.code}`} aria-live="polite" aria-busy={w.busy}>
                      {w.busy ? 'Wird berechnet…' : w.error ? <span className="error-text">{w.error}</span> : <><span className="strong">Warum nicht? </span>{w.text}</>}
                    </div>
                  ) : null}
                </td>
                <td className="actions">
                  {!m.included && onWhy && ['displaced', 'alternative', 'not-reached', 'does-not-fit'].includes(m.kind) ? (
                    <button type="button" className="button small" onClick={() => onWhy(m)} aria-label={`Warum ist ${m.code} nicht im Plan?`}>Warum nicht?</button>
                  ) : null}
                  <button type="button" className="button small quiet" onClick={() => onFix(m)} aria-label={`Festlegung für ${m.code} ändern`}>Festlegen…</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function OptimierungView() {
  const { call } = useBackend();
  const id = useId();
  const scenarios = useLoad('scenarios.list', {});
  const [source, setSource] = useState(ARBEITSSTAND);
  const [limit, setLimit] = useState(30);
  const [careful, setCareful] = useState(false);
  const [run, setRun] = useState<OptimiserRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [why, setWhy] = useState<Record<string, { busy: boolean; text: string | null; error: string | null }>>({});
  const [fixing, setFixing] = useState<OptimiserMeasure | null>(null);
  const [wiYear, setWiYear] = useState('');
  const [wiAmount, setWiAmount] = useState('50.000');
  const [wi, setWi] = useState<WhatIfResult | null>(null);
  const [wiError, setWiError] = useState<string | null>(null);
  const [wiBusy, setWiBusy] = useState(false);
  const started = useRef(false);

  const compute = useCallback(async (opts?: { announce?: boolean }) => {
    setBusy(true); setError(null); setWhy({}); setWi(null);
    try {
      const r = await call('optimiser.run', { ...(source ? { scenarioId: source } : {}), timeLimitSeconds: limit, securedOnly: careful });
      setRun(r);
      // What-if starts at the first year in which an excluded measure lacks money.
      const tight = r.measures.flatMap((m) => (m.included ? [] : m.shortfalls.map((s) => s.year)));
      setWiYear((y) => y || String(tight.length > 0 ? Math.min(...tight) : r.years[0] ?? ''));
      if (opts?.announce !== false) setStatus(`Berechnet: ${r.statusText}.`);
    } catch (e) {
      setRun(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }, [call, source, limit, careful]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    // The first plan at once: computing is quick for plans of this size and runs off the UI.
    // oxlint-disable-next-line react/set-state-in-effect
    void compute({ announce: false });
  }, [compute]);

  async function explain(m: OptimiserMeasure) {
    setWhy((w) => ({ ...w, [m.measureId]: { busy: true, text: null, error: null } }));
    try {
      const e = await call('optimiser.explain', { measureId: m.measureId, ...(source ? { scenarioId: source } : {}), securedOnly: careful });
      setWhy((w) => ({ ...w, [m.measureId]: { busy: false, text: e.reason, error: null } }));
    } catch (err) {
      setWhy((w) => ({ ...w, [m.measureId]: { busy: false, text: null, error: messageOf(err) } }));
    }
  }

  async function whatIf(e: FormEvent) {
    e.preventDefault();
    setWiError(null); setWi(null);
    const cents = parseEuroToCents(wiAmount);
    if (cents === null) { setWiError('Bitte einen Betrag in Euro angeben, z. B. 80.000.'); return; }
    setWiBusy(true);
    try {
      setWi(await call('optimiser.whatIf', { year: Number(wiYear), extraCents: cents, ...(source ? { scenarioId: source } : {}), securedOnly: careful }));
    } catch (err) {
      setWiError(messageOf(err));
    } finally {
      setWiBusy(false);
    }
  }

  const sourceName = source === ARBEITSSTAND ? 'Arbeitsstand' : scenarios.value?.find((s) => s.id === source)?.name ?? 'Szenario';
  const included = run?.measures.filter((m) => m.included) ?? [];
  const excluded = run?.measures.filter((m) => !m.included) ?? [];
  const proven = run?.status === 'optimal' && run.provenOptimal && run.exact;
  return (
    <>
      <div className="view-head">
        <ViewHeading>Optimierung</ViewHeading>
        <p className="lead">
          Welche Maßnahmen passen in den Haushaltsrahmen jedes Jahres und bringen zusammen den höchsten Nutzwert? Die Berechnung berücksichtigt
          Abhängigkeiten, fest eingeplante und ausgeschlossene Maßnahmen und KO-Kriterien – und begründet jede Entscheidung.
        </p>
      </div>
      <StatusLine className="notice">{status}</StatusLine>

      <form className="filters opt-controls" onSubmit={(e) => { e.preventDefault(); void compute(); }} aria-label="Einstellungen der Optimierung">
        <div className="field">
          <label htmlFor={`${id}-src`}>Grundlage</label>
          <select id={`${id}-src`} value={source} onChange={(e) => setSource(e.target.value)}>
            <option value={ARBEITSSTAND}>Arbeitsstand (aktuelle Gewichte, Rahmen, Festlegungen)</option>
            {(scenarios.value ?? []).map((s) => <option key={s.id} value={s.id}>Szenario „{s.name}“</option>)}
          </select>
        </div>
        <div className="field narrow-field">
          <label htmlFor={`${id}-lim`}>Zeitlimit</label>
          <select id={`${id}-lim`} value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {[10, 30, 60, 120].map((s) => <option key={s} value={s}>{s} Sekunden</option>)}
          </select>
        </div>
        <label className="check careful-check">
          <input type="checkbox" checked={careful} onChange={(e) => setCareful(e.target.checked)} />
          Vorsichtig rechnen: noch nicht bewilligte Fremdmittel zählen als Eigenanteil
        </label>
        <button type="submit" className="button primary" disabled={busy}>{busy ? 'Wird berechnet…' : 'Optimierung berechnen'}</button>
      </form>

      <ErrorAlert message={error} />
      {busy && !run ? <p role="status">Die Optimierung wird berechnet…</p> : null}

      {run ? (
        <>
          <section className="panel" aria-labelledby={`${id}-res`} aria-busy={busy}>
            <div className="block-head">
              <h2 id={`${id}-res`}>Ergebnis: {run.source.name}{run.securedOnly ? ' (vorsichtig gerechnet)' : ''}</h2>
              <p className={`opt-status ${proven ? 'ok' : run.status === 'infeasible' || run.status === 'error' ? 'bad' : 'warn'}`}>
                Status: <strong>{run.statusText}</strong>
              </p>
            </div>
            <p className="opt-message">{run.message}</p>
            <p className="muted small">
              Rechenzeit {seconds(run.solveSeconds + run.explainSeconds)}{run.inWorker ? ' (im Hintergrund)' : ''}.
              {!proven && run.gapText ? ` „Lücke ≤ ${run.gapText} %“: Der beste mögliche Plan hat höchstens so viel mehr Gesamtnutzwert.` : ''}
            </p>
            {run.problems.length > 0 ? (
              <div role="alert" className="alert problems">
                <div>
                  <p className="strong">{run.status === 'infeasible' ? 'Kein Plan möglich – die Festlegungen passen nicht zusammen:' : 'Der Plan kann nicht berechnet werden:'}</p>
                  <ul>{run.problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>
                  <p>Bitte die genannten Festlegungen, Abhängigkeiten oder Haushaltsrahmen prüfen (<a href={hrefFor({ view: 'finanzplan' })}>Finanzplan</a>).</p>
                </div>
              </div>
            ) : null}
            {run.warnings.length > 0 ? <ul className="warning-list">{run.warnings.map((w, i) => <li key={i}><span className="marker warn">Hinweis</span> {w}</li>)}</ul> : null}
            {run.years.length > 0 && run.problems.length === 0 ? (
              <table className="data-table compact year-use">
                <caption>Haushaltsrahmen und Eigenanteil der ausgewählten Maßnahmen</caption>
                <thead>
                  <tr><th scope="col">Jahr</th>{run.years.map((y) => <th key={y} scope="col" className="num">{y}</th>)}</tr>
                </thead>
                <tbody>
                  <tr><th scope="row">Rahmen</th>{run.years.map((y) => <td key={y} className="num">{formatCents(run.framesByYear[String(y)] ?? 0)}</td>)}</tr>
                  <tr><th scope="row">verplant</th>{run.years.map((y) => <td key={y} className="num">{formatCents(run.usedByYear[String(y)] ?? 0)}</td>)}</tr>
                  <tr className="strong"><th scope="row">ungenutzt</th>{run.years.map((y) => <td key={y} className="num">{formatCents(run.unusedByYear[String(y)] ?? 0)}</td>)}</tr>
                </tbody>
              </table>
            ) : null}
          </section>

          {run.problems.length === 0 ? (
            <section className="panel" aria-labelledby={`${id}-lists`}>
              <h2 id={`${id}-lists`} className="visually-hidden">Maßnahmen im Plan und nicht im Plan</h2>
              <MeasureTable run={run} rows={included} caption={`Im Plan (${included.length} Maßnahmen, Gesamtnutzwert ${run.totalValueText})`} onFix={setFixing} why={why} />
              <MeasureTable run={run} rows={excluded} caption={`Nicht im Plan (${excluded.length} Maßnahmen)`} onFix={setFixing} onWhy={(m) => void explain(m)} why={why} />
            </section>
          ) : null}

          {run.years.length > 0 && run.problems.length === 0 ? (
            <section className="panel" aria-labelledby={`${id}-wi`}>
              <h2 id={`${id}-wi`}>Was wäre, wenn der Rahmen wächst?</h2>
              <form className="inline-form whatif-form" onSubmit={whatIf} noValidate>
                <div className="field">
                  <label htmlFor={`${id}-wy`}>Rahmen im Jahr</label>
                  <select id={`${id}-wy`} value={wiYear} onChange={(e) => setWiYear(e.target.value)}>
                    {run.years.map((y) => <option key={y} value={y}>{y}</option>)}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-wa`}>erhöhen um (€)</label>
                  <input id={`${id}-wa`} className="num-input" inputMode="decimal" value={wiAmount} onChange={(e) => setWiAmount(e.target.value)} aria-invalid={wiError ? true : undefined} />
                </div>
                <button type="submit" className="button" disabled={wiBusy}>{wiBusy ? 'Wird berechnet…' : 'Durchrechnen'}</button>
              </form>
              <ErrorAlert message={wiError} />
              <div aria-live="polite">
                {wi ? (
                  <div className="whatif-result">
                    <p className="strong">{wi.message}</p>
                    <p className="muted small">Rahmen {wi.year}: {formatCents(wi.baseFrameCents)} → {formatCents(wi.newFrameCents)} · Grundlage: {sourceName}</p>
                    {wi.comingIn.length > 0 ? <p>Kämen hinzu: {wi.comingIn.map((m) => `${m.code} ${m.title}`).join('; ')}</p> : null}
                    {wi.goingOut.length > 0 ? <p>Fielen heraus: {wi.goingOut.map((m) => `${m.code} ${m.title}`).join('; ')}</p> : null}
                    {Object.entries(wi.usedDiffByYear).some(([y, c]) => c !== 0 && Number(y) !== wi.year) ? (
                      <p>Mehrbedarf an Eigenanteil in anderen Jahren: {Object.entries(wi.usedDiffByYear).filter(([y, c]) => c !== 0 && Number(y) !== wi.year).map(([y, c]) => `${y}: ${c > 0 ? '+' : '−'}${formatCents(Math.abs(c))}`).join(', ')} – passt in die dortigen Rahmen.</p>
                    ) : null}
                  </div>
                ) : null}
              </div>
            </section>
          ) : null}
        </>
      ) : null}

      {fixing ? (
        <FixDialog m={fixing} onClose={() => setFixing(null)} onSaved={async (msg) => { setFixing(null); await compute({ announce: false }); setStatus(msg); }} />
      ) : null}
    </>
  );
}
