// The measures table itself: a real <table> whose body rows are virtualised (only a window of rows is
// in the DOM; aria-rowcount/aria-rowindex tell assistive technology where it is), sticky header and
// footer, pinned selection and number columns, resizable columns, group rows with subtotals, inline
// editors, and a grid keyboard model with a roving tab stop:
//   arrows move between cells, Home/End to the row's ends, Ctrl+Home/End to the first/last row,
//   PageUp/PageDown by a screenful, Enter/F2 edits an editable cell (or opens the measure),
//   ArrowUp from the first row reaches the column headers, ArrowDown comes back.
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState,
  type CSSProperties, type KeyboardEvent, type MouseEvent, type PointerEvent as ReactPointerEvent, type ReactNode, type RefObject,
} from 'react';
import { MEASURE_STATUS_LABELS } from '../../../../shared/domain/enums.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import { formatPeriod } from '../../../../shared/domain/period.ts';
import type { Actor, MeasureRow } from '../../../../shared/domain/types.ts';
import { baustelleLabel, type CatalogueIndex } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { CellEditor, type EditResult, type EditValue } from './CellEditors.tsx';
import { clampWidth, headerText, moneyOf, type EditorKind, type Item, type MeasureColumnMeta, type RowItem } from './model.ts';

/** Height of a body row in px (CSS: .mt-table tbody tr). */
export const ROW_H = 36;

/** Amounts in the dense table without the € sign; the table says "Beträge in €" once. */
export const euro = (cents: number) => formatCents(cents, { symbol: false });

export interface GridColumn {
  id: string;
  meta: MeasureColumnMeta;
  width: number;
  sorted: false | 'asc' | 'desc';
  /** 0-based position in the sorting, -1 when not sorted. */
  sortIndex: number;
  canSort: boolean;
}

export interface MeasuresGridProps {
  columns: GridColumn[];
  items: Item[];
  caption: string;
  footerLabel: string;
  footerSums: Map<string, number>;
  emptyText: string;
  onSort: (columnId: string, multi: boolean) => void;
  /** width null: back to the default. */
  onResize: (columnId: string, width: number | null) => void;
  selection: ReadonlySet<string>;
  selectAll: 'none' | 'some' | 'all';
  onSelectAll: (checked: boolean) => void;
  onSelectRow: (id: string, checked: boolean, range: boolean) => void;
  onToggleGroup: (key: string) => void;
  onOpen: (id: string) => void;
  /** The row as shown (with values being saved right now). */
  display: (m: MeasureRow) => MeasureRow;
  busy: ReadonlySet<string>;
  onCommit: (kind: EditorKind, m: MeasureRow, value: EditValue) => Promise<void>;
  index: CatalogueIndex;
  actors: Actor[];
  /** Everything above the table in the view; the table takes the rest of the window's height. */
  aboveRef: RefObject<HTMLElement | null>;
  /** Changes when the plan changed underneath (undo/redo, another plan): an open editor is dropped. */
  resetKey: number;
}

interface Pos { key: string; col: string }

type Segment = { kind: 'money'; col: GridColumn } | { kind: 'span'; cols: GridColumn[]; first: boolean };

/** Runs of non-amount columns (merged into one cell) and amount columns, in display order. */
function segments(columns: GridColumn[]): Segment[] {
  const out: Segment[] = [];
  for (const col of columns) {
    const last = out.at(-1);
    if (col.meta.money) out.push({ kind: 'money', col });
    else if (last?.kind === 'span') last.cols.push(col);
    else out.push({ kind: 'span', cols: [col], first: out.length === 0 });
  }
  return out;
}

const FOCUS_TARGET = '[data-focus]';

