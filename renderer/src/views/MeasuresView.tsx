// Maßnahmen: the plan's measures as a sortable, filterable table with costs per year.
// TanStack Table v9 owns sorting and filtering; the markup is ours (real <table> semantics).
import { useEffect, useId, useMemo, useState } from 'react';
import {
  columnFilteringFeature, createColumnHelper, createFilteredRowModel, createSortedRowModel, globalFilteringFeature,
  rowSortingFeature, sortFn_alphanumeric, sortFn_basic, sortFn_text, tableFeatures, useTable,
  constructFilterFn, type ColumnDef, type ColumnFiltersState, type Row, type SortingState,
} from '@tanstack/react-table';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS, type MeasureStatus } from '../../../shared/domain/enums.ts';
import { formatCents, sumCents } from '../../../shared/domain/money.ts';
import { formatPeriod, quarterIndex } from '../../../shared/domain/period.ts';
import type { MeasureRow } from '../../../shared/domain/types.ts';
import { baustelleLabel, type CatalogueIndex } from '../lib/format.ts';
import { hrefFor, navigate } from '../lib/useRoute.ts';
import { useWorkbench } from '../useWorkbench.tsx';
import { ViewHeading } from '../components/ViewHeading.tsx';

const NO_RESPONSIBLE = '__none__';

const emptyFilter = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Free-text search over number, title, texts and responsible body; the row passes as a whole. */
const searchFilter = constructFilterFn({
  filter: (_value, needle: string, row: Row<any, MeasureRow>) => {
    const n = needle.trim().toLocaleLowerCase('de-DE');
    const m = row.original;
    return [m.code, m.title, m.description, m.goal, m.need, m.responsibleActorName ?? ''].some((t) => t.toLocaleLowerCase('de-DE').includes(n));
  },
  autoRemove: emptyFilter,
});

const equalsFilter = constructFilterFn({ filter: (value, wanted) => value === wanted, autoRemove: emptyFilter });

const responsibleFilter = constructFilterFn({
  filter: (_value, wanted: string, row: Row<any, MeasureRow>) =>
    wanted === NO_RESPONSIBLE ? row.original.responsibleActorId == null : row.original.responsibleActorId === wanted,
  autoRemove: emptyFilter,
});

const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, basic: sortFn_basic },
  filterFns: { search: searchFilter, equals: equalsFilter, responsible: responsibleFilter },
  columnMeta: {} as { numeric?: boolean; className?: string },
});

const helper = createColumnHelper<typeof features, MeasureRow>();
/** Amounts in the dense table without the € sign; the table says "Beträge in €" once. */
const euro = (cents: number) => formatCents(cents, { symbol: false });
const statusIndex = (s: MeasureStatus) => MEASURE_STATUSES.indexOf(s);
const getRowId = (m: MeasureRow) => m.id;

function buildColumns(years: number[], index: CatalogueIndex): ColumnDef<typeof features, MeasureRow, any>[] {
  return [
    helper.accessor('code', {
      header: 'Nr.', sortFn: 'alphanumeric', meta: { className: 'col-code' },
      cell: (c) => <a href={hrefFor({ view: 'massnahme', id: c.row.original.id })} className="row-link">{c.getValue()}</a>,
    }),
    helper.accessor('title', { header: 'Titel', sortFn: 'text', meta: { className: 'col-title' } }),
    helper.accessor('baustelleId', {
      header: 'Baustelle', filterFn: 'equals', meta: { className: 'col-baustelle' },
      sortFn: (a, b) => (index.baustellen.get(a.original.baustelleId)?.number ?? 0) - (index.baustellen.get(b.original.baustelleId)?.number ?? 0),
      cell: (c) => { const b = index.baustellen.get(c.getValue()); return b ? baustelleLabel(b) : c.getValue(); },
    }),
    helper.accessor('status', {
      header: 'Status', filterFn: 'equals', meta: { className: 'col-status' },
      sortFn: (a, b) => statusIndex(a.original.status) - statusIndex(b.original.status),
      cell: (c) => { const s: MeasureStatus = c.getValue(); return <span className={`status-badge s-${s}`}>{MEASURE_STATUS_LABELS[s]}</span>; },
    }),
    helper.accessor((m) => m.responsibleActorName ?? '', {
      id: 'responsible', header: 'verantwortlich', filterFn: 'responsible', sortFn: 'text', meta: { className: 'col-responsible' },
      cell: (c) => c.getValue() || <span className="muted">nicht festgelegt</span>,
    }),
    helper.accessor((m) => (m.startYear == null ? undefined : quarterIndex(m.startYear, m.startQuarter ?? 1)), {
      id: 'period', header: 'Zeitraum', sortUndefined: 'last', sortDescFirst: false, meta: { className: 'col-period' },
      cell: (c) => formatPeriod(c.row.original),
    }),
    ...years.map((y) => helper.accessor((m) => m.costsByYear[String(y)] ?? 0, {
      id: `y${y}`, header: String(y), meta: { numeric: true },
      cell: (c) => { const v = c.getValue(); return v === 0 ? <span className="muted">–</span> : euro(v); },
    })),
    helper.accessor('totalCents', { header: 'Summe', meta: { numeric: true, className: 'col-sum' }, cell: (c) => euro(c.getValue()) }),
  ];
}

// The planner's sorting and filters survive a trip to a measure and back.
const remembered: { sorting: SortingState; columnFilters: ColumnFiltersState; globalFilter: string } = {
  sorting: [], columnFilters: [], globalFilter: '',
};

