// Mehrjährige Budgetreihen of a measure: "jährlich 40.000 € Personal 2026–2029, +2 % p. a." is one
// entry with one edit; the years it generates (shared/domain/series.ts) are shown before saving,
// with their sum, and appear as ordinary budget lines everywhere else.
import { usePendingForm } from '../../../forms/pending.ts';
import { useId, useMemo, useState, type FormEvent } from 'react';
import {
  BUDGET_STATES, BUDGET_STATE_LABELS, COST_KINDS, COST_KIND_LABELS, FUNDING_KINDS, FUNDING_KIND_LABELS,
  type BudgetState, type CostKind, type FundingKind,
} from '../../../../../shared/domain/enums.ts';
import { formatCents, parseEuroToCents } from '../../../../../shared/domain/money.ts';
import { outsideText, periodOf, inPeriod } from '../../../../../shared/domain/plan-period.ts';
import { expandSeries, growthLabel, type BudgetSeries } from '../../../../../shared/domain/series.ts';
import type { Measure } from '../../../../../shared/domain/types.ts';
import { useBackend } from '../../../backend/useBackend.tsx';
import { ConfirmDialog } from '../../../components/Dialog.tsx';
import { ErrorAlert, StatusLine } from '../../../components/Messages.tsx';
import { usePlanData } from '../../../data/usePlanData.ts';
import { bpToInput, messageOf, parsePercentToBp, parseYear } from '../../../lib/format.ts';
import { useWorkbench } from '../../../useWorkbench.tsx';

interface Draft {
  first: string; last: string; amount: string; growth: string; costKind: CostKind; fundingKind: FundingKind;
  programme: string; quote: string; state: BudgetState; note: string;
}

const blank = (year: number): Draft => ({
  first: String(year), last: String(year + 3), amount: '', growth: '0', costKind: 'personal', fundingKind: 'kreishaushalt',
  programme: '', quote: '', state: 'geplant', note: '',
});

const fromSeries = (x: BudgetSeries): Draft => ({
  first: String(x.firstYear), last: String(x.lastYear), amount: formatCents(x.baseCents, { symbol: false }),
  growth: (x.growthBp / 100).toLocaleString('de-DE', { maximumFractionDigits: 2 }), costKind: x.costKind, fundingKind: x.fundingKind,
  programme: x.programme, quote: bpToInput(x.foerderquoteBp), state: x.state, note: x.note,
});

/** "2", "2,5", "-1", "+2 %" -> basis points, or null when it is not a number. */
function parseGrowth(text: string): number | null {
  const t = text.trim().replace(/\s*%$/u, '').replace('−', '-').replace(/^\+/u, '');
  if (t === '') return 0;
  const m = /^(-?)(\d{1,3})(?:,(\d{1,2}))?$/u.exec(t);
  if (!m) return null;
  const bp = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -bp : bp;
}

interface Parsed { ok: true; args: Omit<BudgetSeries, 'id' | 'measureId' | 'produkt' | 'kostenstelle'> }

function parse(d: Draft): Parsed | { ok: false; message: string } {
  const a = parseYear(d.first, 'Erstes Jahr');
  const b = parseYear(d.last, 'Letztes Jahr');
  if (!a.ok) return a;
  if (!b.ok) return b;
  if (a.value == null || b.value == null) return { ok: false, message: 'Bitte erstes und letztes Jahr der Reihe angeben.' };
  const cents = parseEuroToCents(d.amount);
  if (cents == null) return { ok: false, message: 'Bitte den Betrag des ersten Jahres in Euro angeben, z. B. 40.000.' };
  const growthBp = parseGrowth(d.growth);
  if (growthBp == null) return { ok: false, message: 'Die jährliche Steigerung bitte als Prozentzahl angeben, z. B. 2 oder 2,5 (0 = gleichbleibend).' };
  const quote = d.fundingKind === 'foerdermittel' ? parsePercentToBp(d.quote) : { ok: true as const, value: null };
  if (!quote.ok) return quote;
  return {
    ok: true,
    args: {
      firstYear: a.value, lastYear: b.value, baseCents: cents, growthBp, costKind: d.costKind, fundingKind: d.fundingKind,
      programme: d.fundingKind === 'kreishaushalt' ? '' : d.programme, foerderquoteBp: quote.value, state: d.state, note: d.note,
    },
  };
}

