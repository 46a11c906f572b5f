// Reading plan data: one cached query per [method, args] (renderer/src/data/cache.ts). The query is
// refetched when a response says something it depends on changed (an edit anywhere, an undo, a plan
// switch), so every view shows the same, current state; the previous data stays on screen while
// the new data is on its way.
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiArgs, ApiResults, Method } from '../../../shared/api/contract.ts';
import { useBackend } from '../backend/useBackend.tsx';
import { messageOf } from '../lib/format.ts';
import { queryKey } from './cache.ts';

export interface PlanData<T> {
  data: T | null;
  error: string | null;
  /** Fetches again now (rarely needed: writes through useBackend().call keep the data fresh). */
  reload: () => Promise<void>;
  /** True while the first load or a reload is on its way. */
  fetching: boolean;
}

/** A read of the open plan's data; waits (data null) while no plan is open. */
export function usePlanData<K extends Method>(method: K, args: ApiArgs[K], opts?: { enabled?: boolean }): PlanData<ApiResults[K]> {
  const hasPlan = usePlanOpen();
  const { read } = useBackend();
  const key = queryKey(method, args);
  const q = useQuery({
    queryKey: key,
    queryFn: () => read(method, key[1] as ApiArgs[K]),
    enabled: hasPlan && opts?.enabled !== false,
  });
  const { refetch } = q;
  const reload = useCallback(async () => { await refetch(); }, [refetch]);
  return {
    data: (q.data as ApiResults[K] | undefined) ?? null,
    error: q.error ? messageOf(q.error) : null,
    reload,
    fetching: q.isFetching,
  };
}

/** The plan.info query every view shares (null: no plan open). */
export function usePlanInfo() {
  const { read } = useBackend();
  return useQuery({ queryKey: queryKey('plan.info', {}), queryFn: () => read('plan.info', {}) });
}

export function usePlanOpen(): boolean {
  return (usePlanInfo().data ?? null) !== null;
}
