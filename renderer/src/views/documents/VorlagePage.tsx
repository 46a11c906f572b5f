// "Sitzungsvorlage erstellen": the Vorlage for the council information system (ALLRIS, Session,
// SD.NET) as DOCX. Kopf, Beratungsfolge, Beschlussvorschlag and Sachverhalt start from what the plan
// remembered (vorlage.settings.get → effective); which measures, which parts, anonymisation and the
// Änderungsliste are chosen here. "Einstellungen merken" saves the texts in the plan (undoable) and
// the choices as a per-plan preference.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS, type MeasureStatus } from '../../../../shared/domain/enums.ts';
import type { JsonValue, SavedView } from '../../../../shared/domain/types.ts';
import {
  VORLAGEART_LABELS, VORLAGEARTEN, type MeasureSelection, type SnapshotInfo, type VorlageExportArgs, type VorlageKopf,
  type VorlageSettings, type VorlageSettingsInfo, type Vorlageart,
} from '../../../../shared/domain/vorlage.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { messageOf } from '../../lib/format.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { countOf, ExportCrumbs, germanDate } from './common.tsx';
import { BeratungsfolgeEditor, BeschlussEditor, newKey, type BeratungRow, type PointRow } from './ListEditors.tsx';
import { useViewMeasureIds } from './useViewMeasureIds.ts';
import { AnonymPreview } from './AnonymPreview.tsx';
import { MAX_DATE, MIN_DATE } from '../../../../shared/domain/vorlage.ts';

const OPTIONS_KEY = 'export.vorlage.options';

type SelKind = 'all' | 'view' | 'optimiser' | 'status';
type PartKey = 'vorlage' | 'anlage1' | 'anlage2' | 'anlage3' | 'chart';
type Parts = Record<PartKey, boolean>;
type KopfText = 'vorlagennummer' | 'betreff' | 'federfuehrung' | 'bearbeiter' | 'datum' | 'produkt';
/** Fields the planner changed; the others follow the plan's (or the remembered) values. */
type Touched = KopfText | 'vorlageart' | 'oeffentlich' | 'aemter' | 'beratungsfolge' | 'beschluss' | 'sachverhalt' | 'anonymise';

interface Draft {
  kopf: Omit<VorlageKopf, 'beteiligteAemter'>;
  aemter: string;
  beratungsfolge: BeratungRow[];
  beschluss: PointRow[];
  sachverhalt: string;
  anonymise: boolean;
  parts: Parts;
  selKind: SelKind;
  viewId: string;
  statuses: MeasureStatus[];
  changesSince: string;
  remember: boolean;
  touched: Touched[];
}

const DEFAULT_PARTS: Parts = { vorlage: true, anlage1: true, anlage2: true, anlage3: true, chart: true };

const PART_LABELS: Record<PartKey, string> = {
  vorlage: 'Vorlage (Kopf, Beratungsfolge, Beschlussvorschlag, Sachverhalt, Finanzielle Auswirkungen)',
  anlage1: 'Anlage 1 – Maßnahmenplan (Übersicht)',
  anlage2: 'Anlage 2 – Maßnahmenblätter (je Maßnahme eine Seite)',
  anlage3: 'Anlage 3 – Nutzwertanalyse',
  chart: 'Diagramm der Kosten je Jahr und Baustelle',
};
const PART_SHORT: Record<PartKey, string> = { vorlage: 'Vorlage', anlage1: 'Anlage 1', anlage2: 'Anlage 2', anlage3: 'Anlage 3', chart: 'Diagramm' };

/** Drafts per plan file, so leaving the page (e.g. to look something up) keeps what was typed. */
const drafts = new Map<string, Draft>();

function fromSettings(s: VorlageSettings): Pick<Draft, 'kopf' | 'aemter' | 'beratungsfolge' | 'beschluss' | 'sachverhalt'> {
  const { beteiligteAemter, ...kopf } = s.kopf;
  return {
    kopf,
    aemter: beteiligteAemter.join('\n'),
    beratungsfolge: s.beratungsfolge.map((b) => ({ key: newKey(), ...b })),
    beschluss: (s.beschlussvorschlag ?? []).map((text) => ({ key: newKey(), text })),
    sachverhalt: s.sachverhalt,
  };
}

