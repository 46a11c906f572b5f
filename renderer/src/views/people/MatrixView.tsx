// Zuständigkeitsmatrix: measures × actors, one cell per pair with its role. A keyboard grid
// (arrow keys, Enter/Space opens a small role menu, V/F/M/I set a role directly, Entf removes it);
// the rule "exactly one verantwortlich per measure past Idee" is shown per row in words.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import {
  ACTOR_KINDS, ACTOR_KIND_LABELS, MEASURE_STATUSES, MEASURE_STATUS_LABELS, ROLES, ROLE_LABELS, type ActorKind, type MeasureStatus, type Role,
} from '../../../../shared/domain/enums.ts';
import type { Actor, MeasureRow } from '../../../../shared/domain/types.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { baustelleLabel, messageOf } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import '../views.css';

const ROLE_KEYS: Record<string, Role> = { v: 'verantwortlich', f: 'federfuehrend', m: 'mitwirkend', i: 'zu-informieren', 1: 'verantwortlich', 2: 'federfuehrend', 3: 'mitwirkend', 4: 'zu-informieren' };
export const ROLE_SHORT: Record<Role, string> = { verantwortlich: 'V', federfuehrend: 'F', mitwirkend: 'M', 'zu-informieren': 'I' };
const FIRST_ACTOR_COL = 2;

/** How the measure stands to the rule "exactly one verantwortlich past Idee"; null when fine. */
export function ruleProblem(m: MeasureRow, responsibleCount: number): string | null {
  if (m.status === 'idee') return null;
  if (responsibleCount === 0) return 'keine verantwortliche Stelle';
  if (responsibleCount > 1) return `${responsibleCount} verantwortliche Stellen`;
  return null;
}

interface Menu { measure: MeasureRow; actor: Actor; cell: HTMLElement; r: number; c: number }

const MENU_HEIGHT = 5 * 34 + 16;
const MENU_WIDTH = 240;

/** Below the cell, or above it when there is no room below. */
function placeMenu(cell: HTMLElement): { top: number; left: number } {
  const rect = cell.getBoundingClientRect();
  const top = rect.bottom + MENU_HEIGHT > window.innerHeight ? Math.max(8, rect.top - MENU_HEIGHT) : rect.bottom;
  return { top, left: Math.max(8, Math.min(rect.left, window.innerWidth - MENU_WIDTH)) };
}

