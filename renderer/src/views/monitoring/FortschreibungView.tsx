// Fortschreibung: the next planning period as a new plan file. The planner chooses which unfinished
// measures carry over (ids and history kept) and which finished ones to close here first; the new
// plan remembers this one as its predecessor, so the next Bericht and Vorlage can compare.
import { useId, useState, type FormEvent } from 'react';
import { MEASURE_STATUS_LABELS } from '../../../../shared/domain/enums.ts';
import type { FortschreibungPreview } from '../../../../shared/domain/monitoring.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { folderOf, messageOf } from '../../lib/format.ts';
import { hrefFor, navigate } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import { AmpelBadge } from './common.tsx';

type Choice = 'uebernehmen' | 'abschliessen' | 'bleibt';

function Form({ p, path }: { p: FortschreibungPreview; path: string }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const [title, setTitle] = useState(p.suggestedTitle);
  const [first, setFirst] = useState(String(p.suggestedFirstYear));
  const [last, setLast] = useState(String(p.suggestedLastYear));
  const safe = p.suggestedTitle.replace(/[\\/:*?"<>|]+/gu, '-');
  const [file, setFile] = useState(`${folderOf(path)}${safe}.wirplan`);
  const [choice, setChoice] = useState<Record<string, Choice>>(() => Object.fromEntries(p.candidates.map((c) => [c.measureId, c.suggestion === 'abgeschlossen' ? 'bleibt' : c.suggestion])));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const carry = p.candidates.filter((c) => choice[c.measureId] === 'uebernehmen');
  const close = p.candidates.filter((c) => choice[c.measureId] === 'abschliessen');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const a = Number(first); const b = Number(last);
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 2000 || b > 2100 || b < a) { setError('Bitte den Planungszeitraum als zwei Jahreszahlen angeben (erstes Jahr ≤ letztes Jahr).'); return; }
    setBusy(true); setStatus('Die Fortschreibung wird angelegt …');
    try {
      const r = await call('fortschreibung.create', { path: file, title, firstYear: a, lastYear: b, carryOverIds: carry.map((c) => c.measureId), closeIds: close.map((c) => c.measureId) });
      await wb.refresh({ external: true });
      wb.notify(`Fortschreibung angelegt und geöffnet: ${r.carried} Maßnahmen übernommen${r.closed ? `, ${r.closed} im Vorgängerplan abgeschlossen` : ''}. Vorgänger: „${r.predecessor.title}“.`, hrefFor({ view: 'plan' }));
      navigate({ view: 'plan' });
    } catch (err) {
      setStatus(null);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <div className="mon-form">
        <div className="field" style={{ flex: '1 1 320px' }}><label htmlFor={`${id}-t`}>Titel des neuen Plans</label><input id={`${id}-t`} value={title} onChange={(e) => setTitle(e.target.value)} /></div>
        <div className="field"><label htmlFor={`${id}-a`}>Erstes Jahr</label><input id={`${id}-a`} inputMode="numeric" size={5} value={first} onChange={(e) => setFirst(e.target.value)} /></div>
        <div className="field"><label htmlFor={`${id}-b`}>Letztes Jahr</label><input id={`${id}-b`} inputMode="numeric" size={5} value={last} onChange={(e) => setLast(e.target.value)} /></div>
      </div>
      <div className="field"><label htmlFor={`${id}-f`}>Neue Plandatei</label><input id={`${id}-f`} value={file} onChange={(e) => setFile(e.target.value)} /></div>
      <h2>Maßnahmen</h2>
      <p className="hint">Unerledigte Maßnahmen werden mit Kennung und Änderungsprotokoll übernommen; abgeschlossene bleiben im Vorgängerplan. „Abschließen“ setzt eine Maßnahme im aktuellen Plan auf abgeschlossen (rückgängig zu machen) und übernimmt sie nicht.</p>
      <div className="table-wrap">
        <table className="data-table compact">
          <caption className="visually-hidden">Maßnahmen und was mit ihnen geschieht</caption>
          <thead><tr><th scope="col">Nr.</th><th scope="col">Maßnahme</th><th scope="col">Status</th><th scope="col">Ampel</th><th scope="col">Fortschreibung</th></tr></thead>
          <tbody>
            {p.candidates.map((c) => (
              <tr key={c.measureId}>
                <td>{c.code}</td><td>{c.title}</td><td>{MEASURE_STATUS_LABELS[c.status]}</td><td><AmpelBadge ampel={c.ampel} /></td>
                <td>
                  {c.status === 'abgeschlossen' ? 'bleibt (abgeschlossen)' : (
                    <select aria-label={`Fortschreibung: ${c.code} ${c.title}`} value={choice[c.measureId]} onChange={(e) => setChoice((x) => ({ ...x, [c.measureId]: e.target.value as Choice }))}>
                      <option value="uebernehmen">übernehmen</option>
                      <option value="abschliessen">abschließen</option>
                      <option value="bleibt">nicht übernehmen</option>
                    </select>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="status">{carry.length} Maßnahmen werden übernommen, {close.length} abgeschlossen.</p>
      <button type="submit" className="button primary" disabled={busy}>Fortschreibung anlegen</button>
      <ErrorAlert message={error} />
      <StatusLine>{status}</StatusLine>
    </form>
  );
}

export function FortschreibungView() {
  const wb = useWorkbench();
  const { data, error } = usePlanData('fortschreibung.preview', {});
  if (!data || !wb.info) {
    return (
      <>
        <ViewHeading placeholder>Fortschreibung</ViewHeading>
        <ErrorAlert message={error} />
        {error ? null : <p role="status">Die Fortschreibung wird vorbereitet …</p>}
      </>
    );
  }
  return (
    <>
      <nav aria-label="Pfad" className="hint"><a href={hrefFor({ view: 'umsetzung' })}>Umsetzung und Steuerung</a> › Fortschreibung</nav>
      <ViewHeading>Fortschreibung</ViewHeading>
      <p>Der nächste Planungszeitraum beginnt als neuer Plan, verknüpft mit „{data.title}“.{data.predecessor ? ` Dieser Plan schreibt selbst „${data.predecessor.title}“ (${data.predecessor.period}) fort.` : ''}</p>
      <Form key={wb.externalRevision} p={data} path={wb.info.path} />
    </>
  );
}
