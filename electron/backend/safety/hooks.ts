// After every successful contract call: the plan's safety work that depends on committed changes
// (write-back of network plans, the backup every 15 minutes). One cheap check when nothing changed.
import type { Handlers } from '../../../shared/api/contract.ts';

export interface AfterCall {
  afterCall(): Promise<void>;
}

export function afterEachCall(s: AfterCall, handlers: Handlers): Handlers {
  const wrapped: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (args: unknown) => unknown][]) {
    wrapped[name] = async (args) => {
      const value = await handler(args);
      await s.afterCall();
      return value;
    };
  }
  return wrapped as unknown as Handlers;
}