export function MatrixView() {
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const [baustelle, setBaustelle] = useState('');
  const [status, setStatusFilter] = useState('');
  const [kind, setKind] = useState('');
  const [actorQuery, setActorQuery] = useState('');
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [active, setActive] = useState({ r: 0, c: FIRST_ACTOR_COL });
  const [menu, setMenu] = useState<Menu | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Keys pressed in quick succession are applied one after the other, none is dropped.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const grid = useRef<HTMLTableElement>(null);

  const roles = useMemo(() => {
    const map = new Map<string, Role>();
    for (const r of wb.responsibilities) map.set(`${r.measureId}|${r.actorId}`, r.role);
    return map;
  }, [wb.responsibilities]);
  const responsibleCount = useMemo(() => {
    const map = new Map<string, number>();
    for (const r of wb.responsibilities) if (r.role === 'verantwortlich') map.set(r.measureId, (map.get(r.measureId) ?? 0) + 1);
    return map;
  }, [wb.responsibilities]);

  const problems = useMemo(() => wb.measures.filter((m) => ruleProblem(m, responsibleCount.get(m.id) ?? 0)), [wb.measures, responsibleCount]);
  const rows = useMemo(() => [...wb.measures]
    .filter((m) => (!baustelle || m.baustelleId === baustelle || m.furtherBaustellenIds.includes(baustelle))
      && (!status || m.status === status)
      && (!onlyProblems || ruleProblem(m, responsibleCount.get(m.id) ?? 0)))
    .sort((a, b) => a.code.localeCompare(b.code, 'de', { numeric: true })), [wb.measures, baustelle, status, onlyProblems, responsibleCount]);
  const actors = useMemo(() => {
    const q = actorQuery.trim().toLocaleLowerCase('de-DE');
    return wb.actors.filter((a) => (!kind || a.kind === kind) && (!q || [a.name, a.orgUnit].some((t) => t.toLocaleLowerCase('de-DE').includes(q))));
  }, [wb.actors, kind, actorQuery]);

  const colCount = FIRST_ACTOR_COL + actors.length;
  // Keep the active cell inside the grid when filters shrink it.
  const r = Math.min(active.r, Math.max(rows.length - 1, 0));
  const c = Math.min(active.c, colCount - 1);

  function focusCell(nr: number, nc: number) {
    const tr = Math.max(0, Math.min(rows.length - 1, nr));
    const tc = Math.max(0, Math.min(colCount - 1, nc));
    setActive({ r: tr, c: tc });
    const focus = () => {
      const cell = grid.current?.querySelector<HTMLElement>(`[data-r="${tr}"][data-c="${tc}"]`);
      const target = cell?.querySelector<HTMLElement>('a') ?? cell;
      target?.focus();
      return !!target;
    };
    // At once when the cell is there (arrow keys), else after the next render (menu closed, filters changed).
    if (!focus()) requestAnimationFrame(() => { focus(); });
  }

  function setRole(m: MeasureRow, a: Actor, role: Role | null) {
    queue.current = queue.current.then(async () => {
      setError(null); setMessage(null);
      try {
        // Both calls leave an unchanged pair alone, so a repeated key changes nothing.
        if (role) await call('responsibilities.set', { measureId: m.id, actorId: a.id, role });
        else await call('responsibilities.remove', { measureId: m.id, actorId: a.id });
        setMessage(role ? `${m.code}: ${a.name} ist jetzt ${ROLE_LABELS[role]}.` : `${m.code}: ${a.name} ausgetragen.`);
      } catch (e) {
        setError(messageOf(e));
      }
    });
  }

  function openMenu(nr: number, nc: number, cell: HTMLElement) {
    const m = rows[nr];
    const a = actors[nc - FIRST_ACTOR_COL];
    if (!m || !a) return;
    setMenu({ measure: m, actor: a, cell, r: nr, c: nc });
  }

  function onKeyDown(e: ReactKeyboardEvent<HTMLTableElement>) {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-c]');
    if (!cell || menu) return;
    const cr = Number(cell.dataset.r);
    const cc = Number(cell.dataset.c);
    const page = 10;
    switch (e.key) {
      case 'ArrowRight': e.preventDefault(); focusCell(cr, cc + 1); return;
      case 'ArrowLeft': e.preventDefault(); focusCell(cr, cc - 1); return;
      case 'ArrowDown': e.preventDefault(); focusCell(cr + 1, cc); return;
      case 'ArrowUp': e.preventDefault(); focusCell(cr - 1, cc); return;
      case 'PageDown': e.preventDefault(); focusCell(cr + page, cc); return;
      case 'PageUp': e.preventDefault(); focusCell(cr - page, cc); return;
      case 'Home': e.preventDefault(); focusCell(e.ctrlKey ? 0 : cr, 0); return;
      case 'End': e.preventDefault(); focusCell(e.ctrlKey ? rows.length - 1 : cr, colCount - 1); return;
      default: break;
    }
    if (cc < FIRST_ACTOR_COL || e.ctrlKey || e.metaKey || e.altKey) return;
    const m = rows[cr];
    const a = actors[cc - FIRST_ACTOR_COL];
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openMenu(cr, cc, cell); return; }
    if (e.key === 'Delete' || e.key === 'Backspace' || e.key === '0') { e.preventDefault(); setRole(m, a, null); return; }
    const role = ROLE_KEYS[e.key.toLowerCase()];
    if (role) { e.preventDefault(); setRole(m, a, role); }
  }

  const anyFilter = baustelle || status || kind || actorQuery.trim() || onlyProblems;
  return (
    <>
      <div className="view-head">
        <ViewHeading>Zuständigkeitsmatrix</ViewHeading>
        <p className="lead">Wer ist bei welcher Maßnahme verantwortlich, federführend, mitwirkend oder zu informieren? Jede Maßnahme über „Idee“ hinaus braucht genau eine verantwortliche Stelle.</p>
      </div>

      {problems.length > 0 ? (
        <div className="rule-box" role="note" aria-label="Regelverstöße">
          <p>
            <span className="rule-icon" aria-hidden="true">⚠ </span>
            <strong>{problems.length === 1 ? '1 Maßnahme verletzt' : `${problems.length} Maßnahmen verletzen`} die Regel „genau eine verantwortliche Stelle“:</strong>{' '}
            {problems.map((m, i) => (
              <span key={m.id}>{i > 0 ? ', ' : ''}<a href={hrefFor({ view: 'massnahme', id: m.id })}>{m.code}</a> ({ruleProblem(m, responsibleCount.get(m.id) ?? 0)})</span>
            ))}
          </p>
        </div>
      ) : <p className="ok-line"><span aria-hidden="true">✓ </span>Jede Maßnahme über „Idee“ hinaus hat genau eine verantwortliche Stelle.</p>}

      <div className="filters" role="search" aria-label="Matrix filtern">
        <div className="field">
          <label htmlFor={`${id}-b`}>Baustelle</label>
          <select id={`${id}-b`} value={baustelle} onChange={(e) => setBaustelle(e.target.value)}>
            <option value="">alle Baustellen</option>
            {wb.catalogue?.baustellen.map((b) => <option key={b.id} value={b.id}>{baustelleLabel(b)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>Status</label>
          <select id={`${id}-s`} value={status} onChange={(e) => setStatusFilter(e.target.value as MeasureStatus | '')}>
            <option value="">alle</option>
            {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{MEASURE_STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-k`}>Art der Akteure</label>
          <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as ActorKind | '')}>
            <option value="">alle Arten</option>
            {ACTOR_KINDS.filter((k) => wb.actors.some((a) => a.kind === k)).map((k) => <option key={k} value={k}>{ACTOR_KIND_LABELS[k]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-a`}>Akteur suchen</label>
          <input id={`${id}-a`} type="search" value={actorQuery} onChange={(e) => setActorQuery(e.target.value)} placeholder="Name oder Einheit …" />
        </div>
        <label className="check filter-check">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          nur Regelverstöße
        </label>
      </div>
      <div className="matrix-help" id={`${id}-help`}>
        <p className="table-count">{rows.length} {rows.length === 1 ? 'Maßnahme' : 'Maßnahmen'} × {actors.length} {actors.length === 1 ? 'Akteur' : 'Akteure'}{anyFilter ? ' (gefiltert)' : ''}</p>
        <p className="legend">
          <span><span className="role-chip r-verantwortlich" aria-hidden="true">V</span> verantwortlich</span>
          <span><span className="role-chip r-federfuehrend" aria-hidden="true">F</span> federführend</span>
          <span><span className="role-chip r-mitwirkend" aria-hidden="true">M</span> mitwirkend</span>
          <span><span className="role-chip r-zu-informieren" aria-hidden="true">I</span> zu informieren</span>
          <span className="muted">Zelle anklicken oder mit Enter eine Rolle wählen; Pfeiltasten bewegen, V/F/M/I setzt direkt, Entf trägt aus.</span>
        </p>
      </div>
      <ErrorAlert message={error} />
      <StatusLine>{message}</StatusLine>

      {rows.length === 0 || actors.length === 0 ? (
        <p className="panel">{rows.length === 0 ? 'Keine Maßnahme passt zu den Filtern.' : 'Kein Akteur passt zu den Filtern.'}</p>
      ) : (
        <div className="table-wrap matrix-wrap">
          <table ref={grid} role="grid" className="data-table matrix" aria-labelledby={`${id}-cap`} aria-describedby={`${id}-help`}
            onKeyDown={onKeyDown}>
            <caption id={`${id}-cap`} className="visually-hidden">Zuständigkeitsmatrix: Maßnahmen in den Zeilen, Akteure in den Spalten</caption>
            <thead>
              <tr>
                <th scope="col" className="m-head">Maßnahme</th>
                <th scope="col" className="rule-head">Regel</th>
                {actors.map((a) => (
                  <th key={a.id} scope="col" className="actor-head" title={`${a.name} (${ACTOR_KIND_LABELS[a.kind]})`}>
                    <span className="actor-name">{a.name}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((m, ri) => {
                const problem = ruleProblem(m, responsibleCount.get(m.id) ?? 0);
                return (
                  <tr key={m.id} className={problem ? 'violation' : undefined}>
                    <th scope="row" className="m-head" data-r={ri} data-c={0}>
                      <a href={hrefFor({ view: 'massnahme', id: m.id })} tabIndex={r === ri && c === 0 ? 0 : -1} onFocus={() => setActive({ r: ri, c: 0 })}
                        className="row-link">{m.code}</a>{' '}
                      <span className="m-title">{m.title}</span>
                      <span className="muted block small">{MEASURE_STATUS_LABELS[m.status]}</span>
                    </th>
                    <td className="rule-cell" data-r={ri} data-c={1} tabIndex={r === ri && c === 1 ? 0 : -1} onFocus={() => setActive({ r: ri, c: 1 })}>
                      {problem
                        ? <span className="badge danger"><span aria-hidden="true">⚠ </span>{problem}</span>
                        : m.status === 'idee' ? <span className="muted small">Idee</span> : <span className="ok-mark"><span aria-hidden="true">✓</span><span className="visually-hidden">Regel erfüllt</span></span>}
                    </td>
                    {actors.map((a, ai) => {
                      const ci = FIRST_ACTOR_COL + ai;
                      const role = roles.get(`${m.id}|${a.id}`) ?? null;
                      return (
                        <td key={a.id} className={`role-cell${role ? ` has-role` : ''}`} data-r={ri} data-c={ci} tabIndex={r === ri && c === ci ? 0 : -1}
                          aria-haspopup="menu" title={`${m.code} · ${a.name}: ${role ? ROLE_LABELS[role] : 'keine Rolle'}`}
                          onFocus={() => setActive({ r: ri, c: ci })}
                          onClick={(e) => { setActive({ r: ri, c: ci }); openMenu(ri, ci, e.currentTarget); }}>
                          {role ? <span className={`role-chip r-${role}`} aria-hidden="true">{ROLE_SHORT[role]}</span> : null}
                          <span className="visually-hidden">{role ? ROLE_LABELS[role] : 'keine Rolle'}</span>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {menu ? (
        <RoleMenu menu={menu} current={roles.get(`${menu.measure.id}|${menu.actor.id}`) ?? null}
          onChoose={(role) => { const m = menu; setMenu(null); focusCell(m.r, m.c); setRole(m.measure, m.actor, role); }}
          onClose={() => { const m = menu; setMenu(null); focusCell(m.r, m.c); }} />
      ) : null}
    </>
  );
}

function RoleMenu({ menu, current, onChoose, onClose }: { menu: Menu; current: Role | null; onChoose: (r: Role | null) => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const items: (Role | null)[] = [...ROLES, null];
  const close = useRef(onClose);
  useEffect(() => { close.current = onClose; });
  const [pos, setPos] = useState(() => placeMenu(menu.cell));
  useEffect(() => {
    const el = ref.current;
    const checked = el?.querySelector<HTMLElement>('[aria-checked="true"]') ?? el?.querySelector<HTMLElement>('[role="menuitemradio"]');
    checked?.focus({ preventScroll: true });
    const away = (e: MouseEvent) => { if (el && !el.contains(e.target as Node)) close.current(); };
    // The menu stays with its cell when the page or the grid scrolls.
    const follow = () => setPos(placeMenu(menu.cell));
    document.addEventListener('mousedown', away);
    window.addEventListener('scroll', follow, { passive: true, capture: true });
    window.addEventListener('resize', follow);
    return () => {
      document.removeEventListener('mousedown', away);
      window.removeEventListener('scroll', follow, { capture: true });
      window.removeEventListener('resize', follow);
    };
  }, [menu.cell]);

  function onKeyDown(e: ReactKeyboardEvent<HTMLDivElement>) {
    const list = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
    const i = list.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') { e.preventDefault(); list[(i + 1) % list.length]?.focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); list[(i - 1 + list.length) % list.length]?.focus(); }
    else if (e.key === 'Home') { e.preventDefault(); list[0]?.focus(); }
    else if (e.key === 'End') { e.preventDefault(); list[list.length - 1]?.focus(); }
    else if (e.key === 'Escape' || e.key === 'Tab') { e.preventDefault(); onClose(); }
    else {
      const k = e.key.toLowerCase();
      const role = ROLE_KEYS[k];
      if (role) { e.preventDefault(); onChoose(role); }
      else if (k === 'delete' || k === 'backspace' || k === '0') { e.preventDefault(); onChoose(null); }
    }
  }

  return (
    <div ref={ref} role="menu" className="role-menu" aria-label={`Rolle von ${menu.actor.name} bei ${menu.measure.code}`}
      style={{ top: pos.top, left: pos.left }} onKeyDown={onKeyDown}>
      {items.map((role) => (
        <button key={role ?? 'none'} type="button" role="menuitemradio" aria-checked={current === role} tabIndex={-1}
          className="role-menu-item" onClick={() => onChoose(role)}>
          <span className="role-menu-check" aria-hidden="true">{current === role ? '✓' : ''}</span>
          {role ? <span className={`role-chip r-${role}`} aria-hidden="true">{ROLE_SHORT[role]}</span> : <span className="role-chip r-none" aria-hidden="true">–</span>}
          <span>{role ? ROLE_LABELS[role] : 'keine Rolle'}</span>
          <kbd aria-hidden="true">{role ? ROLE_SHORT[role] : 'Entf'}</kbd>
        </button>
      ))}
    </div>
  );
}
