// One action of a Maßnahmenblatt section (save a step, an indicator, the dependencies): runs it
// (the shared cache refreshes every view by itself) and reports in German. Controls stay enabled while saving
// (a disabled button would drop the keyboard focus); a second action waits its turn.
import { useCallback, useRef, useState } from 'react';
import { messageOf } from '../../../lib/format.ts';

export function useSectionAction() {
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
      setStatus(done);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      busy.current = false;
    }
  }, []);
  return { error, setError, status, setStatus, run };
}
