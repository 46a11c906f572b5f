// Abhängigkeiten of a measure: the measures it must wait for (editable) and those that wait for it.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { MEASURE_STATUS_LABELS } from '../../../../../shared/domain/enums.ts';
import { formatPeriod, quarterIndex } from '../../../../../shared/domain/period.ts';
import { dueText } from './MeasureMilestones.tsx';
import type { MeasureDetail, MeasureRow } from '../../../../../shared/domain/types.ts';
import { useBackend } from '../../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../../components/Messages.tsx';
import { hrefFor } from '../../../lib/useRoute.ts';
import { useWorkbench } from '../../../useWorkbench.tsx';
import { useSectionAction } from './useSectionAction.ts';

/** A hint when the measure is planned to start before a measure it depends on ends. */
function timingHint(m: MeasureDetail['measure'], on: MeasureRow): string | null {
  if (m.startYear == null || on.endYear == null) return null;
  if (quarterIndex(m.startYear, m.startQuarter ?? 1) > quarterIndex(on.endYear, on.endQuarter ?? 4)) return null;
  return `${m.code} beginnt (${dueText(m.startYear, m.startQuarter)}), bevor ${on.code} endet (${dueText(on.endYear, on.endQuarter)})`;
}

export function MeasureDependencies({ detail }: { detail: MeasureDetail }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const m = detail.measure;
  const [choice, setChoice] = useState('');
  const { error, setError, status, run } = useSectionAction();

  const byId = useMemo(() => new Map(wb.measures.map((x) => [x.id, x])), [wb.measures]);
  const dependsOn = detail.dependsOn.map((x) => byId.get(x)).filter((x): x is MeasureRow => !!x);
  const dependents = detail.dependents.map((x) => byId.get(x)).filter((x): x is MeasureRow => !!x);
  const options = wb.measures.filter((x) => x.id !== m.id && !detail.dependsOn.includes(x.id));

  const setList = (ids: string[], done: string) => run(() => call('dependencies.set', { measureId: m.id, dependsOnIds: ids }), done);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!choice) { setError('Bitte zuerst eine Maßnahme auswählen.'); return; }
    const on = byId.get(choice);
    if (await setList([...detail.dependsOn, choice], `${m.code} hängt jetzt von ${on?.code ?? ''} ab.`)) setChoice('');
  }

  return (
    <section className="panel jump-target" aria-labelledby="sec-abhaengigkeiten">
      <h2 id="sec-abhaengigkeiten" tabIndex={-1}>Abhängigkeiten</h2>
      <div className="dep-columns">
        <div>
          <h3 id={`${id}-on`}>Hängt ab von</h3>
          <p className="muted small">Maßnahmen, die vorher stehen oder fertig sein müssen.</p>
          {dependsOn.length === 0 ? <p>Von keiner anderen Maßnahme.</p> : (
            <ul className="dep-list" aria-labelledby={`${id}-on`}>
              {dependsOn.map((d) => {
                const hint = timingHint(m, d);
                return (
                  <li key={d.id}>
                    <span className="dep-text">
                      <a href={hrefFor({ view: 'massnahme', id: d.id })} className="row-link">{d.code}</a> {d.title}
                      <span className="muted block small">{MEASURE_STATUS_LABELS[d.status]} · {formatPeriod(d)}</span>
                      {hint ? <span className="badge warn">Hinweis: {hint}</span> : null}
                    </span>
                    <button type="button" className="button small quiet" aria-label={`Abhängigkeit von ${d.code} entfernen`}
                      onClick={() => void setList(detail.dependsOn.filter((x) => x !== d.id), `${m.code} hängt nicht mehr von ${d.code} ab.`)}>Entfernen</button>
                  </li>
                );
              })}
            </ul>
          )}
          <form className="inline-form tight" onSubmit={add} noValidate aria-label="Abhängigkeit hinzufügen">
            <div className="field grow">
              <label htmlFor={`${id}-c`}>Maßnahme, von der {m.code} abhängt</label>
              <select id={`${id}-c`} value={choice} onChange={(e) => { setChoice(e.target.value); setError(null); }}>
                <option value="">Bitte wählen…</option>
                {options.map((x) => <option key={x.id} value={x.id}>{x.code} · {x.title}</option>)}
              </select>
            </div>
            <button type="submit" className="button primary">Abhängigkeit hinzufügen</button>
          </form>
          <ErrorAlert message={error} />
          <StatusLine>{status}</StatusLine>
        </div>
        <div>
          <h3 id={`${id}-by`}>Davon hängen ab</h3>
          <p className="muted small">Maßnahmen, die auf {m.code} warten. Festgelegt wird das in der jeweiligen Maßnahme.</p>
          {dependents.length === 0 ? <p>Keine Maßnahme wartet auf diese.</p> : (
            <ul className="dep-list" aria-labelledby={`${id}-by`}>
              {dependents.map((d) => (
                <li key={d.id}>
                  <span className="dep-text">
                    <a href={hrefFor({ view: 'massnahme', id: d.id })} className="row-link">{d.code}</a> {d.title}
                    <span className="muted block small">{MEASURE_STATUS_LABELS[d.status]} · {formatPeriod(d)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
