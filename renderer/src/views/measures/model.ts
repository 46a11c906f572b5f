// The measures table's model: TanStack features and columns, the filters, the column layout kept
// per plan (prefs), the state a saved view carries, and the grouping with subtotals.
// Rendering lives in MeasuresGrid.tsx; this file has neither JSX nor DOM access.
import {
  columnFilteringFeature, columnOrderingFeature, columnSizingFeature, columnVisibilityFeature, constructFilterFn,
  createColumnHelper, createFilteredRowModel, createSortedRowModel, globalFilteringFeature, rowSortingFeature,
  sortFn_alphanumeric, sortFn_basic, sortFn_text, tableFeatures,
  type ColumnDef, type ColumnFiltersState, type Row, type SortingState,
} from '@tanstack/react-table';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS, type MeasureStatus } from '../../../../shared/domain/enums.ts';
import { sumCents } from '../../../../shared/domain/money.ts';
import { quarterIndex } from '../../../../shared/domain/period.ts';
import type { JsonValue, MeasureRow } from '../../../../shared/domain/types.ts';
import { baustelleLabel, type CatalogueIndex } from '../../lib/format.ts';

export const NO_RESPONSIBLE = '__none__';

/**
 * Cells a planner can change in the table. Each kind has an editor in CellEditors.tsx and a save path
 * in MeasuresView (commitEdit). Criterion scores (prioritisation) will be added as a further kind,
 * e.g. `score:<criterionId>`, with one column per criterion.
 */
export type EditorKind = 'status' | 'responsible' | 'period';

export type FilterKind = 'text' | 'baustelle' | 'status' | 'responsible' | 'years' | 'money';

export interface MeasureColumnMeta {
  /** German column name (header, Spalten menu, filter labels). */
  label: string;
  numeric?: boolean;
  /** Amount column (integer cents): gets subtotals in group rows and the footer. */
  money?: boolean;
  editor?: EditorKind;
  filter?: FilterKind;
  /** Pinned columns stay first and cannot be hidden or moved. */
  pinned?: boolean;
}

/** A text that must appear in the row (case-insensitive). */
const containsFilter = constructFilterFn({
  filter: (value: unknown, needle: string) => String(value ?? '').toLocaleLowerCase('de-DE').includes(needle.trim().toLocaleLowerCase('de-DE')),
  autoRemove: (v: unknown) => typeof v !== 'string' || v.trim() === '',
});

// The haystack of the free-text search, built once per row object (rows are replaced on every refresh).
const haystacks = new WeakMap<MeasureRow, string>();
function haystack(m: MeasureRow): string {
  let h = haystacks.get(m);
  if (h === undefined) {
    h = [m.code, m.title, m.description, m.goal, m.need, m.responsibleActorName ?? ''].join('\n').toLocaleLowerCase('de-DE');
    haystacks.set(m, h);
  }
  return h;
}

/** Free-text search over number, title, texts and responsible body; the row passes as a whole. */
const searchFilter = constructFilterFn({
  filter: (_value: unknown, needle: string, row: Row<any, MeasureRow>) => haystack(row.original).includes(needle.trim().toLocaleLowerCase('de-DE')),
  autoRemove: (v: unknown) => typeof v !== 'string' || v.trim() === '',
});

const equalsFilter = constructFilterFn({ filter: (value: unknown, wanted: unknown) => value === wanted, autoRemove: (v: unknown) => v == null || v === '' });

const responsibleFilter = constructFilterFn({
  filter: (_value: unknown, wanted: string, row: Row<any, MeasureRow>) =>
    wanted === NO_RESPONSIBLE ? row.original.responsibleActorId == null : row.original.responsibleActorId === wanted,
  autoRemove: (v: unknown) => v == null || v === '',
});

export interface Range { min: number | null; max: number | null }
const emptyRange = (v: unknown) => {
  const r = v as Partial<Range> | null | undefined;
  return r == null || typeof r !== 'object' || (r.min == null && r.max == null);
};

/** Amount between min and max cents (both inclusive, either open). */
const moneyFilter = constructFilterFn({
  filter: (value: unknown, r: Range) => {
    const v = typeof value === 'number' ? value : 0;
    return (r.min == null || v >= r.min) && (r.max == null || v <= r.max);
  },
  autoRemove: emptyRange,
});

/** The measure runs in at least one year between min and max; undated measures never match. */
const yearsFilter = constructFilterFn({
  filter: (_value: unknown, r: Range, row: Row<any, MeasureRow>) => {
    const m = row.original;
    const start = m.startYear ?? m.endYear;
    const end = m.endYear ?? m.startYear;
    if (start == null || end == null) return false;
    return (r.max == null || start <= r.max) && (r.min == null || end >= r.min);
  },
  autoRemove: emptyRange,
});

