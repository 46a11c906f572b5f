// A sortable column header: a button in the <th>, aria-sort on the sorted column.
export interface Sort<K extends string> { key: K; desc: boolean }

export function SortHeader<K extends string>({ column, label, numeric, sort, onSort }: {
  column: K; label: string; numeric?: boolean; sort: Sort<K>; onSort: (s: Sort<K>) => void;
}) {
  const active = sort.key === column;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}>
      <button type="button" className="sort-button"
        onClick={() => onSort(active ? { key: column, desc: !sort.desc } : { key: column, desc: !!numeric })}>
        {label}
        <span className="sort-mark" aria-hidden="true">{active ? (sort.desc ? '▼' : '▲') : '↕'}</span>
      </button>
    </th>
  );
}
