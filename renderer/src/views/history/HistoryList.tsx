// The Änderungsprotokoll as a table: who changed what when, one row per undo step, with the
// single changes of a larger step folded away. Used for the whole plan and on the Maßnahmenblatt.
import { useMemo } from 'react';
import type { HistoryStep, MeasureRow } from '../../../../shared/domain/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';

const STATE_LABELS: Record<HistoryStep['state'], string> = {
  applied: 'wirksam',
  undone: 'rückgängig gemacht',
  discarded: 'verworfen',
};

const STATE_HINTS: Record<HistoryStep['state'], string> = {
  applied: '',
  undone: 'Lässt sich mit „Wiederherstellen“ (Strg+Y) wieder anwenden.',
  discarded: 'Rückgängig gemacht und danach durch eine neue Änderung ersetzt.',
};

/** Measures a step touched, as far as the log tells (ids of measures and their links, codes in the summaries). */
export function measuresOf(step: HistoryStep, byId: Map<string, MeasureRow>, byCode: Map<string, MeasureRow>): MeasureRow[] {
  const found = new Map<string, MeasureRow>();
  const add = (m: MeasureRow | undefined) => { if (m) found.set(m.id, m); };
  for (const c of step.changes) {
    if (c.entity === 'measure') add(byId.get(c.entityId));
    else if (c.entity === 'responsibility') add(byId.get(c.entityId.split(':')[0]));
    else if (c.entity === 'dependency') add(byId.get(c.entityId.split('>')[0]));
  }
  for (const text of [step.summary, ...step.changes.map((c) => c.summary)]) {
    for (const code of text.match(/\bM-\d+\.\d+\b/gu) ?? []) add(byCode.get(code));
  }
  return [...found.values()];
}

/** Grundmauern and Fragen a step names (by id in its summaries, or as the answered Frage). */
export function itemsOf(step: HistoryStep): string[] {
  const found = new Set<string>();
  for (const c of step.changes) if (c.entity === 'frage-answer') found.add(c.entityId);
  for (const text of [step.summary, ...step.changes.map((c) => c.summary)]) {
    for (const id of text.match(/\bB\d+-[GF]-[A-Z]{2}-\d+\b/gu) ?? []) found.add(id);
  }
  return [...found];
}

/** "Titel: „alt“ → „neu“" for each field of a change. */
function FieldList({ change }: { change: HistoryStep['changes'][number] }) {
  if (!change.fields?.length) return null;
  return (
    <ul className="h-fields">
      {change.fields.map((f, i) => (
        <li key={`${f.label}-${i}`}>
          <span className="h-field">{f.label}:</span> <span className="h-old">{f.before}</span> <span aria-hidden="true">→</span><span className="visually-hidden"> wird zu </span> <span className="h-new">{f.after}</span>
        </li>
      ))}
    </ul>
  );
}

function excerpt(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function HistoryTable({ steps, caption, showMeasures }: { steps: HistoryStep[]; caption: string; showMeasures?: boolean }) {
  const wb = useWorkbench();
  const byId = useMemo(() => new Map(wb.measures.map((m) => [m.id, m])), [wb.measures]);
  const byCode = useMemo(() => new Map(wb.measures.map((m) => [m.code, m])), [wb.measures]);
  const items = wb.index.items;
  return (
    <table className="data-table compact history-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Zeitpunkt</th>
          <th scope="col">Wer</th>
          <th scope="col">Was</th>
          {showMeasures ? <th scope="col">Bezug</th> : null}
          <th scope="col">Stand</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => {
          const measures = showMeasures ? measuresOf(s, byId, byCode) : [];
          const refs = showMeasures ? itemsOf(s).filter((x) => items.has(x)) : [];
          const details = s.changes.length > 1 || (s.changes.length === 1 && s.changes[0].summary !== s.summary);
          return (
            <tr key={s.id} className={`h-${s.state} h-${s.kind}`}>
              <td className="nowrap">{formatDateTime(s.at)}</td>
              <td className="nowrap">{s.user}</td>
              <td>
                {s.kind === 'undo' ? <span className="h-icon" aria-hidden="true">↶ </span> : s.kind === 'redo' ? <span className="h-icon" aria-hidden="true">↷ </span> : null}
                <span className={s.state === 'applied' ? undefined : 'h-struck'}>{s.summary}</span>
                {!details && s.changes.length === 1 ? <FieldList change={s.changes[0]} /> : null}
                {details ? (
                  <details className="h-details">
                    <summary>{s.changes.length === 1 ? '1 Einzeländerung' : `${s.changes.length} Einzeländerungen`}</summary>
                    <ul>{s.changes.map((c, i) => <li key={`${c.entity}-${c.entityId}-${i}`}>{c.summary}<FieldList change={c} /></li>)}</ul>
                  </details>
                ) : null}
              </td>
              {showMeasures ? (
                <td className="h-refs">
                  {measures.length + refs.length === 0 ? <span className="muted">–</span> : null}
                  {measures.map((m) => <a key={m.id} href={hrefFor({ view: 'massnahme', id: m.id })} title={m.title} className="h-ref">{m.code}</a>)}
                  {refs.map((x) => {
                    const item = items.get(x)!;
                    const href = item.kind === 'frage'
                      ? hrefFor({ view: 'fragen', baustelleId: item.baustelleId, frageId: item.id })
                      : hrefFor({ view: 'katalog', baustelleId: item.baustelleId });
                    return (
                      <a key={x} href={href} title={item.text} className="h-ref">
                        {item.kind === 'frage' ? 'Frage' : 'Grundmauer'} {x}: {excerpt(item.text)}
                      </a>
                    );
                  })}
                </td>
              ) : null}
              <td className="nowrap">
                {s.kind === 'change'
                  ? <span className={`badge h-state-${s.state}`} title={STATE_HINTS[s.state] || undefined}>{STATE_LABELS[s.state]}</span>
                  : <span className="muted">{s.kind === 'undo' ? 'Rückgängig' : s.kind === 'redo' ? 'Wiederhergestellt' : '–'}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
