// Umsetzung und Steuerung: what the Steuerungsgruppe looks at — per measure the Ampel (symbol and
// word), Soll bis Stichtag and Ist, late Umsetzungsschritte and what changed since the last
// festgeschriebene Sachstandsbericht; filterable and sortable (TanStack Table, like the measures
// table); per Baustelle and per verantwortliche Stelle; the Sachstandsbericht as DOCX and
// "Bericht festschreiben". Long tables show their first rows at once and more on request.
import {
  columnFilteringFeature, constructFilterFn, createColumnHelper, createFilteredRowModel, createSortedRowModel, globalFilteringFeature,
  rowSortingFeature, sortFn_basic, tableFeatures, useTable, type ColumnDef, type ColumnFiltersState, type SortingState,
} from '@tanstack/react-table';
import { useDeferredValue, useId, useMemo, useState, type FormEvent } from 'react';
import { MEASURE_STATUS_LABELS } from '../../../../shared/domain/enums.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import { AMPEL_LABELS, AMPEL_ORDER, AMPEL_SYMBOLS, germanDay, type SteuerungGroup, type SteuerungRow } from '../../../../shared/domain/monitoring.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { messageOf } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import { AmpelBadge, useStichtag } from './common.tsx';
import { IstImport } from './IstImport.tsx';
import { MAX_DATE, MIN_DATE } from '../../../../shared/domain/vorlage.ts';

const PAGE = 100;

const equals = constructFilterFn({ filter: (value: unknown, wanted: unknown) => value === wanted, autoRemove: (v: unknown) => v == null || v === '' });
const flag = constructFilterFn({ filter: (value: unknown) => value === true, autoRemove: (v: unknown) => v !== true });
const haystacks = new WeakMap<SteuerungRow, string>();
const search = constructFilterFn({
  filter: (_v: unknown, needle: string, row: { original: SteuerungRow }) => {
    let h = haystacks.get(row.original);
    if (h === undefined) {
      h = [row.original.code, row.original.title, row.original.responsibleActorName ?? '', row.original.baustelleLabel].join('\n').toLocaleLowerCase('de-DE');
      haystacks.set(row.original, h);
    }
    return h.includes(needle.trim().toLocaleLowerCase('de-DE'));
  },
  autoRemove: (v: unknown) => typeof v !== 'string' || v.trim() === '',
});

const features = tableFeatures({
  columnFilteringFeature, globalFilteringFeature, rowSortingFeature,
  filteredRowModel: createFilteredRowModel(), sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic },
  filterFns: { equals, flag, search },
});
const helper = createColumnHelper<typeof features, SteuerungRow>();
const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });
const ampelRank = (r: SteuerungRow) => AMPEL_ORDER.indexOf(r.ampel.effective);

// oxlint-disable-next-line typescript/no-explicit-any -- columns of differing value types, as in the measures table
const columns: ColumnDef<typeof features, SteuerungRow, any>[] = [
  helper.accessor('code', { header: 'Nr.', sortFn: (a, b) => collator.compare(a.original.code, b.original.code) }),
  helper.accessor('title', { header: 'Maßnahme', sortFn: (a, b) => collator.compare(a.original.title, b.original.title) }),
  helper.accessor('baustelleId', { header: 'Baustelle', filterFn: 'equals', sortFn: (a, b) => collator.compare(a.original.baustelleLabel, b.original.baustelleLabel) }),
  helper.accessor((r) => r.responsibleActorId ?? '', { id: 'responsible', header: 'verantwortlich', filterFn: 'equals', sortFn: (a, b) => collator.compare(a.original.responsibleActorName ?? '', b.original.responsibleActorName ?? '') }),
  helper.accessor((r) => r.ampel.effective, { id: 'ampel', header: 'Ampel', filterFn: 'equals', sortFn: (a, b) => ampelRank(a.original) - ampelRank(b.original) }),
  helper.accessor((r) => r.ampel.expectedCents, { id: 'expected', header: 'Soll bis Stichtag' }),
  helper.accessor((r) => r.ampel.istCents, { id: 'ist', header: 'Ist' }),
  helper.accessor((r) => r.overdue.length, { id: 'overdue', header: 'verspätete Schritte' }),
  helper.accessor((r) => r.overdue.length > 0, { id: 'late', filterFn: 'flag' }),
  helper.accessor((r) => r.ampel.reasons.some((x) => x.rule === 'mittelabfluss'), { id: 'money', filterFn: 'flag' }),
  helper.accessor((r) => r.changes.length > 0 || r.isNew, { id: 'changed', filterFn: 'flag' }),
];

type SortId = 'code' | 'title' | 'baustelleId' | 'responsible' | 'ampel' | 'expected' | 'ist' | 'overdue';

