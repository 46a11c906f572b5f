// Import from Excel (.xlsx) or CSV in four steps: choose the file (import.preview reads it, writes
// nothing), map the columns per sheet, check (import.validate: a report per row, writes nothing),
// and take over (import.apply: all rows or none, one undo step) – only after the planner confirms
// a report without errors.
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import {
  IMPORT_KINDS, SHEET_NAMES, type ImportApplyResult, type ImportKind, type ImportMapping, type ImportPreview, type ImportReport,
  type ImportRowReport, type ImportSheet,
} from '../../../../shared/domain/exchange.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { messageOf } from '../../lib/format.ts';
import { countOf, ExportCrumbs, fileToBase64 } from './common.tsx';

const ACTION_LABELS: Record<NonNullable<ImportRowReport['action']>, string> = { create: 'neu', update: 'ändern', unchanged: 'unverändert' };
const MATCH_LABELS: Record<NonNullable<ImportRowReport['matchedBy']>, string> = { id: 'über die ID', code: 'über die Nummer', name: 'über den Namen' };
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Per sheet: which kind it is read as ('' = not imported) and field → column index. */
interface SheetChoice { kind: ImportKind | ''; columns: Record<string, number> }

interface Loaded { fileName: string; base64: string; preview: ImportPreview }

function initialChoices(p: ImportPreview): Record<string, SheetChoice> {
  const out: Record<string, SheetChoice> = {};
  for (const s of p.sheets) out[s.name] = { kind: '', columns: {} };
  for (const k of IMPORT_KINDS) {
    const m = (p.mapping as ImportMapping)[k];
    if (m && out[m.sheet]) out[m.sheet] = { kind: k, columns: { ...m.columns } };
  }
  return out;
}

/** The mapping to send, or a German reason why it is not complete. */
function mappingOf(p: ImportPreview, choices: Record<string, SheetChoice>): { mapping: ImportMapping | null; problem: string | null } {
  const mapping: Partial<Record<ImportKind, { sheet: string; columns: Record<string, number> }>> = {};
  for (const s of p.sheets) {
    const c = choices[s.name];
    if (!c || c.kind === '') continue;
    if (mapping[c.kind]) return { mapping: null, problem: `${SHEET_NAMES[c.kind]}: Nur ein Tabellenblatt kann so eingelesen werden („${mapping[c.kind]!.sheet}“ und „${s.name}“).` };
    if (Object.keys(c.columns).length === 0) return { mapping: null, problem: `Tabellenblatt „${s.name}“: Bitte mindestens eine Spalte zuordnen.` };
    mapping[c.kind] = { sheet: s.name, columns: c.columns };
  }
  if (Object.keys(mapping).length === 0) return { mapping: null, problem: 'Bitte mindestens ein Tabellenblatt einer Art zuordnen.' };
  return { mapping: mapping as ImportMapping, problem: null };
}

const stripRow = (m: string) => m.replace(/^Zeile \d+:\s*/u, '');