export const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
  columnSizingFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, basic: sortFn_basic },
  filterFns: { search: searchFilter, equals: equalsFilter, responsible: responsibleFilter, contains: containsFilter, money: moneyFilter, years: yearsFilter },
  columnMeta: {} as MeasureColumnMeta,
});

export type Features = typeof features;
export type MeasureTableRow = Row<Features, MeasureRow>;

const helper = createColumnHelper<Features, MeasureRow>();

// Natural order of numbers (M-1.2 < M-1.10) with one cheap string compare per pair: the digits of
// each code are padded once per row object. Sorting 5,000 rows stays a few milliseconds.
const codeKeys = new WeakMap<MeasureRow, string>();
function codeKey(m: MeasureRow): string {
  let k = codeKeys.get(m);
  if (k === undefined) {
    k = m.code.toLocaleLowerCase('de-DE').replace(/\d+/gu, (d) => d.padStart(10, '0'));
    codeKeys.set(m, k);
  }
  return k;
}
const byCode = (a: MeasureTableRow, b: MeasureTableRow) => {
  const x = codeKey(a.original);
  const y = codeKey(b.original);
  return x < y ? -1 : x > y ? 1 : 0;
};
const collator = new Intl.Collator('de', { sensitivity: 'base' });
const byText = (get: (m: MeasureRow) => string | null) => (a: MeasureTableRow, b: MeasureTableRow) => collator.compare(get(a.original) ?? '', get(b.original) ?? '');
const statusIndex = (s: MeasureStatus) => MEASURE_STATUSES.indexOf(s);

export const yearColumnId = (y: number) => `y${y}`;
export const isYearColumn = (id: string) => /^y\d{4}$/u.test(id);

/** Amount of a money column for one measure (integer cents). */
export function moneyOf(m: MeasureRow, columnId: string): number {
  if (columnId === 'totalCents') return m.totalCents;
  return m.costsByYear[columnId.slice(1)] ?? 0;
}

export const DEFAULT_WIDTHS: Record<string, number> = {
  select: 32, code: 64, title: 200, baustelleId: 150, status: 118, responsible: 160, period: 140, totalCents: 108,
};
export const YEAR_WIDTH = 92;
export const MIN_WIDTH = 60;
export const MAX_WIDTH = 640;

export function buildColumns(years: number[], index: CatalogueIndex): ColumnDef<Features, MeasureRow, any>[] {
  const baustelleNumber = (id: string) => index.baustellen.get(id)?.number ?? 0;
  return [
    helper.display({ id: 'select', enableSorting: false, enableHiding: false, size: DEFAULT_WIDTHS.select, meta: { label: 'Auswahl', pinned: true } }),
    helper.accessor('code', {
      header: 'Nr.', sortFn: byCode, filterFn: 'contains', enableHiding: false, size: DEFAULT_WIDTHS.code,
      meta: { label: 'Nr.', filter: 'text', pinned: true },
    }),
    helper.accessor('title', { header: 'Titel', sortFn: byText((m) => m.title), filterFn: 'contains', size: DEFAULT_WIDTHS.title, meta: { label: 'Titel', filter: 'text' } }),
    helper.accessor('baustelleId', {
      header: 'Baustelle', filterFn: 'equals', size: DEFAULT_WIDTHS.baustelleId, meta: { label: 'Baustelle', filter: 'baustelle' },
      sortFn: (a, b) => baustelleNumber(a.original.baustelleId) - baustelleNumber(b.original.baustelleId),
    }),
    helper.accessor('status', {
      header: 'Status', filterFn: 'equals', size: DEFAULT_WIDTHS.status, meta: { label: 'Status', filter: 'status', editor: 'status' },
      sortFn: (a, b) => statusIndex(a.original.status) - statusIndex(b.original.status),
    }),
    helper.accessor((m) => m.responsibleActorName ?? undefined, {
      id: 'responsible', header: 'verantwortlich', filterFn: 'responsible', sortFn: byText((m) => m.responsibleActorName), sortUndefined: 'last', size: DEFAULT_WIDTHS.responsible,
      meta: { label: 'verantwortlich', filter: 'responsible', editor: 'responsible' },
    }),
    helper.accessor((m) => (m.startYear == null ? undefined : quarterIndex(m.startYear, m.startQuarter ?? 1)), {
      id: 'period', header: 'Zeitraum', sortUndefined: 'last', sortDescFirst: false, filterFn: 'years', size: DEFAULT_WIDTHS.period,
      meta: { label: 'Zeitraum', filter: 'years', editor: 'period' },
    }),
    ...years.map((y) => helper.accessor((m) => m.costsByYear[String(y)] ?? 0, {
      id: yearColumnId(y), header: String(y), filterFn: 'money', size: YEAR_WIDTH,
      meta: { label: `Kosten ${y}`, numeric: true, money: true, filter: 'money' },
    })),
    helper.accessor('totalCents', {
      header: 'Summe', filterFn: 'money', size: DEFAULT_WIDTHS.totalCents, meta: { label: 'Summe', numeric: true, money: true, filter: 'money' },
    }),
  ];
}

