// Finanzplan: the Haushaltsrahmen per year (what the Kreis can spend of its own money), and the
// plan's money by year, Baustelle and measure with Fördermittel, Drittmittel, Eigenmittel Dritter
// and Eigenanteil – exact to the cent, with warnings where the frame does not cover the Eigenanteil.
import { useId, useState, type FormEvent } from 'react';
import { formatCents, parseEuroToCents } from '../../../../shared/domain/money.ts';
import type { FramesResult, MoneySplit } from '../../../../shared/domain/priorities.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { messageOf } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { usePlanData } from '../../data/usePlanData.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { inPeriod, outsideText, periodOf } from '../../../../shared/domain/plan-period.ts';

type Part = keyof MoneySplit;
const PARTS: { key: Part; label: string }[] = [
  { key: 'totalCents', label: 'Gesamtkosten' },
  { key: 'eigenanteilCents', label: 'Eigenanteil Kreis' },
  { key: 'foerdermittelCents', label: 'Fördermittel' },
  { key: 'drittmittelCents', label: 'Drittmittel' },
  { key: 'eigenmittelDritterCents', label: 'Eigenmittel Dritter' },
];

const money = (c: number | undefined) => (c ? formatCents(c) : <span className="muted">–</span>);

function FramesEditor({ frames, onSaved }: { frames: FramesResult; onSaved: (msg: string) => Promise<void> }) {
  const { call } = useBackend();
  const id = useId();
  const initial = () => Object.fromEntries(frames.years.map((y) => {
    const f = frames.frames.find((x) => x.year === y);
    return [y, f ? formatCents(f.amountCents, { symbol: false }) : ''];
  }));
  const [drafts, setDrafts] = useState<Record<string, string>>(initial);
  const [base, setBase] = useState(frames);
  const [bad, setBad] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (base !== frames) { setBase(frames); setDrafts(initial()); }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null); setBad(null);
    const changes: { year: number; amountCents: number | null }[] = [];
    for (const y of frames.years) {
      const text = (drafts[y] ?? '').trim();
      const cents = text === '' ? null : parseEuroToCents(text);
      if (text !== '' && (cents === null || cents < 0)) { setBad(y); setError(`Rahmen ${y}: Bitte einen Betrag in Euro eintragen, z. B. 250.000 oder 250.000,00 (leer = kein Rahmen).`); return; }
      const before = frames.frames.find((f) => f.year === y)?.amountCents ?? null;
      if (before !== cents) changes.push({ year: y, amountCents: cents });
    }
    if (changes.length === 0) { await onSaved('Die Haushaltsrahmen sind unverändert.'); return; }
    setBusy(true);
    try {
      await call('frames.set', { frames: changes });
      await onSaved(`Haushaltsrahmen ${changes.map((c) => c.year).join(', ')} gespeichert.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Haushaltsrahmen je Jahr</h2>
      <p className="hint">Wie viel der Kreis je Haushaltsjahr aus eigenen Mitteln (Eigenanteil) für den Maßnahmenplan bereitstellen kann: Haushaltsjahr und Jahre der mittelfristigen Finanzplanung. Leer = kein Rahmen für das Jahr.</p>
      <div className="table-wrap frames-wrap">
        <table className="data-table compact frames-table">
          <caption className="visually-hidden">Haushaltsrahmen und Eigenanteil je Jahr</caption>
          <thead>
            <tr><th scope="col">Jahr</th><th scope="col" className="num">Rahmen in €</th><th scope="col" className="num">Eigenanteil aller Maßnahmen</th><th scope="col" className="num">Frei (+) / Fehlbetrag (−)</th></tr>
          </thead>
          <tbody>
            {frames.years.map((y) => {
              const need = frames.eigenanteilByYear[String(y)] ?? 0;
              const frame = frames.frames.find((f) => f.year === y)?.amountCents ?? null;
              const left = frame === null ? null : frame - need;
              return (
                <tr key={y}>
                  <th scope="row">{y}</th>
                  <td className="num">
                    <input className="num-input frame-input" inputMode="decimal" aria-label={`Haushaltsrahmen ${y} in Euro`} value={drafts[y] ?? ''}
                      placeholder="kein Rahmen" onChange={(e) => setDrafts((d) => ({ ...d, [y]: e.target.value }))} aria-invalid={bad === y || undefined} />
                  </td>
                  <td className="num">{formatCents(need)}</td>
                  <td className={`num ${left !== null && left < 0 ? 'short' : ''}`}>
                    {left === null ? <span className="muted">kein Rahmen</span> : left < 0 ? <>Fehlbetrag {formatCents(-left)}</> : <>frei {formatCents(left)}</>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>Haushaltsrahmen speichern</button>
      </div>
    </form>
  );
}

export function FinanzplanView() {
  const period = periodOf(useWorkbench().info);
  const plan = usePlanData('finance.plan', {});
  const frames = usePlanData('frames.get', {});
  const [part, setPart] = useState<Part>('totalCents');
  const [status, setStatus] = useState<string | null>(null);
  const fp = plan.data;
  const fr = frames.data;
  if (!fp || !fr) {
    return (
      <>
        <ViewHeading placeholder>Finanzplan</ViewHeading>
        <ErrorAlert message={plan.error ?? frames.error} />
        {!plan.error && !frames.error ? <p>Der Finanzplan wird geladen…</p> : null}
      </>
    );
  }
  const years = fp.years;
  const outside = period ? fp.baustellen.flatMap((b) => b.measures.flatMap((m) => years.filter((y) => !inPeriod(period, y) && (m.byYear[String(y)]?.totalCents ?? 0) > 0).map((y) => ({ code: m.code, id: m.measureId, year: y })))) : [];
  const partLabel = PARTS.find((p) => p.key === part)!.label;
  return (
    <>
      <div className="view-head">
        <ViewHeading>Finanzplan</ViewHeading>
        <p className="lead">Kosten und Finanzierung aller Maßnahmen je Haushaltsjahr – mit Fördermitteln, Drittmitteln, Eigenmitteln Dritter und dem Eigenanteil des Kreises, gegen den Haushaltsrahmen gestellt. Beträge auf den Cent genau.</p>
      </div>
      <StatusLine className="notice">{status}</StatusLine>

      <section className="panel narrow-wide">
        <FramesEditor frames={fr} onSaved={async (msg) => { setStatus(msg); }} />
      </section>

      <section className="panel" aria-labelledby="fp-h">
        <div className="block-head">
          <h2 id="fp-h">Finanzplan je Baustelle und Maßnahme</h2>
          <div className="inline-controls">
            <label htmlFor="fp-part">Zeilen zeigen</label>
            <select id="fp-part" value={part} onChange={(e) => setPart(e.target.value as Part)}>
              {PARTS.map((p) => <option key={p.key} value={p.key}>{p.label}</option>)}
            </select>
          </div>
        </div>
        <p className="muted">{period ? `Planungszeitraum ${period.firstYear}–${period.lastYear} (unter „Plan“ einstellbar).` : 'Kein Planungszeitraum festgelegt (unter „Plan“ einstellbar).'}</p>
        {outside.length > 0 && period ? (
          <div className="warning-box" role="note">
            <p><strong>Budget {outsideText(period)}:</strong></p>
            <ul>{outside.map((o) => <li key={`${o.id}-${o.year}`}><a href={hrefFor({ view: 'massnahme', id: o.id })}>{o.code}</a>: {o.year}</li>)}</ul>
          </div>
        ) : null}
        {fp.lineCount === 0 ? <p>Noch keine Budgetpositionen im Plan.</p> : (
          <div className="table-wrap">
            <table className="data-table finanzplan-table">
              <caption>{partLabel} je Haushaltsjahr</caption>
              <thead>
                <tr>
                  <th scope="col">Baustelle / Maßnahme</th>
                  {years.map((y) => <th key={y} scope="col" className="num">{y}{inPeriod(period, y) ? null : <span className="flag-text block"> außerhalb des Planungszeitraums</span>}</th>)}
                  <th scope="col" className="num">Summe</th>
                </tr>
              </thead>
              {fp.baustellen.map((b) => (
                <tbody key={b.baustelleId} className="fp-group">
                  <tr className="fp-baustelle">
                    <th scope="row"><span className="muted">Baustelle {b.number}</span> {b.shortTitle}</th>
                    {years.map((y) => <td key={y} className="num">{money(b.byYear[String(y)]?.[part])}</td>)}
                    <td className="num strong">{formatCents(b.total[part])}</td>
                  </tr>
                  {b.measures.map((m) => (
                    <tr key={m.measureId} className="fp-measure">
                      <th scope="row">
                        <a href={hrefFor({ view: 'massnahme', id: m.measureId })} className="row-link">{m.code}</a> <span className="measure-title">{m.title}</span>
                        {m.fixed === 'in' ? <span className="marker ok">fest eingeplant</span> : m.fixed === 'out' ? <span className="marker neutral">ausgeschlossen</span> : null}
                      </th>
                      {years.map((y) => <td key={y} className="num">{money(m.byYear[String(y)]?.[part])}</td>)}
                      <td className="num">{formatCents(m.total[part])}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
              <tfoot>
                {PARTS.map((p, i) => (
                  <tr key={p.key} className={i === 0 ? 'fp-total' : 'fp-part'}>
                    <th scope="row">{i === 0 ? 'Gesamtkosten' : `davon ${p.label}`}</th>
                    {fp.perYear.map((y) => <td key={y.year} className="num">{formatCents(y.split[p.key])}</td>)}
                    <td className="num">{formatCents(fp.total[p.key])}</td>
                  </tr>
                ))}
                <tr className="fp-frame">
                  <th scope="row">Haushaltsrahmen (Eigenanteil)</th>
                  {fp.perYear.map((y) => <td key={y.year} className="num">{y.frameCents === null ? <span className="muted">kein Rahmen</span> : formatCents(y.frameCents)}</td>)}
                  <td className="num">{formatCents(fp.perYear.reduce((s, y) => s + (y.frameCents ?? 0), 0))}</td>
                </tr>
                <tr className="fp-left">
                  <th scope="row">Frei (+) / Fehlbetrag (−)</th>
                  {fp.perYear.map((y) => (
                    <td key={y.year} className={`num ${y.leftCents !== null && y.leftCents < 0 ? 'short' : ''}`}>
                      {y.leftCents === null ? <span className="muted">–</span> : y.leftCents < 0 ? `Fehlbetrag ${formatCents(-y.leftCents)}` : formatCents(y.leftCents)}
                    </td>
                  ))}
                  <td className="num" />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      {fp.warnings.length > 0 ? (
        <section className="panel" aria-labelledby="fp-warn">
          <h2 id="fp-warn">Hinweise ({fp.warnings.length})</h2>
          <ul className="warning-list">
            {fp.warnings.map((w, i) => (
              <li key={i} className={w.code === 'rahmen-ueberschritten' ? 'strong-warning' : undefined}>
                <span className={`marker ${w.code === 'rahmen-ueberschritten' ? 'bad' : 'warn'}`}>{w.code === 'rahmen-ueberschritten' ? 'Rahmen überschritten' : w.code === 'rahmen-fehlt' ? 'kein Rahmen' : 'Finanzierung offen'}</span>{' '}
                {w.message}
              </li>
            ))}
          </ul>
          {fp.warnings.some((w) => w.code === 'rahmen-ueberschritten') ? <p><a href={hrefFor({ view: 'optimierung' })}>Zur Optimierung: Welche Maßnahmen passen in den Rahmen?</a></p> : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="fp-kind">
        <h2 id="fp-kind">Budgetpositionen nach Finanzierungsart</h2>
        <p className="hint">Beträge der Budgetpositionen, wie sie eingetragen sind (bei Fördermitteln einschließlich des Eigenanteils der Position).</p>
        <div className="table-wrap">
          <table className="data-table compact">
            <caption className="visually-hidden">Budgetpositionen nach Finanzierungsart und Jahr</caption>
            <thead>
              <tr><th scope="col">Finanzierungsart</th>{years.map((y) => <th key={y} scope="col" className="num">{y}</th>)}<th scope="col" className="num">Summe</th></tr>
            </thead>
            <tbody>
              {fp.byFundingKind.map((k) => (
                <tr key={k.fundingKind}>
                  <th scope="row">{k.label}</th>
                  {years.map((y) => <td key={y} className="num">{money(k.byYear[String(y)])}</td>)}
                  <td className="num strong">{formatCents(k.totalCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr><th scope="row">Summe</th>{fp.perYear.map((y) => <td key={y.year} className="num">{formatCents(y.split.totalCents)}</td>)}<td className="num">{formatCents(fp.total.totalCents)}</td></tr>
            </tfoot>
          </table>
        </div>
      </section>
    </>
  );
}
