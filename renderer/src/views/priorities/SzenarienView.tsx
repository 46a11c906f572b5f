// Szenarien: the Arbeitsstand (weights, Haushaltsrahmen, fixed decisions) saved under a name, to
// apply later or to compare two side by side: which measures are in one plan and not the other,
// and what that means for the Nutzwert and the money.
import { countOf } from '../../../../shared/domain/plural.ts';
import { useId, useState, type FormEvent } from 'react';
import { formatCents } from '../../../../shared/domain/money.ts';
import { ARBEITSSTAND, type Scenario, type ScenarioComparison, type ScenarioOutcome } from '../../../../shared/domain/priorities.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { formatDateTime, messageOf } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { usePlanData } from '../../data/usePlanData.ts';

const signed = (c: number) => `${c > 0 ? '+' : c < 0 ? '−' : '±'}${formatCents(Math.abs(c))}`;
const fixedLabel = (f: 'in' | 'out' | null) => (f === 'in' ? 'fest eingeplant' : f === 'out' ? 'ausgeschlossen' : 'offen');

function summary(s: Scenario): string {
  const frames = Object.entries(s.settings.frames).sort((a, b) => Number(a[0]) - Number(b[0]));
  const fixed = Object.values(s.settings.fixed);
  const fin = fixed.filter((f) => f.fixed === 'in').length;
  const fout = fixed.length - fin;
  return `${frames.length === 0 ? 'keine Haushaltsrahmen' : `Rahmen ${frames.map(([y, c]) => `${y}: ${formatCents(c)}`).join(', ')}`} · ${fin} fest eingeplant, ${fout} ausgeschlossen`;
}

