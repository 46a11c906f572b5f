// Inline editors of the measures table. An editor opens with the focus in it; Enter commits,
// Tab/Shift+Tab commit and move to the next/previous cell, Escape cancels, leaving it commits.
// The backend decides: a refused value is reported above the table and the cell shows the stored value.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS } from '../../../../shared/domain/enums.ts';
import type { Actor, MeasureRow } from '../../../../shared/domain/types.ts';
import type { EditorKind } from './model.ts';

export interface PeriodText { startYear: string; startQuarter: string; endYear: string; endQuarter: string }
export type EditValue = string | PeriodText;

/** null: cancelled. move: where the focus goes afterwards (0 = stay, null = wherever the user went). */
export type EditResult = { value: EditValue; move: -1 | 0 | 1 | null } | null;

export function periodText(m: MeasureRow): PeriodText {
  return {
    startYear: m.startYear == null ? '' : String(m.startYear), startQuarter: m.startQuarter == null ? '' : String(m.startQuarter),
    endYear: m.endYear == null ? '' : String(m.endYear), endQuarter: m.endQuarter == null ? '' : String(m.endQuarter),
  };
}

export function CellEditor({ kind, measure, actors, onDone }: {
  kind: EditorKind; measure: MeasureRow; actors: Actor[]; onDone: (r: EditResult) => void;
}) {
  switch (kind) {
    case 'status':
      return (
        <SelectEditor label={`Status von ${measure.code}`} value={measure.status} onDone={onDone}
          options={MEASURE_STATUSES.map((s) => [s, MEASURE_STATUS_LABELS[s]])} />
      );
    case 'responsible':
      return (
        <SelectEditor label={`Verantwortliche Stelle von ${measure.code}`} value={measure.responsibleActorId ?? ''} onDone={onDone}
          options={[
            ...(measure.responsibleActorId ? [] : [['', 'nicht festgelegt'] as [string, string]]),
            ...[...actors].sort((a, b) => a.name.localeCompare(b.name, 'de')).map((a) => [a.id, a.name] as [string, string]),
          ]} />
      );
    case 'period':
      return <PeriodEditor measure={measure} onDone={onDone} />;
  }
}

function useOnce(onDone: (r: EditResult) => void) {
  const done = useRef(false);
  return (r: EditResult) => {
    if (done.current) return;
    done.current = true;
    onDone(r);
  };
}

function SelectEditor({ label, value, options, onDone }: {
  label: string; value: string; options: [string, string][]; onDone: (r: EditResult) => void;
}) {
  const ref = useRef<HTMLSelectElement>(null);
  // A choice made with the mouse in the drop-down list is final; with the keyboard the arrows only
  // browse (Chromium changes the value of a closed select on ArrowUp/Down) and Enter/Tab commit.
  const pointer = useRef(false);
  const finish = useOnce(onDone);
  useLayoutEffect(() => { ref.current?.focus(); }, []);
  function keys(e: KeyboardEvent<HTMLSelectElement>) {
    pointer.current = false;
    const v = e.currentTarget.value;
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); finish(null); }
    else if (e.key === 'Enter' || e.key === 'F2') { e.preventDefault(); e.stopPropagation(); finish({ value: v, move: 0 }); }
    else if (e.key === 'Tab') { e.preventDefault(); e.stopPropagation(); finish({ value: v, move: e.shiftKey ? -1 : 1 }); }
  }
  return (
    <select ref={ref} className="mt-editor" aria-label={label} defaultValue={value}
      onPointerDown={() => { pointer.current = true; }}
      onKeyDown={keys}
      onChange={(e) => { if (pointer.current) finish({ value: e.target.value, move: 0 }); }}
      onBlur={(e) => finish({ value: e.currentTarget.value, move: null })}>
      {options.map(([v, l]) => <option key={v} value={v} disabled={v === ''}>{l}</option>)}
    </select>
  );
}

function PeriodEditor({ measure, onDone }: { measure: MeasureRow; onDone: (r: EditResult) => void }) {
  const [v, setV] = useState<PeriodText>(() => periodText(measure));
  const box = useRef<HTMLDivElement>(null);
  const [up, setUp] = useState(false);
  const finish = useOnce(onDone);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    // Open upwards when the panel would leave the table's scroll area at the bottom.
    const scroller = el.closest('.mt-scroll');
    const rect = el.getBoundingClientRect();
    if (scroller && rect.bottom > scroller.getBoundingClientRect().bottom - 40) setUp(true);
    el.querySelector('input')?.focus();
  }, []);
  const set = (k: keyof PeriodText, value: string) => setV((p) => ({ ...p, [k]: value }));
  function keys(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); finish(null); return; }
    if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); finish({ value: v, move: 0 }); return; }
    if (e.key === 'Tab') {
      const fields = [...(box.current?.querySelectorAll<HTMLElement>('input, select') ?? [])];
      const i = fields.indexOf(e.target as HTMLElement);
      const leaving = e.shiftKey ? i === 0 : i === fields.length - 1;
      if (leaving) { e.preventDefault(); e.stopPropagation(); finish({ value: v, move: e.shiftKey ? -1 : 1 }); }
      else e.stopPropagation();
    }
  }
  const quarter = (k: 'startQuarter' | 'endQuarter', label: string) => (
    <select aria-label={label} value={v[k]} onChange={(e) => set(k, e.target.value)}>
      <option value="">–</option>
      {[1, 2, 3, 4].map((q) => <option key={q} value={String(q)}>Q{q}</option>)}
    </select>
  );
  return (
    <div ref={box} role="group" tabIndex={-1} aria-label={`Zeitraum von ${measure.code}`} className={`mt-period-editor${up ? ' up' : ''}`} onKeyDown={keys}
      onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) finish({ value: v, move: null }); }}>
      <div className="mt-period-part">
        <span className="mt-period-label" aria-hidden="true">Beginn</span>
        <input inputMode="numeric" aria-label="Beginn Jahr" placeholder="Jahr" value={v.startYear} onChange={(e) => set('startYear', e.target.value)} />
        {quarter('startQuarter', 'Beginn Quartal')}
      </div>
      <div className="mt-period-part">
        <span className="mt-period-label" aria-hidden="true">Ende</span>
        <input inputMode="numeric" aria-label="Ende Jahr" placeholder="Jahr" value={v.endYear} onChange={(e) => set('endYear', e.target.value)} />
        {quarter('endQuarter', 'Ende Quartal')}
      </div>
      <p className="mt-period-hint">Eingabetaste übernimmt, Esc bricht ab.</p>
    </div>
  );
}
