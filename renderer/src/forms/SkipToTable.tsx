// Second skip link: "Zur Tabelle springen" puts the focus on the first row of the view's first
// data table (its first control, or the row itself), instead of some twenty Tab presses.
import type { MouseEvent } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

export function skipToTable(): boolean {
  const table = document.querySelector<HTMLTableElement>('#main table');
  if (!table) return false;
  const body = table.tBodies[0] ?? table;
  const row = body.querySelector<HTMLTableRowElement>('tr');
  const target = row?.querySelector<HTMLElement>(FOCUSABLE) ?? row ?? table;
  if (!target.matches(FOCUSABLE)) target.tabIndex = -1;
  target.scrollIntoView({ block: 'center' });
  target.focus();
  return true;
}

export function SkipToTable() {
  const onClick = (e: MouseEvent) => {
    e.preventDefault();
    if (!skipToTable()) document.getElementById('main-heading')?.focus();
  };
  return <a className="skip-link" href="#main" onClick={onClick}>Zur Tabelle springen</a>;
}
