// Gemeinsamer Plan auf dem Server: sync the open plan with the Kreis's PostgreSQL (sync.run) and show
// where it stands (sync.status). The server address and user are remembered per plan (prefs); the
// password lives only in this component's state for one run and is cleared afterwards — never in
// prefs, localStorage or the plan file. (The Electron main process may keep an accepted password
// encrypted with safeStorage, electron/main/credentials.ts; an empty field then uses that one.)
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import type { SyncResult } from '../../../../shared/domain/sync.ts';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { useBackend } from '../../backend/useBackend.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import { formatDateTime, messageOf } from '../../lib/format.ts';
import { outcomeText, rememberedFrom, SERVER_PREF, syncState, withoutPassword, type Remembered } from './sync-model.ts';

export function ServerSyncSection({ readOnly }: { readOnly: boolean }) {
  const id = useId();
  const { call } = useBackend();
  const status = usePlanData('sync.status', {});
  const pref = usePlanData('prefs.get', { key: SERVER_PREF });
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<SyncResult | null>(null);
  // The remembered address fills the form once, unless the planner has typed already.
  const edited = useRef(false);
  useEffect(() => {
    const r = rememberedFrom(pref.data);
    if (!r || edited.current) return;
    edited.current = true;
    setUrl(r.url);
    setUser(r.user);
  }, [pref.data]);

  const edit = (set: (v: string) => void) => (e: ChangeEvent<HTMLInputElement>) => {
    edited.current = true;
    set(e.target.value);
  };

  async function sync() {
    setBusy(true);
    setError(null);
    setOutcome(null);
    const server = { url: url.trim(), ...(user.trim() ? { user: user.trim() } : {}), ...(password ? { password } : {}) };
    try {
      const result = await call('sync.run', { server });
      setOutcome(result);
      const remember: Remembered = { url: withoutPassword(server.url), user: user.trim() };
      const known = rememberedFrom(pref.data);
      if (known?.url !== remember.url || known.user !== remember.user) await call('prefs.set', { key: SERVER_PREF, value: { ...remember } });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      // The password is for this one run only.
      setPassword('');
      setBusy(false);
    }
  }

  const s = status.data;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Gemeinsamer Plan auf dem Server</h2>
      <p>
        Mit dem gemeinsamen Plan auf dem PostgreSQL-Server des Kreises abgleichen: Ihre Änderungen werden gesendet, die der Kolleginnen
        und Kollegen übernommen. Konflikte erscheinen unten. Das Passwort steht nie im Plan; das Formular vergisst es nach jedem Abgleich
        (die Desktop-Anwendung hebt ein angenommenes Passwort verschlüsselt im Betriebssystem auf, dann kann das Feld leer bleiben).
      </p>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); void sync(); }} aria-describedby={`${id}-hint`}>
        <div className="field">
          <label htmlFor={`${id}-url`}>Serveradresse</label>
          <input id={`${id}-url`} type="text" value={url} onChange={edit(setUrl)} size={50} spellCheck={false} autoComplete="off"
            placeholder="postgres://db.kreis.local:5432/werkbank?sslmode=verify-full" aria-describedby={`${id}-hint`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-user`}>Benutzername (Datenbankrolle)</label>
          <input id={`${id}-user`} type="text" value={user} onChange={edit(setUser)} spellCheck={false} autoComplete="username" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-pw`}>Passwort</label>
          <input id={`${id}-pw`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </div>
        <button type="submit" disabled={busy || readOnly || url.trim() === ''}>Abgleichen</button>
      </form>
      <p id={`${id}-hint`} className="hint">
        Die Adresse beginnt mit postgres:// und nennt Server, Port und Datenbank; die Kreis-IT nennt sie Ihnen.
      </p>
      <ErrorAlert message={error ?? status.error} />
      <StatusLine>
        {busy ? 'Abgleich läuft …' : s ? (
          <>
            Stand: {syncState(s)}.
            {' '}{s.lastSyncAt ? `Letzter Abgleich: ${formatDateTime(s.lastSyncAt)}.` : 'Noch kein Abgleich.'}
            {s.server ? ` Server: ${s.server}.` : ''}
            {outcome ? ` ${outcomeText(outcome)}` : ''}
          </>
        ) : null}
      </StatusLine>
    </section>
  );
}
