// Ist aus der Kämmerei: a workbook or CSV is checked row by row (nothing written), the planner sees
// where each booking goes and what is wrong, and takes all rows at once — or nothing.
import { useId, useState } from 'react';
import { formatCents } from '../../../../shared/domain/money.ts';
import type { IstImportReport } from '../../../../shared/domain/monitoring.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { messageOf } from '../../lib/format.ts';
import { fileToBase64 } from '../documents/common.tsx';

const SHOWN = 200;

export function IstImport() {
  const { call } = useBackend();
  const id = useId();
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [report, setReport] = useState<IstImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(f: File | undefined) {
    setError(null); setStatus(null); setReport(null); setFile(null);
    if (!f) return;
    setBusy(true);
    try {
      const loaded = { fileName: f.name, base64: await fileToBase64(f) };
      setFile(loaded);
      setReport(await call('actuals.import', { ...loaded, apply: false }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!file) return;
    setError(null); setBusy(true);
    try {
      const r = await call('actuals.import', { ...file, apply: true });
      setReport(null); setFile(null);
      setStatus(`${r.okCount} ${r.okCount === 1 ? 'Ist-Wert' : 'Ist-Werte'} mit zusammen ${formatCents(r.totalCents)} übernommen (ein Schritt, rückgängig zu machen).`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="mon-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Ist aus der Kämmerei einlesen</h2>
      <p className="hint">Excel-Arbeitsmappe oder CSV mit den Spalten Jahr, Betrag und Maßnahme (Nr.) oder Produkt/Kostenstelle; Quartal, Art (Ist/Abruf) und Buchungstext sind freiwillig. Erst wird geprüft, dann alles auf einmal übernommen – oder nichts.</p>
      <div className="field">
        <label htmlFor={`${id}-f`}>Datei der Kämmerei</label>
        <input id={`${id}-f`} type="file" accept=".xlsx,.csv,.txt" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
      </div>
      {report ? (
        <>
          <p role="status">{report.okCount} von {report.rows.length} Zeilen in Ordnung{report.errorCount ? `, ${report.errorCount} fehlerhaft` : ''}; zusammen {formatCents(report.totalCents)} (Tabellenblatt „{report.sheet}“).</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Prüfung der Zeilen">
            <table className="data-table compact">
              <caption className="visually-hidden">Prüfung der Ist-Zeilen</caption>
              <thead><tr><th scope="col">Zeile</th><th scope="col">Zuordnung</th><th scope="col" className="num">Betrag</th><th scope="col">Prüfung</th></tr></thead>
              <tbody>
                {report.rows.slice(0, SHOWN).map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td>{r.target ?? r.measureCode ?? '–'}{r.quarter ? `, Q${r.quarter}` : ''}{r.kind === 'abruf' ? ', Fördermittelabruf' : ''}</td>
                    <td className="num">{r.amountCents === null ? '–' : formatCents(r.amountCents)}</td>
                    <td>{r.ok ? (r.replaces ? 'in Ordnung (ersetzt den erfassten Wert)' : 'in Ordnung') : <span className="ampel ampel-verzoegert"><span aria-hidden="true">■ </span>{r.errors.join(' ')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.rows.length > SHOWN ? <p className="hint">Die ersten {SHOWN} von {report.rows.length} Zeilen.</p> : null}
          <button type="button" className="button primary" disabled={busy || report.errorCount > 0 || report.rows.length === 0} onClick={() => void apply()}>Ist übernehmen</button>
        </>
      ) : null}
      <ErrorAlert message={error} />
      <StatusLine>{status}</StatusLine>
    </section>
  );
}
