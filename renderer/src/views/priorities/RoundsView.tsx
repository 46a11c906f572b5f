// Beteiligungsrunde: many raters, by actor group, score the measures on the plan's criteria in a
// Bewertungsbogen (XLSX out, filled, back in: checked first, then taken all or nothing). The
// aggregate per measure and criterion is shown with the items where the groups disagree most
// first (the Verhandlungsagenda), and one chosen aggregate can go into the Nutzwertanalyse.
// The round shown is part of the address (#/beteiligung/<id>), so a reload shows the same.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { countOf } from '../../../../shared/domain/plural.ts';
import {
  AGGREGATE_MODE_LABELS, AGGREGATE_MODES, chosenValue, formatScore, RATER_GROUP_LABELS, RATER_GROUPS, ROUND_STATUS_LABELS,
  type AggregateCell, type AggregateMode, type RaterGroup, type RaterInfo, type RoundAggregate, type RoundDetail, type SheetCheck,
} from '../../../../shared/domain/rounds.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import { formatDateTime, messageOf } from '../../lib/format.ts';
import { useDownload } from '../../lib/useDownload.ts';
import { hrefFor, navigate } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { fileToBase64 } from '../documents/common.tsx';
import './priorities.css';

const roundHref = (id: string) => hrefFor({ view: 'beteiligung', roundId: id });

/** The headings of the round's sections (one round on the page), for the section links. */
const SECTIONS = { raters: 'round-raters', import: 'round-import', result: 'round-result', apply: 'round-apply' } as const;

/** Links to the sections of a long page (the result table may have hundreds of rows). */
function SectionLinks({ open, rated }: { open: boolean; rated: boolean }) {
  const links: [string, string][] = [
    [SECTIONS.raters, 'Bewertende Stellen'],
    ...(open ? [[SECTIONS.import, 'Bogen einlesen'] as [string, string]] : []),
    [SECTIONS.result, 'Ergebnis'],
    ...(rated ? [[SECTIONS.apply, 'In die Nutzwertanalyse übernehmen'] as [string, string]] : []),
  ];
  return (
    <nav className="section-nav" aria-label="Abschnitte der Runde">
      {links.map(([target, label]) => (
        <a key={target} className="link-cta" href={`#${target}`} onClick={(e) => { e.preventDefault(); document.getElementById(target)?.focus(); }}>{label}</a>
      ))}
    </nav>
  );
}

export function RoundsView({ roundId }: { roundId?: string }) {
  const list = usePlanData('rounds.list', {});
  const rounds = list.data;
  // A round that is gone (deleted, its creation undone) falls back to the newest, as a reload would.
  const current = rounds ? (rounds.find((r) => r.id === roundId) ?? rounds[0] ?? null) : null;
  // Messages go to the shell's status line: it outlives the change of address after a create or delete.
  const wb = useWorkbench();
  const setStatus = (text: string, hash?: string) => wb.notify(text, hash);

  return (
    <>
      <div className="view-head">
        <ViewHeading>Beteiligungsrunde</ViewHeading>
        <p className="lead">
          Verwaltung, Kreistag, Beirat für Migration und Integration, Gemeinden und Zivilgesellschaft bewerten die Maßnahmen nach den Kriterien
          der Nutzwertanalyse – jede bewertende Stelle in ihrem eigenen Bewertungsbogen. Wo die Gruppen am weitesten auseinanderliegen, steht oben:
          die Tagesordnung für die gemeinsame Aushandlung.
        </p>
      </div>
      <ErrorAlert message={list.error} />
      <RoundsPanel rounds={rounds} currentId={current?.id ?? null} onStatus={setStatus} />
      {current ? <RoundSection key={current.id} id={current.id} onStatus={setStatus} /> : null}
    </>
  );
}

