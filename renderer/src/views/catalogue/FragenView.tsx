// Fragen-Werkstatt: per Baustelle its Fragen für den gemeinsamen Weiterbau, with the plan's answer
// (who answered when), the measures linked to each Frage, and a measure grown from a Frage.
import { usePendingForm } from '../../forms/pending.ts';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { ACTOR_GROUP_LABELS, type ActorGroup } from '../../../../shared/catalogue/types.ts';
import type { FrageStatus, MeasureRow } from '../../../../shared/domain/types.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { formatDateTime, messageOf } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import '../views.css';

type Show = 'alle' | 'offen' | 'beantwortet';

export function FragenView({ focusBaustelle, focusFrage }: { focusBaustelle?: string; focusFrage?: string }) {
  const wb = useWorkbench();
  const id = useId();
  const { data, error } = usePlanData('fragen.list', {});
  const [show, setShow] = useState<Show>('alle');
  const [query, setQuery] = useState('');
  const loaded = data !== null;

  // Jump to the Baustelle (or the Frage) named in the address, once the list is there.
  useEffect(() => {
    if (!loaded || !focusBaustelle) return;
    const target = focusFrage ? document.getElementById(`frage-text-${focusFrage}`) : document.getElementById(`fragen-${focusBaustelle}`);
    (target?.closest('article, section') ?? target)?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [loaded, focusBaustelle, focusFrage]);

  const byBaustelle = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('de-DE');
    const map = new Map<string, FrageStatus[]>();
    for (const f of data ?? []) {
      if (show === 'offen' && f.answer !== null) continue;
      if (show === 'beantwortet' && f.answer === null) continue;
      if (q && ![f.text, f.answer ?? ''].some((t) => t.toLocaleLowerCase('de-DE').includes(q))) continue;
      map.set(f.baustelleId, [...(map.get(f.baustelleId) ?? []), f]);
    }
    return map;
  }, [data, show, query]);

  if (!data && !error) return <ViewHeading placeholder>Fragen-Werkstatt</ViewHeading>;
  const all = data ?? [];
  const answered = all.filter((f) => f.answer !== null).length;
  const shownCount = [...byBaustelle.values()].reduce((n, l) => n + l.length, 0);
  return (
    <>
      <div className="view-head">
        <ViewHeading>Fragen-Werkstatt</ViewHeading>
        <p className="lead">
          Die Fragen für den gemeinsamen Weiterbau aus dem Impulspapier, je Baustelle. Halten Sie fest, was der Landkreis darauf antwortet,
          und machen Sie aus einer Frage eine Maßnahme.
        </p>
      </div>
      <ErrorAlert message={error} />
      <div className="filters" role="search" aria-label="Fragen filtern">
        <div className="field">
          <label htmlFor={`${id}-q`}>Suche</label>
          <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="in Fragen und Antworten …" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>Anzeigen</label>
          <select id={`${id}-s`} value={show} onChange={(e) => setShow(e.target.value as Show)}>
            <option value="alle">alle Fragen</option>
            <option value="offen">nur unbeantwortete</option>
            <option value="beantwortet">nur beantwortete</option>
          </select>
        </div>
      </div>
      <p className="table-count" role="status">
        {answered} von {all.length} Fragen beantwortet{shownCount !== all.length ? ` · ${shownCount} angezeigt` : ''}
      </p>
      <div className="catalogue-layout">
        <nav className="catalogue-toc" aria-label="Baustellen">
          <ol>
            {wb.catalogue?.baustellen.map((b) => {
              const list = all.filter((f) => f.baustelleId === b.id);
              const done = list.filter((f) => f.answer !== null).length;
              return (
                <li key={b.id}>
                  <a href={hrefFor({ view: 'fragen', baustelleId: b.id })} aria-current={focusBaustelle === b.id ? 'location' : undefined}>
                    <span className="toc-num">{b.number}</span>
                    <span className="toc-text">{b.shortTitle}<span className="toc-sub">{done} von {list.length} beantwortet</span></span>
                  </a>
                </li>
              );
            })}
          </ol>
        </nav>
        <div className="catalogue-content">
          {wb.catalogue?.baustellen.map((b) => {
            const list = byBaustelle.get(b.id) ?? [];
            const groups: string[] = [];
            for (const f of list) if (!groups.includes(f.actorGroup)) groups.push(f.actorGroup);
            return (
              <section key={b.id} className="panel baustelle" aria-labelledby={`fragen-${b.id}`}>
                <h2 id={`fragen-${b.id}`} tabIndex={-1}><span className="baustelle-num">Baustelle {b.number}</span> {b.shortTitle}</h2>
                {list.length === 0 ? <p className="muted">Keine Frage passt zur Auswahl.</p> : groups.map((g) => (
                  <div key={g} className="actor-group">
                    <h3>{ACTOR_GROUP_LABELS[g as ActorGroup] ?? g}</h3>
                    <div className="items">
                      {list.filter((f) => f.actorGroup === g).map((f) => <FrageCard key={f.frageId} f={f} />)}
                    </div>
                  </div>
                ))}
              </section>
            );
          })}
        </div>
      </div>
    </>
  );
}

