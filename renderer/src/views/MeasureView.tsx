// Maßnahme: the form of one measure with its catalogue links, Zuständigkeiten and Budget.
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ACTOR_GROUP_LABELS } from '../../../shared/catalogue/types.ts';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS, QUARTERS, type MeasureStatus, type Quarter } from '../../../shared/domain/enums.ts';
import type { Measure, MeasureDetail } from '../../../shared/domain/types.ts';
import { useBackend } from '../backend/useBackend.tsx';
import { ConfirmDialog, Dialog } from '../components/Dialog.tsx';
import { ErrorAlert, StatusLine } from '../components/Messages.tsx';
import { baustelleLabel, messageOf, parseYear } from '../lib/format.ts';
import { hrefFor, navigate } from '../lib/useRoute.ts';
import { useWorkbench } from '../useWorkbench.tsx';
import { MeasureBudget } from './MeasureBudget.tsx';
import { MeasureResponsibilities } from './MeasureResponsibilities.tsx';
import { ViewHeading } from '../components/ViewHeading.tsx';

interface Draft {
  code: string; title: string; description: string; goal: string; need: string; ausgangslage: string; risks: string;
  baustelleId: string; furtherBaustellenIds: string[]; status: MeasureStatus;
  startYear: string; startQuarter: string; endYear: string; endQuarter: string;
  notes: string; grundmauerIds: string[]; frageIds: string[];
}

function toDraft(m: Measure): Draft {
  return {
    code: m.code, title: m.title, description: m.description, goal: m.goal, need: m.need,
    ausgangslage: m.ausgangslage ?? '', risks: m.risks ?? '',
    baustelleId: m.baustelleId, furtherBaustellenIds: m.furtherBaustellenIds, status: m.status,
    startYear: m.startYear == null ? '' : String(m.startYear), startQuarter: m.startQuarter == null ? '' : String(m.startQuarter),
    endYear: m.endYear == null ? '' : String(m.endYear), endQuarter: m.endQuarter == null ? '' : String(m.endQuarter),
    notes: m.notes, grundmauerIds: m.grundmauerIds, frageIds: m.frageIds,
  };
}

function emptyDraft(baustelleId: string): Draft {
  return {
    code: '', title: '', description: '', goal: '', need: '', ausgangslage: '', risks: '', baustelleId, furtherBaustellenIds: [], status: 'idee',
    startYear: '', startQuarter: '', endYear: '', endQuarter: '', notes: '', grundmauerIds: [], frageIds: [],
  };
}

export function MeasureView({ id, baustelleId }: { id?: string; baustelleId?: string }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const [detail, setDetail] = useState<MeasureDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    if (!id) return;
    try {
      setDetail(await call('measures.get', { id }));
      setLoadError(null);
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, [call, id]);
  // Loads from the backend; state is set after the await.
  // oxlint-disable-next-line react/set-state-in-effect
  useEffect(() => { void reload(); }, [reload]);

  if (!id) {
    const start = baustelleId && wb.index.baustellen.has(baustelleId) ? baustelleId : (wb.catalogue?.baustellen[0]?.id ?? 'B1');
    return <MeasureForm key={`new-${start}`} initial={emptyDraft(start)} />;
  }
  if (loadError) {
    return (
      <>
        <ViewHeading>Maßnahme</ViewHeading>
        <ErrorAlert message={loadError} />
        <p><a href={hrefFor({ view: 'massnahmen' })}>Zurück zu den Maßnahmen</a></p>
      </>
    );
  }
  if (!detail) return <ViewHeading placeholder>Maßnahme wird geladen…</ViewHeading>;
  return (
    <MeasureForm key={detail.measure.id} initial={toDraft(detail.measure)} measure={detail.measure}>
      <MeasureResponsibilities detail={detail} onChanged={reload} />
      <MeasureBudget detail={detail} onChanged={reload} />
      <DeleteMeasure measure={detail.measure} />
    </MeasureForm>
  );
}

