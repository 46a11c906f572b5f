// "Spalten": which columns the table shows, in which order and how wide. Everything works by
// keyboard: checkboxes, "nach oben"/"nach unten" buttons and a width field (arrow keys step 10 px).
import { useRef, useState } from 'react';
import { Popover } from '../../components/table/Popover.tsx';
import { MAX_WIDTH, MIN_WIDTH, type MeasureColumnMeta } from './model.ts';

export interface MenuColumn { id: string; meta: MeasureColumnMeta; visible: boolean; width: number }

export function ColumnsMenu({ columns, onToggle, onMove, onWidth, onReset }: {
  /** All columns but the selection column, in display order. */
  columns: MenuColumn[];
  onToggle: (id: string, visible: boolean) => void;
  onMove: (id: string, delta: -1 | 1) => void;
  onWidth: (id: string, width: number) => void;
  onReset: () => void;
}) {
  const [said, setSaid] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const movable = columns.filter((c) => !c.meta.pinned);
  const hiddenCount = columns.filter((c) => !c.visible).length;

  function move(c: MenuColumn, delta: -1 | 1) {
    const i = movable.findIndex((x) => x.id === c.id);
    const j = i + delta;
    if (j < 0 || j >= movable.length) return;
    onMove(c.id, delta);
    setSaid(`${c.meta.label}: jetzt an Position ${j + 1} von ${movable.length}.`);
    // Keep the focus on the pressed button as its row moves (moving a node drops its focus); at the
    // top or bottom that button is disabled, then the other one takes the focus.
    const pressed = delta < 0 ? 'up' : 'down';
    requestAnimationFrame(() => {
      const row = list.current?.querySelector(`[data-col-row="${CSS.escape(c.id)}"]`);
      const target = row?.querySelector<HTMLButtonElement>(`button[data-move="${pressed}"]:not([disabled])`)
        ?? row?.querySelector<HTMLButtonElement>('button[data-move]:not([disabled])');
      if (target && document.activeElement !== target) target.focus();
    });
  }

  return (
    <Popover label="Spalten" className="mt-columns" buttonLabel={<>Spalten{hiddenCount > 0 ? <span className="mt-badge">{hiddenCount} ausgeblendet</span> : null}</>}>
      <p className="mt-pop-title" aria-hidden="true">Spalten</p>
      <p className="hint">Anzeigen, Reihenfolge und Breite (in Pixel) – wird im Plan gespeichert.</p>
      <ul className="mt-col-list" ref={list}>
        {columns.map((c) => {
          const i = movable.findIndex((x) => x.id === c.id);
          return (
            <li key={c.id} data-col-row={c.id}>
              <label className="check">
                <input type="checkbox" checked={c.visible} disabled={c.meta.pinned} onChange={(e) => onToggle(c.id, e.target.checked)}
                  data-autofocus={c.id === movable[0]?.id ? '' : undefined} />
                {c.meta.label}
              </label>
              <span className="mt-col-actions">
                <button type="button" className="icon-button mt-small-icon" data-move="up" aria-label={`${c.meta.label} nach oben`}
                  disabled={c.meta.pinned || i <= 0} onClick={() => move(c, -1)}><span aria-hidden="true">↑</span></button>
                <button type="button" className="icon-button mt-small-icon" data-move="down" aria-label={`${c.meta.label} nach unten`}
                  disabled={c.meta.pinned || i < 0 || i >= movable.length - 1} onClick={() => move(c, 1)}><span aria-hidden="true">↓</span></button>
                <WidthInput label={`Breite von ${c.meta.label} in Pixel`} width={c.width} onWidth={(w) => onWidth(c.id, w)} />
              </span>
            </li>
          );
        })}
      </ul>
      <div className="mt-pop-actions">
        <button type="button" className="button small" onClick={() => { onReset(); setSaid('Spalten auf den Standard zurückgesetzt.'); }}>Standard wiederherstellen</button>
      </div>
      <p role="status" className="visually-hidden">{said}</p>
    </Popover>
  );
}

/** Typing passes through values outside the limits ("2" on the way to "250"); only valid ones apply. */
function WidthInput({ label, width, onWidth }: { label: string; width: number; onWidth: (w: number) => void }) {
  const [text, setText] = useState(String(width));
  const [seen, setSeen] = useState(width);
  if (seen !== width) { setSeen(width); setText(String(width)); }
  return (
    <input type="number" className="mt-width" aria-label={label} min={MIN_WIDTH} max={MAX_WIDTH} step={10} value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value !== '' && Number.isInteger(n) && n >= MIN_WIDTH && n <= MAX_WIDTH) onWidth(n);
      }}
      onBlur={() => setText(String(width))} />
  );
}