export function ImportPage() {
  const { call } = useBackend();
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [choices, setChoices] = useState<Record<string, SheetChoice>>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportApplyResult | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [busy, setBusy] = useState<null | 'read' | 'check' | 'apply'>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [checkStatus, setCheckStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);
  const mapRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  // Grows with every chosen file: a check still running for the previous file is dropped.
  const fileSeq = useRef(0);

  const { mapping, problem } = useMemo(() => (loaded ? mappingOf(loaded.preview, choices) : { mapping: null, problem: null }), [loaded, choices]);
  const step = result ? 4 : report ? 3 : loaded ? 2 : 1;

  async function chooseFile(e: ChangeEvent<HTMLInputElement>) {
    const input = e.target;
    const file = input.files?.[0];
    // Cleared, so choosing the same (corrected) file again reads it again.
    input.value = '';
    if (!file) return;
    const mine = ++fileSeq.current;
    setLoaded(null); setError(null); setApplyError(null); setReport(null); setResult(null); setStatus(null);
    if (file.size > MAX_FILE_BYTES) { setError('Die Datei ist zu groß (höchstens 20 MB).'); return; }
    setBusy('read'); setStatus(`„${file.name}“ wird gelesen …`);
    try {
      const base64 = await fileToBase64(file);
      const preview = await call('import.preview', { fileName: file.name, base64 });
      if (mine !== fileSeq.current) return;
      setLoaded({ fileName: file.name, base64, preview });
      setChoices(initialChoices(preview));
      setStatus(`„${file.name}“ gelesen: ${countOf(preview.sheets.length, 'Tabellenblatt', 'Tabellenblätter')}. Bitte die Zuordnung der Spalten prüfen.`);
      requestAnimationFrame(() => mapRef.current?.focus());
    } catch (err) {
      if (mine !== fileSeq.current) return;
      setLoaded(null);
      setStatus(null);
      setError(messageOf(err));
    } finally {
      if (mine === fileSeq.current) setBusy(null);
    }
  }

  function change(sheet: string, fn: (c: SheetChoice) => SheetChoice) {
    setChoices((prev) => ({ ...prev, [sheet]: fn(prev[sheet] ?? { kind: '', columns: {} }) }));
    // A report belongs to the mapping it was made for.
    setReport(null); setApplyError(null);
  }

  async function check() {
    if (!loaded || !mapping) return;
    const mine = fileSeq.current;
    setBusy('check'); setError(null); setApplyError(null); setStatus(null); setCheckStatus('Die Zeilen werden geprüft …');
    try {
      const r = await call('import.validate', { fileName: loaded.fileName, base64: loaded.base64, mapping });
      if (mine !== fileSeq.current) return;
      setReport(r);
      setOnlyErrors(!r.ok);
      setCheckStatus(null);
      requestAnimationFrame(() => reportRef.current?.focus());
    } catch (err) {
      if (mine !== fileSeq.current) return;
      setCheckStatus(null);
      setError(messageOf(err));
    } finally {
      if (mine === fileSeq.current) setBusy(null);
    }
  }

  // Focus goes to "Übernommen" once it is on screen (an animation frame after setResult may come before React renders it).
  useEffect(() => { if (result) doneRef.current?.focus(); }, [result]);

  async function apply() {
    if (!loaded || !mapping || !report?.ok) return;
    setBusy('apply'); setApplyError(null); setStatus('Die Zeilen werden übernommen …');
    try {
      const r = await call('import.apply', { fileName: loaded.fileName, base64: loaded.base64, mapping });
      setResult(r);
      setStatus(null);
    } catch (err) {
      setStatus(null);
      setApplyError(`${messageOf(err)} Es wurde nichts übernommen.`);
    } finally {
      setBusy(null);
    }
  }

  function restart() {
    setLoaded(null); setChoices({}); setReport(null); setResult(null); setStatus(null); setCheckStatus(null); setError(null); setApplyError(null);
    requestAnimationFrame(() => document.getElementById(`${id}-file`)?.focus());
  }

  const steps = ['Datei wählen', 'Spalten zuordnen', 'Prüfen', 'Übernehmen'];
  return (
    <>
      <div className="view-head">
        <ExportCrumbs />
        <ViewHeading>Aus Excel oder CSV importieren</ViewHeading>
        <p className="lead">
          Maßnahmen, Budgetpositionen, Akteure und Zuständigkeiten aus einer Tabelle übernehmen, z. B. die von der Kämmerei ergänzte
          XLSX-Datei. Zeilen mit ID oder Nummer ändern vorhandene Einträge, die übrigen werden neu angelegt; gelöscht wird nichts.
          In den Plan geschrieben wird erst, wenn Sie nach der Prüfung „Übernehmen“ wählen.
        </p>
        <ol className="doc-steps" aria-label="Schritte des Imports">
          {steps.map((s, i) => (
            <li key={s} aria-current={step === i + 1 ? 'step' : undefined} className={step > i + 1 ? 'done' : undefined}>
              <span className="doc-step-num" aria-hidden="true">{i + 1}</span> {s}
            </li>
          ))}
        </ol>
      </div>

      <section className="panel" aria-labelledby={`${id}-file-h`}>
        <h2 id={`${id}-file-h`}>1. Datei wählen</h2>
        <div className="field doc-file">
          <label htmlFor={`${id}-file`}>Excel-Arbeitsmappe (.xlsx) oder CSV-Datei (.csv)</label>
          <input id={`${id}-file`} type="file" accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => void chooseFile(e)} disabled={busy !== null} aria-describedby={`${id}-file-h2`} />
          <p id={`${id}-file-h2`} className="hint">
            CSV: Semikolon als Trennzeichen, Beträge wie 1.234,56. Die Spaltenüberschriften des XLSX-Exports werden erkannt.
          </p>
        </div>
        {loaded ? (
          <p className="doc-file-name">
            Gelesen: <strong>{loaded.fileName}</strong> ({loaded.preview.format === 'xlsx' ? 'Excel' : 'CSV'},{' '}
            {loaded.preview.sheets.map((s) => `„${s.name}“ mit ${countOf(s.rowCount, 'Zeile', 'Zeilen')}`).join(', ')})
          </p>
        ) : null}
        <StatusLine>{status}</StatusLine>
        <ErrorAlert message={error} />
      </section>

      {loaded && !result ? (
        <section className="panel" aria-labelledby={`${id}-map-h`}>
          <h2 id={`${id}-map-h`} ref={mapRef} tabIndex={-1}>2. Spalten zuordnen</h2>
          {loaded.preview.notes.length > 0 ? (
            <ul className="plain-list small">{loaded.preview.notes.map((n) => <li key={n}>{n}</li>)}</ul>
          ) : null}
          <p className="hint">Vorbelegt nach den Spaltenüberschriften. Felder ohne Spalte bleiben bei vorhandenen Einträgen unverändert; neue Einträge erhalten Standardwerte.</p>
          {loaded.preview.sheets.map((s) => (
            <SheetMapper key={s.name} sheet={s} preview={loaded.preview} choice={choices[s.name] ?? { kind: '', columns: {} }}
              onChange={(fn) => change(s.name, fn)} />
          ))}
          {problem ? <p className="doc-problem" id={`${id}-map-problem`}>{problem}</p> : null}
          <div className="form-actions">
            <button type="button" className="button primary" onClick={() => void check()} disabled={busy !== null || !mapping}
              aria-describedby={problem ? `${id}-map-problem` : undefined}>
              Prüfen
            </button>
            <span className="hint">Prüfen schreibt nichts in den Plan.</span>
          </div>
          <StatusLine>{checkStatus}</StatusLine>
        </section>
      ) : null}

      {report && !result ? (
        <section className="panel" aria-labelledby={`${id}-rep-h`}>
          <h2 id={`${id}-rep-h`} ref={reportRef} tabIndex={-1}>3. Prüfbericht</h2>
          <p className={report.ok ? 'ok-line' : 'doc-problem'}>{report.summary}</p>
          <CountsTable report={report} />
          <label className="check doc-only-errors">
            <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />
            <span>nur fehlerhafte Zeilen anzeigen</span>
          </label>
          <RowsTable rows={onlyErrors ? report.rows.filter((r) => !r.ok) : report.rows} total={report.rows.length} />
          <h3>4. Übernehmen</h3>
          <div className="form-actions">
            <button type="button" className="button primary" onClick={() => void apply()} disabled={busy !== null || !report.ok}
              aria-describedby={`${id}-apply-h`}>
              Übernehmen
            </button>
            <p id={`${id}-apply-h`} className="hint">
              {report.ok
                ? 'Übernimmt alle Zeilen in einem Schritt; er lässt sich mit „Rückgängig“ zurücknehmen.'
                : 'Erst möglich, wenn alle Zeilen in Ordnung sind. Bitte die Datei korrigieren und oben erneut wählen, oder die Zuordnung ändern und neu prüfen.'}
            </p>
          </div>
          <ErrorAlert message={applyError} />
        </section>
      ) : null}

      {result ? (
        <section className="panel" aria-labelledby={`${id}-done-h`}>
          <h2 id={`${id}-done-h`} ref={doneRef} tabIndex={-1}>Übernommen</h2>
          <p className="ok-line">{result.summary}</p>
          <CountsTable report={result.report} />
          <div className="actions-row">
            <a className="link-cta" href="#/massnahmen">Zu den Maßnahmen</a>
            <button type="button" className="button" onClick={restart}>Weitere Datei importieren</button>
          </div>
        </section>
      ) : null}
    </>
  );
}

