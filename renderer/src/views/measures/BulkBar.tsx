// The selection's actions: set the status or the verantwortliche Stelle of all selected measures at
// once. The backend applies it to all or none (one undo step) and explains a refusal.
import { useId, useState } from 'react';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS, type MeasureStatus } from '../../../../shared/domain/enums.ts';
import type { Actor } from '../../../../shared/domain/types.ts';

export function BulkBar({ count, shown, hiddenCount, actors, busy, onStatus, onResponsible, onClear }: {
  count: number;
  /** Measures the table shows now. */
  shown: number;
  /** Selected measures the filters hide now; the actions leave them alone. */
  hiddenCount: number;
  actors: Actor[];
  busy: boolean;
  onStatus: (s: MeasureStatus) => void;
  onResponsible: (actorId: string) => void;
  onClear: () => void;
}) {
  const id = useId();
  const [status, setStatus] = useState<MeasureStatus | ''>('');
  const [actor, setActor] = useState('');
  const sorted = [...actors].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return (
    <section className="mt-bulk" aria-label="Ausgewählte Maßnahmen bearbeiten">
      <p className="mt-bulk-count">
        <strong>{count === 1 ? '1 Maßnahme ausgewählt' : `${count} Maßnahmen ausgewählt`}</strong>
        <span className="muted"> von {shown}</span>
        {hiddenCount > 0 ? <span className="muted"> (+{hiddenCount} ausgefiltert, bleiben unverändert)</span> : null}
      </p>
      <div className="mt-bulk-action">
        <label htmlFor={`${id}-s`} className="visually-hidden">Neuer Status für die Auswahl</label>
        <select id={`${id}-s`} value={status} onChange={(e) => setStatus(e.target.value as MeasureStatus | '')}>
          <option value="">Status wählen…</option>
          {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{MEASURE_STATUS_LABELS[s]}</option>)}
        </select>
        <button type="button" className="button small" disabled={busy || !status} onClick={() => { if (status) onStatus(status); }}>Status setzen</button>
      </div>
      <div className="mt-bulk-action">
        <label htmlFor={`${id}-r`} className="visually-hidden">Neue verantwortliche Stelle für die Auswahl</label>
        <select id={`${id}-r`} value={actor} onChange={(e) => setActor(e.target.value)}>
          <option value="">Stelle wählen…</option>
          {sorted.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
        <button type="button" className="button small" disabled={busy || !actor} onClick={() => { if (actor) onResponsible(actor); }}>Verantwortlich setzen</button>
      </div>
      <button type="button" className="button small quiet" onClick={onClear}>Auswahl aufheben</button>
    </section>
  );
}
