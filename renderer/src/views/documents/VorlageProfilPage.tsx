// "Vorlagenprofil und Haushalt" (#/export/profil): what a Kreis's Geschäftsordnung and its
// Kämmerei want in a Vorlage. The sections of the Vorlage (which, their headings, their order, the
// texts of the optional sections), the Deckungsvorschlag, the adopted budget years and the gender
// form, and per measure its Folgekosten and Stellen. Every save is one undo step; what is typed
// stays in the form until it is saved or reset.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { formatCents, parseEuroToCents } from '../../../../shared/domain/money.ts';
import {
  SECTION_DEFAULTS, TEXT_SECTIONS, completeProfil, formatVzae, type DocumentSettings, type MeasureHaushalt, type VorlageProfil,
} from '../../../../shared/domain/vorlage.ts';
import { GENDER_FORMS, GENDER_FORM_LABELS, type GenderForm } from '../../../../shared/domain/wording.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { messageOf } from '../../lib/format.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import { ExportCrumbs } from './common.tsx';

export function VorlageProfilPage() {
  return (
    <>
      <div className="view-head">
        <ExportCrumbs />
        <ViewHeading>Vorlagenprofil und Haushalt</ViewHeading>
        <p className="lead">
          Aufbau der Sitzungsvorlage nach der Geschäftsordnung des Kreises, beschlossene Haushaltsjahre und je Maßnahme Folgekosten und Stellen –
          daraus entstehen „Finanzielle Auswirkungen“ und „Auswirkungen auf den Stellenplan“.
        </p>
      </div>
      <SettingsPanel />
      <ProfilPanel />
      <HaushaltPanel />
    </>
  );
}

