// Budget of a measure: lines per year with cost kind, funding and state; totals per year.
import { usePendingForm } from '../../../forms/pending.ts';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  BUDGET_STATES, BUDGET_STATE_LABELS, COST_KINDS, COST_KIND_LABELS, FUNDING_KINDS, FUNDING_KIND_LABELS,
  type BudgetState, type CostKind, type FundingKind,
} from '../../../../../shared/domain/enums.ts';
import { formatCents, parseEuroToCents, sumCents } from '../../../../../shared/domain/money.ts';
import type { BudgetLine, MeasureDetail } from '../../../../../shared/domain/types.ts';
import { useBackend } from '../../../backend/useBackend.tsx';
import { ConfirmDialog } from '../../../components/Dialog.tsx';
import { ErrorAlert, StatusLine } from '../../../components/Messages.tsx';
import { bpToInput, formatBp, messageOf, parsePercentToBp, parseYear } from '../../../lib/format.ts';
import { useWorkbench } from '../../../useWorkbench.tsx';
import { inPeriod, outsideText, periodOf } from '../../../../../shared/domain/plan-period.ts';
import { MeasureSeries } from './MeasureSeries.tsx';

interface LineDraft {
  year: string; amount: string; costKind: CostKind; fundingKind: FundingKind;
  produkt: string; kostenstelle: string; programme: string; quote: string; state: BudgetState; note: string;
}

function blank(year: number): LineDraft {
  return { year: String(year), amount: '', costKind: 'sachkosten', fundingKind: 'kreishaushalt', produkt: '', kostenstelle: '', programme: '', quote: '', state: 'geplant', note: '' };
}

function fromLine(b: BudgetLine): LineDraft {
  return {
    year: String(b.year), amount: formatCents(b.amountCents, { symbol: false }), costKind: b.costKind, fundingKind: b.fundingKind,
    produkt: b.produkt, kostenstelle: b.kostenstelle, programme: b.programme, quote: bpToInput(b.foerderquoteBp), state: b.state, note: b.note,
  };
}

export function fundingText(b: BudgetLine): string {
  const parts: string[] = [FUNDING_KIND_LABELS[b.fundingKind]];
  if (b.fundingKind === 'kreishaushalt') {
    if (b.produkt) parts.push(`Produkt ${b.produkt}`);
    if (b.kostenstelle) parts.push(`Kostenstelle ${b.kostenstelle}`);
  } else if (b.fundingKind === 'foerdermittel') {
    if (b.programme) parts.push(b.programme);
    if (b.foerderquoteBp != null) parts.push(`Förderquote ${formatBp(b.foerderquoteBp)}`);
  } else if (b.programme) {
    parts.push(b.programme);
  }
  return parts.join(' · ');
}