const GROUP_ROWS = 25;

function GroupTable({ caption, groups }: { caption: string; groups: SteuerungGroup[] }) {
  const [all, setAll] = useState(false);
  // Most measures first; a plan with a thousand actors shows the first rows and the rest on request.
  const sorted = useMemo(() => [...groups].sort((a, b) => b.measureCount - a.measureCount || a.label.localeCompare(b.label, 'de')), [groups]);
  const shownGroups = all || sorted.length <= GROUP_ROWS ? sorted : sorted.slice(0, GROUP_ROWS);
  return (
    <div>
    // Focusable, so a table wider than its column can be scrolled by keyboard.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption.startsWith('Je Baustelle') ? 'Baustelle' : 'verantwortliche Stelle'}</th>
            <th scope="col" className="num">Maßnahmen</th>
            {AMPEL_ORDER.slice(0, 3).map((a) => <th key={a} scope="col" className="num"><span aria-hidden="true">{AMPEL_SYMBOLS[a]} </span>{AMPEL_LABELS[a]}</th>)}
            <th scope="col" className="num">Soll bis Stichtag</th>
            <th scope="col" className="num">Ist</th>
          </tr>
        </thead>
        <tbody>
          {shownGroups.map((g) => (
            <tr key={g.key}>
              <th scope="row" className="row-head">{g.label}</th>
              <td className="num">{g.measureCount}</td>
              {AMPEL_ORDER.slice(0, 3).map((a) => <td key={a} className="num">{g.counts[a]}</td>)}
              <td className="num">{formatCents(g.expectedCents)}</td>
              <td className="num">{formatCents(g.istCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    {shownGroups.length < sorted.length ? <button type="button" className="button small" onClick={() => setAll(true)}>Alle {sorted.length} anzeigen<span className="visually-hidden">: {caption}</span></button> : null}
    </div>
  );
}

function BerichtPanel({ stichtag }: { stichtag: string }) {
  const { call, transport } = useBackend();
  const id = useId();
  const berichte = usePlanData('bericht.list', {});
  const [anonymise, setAnonymise] = useState(false);
  const [name, setName] = useState(`Sachstandsbericht ${stichtag.slice(0, 4)}`);
  const [gremium, setGremium] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportDocx() {
    setError(null); setBusy(true); setStatus('Der Sachstandsbericht wird erstellt …');
    try {
      const { fileName, base64 } = await call('export.bericht', { stichtag, anonymise });
      const saved = await transport.saveFile(fileName, base64);
      setStatus(saved ? `„${fileName}“ wurde erstellt.${transport.kind === 'web' ? ' Sie finden die Datei in Ihren Downloads.' : ''}` : 'Erstellen abgebrochen.');
    } catch (e) {
      setStatus(null); setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function festschreiben(e: FormEvent) {
    e.preventDefault();
    setError(null); setBusy(true);
    try {
      const b = await call('bericht.festschreiben', { stichtag, name, gremium });
      setStatus(`Bericht „${b.name}“ zum ${germanDay(b.stichtag)} festgeschrieben. Die nächste Übersicht zeigt, was sich seitdem geändert hat.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="mon-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Sachstandsbericht</h2>
      <p className="hint">Mitteilungsvorlage zur Kenntnis (ohne Beschlussvorschlag) zum Stichtag {germanDay(stichtag)}: Stand der Umsetzung, Mittelabfluss, Indikatoren, Verzögerungen, Änderungen seit dem letzten Bericht, Ausblick.</p>
      <div className="mon-form">
        <label className="check"><input type="checkbox" checked={anonymise} onChange={(e) => setAnonymise(e.target.checked)} /> Personennamen anonymisieren</label>
        <button type="button" className="button primary" onClick={() => void exportDocx()} disabled={busy}>Sachstandsbericht erstellen</button>
      </div>
      <form className="mon-form" onSubmit={festschreiben} aria-labelledby={`${id}-f`}>
        <h3 id={`${id}-f`} className="visually-hidden">Bericht festschreiben</h3>
        <div className="field"><label htmlFor={`${id}-name`}>Name des Berichts</label><input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} /></div>
        <div className="field"><label htmlFor={`${id}-g`}>Gremium</label><input id={`${id}-g`} value={gremium} onChange={(e) => setGremium(e.target.value)} /></div>
        <button type="submit" className="button" disabled={busy}>Bericht festschreiben</button>
      </form>
      <ErrorAlert message={error ?? berichte.error} />
      <StatusLine>{status}</StatusLine>
      {berichte.data && berichte.data.length > 0 ? (
        <>
          <h3>Festgeschriebene Berichte</h3>
          <ul>{berichte.data.map((b) => <li key={b.id}>{b.name} – Stichtag {germanDay(b.stichtag)}</li>)}</ul>
        </>
      ) : null}
    </section>
  );
}

export function SteuerungView() {
  const wb = useWorkbench();
  const id = useId();
  const [stichtag, setStichtag] = useStichtag();
  const [draftDay, setDraftDay] = useState(stichtag);
  const { data, error } = usePlanData('monitoring.overview', { stichtag });
  const [sorting, setSorting] = useState<SortingState>([{ id: 'ampel', desc: false }]);
  const [filters, setFilters] = useState<ColumnFiltersState>([]);
  const [text, setText] = useState('');
  const [shown, setShown] = useState(PAGE);
  const deferredFilters = useDeferredValue(filters);
  const deferredText = useDeferredValue(text);
  const table = useTable({
    features, columns, data: data?.rows ?? [], getRowId: (r) => r.measureId,
    state: { sorting, columnFilters: deferredFilters, globalFilter: deferredText },
    onSortingChange: setSorting, onColumnFiltersChange: setFilters, onGlobalFilterChange: setText,
    globalFilterFn: 'search', getColumnCanGlobalFilter: (c) => c.id === 'code', enableSortingRemoval: false,
  });
  const rows = table.getRowModel().rows;
  const filterOf = (c: string) => filters.find((f) => f.id === c)?.value;
  const setFilter = (c: string, v: unknown) => { setShown(PAGE); setFilters((fs) => [...fs.filter((f) => f.id !== c), ...(v === '' || v === false || v == null ? [] : [{ id: c, value: v }])]); };
  const actors = useMemo(() => (data?.byActor ?? []).filter((g) => g.key !== ''), [data]);
  const sums = useMemo(() => rows.reduce((a, r) => ({ expected: a.expected + r.original.ampel.expectedCents, ist: a.ist + r.original.ampel.istCents }), { expected: 0, ist: 0 }), [rows]);

  function onStichtag(e: FormEvent) {
    e.preventDefault();
    if (/^\d{4}-\d{2}-\d{2}$/u.test(draftDay)) setStichtag(draftDay);
  }

  const sortHeader = (col: SortId, label: string, num = false) => {
    const c = table.getColumn(col);
    const s = c?.getIsSorted() ?? false;
    return (
      <th scope="col" className={num ? 'num' : undefined} aria-sort={s === 'asc' ? 'ascending' : s === 'desc' ? 'descending' : 'none'}>
        <button type="button" className="mon-sort" onClick={() => c?.toggleSorting(s === 'asc')}>{label}{s ? (s === 'asc' ? ' ▲' : ' ▼') : ''}</button>
      </th>
    );
  };

  if (!data) {
    return (
      <>
        <ViewHeading placeholder>Umsetzung und Steuerung</ViewHeading>
        <ErrorAlert message={error} />
        {error ? null : <p role="status">Die Umsetzung wird geladen …</p>}
      </>
    );
  }

  const t = data.totals;
  return (
    <>
      <ViewHeading>Umsetzung und Steuerung</ViewHeading>
      <p className="hint">Für die Steuerungsgruppe: Ampel je Maßnahme aus Terminen, Mittelabfluss und Indikatoren (Zeichen und Wort), was verspätet ist, wo das Geld nicht fließt und was sich seit dem letzten festgeschriebenen Bericht geändert hat. <a href={hrefFor({ view: 'fortschreibung' })}>Fortschreibung beginnen</a></p>
      <form className="mon-form" onSubmit={onStichtag}>
        <div className="field"><label htmlFor={`${id}-st`}>Stichtag</label><input id={`${id}-st`} type="date" min={MIN_DATE} max={MAX_DATE} value={draftDay} onChange={(e) => setDraftDay(e.target.value)} /></div>
        <button type="submit" className="button small">Stichtag übernehmen</button>
      </form>
      <ErrorAlert message={error} />
      <p>
        Stand {germanDay(data.stichtag)}: {data.rows.length} Maßnahmen. Soll bis Stichtag {formatCents(t.expectedCents)}, Ist {formatCents(t.istCents)}; Fördermittel bewilligt {formatCents(t.foerderBewilligtCents)}, abgerufen {formatCents(t.foerderAbgerufenCents)}.
        {data.lastBericht ? ` Verglichen mit „${data.lastBericht.name}“ (Stichtag ${germanDay(data.lastBericht.stichtag)}).` : ' Noch kein Bericht festgeschrieben.'}
      </p>
      <ul className="mon-counts" aria-label="Ampel aller Maßnahmen">
        {AMPEL_ORDER.filter((a) => t.counts[a] > 0).map((a) => <li key={a}><AmpelBadge ampel={a} /> {t.counts[a]}</li>)}
      </ul>

      <section aria-labelledby={`${id}-mh`}>
        <h2 id={`${id}-mh`}>Maßnahmen</h2>
        <div className="mon-filters" role="group" aria-label="Filter">
          <div className="field"><label htmlFor={`${id}-q`}>Suche</label><input id={`${id}-q`} type="search" value={text} onChange={(e) => { setShown(PAGE); setText(e.target.value); }} /></div>
          <div className="field">
            <label htmlFor={`${id}-a`}>Ampel</label>
            <select id={`${id}-a`} value={String(filterOf('ampel') ?? '')} onChange={(e) => setFilter('ampel', e.target.value)}>
              <option value="">alle</option>
              {AMPEL_ORDER.map((a) => <option key={a} value={a}>{AMPEL_SYMBOLS[a]} {AMPEL_LABELS[a]}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-b`}>Baustelle</label>
            <select id={`${id}-b`} value={String(filterOf('baustelleId') ?? '')} onChange={(e) => setFilter('baustelleId', e.target.value)}>
              <option value="">alle</option>
              {data.byBaustelle.map((g) => <option key={g.key} value={g.key}>{g.label}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-r`}>verantwortlich</label>
            <select id={`${id}-r`} value={String(filterOf('responsible') ?? '')} onChange={(e) => setFilter('responsible', e.target.value)}>
              <option value="">alle</option>
              {actors.map((g) => <option key={g.key} value={g.key}>{g.label}</option>)}
            </select>
          </div>
          <label className="check"><input type="checkbox" checked={filterOf('late') === true} onChange={(e) => setFilter('late', e.target.checked)} /> nur mit verspäteten Schritten</label>
          <label className="check"><input type="checkbox" checked={filterOf('money') === true} onChange={(e) => setFilter('money', e.target.checked)} /> nur wo das Geld nicht fließt</label>
          <label className="check"><input type="checkbox" checked={filterOf('changed') === true} onChange={(e) => setFilter('changed', e.target.checked)} /> nur geändert seit dem letzten Bericht</label>
        </div>
        <p role="status" className="hint">{rows.length} von {data.rows.length} Maßnahmen</p>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Tabelle der Maßnahmen">
          <table className="data-table compact">
            <caption className="visually-hidden">Umsetzung der Maßnahmen zum Stichtag {germanDay(data.stichtag)}</caption>
            <thead>
              <tr>
                {sortHeader('code', 'Nr.')}{sortHeader('title', 'Maßnahme')}{sortHeader('baustelleId', 'Baustelle')}{sortHeader('responsible', 'verantwortlich')}
                {sortHeader('ampel', 'Ampel')}{sortHeader('expected', 'Soll bis Stichtag', true)}{sortHeader('ist', 'Ist', true)}{sortHeader('overdue', 'verspätet', true)}
                <th scope="col">seit dem letzten Bericht</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shown).map(({ original: r }) => (
                <tr key={r.measureId}>
                  <td><a href={hrefFor({ view: 'umsetzung-massnahme', id: r.measureId })} aria-label={`${r.code} ${r.title}: Umsetzung`}>{r.code}</a></td>
                  <td>{r.title}<div className="hint">{MEASURE_STATUS_LABELS[r.status]}</div></td>
                  <td>{r.baustelleLabel}</td>
                  <td>{r.responsibleActorName ?? <span className="muted">nicht festgelegt</span>}</td>
                  <td><AmpelBadge ampel={r.ampel.effective} manual={r.ampel.override !== null} /></td>
                  <td className="num">{formatCents(r.ampel.expectedCents)}</td>
                  <td className="num">{formatCents(r.ampel.istCents)}{r.ampel.abflussPercent !== null ? <div className="hint">{r.ampel.abflussPercent} %</div> : null}</td>
                  <td className="num">{r.overdue.length || ''}</td>
                  <td>{r.isNew ? 'neu' : r.changes.length ? <ul className="mon-changes">{r.changes.map((c) => <li key={c}>{c}</li>)}</ul> : ''}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr><th scope="row" colSpan={5}>Summe der gezeigten Maßnahmen</th><td className="num">{formatCents(sums.expected)}</td><td className="num">{formatCents(sums.ist)}</td><td colSpan={2} /></tr>
            </tfoot>
          </table>
        </div>
        {rows.length > shown ? <button type="button" className="button small" onClick={() => setShown((n) => n + PAGE * 5)}>Weitere Maßnahmen anzeigen ({rows.length - shown} weitere)</button> : null}
      </section>

      <div className="mon-grid mon-section">
        <GroupTable caption="Je Baustelle" groups={data.byBaustelle} />
        <GroupTable caption="Je verantwortlicher Stelle" groups={data.byActor} />
      </div>
      <IstImport />
      {wb.info ? <BerichtPanel key={stichtag} stichtag={stichtag} /> : null}
    </>
  );
}
