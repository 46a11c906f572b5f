// The two ordered lists of the Vorlage form: the Beratungsfolge (Gremium, Sitzungsdatum,
// Zuständigkeit) and the points of the Beschlussvorschlag. Rows can be added, removed and moved
// with buttons (keyboard and screen reader friendly); the focus follows the row that moved.
import { useEffect, useId, useRef } from 'react';
import { ZUSTAENDIGKEITEN, ZUSTAENDIGKEIT_LABELS, type Zustaendigkeit } from '../../../../shared/domain/vorlage.ts';
import { MAX_DATE, MIN_DATE } from '../../../../shared/domain/vorlage.ts';

export interface BeratungRow { key: string; gremium: string; sitzungsdatum: string; zustaendigkeit: Zustaendigkeit; oeffentlich?: boolean }
export interface PointRow { key: string; text: string }

let keySeq = 0;
export const newKey = (): string => `r${++keySeq}`;

function move<T>(list: T[], i: number, delta: -1 | 1): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** Focus an element by id after the next render (the row it belongs to may just have moved). */
function usePendingFocus() {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (!pending.current) return;
    const el = document.getElementById(pending.current);
    pending.current = null;
    el?.focus();
  });
  return (id: string) => { pending.current = id; };
}

function RowButtons({ base, index, count, what, onMove, onRemove, minRows = 0 }: {
  base: string; index: number; count: number; what: string;
  onMove: (delta: -1 | 1) => void; onRemove: () => void; minRows?: number;
}) {
  return (
    <span className="doc-row-buttons">
      <button id={`${base}-up`} type="button" className="button small icon-only" onClick={() => onMove(-1)} disabled={index === 0}
        aria-label={`${what} nach oben`} title="Nach oben">
        <span aria-hidden="true">↑</span>
      </button>
      <button id={`${base}-down`} type="button" className="button small icon-only" onClick={() => onMove(1)} disabled={index === count - 1}
        aria-label={`${what} nach unten`} title="Nach unten">
        <span aria-hidden="true">↓</span>
      </button>
      <button id={`${base}-rm`} type="button" className="button small quiet danger-text" onClick={onRemove} disabled={count <= minRows}
        aria-label={`${what} entfernen`}>
        Entfernen
      </button>
    </span>
  );
}

