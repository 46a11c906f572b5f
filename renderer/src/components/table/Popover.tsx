// A button that opens a small non-modal panel below it (the table's "Spalten" menu and similar).
// Disclosure semantics: aria-expanded on the button, the panel is a labelled group. Opening moves the
// focus into the panel (to an element marked data-autofocus, else the first control); Escape, a click outside or leaving the panel with Tab closes it, and Escape
// returns the focus to the button.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], [tabindex="0"]';

export function Popover({ label, buttonLabel, children, className, align = 'end' }: {
  /** Accessible name of the panel. */
  label: string;
  buttonLabel: ReactNode;
  children: ReactNode;
  className?: string;
  align?: 'start' | 'end';
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    (panel.current?.querySelector<HTMLElement>('[data-autofocus]') ?? panel.current?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    const outside = (e: PointerEvent) => { if (!wrap.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  return (
    <div className={`popover-wrap ${className ?? ''}`.trim()} ref={wrap}
      onBlur={(e) => { if (open && e.relatedTarget && !wrap.current?.contains(e.relatedTarget as Node)) setOpen(false); }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) { e.preventDefault(); e.stopPropagation(); setOpen(false); button.current?.focus(); }
      }}>
      <button ref={button} type="button" className="button small" aria-expanded={open} aria-controls={open ? `${id}-panel` : undefined}
        onClick={() => setOpen((o) => !o)}>
        {buttonLabel} <span aria-hidden="true" className="popover-caret">▾</span>
      </button>
      {open ? (
        <div ref={panel} id={`${id}-panel`} role="group" aria-label={label} className={`popover-panel popover-${align}`}>
          {children}
        </div>
      ) : null}
    </div>
  );
}
