// Export: documents for the Kreistag committees and the exchange with the Kämmerei. The overview
// (#/export) offers the Sitzungsvorlage, the plain plan as DOCX, the festgeschriebene Stände and
// XLSX export/import; the longer tasks are pages of their own (#/export/vorlage, #/export/import,
// #/export/stand/<id>, see documents/subRoute.ts).
import { useEffect, useRef } from 'react';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { useDownload } from '../../lib/useDownload.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { requestHeadingFocus, ViewHeading } from '../../components/ViewHeading.tsx';
import { ImportPage } from './ImportPage.tsx';
import { SnapshotDiffPage, SnapshotsPanel } from './Snapshots.tsx';
import { exportHref, useExportPage, type ExportPage } from './subRoute.ts';
import { VorlagePage } from './VorlagePage.tsx';
import { VorlageProfilPage } from './VorlageProfilPage.tsx';
import './documents.css';

const PAGE_TITLES: Record<ExportPage['page'], string> = {
  overview: 'Export', vorlage: 'Sitzungsvorlage erstellen', import: 'Import aus Excel oder CSV', stand: 'Änderungsliste',
  profil: 'Vorlagenprofil und Haushalt',
};

export function ExportView() {
  const page = useExportPage();
  const wb = useWorkbench();
  const key = exportHref(page);
  const first = useRef(true);

  // The shell focuses the heading when the view changes; between the Export pages, this view does.
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    requestHeadingFocus();
  }, [key]);
  // The shell titles the window "Export – …"; the pages name themselves (after the shell's own effect).
  useEffect(() => {
    const t = `${PAGE_TITLES[page.page]} – ${wb.info?.title ? `${wb.info.title} – ` : ''}Zusammenhalt-Werkbank`;
    const timer = setTimeout(() => { document.title = t; }, 0);
    return () => clearTimeout(timer);
  }, [page.page, wb.info?.title]);

  switch (page.page) {
    case 'vorlage': return <VorlagePage changesSince={page.changesSince} />;
    case 'import': return <ImportPage />;
    case 'profil': return <VorlageProfilPage />;
    case 'stand': return <SnapshotDiffPage key={page.id} snapshotId={page.id} />;
    case 'overview': return <ExportOverview />;
  }
}

function ExportOverview() {
  const { call } = useBackend();
  const wb = useWorkbench();
  const docx = useDownload();
  const xlsx = useDownload();

  return (
    <>
      <div className="view-head">
        <ViewHeading>Export</ViewHeading>
        <p className="lead">Dokumente für Kreistag, Ausschüsse und Verwaltungsspitze, festgeschriebene Beschlussstände und der Austausch mit der Kämmerei.</p>
      </div>
      <div className="grid-2 doc-overview">
        <section className="panel" aria-labelledby="doc-vorlage-h">
          <h2 id="doc-vorlage-h">Sitzungsvorlage</h2>
          <p className="doc-text">
            Beschluss- oder Informationsvorlage im Aufbau des Ratsinformationssystems (ALLRIS, Session, SD.NET): Kopf, Beratungsfolge,
            Beschlussvorschlag, Sachverhalt, Finanzielle Auswirkungen und als Anlagen Maßnahmenplan, Maßnahmenblätter und Nutzwertanalyse –
            für alle Maßnahmen oder eine Auswahl, auf Wunsch anonymisiert.
          </p>
          <div className="form-actions">
            <a className="link-cta" href={exportHref({ page: 'vorlage' })}>Sitzungsvorlage erstellen</a>
            <a className="link-cta" href={exportHref({ page: 'profil' })}>Vorlagenprofil und Haushalt</a>
          </div>
        </section>
        <section className="panel" aria-labelledby="docx-h">
          <h2 id="docx-h">Maßnahmenplan als DOCX</h2>
          <p className="doc-text">
            Das Dokument enthält den ganzen Plan: eine Übersicht aller {wb.measures.length} Maßnahmen und, nach Baustellen
            geordnet, die Maßnahmenblätter mit Ziel, Bedarf, Zuständigkeiten und Kosten. Es wird aus dem aktuellen Stand der Plandatei erzeugt.
          </p>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => void docx.run('Das Dokument', () => call('export.docx', {}))} disabled={docx.busy}>Als DOCX exportieren</button>
          </div>
          <StatusLine>{docx.status}</StatusLine>
          <ErrorAlert message={docx.error} />
        </section>
      </div>

      <SnapshotsPanel />

      <section className="panel" aria-labelledby="doc-xlsx-h">
        <h2 id="doc-xlsx-h">Austausch mit der Kämmerei (Excel)</h2>
        <div className="grid-2 doc-exchange">
          <div>
            <h3>Export</h3>
            <p className="doc-text">
              Eine Arbeitsmappe mit den Blättern Maßnahmen, Budgetpositionen, Akteure und Zuständigkeiten – mit IDs, damit die bearbeitete
              Datei ohne Verluste wieder eingelesen werden kann.
            </p>
            <div className="form-actions">
              <button type="button" className="button" onClick={() => void xlsx.run('Die Arbeitsmappe', () => call('export.xlsx', {}))} disabled={xlsx.busy}>
                Für die Kämmerei als XLSX exportieren
              </button>
            </div>
            <StatusLine>{xlsx.status}</StatusLine>
            <ErrorAlert message={xlsx.error} />
          </div>
          <div>
            <h3>Import</h3>
            <p className="doc-text">
              Eine bearbeitete Arbeitsmappe oder eine CSV-Datei einlesen: Spalten zuordnen, jede Zeile prüfen lassen und erst dann übernehmen.
            </p>
            <div className="form-actions">
              <a className="link-cta" href={exportHref({ page: 'import' })}>Aus Excel oder CSV importieren</a>
            </div>
          </div>
        </div>
      </section>
    </>
  );
}
