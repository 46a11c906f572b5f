// The plan the window shows: plan info, its catalogue and the lists every view needs.
// Views change data through useBackend() and then call refresh(); a plan of a few hundred
// measures reloads in milliseconds, and one source of truth keeps all views consistent.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Catalogue } from '../../shared/catalogue/types.ts';
import type { Actor, MeasureRow, PlanInfo, RecentPlan, Responsibility, Totals } from '../../shared/domain/types.ts';
import { useBackend } from './backend/useBackend.tsx';
import { indexCatalogue, messageOf, type CatalogueIndex } from './lib/format.ts';
import { currentHash } from './lib/useRoute.ts';

export interface Notice { text: string; hash: string }

export interface WorkbenchState {
  loaded: boolean;
  info: PlanInfo | null;
  catalogue: Catalogue | null;
  index: CatalogueIndex;
  measures: MeasureRow[];
  actors: Actor[];
  responsibilities: Responsibility[];
  totals: Totals | null;
  recent: RecentPlan[];
  loadError: string | null;
  /**
   * Grows after every successful refresh(). Views that load their own data from the backend (a measure's
   * sheet, overviews, history) list it as an effect dependency, so they reload whenever the lists do.
   */
  revision: number;
  /**
   * Grows when plan data changed other than by the view's own edit: undo/redo, another plan opened or
   * the host switched plans. Forms holding drafts of loaded data reset on it (e.g. as part of their key).
   */
  externalRevision: number;
}

export interface RefreshOptions {
  /** The change did not come from the view's own edit (undo/redo): forms drop their drafts. */
  external?: boolean;
}

export interface Workbench extends WorkbenchState {
  refresh: (opts?: RefreshOptions) => Promise<void>;
  /** A success message shown in the status line of the view with this hash (default: the current one). */
  notify: (text: string, hash?: string) => void;
  notice: Notice | null;
}

const EMPTY: WorkbenchState = {
  loaded: false, info: null, catalogue: null, index: indexCatalogue(null), measures: [], actors: [],
  responsibilities: [], totals: null, recent: [], loadError: null, revision: 0, externalRevision: 0,
};

const WorkbenchContext = createContext<Workbench | null>(null);

export function WorkbenchProvider({ children }: { children: ReactNode }) {
  const { call, transport } = useBackend();
  const [state, setState] = useState<WorkbenchState>(EMPTY);
  const [notice, setNotice] = useState<Notice | null>(null);
  const seq = useRef(0);
  const catalogueOf = useRef<{ path: string; catalogue: Catalogue } | null>(null);
  // Monotonic, also across "no plan open", so an effect keyed on them always sees a new value.
  const revisions = useRef({ revision: 0, external: 0, path: null as string | null });

  const refresh = useCallback(async (opts?: RefreshOptions) => {
    const mine = ++seq.current;
    if (opts?.external === true) revisions.current.external += 1;
    try {
      const [info, recent] = await Promise.all([call('plan.info', {}), call('plan.recent', {})]);
      if ((info?.path ?? null) !== revisions.current.path) {
        revisions.current.path = info?.path ?? null;
        revisions.current.external += 1;
      }
      if (!info) {
        if (mine === seq.current) setState({ ...EMPTY, loaded: true, recent, revision: ++revisions.current.revision, externalRevision: revisions.current.external });
        return;
      }
      const needCatalogue = catalogueOf.current?.path !== info.path;
      const [catalogue, measures, actors, responsibilities, totals] = await Promise.all([
        needCatalogue ? call('catalogue.get', {}) : Promise.resolve(catalogueOf.current!.catalogue),
        call('measures.list', {}), call('actors.list', {}), call('responsibilities.list', {}), call('budget.totals', {}),
      ]);
      catalogueOf.current = { path: info.path, catalogue };
      if (mine !== seq.current) return;
      setState((prev) => ({
        loaded: true, info, catalogue, index: prev.catalogue === catalogue ? prev.index : indexCatalogue(catalogue),
        measures, actors, responsibilities, totals, recent, loadError: null,
        revision: ++revisions.current.revision, externalRevision: revisions.current.external,
      }));
    } catch (e) {
      if (mine === seq.current) setState((prev) => ({ ...prev, loaded: true, loadError: messageOf(e) }));
    }
  }, [call]);

  // Loading the plan from the backend is synchronising with an external system; state is set after the await.
  // oxlint-disable-next-line react/set-state-in-effect
  useEffect(() => { void refresh(); }, [refresh]);
  // The desktop host may switch plans itself (menu, second instance opening a file).
  useEffect(() => transport.on('plan.changed', () => { void refresh({ external: true }); }), [transport, refresh]);

  const notify = useCallback((text: string, hash?: string) => setNotice({ text, hash: hash ?? currentHash() }), []);

  const value = useMemo<Workbench>(() => ({ ...state, refresh, notify, notice }), [state, refresh, notify, notice]);
  return <WorkbenchContext.Provider value={value}>{children}</WorkbenchContext.Provider>;
}

export function useWorkbench(): Workbench {
  const w = useContext(WorkbenchContext);
  if (!w) throw new Error('useWorkbench outside WorkbenchProvider');
  return w;
}
