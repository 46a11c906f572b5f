// The Umsetzung of one measure: Ampel with its reasons and the override (never without a reason),
// Ist and Fördermittelabruf per budget line, Messwerte per indicator with a chart, and the
// Umsetzungsschritte with the day they were done. Every save is one undo step; a failed save
// keeps what was typed.
import { useId, useState, type FormEvent } from 'react';
import { COST_KIND_LABELS, FUNDING_KIND_LABELS, type CostKind, type FundingKind } from '../../../../shared/domain/enums.ts';
import { formatCents, parseEuroToCents } from '../../../../shared/domain/money.ts';
import {
  ACTUAL_KIND_LABELS, AMPEL_LABELS, AMPEL_SYMBOLS, AMPELN, formatDue, formatNumber, germanDay, type ActualKind, type Ampel,
  type MonitoringIndicator, type MonitoringMeasure,
} from '../../../../shared/domain/monitoring.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { useSectionAction } from '../measures/sheet/useSectionAction.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import { AmpelBadge, IndicatorChart, parseGermanNumber, today, useStichtag } from './common.tsx';
import { MAX_DATE, MIN_DATE } from '../../../../shared/domain/vorlage.ts';

function AmpelSection({ m }: { m: MonitoringMeasure }) {
  const { call } = useBackend();
  const id = useId();
  const { run: save, error, status } = useSectionAction();
  const [ampel, setAmpel] = useState<Ampel | ''>(m.ampel.override?.ampel ?? '');
  const [reason, setReason] = useState(m.ampel.override?.reason ?? '');
  const [local, setLocal] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setLocal(null);
    if (ampel !== '' && reason.trim() === '') { setLocal('Bitte begründen, warum die Ampel von Hand gesetzt wird.'); return; }
    await save(() => call('ampel.override', { measureId: m.measureId, ampel: ampel === '' ? null : ampel, reason }),
      ampel === '' ? 'Die Ampel wird wieder abgeleitet.' : `Ampel von Hand auf „${AMPEL_LABELS[ampel]}“ gesetzt.`);
  }

  const reasons = m.ampel.reasons;
  return (
    <section className="mon-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Ampel</h2>
      <p>
        <AmpelBadge ampel={m.ampel.effective} manual={m.ampel.override !== null} />
        {m.ampel.override ? <> – abgeleitet wäre: {AMPEL_SYMBOLS[m.ampel.derived]} {AMPEL_LABELS[m.ampel.derived]}. Begründung: {m.ampel.override.reason}</> : null}
      </p>
      {reasons.length ? <ul className="mon-reasons">{reasons.map((r) => <li key={r.text}>{r.text}</li>)}</ul> : <p className="hint">Keine Auffälligkeiten zum Stichtag.</p>}
      <form className="mon-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-a`}>Ampel von Hand</label>
          <select id={`${id}-a`} value={ampel} onChange={(e) => setAmpel(e.target.value as Ampel | '')}>
            <option value="">abgeleitet ({AMPEL_LABELS[m.ampel.derived]})</option>
            {AMPELN.map((a) => <option key={a} value={a}>{AMPEL_SYMBOLS[a]} {AMPEL_LABELS[a]}</option>)}
          </select>
        </div>
        <div className="field" style={{ flex: '1 1 280px' }}>
          <label htmlFor={`${id}-r`}>Begründung</label>
          <textarea id={`${id}-r`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={local ? true : undefined} aria-describedby={local ? `${id}-e` : undefined} />
        </div>
        <button type="submit" className="button">Ampel speichern</button>
      </form>
      <ErrorAlert id={`${id}-e`} message={local ?? error} />
      <StatusLine>{status}</StatusLine>
    </section>
  );
}