function RoundsPanel({ rounds, currentId, onStatus }: {
  rounds: { id: string; name: string; status: string; raterCount: number; returnedCount: number }[] | null; currentId: string | null; onStatus: (s: string, hash?: string) => void;
}) {
  const { call } = useBackend();
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const r = await call('rounds.create', { name });
      setName('');
      onStatus(`Bewertungsrunde „${r.name}“ angelegt: ${countOf(r.measures.length, 'Maßnahme', 'Maßnahmen')}, ${countOf(r.criteria.length, 'Kriterium', 'Kriterien')}.`, roundHref(r.id));
      navigate({ view: 'beteiligung', roundId: r.id });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>Bewertungsrunden</h2>
        {rounds === null ? <p>Die Bewertungsrunden werden geladen…</p> : rounds.length === 0 ? (
          <p className="muted">Noch keine Bewertungsrunde. Rechts eine anlegen: Sie umfasst alle Maßnahmen und die Kriterien des Plans, wie sie jetzt sind.</p>
        ) : (
          <ul className="plain-list round-list">
            {rounds.map((r) => (
              <li key={r.id}>
                <a href={roundHref(r.id)} aria-current={r.id === currentId ? 'true' : undefined}>{r.name}</a>{' '}
                <span className="muted small">({ROUND_STATUS_LABELS[r.status as keyof typeof ROUND_STATUS_LABELS] ?? r.status}, {r.returnedCount} von {countOf(r.raterCount, 'Bogen', 'Bögen')} zurück)</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby={`${id}-new`}>
        <h2 id={`${id}-new`}>Neue Bewertungsrunde</h2>
        <form className="form" onSubmit={create} noValidate aria-labelledby={`${id}-new`}>
          <div className="field">
            <label htmlFor={`${id}-n`}>Name der Runde</label>
            <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} placeholder="z. B. Frühjahr 2026" />
          </div>
          <p className="hint">Die Kriterien kommen aus der Nutzwertanalyse und werden mit der Liste der Maßnahmen in der Runde festgehalten.</p>
          <ErrorAlert message={error} />
          <div className="form-actions"><button type="submit" className="button primary" disabled={busy}>Runde anlegen</button></div>
        </form>
      </section>
    </div>
  );
}

function RoundSection({ id, onStatus }: { id: string; onStatus: (s: string, hash?: string) => void }) {
  const wb = useWorkbench();
  const round = usePlanData('rounds.get', { id });
  const agg = usePlanData('rounds.aggregate', { id });
  const r = round.data;
  if (!r) {
    return (
      <section className="panel">
        <ErrorAlert message={round.error} />
        {!round.error ? <p>Die Bewertungsrunde wird geladen…</p> : null}
      </section>
    );
  }
  return (
    <>
      <RoundHead r={r} onStatus={onStatus} />
      <SectionLinks open={r.status === 'offen'} rated={(agg.data?.ratingCount ?? 0) > 0} />
      <RatersPanel r={r} onStatus={onStatus} />
      {r.status === 'offen' ? <SheetImport key={`import-${wb.externalRevision}`} r={r} onStatus={onStatus} /> : null}
      <ErrorAlert message={agg.error} />
      {agg.data ? <AggregatePanel r={r} agg={agg.data} /> : null}
      {agg.data ? <ApplyPanel key={`apply-${wb.externalRevision}`} r={r} agg={agg.data} onStatus={onStatus} /> : null}
    </>
  );
}

function RoundHead({ r, onStatus }: { r: RoundDetail; onStatus: (s: string, hash?: string) => void }) {
  const { call } = useBackend();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(what: () => Promise<string>, hash?: string) {
    setBusy(true); setError(null);
    try {
      onStatus(await what(), hash);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false); setConfirm(false);
    }
  }
  const toggle = () => run(async () => {
    const next = r.status === 'offen' ? 'abgeschlossen' : 'offen';
    await call('rounds.update', { id: r.id, status: next });
    return next === 'abgeschlossen' ? `Bewertungsrunde „${r.name}“ abgeschlossen; es werden keine Bögen mehr eingelesen.` : `Bewertungsrunde „${r.name}“ wieder geöffnet.`;
  });
  const remove = () => run(async () => {
    await call('rounds.delete', { id: r.id });
    navigate({ view: 'beteiligung' });
    return `Bewertungsrunde „${r.name}“ gelöscht (mit „Rückgängig“ zurückzuholen).`;
  }, hrefFor({ view: 'beteiligung' }));

  return (
    <section className="panel" aria-labelledby="round-head">
      <div className="block-head">
        <h2 id="round-head" tabIndex={-1}>Runde „{r.name}“</h2>
        <p className="muted small">
          {ROUND_STATUS_LABELS[r.status]} · angelegt {formatDateTime(r.createdAt)}{r.createdBy ? ` von ${r.createdBy}` : ''} ·{' '}
          {countOf(r.measures.length, 'Maßnahme', 'Maßnahmen')} · {countOf(r.criteria.length, 'Kriterium', 'Kriterien')}: {r.criteria.map((c) => c.name).join(', ')}
        </p>
      </div>
      <div className="form-actions">
        <button type="button" className="button small" disabled={busy} onClick={() => void toggle()}>{r.status === 'offen' ? 'Runde abschließen' : 'Runde wieder öffnen'}</button>
        <button type="button" className="button small quiet danger-text" disabled={busy} onClick={() => setConfirm(true)}>Runde löschen…</button>
      </div>
      <ErrorAlert message={error} />
      {confirm ? (
        <ConfirmDialog title="Bewertungsrunde löschen?" confirmLabel="Löschen" busy={busy} onConfirm={() => void remove()} onClose={() => setConfirm(false)}>
          <p>Die Runde <strong>{r.name}</strong> wird mit allen bewertenden Stellen und ihren eingelesenen Bewertungen gelöscht. Die Nutzwertanalyse bleibt unverändert. Mit „Rückgängig“ lässt sich das zurücknehmen.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function RatersPanel({ r, onStatus }: { r: RoundDetail; onStatus: (s: string) => void }) {
  const { call } = useBackend();
  const id = useId();
  const sheet = useDownload();
  const [name, setName] = useState('');
  const [group, setGroup] = useState<RaterGroup | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<RaterInfo | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      // An empty choice goes to the backend, which names the groups in its refusal.
      const x = await call('rounds.addRater', { roundId: r.id, name, group: group as RaterGroup });
      setName(''); setGroup('');
      onStatus(`„${x.name}“ (${x.groupLabel}) zur Runde hinzugefügt.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(x: RaterInfo) {
    setBusy(true); setError(null);
    try {
      await call('rounds.removeRater', { id: x.id });
      onStatus(`„${x.name}“ aus der Runde entfernt.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false); setRemoving(null);
    }
  }

  return (
    <section className="panel" aria-labelledby={SECTIONS.raters}>
      <h2 id={SECTIONS.raters} tabIndex={-1}>Bewertende Stellen ({r.raters.length})</h2>
      {r.raters.length === 0 ? <p className="muted">Noch niemand eingetragen. Unten Name und Gruppe angeben; danach lässt sich für jede Stelle ein eigener Bewertungsbogen herunterladen.</p> : (
        <div className="table-wrap">
          <table className="data-table compact">
            <caption className="visually-hidden">Bewertende Stellen der Runde „{r.name}“</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Gruppe</th><th scope="col">Bewertungsbogen</th><th scope="col">Aktionen</th></tr></thead>
            <tbody>
              {r.raters.map((x) => (
                <tr key={x.id}>
                  <th scope="row">{x.name}</th>
                  <td>{x.groupLabel}</td>
                  <td>{x.returned ? `eingelesen ${formatDateTime(x.returned.at)} (${countOf(x.returned.scoreCount, 'Bewertung', 'Bewertungen')})` : 'noch nicht zurück'}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="button small" disabled={sheet.busy} onClick={() => void sheet.run('Der Bewertungsbogen', () => call('rounds.exportSheet', { raterId: x.id }))}>
                        Bogen herunterladen<span className="visually-hidden"> für {x.name}</span>
                      </button>
                      <button type="button" className="button small quiet danger-text" disabled={busy} onClick={() => setRemoving(x)}>
                        Entfernen<span className="visually-hidden"> aus der Runde: {x.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <StatusLine>{sheet.status}</StatusLine>
      <ErrorAlert message={sheet.error} />
      <form className="inline-form" onSubmit={add} noValidate aria-label="Bewertende Stelle hinzufügen">
        <div className="field grow">
          <label htmlFor={`${id}-n`}>Name der bewertenden Person oder Stelle</label>
          <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} placeholder="z. B. Fraktion A, Gemeinde Musterdorf" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-g`}>Gruppe</label>
          <select id={`${id}-g`} value={group} onChange={(e) => setGroup(e.target.value as RaterGroup | '')}>
            <option value="">– bitte wählen –</option>
            {RATER_GROUPS.map((g) => <option key={g} value={g}>{RATER_GROUP_LABELS[g]}</option>)}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={busy}>Hinzufügen</button>
      </form>
      <ErrorAlert message={error} />
      {removing ? (
        <ConfirmDialog title="Bewertende Stelle entfernen?" confirmLabel="Entfernen" busy={busy} onConfirm={() => void remove(removing)} onClose={() => setRemoving(null)}>
          <p><strong>{removing.name}</strong> wird aus der Runde entfernt{removing.returned ? ', mit den eingelesenen Bewertungen' : ''}. Mit „Rückgängig“ lässt sich das zurücknehmen.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function SheetImport({ r, onStatus }: { r: RoundDetail; onStatus: (s: string) => void }) {
  const { call } = useBackend();
  const id = useId();
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [check, setCheck] = useState<SheetCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const refocus = useRef(false);
  const [chosen, setChosen] = useState<string | null>(null);

  function reset() {
    setFile(null); setCheck(null); setChosen(null);
    refocus.current = true;
  }
  // The buttons of the preview go: the focus moves to the file field (once it is enabled again) for the next sheet.
  useEffect(() => {
    if (refocus.current && !busy) { refocus.current = false; input.current?.focus(); }
  });

  async function choose(f: File | undefined) {
    setError(null); setCheck(null); setFile(null); setChosen(f?.name ?? null);
    if (!f) return;
    setBusy(true);
    try {
      const loaded = { fileName: f.name, base64: await fileToBase64(f) };
      setCheck(await call('rounds.checkSheet', loaded));
      setFile(loaded);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function take() {
    if (!file) return;
    setBusy(true); setError(null);
    try {
      const res = await call('rounds.importSheet', file);
      reset();
      onStatus(`Bewertungsbogen von „${res.raterName}“ eingelesen: ${countOf(res.scoreCount, 'Bewertung', 'Bewertungen')}${res.replaced ? ' (ersetzt den früher eingelesenen Bogen)' : ''}. Mit „Rückgängig“ lässt sich das zurücknehmen.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  // The sheet names its own round; read in from this round's page, it must be this round's.
  const otherRound = check?.ok && check.roundId !== r.id;
  return (
    <section className="panel" aria-labelledby={SECTIONS.import}>
      <h2 id={SECTIONS.import} tabIndex={-1}>Ausgefüllten Bewertungsbogen einlesen</h2>
      <p className="hint">Der Bogen wird zuerst geprüft (Plan, Runde, bewertende Stelle, Prüfsumme, Liste der Maßnahmen, Werte 0–10); eingelesen wird er ganz – oder gar nicht.</p>
      <div className="field">
        <label htmlFor={`${id}-f`}>Bewertungsbogen (.xlsx)</label>
        {/* Emptied after each choice, so the same file, corrected, can be chosen again. */}
        <input ref={input} id={`${id}-f`} type="file" accept=".xlsx" disabled={busy}
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; void choose(f); }} />
      </div>
      {chosen ? <p className="muted small">Gewählte Datei: {chosen}</p> : null}
      {check && !check.ok ? (
        <div role="alert" className="alert">
          <p className="strong">Dieser Bogen kann nicht eingelesen werden; es wird nichts geändert.</p>
          <ul>{check.errors.map((m, i) => <li key={i}>{m}</li>)}</ul>
        </div>
      ) : null}
      {otherRound ? (
        <div role="alert" className="alert">
          <p>
            Dieser Bewertungsbogen gehört zur Bewertungsrunde „{check.roundName}“, nicht zu „{r.name}“; es wird nichts geändert.{' '}
            <a href={roundHref(check.roundId!)}>Zur Runde „{check.roundName}“</a>
          </p>
        </div>
      ) : null}
      {check?.ok && !otherRound ? (
        <div className="sheet-preview">
          <p role="status">
            Bogen von „{check.raterName}“ ({check.groupLabel}): {countOf(check.scoreCount, 'Bewertung', 'Bewertungen')}, {countOf(check.emptyCount, 'Feld', 'Felder')} leer.
            {check.replaces ? ' Die früher eingelesenen Bewertungen dieser Stelle werden ersetzt.' : ''}
          </p>
          <div className="form-actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => void take()}>Bogen einlesen</button>
            <button type="button" className="button" disabled={busy} onClick={reset}>Verwerfen</button>
          </div>
        </div>
      ) : null}
      <ErrorAlert message={error} />
    </section>
  );
}

const cellKey = (c: AggregateCell) => `${c.measureId}\u0000${c.criterionId}`;
const range = (a: number | null, b: number | null) => (a === null || b === null ? '–' : `${formatScore(a)}–${formatScore(b)}`);

/** The rated cells: the agenda (groups furthest apart first), then the others in plan order. */
export function agendaOrder(agg: RoundAggregate): AggregateCell[] {
  const onAgenda = new Set(agg.agenda.map(cellKey));
  return [...agg.agenda, ...agg.cells.filter((c) => c.all.n > 0 && !onAgenda.has(cellKey(c)))];
}

function AggregatePanel({ r, agg }: { r: RoundDetail; agg: RoundAggregate }) {
  const id = useId();
  const rows = agendaOrder(agg);
  const unrated = agg.cells.length - rows.length;
  return (
    <section className="panel" aria-labelledby={SECTIONS.result}>
      <h2 id={SECTIONS.result} tabIndex={-1}>Ergebnis und Verhandlungsagenda</h2>
      {agg.ratingCount === 0 ? <p className="muted">Noch keine Bewertungen eingelesen.</p> : (
        <>
          <p className="hint">
            {countOf(agg.ratingCount, 'Bewertung', 'Bewertungen')} aus {countOf(r.raters.filter((x) => x.returned).length, 'Bogen', 'Bögen')}.
            {agg.agenda.length > 0
              ? ` Oben stehen die Maßnahmen und Kriterien, bei denen die Mediane der Gruppen am weitesten auseinanderliegen (${countOf(agg.agenda.length, 'Punkt', 'Punkte')} auf der Agenda). `
              : ' Noch nichts auf der Verhandlungsagenda: Dafür braucht es Bewertungen aus mindestens zwei Gruppen, deren Mediane auseinanderliegen. '}
            Median bei gerader Anzahl: Mittel der beiden mittleren Werte; Quartile wie QUARTIL.INKL in Excel.
            {unrated > 0 ? ` ${countOf(unrated, 'Feld', 'Felder')} ohne Bewertung sind nicht aufgeführt.` : ''}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-cap`}>
            <table className="data-table compact round-table">
              <caption id={`${id}-cap`}>Bewertungen je Maßnahme und Kriterium – größter Abstand zwischen den Gruppen zuerst</caption>
              <thead>
                <tr>
                  <th scope="col">Maßnahme</th>
                  <th scope="col">Kriterium</th>
                  <th scope="col" className="num">Median</th>
                  <th scope="col" className="num">Mittlere Hälfte (Q1–Q3)</th>
                  <th scope="col" className="num">Spanne</th>
                  <th scope="col" className="num">Anzahl</th>
                  {agg.groups.map((g) => <th key={g} scope="col" className="num">Median {RATER_GROUP_LABELS[g]}</th>)}
                  <th scope="col" className="num">Abstand der Gruppen</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={cellKey(c)}>
                    <th scope="row" className="row-head"><span className="strong">{c.code}</span> <span className="measure-title">{c.title}</span></th>
                    <td>{c.criterionName}</td>
                    <td className="num">{formatScore(c.all.median)}</td>
                    <td className="num">{range(c.all.q1, c.all.q3)}</td>
                    <td className="num">{range(c.all.min, c.all.max)}</td>
                    <td className="num">{c.all.n}</td>
                    {agg.groups.map((g) => <td key={g} className="num">{formatScore(c.byGroup[g]?.median ?? null)}</td>)}
                    <td className="num">
                      {formatScore(c.groupSpread)}
                      {c.highGroup && c.lowGroup && c.groupSpread ? <span className="muted small"> ({RATER_GROUP_LABELS[c.highGroup]} höher als {RATER_GROUP_LABELS[c.lowGroup]})</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ApplyPanel({ r, agg, onStatus }: { r: RoundDetail; agg: RoundAggregate; onStatus: (s: string) => void }) {
  const { call } = useBackend();
  const id = useId();
  const [mode, setMode] = useState<AggregateMode>('alle');
  const [group, setGroup] = useState<RaterGroup | ''>('');
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (agg.ratingCount === 0) return null;
  const chosenGroup = mode === 'gruppe' && group ? group : undefined;
  const count = agg.cells.filter((c) => chosenValue(c, mode, chosenGroup) !== null).length;
  const label = mode === 'gruppe' && group ? `Median der Gruppe ${RATER_GROUP_LABELS[group]}` : AGGREGATE_MODE_LABELS[mode];

  function ask(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (mode === 'gruppe' && !group) { setError('Bitte die Gruppe wählen, deren Median übernommen wird.'); return; }
    setConfirm(true);
  }

  async function apply() {
    setBusy(true); setError(null);
    try {
      const res = await call('rounds.applyToScores', { id: r.id, mode, group: chosenGroup });
      onStatus(res.changed === 0
        ? 'Die Nutzwertanalyse hatte diese Werte schon; nichts geändert.'
        : `${label} in die Nutzwertanalyse übernommen: ${countOf(res.changed, 'Änderung', 'Änderungen')}${res.skipped ? `, ${res.skipped} übersprungen (Maßnahme oder Kriterium nicht mehr im Plan)` : ''}. Mit „Rückgängig“ lässt sich das zurücknehmen.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false); setConfirm(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={SECTIONS.apply}>
      <h2 id={SECTIONS.apply} tabIndex={-1}>In die Nutzwertanalyse übernehmen</h2>
      <p className="hint">
        Der gewählte Wert wird für jedes bewertete Feld als „Bewertung 1“ der <a href={hrefFor({ view: 'prioritaeten' })}>Nutzwertanalyse</a> eingetragen,
        auf ganze Punkte gerundet (6,5 → 7); eine Zweitbewertung dieser Felder wird entfernt. Felder ohne Bewertung in der Runde bleiben, wie sie sind.
      </p>
      <form className="inline-form" onSubmit={ask} noValidate aria-label="Ergebnis übernehmen">
        <div className="field">
          <label htmlFor={`${id}-m`}>Welcher Wert?</label>
          <select id={`${id}-m`} value={mode} onChange={(e) => setMode(e.target.value as AggregateMode)}>
            {AGGREGATE_MODES.map((m) => <option key={m} value={m}>{AGGREGATE_MODE_LABELS[m]}</option>)}
          </select>
        </div>
        {mode === 'gruppe' ? (
          <div className="field">
            <label htmlFor={`${id}-g`}>Gruppe</label>
            <select id={`${id}-g`} value={group} onChange={(e) => setGroup(e.target.value as RaterGroup | '')}>
              <option value="">– bitte wählen –</option>
              {agg.groups.map((g) => <option key={g} value={g}>{RATER_GROUP_LABELS[g]}</option>)}
            </select>
          </div>
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>Übernehmen…</button>
      </form>
      <ErrorAlert message={error} />
      {confirm ? (
        <ConfirmDialog title="In die Nutzwertanalyse übernehmen?" confirmLabel="Übernehmen" busy={busy} onConfirm={() => void apply()} onClose={() => setConfirm(false)}>
          <p>
            Der <strong>{label}</strong> der Runde „{r.name}“ wird für {countOf(count, 'Feld', 'Felder')} (Maßnahme × Kriterium) als Bewertung in die
            Nutzwertanalyse geschrieben, auf ganze Punkte gerundet. Bisherige Bewertungen dieser Felder werden ersetzt. Mit „Rückgängig“ lässt sich das zurücknehmen.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
