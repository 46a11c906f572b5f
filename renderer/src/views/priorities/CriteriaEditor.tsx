// Kriterien und Gewichte: names, descriptions, weights (live sum, must be 100), KO flags; order by
// moving rows. The whole set is saved at once (criteria.saveAll), so the sum rule holds.
import { useState, type FormEvent } from 'react';
import { WEIGHT_TOTAL } from '../../../../shared/domain/nutzwert.ts';
import type { PlanCriterion } from '../../../../shared/domain/priorities.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/Messages.tsx';
import { messageOf } from '../../lib/format.ts';
import { criterionTag, segmentStyle } from './common.tsx';

interface Draft {
  key: string;
  id?: string;
  name: string;
  description: string;
  weight: string;
  ko: boolean;
  threshold: string;
  scoreCount: number;
}

const toDraft = (c: PlanCriterion): Draft => ({
  key: c.id, id: c.id, name: c.name, description: c.description, weight: String(c.weight), ko: c.ko,
  threshold: c.koThreshold != null ? String(c.koThreshold) : '1', scoreCount: c.scoreCount,
});

const asInt = (s: string): number | null => (/^\s*\d{1,3}\s*$/u.test(s) ? Number(s) : null);

export function CriteriaEditor({ criteria, onSaved, headingId }: { criteria: PlanCriterion[]; onSaved: (message: string) => Promise<void>; headingId: string }) {
  const { call } = useBackend();
  const [drafts, setDrafts] = useState<Draft[]>(() => criteria.map(toDraft));
  const [base, setBase] = useState(criteria);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<Draft[] | null>(null);
  const [seq, setSeq] = useState(0);

  // A reload from outside (undo, another view) resets the editor when nothing is being edited.
  if (criteria !== base) {
    setBase(criteria);
    if (JSON.stringify(drafts) === JSON.stringify(base.map(toDraft))) setDrafts(criteria.map(toDraft));
  }

  const sum = drafts.reduce((s, d) => s + (asInt(d.weight) ?? 0), 0);
  const invalidWeights = drafts.some((d) => asInt(d.weight) === null || (asInt(d.weight) ?? 0) > WEIGHT_TOTAL);
  const dirty = JSON.stringify(drafts) !== JSON.stringify(criteria.map(toDraft));
  const removed = criteria.filter((c) => !drafts.some((d) => d.id === c.id));
  const set = (key: string, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const move = (i: number, by: number) => setDrafts((ds) => {
    const j = i + by;
    if (j < 0 || j >= ds.length) return ds;
    const out = ds.slice();
    [out[i], out[j]] = [out[j], out[i]];
    return out;
  });

  async function save(list: Draft[]) {
    setBusy(true); setError(null); setConfirm(null);
    try {
      const saved = await call('criteria.saveAll', {
        criteria: list.map((d) => ({
          ...(d.id ? { id: d.id } : {}), name: d.name, description: d.description, weight: asInt(d.weight) ?? -1, ko: d.ko,
          ...(d.ko ? { koThreshold: asInt(d.threshold) ?? 0 } : {}),
        })),
      });
      setDrafts(saved.map(toDraft));
      await onSaved('Kriterien und Gewichte gespeichert. Die Rangfolge ist neu berechnet.');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (invalidWeights) { setError('Bitte für jedes Kriterium ein Gewicht als ganze Zahl von 0 bis 100 eintragen.'); return; }
    if (sum !== WEIGHT_TOTAL) { setError(`Die Gewichte ergeben zusammen ${sum} statt ${WEIGHT_TOTAL} Punkte. Bitte so verteilen, dass sie genau ${WEIGHT_TOTAL} ergeben.`); return; }
    if (removed.some((c) => c.scoreCount > 0)) { setConfirm(drafts); return; }
    void save(drafts);
  }

  const left = WEIGHT_TOTAL - sum;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} className="criteria-form">
      <div className="block-head">
        <h2 id={headingId} tabIndex={-1}>Kriterien und Gewichte</h2>
        <p className={`weight-sum ${sum === WEIGHT_TOTAL ? 'ok' : 'bad'}`} role="status" aria-live="polite">
          Summe der Gewichte: <strong>{sum} von {WEIGHT_TOTAL} Punkten</strong>
          {sum === WEIGHT_TOTAL ? ' – stimmt.' : left > 0 ? ` – noch ${left} Punkte zu verteilen.` : ` – ${-left} Punkte zu viel.`}
        </p>
      </div>
      <p className="hint">Jedes Kriterium wird je Maßnahme mit 0 bis 10 bewertet. Die Gewichte (ganze Punkte) müssen zusammen genau 100 ergeben. Ein KO-Kriterium schließt eine Maßnahme aus, deren Bewertung unter der Schwelle liegt.</p>
      <div className="table-wrap">
        <table className="data-table compact criteria-table">
          <caption className="visually-hidden">Kriterien der Nutzwertanalyse</caption>
          <thead>
            <tr>
              <th scope="col">Nr.</th><th scope="col">Name</th><th scope="col">Beschreibung</th>
              <th scope="col" className="num">Gewicht (Punkte)</th><th scope="col">KO-Kriterium</th>
              <th scope="col"><span className="visually-hidden">Reihenfolge und Entfernen</span></th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d, i) => {
              const label = d.name.trim() || `Kriterium ${i + 1}`;
              const w = asInt(d.weight);
              return (
                <tr key={d.key}>
                  <td><span className="nw-swatch" style={segmentStyle(i)}>{criterionTag(i)}</span></td>
                  <td>
                    <input aria-label={`Name von ${criterionTag(i)}`} value={d.name} onChange={(e) => set(d.key, { name: e.target.value })} />
                  </td>
                  <td>
                    <textarea aria-label={`Beschreibung von ${label}`} value={d.description} rows={2} onChange={(e) => set(d.key, { description: e.target.value })} />
                  </td>
                  <td className="num">
                    <input className="num-input weight-input" aria-label={`Gewicht von ${label} in Punkten`} inputMode="numeric" value={d.weight}
                      onChange={(e) => set(d.key, { weight: e.target.value })} aria-invalid={w === null || w > WEIGHT_TOTAL || undefined} />
                  </td>
                  <td>
                    <div className="ko-cell">
                      <label className="check"><input type="checkbox" checked={d.ko} onChange={(e) => set(d.key, { ko: e.target.checked })} /> KO<span className="visually-hidden"> für {label}</span></label>
                      {d.ko ? (
                        <label className="ko-threshold">Schwelle
                          <input className="num-input" inputMode="numeric" value={d.threshold} onChange={(e) => set(d.key, { threshold: e.target.value })}
                            aria-label={`KO-Schwelle von ${label} (1 bis 10)`} />
                        </label>
                      ) : null}
                    </div>
                  </td>
                  <td className="actions">
                    <button type="button" className="button small quiet" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`${label} nach oben`}>↑</button>
                    <button type="button" className="button small quiet" onClick={() => move(i, 1)} disabled={i === drafts.length - 1} aria-label={`${label} nach unten`}>↓</button>
                    <button type="button" className="button small quiet danger-text" onClick={() => setDrafts((ds) => ds.filter((x) => x.key !== d.key))}
                      disabled={drafts.length <= 1} aria-label={`${label} entfernen`}>Entfernen</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ErrorAlert message={error} />
      {removed.length > 0 ? (
        <p className="hint">Beim Speichern entfernt: {removed.map((c) => `„${c.name}“${c.scoreCount > 0 ? ` (mit ${c.scoreCount} Bewertungen)` : ''}`).join(', ')}.</p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>Kriterien und Gewichte speichern</button>
        <button type="button" className="button" onClick={() => { setSeq(seq + 1); setDrafts((ds) => [...ds, { key: `neu-${seq}`, name: '', description: '', weight: '0', ko: false, threshold: '1', scoreCount: 0 }]); }}>
          Kriterium hinzufügen
        </button>
        {dirty ? (
          <>
            <button type="button" className="button quiet" onClick={() => { setDrafts(criteria.map(toDraft)); setError(null); }}>Änderungen verwerfen</button>
            <span className="dirty">Nicht gespeicherte Änderungen</span>
          </>
        ) : null}
      </div>
      {confirm ? (
        <ConfirmDialog title="Kriterien mit Bewertungen entfernen?" confirmLabel="Speichern und Bewertungen löschen" busy={busy}
          onConfirm={() => void save(confirm)} onClose={() => setConfirm(null)}>
          <p>Mit {removed.map((c) => `„${c.name}“`).join(', ')} werden {removed.reduce((s, c) => s + c.scoreCount, 0)} Bewertungen gelöscht. Über „Rückgängig“ lässt sich das wiederherstellen.</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