function MoneySection({ m }: { m: MonitoringMeasure }) {
  const { call } = useBackend();
  const id = useId();
  const { run: save, error, status } = useSectionAction();
  const firstYear = m.lines[0]?.year ?? Number(m.stichtag.slice(0, 4));
  const [lineId, setLineId] = useState(m.lines[0]?.id ?? '');
  const [kind, setKind] = useState<ActualKind>('ist');
  const [year, setYear] = useState(String(firstYear));
  const [quarter, setQuarter] = useState('');
  const [amount, setAmount] = useState('');
  const [source, setSource] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const line = m.lines.find((l) => l.id === lineId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setLocal(null);
    const cents = parseEuroToCents(amount);
    const y = Number(year);
    if (!line) { setLocal('Bitte eine Budgetposition wählen.'); return; }
    if (!Number.isInteger(y) || y < 2000 || y > 2100) { setLocal('Bitte ein Jahr zwischen 2000 und 2100 angeben.'); return; }
    if (cents === null || cents < 0) { setLocal('Bitte einen Betrag in Euro eintragen, z. B. 12.500 oder 12.500,00.'); return; }
    const ok = await save(() => call('actuals.save', { budgetLineId: line.id, kind, year: y, quarter: quarter === '' ? null : (Number(quarter) as 1 | 2 | 3 | 4), amountCents: cents, source }),
      `${kind === 'ist' ? 'Ist' : 'Abruf'} ${quarter ? `Q${quarter}/` : ''}${y}: ${formatCents(cents)} gespeichert.`);
    if (ok) { setAmount(''); setSource(''); }
  }

  const lineLabel = (l: MonitoringMeasure['lines'][number]) => `${l.year} – ${COST_KIND_LABELS[l.costKind as CostKind] ?? l.costKind}, ${FUNDING_KIND_LABELS[l.fundingKind as FundingKind] ?? l.fundingKind}: ${formatCents(l.amountCents)}`;
  return (
    <section className="mon-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Mittelabfluss</h2>
      <p>Soll bis Stichtag {formatCents(m.ampel.expectedCents)}, Ist {formatCents(m.ampel.istCents)}{m.ampel.abflussPercent !== null ? ` (${m.ampel.abflussPercent} %)` : ''}.</p>
      {m.lines.length === 0 ? <p className="hint">Für diese Maßnahme sind keine Budgetpositionen eingeplant.</p> : (
        <>
          <div className="table-wrap">
            <table className="data-table compact">
              <caption className="visually-hidden">Budgetpositionen mit Ist und Abruf</caption>
              <thead><tr><th scope="col">Budgetposition</th><th scope="col" className="num">Soll</th><th scope="col">Ist und Abruf</th></tr></thead>
              <tbody>
                {m.lines.map((l) => (
                  <tr key={l.id}>
                    <th scope="row" className="row-head">{lineLabel(l)}</th>
                    <td className="num">{formatCents(l.amountCents)}</td>
                    <td>
                      {l.actuals.length === 0 ? <span className="muted">noch nichts erfasst</span> : (
                        <ul className="mon-changes">
                          {l.actuals.map((a) => (
                            <li key={a.id}>
                              {a.kind === 'ist' ? 'Ist' : 'Abruf'} {a.quarter ? `Q${a.quarter}/` : ''}{a.year}: {formatCents(a.amountCents)}{a.source ? ` (${a.source})` : ''}{' '}
                              <button type="button" className="button quiet small danger-text" aria-label={`${a.kind === 'ist' ? 'Ist' : 'Abruf'} ${a.quarter ? `Q${a.quarter}/` : ''}${a.year} löschen`}
                                onClick={() => void save(() => call('actuals.delete', { id: a.id }), 'Eintrag gelöscht.')}>löschen</button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form className="mon-form" onSubmit={submit} noValidate aria-label="Ist erfassen">
            <div className="field" style={{ flex: '1 1 260px' }}>
              <label htmlFor={`${id}-l`}>Budgetposition</label>
              <select id={`${id}-l`} value={lineId} onChange={(e) => { setLineId(e.target.value); const l = m.lines.find((x) => x.id === e.target.value); if (l) setYear(String(l.year)); }}>
                {m.lines.map((l) => <option key={l.id} value={l.id}>{lineLabel(l)}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-k`}>Art</label>
              <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as ActualKind)}>
                <option value="ist">{ACTUAL_KIND_LABELS.ist}</option>
                {line?.fundingKind === 'foerdermittel' ? <option value="abruf">{ACTUAL_KIND_LABELS.abruf}</option> : null}
              </select>
            </div>
            <div className="field"><label htmlFor={`${id}-y`}>Jahr</label><input id={`${id}-y`} inputMode="numeric" size={5} value={year} onChange={(e) => setYear(e.target.value)} /></div>
            <div className="field">
              <label htmlFor={`${id}-q`}>Quartal</label>
              <select id={`${id}-q`} value={quarter} onChange={(e) => setQuarter(e.target.value)}>
                <option value="">ganzes Jahr</option>
                {[1, 2, 3, 4].map((q) => <option key={q} value={q}>Q{q}</option>)}
              </select>
            </div>
            <div className="field"><label htmlFor={`${id}-b`}>Betrag in €</label><input id={`${id}-b`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={local ? true : undefined} /></div>
            <div className="field"><label htmlFor={`${id}-s`}>Quelle</label><input id={`${id}-s`} value={source} onChange={(e) => setSource(e.target.value)} /></div>
            <button type="submit" className="button">Ist speichern</button>
          </form>
        </>
      )}
      <ErrorAlert message={local ?? error} />
      <StatusLine>{status}</StatusLine>
    </section>
  );
}

function IndicatorBlock({ i }: { i: MonitoringIndicator }) {
  const { call } = useBackend();
  const id = useId();
  const { run: save, error, status } = useSectionAction();
  const [date, setDate] = useState(today);
  const [value, setValue] = useState('');
  const [source, setSource] = useState(i.dataSource);
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setLocal(null);
    const v = parseGermanNumber(value);
    if (v === null) { setLocal('Bitte den Messwert als Zahl eintragen, z. B. 12 oder 12,5.'); return; }
    const ok = await save(() => call('measurements.save', { indicatorId: i.id, date, value: v, source, note }), `Messwert ${formatNumber(v)} vom ${germanDay(date)} gespeichert.`);
    if (ok) { setValue(''); setNote(''); }
  }

  return (
    <section className="mon-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{i.name}</h3>
      <p className="hint">Ausgangswert {i.baseline || '–'}, Zielwert {i.target || '–'}{i.targetYear ? ` bis ${i.targetYear}` : ''}. {i.progress.text}.</p>
      <IndicatorChart name={i.name} values={i.values} baseline={i.progress.baselineValue} target={i.progress.targetValue} />
      {i.values.length ? (
        <table className="data-table compact">
          <caption className="visually-hidden">Messwerte: {i.name}</caption>
          <thead><tr><th scope="col">Datum</th><th scope="col" className="num">Wert</th><th scope="col">Quelle</th><th scope="col"><span className="visually-hidden">Aktionen</span></th></tr></thead>
          <tbody>
            {i.values.map((v) => (
              <tr key={v.id}>
                <td>{germanDay(v.date)}</td><td className="num">{formatNumber(v.value)}</td><td>{v.source}{v.note ? ` – ${v.note}` : ''}</td>
                <td className="actions"><button type="button" className="button quiet small danger-text" aria-label={`Messwert vom ${germanDay(v.date)} löschen`} onClick={() => void save(() => call('measurements.delete', { id: v.id }), 'Messwert gelöscht.')}>löschen</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="mon-form" onSubmit={submit} noValidate aria-label={`Messwert erfassen: ${i.name}`}>
        <div className="field"><label htmlFor={`${id}-d`}>Datum</label><input id={`${id}-d`} type="date" min={MIN_DATE} max={MAX_DATE} value={date} onChange={(e) => setDate(e.target.value)} /></div>
        <div className="field"><label htmlFor={`${id}-v`}>Wert</label><input id={`${id}-v`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={local ? true : undefined} /></div>
        <div className="field"><label htmlFor={`${id}-s`}>Quelle</label><input id={`${id}-s`} value={source} onChange={(e) => setSource(e.target.value)} /></div>
        <div className="field"><label htmlFor={`${id}-n`}>Notiz</label><input id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} /></div>
        <button type="submit" className="button">Messwert speichern</button>
      </form>
      <ErrorAlert message={local ?? error} />
      <StatusLine>{status}</StatusLine>
    </section>
  );
}

function MilestonesSection({ m }: { m: MonitoringMeasure }) {
  const { call } = useBackend();
  const id = useId();
  const { run: save, error, status } = useSectionAction();
  const [days, setDays] = useState<Record<string, string>>({});
  return (
    <section className="mon-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Umsetzungsschritte</h2>
      {m.milestones.length === 0 ? <p className="hint">Für diese Maßnahme sind keine Umsetzungsschritte festgelegt.</p> : (
        <table className="data-table compact">
          <caption className="visually-hidden">Umsetzungsschritte mit Termin und Stand</caption>
          <thead><tr><th scope="col">Schritt</th><th scope="col">Termin</th><th scope="col">Stand</th><th scope="col"><span className="visually-hidden">Aktionen</span></th></tr></thead>
          <tbody>
            {m.milestones.map((x) => (
              <tr key={x.id}>
                <th scope="row" className="row-head">{x.title}</th>
                <td>{formatDue(x.dueYear, x.dueQuarter)}</td>
                <td>
                  {x.done ? `erledigt${x.doneOn ? ` am ${germanDay(x.doneOn)}` : ''}${x.late ? ' (verspätet)' : ''}`
                    : x.overdue ? <span className="ampel ampel-verzoegert"><span aria-hidden="true">■ </span>überfällig</span> : 'offen'}
                </td>
                <td className="actions">
                  {x.done ? (
                    <button type="button" className="button small" aria-label={`Wieder öffnen: ${x.title}`} onClick={() => void save(() => call('milestones.setDone', { id: x.id, done: false }), `„${x.title}“ ist wieder offen.`)}>Wieder öffnen</button>
                  ) : (
                    <span className="mon-form" style={{ margin: 0 }}>
                      <label className="visually-hidden" htmlFor={`${id}-${x.id}`}>Erledigt am: {x.title}</label>
                      <input id={`${id}-${x.id}`} type="date" min={MIN_DATE} max={MAX_DATE} value={days[x.id] ?? today()} onChange={(e) => setDays((d) => ({ ...d, [x.id]: e.target.value }))} />
                      <button type="button" className="button small" aria-label={`Erledigt: ${x.title}`}
                        onClick={() => { const doneOn = days[x.id] ?? today(); void save(() => call('milestones.setDone', { id: x.id, done: true, doneOn }), `„${x.title}“ am ${germanDay(doneOn)} erledigt.`); }}>
                        Erledigt
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorAlert message={error} />
      <StatusLine>{status}</StatusLine>
    </section>
  );
}

export function UmsetzungMeasureView({ id }: { id: string }) {
  const wb = useWorkbench();
  const [stichtag, setStichtag] = useStichtag();
  const [draftDay, setDraftDay] = useState(stichtag);
  const { data, error } = usePlanData('monitoring.measure', { measureId: id, stichtag });
  if (!data) {
    return (
      <>
        <ViewHeading placeholder>Umsetzung</ViewHeading>
        <ErrorAlert message={error} />
        {error ? null : <p role="status">Die Umsetzung wird geladen …</p>}
      </>
    );
  }
  return (
    <>
      <nav aria-label="Pfad" className="hint"><a href={hrefFor({ view: 'umsetzung' })}>Umsetzung und Steuerung</a> › {data.code}</nav>
      <ViewHeading>Umsetzung: {data.code} {data.title}</ViewHeading>
      <form className="mon-form" onSubmit={(e) => { e.preventDefault(); if (/^\d{4}-\d{2}-\d{2}$/u.test(draftDay)) setStichtag(draftDay); }}>
        <div className="field"><label htmlFor="mon-m-st">Stichtag</label><input id="mon-m-st" type="date" min={MIN_DATE} max={MAX_DATE} value={draftDay} onChange={(e) => setDraftDay(e.target.value)} /></div>
        <button type="submit" className="button small">Stichtag übernehmen</button>
        <a href={hrefFor({ view: 'massnahme', id: data.measureId })}>Maßnahmenblatt öffnen</a>
      </form>
      <ErrorAlert message={error} />
      {/* Forms restart from the data after undo/redo or a plan switch, never while the planner types. */}
      <AmpelSection key={`a-${wb.externalRevision}`} m={data} />
      <MoneySection key={`m-${wb.externalRevision}`} m={data} />
      <section className="mon-section" aria-labelledby="mon-ind-h">
        <h2 id="mon-ind-h">Indikatoren</h2>
        {data.indicators.length === 0 ? <p className="hint">Für diese Maßnahme sind keine Erfolgsindikatoren festgelegt.</p>
          : data.indicators.map((i) => <IndicatorBlock key={`${i.id}-${wb.externalRevision}`} i={i} />)}
      </section>
      <MilestonesSection key={`s-${wb.externalRevision}`} m={data} />
    </>
  );
}