export function MeasuresView() {
  const wb = useWorkbench();
  const id = useId();
  const years = wb.totals?.years ?? [];
  const yearsKey = years.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const columns = useMemo(() => buildColumns(years, wb.index), [yearsKey, wb.index]);
  const [sorting, setSorting] = useState<SortingState>(remembered.sorting);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>(remembered.columnFilters);
  const [globalFilter, setGlobalFilter] = useState<string>(remembered.globalFilter);
  useEffect(() => { Object.assign(remembered, { sorting, columnFilters, globalFilter }); }, [sorting, columnFilters, globalFilter]);

  const table = useTable({
    features,
    columns,
    data: wb.measures,
    getRowId,
    state: { sorting, columnFilters, globalFilter },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: 'search',
    enableSortingRemoval: false,
    enableMultiSort: false,
  });

  const filterValue = (col: string) => (columnFilters.find((f) => f.id === col)?.value as string | undefined) ?? '';
  const setFilter = (col: string, value: string) => table.getColumn(col)?.setFilterValue(value === '' ? undefined : value);

  const rows = table.getRowModel().rows;
  const sums = useMemo(() => {
    const byYear = new Map<number, number>();
    for (const y of years) byYear.set(y, sumCents(rows.map((r) => r.original.costsByYear[String(y)] ?? 0)));
    return { byYear, total: sumCents(rows.map((r) => r.original.totalCents)) };
  }, [rows, yearsKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const responsibleOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of wb.measures) if (m.responsibleActorId && m.responsibleActorName) seen.set(m.responsibleActorId, m.responsibleActorName);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], 'de'));
  }, [wb.measures]);

  const filtered = columnFilters.length > 0 || globalFilter.trim() !== '';
  const total = wb.measures.length;
  const leadingCols = 6;

  return (
    <>
      <div className="view-head with-actions">
        <div>
          <ViewHeading>Maßnahmen</ViewHeading>
          <p className="lead">Alle Maßnahmen des Plans mit Kosten je Haushaltsjahr. Spaltenköpfe sortieren, eine Zeile öffnet die Maßnahme.</p>
        </div>
        <a className="button primary" href={hrefFor({ view: 'neu' })}>Neue Maßnahme</a>
      </div>

      <div className="filters" role="search" aria-label="Maßnahmen filtern">
        <div className="field">
          <label htmlFor={`${id}-q`}>Suche</label>
          <input id={`${id}-q`} type="search" value={globalFilter} onChange={(e) => setGlobalFilter(e.target.value)} placeholder="Nr., Titel, Text …" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-b`}>Baustelle</label>
          <select id={`${id}-b`} value={filterValue('baustelleId')} onChange={(e) => setFilter('baustelleId', e.target.value)}>
            <option value="">Alle Baustellen</option>
            {wb.catalogue?.baustellen.map((b) => <option key={b.id} value={b.id}>{baustelleLabel(b)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>Status</label>
          <select id={`${id}-s`} value={filterValue('status')} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">Alle Status</option>
            {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{MEASURE_STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-r`}>Verantwortliche Stelle</label>
          <select id={`${id}-r`} value={filterValue('responsible')} onChange={(e) => setFilter('responsible', e.target.value)}>
            <option value="">Alle Stellen</option>
            {responsibleOptions.map(([actorId, name]) => <option key={actorId} value={actorId}>{name}</option>)}
            <option value={NO_RESPONSIBLE}>nicht festgelegt</option>
          </select>
        </div>
        <button type="button" className="button" disabled={!filtered} onClick={() => { setColumnFilters([]); setGlobalFilter(''); }}>
          Filter zurücksetzen
        </button>
      </div>

      <p className="table-count" role="status">
        {filtered ? `${rows.length} von ${total} Maßnahmen angezeigt` : `${total} Maßnahmen`}
        <span className="muted"> · Beträge in €</span>
      </p>

      <div className="table-wrap">
        <table className="data-table measures-table" aria-describedby={`${id}-cap`}>
          <caption id={`${id}-cap`} className="visually-hidden">Maßnahmen des Plans; Beträge in Euro je Haushaltsjahr</caption>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  const meta = h.column.columnDef.meta;
                  return (
                    <th key={h.id} scope="col" className={[meta?.className, meta?.numeric ? 'num' : ''].filter(Boolean).join(' ')}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                      {h.column.getCanSort() ? (
                        <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()}>
                          <table.FlexRender header={h} />
                          <span className="sort-mark" aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                        </button>
                      ) : <table.FlexRender header={h} />}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr><td colSpan={leadingCols + years.length + 1} className="empty">Keine Maßnahme passt zu den Filtern.</td></tr>
            ) : rows.map((row) => (
              <tr key={row.id} className="clickable" onClick={(e) => {
                if ((e.target as HTMLElement).closest('a, button')) return;
                navigate({ view: 'massnahme', id: row.original.id });
              }}>
                {row.getAllCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  return (
                    <td key={cell.id} className={[meta?.className, meta?.numeric ? 'num' : ''].filter(Boolean).join(' ')}>
                      <table.FlexRender cell={cell} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={leadingCols}>
                {filtered ? `Summe der ${rows.length} angezeigten Maßnahmen` : 'Summe aller Maßnahmen'}
              </th>
              {years.map((y) => <td key={y} className="num">{euro(sums.byYear.get(y) ?? 0)}</td>)}
              <td className="num col-sum">{euro(sums.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
