// Resolves a saved view of the measures table ("Beschlussreif für den Sozialausschuss") into the ids
// of the measures it shows now. It runs the table's own engine (columns, filter functions and
// search of views/measures/model.ts) headless, so the Vorlage takes exactly what the table shows.
import { useMemo } from 'react';
import { useTable, type ColumnDef } from '@tanstack/react-table';
import type { MeasureRow, SavedView } from '../../../../shared/domain/types.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { buildColumns, features, parseViewState, type Features } from '../measures/model.ts';

const getRowId = (m: MeasureRow) => m.id;
const colIdOf = (def: ColumnDef<Features, MeasureRow, any>) => (def as { id?: string }).id ?? (def as { accessorKey?: string }).accessorKey ?? '';

/** The ids the view shows, in its sort order; null without a view. */
export function useViewMeasureIds(view: SavedView | null): string[] | null {
  const wb = useWorkbench();
  const years = wb.totals?.years ?? [];
  const yearsKey = years.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const columns = useMemo(() => buildColumns(years, wb.index), [yearsKey, wb.index]);
  const state = useMemo(() => parseViewState(view?.state ?? null), [view]);
  const known = useMemo(() => {
    const ids = new Set(columns.map(colIdOf));
    return state.filters.filter((f) => ids.has(f.id));
  }, [columns, state]);
  const table = useTable({
    features,
    columns,
    data: wb.measures,
    getRowId,
    state: { sorting: state.sorting, columnFilters: known, globalFilter: state.search },
    globalFilterFn: 'search',
    enableSortingRemoval: false,
    enableMultiSort: true,
  });
  const rows = table.getRowModel().rows;
  const key = rows.map((r) => r.id).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (view ? (key === '' ? [] : key.split(',')) : null), [view, key]);
}
