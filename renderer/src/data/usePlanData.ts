// Data a view loads from the backend for itself (overviews, history, a measure's sheet). It reloads
// whenever the workbench refreshes (wb.revision), so an edit elsewhere, an undo or a plan switch
// shows up at once; the previous data stays on screen while the new data is on its way.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiArgs, ApiResults, Method } from '../../../shared/api/contract.ts';
import { useBackend } from '../backend/useBackend.tsx';
import { messageOf } from '../lib/format.ts';
import { useWorkbench } from '../useWorkbench.tsx';

export interface PlanData<T> {
  data: T | null;
  error: string | null;
  reload: () => Promise<void>;
}

export function usePlanData<K extends Method>(method: K, args: ApiArgs[K]): PlanData<ApiResults[K]> {
  const { call } = useBackend();
  const { revision, info } = useWorkbench();
  const hasPlan = info !== null;
  const [data, setData] = useState<ApiResults[K] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const argsKey = JSON.stringify(args);
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const value = await call(method, JSON.parse(argsKey) as ApiArgs[K]);
      if (mine !== seq.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(messageOf(e));
    }
  }, [call, method, argsKey]);

  // Loads from the backend; state is set after the await.
  // oxlint-disable-next-line react/set-state-in-effect
  useEffect(() => { if (hasPlan) void reload(); }, [reload, revision, hasPlan]);
  return { data, error, reload };
}