function MeasureForm({ initial, measure, children }: { initial: Draft; measure?: Measure; children?: ReactNode }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const [saved, setSaved] = useState<Draft>(initial);
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [linking, setLinking] = useState(false);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(saved), [draft, saved]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => { setDraft((d) => ({ ...d, [k]: v })); setStatus(null); };
  const catalogue = wb.catalogue;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null); setStatus(null);
    const sy = parseYear(draft.startYear, 'Beginn');
    const ey = parseYear(draft.endYear, 'Ende');
    const bad = [sy, ey].filter((p) => !p.ok).map((p) => (p.ok ? '' : p.message));
    if (bad.length) { setError(bad.join(' ')); return; }
    const fields = {
      title: draft.title, description: draft.description, goal: draft.goal, need: draft.need,
      ausgangslage: draft.ausgangslage, risks: draft.risks,
      baustelleId: draft.baustelleId, furtherBaustellenIds: draft.furtherBaustellenIds.filter((b) => b !== draft.baustelleId),
      status: draft.status,
      startYear: sy.ok ? sy.value : null, startQuarter: draft.startQuarter ? (Number(draft.startQuarter) as Quarter) : null,
      endYear: ey.ok ? ey.value : null, endQuarter: draft.endQuarter ? (Number(draft.endQuarter) as Quarter) : null,
      notes: draft.notes, grundmauerIds: draft.grundmauerIds, frageIds: draft.frageIds,
    };
    setBusy(true);
    try {
      if (measure) {
        const m = await call('measures.update', { id: measure.id, patch: { ...fields, code: draft.code } });
        const d = toDraft(m);
        setSaved(d); setDraft(d);
        await wb.refresh();
        setStatus(`Maßnahme ${m.code} gespeichert.`);
      } else {
        const m = await call('measures.create', { ...fields, ...(draft.code.trim() ? { code: draft.code } : {}) });
        await wb.refresh();
        wb.notify(`Maßnahme ${m.code} angelegt. Jetzt Zuständigkeiten und Budget ergänzen.`, hrefFor({ view: 'massnahme', id: m.id }));
        navigate({ view: 'massnahme', id: m.id });
      }
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const heading = measure ? `${saved.code} ${saved.title}` : 'Neue Maßnahme';
  const errorId = `${id}-err`;
  return (
    <>
      <div className="view-head">
        <p className="crumbs"><a href={hrefFor({ view: 'massnahmen' })}>Maßnahmen</a> <span aria-hidden="true">›</span> {measure ? saved.code : 'neu'}</p>
        <ViewHeading>{heading}</ViewHeading>
        {measure ? <p className="lead">Status: {MEASURE_STATUS_LABELS[saved.status]} · Baustelle {wb.index.baustellen.get(saved.baustelleId)?.number} · {wb.index.baustellen.get(saved.baustelleId)?.shortTitle}</p> : null}
        {measure ? (
          <nav className="section-nav" aria-label="Abschnitte der Maßnahme">
            {[['sec-stammdaten', 'Stammdaten'], ['sec-zustaendigkeiten', 'Zuständigkeiten'], ['sec-budget', 'Budget']].map(([target, label]) => (
              <button key={target} type="button" className="button small" onClick={() => jumpTo(target)}>{label}</button>
            ))}
          </nav>
        ) : null}
      </div>

      <form className="panel form measure-form" onSubmit={submit} noValidate aria-labelledby="sec-stammdaten" aria-describedby={error ? errorId : undefined}>
        <h2 id="sec-stammdaten" tabIndex={-1}>Stammdaten</h2>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-code`}>Nummer</label>
            <input id={`${id}-code`} value={draft.code} onChange={(e) => set('code', e.target.value)} maxLength={20}
              placeholder={measure ? '' : 'wird vergeben'} aria-describedby={`${id}-code-h`} />
            <p id={`${id}-code-h`} className="hint">{measure ? 'z. B. M-2.03' : 'leer lassen: nächste freie Nummer'}</p>
          </div>
          <div className="field span-3">
            <label htmlFor={`${id}-title`}>Titel <span className="req">(Pflichtfeld)</span></label>
            <input id={`${id}-title`} value={draft.title} onChange={(e) => set('title', e.target.value)} maxLength={200} />
          </div>
          <div className="field span-2">
            <label htmlFor={`${id}-b`}>Baustelle</label>
            <select id={`${id}-b`} value={draft.baustelleId} onChange={(e) => set('baustelleId', e.target.value)}>
              {catalogue?.baustellen.map((b) => <option key={b.id} value={b.id}>{baustelleLabel(b)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-st`}>Status</label>
            <select id={`${id}-st`} value={draft.status} onChange={(e) => set('status', e.target.value as MeasureStatus)}>
              {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{MEASURE_STATUS_LABELS[s]}</option>)}
            </select>
          </div>
          <div className="field" />
          <PeriodField legend="Beginn" year={draft.startYear} quarter={draft.startQuarter}
            onYear={(v) => set('startYear', v)} onQuarter={(v) => set('startQuarter', v)} />
          <PeriodField legend="Ende" year={draft.endYear} quarter={draft.endQuarter}
            onYear={(v) => set('endYear', v)} onQuarter={(v) => set('endQuarter', v)} />
          <fieldset className="field span-4 checks">
            <legend>Weitere Baustellen</legend>
            <div className="check-row">
              {catalogue?.baustellen.filter((b) => b.id !== draft.baustelleId).map((b) => (
                <label key={b.id} className="check">
                  <input type="checkbox" checked={draft.furtherBaustellenIds.includes(b.id)}
                    onChange={(e) => set('furtherBaustellenIds', e.target.checked ? [...draft.furtherBaustellenIds, b.id] : draft.furtherBaustellenIds.filter((x) => x !== b.id))} />
                  {baustelleLabel(b)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field span-4">
            <label htmlFor={`${id}-d`}>Beschreibung</label>
            <textarea id={`${id}-d`} value={draft.description} onChange={(e) => set('description', e.target.value)} rows={4} />
          </div>
          <div className="field span-2">
            <label htmlFor={`${id}-al`}>Ausgangslage</label>
            <textarea id={`${id}-al`} value={draft.ausgangslage} onChange={(e) => set('ausgangslage', e.target.value)} rows={3} aria-describedby={`${id}-al-h`} />
            <p id={`${id}-al-h`} className="hint">Von welcher Lage vor Ort geht die Maßnahme aus?</p>
          </div>
          <div className="field span-2">
            <label htmlFor={`${id}-g`}>Ziel</label>
            <textarea id={`${id}-g`} value={draft.goal} onChange={(e) => set('goal', e.target.value)} rows={3} aria-describedby={`${id}-g-h`} />
            <p id={`${id}-g-h`} className="hint">Was soll bis wann erreicht sein? Möglichst überprüfbar.</p>
          </div>
          <div className="field span-2">
            <label htmlFor={`${id}-n`}>Bedarf</label>
            <textarea id={`${id}-n`} value={draft.need} onChange={(e) => set('need', e.target.value)} rows={3} aria-describedby={`${id}-n-h`} />
            <p id={`${id}-n-h`} className="hint">Wer profitiert – nach Bedarf, nicht nach Zielgruppe.</p>
          </div>
          <div className="field span-2">
            <label htmlFor={`${id}-rk`}>Hemmnisse / Risiken</label>
            <textarea id={`${id}-rk`} value={draft.risks} onChange={(e) => set('risks', e.target.value)} rows={3} />
          </div>
          <div className="field span-4">
            <label htmlFor={`${id}-x`}>Notizen</label>
            <textarea id={`${id}-x`} value={draft.notes} onChange={(e) => set('notes', e.target.value)} rows={2} />
          </div>
        </div>

        <div className="links-block" role="group" aria-labelledby={`${id}-lh`}>
          <div className="block-head">
            <h3 id={`${id}-lh`}>Bezug zum Impulspapier</h3>
            <button type="button" className="button small" onClick={() => setLinking(true)}>Grundmauern und Fragen verknüpfen…</button>
          </div>
          <LinkedItems title="Grundmauern" ids={draft.grundmauerIds} onRemove={(x) => set('grundmauerIds', draft.grundmauerIds.filter((g) => g !== x))} />
          <LinkedItems title="Fragen für den gemeinsamen Weiterbau" ids={draft.frageIds} onRemove={(x) => set('frageIds', draft.frageIds.filter((f) => f !== x))} />
        </div>

        <div className="form-footer">
          <ErrorAlert message={error} id={errorId} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>{measure ? 'Speichern' : 'Maßnahme anlegen'}</button>
            {dirty && measure ? <button type="button" className="button" onClick={() => { setDraft(saved); setError(null); }}>Änderungen verwerfen</button> : null}
            {!measure ? <a className="button" href={hrefFor({ view: 'massnahmen' })}>Abbrechen</a> : null}
            {dirty && measure ? <span className="dirty">Ungespeicherte Änderungen</span> : null}
            <StatusLine>{status}</StatusLine>
          </div>
        </div>
      </form>

      {linking ? (
        <LinkDialog baustelleId={draft.baustelleId} grundmauerIds={draft.grundmauerIds} frageIds={draft.frageIds}
          onChange={(g, f) => { setDraft((d) => ({ ...d, grundmauerIds: g, frageIds: f })); setStatus(null); }}
          onClose={() => setLinking(false)} />
      ) : null}

      {children}
    </>
  );
}

/** Scrolls a section of the measure page into view and puts the focus on its heading. */
function jumpTo(id: string) {
  const h = document.getElementById(id);
  if (!h) return;
  (h.closest('section, form') ?? h).scrollIntoView({ block: 'start' });
  h.focus({ preventScroll: true });
}

function PeriodField({ legend, year, quarter, onYear, onQuarter }: {
  legend: string; year: string; quarter: string; onYear: (v: string) => void; onQuarter: (v: string) => void;
}) {
  const id = useId();
  return (
    <fieldset className="field span-2 period">
      <legend>{legend}</legend>
      <div className="period-row">
        <div className="sub-field">
          <label htmlFor={`${id}-y`}>Jahr</label>
          <input id={`${id}-y`} value={year} onChange={(e) => onYear(e.target.value)} inputMode="numeric" size={6} maxLength={6} placeholder="JJJJ" />
        </div>
        <div className="sub-field">
          <label htmlFor={`${id}-q`}>Quartal</label>
          <select id={`${id}-q`} value={quarter} onChange={(e) => onQuarter(e.target.value)}>
            <option value="">–</option>
            {QUARTERS.map((q) => <option key={q} value={String(q)}>Q{q}</option>)}
          </select>
        </div>
      </div>
    </fieldset>
  );
}

function LinkedItems({ title, ids, onRemove }: { title: string; ids: string[]; onRemove: (id: string) => void }) {
  const wb = useWorkbench();
  return (
    <div className="linked">
      <h4>{title}</h4>
      {ids.length === 0 ? <p className="muted">Keine verknüpft.</p> : (
        <ul className="linked-list">
          {ids.map((x) => {
            const item = wb.index.items.get(x);
            return (
              <li key={x}>
                <span className="item-ref">Baustelle {wb.index.baustellen.get(item?.baustelleId ?? '')?.number ?? '?'} · {item ? ACTOR_GROUP_LABELS[item.actorGroup] : x}</span>
                <span className="item-text">{item?.text ?? `(nicht im Katalog: ${x})`}</span>
                <button type="button" className="button small quiet" onClick={() => onRemove(x)}
                  aria-label={`Entfernen: ${item ? item.text.slice(0, 80) : x}`}>Entfernen</button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function LinkDialog({ baustelleId, grundmauerIds, frageIds, onChange, onClose }: {
  baustelleId: string; grundmauerIds: string[]; frageIds: string[];
  onChange: (g: string[], f: string[]) => void; onClose: () => void;
}) {
  const wb = useWorkbench();
  const id = useId();
  const [shown, setShown] = useState(baustelleId);
  const b = wb.index.baustellen.get(shown);
  const toggle = (list: string[], x: string, on: boolean) => (on ? [...list, x] : list.filter((y) => y !== x));
  return (
    <Dialog title="Grundmauern und Fragen verknüpfen" onClose={onClose} wide
      description="Angehakte Einträge werden mit der Maßnahme verknüpft, sobald Sie die Maßnahme speichern.">
      <div className="field">
        <label htmlFor={`${id}-b`}>Baustelle</label>
        <select id={`${id}-b`} value={shown} onChange={(e) => setShown(e.target.value)} data-autofocus>
          {wb.catalogue?.baustellen.map((x) => <option key={x.id} value={x.id}>{baustelleLabel(x)}</option>)}
        </select>
      </div>
      {b ? (
        <div className="link-lists">
          <fieldset className="checks">
            <legend>Grundmauern</legend>
            {b.grundmauern.map((g) => (
              <label key={g.id} className="check block">
                <input type="checkbox" checked={grundmauerIds.includes(g.id)} onChange={(e) => onChange(toggle(grundmauerIds, g.id, e.target.checked), frageIds)} />
                <span><span className="item-ref">{ACTOR_GROUP_LABELS[g.actorGroup]}</span> {g.text}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="checks">
            <legend>Fragen für den gemeinsamen Weiterbau</legend>
            {b.fragen.map((f) => (
              <label key={f.id} className="check block">
                <input type="checkbox" checked={frageIds.includes(f.id)} onChange={(e) => onChange(grundmauerIds, toggle(frageIds, f.id, e.target.checked))} />
                <span><span className="item-ref">{ACTOR_GROUP_LABELS[f.actorGroup]}</span> {f.text}</span>
              </label>
            ))}
          </fieldset>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button primary" onClick={onClose}>Fertig</button>
      </div>
    </Dialog>
  );
}

function DeleteMeasure({ measure }: { measure: Measure }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove() {
    setBusy(true); setError(null);
    try {
      await call('measures.delete', { id: measure.id });
      setAsking(false);
      await wb.refresh();
      wb.notify(`Maßnahme ${measure.code} „${measure.title}“ gelöscht.`, hrefFor({ view: 'massnahmen' }));
      navigate({ view: 'massnahmen' });
    } catch (e) {
      setAsking(false);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel danger-zone" aria-labelledby="delete-h">
      <h2 id="delete-h">Maßnahme löschen</h2>
      <p className="muted">Löscht die Maßnahme mit ihren Zuständigkeiten und Budgetpositionen. Das Änderungsprotokoll behält den Vorgang.</p>
      <ErrorAlert message={error} />
      <button type="button" className="button danger" onClick={() => setAsking(true)}>Maßnahme löschen…</button>
      {asking ? (
        <ConfirmDialog title="Maßnahme löschen?" confirmLabel="Endgültig löschen" busy={busy} onConfirm={() => void remove()} onClose={() => setAsking(false)}>
          <p>Soll die Maßnahme <strong>{measure.code} „{measure.title}“</strong> mit allen Zuständigkeiten und Budgetpositionen gelöscht werden?</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
