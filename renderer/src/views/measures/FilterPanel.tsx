// Filters per column beyond the everyday ones in the filter bar: text contains (Nr., Titel),
// the years a measure runs in (Zeitraum), and amount ranges for every cost column.
import { useId, useState } from 'react';
import { formatCents, parseEuroToCents } from '../../../../shared/domain/money.ts';
import type { MeasureColumnMeta, Range } from './model.ts';

export interface FilterColumn { id: string; meta: MeasureColumnMeta }

export function FilterPanel({ id, columns, value, onChange }: {
  id: string;
  columns: FilterColumn[];
  value: (columnId: string) => unknown;
  onChange: (columnId: string, value: unknown) => void;
}) {
  const text = columns.filter((c) => c.meta.filter === 'text');
  const years = columns.filter((c) => c.meta.filter === 'years');
  const money = columns.filter((c) => c.meta.filter === 'money');
  return (
    <div id={id} className="mt-filter-panel">
      {text.map((c) => <TextFilter key={c.id} label={`${c.meta.label} enthält`} value={(value(c.id) as string | undefined) ?? ''} onChange={(v) => onChange(c.id, v || undefined)} />)}
      {years.map((c) => (
        <RangeFilter key={c.id} legend={`${c.meta.label}: läuft in den Jahren`} unit="year" value={value(c.id) as Range | undefined}
          onChange={(r) => onChange(c.id, r)} />
      ))}
      {money.map((c) => (
        <RangeFilter key={c.id} legend={`${c.meta.label} in €`} unit="euro" value={value(c.id) as Range | undefined}
          onChange={(r) => onChange(c.id, r)} />
      ))}
    </div>
  );
}

function TextFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field mt-f-text">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

const show = (n: number | null | undefined, unit: 'year' | 'euro') => (n == null ? '' : unit === 'year' ? String(n) : formatCents(n, { symbol: false }).replace(/,00$/u, ''));

function parse(t: string, unit: 'year' | 'euro'): { ok: true; value: number | null } | { ok: false } {
  const s = t.trim();
  if (s === '') return { ok: true, value: null };
  if (unit === 'year') return /^\d{4}$/u.test(s) ? { ok: true, value: Number(s) } : { ok: false };
  const c = parseEuroToCents(s);
  return c === null || c < 0 ? { ok: false } : { ok: true, value: c };
}

/** "von" and "bis"; each bound may stay empty. Text that is no year/amount is marked and ignored. */
function RangeFilter({ legend, unit, value, onChange }: {
  legend: string; unit: 'year' | 'euro'; value: Range | undefined; onChange: (r: Range | undefined) => void;
}) {
  const id = useId();
  const [min, setMin] = useState(show(value?.min, unit));
  const [max, setMax] = useState(show(value?.max, unit));
  // Follow changes from outside (reset, a saved view); the value this field set itself changes nothing.
  const [seen, setSeen] = useState(value);
  const [own, setOwn] = useState<Range | undefined>(value);
  if (seen !== value) {
    setSeen(value);
    if (value !== own) {
      setMin(show(value?.min, unit));
      setMax(show(value?.max, unit));
    }
  }
  const pMin = parse(min, unit);
  const pMax = parse(max, unit);
  // A bound that is no year/amount (yet) does not filter; it is marked once the field is left.
  const apply = (a: string, b: string) => {
    const x = parse(a, unit);
    const y = parse(b, unit);
    const min = x.ok ? x.value : null;
    const max = y.ok ? y.value : null;
    const next = min == null && max == null ? undefined : { min, max };
    setOwn(next);
    onChange(next);
  };
  // Marked only after leaving the field, not halfway through typing "2027".
  const [left, setLeft] = useState(false);
  const bad = left && (!pMin.ok || !pMax.ok);
  const msg = unit === 'year' ? 'Bitte ein Jahr wie 2027 eingeben.' : 'Bitte einen Betrag wie 10.000 oder 2.500,50 eingeben.';
  return (
    <fieldset className="mt-f-range" aria-describedby={bad ? `${id}-err` : undefined}>
      <legend>{legend}</legend>
      <div className="mt-f-pair">
        <label htmlFor={`${id}-a`} className="mt-f-sub">von</label>
        <input id={`${id}-a`} inputMode={unit === 'year' ? 'numeric' : 'decimal'} value={min} aria-invalid={(left && !pMin.ok) || undefined}
          onBlur={() => setLeft(true)} onChange={(e) => { setMin(e.target.value); setLeft(false); apply(e.target.value, max); }} />
        <label htmlFor={`${id}-b`} className="mt-f-sub">bis</label>
        <input id={`${id}-b`} inputMode={unit === 'year' ? 'numeric' : 'decimal'} value={max} aria-invalid={(left && !pMax.ok) || undefined}
          onBlur={() => setLeft(true)} onChange={(e) => { setMax(e.target.value); setLeft(false); apply(min, e.target.value); }} />
      </div>
      {bad ? <p id={`${id}-err`} className="mt-f-err">{msg}</p> : null}
    </fieldset>
  );
}