export function BeratungsfolgeEditor({ rows, onChange, gremien }: {
  rows: BeratungRow[]; onChange: (rows: BeratungRow[]) => void; gremien: string[];
}) {
  const id = useId();
  const focusLater = usePendingFocus();
  const set = (i: number, patch: Partial<BeratungRow>) => onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const rowName = (r: BeratungRow, i: number) => `Zeile ${i + 1}${r.gremium.trim() ? ` (${r.gremium.trim()})` : ''}`;
  return (
    <div className="doc-list-editor">
      <div className="table-wrap">
        <table className="data-table compact doc-beratung">
          <caption className="visually-hidden">Beratungsfolge</caption>
          <colgroup>
            <col className="doc-col-nr" /><col /><col className="doc-col-date" /><col className="doc-col-zust" /><col className="doc-col-zust" /><col className="doc-col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="num">Nr.</th>
              <th scope="col">Gremium</th>
              <th scope="col">Sitzungsdatum</th>
              <th scope="col">Zuständigkeit</th>
              <th scope="col">Sitzung</th>
              <th scope="col"><span className="visually-hidden">Reihenfolge und Entfernen</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? <tr><td colSpan={6} className="empty">Noch keine Beratung eingetragen.</td></tr> : null}
            {rows.map((r, i) => {
              const base = `${id}-${r.key}`;
              return (
                <tr key={r.key}>
                  <td className="num">{i + 1}.</td>
                  <td>
                    <input id={`${base}-g`} value={r.gremium} onChange={(e) => set(i, { gremium: e.target.value })}
                      aria-label={`Gremium, Zeile ${i + 1}`} list={`${id}-gremien`} aria-invalid={r.gremium.trim() === '' ? true : undefined} />
                  </td>
                  <td>
                    <input type="date" min={MIN_DATE} max={MAX_DATE} value={r.sitzungsdatum} onChange={(e) => set(i, { sitzungsdatum: e.target.value })}
                      aria-label={`Sitzungsdatum, Zeile ${i + 1}`} className="doc-date" />
                  </td>
                  <td>
                    <select value={r.zustaendigkeit} onChange={(e) => set(i, { zustaendigkeit: e.target.value as Zustaendigkeit })} aria-label={`Zuständigkeit, Zeile ${i + 1}`}>
                      {ZUSTAENDIGKEITEN.map((z) => <option key={z} value={z}>{ZUSTAENDIGKEIT_LABELS[z]}</option>)}
                    </select>
                  </td>
                  <td>
                    <select value={r.oeffentlich === undefined ? 'wie-vorlage' : r.oeffentlich ? 'ja' : 'nein'} aria-label={`Sitzung öffentlich, Zeile ${i + 1}`}
                      onChange={(e) => set(i, { oeffentlich: e.target.value === 'wie-vorlage' ? undefined : e.target.value === 'ja' })}>
                      <option value="wie-vorlage">wie die Vorlage</option>
                      <option value="ja">öffentlich</option>
                      <option value="nein">nichtöffentlich</option>
                    </select>
                  </td>
                  <td className="actions">
                    <RowButtons base={base} index={i} count={rows.length} what={rowName(r, i)}
                      onMove={(delta) => {
                        onChange(move(rows, i, delta));
                        const lands = i + delta;
                        const edge = lands === 0 || lands === rows.length - 1;
                        focusLater(`${base}-${edge ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down'}`);
                      }}
                      onRemove={() => {
                        const next = rows.filter((_, k) => k !== i);
                        onChange(next);
                        const neighbour = next[i] ?? next[i - 1];
                        focusLater(neighbour ? `${id}-${neighbour.key}-rm` : `${id}-add`);
                      }} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <datalist id={`${id}-gremien`}>
        {gremien.map((g) => <option key={g} value={g} />)}
      </datalist>
      <div className="actions-row">
        <button id={`${id}-add`} type="button" className="button small" disabled={rows.length >= 20}
          onClick={() => {
            const row: BeratungRow = { key: newKey(), gremium: '', sitzungsdatum: '', zustaendigkeit: rows.length === 0 ? 'entscheidung' : 'vorberatung' };
            onChange([...rows, row]);
            focusLater(`${id}-${row.key}-g`);
          }}>
          Beratung hinzufügen
        </button>
      </div>
    </div>
  );
}

export function BeschlussEditor({ points, onChange, describedBy }: {
  points: PointRow[]; onChange: (points: PointRow[]) => void; describedBy?: string;
}) {
  const id = useId();
  const focusLater = usePendingFocus();
  return (
    <div className="doc-list-editor">
      <ol className="doc-points">
        {points.map((p, i) => {
          const base = `${id}-${p.key}`;
          return (
            <li key={p.key} className="doc-point">
              <div className="field">
                <label htmlFor={`${base}-t`}>Punkt {i + 1}</label>
                <textarea id={`${base}-t`} className="doc-grow" value={p.text} rows={3} aria-describedby={describedBy}
                  aria-invalid={p.text.trim() === '' ? true : undefined}
                  onChange={(e) => onChange(points.map((x, k) => (k === i ? { ...x, text: e.target.value } : x)))} />
              </div>
              <RowButtons base={base} index={i} count={points.length} what={`Punkt ${i + 1}`} minRows={1}
                onMove={(delta) => {
                  onChange(move(points, i, delta));
                  const lands = i + delta;
                  const edge = lands === 0 || lands === points.length - 1;
                  focusLater(`${base}-${edge ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down'}`);
                }}
                onRemove={() => {
                  const next = points.filter((_, k) => k !== i);
                  onChange(next);
                  const neighbour = next[i] ?? next[i - 1];
                  focusLater(neighbour ? `${id}-${neighbour.key}-t` : `${id}-add`);
                }} />
            </li>
          );
        })}
      </ol>
      <div className="actions-row">
        <button id={`${id}-add`} type="button" className="button small" disabled={points.length >= 20}
          onClick={() => {
            const point: PointRow = { key: newKey(), text: '' };
            onChange([...points, point]);
            focusLater(`${id}-${point.key}-t`);
          }}>
          Punkt hinzufügen
        </button>
      </div>
    </div>
  );
}
