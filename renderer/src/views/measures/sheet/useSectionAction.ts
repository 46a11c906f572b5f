// One action of a Maßnahmenblatt section (save a step, an indicator, the dependencies): runs it,
// reloads the sheet and the workbench, and reports in German. Controls stay enabled while saving
// (a disabled button would drop the keyboard focus); a second action waits its turn.
import { useCallback, useRef, useState } from 'react';
import { messageOf } from '../../../lib/format.ts';
import { useWorkbench } from '../../../useWorkbench.tsx';

export function useSectionAction(onChanged: () => Promise<void>) {
  const wb = useWorkbench();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const busy = useRef(false);
  const run = useCallback(async (what: () => Promise<unknown>, done: string): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setError(null);
    setStatus(null);
    try {
      await what();
      await onChanged();
      await wb.refresh();
      setStatus(done);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      busy.current = false;
    }
  }, [onChanged, wb]);
  return { error, setError, status, setStatus, run };
}