/** Fills every field the planner has not touched from the settings the backend would use. */
function merge(d: Draft, s: VorlageSettings): Draft {
  const t = new Set(d.touched);
  const f = fromSettings(s);
  const kopf = { ...d.kopf };
  for (const k of ['vorlagennummer', 'betreff', 'federfuehrung', 'bearbeiter', 'datum', 'produkt', 'vorlageart', 'oeffentlich'] as const) {
    if (!t.has(k)) (kopf as Record<string, unknown>)[k] = f.kopf[k];
  }
  return {
    ...d, kopf,
    aemter: t.has('aemter') ? d.aemter : f.aemter,
    beratungsfolge: t.has('beratungsfolge') ? d.beratungsfolge : f.beratungsfolge,
    beschluss: t.has('beschluss') ? d.beschluss : f.beschluss,
    sachverhalt: t.has('sachverhalt') ? d.sachverhalt : f.sachverhalt,
    anonymise: t.has('anonymise') ? d.anonymise : kopf.oeffentlich,
  };
}

function optionsToJson(d: Draft): JsonValue {
  return { version: 1, parts: { ...d.parts }, selKind: d.selKind, viewId: d.viewId, statuses: [...d.statuses], anonymise: d.anonymise, changesSince: d.changesSince };
}

/** The remembered choices, read defensively (prefs outlive code versions). */
function optionsFromJson(v: JsonValue | null): Partial<Draft> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Partial<Draft> = {};
  const p = v.parts;
  if (p && typeof p === 'object' && !Array.isArray(p)) {
    out.parts = { ...DEFAULT_PARTS };
    for (const k of Object.keys(DEFAULT_PARTS) as PartKey[]) if (typeof p[k] === 'boolean') out.parts[k] = p[k];
  }
  if (v.selKind === 'all' || v.selKind === 'view' || v.selKind === 'optimiser' || v.selKind === 'status') out.selKind = v.selKind;
  if (typeof v.viewId === 'string') out.viewId = v.viewId;
  if (Array.isArray(v.statuses)) out.statuses = v.statuses.filter((s): s is MeasureStatus => (MEASURE_STATUSES as readonly unknown[]).includes(s));
  if (typeof v.anonymise === 'boolean') { out.anonymise = v.anonymise; out.touched = ['anonymise']; }
  if (typeof v.changesSince === 'string') out.changesSince = v.changesSince;
  return out;
}

function emptyDraft(): Draft {
  return {
    kopf: { vorlagennummer: '', vorlageart: 'beschlussvorlage', oeffentlich: true, betreff: '', federfuehrung: '', bearbeiter: '', datum: '', produkt: '' },
    aemter: '', beratungsfolge: [], beschluss: [], sachverhalt: '', anonymise: true, parts: DEFAULT_PARTS,
    selKind: 'all', viewId: '', statuses: ['beschlussreif'], changesSince: '', remember: true, touched: [],
  };
}

interface OptimiserPick { ids: string[]; text: string }

export function VorlagePage({ changesSince }: { changesSince?: string }) {
  const wb = useWorkbench();
  const planPath = wb.info?.path ?? '';
  return <VorlageForm key={planPath} planPath={planPath} presetChangesSince={changesSince} />;
}