function FrageCard({ f }: { f: FrageStatus }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const [draft, setDraft] = useState(f.answer ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = draft.trim() !== (f.answer ?? '');
  usePendingForm(`Antwort auf die Frage „${f.text.slice(0, 60)}${f.text.length > 60 ? '…' : ''}“ (nicht gespeichert)`, dirty,
    () => document.getElementById(`${id}-a`)?.focus(), () => setDraft(f.answer ?? ''));

  // The answer changed elsewhere (undo, another window): take it over unless the planner is typing.
  const [seen, setSeen] = useState({ at: f.updatedAt, answer: f.answer });
  if (f.updatedAt !== seen.at || f.answer !== seen.answer) {
    if (draft.trim() === (seen.answer ?? '')) setDraft(f.answer ?? '');
    setSeen({ at: f.updatedAt, answer: f.answer });
  }

  const measures = useMemo(() => {
    const byId = new Map(wb.measures.map((m) => [m.id, m]));
    return f.measureIds.map((x) => byId.get(x)).filter((m): m is MeasureRow => !!m);
  }, [wb.measures, f.measureIds]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const r = await call('fragen.answer', { frageId: f.frageId, answer: draft });
      setDraft(r.answer ?? '');
      wb.notify(r.answer ? 'Antwort gespeichert.' : 'Antwort entfernt.');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function createMeasure() {
    setBusy(true); setError(null);
    try {
      const m = await call('measures.createFromFrage', { frageId: f.frageId });
      wb.notify(`Maßnahme ${m.code} angelegt (Status „Idee“) und mit der Frage verknüpft. Ziel, Zuständigkeiten und Budget ergänzen Sie im Maßnahmenblatt.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const textId = `frage-text-${f.frageId}`;
  return (
    <article className={`item frage frage-card${f.answer === null ? ' unanswered' : ''}`} aria-labelledby={textId}>
      <p id={textId} className="item-text frage-text" tabIndex={-1}>{f.text}</p>
      <p className="frage-meta">
        {f.answer === null
          ? <span className="badge warn">offen</span>
          : <><span className="badge ok">beantwortet</span> <span className="muted small">von {f.answeredBy ?? 'unbekannt'} am {f.updatedAt ? formatDateTime(f.updatedAt) : '–'}</span></>}
      </p>
      <form onSubmit={save} noValidate className="frage-form" aria-label={`Antwort auf: ${f.text.slice(0, 80)}`}>
        <label htmlFor={`${id}-a`} className="small strong">Antwort des Landkreises / Notiz</label>
        <textarea id={`${id}-a`} value={draft} onChange={(e) => setDraft(e.target.value)} rows={draft.length > 160 ? 4 : 2}
          aria-describedby={`${id}-h`} />
        <div className="form-actions">
          <button type="submit" className="button primary small" disabled={busy || !dirty}>Antwort speichern</button>
          {dirty ? <span className="dirty">nicht gespeichert</span> : null}
          <span id={`${id}-h`} className="hint">Leer speichern entfernt die Antwort.</span>
        </div>
      </form>
      <ErrorAlert message={error} />
      <div className="frage-links">
        <p className="small">
          <span className="muted">Verknüpfte Maßnahmen:</span>{' '}
          {measures.length === 0 ? <span className="muted">keine</span> : measures.map((m, i) => (
            <span key={m.id}>{i > 0 ? ', ' : ''}<a href={hrefFor({ view: 'massnahme', id: m.id })} title={m.title}>{m.code}</a> {m.title}</span>
          ))}
        </p>
        <button type="button" className="button small" disabled={busy} onClick={() => void createMeasure()} aria-describedby={textId}>Maßnahme daraus anlegen</button>
      </div>
    </article>
  );
}
