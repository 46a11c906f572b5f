// Katalog: the seven Baustellen of the Impulspapier with their Grundmauern and Fragen,
// and the way from a Grundmauer to a measure of the plan.
import { useEffect, useMemo, useState } from 'react';
import { ACTOR_GROUP_LABELS } from '../../../../shared/catalogue/types.ts';
import type { Baustelle, CatalogueItem } from '../../../../shared/catalogue/types.ts';
import type { MeasureRow } from '../../../../shared/domain/types.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert } from '../../components/Messages.tsx';
import { groupByActor, messageOf } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';

export function CatalogueView({ focusBaustelle }: { focusBaustelle?: string }) {
  const wb = useWorkbench();
  const catalogue = wb.catalogue;
  const { call } = useBackend();
  const [error, setError] = useState<{ itemId: string; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const adoptedBy = useMemo(() => {
    const map = new Map<string, MeasureRow[]>();
    for (const m of wb.measures) {
      for (const id of [...m.grundmauerIds, ...m.frageIds]) {
        const list = map.get(id);
        if (list) list.push(m); else map.set(id, [m]);
      }
    }
    return map;
  }, [wb.measures]);

  useEffect(() => {
    if (!focusBaustelle) return;
    const el = document.getElementById(`baustelle-${focusBaustelle}`);
    el?.closest('section')?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  }, [focusBaustelle, catalogue]);

  async function adopt(item: CatalogueItem) {
    setBusy(item.id); setError(null);
    try {
      const m = await call('measures.adopt', { grundmauerId: item.id });
      wb.notify(`Als Maßnahme ${m.code} übernommen (Status „Idee“). Ziel, Bedarf, Zuständigkeiten und Budget ergänzen Sie in der Maßnahme.`);
    } catch (e) {
      setError({ itemId: item.id, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  }

  if (!catalogue) return <ViewHeading placeholder>Katalog</ViewHeading>;
  const src = catalogue.source;
  return (
    <>
      <div className="view-head">
        <ViewHeading>Katalog: die sieben Baustellen</ViewHeading>
        <p className="lead">
          Grundmauern sind bewährte Empfehlungen, die Fragen laden zum gemeinsamen Weiterbau vor Ort ein.
          Übernehmen Sie eine Grundmauer als Maßnahme oder legen Sie in einer Baustelle eine eigene Maßnahme an.
        </p>
      </div>
      <div className="catalogue-layout">
        <nav className="catalogue-toc" aria-label="Baustellen">
          <ol>
            {catalogue.baustellen.map((b) => (
              <li key={b.id}>
                <a href={hrefFor({ view: 'katalog', baustelleId: b.id })} aria-current={focusBaustelle === b.id ? 'location' : undefined}>
                  <span className="toc-num">{b.number}</span> {b.shortTitle}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="catalogue-content">
          {catalogue.baustellen.map((b) => (
            <BaustelleSection key={b.id} b={b} adoptedBy={adoptedBy} busy={busy} error={error} onAdopt={adopt} />
          ))}
          <section className="panel source" aria-labelledby="source-h">
            <h2 id="source-h">Quelle</h2>
            <p className="citation">{src.citation}</p>
            <p className="muted">{src.programme}. © {src.licence.split('\n').join(', ')}</p>
          </section>
        </div>
      </div>
    </>
  );
}

function BaustelleSection({ b, adoptedBy, busy, error, onAdopt }: {
  b: Baustelle;
  adoptedBy: Map<string, MeasureRow[]>;
  busy: string | null;
  error: { itemId: string; text: string } | null;
  onAdopt: (item: CatalogueItem) => void;
}) {
  const headingId = `baustelle-${b.id}`;
  const [open, setOpen] = useState(false);
  const measuresHere = useWorkbench().measures.filter((m) => m.baustelleId === b.id).length;
  return (
    <section className="panel baustelle" aria-labelledby={headingId}>
      <div className="baustelle-head">
        <h2 id={headingId} tabIndex={-1}>
          <span className="baustelle-num">Baustelle {b.number}</span> {b.shortTitle}
        </h2>
        <a className="link-cta" href={hrefFor({ view: 'neu', baustelleId: b.id })}>Neue Maßnahme in dieser Baustelle</a>
      </div>
      <p className="subtitle">{b.subtitle}</p>
      <p className={open ? 'summary' : 'summary clamped'} id={`summary-${b.id}`}>{b.summary}</p>
      <div className="baustelle-facts">
        <button type="button" className="link-button" aria-expanded={open} aria-controls={`summary-${b.id}`} onClick={() => setOpen(!open)}>
          {open ? 'Zusammenfassung kürzen' : 'Ganze Zusammenfassung lesen'}
        </button>
        <span className="muted small">Impulspapier S. {b.pages} · {measuresHere === 1 ? '1 Maßnahme' : `${measuresHere} Maßnahmen`} im Plan</span>
      </div>

      <h3>Grundmauern</h3>
      {groupByActor(b.grundmauern).map((g) => (
        <div key={g.group} className="actor-group">
          <h4>{ACTOR_GROUP_LABELS[g.group]}</h4>
          <ul className="items">
            {g.items.map((item) => {
              const adopted = adoptedBy.get(item.id) ?? [];
              const textId = `text-${item.id}`;
              return (
                <li key={item.id} className="item grundmauer">
                  <p id={textId} className="item-text">{item.text}</p>
                  {adopted.length > 0 ? (
                    <p className="adopted">
                      <span className="muted">Übernommen in:</span>{' '}
                      {adopted.map((m, i) => (
                        <span key={m.id}>{i > 0 ? ', ' : ''}<a href={hrefFor({ view: 'massnahme', id: m.id })} title={m.title}>{m.code}</a></span>
                      ))}
                    </p>
                  ) : <p className="adopted muted">Noch in keiner Maßnahme.</p>}
                  <button type="button" className="button small" aria-describedby={textId} disabled={busy !== null} onClick={() => onAdopt(item)}>
                    {busy === item.id ? 'Wird übernommen…' : 'Als Maßnahme übernehmen'}
                  </button>
                  {error?.itemId === item.id ? <ErrorAlert message={error.text} /> : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}

      <h3>Fragen für den gemeinsamen Weiterbau</h3>
      {groupByActor(b.fragen).map((g) => (
        <div key={g.group} className="actor-group">
          <h4>{ACTOR_GROUP_LABELS[g.group]}</h4>
          <ul className="items">
            {g.items.map((item) => {
              const linked = adoptedBy.get(item.id) ?? [];
              return (
                <li key={item.id} className="item frage">
                  <p className="item-text">{item.text}</p>
                  {linked.length > 0 ? (
                    <p className="adopted">
                      <span className="muted">Aufgegriffen in:</span>{' '}
                      {linked.map((m, i) => (
                        <span key={m.id}>{i > 0 ? ', ' : ''}<a href={hrefFor({ view: 'massnahme', id: m.id })} title={m.title}>{m.code}</a></span>
                      ))}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