function VorlageForm({ planPath, presetChangesSince }: { planPath: string; presetChangesSince?: string }) {
  const { call, transport } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const [draft, setDraftState] = useState<Draft | null>(() => drafts.get(planPath) ?? null);
  const [info, setInfo] = useState<VorlageSettingsInfo | null>(null);
  const [views, setViews] = useState<SavedView[]>([]);
  const [snapshots, setSnapshots] = useState<SnapshotInfo[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [opt, setOpt] = useState<OptimiserPick | null>(null);
  const [optBusy, setOptBusy] = useState(false);
  const [optError, setOptError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [long, setLong] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const setDraft = useCallback((fn: (d: Draft) => Draft) => {
    setDraftState((prev) => {
      const next = fn(prev ?? emptyDraft());
      drafts.set(planPath, next);
      return next;
    });
  }, [planPath]);
  const touch = (d: Draft, ...keys: Touched[]): Touched[] => [...new Set([...d.touched, ...keys])];

  const runOptimiser = useCallback(async () => {
    setOptBusy(true); setOptError(null);
    try {
      const r = await call('optimiser.run', {});
      const ids = r.measures.filter((m) => m.included).map((m) => m.measureId);
      setOpt({ ids, text: `${r.message} (${r.statusText})` });
    } catch (e) {
      setOpt(null);
      setOptError(messageOf(e));
    } finally {
      setOptBusy(false);
    }
  }, [call]);

  // First load: remembered choices, saved views, snapshots. The settings follow below (they depend on the selection).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const [prefs, v, s] = await Promise.all([call('prefs.get', { key: OPTIONS_KEY }), call('views.list', {}), call('snapshots.list', {})]);
        setViews(v);
        setSnapshots(s);
        if (!drafts.has(planPath)) {
          const o = optionsFromJson(prefs);
          const base = emptyDraft();
          const next: Draft = { ...base, ...o, touched: o.touched ?? [] };
          if (next.selKind === 'view' && !v.some((x) => x.id === next.viewId)) { next.selKind = 'all'; next.viewId = ''; }
          if (next.changesSince && !s.some((x) => x.id === next.changesSince)) next.changesSince = '';
          if (presetChangesSince && s.some((x) => x.id === presetChangesSince)) next.changesSince = presetChangesSince;
          setDraftState(next);
          if (next.selKind === 'optimiser') void runOptimiser();
        } else if (presetChangesSince && s.some((x) => x.id === presetChangesSince)) {
          setDraft((d) => ({ ...d, changesSince: presetChangesSince }));
        }
      } catch (e) {
        setLoadError(messageOf(e));
      }
    })();
  }, [call, planPath, presetChangesSince, runOptimiser, setDraft]);

  const d = draft;
  const selectedView = d && d.selKind === 'view' ? (views.find((v) => v.id === d.viewId) ?? null) : null;
  const viewIds = useViewMeasureIds(selectedView);

  // The measures the Vorlage will cover, as ids (null: all), and what to tell the backend.
  const statusCounts = useMemo(() => {
    const c = new Map<MeasureStatus, number>();
    for (const m of wb.measures) c.set(m.status, (c.get(m.status) ?? 0) + 1);
    return c;
  }, [wb.measures]);
  const picked = useMemo((): { selection: MeasureSelection | null; count: number; ids: string[] | null; problem: string | null } => {
    if (!d) return { selection: null, count: 0, ids: null, problem: null };
    switch (d.selKind) {
      case 'all': return { selection: { kind: 'all' }, count: wb.measures.length, ids: null, problem: wb.measures.length === 0 ? 'Der Plan enthält noch keine Maßnahme.' : null };
      case 'status': {
        const wanted = new Set(d.statuses);
        const ids = wb.measures.filter((m) => wanted.has(m.status)).map((m) => m.id);
        if (d.statuses.length === 0) return { selection: null, count: 0, ids, problem: 'Bitte mindestens einen Status auswählen.' };
        if (ids.length === 0) return { selection: null, count: 0, ids, problem: 'Keine Maßnahme hat einen der ausgewählten Status.' };
        return { selection: { kind: 'status', statuses: d.statuses }, count: ids.length, ids, problem: null };
      }
      case 'view': {
        if (!selectedView || !viewIds) return { selection: null, count: 0, ids: null, problem: 'Bitte eine gespeicherte Ansicht auswählen.' };
        if (viewIds.length === 0) return { selection: null, count: 0, ids: [], problem: `Die Ansicht „${selectedView.name}“ zeigt derzeit keine Maßnahme.` };
        return { selection: { kind: 'ids', ids: viewIds }, count: viewIds.length, ids: viewIds, problem: null };
      }
      case 'optimiser': {
        if (!opt) return { selection: null, count: 0, ids: null, problem: optBusy ? 'Die Optimierung wird berechnet …' : 'Die Auswahl der Optimierung ist noch nicht berechnet.' };
        if (opt.ids.length === 0) return { selection: null, count: 0, ids: [], problem: 'Die Optimierung wählt keine Maßnahme aus.' };
        return { selection: { kind: 'ids', ids: opt.ids }, count: opt.ids.length, ids: opt.ids, problem: null };
      }
    }
  }, [d, wb.measures, selectedView, viewIds, opt, optBusy]);

  // Settings for the selection and Vorlageart: fills what the planner has not touched. Until the
  // selection is complete (optimiser still running), the plan as a whole stands in.
  const selectionKey = d ? JSON.stringify(picked.selection ?? { kind: 'all' }) : null;
  const art = d?.kopf.vorlageart;
  const artTouched = d?.touched.includes('vorlageart') ?? false;
  useEffect(() => {
    if (!selectionKey || !art) return undefined;
    let live = true;
    call('vorlage.settings.get', { selection: JSON.parse(selectionKey) as MeasureSelection, ...(artTouched ? { vorlageart: art } : {}) })
      .then((i) => {
        if (!live) return;
        setInfo(i);
        setLoadError(null);
        setDraft((x) => merge(x, i.effective));
      }, (e: unknown) => { if (live) setLoadError(messageOf(e)); });
    return () => { live = false; };
  }, [call, selectionKey, art, artTouched, setDraft, wb.revision]);

  const hasScores = info?.hasScores ?? false;
  const parts: Parts | null = d ? { ...d.parts, anlage3: d.parts.anlage3 && hasScores, chart: d.parts.chart && d.parts.vorlage } : null;

  const gremien = useMemo(() => {
    const names = wb.actors.filter((a) => a.kind === 'kreistag').map((a) => a.name.replace(/^Kreistag\s*[–-]\s*/u, '').trim());
    return [...new Set([...names, 'Kreistag'])].filter(Boolean).sort((a, b) => a.localeCompare(b, 'de'));
  }, [wb.actors]);
  const verwaltung = useMemo(() => wb.actors.filter((a) => a.kind === 'kreisverwaltung').map((a) => a.name).sort((a, b) => a.localeCompare(b, 'de')), [wb.actors]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!d || !parts) return;
    setError(null); setStatus(null);
    if (!picked.selection) { setError(picked.problem ?? 'Bitte die Maßnahmen auswählen.'); return; }
    if (!parts.vorlage && !parts.anlage1 && !parts.anlage2 && !parts.anlage3) { setError('Bitte mindestens einen Bestandteil auswählen.'); return; }
    const emptyRow = d.beratungsfolge.findIndex((r) => r.gremium.trim() === '');
    if (emptyRow >= 0) { setError(`Beratungsfolge, Zeile ${emptyRow + 1}: Bitte ein Gremium angeben.`); return; }
    const emptyPoint = d.beschluss.findIndex((p) => p.text.trim() === '');
    if (d.touched.includes('beschluss') && emptyPoint >= 0) { setError(`Beschlussvorschlag, Punkt ${emptyPoint + 1}: Der Punkt ist leer. Bitte ausfüllen oder entfernen.`); return; }
    const args: VorlageExportArgs = {
      parts,
      selection: picked.selection,
      anonymise: d.anonymise,
      kopf: { ...d.kopf, beteiligteAemter: d.aemter.split('\n').map((a) => a.trim()).filter(Boolean) },
      beratungsfolge: d.beratungsfolge.map(({ gremium, sitzungsdatum, zustaendigkeit, oeffentlich }) => ({ gremium: gremium.trim(), sitzungsdatum, zustaendigkeit, ...(oeffentlich === undefined ? {} : { oeffentlich }) })),
      // Unchanged points follow the plan (counts, costs, the Beratungsfolge used), also when remembered.
      ...(d.touched.includes('beschluss') ? { beschlussvorschlag: d.beschluss.map((p) => p.text.trim()) } : {}),
      sachverhalt: d.sachverhalt,
      ...(d.changesSince ? { changesSince: d.changesSince } : {}),
      remember: d.remember,
    };
    setBusy(true); setStatus('Die Sitzungsvorlage wird erstellt …');
    // An export that takes longer than a second offers "Abbrechen".
    const slow = setTimeout(() => setLong(true), 1000);
    try {
      const { fileName, base64 } = await call('export.vorlage', args);
      if (d.remember) await call('prefs.set', { key: OPTIONS_KEY, value: optionsToJson(d) });
      const saved = await transport.saveFile(fileName, base64);
      setStatus(saved
        ? `„${fileName}“ wurde erstellt.${transport.kind === 'web' ? ' Sie finden die Datei in Ihren Downloads.' : ''}${d.remember ? ' Die Einstellungen sind im Plan gemerkt.' : ''}`
        : 'Erstellen abgebrochen.');
    } catch (err) {
      setStatus(null);
      setError(messageOf(err));
    } finally {
      clearTimeout(slow);
      setLong(false);
      setBusy(false);
    }
  }

  async function cancel() {
    try {
      await call('export.cancel', {});
    } catch (err) {
      setError(messageOf(err));
    }
  }

  if (!d || !info || !parts) {
    return (
      <>
        <ExportCrumbs />
        <ViewHeading placeholder>Sitzungsvorlage erstellen</ViewHeading>
        <ErrorAlert message={loadError} />
        {loadError ? null : <p role="status">Die Einstellungen werden geladen …</p>}
      </>
    );
  }

  const setKopf = <K extends keyof Draft['kopf']>(k: K, v: Draft['kopf'][K]) => setDraft((x) => ({ ...x, kopf: { ...x.kopf, [k]: v }, touched: touch(x, k as Touched) }));
  const snapshot = snapshots.find((s) => s.id === d.changesSince) ?? null;
  const chosenParts = (Object.keys(PART_SHORT) as PartKey[]).filter((k) => parts[k]).map((k) => PART_SHORT[k]);
  const pickedMeasures = picked.ids ? wb.measures.filter((m) => picked.ids!.includes(m.id)) : wb.measures;

  return (
    <>
      <div className="view-head">
        <ExportCrumbs />
        <ViewHeading>Sitzungsvorlage erstellen</ViewHeading>
        <p className="lead">
          Eine Vorlage im Aufbau des Ratsinformationssystems (ALLRIS, Session, SD.NET) als Word-Dokument: Kopf, Beratungsfolge,
          Beschlussvorschlag, Sachverhalt, Finanzielle Auswirkungen und die Anlagen. Vorbelegt ist, was zuletzt gemerkt wurde, sonst, was der Plan hergibt.
        </p>
      </div>
      <ErrorAlert message={loadError} />
      <form className="doc-layout" onSubmit={submit} noValidate aria-labelledby="main-heading">
        <div className="doc-main">
          <section className="panel" aria-labelledby={`${id}-art-h`}>
            <h2 id={`${id}-art-h`}>Art und Öffentlichkeit</h2>
            <div className="doc-cols">
              <fieldset className="checks">
                <legend>Vorlageart</legend>
                {VORLAGEARTEN.map((a) => (
                  <label key={a} className="check block">
                    <input type="radio" name={`${id}-art`} value={a} checked={d.kopf.vorlageart === a}
                      onChange={() => setKopf('vorlageart', a as Vorlageart)} />
                    <span>{VORLAGEART_LABELS[a]}</span>
                  </label>
                ))}
              </fieldset>
              <fieldset className="checks">
                <legend>Beratung</legend>
                {[true, false].map((pub) => (
                  <label key={String(pub)} className="check block">
                    <input type="radio" name={`${id}-pub`} checked={d.kopf.oeffentlich === pub}
                      onChange={() => setDraft((x) => ({
                        ...x, kopf: { ...x.kopf, oeffentlich: pub }, touched: touch(x, 'oeffentlich'),
                        anonymise: x.touched.includes('anonymise') ? x.anonymise : pub,
                      }))} />
                    <span>{pub ? 'öffentlich' : 'nichtöffentlich'}</span>
                  </label>
                ))}
              </fieldset>
              <div className="doc-anon">
                <label className="check block">
                  <input type="checkbox" checked={d.anonymise} aria-describedby={`${id}-anon-h`}
                    onChange={(e) => { const v = e.target.checked; setDraft((x) => ({ ...x, anonymise: v, touched: touch(x, 'anonymise') })); }} />
                  <span>Personennamen anonymisieren</span>
                </label>
                <p id={`${id}-anon-h`} className="hint">
                  Es erscheinen nur Organisationseinheiten: keine Ansprechpersonen, Kontaktdaten und kein:e Bearbeiter:in;
                  E-Mail- und Internetadressen, Telefonnummern und Personennamen in Freitexten werden durch „[entfernt]“ ersetzt.
                  Für öffentliche Vorlagen vorgeschlagen.
                </p>
              </div>
            </div>
            {d.anonymise ? (
              <AnonymPreview args={() => (picked.selection ? {
                selection: picked.selection, anonymise: true, sachverhalt: d.sachverhalt,
                kopf: { ...d.kopf, beteiligteAemter: d.aemter.split('\n').map((a) => a.trim()).filter(Boolean) },
                ...(d.touched.includes('beschluss') ? { beschlussvorschlag: d.beschluss.map((p) => p.text.trim()).filter(Boolean) } : {}),
              } : null)} />
            ) : null}
          </section>

          <section className="panel" aria-labelledby={`${id}-sel-h`}>
            <h2 id={`${id}-sel-h`}>Maßnahmen</h2>
            <fieldset className="checks">
              <legend>Welche Maßnahmen kommen in die Vorlage?</legend>
              <label className="check block">
                <input type="radio" name={`${id}-sel`} checked={d.selKind === 'all'} onChange={() => setDraft((x) => ({ ...x, selKind: 'all' }))} />
                <span>alle Maßnahmen des Plans ({wb.measures.length})</span>
              </label>

              <div className="doc-choice">
                <label className="check block">
                  <input type="radio" name={`${id}-sel`} checked={d.selKind === 'view'} disabled={views.length === 0}
                    aria-describedby={views.length === 0 ? `${id}-view-none` : undefined}
                    onChange={() => setDraft((x) => ({ ...x, selKind: 'view', viewId: x.viewId || views[0]?.id || '' }))} />
                  <span>eine gespeicherte Ansicht der Maßnahmentabelle</span>
                </label>
                {views.length === 0 ? (
                  <p id={`${id}-view-none`} className="hint doc-indent">
                    Im Plan ist noch keine Ansicht gespeichert (unter <a href="#/massnahmen">Maßnahmen</a> filtern und „Ansicht speichern…“).
                  </p>
                ) : d.selKind === 'view' ? (
                  <div className="field doc-indent doc-narrow">
                    <label htmlFor={`${id}-view`}>Ansicht</label>
                    <select id={`${id}-view`} value={d.viewId} onChange={(e) => { const v = e.target.value; setDraft((x) => ({ ...x, viewId: v })); }}>
                      {d.viewId === '' ? <option value="">– bitte wählen –</option> : null}
                      {views.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
                    </select>
                  </div>
                ) : null}
              </div>

              <div className="doc-choice">
                <label className="check block">
                  <input type="radio" name={`${id}-sel`} checked={d.selKind === 'optimiser'} aria-describedby={`${id}-opt-h`}
                    onChange={() => { setDraft((x) => ({ ...x, selKind: 'optimiser' })); if (!opt && !optBusy) void runOptimiser(); }} />
                  <span>die Auswahl der Optimierung</span>
                </label>
                <p id={`${id}-opt-h`} className="hint doc-indent">
                  Die Maßnahmen mit dem höchsten Nutzwert, die in den Haushaltsrahmen passen (Arbeitsstand, siehe <a href="#/optimierung">Optimierung</a>).
                </p>
                {d.selKind === 'optimiser' ? (
                  <div className="doc-indent">
                    {optBusy ? <p role="status">Die Optimierung wird berechnet …</p> : null}
                    {opt && !optBusy ? <p className="small">{opt.text}</p> : null}
                    <ErrorAlert message={optError} />
                    {(opt || optError) && !optBusy ? (
                      <button type="button" className="button small" onClick={() => void runOptimiser()}>Neu berechnen</button>
                    ) : null}
                  </div>
                ) : null}
              </div>

              <div className="doc-choice">
                <label className="check block">
                  <input type="radio" name={`${id}-sel`} checked={d.selKind === 'status'} onChange={() => setDraft((x) => ({ ...x, selKind: 'status' }))} />
                  <span>nach Status</span>
                </label>
                {d.selKind === 'status' ? (
                  <fieldset className="checks doc-indent">
                    <legend className="visually-hidden">Status der Maßnahmen</legend>
                    <div className="check-row">
                      {MEASURE_STATUSES.map((s) => (
                        <label key={s} className="check">
                          <input type="checkbox" checked={d.statuses.includes(s)}
                            onChange={(e) => {
                              const on = e.target.checked;
                              setDraft((x) => ({ ...x, statuses: MEASURE_STATUSES.filter((y) => (y === s ? on : x.statuses.includes(y))) }));
                            }} />
                          <span>{MEASURE_STATUS_LABELS[s]} ({statusCounts.get(s) ?? 0})</span>
                        </label>
                      ))}
                    </div>
                  </fieldset>
                ) : null}
              </div>
            </fieldset>

            {picked.problem && !(d.selKind === 'optimiser' && optBusy) ? <p className="doc-problem">{picked.problem}</p> : null}
            <details className="doc-picked">
              <summary>Ausgewählte Maßnahmen anzeigen ({picked.selection ? picked.count : 0})</summary>
              {picked.selection ? (
                <ul className="plain-list small">
                  {pickedMeasures.map((m) => <li key={m.id}><span className="strong">{m.code}</span> {m.title}</li>)}
                </ul>
              ) : <p className="small muted">Keine Auswahl.</p>}
            </details>

            <div className="field doc-narrow doc-since">
              <label htmlFor={`${id}-since`}>Änderungen seit Stand …</label>
              <select id={`${id}-since`} value={d.changesSince} disabled={snapshots.length === 0} aria-describedby={`${id}-since-h`}
                onChange={(e) => { const v = e.target.value; setDraft((x) => ({ ...x, changesSince: v })); }}>
                <option value="">keine Änderungsliste</option>
                {snapshots.map((s) => <option key={s.id} value={s.id}>{s.name} ({germanDate(s.date)}{s.gremium ? `, ${s.gremium}` : ''})</option>)}
              </select>
              <p id={`${id}-since-h`} className="hint">
                {snapshots.length === 0
                  ? 'Noch kein Stand festgeschrieben. Einen Stand halten Sie auf der Seite „Export“ unter „Festgeschriebene Stände“ fest.'
                  : 'Fügt dem Sachverhalt eine Liste der Änderungen gegenüber dem festgeschriebenen Stand hinzu.'}
              </p>
            </div>
          </section>

          <section className="panel" aria-labelledby={`${id}-parts-h`}>
            <h2 id={`${id}-parts-h`}>Bestandteile</h2>
            <fieldset className="checks">
              <legend className="visually-hidden">Bestandteile des Dokuments</legend>
              {(Object.keys(PART_LABELS) as PartKey[]).map((k) => {
                const reason = k === 'anlage3' && !hasScores
                  ? 'Nicht verfügbar: Im Plan sind noch keine Maßnahmen bewertet (Nutzwertanalyse unter „Prioritäten“).'
                  : k === 'chart' && !d.parts.vorlage ? 'Nur mit der Vorlage: Das Diagramm steht unter „Finanzielle Auswirkungen“.' : null;
                return (
                  <div key={k} className={k === 'chart' ? 'doc-indent' : undefined}>
                    <label className="check block">
                      <input type="checkbox" checked={parts[k]} disabled={reason !== null} aria-describedby={reason ? `${id}-part-${k}` : undefined}
                        onChange={(e) => { const v = e.target.checked; setDraft((x) => ({ ...x, parts: { ...x.parts, [k]: v } })); }} />
                      <span>{PART_LABELS[k]}</span>
                    </label>
                    {reason ? <p id={`${id}-part-${k}`} className="hint doc-reason">{reason}</p> : null}
                  </div>
                );
              })}
            </fieldset>
          </section>

          <section className="panel" aria-labelledby={`${id}-kopf-h`}>
            <h2 id={`${id}-kopf-h`}>Kopf der Vorlage</h2>
            <div className="form-grid">
              <div className="field">
                <label htmlFor={`${id}-nr`}>Vorlagennummer</label>
                <input id={`${id}-nr`} value={d.kopf.vorlagennummer} onChange={(e) => setKopf('vorlagennummer', e.target.value)}
                  placeholder="z. B. VO/2026/123" aria-describedby={`${id}-nr-h`} />
                <p id={`${id}-nr-h`} className="hint">Leer: vergibt der Sitzungsdienst.</p>
              </div>
              <div className="field">
                <label htmlFor={`${id}-datum`}>Datum</label>
                <input id={`${id}-datum`} type="date" min={MIN_DATE} max={MAX_DATE} value={d.kopf.datum} onChange={(e) => setKopf('datum', e.target.value)} />
              </div>
              <div className="field span-2">
                <label htmlFor={`${id}-ff`}>Federführung</label>
                <input id={`${id}-ff`} value={d.kopf.federfuehrung} onChange={(e) => setKopf('federfuehrung', e.target.value)}
                  list={`${id}-aemter-list`} aria-describedby={`${id}-ff-h`} />
                <p id={`${id}-ff-h`} className="hint">Federführendes Amt (eine Organisationseinheit, keine Person).</p>
              </div>
              <div className="field span-4">
                <label htmlFor={`${id}-betreff`}>Betreff</label>
                <textarea id={`${id}-betreff`} className="doc-grow" value={d.kopf.betreff} onChange={(e) => setKopf('betreff', e.target.value)} rows={2} />
              </div>
              <div className="field span-2">
                <label htmlFor={`${id}-aemter`}>Beteiligte Ämter</label>
                <textarea id={`${id}-aemter`} className="doc-grow" value={d.aemter} rows={4} aria-describedby={`${id}-aemter-h`}
                  onChange={(e) => { const v = e.target.value; setDraft((x) => ({ ...x, aemter: v, touched: touch(x, 'aemter') })); }} />
                <p id={`${id}-aemter-h`} className="hint">Ein Amt je Zeile.</p>
              </div>
              <div className="field">
                <label htmlFor={`${id}-bearb`}>Bearbeiter:in</label>
                <input id={`${id}-bearb`} value={d.kopf.bearbeiter} onChange={(e) => setKopf('bearbeiter', e.target.value)}
                  aria-describedby={`${id}-bearb-h`} />
                <p id={`${id}-bearb-h`} className="hint">{d.anonymise ? 'Erscheint nicht: Die Vorlage wird anonymisiert.' : 'Erscheint im Kopf der Vorlage.'}</p>
              </div>
              <div className="field">
                <label htmlFor={`${id}-produkt`}>Produkt</label>
                <input id={`${id}-produkt`} value={d.kopf.produkt} onChange={(e) => setKopf('produkt', e.target.value)}
                  placeholder="z. B. 31.10.01" />
              </div>
            </div>
            <datalist id={`${id}-aemter-list`}>
              {verwaltung.map((n) => <option key={n} value={n} />)}
            </datalist>
          </section>

          <section className="panel" aria-labelledby={`${id}-bf-h`}>
            <h2 id={`${id}-bf-h`}>Beratungsfolge</h2>
            <p className="hint">Die Gremien in der Reihenfolge der Beratung; das Gremium mit „Entscheidung“ beschließt.</p>
            <BeratungsfolgeEditor rows={d.beratungsfolge} gremien={gremien}
              onChange={(rows) => setDraft((x) => ({ ...x, beratungsfolge: rows, touched: touch(x, 'beratungsfolge') }))} />
          </section>

          <section className="panel" aria-labelledby={`${id}-bv-h`}>
            <div className="block-head">
              <h2 id={`${id}-bv-h`}>Beschlussvorschlag</h2>
              {d.touched.includes('beschluss') ? (
                <button type="button" className="button small"
                  onClick={() => setDraft((x) => ({ ...x, touched: x.touched.filter((t) => t !== 'beschluss'), beschluss: fromSettings(info.defaults).beschluss }))}>
                  Vorschlag aus dem Plan wiederherstellen
                </button>
              ) : null}
            </div>
            <p id={`${id}-bv-h2`} className="hint">
              {d.touched.includes('beschluss')
                ? 'Eigene Fassung: Sie wird so in die Vorlage übernommen.'
                : 'Aus dem Plan gebildet (Zahl der Maßnahmen, Kosten, Fördermittel, Beratungsfolge); er folgt der Auswahl, solange Sie ihn nicht ändern.'}
            </p>
            <BeschlussEditor points={d.beschluss} describedBy={`${id}-bv-h2`}
              onChange={(points) => setDraft((x) => ({ ...x, beschluss: points, touched: touch(x, 'beschluss') }))} />
          </section>

          <section className="panel" aria-labelledby={`${id}-sv-h`}>
            <h2 id={`${id}-sv-h`}>Sachverhalt</h2>
            <div className="field">
              <label htmlFor={`${id}-sv`}>Anlass und Begründung (eigener Text am Anfang des Sachverhalts)</label>
              <textarea id={`${id}-sv`} className="doc-grow tall" value={d.sachverhalt} rows={6} aria-describedby={`${id}-sv-h2`}
                onChange={(e) => { const v = e.target.value; setDraft((x) => ({ ...x, sachverhalt: v, touched: touch(x, 'sachverhalt') })); }} />
              <p id={`${id}-sv-h2`} className="hint">Danach folgen automatisch die Baustellen, die Maßnahmen und – falls gewählt – die Änderungsliste.</p>
            </div>
          </section>
        </div>

        <aside className="doc-aside panel" aria-labelledby={`${id}-sum-h`}>
          <h2 id={`${id}-sum-h`}>Zusammenfassung</h2>
          <p className="doc-count" role="status">
            {picked.selection ? <><strong>{countOf(picked.count, 'Maßnahme', 'Maßnahmen')}</strong> ausgewählt</> : <>Keine Maßnahmen ausgewählt</>}
          </p>
          <dl className="facts doc-facts">
            <div><dt>Art</dt><dd>{VORLAGEART_LABELS[d.kopf.vorlageart]}, {d.kopf.oeffentlich ? 'öffentlich' : 'nichtöffentlich'}</dd></div>
            <div><dt>Namen</dt><dd>{d.anonymise ? 'anonymisiert' : 'mit Ansprechpersonen'}</dd></div>
            <div><dt>Teile</dt><dd>{chosenParts.length ? chosenParts.join(', ') : 'keine'}</dd></div>
            <div><dt>Änderungen</dt><dd>{snapshot ? `seit „${snapshot.name}“` : 'keine Liste'}</dd></div>
          </dl>
          <label className="check block">
            <input type="checkbox" checked={d.remember} aria-describedby={`${id}-rem-h`}
              onChange={(e) => { const v = e.target.checked; setDraft((x) => ({ ...x, remember: v })); }} />
            <span>Einstellungen merken</span>
          </label>
          <p id={`${id}-rem-h`} className="hint">Beim Erstellen werden Kopf, Beratungsfolge, Beschlussvorschlag, Sachverhalt und die Auswahl im Plan gespeichert.</p>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>Erstellen</button>
          </div>
          {busy && long ? (
            <div className="doc-progress">
              <progress aria-label="Die Sitzungsvorlage wird erstellt" />
              <button type="button" className="button" onClick={() => void cancel()}>Abbrechen</button>
            </div>
          ) : null}
          <StatusLine>{status}</StatusLine>
          <ErrorAlert message={error} />
          <p className="small doc-reset">
            <button type="button" className="link-button"
              onClick={() => { drafts.delete(planPath); setDraft((x) => merge({ ...x, touched: [] }, info.effective)); setStatus('Eingaben auf die gemerkten Einstellungen zurückgesetzt.'); }}>
              Eingaben zurücksetzen
            </button>
          </p>
        </aside>
      </form>
    </>
  );
}
