import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ApiArgs, ApiResults, Method } from '../../../shared/api/contract.ts';
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
  call<K extends Method>(method: K, args: ApiArgs[K]): Promise<ApiResults[K]>;
  transport: Transport;
}

const BackendContext = createContext<Backend | null>(null);

export function BackendProvider({ transport, children }: { transport: Transport; children: ReactNode }) {
  const backend = useMemo<Backend>(() => ({
    transport,
    async call(method, args) {
      const r = await transport.invoke(method, args);
      if (!r.ok) throw new BackendError(r.error.code, r.error.message);
      return r.value;
    },
  }), [transport]);
  return <BackendContext.Provider value={backend}>{children}</BackendContext.Provider>;
}

export function useBackend(): Backend {
  const b = useContext(BackendContext);
  if (!b) throw new Error('useBackend outside BackendProvider');
  return b;
}