/** Short header text of a column (the year for year columns). */
export function headerText(id: string, meta: MeasureColumnMeta | undefined): string {
  if (isYearColumn(id)) return id.slice(1);
  return meta?.label ?? id;
}

// ---------------------------------------------------------------------------------------------
// Column layout, remembered per plan (prefs key below). Ids only: labels may be reworded later.

export const PREFS_KEY = 'measures.table';
export const PINNED = ['select', 'code'] as const;

export interface ColumnLayout {
  /** Order of the movable columns (pinned ones are always first). Unknown ids are kept for other years. */
  order: string[];
  hidden: string[];
  /** Width in px by column id; absent = default. */
  widths: Record<string, number>;
}

/** Baustelle is hidden at first: the number (M-6.01) names it, and filter and grouping by Baustelle stay. */
export const DEFAULT_LAYOUT: ColumnLayout = { order: [], hidden: ['baustelleId'], widths: {} };

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length <= 100).slice(0, 200) : []);

export function parseLayout(v: JsonValue | null): ColumnLayout {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return DEFAULT_LAYOUT;
  const widths: Record<string, number> = {};
  const w = v.widths;
  if (w && typeof w === 'object' && !Array.isArray(w)) {
    for (const [k, n] of Object.entries(w)) if (typeof n === 'number' && Number.isFinite(n)) widths[k] = clampWidth(n);
  }
  return { order: stringList(v.order), hidden: stringList(v.hidden), widths };
}

export function layoutToJson(l: ColumnLayout): JsonValue {
  return { version: 1, order: l.order, hidden: l.hidden, widths: l.widths };
}

export const clampWidth = (n: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, n)));

/**
 * The order of all columns: pinned first, then the remembered order; columns the layout does not
 * know yet (a new budget year) go after the column that precedes them by default.
 */
export function orderedIds(remembered: string[], allIds: string[]): string[] {
  const movable = allIds.filter((id) => !(PINNED as readonly string[]).includes(id));
  const known = new Set(movable);
  const out = remembered.filter((id) => known.has(id));
  const placed = new Set(out);
  movable.forEach((id, i) => {
    if (placed.has(id)) return;
    const before = movable.slice(0, i).reverse().find((p) => placed.has(p));
    out.splice(before === undefined ? 0 : out.indexOf(before) + 1, 0, id);
    placed.add(id);
  });
  return [...PINNED.filter((p) => allIds.includes(p)), ...out];
}

