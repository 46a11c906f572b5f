// Generating a file in the backend and handing it to the user (save dialog in Electron, a download
// in the browser), with one status line and one error per action.
import { useState } from 'react';
import { useBackend } from '../backend/useBackend.tsx';
import { messageOf } from './format.ts';

export function useDownload() {
  const { transport } = useBackend();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(what: string, make: () => Promise<{ fileName: string; base64: string }>) {
    setBusy(true); setError(null); setStatus(`${what} wird erstellt …`);
    try {
      const { fileName, base64 } = await make();
      const saved = await transport.saveFile(fileName, base64);
      setStatus(saved ? `„${fileName}“ wurde erstellt.${transport.kind === 'web' ? ' Sie finden die Datei in Ihren Downloads.' : ''}` : 'Export abgebrochen.');
    } catch (e) {
      setStatus(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, status, error, run };
}
