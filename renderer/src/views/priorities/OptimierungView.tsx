// Optimierung: which measures fit into the Haushaltsrahmen with the highest total Nutzwert, with a
// reason for every measure, "Warum nicht?", what-if for a larger frame, and fixed decisions.
// The status says "optimal (bewiesen)" only when the solver proved it.
import { countOf } from '../../../../shared/domain/plural.ts';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatCents, parseEuroToCents } from '../../../../shared/domain/money.ts';
import type { OptimiserMeasure, OptimiserRun, WhatIfResult } from '../../../../shared/domain/priorities.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { messageOf } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { NutzwertBar } from './common.tsx';
import { usePlanData } from '../../data/usePlanData.ts';

const ARBEITSSTAND = '';
const seconds = (s: number) => `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(Math.max(0.1, s))} s`;

type FixTarget = Pick<OptimiserMeasure, 'measureId' | 'code' | 'title' | 'fixed' | 'fixedReason'>;

function FixDialog({ m, onClose, onSaved }: { m: FixTarget; onClose: () => void; onSaved: (msg: string) => Promise<void> }) {
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
          <input id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="z. B. Kreistagsbeschluss vom 12.03.2026" />
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

type Why = { busy: boolean; result: OptimiserMeasure | null; error: string | null };

/** "Warum nicht?": the measure's money per year against what is left in the plan, who would have to yield, and a what-if shortcut. */
function WhyBox({ m, run, w, onWhatIf }: { m: OptimiserMeasure; run: OptimiserRun; w: Why; onWhatIf: (year: number, cents: number) => void }) {
  if (w.busy) return <div className="why-box" role="region" aria-label={`Warum nicht im Plan: ${m.code}`} aria-busy="true">Wird berechnet…</div>;
  if (w.error || !w.result) return <div className="why-box" role="region" aria-label={`Warum nicht im Plan: ${m.code}`}><span className="error-text">{w.error}</span></div>;
  const r = w.result;
  const byCode = new Map(run.measures.map((x) => [x.code, x]));
  const rows = run.years.map((y) => {
    const sf = r.shortfalls.find((x) => x.year === y);
    const need = sf ? sf.neededCents : r.ownShareByYear[String(y)] ?? 0;
    const free = run.unusedByYear[String(y)] ?? 0;
    return { year: y, need, free, missing: Math.max(0, need - free) };
  }).filter((x) => x.need > 0);
  const short = rows.filter((x) => x.missing > 0);
  return (
    <div className="why-box" role="region" aria-label={`Warum nicht im Plan: ${m.code}`}>
      {r.reason !== m.reason ? <p>{r.reason}</p> : null}
      {rows.length > 0 && ['displaced', 'alternative', 'not-reached', 'does-not-fit'].includes(r.kind) ? (
        <table className="data-table compact why-table">
          <caption>Eigenanteil{r.wouldBringIn.length > 0 ? ' (mit Voraussetzungen)' : ''} gegen das, was im Plan frei ist</caption>
          <thead><tr><th scope="col">Jahr</th><th scope="col" className="num">benötigt</th><th scope="col" className="num">frei</th><th scope="col" className="num">fehlt</th></tr></thead>
          <tbody>
            {rows.map((x) => (
              <tr key={x.year}><th scope="row">{x.year}</th><td className="num">{formatCents(x.need)}</td><td className="num">{formatCents(x.free)}</td><td className={`num ${x.missing > 0 ? 'short' : ''}`}>{x.missing > 0 ? formatCents(x.missing) : '–'}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {r.wouldDisplace.length > 0 ? (
        <p>Damit sie hineinpasst, {r.wouldDisplace.length === 1 ? 'müsste' : 'müssten'} weichen: {r.wouldDisplace.map((c) => {
          const x = byCode.get(c);
          return x ? `${c} (Rang ${x.rank ?? '–'}, Nutzwert ${x.nutzwertText})` : c;
        }).join(', ')}.</p>
      ) : null}
      {short.length === 1 ? (
        <button type="button" className="button small" onClick={() => onWhatIf(short[0].year, short[0].missing)}>
          Was wäre, wenn der Rahmen {short[0].year} um {formatCents(short[0].missing)} wächst?
        </button>
      ) : short.length > 1 ? <p className="muted small">Es fehlt in {short.length} Jahren; ein höherer Rahmen in nur einem Jahr reicht nicht.</p> : null}
    </div>
  );
}

function MeasureTable({ run, rows, caption, onFix, onWhy, why, onWhatIf }: {
  run: OptimiserRun; rows: OptimiserMeasure[]; caption: string; onFix: (m: OptimiserMeasure) => void;
  onWhy?: (m: OptimiserMeasure) => void; why: Record<string, Why>; onWhatIf: (year: number, cents: number) => void;
}) {
  const criteria = (run.measures.find((m) => m.nutzwert)?.nutzwert?.teilnutzen ?? []).map((t) => ({ id: t.criterionId, name: t.criterionName, description: '', weight: t.weight, ko: false }));
  return (
    <div className="table-wrap">
      <table className="data-table opt-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num col-rank">Rang</th><th scope="col" className="col-measure">Maßnahme</th><th scope="col" className="col-nw">Nutzwert</th>
            <th scope="col" className="num col-money">Eigenanteil<span className="block muted small">alle Jahre</span></th><th scope="col">Begründung</th>
            <th scope="col" className="col-actions"><span className="visually-hidden">Aktionen</span></th>
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
                  <div aria-live="polite">{w ? <WhyBox m={m} run={run} w={w} onWhatIf={onWhatIf} /> : null}</div>
                </td>
                <td className="actions">
                  {!m.included && onWhy ? (
                    <button type="button" className="button small" onClick={() => onWhy(m)} aria-label={`Warum nicht? – ${m.code}`}>Warum nicht?</button>
                  ) : null}
                  <button type="button" className="button small quiet" onClick={() => onFix(m)} aria-label={`Festlegen… – ${m.code}`}>Festlegen…</button>
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
  const wb = useWorkbench();
  const id = useId();
  const scenarios = usePlanData('scenarios.list', {});
  const [source, setSource] = useState(ARBEITSSTAND);
  const [limit, setLimit] = useState(30);
  const [careful, setCareful] = useState(false);
  const [run, setRun] = useState<OptimiserRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [why, setWhy] = useState<Record<string, Why>>({});
  const [fixing, setFixing] = useState<FixTarget | null>(null);
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
    setWhy((w) => ({ ...w, [m.measureId]: { busy: true, result: null, error: null } }));
    try {
      const e = await call('optimiser.explain', { measureId: m.measureId, ...(source ? { scenarioId: source } : {}), securedOnly: careful });
      setWhy((w) => ({ ...w, [m.measureId]: { busy: false, result: e, error: null } }));
    } catch (err) {
      setWhy((w) => ({ ...w, [m.measureId]: { busy: false, result: null, error: messageOf(err) } }));
    }
  }

  async function runWhatIf(year: number, cents: number) {
    setWiError(null); setWi(null); setWiBusy(true);
    try {
      setWi(await call('optimiser.whatIf', { year, extraCents: cents, ...(source ? { scenarioId: source } : {}), securedOnly: careful }));
    } catch (err) {
      setWiError(messageOf(err));
    } finally {
      setWiBusy(false);
    }
  }

  function whatIf(e: FormEvent) {
    e.preventDefault();
    const cents = parseEuroToCents(wiAmount);
    if (cents === null) { setWi(null); setWiError('Bitte einen Betrag in Euro angeben, z. B. 80.000.'); return; }
    void runWhatIf(Number(wiYear), cents);
  }

  /** From "Warum nicht?": fill in the what-if form, compute, and take the reader there. */
  function whatIfFor(year: number, cents: number) {
    setWiYear(String(year));
    setWiAmount(formatCents(cents, { symbol: false }));
    void runWhatIf(year, cents).then(() => document.getElementById(`${id}-wi`)?.focus());
  }

  const sourceName = source === ARBEITSSTAND ? 'Arbeitsstand' : scenarios.data?.find((s) => s.id === source)?.name ?? 'Szenario';
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
            <option value={ARBEITSSTAND}>Arbeitsstand</option>
            {(scenarios.data ?? []).map((s) => <option key={s.id} value={s.id}>Szenario „{s.name}“</option>)}
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
            {run.problems.length === 0 ? <p className="opt-message">{run.message}</p> : null}
            <p className="muted small">
              Rechenzeit {seconds(run.solveSeconds + run.explainSeconds)}{run.inWorker ? ' (im Hintergrund)' : ''}.
              {!proven && run.gapText ? ` „Lücke ≤ ${run.gapText} %“: Der beste mögliche Plan hat höchstens so viel mehr Gesamtnutzwert.` : ''}
            </p>
            {run.problems.length > 0 ? (
              <div role="alert" className="alert problems">
                <div>
                  <p className="strong">{run.status === 'infeasible' ? 'Kein Plan möglich – die Festlegungen passen nicht zusammen:' : 'Der Plan kann nicht berechnet werden:'}</p>
                  <ul>
                    {run.problems.map((p, i) => (
                      <li key={i}>
                        {p.message}
                        {p.code === 'fixed-over-frame' || p.code === 'fixed-in-ko' || p.code === 'fixed-in-depends-on-excluded' ? (
                          <span className="problem-actions">
                            {p.measureIds.filter((mid) => run.fixedDecisions[mid]).map((mid) => {
                              const code = p.codes[p.measureIds.indexOf(mid)];
                              const d = run.fixedDecisions[mid];
                              return (
                                <button key={mid} type="button" className="button small"
                                  onClick={() => setFixing({ measureId: mid, code, title: wb.measures.find((x) => x.id === mid)?.title ?? '', fixed: d.fixed, fixedReason: d.reason })}>
                                  Festlegen… {code}
                                </button>
                              );
                            })}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  <p>Bitte die genannten Festlegungen, Abhängigkeiten (im Maßnahmenblatt) oder Haushaltsrahmen (<a href={hrefFor({ view: 'finanzplan' })}>Finanzplan</a>) prüfen.</p>
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
              <MeasureTable run={run} rows={included} caption={`Im Plan (${countOf(included.length, 'Maßnahme', 'Maßnahmen')}, Gesamtnutzwert ${run.totalValueText})`} onFix={setFixing} why={why} onWhatIf={whatIfFor} />
              <MeasureTable run={run} rows={excluded} caption={`Nicht im Plan (${countOf(excluded.length, 'Maßnahme', 'Maßnahmen')})`} onFix={setFixing} onWhy={(m) => void explain(m)} why={why} onWhatIf={whatIfFor} />
            </section>
          ) : null}

          {run.years.length > 0 && run.problems.length === 0 ? (
            <section className="panel" aria-labelledby={`${id}-wi`}>
              <h2 id={`${id}-wi`} tabIndex={-1}>Was wäre, wenn der Rahmen wächst?</h2>
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
