// The Maßnahmenblatt's table of contents: sticky beside the long page, marks the section in view,
// counts what each list holds, and keeps "Jetzt speichern" in reach while a field holds unsaved input.
import { useEffect, useState } from 'react';
import { flushPending } from '../../../forms/pending.ts';

export interface TocEntry {
  /** Id of the section's h2 (focusable with tabIndex -1). */
  id: string;
  label: string;
  count?: number;
  /** Holds the measure's own fields (marked while one of them is unsaved). */
  form?: boolean;
}

/** Scrolls a section into view and puts the focus on its heading. */
export function jumpTo(id: string): void {
  const h = document.getElementById(id);
  if (!h) return;
  (h.closest('section') ?? h).scrollIntoView({ block: 'start' });
  h.focus({ preventScroll: true });
}

export function SheetToc({ entries, dirty }: { entries: TocEntry[]; dirty: boolean }) {
  const [current, setCurrent] = useState<string | null>(entries[0]?.id ?? null);
  const ids = entries.map((e) => e.id).join(' ');

  // The section whose top passed the upper third of the window last is the one being read.
  useEffect(() => {
    const sections = ids.split(' ').map((x) => document.getElementById(x)?.closest('section')).filter((s): s is HTMLElement => !!s);
    if (sections.length === 0) return undefined;
    const update = () => {
      const line = window.innerHeight / 3;
      let best = sections[0];
      for (const s of sections) if (s.getBoundingClientRect().top <= line) best = s;
      const h = best.querySelector('h2[id]');
      setCurrent(h?.id ?? null);
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => { window.removeEventListener('scroll', update); window.removeEventListener('resize', update); };
  }, [ids]);

  return (
    <nav className="sheet-toc" aria-label="Abschnitte der Maßnahme">
      <p className="sheet-toc-title" aria-hidden="true">Maßnahmenblatt</p>
      <ol>
        {entries.map((e) => (
          <li key={e.id}>
            <button type="button" className={e.form && dirty ? 'toc-link unsaved' : 'toc-link'} aria-current={current === e.id ? 'true' : undefined}
              onClick={() => jumpTo(e.id)}>
              <span className="toc-label">{e.label}</span>
              {e.count ? <span className="toc-count"><span className="visually-hidden">(</span>{e.count}<span className="visually-hidden">)</span></span> : null}
            </button>
          </li>
        ))}
      </ol>
      {dirty ? (
        <div className="toc-unsaved">
          <p><span aria-hidden="true">●</span> Ungespeicherte Eingaben</p>
          <button type="button" className="button primary small" onClick={() => void flushPending()}>Jetzt speichern</button>
        </div>
      ) : null}
    </nav>
  );
}