function OutcomeColumn({ o, label, only }: { o: ScenarioOutcome; label: string; only: Set<string> }) {
  return (
    <section className="panel compare-col" aria-label={`${label}: ${o.name}`}>
      <h3>{label}: {o.name}</h3>
      <p>Status: <strong>{o.statusText}</strong></p>
      {o.problems.length > 0 ? <ul className="problem-list">{o.problems.map((p, i) => <li key={i}>{p}</li>)}</ul> : null}
      <dl className="facts">
        <div><dt>Maßnahmen im Plan</dt><dd>{o.selected.length}</dd></div>
        <div><dt>Gesamtnutzwert</dt><dd>{o.totalValueText}</dd></div>
        <div><dt>Eigenanteil (alle Jahre)</dt><dd>{formatCents(o.eigenanteilCents)}</dd></div>
        <div><dt>Gesamtkosten</dt><dd>{formatCents(o.costCents)}</dd></div>
      </dl>
      <h4>Im Plan</h4>
      <ul className="plain-list">
        {o.selected.map((m) => (
          <li key={m.measureId}>
            <span className="strong">{m.code}</span> {m.title}{' '}
            <span className="muted">(Rang {o.ranks[m.measureId] ?? '–'}, Nutzwert {o.nutzwerte[m.measureId] ?? '–'})</span>
            {only.has(m.measureId) ? <span className="marker info">nur hier</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Comparison({ c }: { c: ScenarioComparison }) {
  const years = c.years;
  return (
    <div className="compare">
      <div className="compare-summary panel">
        <h3>Unterschiede</h3>
        <ul className="plain-list">
          <li><span className="strong">Nur in „{c.a.name}“:</span> {c.onlyInA.length === 0 ? 'keine' : c.onlyInA.map((m) => `${m.code} ${m.title}`).join('; ')}</li>
          <li><span className="strong">Nur in „{c.b.name}“:</span> {c.onlyInB.length === 0 ? 'keine' : c.onlyInB.map((m) => `${m.code} ${m.title}`).join('; ')}</li>
          <li><span className="strong">In beiden:</span> {countOf(c.inBoth.length, 'Maßnahme', 'Maßnahmen')}</li>
          <li><span className="strong">Gesamtnutzwert B gegenüber A:</span> {c.valueDiffText}</li>
          <li><span className="strong">Eigenanteil B gegenüber A:</span> {signed(c.eigenanteilDiffCents)} · <span className="strong">Gesamtkosten:</span> {signed(c.costDiffCents)}</li>
        </ul>
        {years.length > 0 ? (
          <table className="data-table compact">
            <caption>Haushaltsrahmen und Eigenanteil je Jahr</caption>
            <thead>
              <tr><th scope="col">Jahr</th><th scope="col" className="num">Rahmen A</th><th scope="col" className="num">verplant A</th><th scope="col" className="num">Rahmen B</th><th scope="col" className="num">verplant B</th></tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y}>
                  <th scope="row">{y}</th>
                  <td className="num">{c.a.framesByYear[String(y)] != null ? formatCents(c.a.framesByYear[String(y)]) : '–'}</td>
                  <td className="num">{formatCents(c.a.usedByYear[String(y)] ?? 0)}</td>
                  <td className="num">{c.b.framesByYear[String(y)] != null ? formatCents(c.b.framesByYear[String(y)]) : '–'}</td>
                  <td className="num">{formatCents(c.b.usedByYear[String(y)] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {c.weightDiffs.length > 0 ? (
          <p><span className="strong">Andere Gewichte:</span> {c.weightDiffs.map((w) => `${w.name}: ${w.a ?? '–'} → ${w.b ?? '–'} Punkte`).join('; ')}</p>
        ) : null}
        {c.fixedDiffs.length > 0 ? (
          <p><span className="strong">Andere Festlegungen:</span> {c.fixedDiffs.map((f) => `${f.code}: ${fixedLabel(f.a)} → ${fixedLabel(f.b)}`).join('; ')}</p>
        ) : null}
        {c.rankChanges.length > 0 ? (
          <p><span className="strong">Andere Ränge:</span> {c.rankChanges.map((r) => `${r.code}: ${r.a ?? 'KO'} → ${r.b ?? 'KO'}`).join('; ')}</p>
        ) : null}
      </div>
      <div className="compare-cols">
        <OutcomeColumn o={c.a} label="A" only={new Set(c.onlyInA.map((m) => m.measureId))} />
        <OutcomeColumn o={c.b} label="B" only={new Set(c.onlyInB.map((m) => m.measureId))} />
      </div>
    </div>
  );
}

export function SzenarienView() {
  const { call } = useBackend();
  const id = useId();
  const list = usePlanData('scenarios.list', {});
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<{ kind: 'apply' | 'delete' | 'overwrite'; s: Scenario } | null>(null);
  const [a, setA] = useState(ARBEITSSTAND);
  const [b, setB] = useState('');
  const [cmp, setCmp] = useState<ScenarioComparison | null>(null);
  const [cmpError, setCmpError] = useState<string | null>(null);
  const [cmpBusy, setCmpBusy] = useState(false);
  const scenarios = list.data ?? [];

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const s = await call('scenarios.save', { name, description });
      setName(''); setDescription('');
      setStatus(`Szenario „${s.name}“ gespeichert.`);
      if (!b) setB(s.id);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function act(kind: 'apply' | 'delete' | 'overwrite', s: Scenario) {
    setBusy(true); setError(null);
    try {
      if (kind === 'apply') await call('scenarios.apply', { id: s.id });
      else if (kind === 'delete') await call('scenarios.delete', { id: s.id });
      else await call('scenarios.save', { id: s.id, name: s.name, takeCurrent: true });
      setConfirm(null);
      if (kind === 'delete') { if (a === s.id) setA(ARBEITSSTAND); if (b === s.id) setB(''); setCmp(null); }
      setStatus(kind === 'apply' ? `Szenario „${s.name}“ ist jetzt der Arbeitsstand.` : kind === 'delete' ? `Szenario „${s.name}“ gelöscht.` : `Szenario „${s.name}“ mit dem Arbeitsstand überschrieben.`);
    } catch (err) {
      setConfirm(null);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function compare(e: FormEvent) {
    e.preventDefault();
    setCmpError(null);
    if (!b) { setCmpError('Bitte für B ein Szenario wählen.'); return; }
    if (a === b) { setCmpError('Bitte zwei verschiedene Stände wählen.'); return; }
    setCmpBusy(true);
    try {
      setCmp(await call('scenarios.compare', { a, b }));
    } catch (err) {
      setCmpError(messageOf(err));
    } finally {
      setCmpBusy(false);
    }
  }

  const choices = [{ id: ARBEITSSTAND, label: 'Arbeitsstand' }, ...scenarios.map((s) => ({ id: s.id, label: `Szenario „${s.name}“` }))];
  return (
    <>
      <div className="view-head">
        <ViewHeading>Szenarien</ViewHeading>
        <p className="lead">
          Ein Szenario hält Gewichte, Haushaltsrahmen und Festlegungen unter einem Namen fest – etwa „Verwaltungsentwurf“ und „Mobilität zuerst“.
          So lassen sich Varianten nebeneinanderstellen und im Gremium begründet entscheiden. Der aktuelle Stand heißt „Arbeitsstand“.
        </p>
      </div>
      <StatusLine className="notice">{status}</StatusLine>
      <ErrorAlert message={list.error ?? error} />

      <div className="grid-2">
        <section className="panel" aria-labelledby={`${id}-save`}>
          <h2 id={`${id}-save`}>Arbeitsstand als Szenario speichern</h2>
          <form className="form" onSubmit={save} noValidate>
            <div className="field">
              <label htmlFor={`${id}-n`}>Name</label>
              <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} placeholder="z. B. Verwaltungsentwurf" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-d`}>Beschreibung <span className="req">(optional)</span></label>
              <textarea id={`${id}-d`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
            </div>
            <div className="form-actions"><button type="submit" className="button primary" disabled={busy}>Szenario speichern</button></div>
          </form>
        </section>

        <section className="panel" aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`}>Gespeicherte Szenarien ({scenarios.length})</h2>
          {scenarios.length === 0 ? <p className="muted">Noch keine Szenarien. Links den Arbeitsstand unter einem Namen speichern.</p> : (
            <ul className="scenario-list">
              {scenarios.map((s) => (
                <li key={s.id}>
                  <div>
                    <p className="strong">{s.name}</p>
                    {s.description ? <p className="small">{s.description}</p> : null}
                    <p className="muted small">{summary(s)}</p>
                    <p className="muted small">gespeichert {formatDateTime(s.updatedAt)}{s.createdBy ? ` von ${s.createdBy}` : ''}</p>
                  </div>
                  <div className="scenario-actions">
                    <button type="button" className="button small" onClick={() => setConfirm({ kind: 'apply', s })} aria-label={`Szenario ${s.name} anwenden`}>Anwenden</button>
                    <button type="button" className="button small quiet" onClick={() => setConfirm({ kind: 'overwrite', s })} aria-label={`Szenario ${s.name} mit dem Arbeitsstand überschreiben`}>Überschreiben</button>
                    <button type="button" className="button small quiet danger-text" onClick={() => setConfirm({ kind: 'delete', s })} aria-label={`Szenario ${s.name} löschen`}>Löschen</button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby={`${id}-cmp`}>
        <h2 id={`${id}-cmp`}>Zwei Stände vergleichen</h2>
        <p className="hint">Für beide Stände wird der beste Plan im Haushaltsrahmen berechnet und gegenübergestellt.</p>
        <form className="inline-form" onSubmit={compare} noValidate>
          <div className="field">
            <label htmlFor={`${id}-a`}>A</label>
            <select id={`${id}-a`} value={a} onChange={(e) => setA(e.target.value)}>{choices.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}</select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-b`}>B</label>
            <select id={`${id}-b`} value={b} onChange={(e) => setB(e.target.value)}>
              <option value="">– bitte wählen –</option>
              {choices.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </select>
          </div>
          <button type="submit" className="button primary" disabled={cmpBusy}>{cmpBusy ? 'Wird berechnet…' : 'Vergleichen'}</button>
        </form>
        <ErrorAlert message={cmpError} />
        <div aria-live="polite">{cmp ? <Comparison c={cmp} /> : null}</div>
        <p className="hint">Ein einzelnes Szenario im Detail (mit Begründungen): unter <a href={hrefFor({ view: 'optimierung' })}>Optimierung</a> als Grundlage wählen.</p>
      </section>

      {confirm ? (
        <ConfirmDialog
          title={confirm.kind === 'apply' ? 'Szenario anwenden?' : confirm.kind === 'delete' ? 'Szenario löschen?' : 'Szenario überschreiben?'}
          confirmLabel={confirm.kind === 'apply' ? 'Anwenden' : confirm.kind === 'delete' ? 'Löschen' : 'Überschreiben'}
          busy={busy} onConfirm={() => void act(confirm.kind, confirm.s)} onClose={() => setConfirm(null)}>
          {confirm.kind === 'apply' ? <p>Gewichte, Haushaltsrahmen und Festlegungen des Arbeitsstands werden durch die von <strong>{confirm.s.name}</strong> ersetzt. Mit „Rückgängig“ lässt sich das zurücknehmen.</p>
            : confirm.kind === 'delete' ? <p>Soll das Szenario <strong>{confirm.s.name}</strong> gelöscht werden? Der Arbeitsstand bleibt unverändert.</p>
              : <p>Das Szenario <strong>{confirm.s.name}</strong> erhält die Gewichte, Rahmen und Festlegungen des aktuellen Arbeitsstands.</p>}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
