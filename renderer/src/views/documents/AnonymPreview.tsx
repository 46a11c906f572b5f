// "Was wird entfernt?": before an anonymised export, the list of e-mail and web addresses, phone
// numbers and person names the export replaces by „[entfernt]“, with where each stands
// (vorlage.anonymise.preview runs the same scanner as the export).
import { useState } from 'react';
import { FINDING_LABELS, type AnonymFinding } from '../../../../shared/domain/anonymise.ts';
import type { VorlageExportArgs } from '../../../../shared/domain/vorlage.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert } from '../../components/Messages.tsx';
import { messageOf } from '../../lib/format.ts';

export function AnonymPreview({ args }: { args: () => VorlageExportArgs | null }) {
  const { call } = useBackend();
  const [findings, setFindings] = useState<AnonymFinding[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function check() {
    const a = args();
    if (!a) { setError('Bitte zuerst die Maßnahmen auswählen.'); return; }
    setBusy(true); setError(null);
    try {
      setFindings((await call('vorlage.anonymise.preview', a)).findings);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="doc-anon-preview">
      <button type="button" className="button small" onClick={() => void check()} disabled={busy}>Prüfen, was entfernt wird</button>
      <ErrorAlert message={error} />
      {findings === null ? null : findings.length === 0 ? (
        <p role="status">In den Freitexten wurden keine E-Mail- oder Internetadressen, Telefonnummern oder Personennamen gefunden.</p>
      ) : (
        <>
          <p role="status">{findings.length === 1 ? '1 Angabe wird' : `${findings.length} Angaben werden`} durch „[entfernt]“ ersetzt:</p>
          <ul className="doc-findings">
            {findings.slice(0, 200).map((f, i) => (
              <li key={i}><strong>{FINDING_LABELS[f.kind]}</strong> „{f.text}“ – {f.where}</li>
            ))}
            {findings.length > 200 ? <li>… und {findings.length - 200} weitere</li> : null}
          </ul>
        </>
      )}
    </div>
  );
}
