// Umsetzungsschritte of a measure: ordered steps with a due quarter, ticked off when done.
import { usePendingForm } from '../../../forms/pending.ts';
import { useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { QUARTERS, type Quarter } from '../../../../../shared/domain/enums.ts';
import { quarterIndex } from '../../../../../shared/domain/period.ts';
import type { MeasureDetail, Milestone } from '../../../../../shared/domain/types.ts';
import { useBackend } from '../../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../../components/Messages.tsx';
import { parseYear } from '../../../lib/format.ts';
import { useSectionAction } from './useSectionAction.ts';

interface StepDraft { title: string; year: string; quarter: string }
const blank: StepDraft = { title: '', year: '', quarter: '' };

export function dueText(year: number | null, quarter: number | null): string {
  if (year == null) return 'ohne Termin';
  return quarter == null ? String(year) : `Q${quarter}/${year}`;
}

function currentQuarterIndex(): number {
  const d = new Date();
  return quarterIndex(d.getFullYear(), Math.floor(d.getMonth() / 3) + 1);
}

export function MeasureMilestones({ detail }: { detail: MeasureDetail }) {
  const { call } = useBackend();
  const id = useId();
  const m = detail.measure;
  const steps = detail.milestones;
  const [editing, setEditing] = useState<Milestone | null>(null);
  const [draft, setDraft] = useState<StepDraft>(blank);
  const { error, setError, status, setStatus, run } = useSectionAction();
  const titleField = useRef<HTMLInputElement>(null);
  const [now] = useState(currentQuarterIndex);
  const set = <K extends keyof StepDraft>(k: K, v: StepDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  // After a move, the moved step's arrow keeps the focus once the new order is on screen.
  const focusAfterMove = useRef<{ id: string; dir: 'up' | 'down' } | null>(null);
  useLayoutEffect(() => {
    const f = focusAfterMove.current;
    if (!f) return;
    const target = document.querySelector<HTMLButtonElement>(`[data-step="${f.id}"][data-move="${f.dir}"]:not(:disabled)`)
      ?? document.querySelector<HTMLButtonElement>(`[data-step="${f.id}"][data-move]:not(:disabled)`);
    if (target) { focusAfterMove.current = null; target.focus(); }
  }, [steps]);

  const stepDraft = (s: Milestone): StepDraft => ({ title: s.title, year: s.dueYear == null ? '' : String(s.dueYear), quarter: s.dueQuarter == null ? '' : String(s.dueQuarter) });
  usePendingForm(editing ? `Umsetzungsschritt „${editing.title}“ (bearbeitet, nicht gespeichert)` : 'Neuer Umsetzungsschritt (nicht hinzugefügt)',
    JSON.stringify(draft) !== JSON.stringify(editing ? stepDraft(editing) : blank), () => titleField.current?.focus(), () => { setEditing(null); setDraft(blank); });

  function startEdit(s: Milestone) {
    setEditing(s); setError(null); setStatus(null);
    setDraft({ title: s.title, year: s.dueYear == null ? '' : String(s.dueYear), quarter: s.dueQuarter == null ? '' : String(s.dueQuarter) });
    requestAnimationFrame(() => titleField.current?.focus());
  }
  function cancelEdit() { setEditing(null); setDraft(blank); setError(null); }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const year = parseYear(draft.year, 'Fällig');
    if (!year.ok) { setError(year.message); return; }
    const fields = { title: draft.title, dueYear: year.value, dueQuarter: draft.quarter ? (Number(draft.quarter) as Quarter) : null };
    const ok = editing
      ? await run(() => call('milestones.save', { id: editing.id, measureId: m.id, ...fields }), `Umsetzungsschritt „${draft.title.trim()}“ gespeichert.`)
      : await run(() => call('milestones.save', { measureId: m.id, ...fields }), `Umsetzungsschritt „${draft.title.trim()}“ hinzugefügt.`);
    if (ok) {
      setEditing(null); setDraft(blank);
      if (!editing) requestAnimationFrame(() => titleField.current?.focus());
    }
  }

  /** Moves a step one place up or down; the others keep their order. */
  async function move(index: number, by: -1 | 1) {
    const order = [...steps];
    const [s] = order.splice(index, 1);
    order.splice(index + by, 0, s);
    focusAfterMove.current = { id: s.id, dir: by < 0 ? 'up' : 'down' };
    await run(async () => {
      // Positions are rewritten 0…n-1 wherever they differ (older plans may hold equal positions).
      for (const [pos, x] of order.entries()) {
        if (x.position !== pos) await call('milestones.save', { id: x.id, measureId: m.id, position: pos });
      }
    }, `„${s.title}“ ist jetzt Schritt ${index + by + 1} von ${steps.length}.`);
  }

  return (
    <section className="panel jump-target" aria-labelledby="sec-schritte">
      <h2 id="sec-schritte" tabIndex={-1}>Umsetzungsschritte</h2>
      <p className="muted">Meilensteine mit Termin. Die Reihenfolge lässt sich mit den Pfeilen ändern; erledigte Schritte abhaken.</p>
      {steps.length === 0 ? <p>Noch keine Umsetzungsschritte.</p> : (
        <table className="data-table compact steps-table">
          <caption className="visually-hidden">Umsetzungsschritte der Maßnahme {m.code}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">Nr.</th><th scope="col">Schritt</th><th scope="col">fällig</th><th scope="col">erledigt</th>
              <th scope="col"><span className="visually-hidden">Aktionen</span></th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => {
              const overdue = !s.done && s.dueYear != null && quarterIndex(s.dueYear, s.dueQuarter ?? 4) < now;
              return (
                <tr key={s.id} className={[editing?.id === s.id ? 'editing' : '', s.done ? 'done' : ''].join(' ').trim() || undefined}>
                  <td className="num">{i + 1}</td>
                  <th scope="row" className="row-head">{s.title}</th>
                  <td className="nowrap">
                    {dueText(s.dueYear, s.dueQuarter)}
                    {overdue ? <span className="badge warn step-flag">überfällig</span> : null}
                  </td>
                  <td>
                    <label className="check">
                      <input type="checkbox" checked={s.done}
                        onChange={(e) => void run(() => call('milestones.save', { id: s.id, measureId: m.id, done: e.target.checked }),
                          e.target.checked ? `„${s.title}“ als erledigt markiert.` : `„${s.title}“ wieder offen.`)} />
                      <span className="visually-hidden">„{s.title}“ </span>erledigt
                    </label>
                  </td>
                  <td className="actions">
                    <button type="button" className="button small quiet icon-only" disabled={i === 0} data-step={s.id} data-move="up"
                      aria-label={`„${s.title}“ nach oben`} title="nach oben" onClick={() => void move(i, -1)}><span aria-hidden="true">↑</span></button>
                    <button type="button" className="button small quiet icon-only" disabled={i === steps.length - 1} data-step={s.id} data-move="down"
                      aria-label={`„${s.title}“ nach unten`} title="nach unten" onClick={() => void move(i, 1)}><span aria-hidden="true">↓</span></button>
                    <button type="button" className="button small quiet" onClick={() => startEdit(s)}
                      aria-label={`„${s.title}“ bearbeiten`}>Bearbeiten</button>
                    <button type="button" className="button small quiet danger-text"
                      aria-label={`„${s.title}“ löschen`}
                      onClick={() => void run(() => call('milestones.delete', { id: s.id }), `Umsetzungsschritt „${s.title}“ gelöscht. Strg+Z macht das rückgängig.`)}>Löschen</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${id}-fh`}>
        <h3 id={`${id}-fh`}>{editing ? `Umsetzungsschritt „${editing.title}“ bearbeiten` : 'Umsetzungsschritt hinzufügen'}</h3>
        <div className="inline-form tight">
          <div className="field grow">
            <label htmlFor={`${id}-t`}>Schritt</label>
            <input id={`${id}-t`} ref={titleField} value={draft.title} onChange={(e) => set('title', e.target.value)}
              placeholder="z. B. Kooperationsvereinbarung unterzeichnet" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-y`}>fällig: Jahr</label>
            <input id={`${id}-y`} value={draft.year} onChange={(e) => set('year', e.target.value)} inputMode="numeric" size={6} placeholder="JJJJ" className="year-input" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-q`}>Quartal</label>
            <select id={`${id}-q`} value={draft.quarter} onChange={(e) => set('quarter', e.target.value)}>
              <option value="">–</option>
              {QUARTERS.map((q) => <option key={q} value={String(q)}>Q{q}</option>)}
            </select>
          </div>
          <button type="submit" className="button primary">{editing ? 'Schritt speichern' : 'Schritt hinzufügen'}</button>
          {editing ? <button type="button" className="button" onClick={cancelEdit}>Abbrechen</button> : null}
        </div>
      </form>
      <ErrorAlert message={error} />
      <StatusLine>{status}</StatusLine>
    </section>
  );
}
