// Maßnahmen: the plan's measures as the planner's working table – saved views, search and filters
// per column, multi-column sort, grouping with subtotals, columns to show/move/resize (kept in the
// plan), inline editing of status, verantwortliche Stelle and Zeitraum, and bulk edits of a selection.
// TanStack Table v9 owns filtering, sorting and the column model; the markup is ours (MeasuresGrid).
import { countOf } from '../../../../shared/domain/plural.ts';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTable, type ColumnDef, type ColumnFiltersState, type SortingState } from '@tanstack/react-table';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS, type MeasureStatus, type Quarter } from '../../../../shared/domain/enums.ts';
import { formatPeriod } from '../../../../shared/domain/period.ts';
import type { MeasureRow, SavedView } from '../../../../shared/domain/types.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { baustelleLabel, messageOf, parseYear } from '../../lib/format.ts';
import { hrefFor, navigate } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { BulkBar } from './BulkBar.tsx';
import { periodText, type EditValue, type PeriodText } from './CellEditors.tsx';
import { ColumnsMenu } from './ColumnsMenu.tsx';
import { FilterPanel } from './FilterPanel.tsx';
import { MeasuresGrid, type GridColumn } from './MeasuresGrid.tsx';
import { SavedViews } from './SavedViews.tsx';
import {
  buildColumns, buildItems, clampWidth, DEFAULT_LAYOUT, DEFAULT_SORTING, features, GROUP_BY_LABELS, GROUP_BYS, layoutToJson,
  moveColumn, NO_RESPONSIBLE, orderedIds, parseLayout, parseViewState, PINNED, PREFS_KEY, sameViewState, sumsOf, viewStateToJson,
  type ColumnLayout, type EditorKind, type Features, type GroupBy, type ViewState,
} from './model.ts';
import './measures.css';

const getRowId = (m: MeasureRow) => m.id;
const colIdOf = (def: ColumnDef<Features, MeasureRow, any>) => (def as { id?: string }).id ?? (def as { accessorKey?: string }).accessorKey ?? '';

/** What the planner had set up, per plan, for the way back from a measure (not stored in the plan). */
interface Memory {
  sorting: SortingState; filters: ColumnFiltersState; search: string; groupBy: GroupBy;
  collapsed: string[]; activeViewId: string | null; moreFilters: boolean;
}
const memories = new Map<string, Memory>();
const freshMemory = (): Memory => ({ sorting: DEFAULT_SORTING, filters: [], search: '', groupBy: 'none', collapsed: [], activeViewId: null, moreFilters: false });
/** Column layouts read from the plans this session, so a return to the table does not flicker. */
const layouts = new Map<string, ColumnLayout>();

export function MeasuresView() {
  const wb = useWorkbench();
  // A different plan starts from its own state.
  return <MeasuresTable key={wb.info?.path ?? ''} planPath={wb.info?.path ?? ''} />;
}