function SettingsPanel() {
  const id = useId();
  const { call } = useBackend();
  const settings = usePlanData('documents.settings.get', {});
  const totals = usePlanData('budget.totals', {});
  const [draft, setDraft] = useState<DocumentSettings | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [thisYear] = useState(() => new Date().getFullYear());
  const current = draft ?? settings.data;
  const years = useMemo(() => {
    const ys = new Set<number>(totals.data?.years ?? []);
    for (const y of current?.adoptedYears ?? []) ys.add(y);
    return [...ys].sort((a, b) => a - b);
  }, [totals.data, current]);
  if (!current) return <section className="panel"><h2>Haushaltsjahre und Sprache</h2><ErrorAlert message={settings.error} /><p role="status">Wird geladen …</p></section>;
  const adopted = new Set(current.adoptedYears ?? years.filter((y) => y <= thisYear));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!current) return;
    setError(null); setStatus(null);
    try {
      await call('documents.settings.save', current);
      setDraft(null);
      setStatus('Gespeichert.');
    } catch (err) {
      setError(messageOf(err));
    }
  }
  return (
    <form className="panel" aria-labelledby={`${id}-h`} onSubmit={save} noValidate>
      <h2 id={`${id}-h`}>Haushaltsjahre und Sprache</h2>
      <fieldset className="checks">
        <legend>Bereits beschlossene Haushaltsjahre</legend>
        <p className="hint">Mittel in einem beschlossenen Jahr sind über- oder außerplanmäßig und brauchen eine Deckung; nur spätere Jahre gehen „in die Entwürfe“.{current.adoptedYears === null ? ' Ohne Auswahl gelten alle Jahre bis zum laufenden als beschlossen.' : ''}</p>
        {years.length === 0 ? <p>Der Plan hat noch keine Haushaltsjahre.</p> : years.map((y) => (
          <label key={y} className="check">
            <input type="checkbox" checked={adopted.has(y)}
              onChange={(e) => {
                const next = new Set(adopted);
                if (e.target.checked) next.add(y); else next.delete(y);
                setDraft({ ...current, adoptedYears: [...next].sort((a, b) => a - b) });
              }} />
            <span>{y}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-g`}>Geschlechtergerechte Sprache in allen Dokumenten</label>
        <select id={`${id}-g`} value={current.genderForm} onChange={(e) => setDraft({ ...current, genderForm: e.target.value as GenderForm })}>
          {GENDER_FORMS.map((g) => <option key={g} value={g}>{GENDER_FORM_LABELS[g]}</option>)}
        </select>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!draft}>Speichern</button>
        {draft ? <button type="button" className="button" onClick={() => setDraft(null)}>Verwerfen</button> : null}
      </div>
      <StatusLine>{status}</StatusLine>
      <ErrorAlert message={error ?? totals.error} />
    </form>
  );
}

function ProfilPanel() {
  const id = useId();
  const { call } = useBackend();
  const info = usePlanData('vorlage.settings.get', {});
  const [draft, setDraft] = useState<{ profil: VorlageProfil; deckung: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = info.data ? { profil: completeProfil(info.data.effective.profil), deckung: info.data.effective.deckung ?? '' } : null;
  const cur = draft ?? base;
  if (!cur || !info.data) return <section className="panel"><h2>Aufbau der Vorlage</h2><ErrorAlert message={info.error} /><p role="status">Wird geladen …</p></section>;
  const sections = cur.profil.sections;
  const set = (next: VorlageProfil['sections']) => setDraft({ ...cur, profil: { sections: next } });
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= sections.length) return;
    const next = [...sections];
    [next[i], next[j]] = [next[j], next[i]];
    set(next);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!cur || !info.data) return;
    setError(null); setStatus(null);
    const empty = cur.profil.sections.findIndex((x) => x.heading.trim() === '');
    if (empty >= 0) { setError(`Abschnitt ${empty + 1}: Bitte eine Überschrift angeben.`); return; }
    try {
      const eff = info.data.effective;
      // The Beschlussvorschlag stays as saved (null = drawn from the plan).
      await call('vorlage.settings.save', { ...eff, beschlussvorschlag: info.data.saved?.beschlussvorschlag ?? null, profil: cur.profil, deckung: cur.deckung });
      setDraft(null);
      setStatus('Aufbau der Vorlage gespeichert.');
    } catch (err) {
      setError(messageOf(err));
    }
  }
  return (
    <form className="panel" aria-labelledby={`${id}-h`} onSubmit={save} noValidate>
      <h2 id={`${id}-h`}>Aufbau der Vorlage</h2>
      <p className="hint">Der Kopf steht immer am Anfang. Abschnitte ohne Häkchen erscheinen nicht; die Texte der Abschnitte Klimarelevanz, Gleichstellung und Inklusion schreiben Sie hier.</p>
      <ol className="doc-profil">
        {sections.map((sec, i) => (
          <li key={sec.id}>
            <div className="doc-profil-row">
              <label className="check">
                <input type="checkbox" checked={sec.enabled} onChange={(e) => set(sections.map((x, k) => (k === i ? { ...x, enabled: e.target.checked } : x)))} />
                <span className="sr-only">{`Abschnitt „${sec.heading}“ aufnehmen`}</span>
              </label>
              <label className="sr-only" htmlFor={`${id}-${sec.id}`}>{`Überschrift des Abschnitts ${i + 1}`}</label>
              <input id={`${id}-${sec.id}`} value={sec.heading} maxLength={200} aria-describedby={`${id}-${sec.id}-w`}
                onChange={(e) => set(sections.map((x, k) => (k === i ? { ...x, heading: e.target.value } : x)))} />
              <button type="button" className="button small" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`„${sec.heading}“ nach oben`}>↑</button>
              <button type="button" className="button small" onClick={() => move(i, 1)} disabled={i === sections.length - 1} aria-label={`„${sec.heading}“ nach unten`}>↓</button>
            </div>
            <p id={`${id}-${sec.id}-w`} className="hint">{SECTION_DEFAULTS[sec.id].what}</p>
            {TEXT_SECTIONS.includes(sec.id) && sec.enabled ? (
              <div className="field">
                <label htmlFor={`${id}-${sec.id}-t`}>{`Text „${sec.heading}“`}</label>
                <textarea id={`${id}-${sec.id}-t`} rows={4} maxLength={20000} value={sec.text}
                  onChange={(e) => set(sections.map((x, k) => (k === i ? { ...x, text: e.target.value } : x)))} />
                {sec.text.trim() === '' ? <p className="hint">Ohne Text erscheint der Abschnitt nicht.</p> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="field">
        <label htmlFor={`${id}-deckung`}>Deckungsvorschlag (wenn der Haushaltsrahmen überschritten ist)</label>
        <textarea id={`${id}-deckung`} rows={4} maxLength={5000} value={cur.deckung} aria-describedby={`${id}-deckung-h`}
          onChange={(e) => setDraft({ ...cur, deckung: e.target.value })} />
        <p id={`${id}-deckung-h`} className="hint">Leer: Die Vorlage schlägt die Maßnahmen zur Zurückstellung vor, die die Optimierung nicht einplant.</p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!draft}>Speichern</button>
        {draft ? <button type="button" className="button" onClick={() => setDraft(null)}>Verwerfen</button> : null}
        <button type="button" className="button" onClick={() => setDraft({ ...cur, profil: completeProfil(null) })}>Standardaufbau</button>
      </div>
      <StatusLine>{status}</StatusLine>
      <ErrorAlert message={error} />
    </form>
  );
}

interface RowDraft { folgekosten: string; ab: string; eg: string; vzae: Record<string, string> }

function toDraft(h: MeasureHaushalt | undefined, years: number[]): RowDraft {
  return {
    folgekosten: h && h.folgekostenCents ? formatCents(h.folgekostenCents, { symbol: false }) : '',
    ab: h?.folgekostenAb ? String(h.folgekostenAb) : '',
    eg: h?.entgeltgruppe ?? '',
    vzae: Object.fromEntries(years.map((y) => [String(y), h?.vzae[String(y)] ? formatVzae(h.vzae[String(y)]).replace(/\s*VZÄ$/u, '') : ''])),
  };
}

function HaushaltPanel() {
  const id = useId();
  const { call } = useBackend();
  const wb = useWorkbench();
  const list = usePlanData('measures.haushalt.list', {});
  const totals = usePlanData('budget.totals', {});
  const years = totals.data?.years ?? [];
  const byId = useMemo(() => new Map((list.data ?? []).map((h) => [h.measureId, h])), [list.data]);
  const [drafts, setDrafts] = useState<Record<string, RowDraft>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const rowOf = (mid: string) => drafts[mid] ?? toDraft(byId.get(mid), years);
  const edit = (mid: string, patch: Partial<RowDraft>) => setDrafts((d) => ({ ...d, [mid]: { ...rowOf(mid), ...patch } }));

  async function commit(mid: string, code: string) {
    const r = drafts[mid];
    if (!r) return;
    setError(null); setStatus(null);
    const cents = r.folgekosten.trim() === '' ? 0 : parseEuroToCents(r.folgekosten);
    if (cents === null || cents < 0) { setError(`${code}: Folgekosten bitte als Betrag in Euro angeben, z. B. 12.500,00.`); return; }
    const ab = r.ab.trim() === '' ? null : Number(r.ab);
    if (ab !== null && (!Number.isInteger(ab) || ab < 2000 || ab > 2100)) { setError(`${code}: „ab Jahr“ bitte als Jahr zwischen 2000 und 2100 angeben.`); return; }
    const vzae: Record<string, number> = {};
    for (const [y, v] of Object.entries(r.vzae)) {
      if (v.trim() === '') continue;
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n) || n < 0 || n > 1000) { setError(`${code}, ${y}: VZÄ bitte als Zahl angeben, z. B. 0,5.`); return; }
      if (Math.round(n * 100) > 0) vzae[y] = Math.round(n * 100);
    }
    try {
      await call('measures.haushalt.set', { measureId: mid, folgekostenCents: cents, folgekostenAb: ab, entgeltgruppe: r.eg, vzae });
      setDrafts((d) => { const n = { ...d }; delete n[mid]; return n; });
      setStatus(`${code}: gespeichert.`);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Folgekosten und Stellen je Maßnahme</h2>
      <p className="hint">Folgekosten: dauerhafte Kosten nach dem Ende der Maßnahme oder ihrer Förderung (Euro je Jahr, ab welchem Jahr). Stellen: zusätzliche Vollzeitäquivalente (VZÄ) je Jahr, mit Entgeltgruppe. Gespeichert wird beim Verlassen eines Feldes.</p>
      <ErrorAlert message={error ?? list.error} />
      <StatusLine>{status}</StatusLine>
      <div className="table-wrap">
        <table className="data doc-haushalt">
          <caption className="sr-only">Folgekosten und Stellen je Maßnahme</caption>
          <thead>
            <tr>
              <th scope="col">Maßnahme</th>
              <th scope="col">Folgekosten je Jahr (€)</th>
              <th scope="col">ab Jahr</th>
              <th scope="col">Entgeltgruppe</th>
              {years.map((y) => <th key={y} scope="col">{`VZÄ ${y}`}</th>)}
            </tr>
          </thead>
          <tbody>
            {wb.measures.map((m) => {
              const r = rowOf(m.id);
              const blur = () => void commit(m.id, m.code);
              return (
                <tr key={m.id}>
                  <th scope="row">{`${m.code} ${m.title}`}</th>
                  <td><input inputMode="decimal" value={r.folgekosten} aria-label={`Folgekosten je Jahr, ${m.code}`} onChange={(e) => edit(m.id, { folgekosten: e.target.value })} onBlur={blur} /></td>
                  <td><input inputMode="numeric" value={r.ab} size={5} aria-label={`Folgekosten ab Jahr, ${m.code}`} onChange={(e) => edit(m.id, { ab: e.target.value })} onBlur={blur} /></td>
                  <td><input value={r.eg} size={8} maxLength={40} aria-label={`Entgeltgruppe, ${m.code}`} onChange={(e) => edit(m.id, { eg: e.target.value })} onBlur={blur} /></td>
                  {years.map((y) => (
                    <td key={y}><input inputMode="decimal" size={4} value={r.vzae[String(y)] ?? ''} aria-label={`VZÄ ${y}, ${m.code}`}
                      onChange={(e) => edit(m.id, { vzae: { ...r.vzae, [String(y)]: e.target.value } })} onBlur={blur} /></td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
