// The plan the window shows: plan info, its catalogue and the lists every view needs — all read
// from the one server-state cache (renderer/src/data/), which keeps them fresh after any call. What
// is not server state lives here: the notice of the status line.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Catalogue } from '../../shared/catalogue/types.ts';
import type { Actor, MeasureRow, PlanInfo, RecentPlan, Responsibility, Totals } from '../../shared/domain/types.ts';
import { useBackend, useDataRevisions } from './backend/useBackend.tsx';
import { usePlanData, usePlanInfo } from './data/usePlanData.ts';
import { indexCatalogue, messageOf, type CatalogueIndex } from './lib/format.ts';
import { currentHash } from './lib/useRoute.ts';
import { useQuery } from '@tanstack/react-query';
import { queryKey } from './data/cache.ts';

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
  /** Grows with every change of plan data the window saw (for effects that load outside the cache). */
  revision: number;
  /**
   * Grows when plan data changed other than by the view's own edit: undo/redo, another plan opened or
   * the host switched plans. Forms holding drafts of loaded data reset on it (e.g. as part of their key).
   */
  externalRevision: number;
}

export interface RefreshOptions {
  /** The change did not come from the view's own edit: forms drop their drafts. */
  external?: boolean;
}

export interface Workbench extends WorkbenchState {
  /**
   * Compatibility only: reloads everything. Not needed after useBackend().call(), whose responses keep
   * every view fresh by themselves.
   */
  refresh: (opts?: RefreshOptions) => Promise<void>;
  /** A success message shown in the status line of the view with this hash (default: the current one). */
  notify: (text: string, hash?: string) => void;
  notice: Notice | null;
  /**
   * What an open from the recent list did by a choice (journal put aside, cleaned copy), shown there while
   * that plan is open; kept here because the view remounts while the new plan loads.
   */
  openReport: OpenReportNote | null;
  setOpenReport: (report: OpenReportNote | null) => void;
}

export interface OpenReportNote { text: string; path: string }

const WorkbenchContext = createContext<Workbench | null>(null);
const NO_MEASURES: MeasureRow[] = [];
const NO_ACTORS: Actor[] = [];
const NO_RESPONSIBILITIES: Responsibility[] = [];
const NO_RECENT: RecentPlan[] = [];

export function WorkbenchProvider({ children }: { children: ReactNode }) {
  const { invalidateAll, read } = useBackend();
  const { revision, externalRevision } = useDataRevisions();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [openReport, setOpenReport] = useState<OpenReportNote | null>(null);
  const infoQ = usePlanInfo();
  const recentQ = useQuery({ queryKey: queryKey('plan.recent', {}), queryFn: () => read('plan.recent', {}) });
  const catalogue = usePlanData('catalogue.get', {});
  const measures = usePlanData('measures.list', {});
  const actors = usePlanData('actors.list', {});
  const responsibilities = usePlanData('responsibilities.list', {});
  const totals = usePlanData('budget.totals', {});
  const cat = catalogue.data;
  const index = useMemo(() => indexCatalogue(cat), [cat]);

  const refresh = useCallback((opts?: RefreshOptions) => invalidateAll(opts), [invalidateAll]);
  const notify = useCallback((text: string, hash?: string) => setNotice({ text, hash: hash ?? currentHash() }), []);

  const info = infoQ.data ?? null;
  const lists = [catalogue, measures, actors, responsibilities, totals];
  const listError = lists.find((l) => l.error)?.error ?? null;
  const loaded = infoQ.isFetched && (info === null || lists.every((l) => l.data !== null) || listError !== null || infoQ.isError);
  const loadError = infoQ.error ? messageOf(infoQ.error) : listError;

  const value = useMemo<Workbench>(() => ({
    loaded, info, catalogue: cat, index,
    measures: measures.data ?? NO_MEASURES, actors: actors.data ?? NO_ACTORS, responsibilities: responsibilities.data ?? NO_RESPONSIBILITIES,
    totals: totals.data, recent: recentQ.data ?? NO_RECENT, loadError, revision, externalRevision, refresh, notify, notice,
    openReport, setOpenReport,
  }), [loaded, info, cat, index, measures.data, actors.data, responsibilities.data, totals.data, recentQ.data, loadError, revision, externalRevision, refresh, notify, notice, openReport]);
  return <WorkbenchContext.Provider value={value}>{children}</WorkbenchContext.Provider>;
}

export function useWorkbench(): Workbench {
  const w = useContext(WorkbenchContext);
  if (!w) throw new Error('useWorkbench outside WorkbenchProvider');
  return w;
}
