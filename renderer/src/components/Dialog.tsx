// A modal dialog on the native <dialog> element: the page behind is inert, Escape closes,
// Tab stays inside, and focus returns to the control that opened it.
import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  /** Called on Escape, on the close button and whenever the dialog should go; the parent unmounts it. */
  onClose: () => void;
  children: ReactNode;
  /** Optional one-line explanation under the title (becomes the accessible description). */
  description?: ReactNode;
  wide?: boolean;
}

export function Dialog({ title, onClose, children, description, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const unmounting = useRef(false);

  // Layout effect: its cleanup runs while the <dialog> is still in the document, so closing it
  // and handing focus back happen before React removes it.
  useLayoutEffect(() => {
    const d = ref.current!;
    unmounting.current = false;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    // showModal focuses the first focusable element; prefer a marked one (first field).
    const first = d.querySelector<HTMLElement>('[data-autofocus]');
    first?.focus();
    return () => {
      unmounting.current = true;
      if (d.open) d.close();
      const back = opener?.isConnected ? opener : document.getElementById('main-heading');
      back?.focus();
    };
  }, []);

  function trapTab(e: KeyboardEvent<HTMLDialogElement>) {
    if (e.key !== 'Tab') return;
    const items = [...ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  }

  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      onCancel={(e) => { e.preventDefault(); onClose(); }}
      onClose={() => { if (!unmounting.current) onClose(); }}
      onKeyDown={trapTab}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" onClick={() => onClose()} aria-label="Dialog schließen">
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {description ? <p id={descId} className="dialog-desc">{description}</p> : null}
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

/** A yes/no question before something that cannot be undone. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, busy }: {
  title: string; children: ReactNode; confirmLabel: string; onConfirm: () => void; onClose: () => void; busy?: boolean;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="confirm-text">{children}</div>
      <div className="form-actions">
        <button type="button" className="button danger" onClick={onConfirm} disabled={busy}>{confirmLabel}</button>
        <button type="button" className="button" onClick={onClose} data-autofocus>Abbrechen</button>
      </div>
    </Dialog>
  );
}
