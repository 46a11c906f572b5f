// Hash routing: the views are addressable (back/forward work, a link opens a measure) without a
// router library, and it works the same from file:// in Electron and over HTTP in the browser.
import { useSyncExternalStore } from 'react';

export type Route =
  | { view: 'plan' }
  | { view: 'katalog'; baustelleId?: string }
  | { view: 'massnahmen' }
  | { view: 'massnahme'; id: string }
  | { view: 'neu'; baustelleId?: string }
  | { view: 'akteure' }
  | { view: 'finanzen' }
  | { view: 'export' }
  | { view: 'auslastung' }
  | { view: 'matrix' }
  | { view: 'abdeckung' }
  | { view: 'fragen'; baustelleId?: string; frageId?: string }
  | { view: 'zeitplan' }
  | { view: 'protokoll' }
  | { view: 'prioritaeten' }
  | { view: 'finanzplan' }
  | { view: 'optimierung' }
  | { view: 'szenarien' }
  | { view: 'beteiligung'; roundId?: string }
  | { view: 'zusammenarbeit' }
  | { view: 'umsetzung' }
  | { view: 'umsetzung-massnahme'; id: string }
  | { view: 'fortschreibung' };

export type ViewName = Route['view'];

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/u, '').split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  switch (parts[0]) {
    case 'katalog': return parts[1] ? { view: 'katalog', baustelleId: parts[1] } : { view: 'katalog' };
    case 'massnahmen': return { view: 'massnahmen' };
    case 'massnahme':
      if (parts[1] === 'neu') return parts[2] ? { view: 'neu', baustelleId: parts[2] } : { view: 'neu' };
      return parts[1] ? { view: 'massnahme', id: parts[1] } : { view: 'massnahmen' };
    case 'akteure': return { view: 'akteure' };
    case 'finanzen': return { view: 'finanzen' };
    case 'export': return { view: 'export' };
    case 'auslastung': return { view: 'auslastung' };
    case 'matrix': return { view: 'matrix' };
    case 'abdeckung': return { view: 'abdeckung' };
    case 'fragen':
      if (!parts[1]) return { view: 'fragen' };
      return parts[2] ? { view: 'fragen', baustelleId: parts[1], frageId: parts[2] } : { view: 'fragen', baustelleId: parts[1] };
    case 'zeitplan': return { view: 'zeitplan' };
    case 'protokoll': return { view: 'protokoll' };
    case 'prioritaeten': return { view: 'prioritaeten' };
    case 'finanzplan': return { view: 'finanzplan' };
    case 'optimierung': return { view: 'optimierung' };
    case 'szenarien': return { view: 'szenarien' };
    case 'beteiligung': return parts[1] ? { view: 'beteiligung', roundId: parts[1] } : { view: 'beteiligung' };
    case 'zusammenarbeit': return { view: 'zusammenarbeit' };
    case 'umsetzung': return parts[1] ? { view: 'umsetzung-massnahme', id: parts[1] } : { view: 'umsetzung' };
    case 'fortschreibung': return { view: 'fortschreibung' };
    default: return { view: 'plan' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'katalog': return route.baustelleId ? `#/katalog/${encodeURIComponent(route.baustelleId)}` : '#/katalog';
    case 'massnahme': return `#/massnahme/${encodeURIComponent(route.id)}`;
    case 'umsetzung-massnahme': return `#/umsetzung/${encodeURIComponent(route.id)}`;
    case 'beteiligung': return route.roundId ? `#/beteiligung/${encodeURIComponent(route.roundId)}` : '#/beteiligung';
    case 'neu': return route.baustelleId ? `#/massnahme/neu/${encodeURIComponent(route.baustelleId)}` : '#/massnahme/neu';
    case 'fragen':
      if (!route.baustelleId) return '#/fragen';
      return `#/fragen/${encodeURIComponent(route.baustelleId)}${route.frageId ? `/${encodeURIComponent(route.frageId)}` : ''}`;
    default: return `#/${route.view}`;
  }
}

export function navigate(route: Route): void {
  const href = hrefFor(route);
  if (window.location.hash !== href) window.location.hash = href;
}

// The route follows the committed hash. A gate (forms/LeaveGuard: unsaved input) may hold a change
// of hash: the address goes back to the committed one and the gate navigates again once it may.
let committed = typeof window === 'undefined' ? '' : window.location.hash;
let gate: ((from: string, to: string) => boolean) | null = null;
const routeListeners = new Set<() => void>();

/** Installs the function that decides whether the view may change (false: hold the change). */
export function setRouteGate(g: ((from: string, to: string) => boolean) | null): void { gate = g; }

function onHashChange() {
  const to = window.location.hash;
  if (to === committed) return;
  if (gate && !gate(committed, to)) {
    window.history.replaceState(window.history.state, '', committed || window.location.pathname + window.location.search);
    return;
  }
  committed = to;
  for (const l of routeListeners) l();
}

if (typeof window !== 'undefined') window.addEventListener('hashchange', onHashChange);

function subscribe(onChange: () => void): () => void {
  routeListeners.add(onChange);
  return () => { routeListeners.delete(onChange); };
}

const getHash = () => committed;

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash);
  return parseHash(hash);
}

/** The current hash, normalised (empty = plan view). */
export function currentHash(): string {
  return hrefFor(parseHash(committed));
}