function MeasuresTable({ planPath }: { planPath: string }) {
  const wb = useWorkbench();
  const { call } = useBackend();
  const id = useId();
  const aboveRef = useRef<HTMLDivElement>(null);
  const mem = memories.get(planPath) ?? freshMemory();

  const [sorting, setSorting] = useState<SortingState>(mem.sorting);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>(mem.filters);
  const [globalFilter, setGlobalFilter] = useState<string>(mem.search);
  const [groupBy, setGroupBy] = useState<GroupBy>(mem.groupBy);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set(mem.collapsed));
  const [activeViewId, setActiveViewId] = useState<string | null>(mem.activeViewId);
  const [moreFilters, setMoreFilters] = useState(mem.moreFilters);
  const [panelKey, setPanelKey] = useState(0);
  const [selection, setSelection] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | null>(null);
  const [layout, setLayout] = useState<ColumnLayout | null>(layouts.get(planPath) ?? null);
  const [views, setViews] = useState<SavedView[]>([]);
  const [pending, setPending] = useState<ReadonlyMap<string, Partial<MeasureRow>>>(() => new Map());
  const [error, setError] = useState<string | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);

  useEffect(() => {
    memories.set(planPath, { sorting, filters: columnFilters, search: globalFilter, groupBy, collapsed: [...collapsed], activeViewId, moreFilters });
  }, [planPath, sorting, columnFilters, globalFilter, groupBy, collapsed, activeViewId, moreFilters]);

  // Column layout and saved views live in the plan file.
  useEffect(() => {
    let live = true;
    Promise.all([call('prefs.get', { key: PREFS_KEY }), call('views.list', {})]).then(([p, v]) => {
      if (!live) return;
      const l = parseLayout(p);
      layouts.set(planPath, l);
      setLayout(l);
      setViews(v);
    }, (e: unknown) => {
      if (!live) return;
      setLayout((l) => l ?? DEFAULT_LAYOUT);
      setError(messageOf(e));
    });
    return () => { live = false; };
  }, [call, planPath]);

  // Layout changes are written shortly after the last one (a drag produces many) and on leaving.
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unsaved = useRef<ColumnLayout | null>(null);
  const flush = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    const l = unsaved.current;
    unsaved.current = null;
    if (l) call('prefs.set', { key: PREFS_KEY, value: layoutToJson(l) }).catch((e: unknown) => setError(messageOf(e)));
  }, [call]);
  useEffect(() => flush, [flush]);
  const updateLayout = useCallback((fn: (l: ColumnLayout) => ColumnLayout) => {
    setLayout((prev) => {
      const next = fn(prev ?? DEFAULT_LAYOUT);
      layouts.set(planPath, next);
      unsaved.current = next;
      return next;
    });
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(flush, 400);
  }, [flush, planPath]);

  const years = wb.totals?.years ?? [];
  const yearsKey = years.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const columns = useMemo(() => buildColumns(years, wb.index), [yearsKey, wb.index]);
  const allIds = useMemo(() => columns.map(colIdOf), [columns]);
  const lay = layout ?? DEFAULT_LAYOUT;
  const order = useMemo(() => orderedIds(lay.order, allIds), [lay.order, allIds]);
  const movableOrder = useMemo(() => order.filter((c) => !(PINNED as readonly string[]).includes(c)), [order]);
  const columnVisibility = useMemo(() => Object.fromEntries(lay.hidden.filter((h) => !(PINNED as readonly string[]).includes(h)).map((h) => [h, false])), [lay.hidden]);
  const knownFilters = useMemo(() => columnFilters.filter((f) => allIds.includes(f.id)), [columnFilters, allIds]);
  // Typing stays immediate; the table (5,000 rows filtered and sorted) follows as soon as it can.
  const tableFilters = useDeferredValue(knownFilters);
  const tableSearch = useDeferredValue(globalFilter);

  const table = useTable({
    features,
    columns,
    data: wb.measures,
    getRowId,
    state: { sorting, columnFilters: tableFilters, globalFilter: tableSearch, columnOrder: order, columnVisibility, columnSizing: lay.widths },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: 'search',
    // The search looks at the whole row once; asking it again for every column would do the same work twelve times.
    getColumnCanGlobalFilter: (c) => c.id === 'code',
    enableSortingRemoval: false,
    enableMultiSort: true,
    isMultiSortEvent: () => false,
  });

  const rows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();
  const gridColumns: GridColumn[] = visibleColumns.map((c) => ({
    id: c.id, meta: c.columnDef.meta ?? { label: c.id }, width: c.getSize(),
    sorted: c.getIsSorted(), sortIndex: c.getSortIndex(), canSort: c.getCanSort(),
  }));
  const moneyIds = useMemo(() => visibleColumns.filter((c) => c.columnDef.meta?.money).map((c) => c.id).join(','), [visibleColumns]);
  const moneyList = useMemo(() => (moneyIds ? moneyIds.split(',') : []), [moneyIds]);
  const items = useMemo(() => buildItems(rows, groupBy, collapsed, moneyList, wb.index, sorting), [rows, groupBy, collapsed, moneyList, wb.index, sorting]);
  const footerSums = useMemo(() => sumsOf(rows, moneyList), [rows, moneyList]);

  // ---- selection (only measures the filters show are acted on) ----
  const shownIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const selectedShown = useMemo(() => shownIds.filter((x) => selection.has(x)), [shownIds, selection]);
  const existing = useMemo(() => new Set(wb.measures.map((m) => m.id)), [wb.measures]);
  const selectedHidden = [...selection].filter((x) => existing.has(x)).length - selectedShown.length;
  const selectAll = selectedShown.length === 0 ? 'none' : selectedShown.length === shownIds.length ? 'all' : 'some';

  function selectRow(rowId: string, checked: boolean, range: boolean) {
    const order = items.flatMap((it) => (it.kind === 'row' ? [it.row.id] : []));
    const from = range && anchor.current ? order.indexOf(anchor.current) : -1;
    const to = order.indexOf(rowId);
    const ids = from >= 0 && to >= 0 ? order.slice(Math.min(from, to), Math.max(from, to) + 1) : [rowId];
    setSelection((prev) => {
      const next = new Set(prev);
      for (const x of ids) { if (checked) next.add(x); else next.delete(x); }
      return next;
    });
    anchor.current = rowId;
  }
  function selectAllShown(checked: boolean) {
    setSelection((prev) => {
      const next = new Set(prev);
      for (const x of shownIds) { if (checked) next.add(x); else next.delete(x); }
      return next;
    });
  }

  async function bulk(patch: { status?: MeasureStatus; responsibleActorId?: string }, what: string) {
    const ids = selectedShown;
    setBulkBusy(true);
    setError(null);
    try {
      await call('measures.bulkUpdate', { ids, patch });
      wb.notify(`${ids.length === 1 ? '1 Maßnahme' : `${ids.length} Maßnahmen`} geändert: ${what}.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBulkBusy(false);
    }
  }

  // ---- inline edits: the same backend rules as the form ----
  const actorName = (actorId: string) => wb.actors.find((a) => a.id === actorId)?.name ?? '';
  async function commitEdit(kind: EditorKind, m: MeasureRow, value: EditValue): Promise<void> {
    let patch: Partial<MeasureRow>;
    let save: () => Promise<unknown>;
    let done: string;
    if (kind === 'status') {
      const status = value as MeasureStatus;
      if (status === m.status) return;
      patch = { status };
      save = () => call('measures.update', { id: m.id, patch: { status } });
      done = `${m.code}: Status „${MEASURE_STATUS_LABELS[status]}“ gespeichert.`;
    } else if (kind === 'responsible') {
      const actorId = value as string;
      if (!actorId || actorId === m.responsibleActorId) return;
      patch = { responsibleActorId: actorId, responsibleActorName: actorName(actorId) };
      // One measure through the bulk path: the former verantwortliche Stelle stays as mitwirkend, one undo step.
      save = () => call('measures.bulkUpdate', { ids: [m.id], patch: { responsibleActorId: actorId } });
      done = `${m.code}: verantwortlich ist jetzt ${actorName(actorId)}.`;
    } else {
      const v = value as PeriodText;
      const before = periodText(m);
      if (JSON.stringify(v) === JSON.stringify(before)) return;
      const sy = parseYear(v.startYear, 'Beginn');
      const ey = parseYear(v.endYear, 'Ende');
      if (!sy.ok || !ey.ok) {
        setError(`${m.code}: ${[sy, ey].map((p) => (p.ok ? '' : p.message)).filter(Boolean).join(' ')}`);
        return;
      }
      const period = {
        startYear: sy.value, startQuarter: v.startQuarter ? (Number(v.startQuarter) as Quarter) : null,
        endYear: ey.value, endQuarter: v.endQuarter ? (Number(v.endQuarter) as Quarter) : null,
      };
      patch = period;
      save = () => call('measures.update', { id: m.id, patch: period });
      done = `${m.code}: Zeitraum ${formatPeriod(period)} gespeichert.`;
    }
    setError(null);
    setPending((p) => new Map(p).set(m.id, patch));
    try {
      await save();
      wb.notify(done);
    } catch (e) {
      setError(`${m.code}: ${messageOf(e)}`);
    } finally {
      setPending((p) => { const n = new Map(p); n.delete(m.id); return n; });
    }
  }
  const display = (m: MeasureRow) => { const p = pending.get(m.id); return p ? { ...m, ...p } : m; };
  const busy = useMemo(() => new Set(pending.keys()), [pending]);

  // ---- saved views ----
  const current: ViewState = { sorting, filters: knownFilters, search: globalFilter, groupBy, hidden: lay.hidden, order: movableOrder };
  const activeView = views.find((v) => v.id === activeViewId) ?? null;
  const modified = useMemo(() => {
    if (!activeView) return false;
    const saved = parseViewState(activeView.state);
    const norm = (v: ViewState): ViewState => ({
      ...v,
      filters: v.filters.filter((f) => allIds.includes(f.id)),
      hidden: saved.hidden ? v.hidden?.filter((h) => allIds.includes(h)) ?? [] : null,
      order: saved.order ? orderedIds(v.order ?? [], allIds) : null,
    });
    return !sameViewState(norm(current), norm(saved));
  }, [activeView, current, allIds]); // eslint-disable-line react-hooks/exhaustive-deps

  function applyView(viewId: string | null) {
    const v = viewId ? parseViewState(views.find((x) => x.id === viewId)?.state ?? null) : { ...parseViewState(null), hidden: null, order: null };
    setSorting(v.sorting);
    setColumnFilters(v.filters);
    setGlobalFilter(v.search);
    setGroupBy(v.groupBy);
    setCollapsed(new Set());
    setActiveViewId(viewId);
    if (v.hidden || v.order) updateLayout((l) => ({ ...l, hidden: v.hidden ?? l.hidden, order: v.order ?? l.order }));
    const name = views.find((x) => x.id === viewId)?.name;
    wb.notify(name ? `Ansicht „${name}“ angewendet.` : 'Standardansicht: alle Maßnahmen, nach Nummer sortiert.');
  }
  async function saveView(name: string, overwriteId: string | null) {
    const saved = await call('views.save', { ...(overwriteId ? { id: overwriteId } : {}), name, state: viewStateToJson(current) });
    setViews(await call('views.list', {}));
    setActiveViewId(saved.id);
    wb.notify(`Ansicht „${saved.name}“ gespeichert.`);
  }
  async function deleteView(viewId: string) {
    const name = views.find((v) => v.id === viewId)?.name ?? '';
    await call('views.delete', { id: viewId });
    setViews(await call('views.list', {}));
    setActiveViewId(null);
    wb.notify(`Ansicht „${name}“ gelöscht.`);
  }

  // ---- filters ----
  const filterValue = (col: string) => knownFilters.find((f) => f.id === col)?.value;
  const setFilter = (col: string, value: unknown) =>
    setColumnFilters((prev) => [...prev.filter((f) => f.id !== col), ...(value === undefined || value === '' ? [] : [{ id: col, value }])]);
  const responsibleOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of wb.measures) if (m.responsibleActorId && m.responsibleActorName) seen.set(m.responsibleActorId, m.responsibleActorName);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], 'de'));
  }, [wb.measures]);
  const barFilters = ['baustelleId', 'status', 'responsible'];
  const extraActive = knownFilters.filter((f) => !barFilters.includes(f.id)).length;
  const anyFilter = knownFilters.length > 0 || globalFilter.trim() !== '';
  /** Whether the rows shown are filtered (follows the deferred table state, like the rows). */
  const filtered = tableFilters.length > 0 || tableSearch.trim() !== '';
  const total = wb.measures.length;

  const menuColumns = order.filter((c) => c !== 'select').map((c) => {
    const col = table.getColumn(c);
    return { id: c, meta: col?.columnDef.meta ?? { label: c }, visible: col?.getIsVisible() ?? true, width: col?.getSize() ?? 100 };
  });

  if (!layout) return <ViewHeading placeholder>Maßnahmen werden geladen…</ViewHeading>;

  return (
    <div className="mt-view">
      <div ref={aboveRef} className="mt-above">
        <div className="view-head with-actions mt-head">
          <div>
            <ViewHeading>Maßnahmen</ViewHeading>
            <p className="lead">Status, verantwortliche Stelle und Zeitraum ändern Sie direkt in der Zelle. Umschalt+Klick auf einen Spaltenkopf sortiert zusätzlich.</p>
          </div>
          <a className="link-cta" href={hrefFor({ view: 'neu' })}>Neue Maßnahme</a>
        </div>

        <div className="mt-toolbar">
          <SavedViews views={views} activeId={activeView?.id ?? null} modified={modified} onApply={applyView} onSave={saveView} onDelete={deleteView} />
          <div className="mt-toolbar-right">
            <div className="mt-group-by">
              <label htmlFor={`${id}-g`} className="mt-inline-label">Gruppieren nach</label>
              <select id={`${id}-g`} value={groupBy} onChange={(e) => { setGroupBy(e.target.value as GroupBy); setCollapsed(new Set()); }}>
                {GROUP_BYS.map((g) => <option key={g} value={g}>{GROUP_BY_LABELS[g]}</option>)}
              </select>
            </div>
            <ColumnsMenu columns={menuColumns}
              onToggle={(c, visible) => updateLayout((l) => ({ ...l, hidden: visible ? l.hidden.filter((h) => h !== c) : [...new Set([...l.hidden, c])] }))}
              onMove={(c, delta) => updateLayout((l) => ({ ...l, order: moveColumn(orderedIds(l.order, allIds), c, delta) }))}
              onWidth={(c, w) => updateLayout((l) => ({ ...l, widths: { ...l.widths, [c]: clampWidth(w) } }))}
              onReset={() => updateLayout(() => DEFAULT_LAYOUT)} />
          </div>
        </div>

        <div className="filters mt-filters" role="search" aria-label="Maßnahmen filtern">
          <div className="mt-filter-row">
            <div className="field mt-f-search">
              <label htmlFor={`${id}-q`}>Suche</label>
              <input id={`${id}-q`} type="search" value={globalFilter} onChange={(e) => setGlobalFilter(e.target.value)} placeholder="Nr., Titel, Text, Stelle …" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-b`}>Baustelle</label>
              <select id={`${id}-b`} value={(filterValue('baustelleId') as string | undefined) ?? ''} onChange={(e) => setFilter('baustelleId', e.target.value)}>
                <option value="">Alle Baustellen</option>
                {wb.catalogue?.baustellen.map((b) => <option key={b.id} value={b.id}>{baustelleLabel(b)}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-s`}>Status</label>
              <select id={`${id}-s`} value={(filterValue('status') as string | undefined) ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
                <option value="">Alle Status</option>
                {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{MEASURE_STATUS_LABELS[s]}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-r`}>Verantwortliche Stelle</label>
              <select id={`${id}-r`} value={(filterValue('responsible') as string | undefined) ?? ''} onChange={(e) => setFilter('responsible', e.target.value)}>
                <option value="">Alle Stellen</option>
                {responsibleOptions.map(([actorId, name]) => <option key={actorId} value={actorId}>{name}</option>)}
                <option value={NO_RESPONSIBLE}>nicht festgelegt</option>
              </select>
            </div>
            <div className="mt-filter-buttons">
              <button type="button" className="button small" aria-expanded={moreFilters} aria-controls={moreFilters ? `${id}-more` : undefined}
                onClick={() => setMoreFilters((o) => !o)}>
                Weitere Filter{extraActive > 0 ? ` (${extraActive} aktiv)` : ''}
              </button>
              {/* With the further filters open it also clears what they hold but do not apply (text that is no amount). */}
              <button type="button" className="button small" disabled={!anyFilter && !moreFilters}
                onClick={() => { setColumnFilters([]); setGlobalFilter(''); setPanelKey((k) => k + 1); }}>
                Filter zurücksetzen
              </button>
            </div>
          </div>
          {moreFilters ? (
            <FilterPanel key={panelKey} id={`${id}-more`} value={filterValue} onChange={setFilter}
              columns={allIds.filter((c) => !barFilters.includes(c)).flatMap((c) => { const meta = table.getColumn(c)?.columnDef.meta; return meta?.filter ? [{ id: c, meta }] : []; })} />
          ) : null}
        </div>

        {/* With a selection, its actions take the place of the count (kept for screen readers): the table does not move. */}
        <div className="mt-statusline">
          <p className={selectedShown.length > 0 ? 'visually-hidden' : 'table-count'} role="status">
            {filtered ? `${rows.length} von ${countOf(total, 'Maßnahme', 'Maßnahmen')} angezeigt` : countOf(total, 'Maßnahme', 'Maßnahmen')}
            {groupBy !== 'none' ? `, gruppiert nach ${GROUP_BY_LABELS[groupBy]}` : ''}
            <span className="muted"> · Beträge in €</span>
          </p>
          {selectedShown.length > 0 ? (
            <BulkBar count={selectedShown.length} shown={rows.length} hiddenCount={selectedHidden} actors={wb.actors} busy={bulkBusy}
              onStatus={(s) => void bulk({ status: s }, `Status „${MEASURE_STATUS_LABELS[s]}“`)}
              onResponsible={(a) => void bulk({ responsibleActorId: a }, `verantwortlich ist ${actorName(a)}`)}
              onClear={() => setSelection(new Set())} />
          ) : null}
        </div>
        <ErrorAlert message={error} />
      </div>

      <MeasuresGrid
        columns={gridColumns}
        items={items}
        caption="Maßnahmen des Plans; Beträge in Euro je Haushaltsjahr. In der Tabelle bewegen die Pfeiltasten zwischen den Zellen."
        footerLabel={filtered ? (rows.length === 1 ? 'Summe der angezeigten Maßnahme' : `Summe der ${rows.length} angezeigten Maßnahmen`) : 'Summe aller Maßnahmen'}
        footerSums={footerSums}
        emptyText={total === 0 ? 'Der Plan enthält noch keine Maßnahmen.' : 'Keine Maßnahme passt zu den Filtern.'}
        onSort={(c, multi) => table.getColumn(c)?.toggleSorting(undefined, multi)}
        onResize={(c, w) => updateLayout((l) => {
          const widths = { ...l.widths };
          if (w === null) delete widths[c]; else widths[c] = w;
          return { ...l, widths };
        })}
        selection={selection}
        selectAll={selectAll}
        onSelectAll={selectAllShown}
        onSelectRow={selectRow}
        onToggleGroup={(key) => setCollapsed((prev) => {
          const k = key.replace(/^g:/u, '');
          const next = new Set(prev);
          if (next.has(k)) next.delete(k); else next.add(k);
          return next;
        })}
        onOpen={(measureId) => navigate({ view: 'massnahme', id: measureId })}
        display={display}
        busy={busy}
        onCommit={commitEdit}
        index={wb.index}
        actors={wb.actors}
        aboveRef={aboveRef}
        resetKey={wb.externalRevision}
      />
    </div>
  );
}
