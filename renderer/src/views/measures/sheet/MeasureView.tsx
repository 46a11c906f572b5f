// Maßnahmenblatt: one measure with every field of the German Maßnahmenblatt convention, organised
// in sections with a sticky table of contents: the text fields (each saves itself on blur/Enter,
// forms/fields.tsx), then the lists (Zuständigkeiten, Umsetzungsschritte, Budget, Indikatoren,
// Abhängigkeiten) and the measure's Änderungsprotokoll.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ACTOR_GROUP_LABELS } from '../../../../../shared/catalogue/types.ts';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS, QUARTERS, type MeasureStatus, type Quarter } from '../../../../../shared/domain/enums.ts';
import { LAUFZEIT_LABELS, laufzeitOf } from '../../../../../shared/domain/period.ts';
import type { Measure } from '../../../../../shared/domain/types.ts';
import { MEASURE_TEXT_LIMITS, TITLE_MAX, type MeasurePatch } from '../../../../../shared/domain/schemas.ts';
import { lengthMessage, SaveStateText, SelectField, TextField, useAutoSave } from '../../../forms/fields.tsx';
import { clearPending, setPending, usePending } from '../../../forms/pending.ts';
import { useBackend } from '../../../backend/useBackend.tsx';
import { usePlanData } from '../../../data/usePlanData.ts';
import { ConfirmDialog, Dialog } from '../../../components/Dialog.tsx';
import { ErrorAlert } from '../../../components/Messages.tsx';
import { baustelleLabel, messageOf, parseYear } from '../../../lib/format.ts';
import { hrefFor, navigate } from '../../../lib/useRoute.ts';
import { useWorkbench } from '../../../useWorkbench.tsx';
import { MeasureBudget } from './MeasureBudget.tsx';
import { MeasureDependencies } from './MeasureDependencies.tsx';
import { MeasureHistory } from './MeasureHistory.tsx';
import { MeasureIndicators } from './MeasureIndicators.tsx';
import { MeasureMilestones } from './MeasureMilestones.tsx';
import { MeasureResponsibilities } from './MeasureResponsibilities.tsx';
import { SheetToc, type TocEntry } from './SheetToc.tsx';
import { ViewHeading } from '../../../components/ViewHeading.tsx';
import '../../views.css';

interface Draft {
  code: string; title: string; description: string; goal: string; need: string; ausgangslage: string; risks: string;
  baustelleId: string; furtherBaustellenIds: string[]; status: MeasureStatus;
  startYear: string; startQuarter: string; endYear: string; endQuarter: string;
  notes: string; grundmauerIds: string[]; frageIds: string[];
}

function emptyDraft(baustelleId: string): Draft {
  return {
    code: '', title: '', description: '', goal: '', need: '', ausgangslage: '', risks: '', baustelleId, furtherBaustellenIds: [], status: 'idee',
    startYear: '', startQuarter: '', endYear: '', endQuarter: '', notes: '', grundmauerIds: [], frageIds: [],
  };
}

/** Laufzeit of the period as typed (before saving), or null while open or not a valid year. */
function draftLaufzeit(d: Draft) {
  const sy = parseYear(d.startYear, '');
  const ey = parseYear(d.endYear, '');
  if (!sy.ok || !ey.ok) return null;
  return laufzeitOf({
    startYear: sy.value, startQuarter: d.startQuarter ? (Number(d.startQuarter) as Quarter) : null,
    endYear: ey.value, endQuarter: d.endQuarter ? (Number(d.endQuarter) as Quarter) : null,
  });
}

const FORM_ID = 'measure-sheet-form';