export function MeasureBudget({ detail }: { detail: MeasureDetail }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const m = detail.measure;
  const [thisYear] = useState(() => new Date().getFullYear());
  const defaultYear = m.startYear ?? thisYear;
  const [editing, setEditing] = useState<BudgetLine | null>(null);
  const [draft, setDraft] = useState<LineDraft>(blank(defaultYear));
  const [error, setError] = useState<string | null>(null);
  const [badField, setBadField] = useState<'year' | 'amount' | 'quote' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<BudgetLine | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const set = <K extends keyof LineDraft>(k: K, v: LineDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const lines = detail.budgetLines;
  const period = periodOf(wb.info);
  const byYear = useMemo(() => {
    const map = new Map<number, number>();
    for (const l of lines) map.set(l.year, (map.get(l.year) ?? 0) + l.amountCents);
    return [...map].sort((a, b) => a[0] - b[0]);
  }, [lines]);
  const total = sumCents(lines.map((l) => l.amountCents));

  const typed = editing ? JSON.stringify(draft) !== JSON.stringify(fromLine(editing))
    : [draft.amount, draft.produkt, draft.kostenstelle, draft.programme, draft.quote, draft.note].some((x) => x.trim() !== '');
  usePendingForm(editing ? `Budgetposition ${editing.year} (bearbeitet, nicht gespeichert)` : 'Neue Budgetposition (nicht hinzugefügt)', typed,
    () => firstField.current?.focus(), () => { setEditing(null); setDraft(blank(defaultYear)); });

  function startEdit(line: BudgetLine) {
    setEditing(line); setDraft(fromLine(line)); setError(null); setStatus(null);
    requestAnimationFrame(() => firstField.current?.focus());
  }
  function cancelEdit() {
    setEditing(null); setDraft(blank(defaultYear)); setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null); setStatus(null); setBadField(null);
    const fail = (field: 'year' | 'amount' | 'quote', message: string) => { setError(message); setBadField(field); };
    const year = parseYear(draft.year, 'Jahr');
    if (!year.ok) { fail('year', year.message); return; }
    if (year.value == null) { fail('year', 'Bitte das Haushaltsjahr angeben (z. B. 2027).'); return; }
    const cents = parseEuroToCents(draft.amount);
    if (cents == null) { fail('amount', 'Bitte den Betrag in Euro angeben, z. B. 12.500 oder 1.234,56.'); return; }
    const quote = draft.fundingKind === 'foerdermittel' ? parsePercentToBp(draft.quote) : { ok: true as const, value: null };
    if (!quote.ok) { fail('quote', quote.message); return; }
    const fields = {
      year: year.value, amountCents: cents, costKind: draft.costKind, fundingKind: draft.fundingKind,
      produkt: draft.fundingKind === 'kreishaushalt' ? draft.produkt : '',
      kostenstelle: draft.fundingKind === 'kreishaushalt' ? draft.kostenstelle : '',
      programme: draft.fundingKind === 'kreishaushalt' ? '' : draft.programme,
      foerderquoteBp: quote.value, state: draft.state, note: draft.note,
    };
    setBusy(true);
    try {
      if (editing) {
        const b = await call('budget.update', { id: editing.id, patch: fields });
        setStatus(`Budgetposition ${b.year} über ${formatCents(b.amountCents)} gespeichert.`);
        setEditing(null);
      } else {
        const b = await call('budget.create', { measureId: m.id, ...fields });
        setStatus(`Budgetposition ${b.year} über ${formatCents(b.amountCents)} hinzugefügt.`);
      }
      setDraft(blank(year.value));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(line: BudgetLine) {
    setBusy(true); setError(null); setStatus(null);
    try {
      await call('budget.delete', { id: line.id });
      setDeleting(null);
      if (editing?.id === line.id) cancelEdit();
      setStatus(`Budgetposition ${line.year} über ${formatCents(line.amountCents)} gelöscht.`);
    } catch (err) {
      setDeleting(null);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const fk = draft.fundingKind;
  return (
    <section className="panel jump-target" aria-labelledby="sec-budget">
      <div className="block-head">
        <h2 id="sec-budget" tabIndex={-1}>Budget: Kosten und Finanzierung</h2>
        <p className="total-line">Gesamt: <strong>{formatCents(total)}</strong></p>
      </div>

      {lines.length === 0 ? <p>Noch keine Budgetpositionen.</p> : (
        <>
          <table className="data-table compact">
            <caption className="visually-hidden">Budgetpositionen der Maßnahme {m.code}</caption>
            <thead>
              <tr>
                <th scope="col">Jahr</th><th scope="col" className="num">Betrag</th><th scope="col">Kostenart</th>
                <th scope="col">Finanzierung</th><th scope="col">Stand</th><th scope="col">Anmerkung</th>
                <th scope="col"><span className="visually-hidden">Aktionen</span></th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id} className={editing?.id === l.id ? 'editing' : undefined}>
                  <td>{l.year}{inPeriod(period, l.year) || !period ? null : <span className="flag-text"> – {outsideText(period)}</span>}</td>
                  <td className="num">{formatCents(l.amountCents)}</td>
                  <td>{COST_KIND_LABELS[l.costKind]}</td>
                  <td>{fundingText(l)}</td>
                  <td>{BUDGET_STATE_LABELS[l.state]}</td>
                  <td>{l.note}</td>
                  <td className="actions">
                    {l.seriesId ? <span className="muted">Teil einer Budgetreihe</span> : <>
                    <button type="button" className="button small quiet" disabled={busy} onClick={() => startEdit(l)}
                      aria-label={`Budgetposition ${l.year} über ${formatCents(l.amountCents)} bearbeiten`}>Bearbeiten</button>
                    <button type="button" className="button small quiet danger-text" disabled={busy} onClick={() => setDeleting(l)}
                      aria-label={`Budgetposition ${l.year} über ${formatCents(l.amountCents)} löschen`}>Löschen</button>
                    </>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="data-table compact year-totals">
            <caption>Budget je Jahr</caption>
            <thead>
              <tr>
                {byYear.map(([y]) => <th key={y} scope="col" className="num">{y}</th>)}
                <th scope="col" className="num">Gesamt</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                {byYear.map(([y, c]) => <td key={y} className="num">{formatCents(c)}</td>)}
                <td className="num strong">{formatCents(total)}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}

      <MeasureSeries measure={m} />

      <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${id}-fh`}>
        <h3 id={`${id}-fh`}>{editing ? `Budgetposition ${editing.year} bearbeiten` : 'Budgetposition hinzufügen'}</h3>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-y`}>Jahr</label>
            <input id={`${id}-y`} ref={firstField} value={draft.year} onChange={(e) => set('year', e.target.value)} inputMode="numeric"
              aria-invalid={badField === 'year' || undefined} aria-describedby={badField === 'year' ? `${id}-err` : undefined} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-a`}>Betrag in €</label>
            <input id={`${id}-a`} value={draft.amount} onChange={(e) => set('amount', e.target.value)} inputMode="decimal" placeholder="z. B. 12.500,00" className="num-input"
              aria-invalid={badField === 'amount' || undefined} aria-describedby={badField === 'amount' ? `${id}-err` : undefined} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-k`}>Kostenart</label>
            <select id={`${id}-k`} value={draft.costKind} onChange={(e) => set('costKind', e.target.value as CostKind)}>
              {COST_KINDS.map((k) => <option key={k} value={k}>{COST_KIND_LABELS[k]}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-s`}>Stand</label>
            <select id={`${id}-s`} value={draft.state} onChange={(e) => set('state', e.target.value as BudgetState)}>
              {BUDGET_STATES.map((k) => <option key={k} value={k}>{BUDGET_STATE_LABELS[k]}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-f`}>Finanzierung</label>
            <select id={`${id}-f`} value={fk} onChange={(e) => set('fundingKind', e.target.value as FundingKind)}>
              {FUNDING_KINDS.map((k) => <option key={k} value={k}>{FUNDING_KIND_LABELS[k]}</option>)}
            </select>
          </div>
          {fk === 'kreishaushalt' ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-p`}>Produkt</label>
                <input id={`${id}-p`} value={draft.produkt} onChange={(e) => set('produkt', e.target.value)} placeholder="z. B. 31.10.01" />
              </div>
              <div className="field">
                <label htmlFor={`${id}-ks`}>Kostenstelle</label>
                <input id={`${id}-ks`} value={draft.kostenstelle} onChange={(e) => set('kostenstelle', e.target.value)} />
              </div>
            </>
          ) : fk === 'foerdermittel' ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-pg`}>Förderprogramm</label>
                <input id={`${id}-pg`} value={draft.programme} onChange={(e) => set('programme', e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-q`}>Förderquote in %</label>
                <input id={`${id}-q`} value={draft.quote} onChange={(e) => set('quote', e.target.value)} inputMode="decimal" placeholder="z. B. 80" className="num-input"
                  aria-invalid={badField === 'quote' || undefined} aria-describedby={badField === 'quote' ? `${id}-err` : undefined} />
              </div>
            </>
          ) : (
            <div className="field span-2">
              <label htmlFor={`${id}-pg`}>Geldgeber / Programm</label>
              <input id={`${id}-pg`} value={draft.programme} onChange={(e) => set('programme', e.target.value)} />
            </div>
          )}
          <div className="field span-4">
            <label htmlFor={`${id}-n`}>Anmerkung</label>
            <input id={`${id}-n`} value={draft.note} onChange={(e) => set('note', e.target.value)} />
          </div>
        </div>
        <ErrorAlert message={error} id={`${id}-err`} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>{editing ? 'Budgetposition speichern' : 'Budgetposition hinzufügen'}</button>
          {editing ? <button type="button" className="button" onClick={cancelEdit}>Abbrechen</button> : null}
          <StatusLine>{status}</StatusLine>
        </div>
      </form>

      {deleting ? (
        <ConfirmDialog title="Budgetposition löschen?" confirmLabel="Löschen" busy={busy} onConfirm={() => void remove(deleting)} onClose={() => setDeleting(null)}>
          <p>Die Budgetposition {deleting.year} über {formatCents(deleting.amountCents)} ({COST_KIND_LABELS[deleting.costKind]}, {fundingText(deleting)}) wird gelöscht.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