export function seriesText(x: BudgetSeries): string {
  return `${formatCents(x.baseCents)} jährlich ${x.firstYear}–${x.lastYear}, ${growthLabel(x.growthBp)}`;
}

export function MeasureSeries({ measure }: { measure: Measure }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const list = usePlanData('series.list', { measureId: measure.id });
  const series = list.data ?? [];
  const period = periodOf(wb.info);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<BudgetSeries | null>(null);
  const [draft, setDraft] = useState<Draft>(() => blank(measure.startYear ?? period?.firstYear ?? new Date().getFullYear()));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<BudgetSeries | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const parsed = useMemo(() => parse(draft), [draft]);
  const typed = open && (editing ? JSON.stringify(draft) !== JSON.stringify(fromSeries(editing)) : draft.amount.trim() !== '' || draft.note.trim() !== '');
  usePendingForm(editing ? `Budgetreihe ${editing.firstYear}–${editing.lastYear} (bearbeitet, nicht gespeichert)` : 'Neue Budgetreihe (nicht angelegt)', typed,
    () => document.getElementById(`${id}-m`)?.focus(), () => { setOpen(false); setEditing(null); });
  const preview = parsed.ok && parsed.args.lastYear >= parsed.args.firstYear && parsed.args.lastYear - parsed.args.firstYear < 30 ? expandSeries(parsed.args) : [];
  const previewTotal = preview.reduce((s, y) => s + y.amountCents, 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null); setStatus(null);
    if (!parsed.ok) { setError(parsed.message); return; }
    setBusy(true);
    try {
      const x = await call('series.save', { ...(editing ? { id: editing.id } : {}), measureId: measure.id, ...parsed.args });
      setStatus(`Budgetreihe ${editing ? 'gespeichert' : 'angelegt'}: ${seriesText(x)}.`);
      setEditing(null); setOpen(false);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(x: BudgetSeries) {
    setBusy(true); setError(null);
    try {
      await call('series.delete', { id: x.id });
      setDeleting(null);
      setStatus(`Budgetreihe ${x.firstYear}–${x.lastYear} gelöscht.`);
    } catch (err) {
      setDeleting(null);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="series-block" role="group" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Mehrjährige Budgetreihen</h3>
      {series.length === 0 ? <p className="muted">Keine Budgetreihe. Wiederkehrende Kosten (z. B. Personal jedes Jahr) als eine Reihe anlegen.</p> : (
        <ul className="series-list">
          {series.map((x) => {
            const years = expandSeries(x);
            const outside = years.filter((y) => !inPeriod(period, y.year));
            return (
              <li key={x.id}>
                <span className="series-text"><strong>{seriesText(x)}</strong> · {COST_KIND_LABELS[x.costKind]} · {FUNDING_KIND_LABELS[x.fundingKind]} · zusammen {formatCents(years.reduce((s, y) => s + y.amountCents, 0))}</span>
                {outside.length > 0 && period ? <span className="flag-text">Achtung: {outside.map((y) => y.year).join(', ')} {outsideText(period)}</span> : null}
                <button type="button" className="button small" disabled={busy}
                  onClick={() => { setEditing(x); setDraft(fromSeries(x)); setOpen(true); setError(null); }}>Reihe {x.firstYear}–{x.lastYear} bearbeiten</button>
                <button type="button" className="button small quiet danger-text" disabled={busy} onClick={() => setDeleting(x)}>Reihe {x.firstYear}–{x.lastYear} löschen</button>
              </li>
            );
          })}
        </ul>
      )}
      <StatusLine>{status}</StatusLine>
      {!open ? (
        <button type="button" className="button" onClick={() => { setEditing(null); setOpen(true); setError(null); }}>Budgetreihe anlegen…</button>
      ) : (
        <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${id}-fh`}>
          <h4 id={`${id}-fh`}>{editing ? `Budgetreihe ${editing.firstYear}–${editing.lastYear} bearbeiten` : 'Budgetreihe anlegen'}</h4>
          <div className="form-grid">
            <div className="field"><label htmlFor={`${id}-a`}>Erstes Jahr</label>
              <input id={`${id}-a`} value={draft.first} onChange={(e) => set('first', e.target.value)} inputMode="numeric" /></div>
            <div className="field"><label htmlFor={`${id}-b`}>Letztes Jahr</label>
              <input id={`${id}-b`} value={draft.last} onChange={(e) => set('last', e.target.value)} inputMode="numeric" /></div>
            <div className="field"><label htmlFor={`${id}-m`}>Betrag im ersten Jahr in €</label>
              <input id={`${id}-m`} value={draft.amount} onChange={(e) => set('amount', e.target.value)} inputMode="decimal" className="num-input" placeholder="z. B. 40.000" /></div>
            <div className="field"><label htmlFor={`${id}-g`}>Steigerung in % p. a.</label>
              <input id={`${id}-g`} value={draft.growth} onChange={(e) => set('growth', e.target.value)} inputMode="decimal" className="num-input" aria-describedby={`${id}-gh`} />
              <p id={`${id}-gh`} className="hint">0 = gleichbleibend; jedes Jahr vom Grundbetrag aus auf volle Cent gerundet</p></div>
            <div className="field"><label htmlFor={`${id}-k`}>Kostenart</label>
              <select id={`${id}-k`} value={draft.costKind} onChange={(e) => set('costKind', e.target.value as CostKind)}>
                {COST_KINDS.map((k) => <option key={k} value={k}>{COST_KIND_LABELS[k]}</option>)}
              </select></div>
            <div className="field"><label htmlFor={`${id}-f`}>Finanzierung</label>
              <select id={`${id}-f`} value={draft.fundingKind} onChange={(e) => set('fundingKind', e.target.value as FundingKind)}>
                {FUNDING_KINDS.map((k) => <option key={k} value={k}>{FUNDING_KIND_LABELS[k]}</option>)}
              </select></div>
            {draft.fundingKind !== 'kreishaushalt' ? (
              <div className="field"><label htmlFor={`${id}-p`}>{draft.fundingKind === 'foerdermittel' ? 'Förderprogramm' : 'Geldgeber / Programm'}</label>
                <input id={`${id}-p`} value={draft.programme} onChange={(e) => set('programme', e.target.value)} /></div>
            ) : null}
            {draft.fundingKind === 'foerdermittel' ? (
              <div className="field"><label htmlFor={`${id}-q`}>Förderquote in %</label>
                <input id={`${id}-q`} value={draft.quote} onChange={(e) => set('quote', e.target.value)} inputMode="decimal" className="num-input" /></div>
            ) : null}
            <div className="field"><label htmlFor={`${id}-s`}>Stand</label>
              <select id={`${id}-s`} value={draft.state} onChange={(e) => set('state', e.target.value as BudgetState)}>
                {BUDGET_STATES.map((k) => <option key={k} value={k}>{BUDGET_STATE_LABELS[k]}</option>)}
              </select></div>
            <div className="field span-3"><label htmlFor={`${id}-n`}>Anmerkung</label>
              <input id={`${id}-n`} value={draft.note} onChange={(e) => set('note', e.target.value)} /></div>
          </div>
          {preview.length > 0 ? (
            <table className="data-table compact year-totals series-preview">
              <caption>Die Reihe ergibt diese Jahre</caption>
              <thead><tr>{preview.map((y) => <th key={y.year} scope="col" className="num">{y.year}</th>)}<th scope="col" className="num">Summe der Jahre</th></tr></thead>
              <tbody><tr>
                {preview.map((y) => <td key={y.year} className="num">{formatCents(y.amountCents)}{inPeriod(period, y.year) ? null : <span className="flag-text"> (außerhalb)</span>}</td>)}
                <td className="num strong">{formatCents(previewTotal)}</td>
              </tr></tbody>
            </table>
          ) : null}
          <ErrorAlert message={error} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>{editing ? 'Reihe speichern' : 'Reihe anlegen'}</button>
            <button type="button" className="button" onClick={() => { setOpen(false); setEditing(null); setError(null); }}>Abbrechen</button>
          </div>
        </form>
      )}
      {deleting ? (
        <ConfirmDialog title="Budgetreihe löschen?" confirmLabel="Löschen" busy={busy} onConfirm={() => void remove(deleting)} onClose={() => setDeleting(null)}>
          <p>Die Budgetreihe {seriesText(deleting)} wird mit allen ihren Jahren gelöscht. „Rückgängig“ holt sie zurück.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
