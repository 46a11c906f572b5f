import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiArgs, ApiResults, Envelope, Method } from '../../../shared/api/contract.ts';
import { applyFreshness, createQueryClient, invalidateAll } from '../data/cache.ts';
import type { Transport } from './transport.ts';

/** A failed backend call, with the German message meant for the planner. */
export class BackendError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface Backend {
  /**
   * Any call, read or write. A write's response says what it changed, and before call() resolves every
   * visible view's data is fresh (renderer/src/data/cache.ts); no view refreshes by hand.
   */
  call<K extends Method>(method: K, args: ApiArgs[K]): Promise<ApiResults[K]>;
  /** What a cached query runs (usePlanData): a read that does not itself invalidate anything. */
  read<K extends Method>(method: K, args: ApiArgs[K]): Promise<ApiResults[K]>;
  /** Asks the plan's revision once; if another window or process moved it, everything shown refetches. */
  checkForChanges(): Promise<void>;
  /** Reloads everything (the old refresh(); kept for code that still asks for it). */
  invalidateAll(opts?: { external?: boolean }): Promise<void>;
  transport: Transport;
  queryClient: QueryClient;
}

/** Counters views key effects or forms on. */
export interface DataRevisions {
  /** Grows with every response that changed plan data (any kind). */
  revision: number;
  /** Grows when data changed other than by a view's own edit: undo/redo, another plan, the host switching plans. */
  externalRevision: number;
}

const BackendContext = createContext<Backend | null>(null);
const RevisionContext = createContext<DataRevisions>({ revision: 0, externalRevision: 0 });

export function BackendProvider({ transport, children, queryClient }: { transport: Transport; children: ReactNode; queryClient?: QueryClient }) {
  const [qc] = useState(() => queryClient ?? createQueryClient());
  const [revisions, setRevisions] = useState<DataRevisions>({ revision: 0, externalRevision: 0 });
  // The plan's revision as last seen, and how many calls are on their way (a read seeing a newer revision
  // while none of ours is pending means someone else changed the plan).
  const known = useRef({ revision: 0, pending: 0 });

  const backend = useMemo<Backend>(() => {
    const bump = (external: boolean) => setRevisions((r) => ({ revision: r.revision + 1, externalRevision: r.externalRevision + (external ? 1 : 0) }));
    const reloadAll = async (opts?: { external?: boolean }) => {
      bump(opts?.external === true);
      // The host switched plans: drop the old plan's data. A compatibility refresh (wb.refresh()): refetch
      // what is shown while it stays on screen, so no view unmounts and no typed text is lost.
      if (opts?.external === true) await invalidateAll(qc);
      else await qc.invalidateQueries();
    };
    /**
     * Notes a revision a read saw; true when it moved while none of our own calls was on its way. A cached
     * read may answer late with an older revision, so only a newer one counts; the explicit check below
     * also counts a lower one (another window put a different plan into the shared backend).
     */
    const changedElsewhere = (revision: number | undefined, anyMove = false): boolean => {
      const k = known.current;
      if (revision === undefined || revision === k.revision || (!anyMove && revision < k.revision)) return false;
      const elsewhere = k.revision > 0 && k.pending === 0;
      k.revision = revision;
      return elsewhere;
    };
    const unwrap = <T,>(r: Envelope<T>): T => {
      if (!r.ok) throw new BackendError(r.error.code, r.error.message);
      return r.value;
    };
    return {
      transport,
      queryClient: qc,
      invalidateAll: reloadAll,
      async call(method, args) {
        known.current.pending += 1;
        let r: Envelope<ApiResults[typeof method]>;
        try {
          r = await transport.invoke(method, args);
        } finally {
          known.current.pending -= 1;
        }
        if ((r.touched?.length ?? 0) > 0) {
          if (r.revision !== undefined) known.current.revision = r.revision;
          const effects = await applyFreshness(qc, transport, method, r);
          bump(effects.external);
        } else if (r.revision !== undefined && r.revision > known.current.revision) {
          known.current.revision = r.revision;
        }
        return unwrap(r);
      },
      async read(method, args) {
        const r = await transport.invoke(method, args);
        if (changedElsewhere(r.revision)) {
          // Changed elsewhere (another window on the same dev server, a sync): reload what is shown but this.
          void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== method || JSON.stringify(q.queryKey[1]) !== JSON.stringify(args) });
          bump(false);
        }
        return unwrap(r);
      },
      async checkForChanges() {
        if (known.current.pending > 0) return;
        const r = await transport.invoke('history.status', {});
        if (changedElsewhere(r.revision, true)) {
          bump(false);
          await qc.invalidateQueries();
        }
      },
    };
  }, [transport, qc]);

  // Another window or process changed the plan (a second window on the dev server, a script on the same
  // backend): when this window gets the focus back or becomes visible, one small read compares the plan's
  // revision with the last one seen; if it moved while none of our calls was on its way, everything shown
  // refetches (the data stays on screen meanwhile).
  useEffect(() => {
    const onFocus = () => { void backend.checkForChanges(); };
    const onVisible = () => { if (document.visibilityState === 'visible') void backend.checkForChanges(); };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => { window.removeEventListener('focus', onFocus); document.removeEventListener('visibilitychange', onVisible); };
  }, [backend]);

  // The desktop host may switch plans itself (menu, second instance opening a file) or report a change made elsewhere.
  useEffect(() => transport.on('plan.changed', () => { void backend.invalidateAll({ external: true }); }), [transport, backend]);

  return (
    <QueryClientProvider client={qc}>
      <BackendContext.Provider value={backend}>
        <RevisionContext.Provider value={revisions}>{children}</RevisionContext.Provider>
      </BackendContext.Provider>
    </QueryClientProvider>
  );
}

export function useBackend(): Backend {
  const b = useContext(BackendContext);
  if (!b) throw new Error('useBackend outside BackendProvider');
  return b;
}

export function useDataRevisions(): DataRevisions {
  return useContext(RevisionContext);
}
