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
}

export interface Workbench extends WorkbenchState {
  refresh: () => Promise<void>;
  /** A success message shown in the status line of the view with this hash (default: the current one). */
  notify: (text: string, hash?: string) => void;
  notice: Notice | null;
}

const EMPTY: WorkbenchState = {
  loaded: false, info: null, catalogue: null, index: indexCatalogue(null), measures: [], actors: [],
  responsibilities: [], totals: null, recent: [], loadError: null,
};

const WorkbenchContext = createContext<Workbench | null>(null);

export function WorkbenchProvider({ children }: { children: ReactNode }) {
  const { call, transport } = useBackend();
  const [state, setState] = useState<WorkbenchState>(EMPTY);
  const [notice, setNotice] = useState<Notice | null>(null);
  const seq = useRef(0);
  const catalogueOf = useRef<{ path: string; catalogue: Catalogue } | null>(null);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const [info, recent] = await Promise.all([call('plan.info', {}), call('plan.recent', {})]);
      if (!info) {
        if (mine === seq.current) setState({ ...EMPTY, loaded: true, recent });
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
      }));
    } catch (e) {
      if (mine === seq.current) setState((prev) => ({ ...prev, loaded: true, loadError: messageOf(e) }));
    }
  }, [call]);

  // Loading the plan from the backend is synchronising with an external system; state is set after the await.
  // oxlint-disable-next-line react/set-state-in-effect
  useEffect(() => { void refresh(); }, [refresh]);
  // The desktop host may switch plans itself (menu, second instance opening a file).
  useEffect(() => transport.on('plan.changed', () => { void refresh(); }), [transport, refresh]);

  const notify = useCallback((text: string, hash?: string) => setNotice({ text, hash: hash ?? currentHash() }), []);

  const value = useMemo<Workbench>(() => ({ ...state, refresh, notify, notice }), [state, refresh, notify, notice]);
  return <WorkbenchContext.Provider value={value}>{children}</WorkbenchContext.Provider>;
}

export function useWorkbench(): Workbench {
  const w = useContext(WorkbenchContext);
  if (!w) throw new Error('useWorkbench outside WorkbenchProvider');
  return w;
}