export function MeasureView({ id, baustelleId }: { id?: string; baustelleId?: string }) {
  const wb = useWorkbench();
  // The sheet reads from the shared cache: any change (here, in the table, undo/redo) shows at once.
  const { data: detail, error: loadError } = usePlanData('measures.get', { id: id ?? '' }, { enabled: id !== undefined });
  const pending = usePending();

  if (!id) {
    const start = baustelleId && wb.index.baustellen.has(baustelleId) ? baustelleId : (wb.catalogue?.baustellen[0]?.id ?? 'B1');
    return <NewMeasureForm key={`new-${start}`} initial={emptyDraft(start)} />;
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
  const m = detail.measure;
  const linkCount = m.grundmauerIds.length + m.frageIds.length;
  const toc: TocEntry[] = [
    { id: 'sec-stammdaten', label: 'Stammdaten', form: true },
    { id: 'sec-inhalt', label: 'Ziel und Inhalt', form: true },
    { id: 'sec-risiken', label: 'Hemmnisse und Notizen', form: true },
    { id: 'sec-bezug', label: 'Bezug zum Impulspapier', count: linkCount, form: true },
    { id: 'sec-zustaendigkeiten', label: 'Zuständigkeiten', count: detail.responsibilities.length },
    { id: 'sec-schritte', label: 'Umsetzungsschritte', count: detail.milestones.length },
    { id: 'sec-budget', label: 'Budget', count: detail.budgetLines.length },
    { id: 'sec-indikatoren', label: 'Erfolgsindikatoren', count: detail.indicators.length },
    { id: 'sec-abhaengigkeiten', label: 'Abhängigkeiten', count: detail.dependsOn.length + detail.dependents.length },
    { id: 'sec-protokoll', label: 'Änderungsprotokoll' },
  ];
  return (
    <MeasureSheet key={m.id} measure={m} toc={<SheetToc entries={toc} dirty={pending.length > 0} />}>
      <MeasureResponsibilities detail={detail} />
      <MeasureMilestones detail={detail} />
      <MeasureBudget detail={detail} />
      <MeasureIndicators detail={detail} />
      <MeasureDependencies detail={detail} />
      <MeasureHistory measureId={m.id} />
      <DeleteMeasure measure={m} />
    </MeasureSheet>
  );
}

/** Set when a measure was just created: its sheet puts the focus on the next thing to fill in. */
let focusAfterCreate: string | null = null;

/** The Maßnahmenblatt of an existing measure: every field saves itself on blur or Enter. */
function MeasureSheet({ measure, children, toc }: { measure: Measure; children?: ReactNode; toc?: ReactNode }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const [linking, setLinking] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(null);
  const catalogue = wb.catalogue;
  const m = measure;

  const save = useCallback(async (patch: MeasurePatch) => {
    await call('measures.update', { id: m.id, patch });
  }, [call, m.id]);
  const saveLinks = async (grundmauerIds: string[], frageIds: string[]) => {
    setLinkError(null);
    try { await save({ grundmauerIds, frageIds }); } catch (e) { setLinkError(messageOf(e)); }
  };

  // Just created: the next field to fill in is the first of the lists (Zuständigkeiten).
  useEffect(() => {
    if (focusAfterCreate !== m.id) return;
    focusAfterCreate = null;
    const t = setTimeout(() => {
      const next = document.querySelector<HTMLElement>('#sec-zustaendigkeiten ~ * select, #sec-zustaendigkeiten ~ * input, [aria-labelledby="sec-zustaendigkeiten"] select');
      (next ?? document.getElementById('sec-zustaendigkeiten'))?.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [m.id]);

  const b = wb.index.baustellen.get(m.baustelleId);
  const text = (field: 'goal' | 'ausgangslage' | 'description' | 'need' | 'risks' | 'notes') => ({
    value: (m[field] ?? '') as string, max: MEASURE_TEXT_LIMITS[field], save: (v: string) => save({ [field]: v }),
  });
  return (
    <>
      <div className="view-head">
        <p className="crumbs"><a href={hrefFor({ view: 'massnahmen' })}>Maßnahmen</a> <span aria-hidden="true">›</span> {m.code}</p>
        <ViewHeading>{`${m.code} ${m.title}`}</ViewHeading>
        <p className="lead sheet-lead">
          <span className={`status-badge s-${m.status}`}>{MEASURE_STATUS_LABELS[m.status]}</span>
          <span>Baustelle {b?.number} · {b?.shortTitle}</span>
          <span>Laufzeit: {m.laufzeit ? LAUFZEIT_LABELS[m.laufzeit] : 'offen'}</span>
        </p>
        <p className="hint save-model-hint">Jedes Feld wird gespeichert, sobald Sie es verlassen oder Enter drücken (in mehrzeiligen Feldern Strg+Enter).</p>
      </div>

      <div className={toc ? 'sheet-layout' : undefined}>
        {toc}
        <div className="sheet-content">
          {/* Each field saves itself; the form only groups them (Enter never submits it). */}
          <form id={FORM_ID} className="measure-form sheet-form" onSubmit={(e) => e.preventDefault()} noValidate aria-label="Maßnahmenblatt">
            <section className="panel jump-target" aria-labelledby="sec-stammdaten">
              <h2 id="sec-stammdaten" tabIndex={-1}>Stammdaten</h2>
              <div className="form-grid">
                <TextField label="Nummer" value={m.code} max={20} required save={(v) => save({ code: v })} hint="z. B. M-2.03" />
                <TextField label="Titel" value={m.title} max={TITLE_MAX} required counter className="span-3" save={(v) => save({ title: v })} />
                <SelectField label="Baustelle" className="span-2" value={m.baustelleId} save={(v) => save({ baustelleId: v, furtherBaustellenIds: m.furtherBaustellenIds.filter((x) => x !== v) })}
                  options={catalogue?.baustellen.map((x) => ({ value: x.id, label: baustelleLabel(x) })) ?? []} />
                <SelectField label="Status" value={m.status} save={(v) => save({ status: v as MeasureStatus })}
                  options={MEASURE_STATUSES.map((s) => ({ value: s, label: MEASURE_STATUS_LABELS[s] }))} />
                <div className="field" />
                <AutoPeriodField legend="Beginn" year={m.startYear} quarter={m.startQuarter}
                  save={(y, q) => save({ startYear: y, startQuarter: q })} />
                <AutoPeriodField legend="Ende" year={m.endYear} quarter={m.endQuarter}
                  save={(y, q) => save({ endYear: y, endQuarter: q })} />
                <div className="field span-4 laufzeit-line">
                  <span className="laufzeit-label">Laufzeit:</span>
                  <span className="laufzeit-value" data-testid="laufzeit">{m.laufzeit ? LAUFZEIT_LABELS[m.laufzeit] : 'offen'}</span>
                  <span className="hint">ergibt sich aus Beginn und Ende{m.laufzeit ? '' : ' – beide Jahre angeben'}</span>
                </div>
                <FurtherBaustellen measure={m} save={(ids) => save({ furtherBaustellenIds: ids })} />
              </div>
            </section>

            <section className="panel jump-target" aria-labelledby="sec-inhalt">
              <h2 id="sec-inhalt" tabIndex={-1}>Ziel und Inhalt</h2>
              <div className="form-grid">
                <TextField label="Ziel" multiline className="span-2" {...text('goal')} hint="Was soll bis wann erreicht sein? Möglichst überprüfbar." />
                <TextField label="Ausgangslage" multiline className="span-2" {...text('ausgangslage')} hint="Von welcher Lage vor Ort geht die Maßnahme aus?" />
                <TextField label="Beschreibung" multiline rows={4} className="span-4" {...text('description')} />
                <TextField label="Bedarf" multiline rows={2} className="span-4" {...text('need')} hint="Wer profitiert – nach Bedarf, nicht nach Zielgruppe (Zielorientierung statt Zielgruppenorientierung)." />
              </div>
            </section>

            <section className="panel jump-target" aria-labelledby="sec-risiken">
              <h2 id="sec-risiken" tabIndex={-1}>Hemmnisse und Notizen</h2>
              <div className="form-grid">
                <TextField label="Hemmnisse / Risiken" multiline className="span-2" {...text('risks')} hint="Was könnte die Umsetzung bremsen, und wie wird gegengesteuert?" />
                <TextField label="Notizen" multiline className="span-2" {...text('notes')} />
              </div>
            </section>

            <section className="panel jump-target links-block" aria-labelledby="sec-bezug">
              <div className="block-head">
                <h2 id="sec-bezug" tabIndex={-1}>Bezug zum Impulspapier</h2>
                <button type="button" className="button small" onClick={() => setLinking(true)}>Grundmauern und Fragen verknüpfen…</button>
              </div>
              <ErrorAlert message={linkError} />
              <div role="group" aria-labelledby="sec-bezug">
                <LinkedItems title="Grundmauern" ids={m.grundmauerIds} onRemove={(x) => void saveLinks(m.grundmauerIds.filter((g) => g !== x), m.frageIds)} />
                <LinkedItems title="Fragen für den gemeinsamen Weiterbau" ids={m.frageIds} fragen onRemove={(x) => void saveLinks(m.grundmauerIds, m.frageIds.filter((f) => f !== x))} />
              </div>
            </section>
          </form>

          {linking ? (
            <LinkDialog baustelleId={m.baustelleId} grundmauerIds={m.grundmauerIds} frageIds={m.frageIds}
              onChange={(g, f) => void saveLinks(g, f)}
              onClose={() => setLinking(false)} />
          ) : null}
          {children}
        </div>
      </div>
    </>
  );
}

function FurtherBaustellen({ measure, save }: { measure: Measure; save: (ids: string[]) => Promise<unknown> }) {
  const wb = useWorkbench();
  const f = useAutoSave<string[]>({ value: measure.furtherBaustellenIds, label: 'Weitere Baustellen', save });
  const first = wb.catalogue?.baustellen.find((x) => x.id !== measure.baustelleId)?.id;
  const toggle = (x: string, on: boolean) => {
    const next = on ? [...f.draft, x] : f.draft.filter((y) => y !== x);
    f.setDraft(next);
    void f.commit(next);
  };
  return (
    <fieldset className="field span-4 checks">
      <legend>Weitere Baustellen <SaveStateText state={f.state} /></legend>
      <div className="check-row">
        {wb.catalogue?.baustellen.filter((x) => x.id !== measure.baustelleId).map((x) => (
          <label key={x.id} className="check">
            <input type="checkbox" checked={f.draft.includes(x.id)} onChange={(e) => toggle(x.id, e.target.checked)} ref={x.id === first ? f.attach : undefined} />
            {baustelleLabel(x)}
          </label>
        ))}
      </div>
      {f.error ? <p className="field-error" role="alert">{f.error}</p> : null}
    </fieldset>
  );
}

/** Jahr and Quartal of Beginn or Ende, saved together: the year on blur/Enter, the quarter on change. */
function AutoPeriodField({ legend, year, quarter, save }: {
  legend: string; year: number | null; quarter: number | null; save: (y: number | null, q: Quarter | null) => Promise<unknown>;
}) {
  const id = useId();
  const { attach, ...f } = useAutoSave<{ y: string; q: string }>({
    value: { y: year == null ? '' : String(year), q: quarter == null ? '' : String(quarter) },
    label: `${legend} (Jahr und Quartal)`,
    validate: (v) => { const p = parseYear(v.y, legend); return p.ok ? null : p.message; },
    save: (v) => { const p = parseYear(v.y, legend); return save(p.ok ? p.value : null, v.q ? (Number(v.q) as Quarter) : null); },
  });
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => { if (e.key === 'Enter') { e.preventDefault(); void f.commit(); } };
  return (
    <fieldset className="field span-2 period auto-field">
      <legend>{legend} <SaveStateText state={f.state} /></legend>
      <div className="period-row">
        <div className="sub-field">
          <label htmlFor={`${id}-y`}>Jahr</label>
          <input id={`${id}-y`} value={f.draft.y} onChange={(e) => f.setDraft({ ...f.draft, y: e.target.value })} onBlur={() => void f.commit()} onKeyDown={onKeyDown}
            ref={attach} inputMode="numeric" size={6} placeholder="JJJJ" aria-invalid={f.error ? true : undefined}
            aria-describedby={f.error ? `${id}-e` : undefined} />
        </div>
        <div className="sub-field">
          <label htmlFor={`${id}-q`}>Quartal</label>
          <select id={`${id}-q`} value={f.draft.q} onChange={(e) => { const v = { ...f.draft, q: e.target.value }; f.setDraft(v); void f.commit(v); }}>
            <option value="">–</option>
            {QUARTERS.map((q) => <option key={q} value={String(q)}>Q{q}</option>)}
          </select>
        </div>
      </div>
      {f.error ? <p id={`${id}-e`} className="field-error" role="alert">{f.error}</p> : null}
    </fieldset>
  );
}

/**
 * A new measure: the one form that creates something, so it saves with its button. Until then its
 * input is pending — leaving the view or switching the plan asks first. After creation the full
 * Maßnahmenblatt opens with the focus on the next thing to fill in.
 */
function NewMeasureForm({ initial: given }: { initial: Draft }) {
  const [initial] = useState(given);
  const created = useRef(false);
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const pendingKey = useId();
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [linking, setLinking] = useState(false);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(initial), [draft, initial]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => { setDraft((d) => ({ ...d, [k]: v })); };
  const catalogue = wb.catalogue;
  const titleRef = useRef<HTMLInputElement | null>(null);
  const titleTooLong = lengthMessage('Titel', draft.title, TITLE_MAX);

  useEffect(() => {
    if (!dirty || created.current) { clearPending(pendingKey); return; }
    setPending(pendingKey, {
      label: `Neue Maßnahme${draft.title.trim() ? ` „${draft.title.trim().slice(0, 60)}${draft.title.trim().length > 60 ? '…' : ''}“` : ''} (noch nicht angelegt)`,
      flush: async () => false,
      discard: () => setDraft(initial),
      focus: () => titleRef.current?.focus(),
    });
  }, [dirty, pendingKey, draft.title, initial]);
  useEffect(() => () => clearPending(pendingKey), [pendingKey]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const sy = parseYear(draft.startYear, 'Beginn');
    const ey = parseYear(draft.endYear, 'Ende');
    const bad = [sy, ey].filter((p) => !p.ok).map((p) => (p.ok ? '' : p.message));
    if (titleTooLong) bad.unshift(titleTooLong);
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
      const m = await call('measures.create', { ...fields, ...(draft.code.trim() ? { code: draft.code } : {}) });
      created.current = true;
      clearPending(pendingKey);
      wb.notify(`Maßnahme ${m.code} angelegt. Jetzt Zuständigkeiten, Umsetzungsschritte, Budget und Indikatoren ergänzen.`, hrefFor({ view: 'massnahme', id: m.id }));
      focusAfterCreate = m.id;
      navigate({ view: 'massnahme', id: m.id });
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  const errorId = `${id}-err`;
  const laufzeit = draftLaufzeit(draft);
  const titleLen = [...draft.title].length;
  return (
    <>
      <div className="view-head">
        <p className="crumbs"><a href={hrefFor({ view: 'massnahmen' })}>Maßnahmen</a> <span aria-hidden="true">›</span> neu</p>
        <ViewHeading>Neue Maßnahme</ViewHeading>
        <p className="hint">Nach dem Anlegen öffnet sich das vollständige Maßnahmenblatt mit Zuständigkeiten, Umsetzungsschritten, Budget und Erfolgsindikatoren.</p>
      </div>
      <form className="measure-form sheet-form" onSubmit={submit} noValidate aria-label="Neue Maßnahme" aria-describedby={error ? errorId : undefined}>
        <section className="panel jump-target" aria-labelledby="sec-stammdaten">
          <h2 id="sec-stammdaten" tabIndex={-1}>Stammdaten</h2>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-code`}>Nummer</label>
              <input id={`${id}-code`} value={draft.code} onChange={(e) => set('code', e.target.value)}
                placeholder="wird vergeben" aria-describedby={`${id}-code-h`} />
              <p id={`${id}-code-h`} className="hint">leer lassen: nächste freie Nummer</p>
            </div>
            <div className="field span-3">
              <label htmlFor={`${id}-title`}>Titel <span className="req">(Pflichtfeld)</span></label>
              <input id={`${id}-title`} ref={titleRef} value={draft.title} onChange={(e) => set('title', e.target.value)}
                aria-describedby={`${id}-title-c${titleTooLong ? ` ${id}-title-e` : ''}`} aria-invalid={titleTooLong ? true : undefined} />
              <p id={`${id}-title-c`} className={`counter ${titleTooLong ? 'over' : ''}`}>{titleLen.toLocaleString('de-DE')} / {TITLE_MAX} Zeichen{titleTooLong ? ' – zu lang' : ''}</p>
              {titleTooLong ? <p id={`${id}-title-e`} className="field-error" role="alert">{titleTooLong}</p> : null}
            </div>
            <div className="field span-2">
              <label htmlFor={`${id}-b`}>Baustelle</label>
              <select id={`${id}-b`} value={draft.baustelleId} onChange={(e) => set('baustelleId', e.target.value)}>
                {catalogue?.baustellen.map((x) => <option key={x.id} value={x.id}>{baustelleLabel(x)}</option>)}
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
            <div className="field span-4 laufzeit-line">
              <span className="laufzeit-label">Laufzeit:</span>
              <span className="laufzeit-value" data-testid="laufzeit">{laufzeit ? LAUFZEIT_LABELS[laufzeit] : 'offen'}</span>
              <span className="hint">ergibt sich aus Beginn und Ende{laufzeit ? '' : ' – beide Jahre angeben'}</span>
            </div>
            <fieldset className="field span-4 checks">
              <legend>Weitere Baustellen</legend>
              <div className="check-row">
                {catalogue?.baustellen.filter((x) => x.id !== draft.baustelleId).map((x) => (
                  <label key={x.id} className="check">
                    <input type="checkbox" checked={draft.furtherBaustellenIds.includes(x.id)}
                      onChange={(e) => set('furtherBaustellenIds', e.target.checked ? [...draft.furtherBaustellenIds, x.id] : draft.furtherBaustellenIds.filter((y) => y !== x.id))} />
                    {baustelleLabel(x)}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        </section>

        <section className="panel jump-target" aria-labelledby="sec-inhalt">
          <h2 id="sec-inhalt" tabIndex={-1}>Ziel und Inhalt</h2>
          <div className="form-grid">
            <div className="field span-2">
              <label htmlFor={`${id}-g`}>Ziel</label>
              <textarea id={`${id}-g`} value={draft.goal} onChange={(e) => set('goal', e.target.value)} rows={3} aria-describedby={`${id}-g-h`} />
              <p id={`${id}-g-h`} className="hint">Was soll bis wann erreicht sein? Möglichst überprüfbar.</p>
            </div>
            <div className="field span-2">
              <label htmlFor={`${id}-al`}>Ausgangslage</label>
              <textarea id={`${id}-al`} value={draft.ausgangslage} onChange={(e) => set('ausgangslage', e.target.value)} rows={3} aria-describedby={`${id}-al-h`} />
              <p id={`${id}-al-h`} className="hint">Von welcher Lage vor Ort geht die Maßnahme aus?</p>
            </div>
            <div className="field span-4">
              <label htmlFor={`${id}-d`}>Beschreibung</label>
              <textarea id={`${id}-d`} value={draft.description} onChange={(e) => set('description', e.target.value)} rows={4} />
            </div>
            <div className="field span-4">
              <label htmlFor={`${id}-n`}>Bedarf</label>
              <textarea id={`${id}-n`} value={draft.need} onChange={(e) => set('need', e.target.value)} rows={2} aria-describedby={`${id}-n-h`} />
              <p id={`${id}-n-h`} className="hint">Wer profitiert – nach Bedarf, nicht nach Zielgruppe (Zielorientierung statt Zielgruppenorientierung).</p>
            </div>
          </div>
        </section>

        <section className="panel jump-target" aria-labelledby="sec-risiken">
          <h2 id="sec-risiken" tabIndex={-1}>Hemmnisse und Notizen</h2>
          <div className="form-grid">
            <div className="field span-2">
              <label htmlFor={`${id}-rk`}>Hemmnisse / Risiken</label>
              <textarea id={`${id}-rk`} value={draft.risks} onChange={(e) => set('risks', e.target.value)} rows={3} aria-describedby={`${id}-rk-h`} />
              <p id={`${id}-rk-h`} className="hint">Was könnte die Umsetzung bremsen, und wie wird gegengesteuert?</p>
            </div>
            <div className="field span-2">
              <label htmlFor={`${id}-x`}>Notizen</label>
              <textarea id={`${id}-x`} value={draft.notes} onChange={(e) => set('notes', e.target.value)} rows={3} />
            </div>
          </div>
        </section>

        <section className="panel jump-target links-block" aria-labelledby="sec-bezug">
          <div className="block-head">
            <h2 id="sec-bezug" tabIndex={-1}>Bezug zum Impulspapier</h2>
            <button type="button" className="button small" onClick={() => setLinking(true)}>Grundmauern und Fragen verknüpfen…</button>
          </div>
          <div role="group" aria-labelledby="sec-bezug">
            <LinkedItems title="Grundmauern" ids={draft.grundmauerIds} onRemove={(x) => set('grundmauerIds', draft.grundmauerIds.filter((g) => g !== x))} />
            <LinkedItems title="Fragen für den gemeinsamen Weiterbau" ids={draft.frageIds} fragen onRemove={(x) => set('frageIds', draft.frageIds.filter((f) => f !== x))} />
          </div>
        </section>

        <div className="form-footer sheet-footer">
          <ErrorAlert message={error} id={errorId} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>Maßnahme anlegen</button>
            <a href={hrefFor({ view: 'massnahmen' })}>Abbrechen</a>
            {dirty ? <span className="dirty" role="status"><span aria-hidden="true">● </span>Noch nicht angelegt</span> : null}
          </div>
        </div>
      </form>

      {linking ? (
        <LinkDialog baustelleId={draft.baustelleId} grundmauerIds={draft.grundmauerIds} frageIds={draft.frageIds}
          description="Angehakte Einträge werden mit der Maßnahme verknüpft, sobald Sie sie anlegen."
          onChange={(g, f) => { setDraft((d) => ({ ...d, grundmauerIds: g, frageIds: f })); }}
          onClose={() => setLinking(false)} />
      ) : null}
    </>
  );
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
          <input id={`${id}-y`} value={year} onChange={(e) => onYear(e.target.value)} inputMode="numeric" size={6} placeholder="JJJJ" />
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

function LinkedItems({ title, ids, onRemove, fragen }: { title: string; ids: string[]; onRemove: (id: string) => void; fragen?: boolean }) {
  const wb = useWorkbench();
  return (
    <div className="linked">
      <h3>{title}</h3>
      {ids.length === 0 ? <p className="muted">Keine verknüpft.</p> : (
        <ul className="linked-list">
          {ids.map((x) => {
            const item = wb.index.items.get(x);
            const bNumber = wb.index.baustellen.get(item?.baustelleId ?? '')?.number;
            return (
              <li key={x}>
                <span className="item-ref">
                  Baustelle {bNumber ?? '?'} · {item ? ACTOR_GROUP_LABELS[item.actorGroup] : x}
                  {fragen && item ? <> · <a href={hrefFor({ view: 'fragen', baustelleId: item.baustelleId, frageId: item.id })}>zur Fragen-Werkstatt</a></> : null}
                  {!fragen && item ? <> · <a href={hrefFor({ view: 'katalog', baustelleId: item.baustelleId })}>im Katalog</a></> : null}
                </span>
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

function LinkDialog({ baustelleId, grundmauerIds, frageIds, onChange, onClose, description }: {
  baustelleId: string; grundmauerIds: string[]; frageIds: string[]; description?: string;
  onChange: (g: string[], f: string[]) => void; onClose: () => void;
}) {
  const wb = useWorkbench();
  const id = useId();
  const [shown, setShown] = useState(baustelleId);
  const b = wb.index.baustellen.get(shown);
  const toggle = (list: string[], x: string, on: boolean) => (on ? [...list, x] : list.filter((y) => y !== x));
  return (
    <Dialog title="Grundmauern und Fragen verknüpfen" onClose={onClose} wide
      description={description ?? 'Jeder angehakte Eintrag wird sofort mit der Maßnahme verknüpft.'}>
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
      wb.notify(`Maßnahme ${measure.code} „${measure.title}“ gelöscht. „Rückgängig“ (Strg+Z) holt sie zurück.`, hrefFor({ view: 'massnahmen' }));
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
      <p className="muted">Löscht die Maßnahme mit ihren Zuständigkeiten, Budgetpositionen, Umsetzungsschritten und Indikatoren. Das Änderungsprotokoll behält den Vorgang; „Rückgängig“ holt sie zurück.</p>
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
