// Bewertungen: measures × criteria, one number 0–10 per cell for the chosen rater. A cell is saved
// when it loses the focus or on Enter; an empty cell removes the score.
import { useId, useState, type KeyboardEvent } from 'react';
import { RATER_LABELS, type PrioritiesResult, type Rater } from '../../../../shared/domain/priorities.ts';
import type { MeasureRow } from '../../../../shared/domain/types.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { messageOf } from '../../lib/format.ts';
import { criterionTag } from './common.tsx';

export function ScoringGrid({ data, measures, headingId }: { data: PrioritiesResult; measures: MeasureRow[]; headingId: string }) {
  const { call } = useBackend();
  const id = useId();
  const [rater, setRater] = useState<Rater>(1);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [bad, setBad] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const criteria = data.criteria;
  const divergent = new Set((data.ranking ?? []).flatMap((r) => r.divergences.map((d) => `${r.measureId}:${d.criterionId}`)));

  const stored = (m: string, c: string): number | null => data.scores[m]?.[c]?.[rater - 1] ?? null;
  const shown = (m: string, c: string) => drafts[`${rater}:${m}:${c}`] ?? (stored(m, c) === null ? '' : String(stored(m, c)));

  async function commit(m: MeasureRow, c: { id: string; name: string }) {
    const key = `${rater}:${m.id}:${c.id}`;
    const text = drafts[key];
    if (text === undefined) return;
    const t = text.trim();
    if (t !== '' && !/^(10|\d)$/u.test(t)) {
      setBad(key);
      setError(`${m.code}, „${c.name}“: Bitte eine ganze Zahl von 0 bis 10 eintragen (oder das Feld leeren).`);
      return;
    }
    const score = t === '' ? null : Number(t);
    if (score === stored(m.id, c.id)) {
      setDrafts(({ [key]: _drop, ...rest }) => rest);
      return;
    }
    setError(null); setBad(null);
    try {
      await call('scores.set', { measureId: m.id, criterionId: c.id, rater, score });
      setDrafts(({ [key]: _drop, ...rest }) => rest);
      setStatus(`Gespeichert: ${m.code}, „${c.name}“ = ${score ?? 'nicht bewertet'}.`);
    } catch (e) {
      setBad(key);
      setError(messageOf(e));
    }
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>, m: MeasureRow, c: { id: string; name: string }) {
    if (e.key === 'Enter') { e.preventDefault(); void commit(m, c); }
    if (e.key === 'Escape') {
      const key = `${rater}:${m.id}:${c.id}`;
      setDrafts(({ [key]: _drop, ...rest }) => rest);
      setBad(null); setError(null);
    }
  }

  const scored = (m: string) => criteria.filter((c) => data.scores[m]?.[c.id]?.[rater - 1] != null).length;
  return (
    <section className="panel jump-target" aria-labelledby={headingId}>
      <div className="block-head">
        <h2 id={headingId} tabIndex={-1}>Bewertungen</h2>
        <fieldset className="rater-switch">
          <legend>Wer bewertet?</legend>
          {([1, 2] as const).map((r) => (
            <label key={r} className="check">
              <input type="radio" name={`${id}-rater`} checked={rater === r} onChange={() => { setRater(r); setError(null); setBad(null); }} />
              {RATER_LABELS[r]}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="hint">
        0 = trifft nicht zu, 10 = trifft voll zu. Gespeichert wird beim Verlassen des Feldes oder mit der Eingabetaste; ein leeres Feld heißt „nicht bewertet“.
        {rater === 2 ? ' Die Zweitbewertung ist freiwillig; wo beide bewertet haben, zählt der Mittelwert.' : ''}
        {' '}Felder mit „≠“: Die beiden Bewertungen liegen {data.divergenceThreshold} oder mehr Punkte auseinander.
      </p>
      <ErrorAlert message={error} />
      <StatusLine>{status}</StatusLine>
      <div className="table-wrap">
        <table className="data-table compact scoring-table">
          <caption className="visually-hidden">Bewertungen je Maßnahme und Kriterium ({RATER_LABELS[rater]})</caption>
          <thead>
            <tr>
              <th scope="col">Maßnahme</th>
              {criteria.map((c, i) => <th key={c.id} scope="col" className="num"><abbr title={c.name}>{criterionTag(i)}</abbr><span className="crit-name">{c.name}</span></th>)}
              <th scope="col" className="num">Bewertet</th>
            </tr>
          </thead>
          <tbody>
            {measures.map((m) => (
              <tr key={m.id}>
                <th scope="row" className="row-head"><span className="strong">{m.code}</span> <span className="measure-title">{m.title}</span></th>
                {criteria.map((c) => {
                  const key = `${rater}:${m.id}:${c.id}`;
                  const other = data.scores[m.id]?.[c.id]?.[rater === 1 ? 1 : 0] ?? null;
                  const div = divergent.has(`${m.id}:${c.id}`);
                  return (
                    <td key={c.id} className="num score-cell">
                      <input className="num-input score-input" inputMode="numeric" value={shown(m.id, c.id)}
                        aria-label={`${m.code}, ${c.name}, ${RATER_LABELS[rater].replace(/ \(.*\)$/u, '')}`}
                        aria-invalid={bad === key || undefined} aria-describedby={div ? `${id}-div-${m.id}-${c.id}` : undefined}
                        onChange={(e) => setDrafts((d) => ({ ...d, [key]: e.target.value }))}
                        onBlur={() => void commit(m, c)} onKeyDown={(e) => onKey(e, m, c)} />
                      {div ? <span className="div-mark" id={`${id}-div-${m.id}-${c.id}`} title={`Andere Bewertung: ${other ?? '–'}`}>≠<span className="visually-hidden"> Bewertungen weichen ab, andere Bewertung: {other ?? 'keine'}</span></span> : null}
                    </td>
                  );
                })}
                <td className="num">{scored(m.id)}/{criteria.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