export function MeasuresGrid(props: MeasuresGridProps) {
  const { columns, items, onCommit, onOpen, onSelectRow, aboveRef } = props;
  const uid = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const footRef = useRef<HTMLTableSectionElement>(null);
  const [headH, setHeadH] = useState(38);
  const [footH, setFootH] = useState(38);
  const [height, setHeight] = useState(520);
  const [innerWidth, setInnerWidth] = useState(0);
  const [active, setActive] = useState<Pos | null>(null);
  const [editing, setEditing] = useState<Pos | null>(null);
  const pendingFocus = useRef<{ pos: Pos; tries: number } | null>(null);
  const [seenReset, setSeenReset] = useState(props.resetKey);
  if (seenReset !== props.resetKey) {
    setSeenReset(props.resetKey);
    setEditing(null);
  }

  const colIds = useMemo(() => columns.map((c) => c.id), [columns]);
  const keyIndex = useMemo(() => new Map(items.map((it, i) => [it.key, i])), [items]);

  // The table fills the window below the controls; the page itself hardly scrolls.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const fit = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(300, Math.floor(window.innerHeight - top - 16)));
      setInnerWidth(el.clientWidth);
      setHeadH(headRef.current?.offsetHeight ?? 38);
      setFootH(footRef.current?.offsetHeight ?? 38);
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    if (aboveRef.current) ro.observe(aboveRef.current);
    window.addEventListener('resize', fit);
    return () => { ro.disconnect(); window.removeEventListener('resize', fit); };
  }, [aboveRef]);

  // No React Compiler here; the virtualiser's instance is read fresh on every render.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 12,
    scrollMargin: headH,
    scrollPaddingStart: headH,
    scrollPaddingEnd: footH,
    getItemKey: (i) => items[i].key,
    initialRect: { width: 1000, height: 520 },
  });
  const virtualItems = virtualizer.getVirtualItems();
  const first = virtualItems[0];
  const last = virtualItems.at(-1);
  const padTop = first ? Math.max(0, first.start - headH) : 0;
  const padBottom = last ? Math.max(0, virtualizer.getTotalSize() - (last.end - headH)) : 0;
  const rendered = new Set(virtualItems.map((v) => items[v.index]?.key));

  const defaultCol = colIds.includes('code') ? 'code' : (colIds[1] ?? colIds[0]);
  // The body's one tab stop: the active cell, or (scrolled away) the same column in the first row in view.
  const inView = virtualItems.find((v) => v.start >= (virtualizer.scrollOffset ?? 0) + headH - 1) ?? first;
  const stop: Pos | null = active && rendered.has(active.key) && colIds.includes(active.col)
    ? active
    : inView && items[inView.index] ? { key: items[inView.index].key, col: active && colIds.includes(active.col) ? active.col : defaultCol } : null;

  // Focus follows the keyboard; a target scrolled out of the window is scrolled in first.
  useLayoutEffect(() => {
    const p = pendingFocus.current;
    if (!p) return;
    const el = findTarget(scrollRef.current, p.pos);
    if (el) {
      pendingFocus.current = null;
      el.focus();
      return;
    }
    const i = keyIndex.get(p.pos.key);
    if (i === undefined || p.tries > 4) { pendingFocus.current = null; return; }
    p.tries++;
    virtualizer.scrollToIndex(i, { align: 'auto' });
  });

  const focusCell = useCallback((pos: Pos) => {
    pendingFocus.current = { pos, tries: 0 };
    setActive({ ...pos });
  }, []);

  const focusHeader = (col: string) => {
    headRef.current?.querySelector<HTMLElement>(`[data-col="${CSS.escape(col)}"] ${FOCUS_TARGET}`)?.focus();
  };

  function posOf(target: HTMLElement): Pos | null {
    const tr = target.closest<HTMLElement>('tr[data-key]');
    if (!tr?.dataset.key) return null;
    const col = target.closest<HTMLElement>('[data-col]')?.dataset.col ?? active?.col ?? defaultCol;
    return { key: tr.dataset.key, col };
  }

  function startEdit(pos: Pos) {
    const item = items[keyIndex.get(pos.key) ?? -1];
    const meta = columns.find((c) => c.id === pos.col)?.meta;
    if (item?.kind !== 'row' || !meta?.editor) return false;
    setActive(pos);
    setEditing(pos);
    return true;
  }

  function finishEdit(pos: Pos, kind: EditorKind, m: MeasureRow, r: EditResult) {
    setEditing(null);
    const c = colIds.indexOf(pos.col);
    const next: Pos = r?.move ? { key: pos.key, col: colIds[Math.min(colIds.length - 1, Math.max(0, c + r.move))] } : pos;
    if (r === null || r.move !== null) focusCell(next);
    if (r === null) return;
    void onCommit(kind, m, r.value).then(() => {
      // A new value may re-sort the row away (and out of the DOM): bring the focus back to it.
      const a = document.activeElement;
      if (r.move !== null && (a === document.body || a === scrollRef.current)) focusCell(next);
    });
  }

  function onHeadKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
    const t = e.target as HTMLElement;
    const col = t.closest<HTMLElement>('[data-col]')?.dataset.col;
    if (!col || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowDown') {
      if (items.length === 0) return;
      e.preventDefault();
      focusCell({ key: items[0].key, col });
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const targets = [...(headRef.current?.querySelectorAll<HTMLElement>(FOCUS_TARGET) ?? [])];
      const i = targets.indexOf(t);
      const j = i + (e.key === 'ArrowLeft' ? -1 : 1);
      if (i < 0 || j < 0 || j >= targets.length) return;
      e.preventDefault();
      targets[j].focus();
    }
  }

  function onBodyKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.defaultPrevented || e.altKey || e.metaKey) return;
    const t = e.target as HTMLElement;
    if (t.closest('.mt-editor, .mt-period-editor, thead, tfoot')) return;
    // The focus may sit on the scroll area itself after its row was scrolled out of the DOM.
    const pos = t === scrollRef.current ? (active ?? stop) : posOf(t);
    if (!pos || items.length === 0) return;
    const i = keyIndex.get(pos.key) ?? 0;
    const c = Math.max(0, colIds.indexOf(pos.col));
    const page = Math.max(1, Math.floor((height - headH - footH) / ROW_H) - 1);
    let ni = i;
    let nc = c;
    switch (e.key) {
      case 'ArrowDown': ni = i + 1; break;
      case 'ArrowUp':
        if (i === 0 && t !== scrollRef.current) { e.preventDefault(); focusHeader(pos.col); return; }
        ni = i - 1; break;
      case 'ArrowRight': nc = c + 1; break;
      case 'ArrowLeft': nc = c - 1; break;
      case 'Home': nc = 0; if (e.ctrlKey) ni = 0; break;
      case 'End': nc = colIds.length - 1; if (e.ctrlKey) ni = items.length - 1; break;
      case 'PageDown': ni = i + page; break;
      case 'PageUp': ni = i - page; break;
      case 'Enter':
      case 'F2': {
        const item = items[i];
        if (item?.kind !== 'row' || t.closest('a, button')) return;
        if (startEdit(pos)) { e.preventDefault(); return; }
        if (e.key === 'F2') return;
        e.preventDefault();
        if (pos.col === 'select') onSelectRow(item.row.original.id, !props.selection.has(item.row.original.id), false);
        else onOpen(item.row.original.id);
        return;
      }
      default: return;
    }
    if (e.ctrlKey && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    ni = Math.min(items.length - 1, Math.max(0, ni));
    nc = Math.min(colIds.length - 1, Math.max(0, nc));
    focusCell({ key: items[ni].key, col: colIds[nc] });
  }

  function onBodyClick(e: MouseEvent<HTMLTableSectionElement>) {
    const t = e.target as HTMLElement;
    if (t.closest('a, button, input, select, .mt-period-editor')) return;
    const pos = posOf(t);
    const item = pos ? items[keyIndex.get(pos.key) ?? -1] : undefined;
    if (!pos || item?.kind !== 'row') return;
    const id = item.row.original.id;
    if (pos.col === 'select') { onSelectRow(id, !props.selection.has(id), e.shiftKey); return; }
    if (startEdit(pos)) return;
    onOpen(id);
  }

  const widths = useMemo(() => {
    const total = columns.reduce((a, c) => a + c.width, 0);
    const extra = Math.max(0, innerWidth - total);
    return new Map(columns.map((c) => [c.id, c.width + (c.id === 'title' ? extra : 0)]));
  }, [columns, innerWidth]);
  const tableWidth = [...widths.values()].reduce((a, b) => a + b, 0);
  // Stable between scroll renders, so rows that stay in the window are not rendered again (BodyRow is memoised).
  const { left, pinStyle, cls } = useMemo(() => {
    const pinLeft = new Map<string, number>();
    let x = 0;
    for (const c of columns) { if (!c.meta.pinned) break; pinLeft.set(c.id, x); x += widths.get(c.id) ?? c.width; }
    const lastPinned = [...pinLeft.keys()].at(-1);
    const styles = new Map([...pinLeft].map(([id, l]) => [id, { left: l } as CSSProperties]));
    return {
      left: x,
      pinStyle: (id: string): CSSProperties | undefined => styles.get(id),
      cls: (c: GridColumn, extra?: string) => [
        c.meta.numeric ? 'num' : '', pinLeft.has(c.id) ? 'mt-pin' : '', c.id === lastPinned ? 'mt-pin-last' : '', `c-${c.id.replace(/^y\d{4}$/u, 'year')}`, extra ?? '',
      ].filter(Boolean).join(' '),
    };
  }, [columns, widths]);
  const finishRef = useRef(finishEdit);
  useLayoutEffect(() => { finishRef.current = finishEdit; });
  const onDone = useCallback((key: string, col: string, kind: EditorKind, m: MeasureRow, r: EditResult) => finishRef.current({ key, col }, kind, m, r), []);

  const multiSort = columns.filter((c) => c.sorted).length > 1;
  const segs = segments(columns);
  const rowCount = items.length + 2;
  const hint = useMemo(() => ({ sort: `${uid}-hs`, edit: `${uid}-he`, open: `${uid}-ho` }), [uid]);
  // max-height: a short plan ends with its footer instead of an empty area below it.
  const scrollStyle = { maxHeight: height, '--mt-head': `${headH}px`, '--mt-foot': `${footH}px`, '--mt-pin': `${left}px` } as CSSProperties;
  const bodyStyle = { '--pad-top': `${padTop}px`, '--pad-bottom': `${padBottom}px` } as CSSProperties;

  return (
    <>
      <div className="mt-scroll" ref={scrollRef} tabIndex={-1} style={scrollStyle} onKeyDown={onBodyKeyDown}
        onFocus={(e) => { const p = posOf(e.target as HTMLElement); if (p && (p.key !== active?.key || p.col !== active?.col)) setActive(p); }}>
        <table className="data-table mt-table" style={{ width: tableWidth }} aria-rowcount={rowCount}>
          <caption className="visually-hidden">{props.caption}</caption>
          <colgroup>
            {columns.map((c) => <col key={c.id} style={{ width: widths.get(c.id) }} />)}
          </colgroup>
          <thead ref={headRef} onKeyDown={onHeadKeyDown}>
            <tr aria-rowindex={1}>
              {columns.map((c) => (
                <th key={c.id} scope="col" data-col={c.id} className={cls(c)} style={pinStyle(c.id)}
                  aria-sort={c.sortIndex === 0 ? (c.sorted === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.id === 'select' ? (
                    <SelectAllBox state={props.selectAll} onChange={props.onSelectAll} />
                  ) : !c.canSort ? (
                    <span className="mt-head-text" data-focus="" tabIndex={0}>{headerText(c.id, c.meta)}</span>
                  ) : (
                    <>
                      <button type="button" className="sort-button" data-focus=""
                        aria-describedby={[hint.sort, c.sortIndex > 0 ? `${uid}-s-${c.id}` : ''].filter(Boolean).join(' ')}
                        onClick={(e) => props.onSort(c.id, e.shiftKey)}
                        onKeyDown={(e) => { if (e.key === 'Enter' && e.shiftKey) { e.preventDefault(); props.onSort(c.id, true); } }}>
                        <span className="mt-head-text">{headerText(c.id, c.meta)}</span>
                        <span className="sort-mark" aria-hidden="true">{c.sorted === 'asc' ? '▲' : c.sorted === 'desc' ? '▼' : '↕'}</span>
                        {multiSort && c.sorted ? <span className="sort-prio" aria-hidden="true">{c.sortIndex + 1}</span> : null}
                      </button>
                      <ResizeHandle column={c} onResize={props.onResize} />
                    </>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody style={bodyStyle} onClick={onBodyClick}>
            {items.length === 0 ? (
              <tr aria-rowindex={2}><td colSpan={columns.length} className="empty">{props.emptyText}</td></tr>
            ) : virtualItems.map((v) => {
              const item = items[v.index];
              if (!item) return null;
              if (item.kind === 'group') {
                return (
                  <VirtualRow key={item.key} index={v.index} scroller={scrollRef}
                    className={`mt-group${item.collapsed ? ' collapsed' : ''}`} rowKey={item.key}>
                    {segs.map((s) => (s.kind === 'money' ? (
                      <td key={s.col.id} className={cls(s.col)}>{item.sums.get(s.col.id) ? euro(item.sums.get(s.col.id) ?? 0) : <span className="muted">–</span>}</td>
                    ) : s.first ? (
                      <th key={s.cols[0].id} scope="row" colSpan={s.cols.length} className="mt-group-head">
                        <button type="button" className="mt-group-toggle" data-focus="" tabIndex={stop?.key === item.key ? 0 : -1}
                          aria-expanded={!item.collapsed} onClick={() => props.onToggleGroup(item.key)}>
                          <span className="mt-caret" aria-hidden="true">{item.collapsed ? '▸' : '▾'}</span>
                          <span className="mt-group-label">{item.label}</span>
                          <span className="mt-group-count">{item.count === 1 ? '1 Maßnahme' : `${item.count} Maßnahmen`}</span>
                        </button>
                      </th>
                    ) : <td key={s.cols[0].id} colSpan={s.cols.length} />))}
                  </VirtualRow>
                );
              }
              return (
                <BodyRow key={item.key} item={item} index={v.index} columns={columns} scroller={scrollRef}
                  m={props.display(item.row.original)} busy={props.busy.has(item.row.id)} selected={props.selection.has(item.row.id)}
                  stopCol={stop?.key === item.key ? stop.col : null} editingCol={editing?.key === item.key ? editing.col : null}
                  cls={cls} pinStyle={pinStyle} hint={hint} index2={props.index} actors={props.actors} onSelectRow={onSelectRow}
                  onDone={onDone} />
              );
            })}
          </tbody>
          <tfoot ref={footRef}>
            <tr aria-rowindex={rowCount}>
              {segs.map((s) => (s.kind === 'money' ? (
                <td key={s.col.id} className={cls(s.col)}>{euro(props.footerSums.get(s.col.id) ?? 0)}</td>
              ) : s.first ? (
                <th key={s.cols[0].id} scope="row" colSpan={s.cols.length}><span className="mt-foot-label">{props.footerLabel}</span></th>
              ) : <td key={s.cols[0].id} colSpan={s.cols.length} />))}
            </tr>
          </tfoot>
        </table>
      </div>
      <div hidden>
        <span id={hint.sort}>Umschalt+Klick oder Umschalt+Eingabetaste sortiert zusätzlich nach dieser Spalte.</span>
        <span id={hint.edit}>Eingabetaste bearbeitet den Wert.</span>
        <span id={hint.open}>Eingabetaste öffnet die Maßnahme.</span>
        {columns.filter((c) => c.sortIndex > 0).map((c) => (
          <span key={c.id} id={`${uid}-s-${c.id}`}>{c.sortIndex + 1}. Sortierung, {c.sorted === 'asc' ? 'aufsteigend' : 'absteigend'}</span>
        ))}
      </div>
    </>
  );
}

function findTarget(root: HTMLElement | null, pos: Pos): HTMLElement | null {
  const tr = root?.querySelector<HTMLElement>(`tbody tr[data-key="${CSS.escape(pos.key)}"]`);
  if (!tr) return null;
  if (tr.classList.contains('mt-group')) return tr.querySelector<HTMLElement>(FOCUS_TARGET);
  const cell = tr.querySelector<HTMLElement>(`[data-col="${CSS.escape(pos.col)}"]`);
  return cell?.querySelector<HTMLElement>(FOCUS_TARGET) ?? cell;
}

/**
 * A body row of the virtual window. Rows have one fixed height (ROW_H, enforced by CSS), so nothing is
 * measured while scrolling. When a row leaves the DOM while holding the focus (scrolled away with the
 * mouse wheel), the focus goes to the scroll area so the keyboard keeps working.
 */
function VirtualRow({ index, scroller, className, rowKey, children }: {
  index: number; scroller: RefObject<HTMLDivElement | null>; className?: string; rowKey: string; children: ReactNode;
}) {
  const ref = useCallback((el: HTMLTableRowElement | null) => {
    if (!el) return undefined;
    return () => { if (el.contains(document.activeElement)) scroller.current?.focus({ preventScroll: true }); };
  }, [scroller]);
  return <tr ref={ref} data-index={index} data-key={rowKey} aria-rowindex={index + 2} className={className}>{children}</tr>;
}

const BodyRow = memo(function BodyRow({ item, index, columns, scroller, m, busy, selected, stopCol, editingCol, cls, pinStyle, hint, index2, actors, onSelectRow, onDone }: {
  item: RowItem; index: number; columns: GridColumn[]; scroller: RefObject<HTMLDivElement | null>;
  m: MeasureRow; busy: boolean; selected: boolean; stopCol: string | null; editingCol: string | null;
  cls: (c: GridColumn, extra?: string) => string; pinStyle: (id: string) => CSSProperties | undefined;
  hint: { edit: string; open: string }; index2: CatalogueIndex; actors: Actor[];
  onSelectRow: (id: string, checked: boolean, range: boolean) => void;
  onDone: (key: string, col: string, kind: EditorKind, m: MeasureRow, r: EditResult) => void;
}) {
  return (
    <VirtualRow index={index} scroller={scroller} rowKey={item.key}
      className={[selected ? 'selected' : '', editingCol ? 'editing' : '', busy ? 'busy' : ''].filter(Boolean).join(' ')}>
      {columns.map((c) => {
        const tab = stopCol === c.id ? 0 : -1;
        const editor = c.meta.editor;
        const isEditing = editingCol === c.id && editor !== undefined;
        const ownFocus = c.id === 'select' || c.id === 'code';
        const common = {
          'data-col': c.id,
          className: cls(c, [editor ? 'mt-editable' : '', isEditing ? 'mt-editing' : '', c.id === 'title' ? 'mt-title' : ''].filter(Boolean).join(' ')),
          style: pinStyle(c.id),
          tabIndex: ownFocus || isEditing ? undefined : tab,
          'aria-describedby': isEditing || ownFocus ? undefined : editor ? hint.edit : c.id === 'title' ? hint.open : undefined,
        };
        const content = isEditing
          ? <CellEditor kind={editor} measure={m} actors={actors} onDone={(r) => onDone(item.key, c.id, editor, m, r)} />
          : <CellContent id={c.id} m={m} index={index2} tab={tab} selected={selected} onSelectRow={onSelectRow} />;
        return c.id === 'title'
          ? <th key={c.id} scope="row" {...common}>{content}</th>
          : <td key={c.id} {...common} aria-busy={busy && editor ? true : undefined}>{content}</td>;
      })}
    </VirtualRow>
  );
});

function CellContent({ id, m, index, tab, selected, onSelectRow }: {
  id: string; m: MeasureRow; index: CatalogueIndex; tab: number; selected: boolean;
  onSelectRow: (id: string, checked: boolean, range: boolean) => void;
}) {
  switch (id) {
    case 'select':
      return (
        <input type="checkbox" data-focus="" tabIndex={tab} checked={selected} aria-label={`${m.code} auswählen`}
          onChange={(e) => onSelectRow(m.id, e.target.checked, (e.nativeEvent as globalThis.MouseEvent).shiftKey === true)} />
      );
    case 'code':
      return <a href={hrefFor({ view: 'massnahme', id: m.id })} className="row-link" data-focus="" tabIndex={tab}>{m.code}</a>;
    case 'title':
      return <span className="mt-clip" title={m.title}>{m.title}</span>;
    case 'baustelleId': {
      const b = index.baustellen.get(m.baustelleId);
      const text = b ? baustelleLabel(b) : m.baustelleId;
      return <span className="mt-clip" title={text}>{text}</span>;
    }
    case 'status':
      return <span className={`status-badge s-${m.status}`}>{MEASURE_STATUS_LABELS[m.status]}</span>;
    case 'responsible':
      return m.responsibleActorName
        ? <span className="mt-clip" title={m.responsibleActorName}>{m.responsibleActorName}</span>
        : <span className="muted">nicht festgelegt</span>;
    case 'period':
      return <>{formatPeriod(m)}</>;
    default: {
      const v = moneyOf(m, id);
      return v === 0 ? <span className="muted">–</span> : <>{euro(v)}</>;
    }
  }
}

function SelectAllBox({ state, onChange }: { state: 'none' | 'some' | 'all'; onChange: (checked: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => { if (ref.current) ref.current.indeterminate = state === 'some'; }, [state]);
  return (
    <input ref={ref} type="checkbox" data-focus="" checked={state === 'all'} aria-label="Alle angezeigten Maßnahmen auswählen"
      onChange={(e) => onChange(e.target.checked)} />
  );
}

/** Drag to resize (mouse, pen, touch); double-click returns to the default width. The keyboard way is the "Spalten" menu. */
function ResizeHandle({ column, onResize }: { column: GridColumn; onResize: (id: string, width: number | null) => void }) {
  const start = useRef<{ x: number; w: number } | null>(null);
  const down = (e: ReactPointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { x: e.clientX, w: column.width };
  };
  const move = (e: ReactPointerEvent<HTMLSpanElement>) => {
    if (!start.current) return;
    onResize(column.id, clampWidth(start.current.w + e.clientX - start.current.x));
  };
  const up = (e: ReactPointerEvent<HTMLSpanElement>) => {
    if (!start.current) return;
    start.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  return (
    <span className="mt-resize" aria-hidden="true" title="Breite ziehen; Doppelklick: Standardbreite"
      onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up}
      onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => { e.stopPropagation(); onResize(column.id, null); }} />
  );
}