/** Moves a column one place up (-1) or down (+1); returns the new order of the movable columns. */
export function moveColumn(order: string[], id: string, delta: -1 | 1): string[] {
  const movable = order.filter((x) => !(PINNED as readonly string[]).includes(x));
  const i = movable.indexOf(id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= movable.length) return movable;
  const next = [...movable];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

// ---------------------------------------------------------------------------------------------
// Grouping with subtotals. Groups partition the filtered rows, so the subtotals add up to the footer.

export const GROUP_BYS = ['none', 'baustelle', 'status', 'responsible'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const GROUP_BY_LABELS: Record<GroupBy, string> = {
  none: 'nicht gruppieren', baustelle: 'Baustelle', status: 'Status', responsible: 'verantwortliche Stelle',
};
const GROUP_COLUMN: Record<Exclude<GroupBy, 'none'>, string> = { baustelle: 'baustelleId', status: 'status', responsible: 'responsible' };

export interface GroupItem {
  kind: 'group';
  key: string;
  label: string;
  count: number;
  /** Subtotal by money column id, integer cents. */
  sums: Map<string, number>;
  collapsed: boolean;
}
export interface RowItem { kind: 'row'; key: string; row: MeasureTableRow }
export type Item = GroupItem | RowItem;

export function sumsOf(rows: MeasureTableRow[], moneyIds: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of moneyIds) out.set(id, sumCents(rows.map((r) => moneyOf(r.original, id))));
  return out;
}

export function buildItems(rows: MeasureTableRow[], groupBy: GroupBy, collapsed: ReadonlySet<string>, moneyIds: string[], index: CatalogueIndex, sorting: SortingState): Item[] {
  if (groupBy === 'none') return rows.map((row) => ({ kind: 'row', key: row.id, row }));
  const groups = new Map<string, MeasureTableRow[]>();
  for (const row of rows) {
    const m = row.original;
    const key = groupBy === 'baustelle' ? m.baustelleId : groupBy === 'status' ? m.status : (m.responsibleActorId ?? NO_RESPONSIBLE);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(row);
  }
  const label = (key: string, first: MeasureRow): string => {
    if (groupBy === 'baustelle') { const b = index.baustellen.get(key); return b ? `Baustelle ${baustelleLabel(b)}` : key; }
    if (groupBy === 'status') return MEASURE_STATUS_LABELS[key as MeasureStatus] ?? key;
    return key === NO_RESPONSIBLE ? 'nicht festgelegt' : (first.responsibleActorName ?? key);
  };
  const rank = (key: string, first: MeasureRow): number | string => {
    if (groupBy === 'baustelle') return index.baustellen.get(key)?.number ?? 99;
    if (groupBy === 'status') return statusIndex(key as MeasureStatus);
    return key === NO_RESPONSIBLE ? '\uffff' : (first.responsibleActorName ?? '');
  };
  const desc = sorting.find((s) => s.id === GROUP_COLUMN[groupBy])?.desc ?? false;
  const ordered = [...groups].sort(([ka, ra], [kb, rb]) => {
    const a = rank(ka, ra[0].original);
    const b = rank(kb, rb[0].original);
    const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'de');
    return desc ? -c : c;
  });
  const out: Item[] = [];
  for (const [key, list] of ordered) {
    const isCollapsed = collapsed.has(key);
    out.push({ kind: 'group', key: `g:${key}`, label: label(key, list[0].original), count: list.length, sums: sumsOf(list, moneyIds), collapsed: isCollapsed });
    if (!isCollapsed) for (const row of list) out.push({ kind: 'row', key: row.id, row });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What a saved view ("Beschlussreif für den Sozialausschuss") carries. JSON, read defensively:
// views outlive code versions and travel in plan files.

export interface ViewState {
  sorting: SortingState;
  filters: ColumnFiltersState;
  search: string;
  groupBy: GroupBy;
  /** Hidden columns and the column order; null: the view leaves the columns as they are. */
  hidden: string[] | null;
  order: string[] | null;
}

export const DEFAULT_SORTING: SortingState = [{ id: 'code', desc: false }];
export const DEFAULT_VIEW: ViewState = { sorting: DEFAULT_SORTING, filters: [], search: '', groupBy: 'none', hidden: null, order: null };

export function viewStateToJson(v: ViewState): JsonValue {
  return {
    version: 1,
    sorting: v.sorting.map((s) => ({ id: s.id, desc: s.desc })),
    filters: v.filters.map((f) => ({ id: f.id, value: f.value as JsonValue })),
    search: v.search,
    groupBy: v.groupBy,
    hidden: v.hidden,
    order: v.order,
  };
}

export function parseViewState(v: JsonValue): ViewState {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return DEFAULT_VIEW;
  const sorting = Array.isArray(v.sorting)
    ? v.sorting.flatMap((s) => (s && typeof s === 'object' && !Array.isArray(s) && typeof s.id === 'string' ? [{ id: s.id, desc: s.desc === true }] : []))
    : DEFAULT_SORTING;
  const filters = Array.isArray(v.filters)
    ? v.filters.flatMap((f) => (f && typeof f === 'object' && !Array.isArray(f) && typeof f.id === 'string' && f.value !== undefined ? [{ id: f.id, value: f.value as unknown }] : []))
    : [];
  const groupBy = (GROUP_BYS as readonly string[]).includes(v.groupBy as string) ? (v.groupBy as GroupBy) : 'none';
  return {
    sorting: sorting.length > 0 ? sorting : DEFAULT_SORTING,
    filters,
    search: typeof v.search === 'string' ? v.search : '',
    groupBy,
    hidden: Array.isArray(v.hidden) ? stringList(v.hidden) : null,
    order: Array.isArray(v.order) ? stringList(v.order) : null,
  };
}

/** Same state? (to mark a saved view as changed) */
export function sameViewState(a: ViewState, b: ViewState): boolean {
  const norm = (v: ViewState) => JSON.stringify(viewStateToJson({ ...v, hidden: v.hidden ? [...v.hidden].sort() : null }));
  return norm(a) === norm(b);
}