function SheetMapper({ sheet, preview, choice, onChange }: {
  sheet: ImportSheet; preview: ImportPreview; choice: SheetChoice; onChange: (fn: (c: SheetChoice) => SheetChoice) => void;
}) {
  const id = useId();
  const [showAll, setShowAll] = useState(false);
  const all = choice.kind ? preview.fields[choice.kind] : [];
  const fields = showAll ? all : all.filter((f) => f.requiredForCreate || choice.columns[f.key] !== undefined);
  const hidden = all.length - fields.length;
  const colLabel = (i: number) => {
    const c = sheet.columns[i];
    return c ? `Spalte ${i + 1}: ${c.header || '(ohne Überschrift)'}` : `Spalte ${i + 1}`;
  };
  return (
    <fieldset className="doc-sheet">
      <legend>Tabellenblatt „{sheet.name}“ <span className="muted">({countOf(sheet.rowCount, 'Zeile', 'Zeilen')})</span></legend>
      <div className="field doc-narrow">
        <label htmlFor={`${id}-kind`}>Einlesen als</label>
        <select id={`${id}-kind`} value={choice.kind}
          onChange={(e) => {
            const kind = e.target.value as ImportKind | '';
            // A new kind starts from the columns its headers suggest.
            const suggested: Record<string, number> = {};
            if (kind) {
              const keys = new Set(preview.fields[kind].map((f) => f.key));
              const m = (preview.mapping as ImportMapping)[kind];
              if (m && m.sheet === sheet.name) Object.assign(suggested, m.columns);
              else for (const [k, v] of Object.entries(choice.columns)) if (keys.has(k)) suggested[k] = v;
            }
            onChange(() => ({ kind, columns: suggested }));
          }}>
          <option value="">nicht einlesen</option>
          {IMPORT_KINDS.map((k) => <option key={k} value={k}>{SHEET_NAMES[k]}</option>)}
        </select>
      </div>
      {choice.kind ? (
        <div className="table-wrap">
          <table className="data-table compact doc-map">
            <caption className="visually-hidden">Zuordnung der Spalten für {SHEET_NAMES[choice.kind]}</caption>
            <thead>
              <tr><th scope="col">Feld im Plan</th><th scope="col">Spalte der Datei</th><th scope="col">Beispielwerte</th></tr>
            </thead>
            <tbody>
              {fields.map((f) => {
                const col = choice.columns[f.key];
                const samples = col === undefined ? [] : (sheet.columns[col]?.samples ?? []);
                return (
                  <tr key={f.key}>
                    <th scope="row" className="row-head">
                      <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
                      {f.requiredForCreate ? <span className="req"> (für neue Einträge nötig)</span> : null}
                    </th>
                    <td>
                      <select id={`${id}-${f.key}`} value={col === undefined ? '' : String(col)}
                        onChange={(e) => {
                          const v = e.target.value;
                          onChange((c) => {
                            const columns = { ...c.columns };
                            if (v === '') delete columns[f.key];
                            else columns[f.key] = Number(v);
                            return { ...c, columns };
                          });
                        }}>
                        <option value="">– nicht zugeordnet –</option>
                        {sheet.columns.map((c) => <option key={c.index} value={c.index}>{colLabel(c.index)}</option>)}
                      </select>
                    </td>
                    <td className="small muted">{samples.length ? samples.join(' · ') : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {hidden > 0 || showAll ? (
            <div className="doc-more">
              <button type="button" className="button small quiet" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
                {showAll ? 'Nur zugeordnete und nötige Felder zeigen' : `Weitere Felder zuordnen (${hidden})`}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}

function CountsTable({ report }: { report: ImportReport }) {
  const kinds = IMPORT_KINDS.filter((k) => {
    const c = report.counts[k];
    return c.create + c.update + c.unchanged + c.invalid > 0;
  });
  if (kinds.length === 0) return null;
  return (
    <div className="table-wrap doc-counts">
      <table className="data-table compact">
        <caption className="visually-hidden">Zeilen je Tabellenart</caption>
        <thead>
          <tr>
            <th scope="col">Art</th><th scope="col" className="num">neu</th><th scope="col" className="num">geändert</th>
            <th scope="col" className="num">unverändert</th><th scope="col" className="num">fehlerhaft</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => {
            const c = report.counts[k];
            return (
              <tr key={k}>
                <th scope="row" className="row-head">{SHEET_NAMES[k]}</th>
                <td className="num">{c.create}</td><td className="num">{c.update}</td><td className="num">{c.unchanged}</td>
                <td className={`num${c.invalid > 0 ? ' doc-bad' : ''}`}>{c.invalid}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RowsTable({ rows, total }: { rows: ImportRowReport[]; total: number }) {
  return (
    <>
      <p className="table-count" aria-live="polite">{rows.length === total ? countOf(total, 'Zeile', 'Zeilen') : `${rows.length} von ${countOf(total, 'Zeile', 'Zeilen')}`}</p>
      <div className="table-wrap doc-report">
        <table className="data-table compact">
          <caption className="visually-hidden">Prüfbericht je Zeile</caption>
          <thead>
            <tr>
              <th scope="col">Blatt</th><th scope="col" className="num">Zeile</th><th scope="col">Ergebnis</th>
              <th scope="col">Eintrag</th><th scope="col">Meldungen</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? <tr><td colSpan={5} className="empty">Keine Zeilen.</td></tr> : null}
            {rows.map((r) => (
              <tr key={`${r.kind}-${r.sheet}-${r.row}`} className={r.ok ? undefined : 'doc-row-bad'}>
                <td>{r.sheet}</td>
                <th scope="row" className="num">{r.row}</th>
                <td>
                  {r.ok
                    ? <span className="badge ok">{r.action ? ACTION_LABELS[r.action] : 'in Ordnung'}</span>
                    : <span className="badge danger">Fehler</span>}
                </td>
                <td>
                  {r.label.replace(/\s+/gu, ' ')}
                  {r.ok && r.matchedBy ? <span className="muted small"> – gefunden {MATCH_LABELS[r.matchedBy]}</span> : null}
                </td>
                <td>
                  {r.errors.length === 0 ? <span className="muted">–</span> : (
                    <ul className="doc-messages">{r.errors.map((m) => <li key={m}>{stripRow(m)}</li>)}</ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
