// Erfolgsindikatoren of a measure: what is measured, from which value to which, by when, from which source.
import { usePendingForm } from '../../../forms/pending.ts';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Indicator, MeasureDetail } from '../../../../../shared/domain/types.ts';
import { useBackend } from '../../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../../components/Messages.tsx';
import { parseYear } from '../../../lib/format.ts';
import { useSectionAction } from './useSectionAction.ts';

interface IndicatorDraft { name: string; baseline: string; target: string; targetYear: string; dataSource: string }
const blank: IndicatorDraft = { name: '', baseline: '', target: '', targetYear: '', dataSource: '' };

export function MeasureIndicators({ detail }: { detail: MeasureDetail }) {
  const { call } = useBackend();
  const id = useId();
  const m = detail.measure;
  const list = detail.indicators;
  const [editing, setEditing] = useState<Indicator | null>(null);
  const [draft, setDraft] = useState<IndicatorDraft>(blank);
  const { error, setError, status, setStatus, run } = useSectionAction();
  const nameField = useRef<HTMLInputElement>(null);
  const set = <K extends keyof IndicatorDraft>(k: K, v: IndicatorDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const indicatorDraft = (i: Indicator): IndicatorDraft => ({ name: i.name, baseline: i.baseline, target: i.target, targetYear: i.targetYear == null ? '' : String(i.targetYear), dataSource: i.dataSource });
  usePendingForm(editing ? `Indikator „${editing.name}“ (bearbeitet, nicht gespeichert)` : 'Neuer Erfolgsindikator (nicht hinzugefügt)',
    JSON.stringify(draft) !== JSON.stringify(editing ? indicatorDraft(editing) : blank), () => nameField.current?.focus(), () => { setEditing(null); setDraft(blank); });

  function startEdit(i: Indicator) {
    setEditing(i); setError(null); setStatus(null);
    setDraft({ name: i.name, baseline: i.baseline, target: i.target, targetYear: i.targetYear == null ? '' : String(i.targetYear), dataSource: i.dataSource });
    requestAnimationFrame(() => nameField.current?.focus());
  }
  function cancelEdit() { setEditing(null); setDraft(blank); setError(null); }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const year = parseYear(draft.targetYear, 'Zieljahr');
    if (!year.ok) { setError(year.message); return; }
    const fields = { name: draft.name, baseline: draft.baseline, target: draft.target, targetYear: year.value, dataSource: draft.dataSource };
    const ok = editing
      ? await run(() => call('indicators.save', { id: editing.id, measureId: m.id, ...fields }), `Indikator „${draft.name.trim()}“ gespeichert.`)
      : await run(() => call('indicators.save', { measureId: m.id, ...fields }), `Indikator „${draft.name.trim()}“ hinzugefügt.`);
    if (ok) { setEditing(null); setDraft(blank); }
  }

  return (
    <section className="panel jump-target" aria-labelledby="sec-indikatoren">
      <h2 id="sec-indikatoren" tabIndex={-1}>Erfolgsindikatoren</h2>
      <p className="muted">Woran der Kreistag erkennt, ob die Maßnahme wirkt: Ausgangs- und Zielwert als Text, z. B. „12 %“ oder „150 Personen/Jahr“.</p>
      {list.length === 0 ? <p>Noch keine Erfolgsindikatoren.</p> : (
        <table className="data-table compact">
          <caption className="visually-hidden">Erfolgsindikatoren der Maßnahme {m.code}</caption>
          <thead>
            <tr>
              <th scope="col">Indikator</th><th scope="col">Ausgangswert</th><th scope="col">Zielwert</th><th scope="col" className="num">Zieljahr</th>
              <th scope="col">Datenquelle</th><th scope="col"><span className="visually-hidden">Aktionen</span></th>
            </tr>
          </thead>
          <tbody>
            {list.map((i) => (
              <tr key={i.id} className={editing?.id === i.id ? 'editing' : undefined}>
                <th scope="row" className="row-head">{i.name}</th>
                <td>{i.baseline || <span className="muted">–</span>}</td>
                <td>{i.target || <span className="muted">–</span>}</td>
                <td className="num">{i.targetYear ?? <span className="muted">–</span>}</td>
                <td>{i.dataSource || <span className="muted">–</span>}</td>
                <td className="actions">
                  <button type="button" className="button small quiet" onClick={() => startEdit(i)} aria-label={`Indikator „${i.name}“ bearbeiten`}>Bearbeiten</button>
                  <button type="button" className="button small quiet danger-text" aria-label={`Indikator „${i.name}“ löschen`}
                    onClick={() => void run(() => call('indicators.delete', { id: i.id }), `Indikator „${i.name}“ gelöscht. Strg+Z macht das rückgängig.`)}>Löschen</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${id}-fh`}>
        <h3 id={`${id}-fh`}>{editing ? `Indikator „${editing.name}“ bearbeiten` : 'Indikator hinzufügen'}</h3>
        <div className="form-grid indicator-grid">
          <div className="field span-2">
            <label htmlFor={`${id}-n`}>Indikator</label>
            <input id={`${id}-n`} ref={nameField} value={draft.name} onChange={(e) => set('name', e.target.value)}
              placeholder="z. B. Teilnehmende je Jahr" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-b`}>Ausgangswert</label>
            <input id={`${id}-b`} value={draft.baseline} onChange={(e) => set('baseline', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-t`}>Zielwert</label>
            <input id={`${id}-t`} value={draft.target} onChange={(e) => set('target', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-y`}>Zieljahr</label>
            <input id={`${id}-y`} value={draft.targetYear} onChange={(e) => set('targetYear', e.target.value)} inputMode="numeric" placeholder="JJJJ" />
          </div>
          <div className="field span-3">
            <label htmlFor={`${id}-s`}>Datenquelle</label>
            <input id={`${id}-s`} value={draft.dataSource} onChange={(e) => set('dataSource', e.target.value)}
              placeholder="z. B. Statistik des Jobcenters, eigene Erhebung" />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary">{editing ? 'Indikator speichern' : 'Indikator hinzufügen'}</button>
          {editing ? <button type="button" className="button" onClick={cancelEdit}>Abbrechen</button> : null}
        </div>
      </form>
      <ErrorAlert message={error} />
      <StatusLine>{status}</StatusLine>
    </section>
  );
}
