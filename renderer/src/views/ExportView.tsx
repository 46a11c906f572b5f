// Export: the plan as a Word document for the Kreistag committees.
import { useState } from 'react';
import { useBackend } from '../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../components/Messages.tsx';
import { messageOf } from '../lib/format.ts';
import { useWorkbench } from '../useWorkbench.tsx';
import { ViewHeading } from '../components/ViewHeading.tsx';

export function ExportView() {
  const { call, transport } = useBackend();
  const wb = useWorkbench();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function exportDocx() {
    setBusy(true); setError(null); setStatus('Das Dokument wird erstellt …');
    try {
      const { fileName, base64 } = await call('export.docx', {});
      const saved = await transport.saveFile(fileName, base64);
      setStatus(saved ? `„${fileName}“ wurde erstellt.${transport.kind === 'web' ? ' Sie finden die Datei in Ihren Downloads.' : ''}` : 'Export abgebrochen.');
    } catch (e) {
      setStatus(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="view-head">
        <ViewHeading>Export</ViewHeading>
        <p className="lead">Der Maßnahmenplan als Word-Dokument (DOCX) für Kreistag, Ausschüsse und Verwaltungsspitze.</p>
      </div>
      <section className="panel narrow" aria-labelledby="docx-h">
        <h2 id="docx-h">Maßnahmenplan als DOCX</h2>
        <p>
          Das Dokument enthält den Plan „{wb.info?.title}“: eine Übersicht aller {wb.measures.length} Maßnahmen und, nach Baustellen
          geordnet, die Maßnahmenblätter mit Ziel, Bedarf, Zuständigkeiten und Kosten. Es wird aus dem aktuellen Stand der Plandatei erzeugt.
        </p>
        <div className="form-actions">
          <button type="button" className="button primary" onClick={() => void exportDocx()} disabled={busy}>Als DOCX exportieren</button>
          <StatusLine>{status}</StatusLine>
        </div>
        <ErrorAlert message={error} />
      </section>
    </>
  );
}
