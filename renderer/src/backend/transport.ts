// How the UI reaches the backend. Components never see this: they use useBackend().
import type { ApiArgs, ApiResults, Envelope, HostEvents, Method } from '../../../shared/api/contract.ts';

export interface Transport {
  /** 'electron' (IPC) or 'web' (dev server over HTTP). */
  kind: 'electron' | 'web';
  invoke<K extends Method>(method: K, args: ApiArgs[K]): Promise<Envelope<ApiResults[K]>>;
  on<E extends keyof HostEvents>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
  /** Lets the user pick a plan file. null: the host has no file dialog (browser) – the UI asks for a path. */
  choosePlanPath(mode: 'open' | 'save', suggestedName?: string): Promise<string | null | undefined>;
  /** Hands a generated file to the user (save dialog or browser download). */
  saveFile(fileName: string, base64: string): Promise<boolean>;
}

/** The Electron preload's bridge (see electron/preload/preload.ts). */
export interface WerkbankBridge {
  invoke(method: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  choosePlanPath(mode: 'open' | 'save', suggestedName?: string): Promise<string | null>;
  saveFile(fileName: string, base64: string): Promise<boolean>;
}

declare global {
  interface Window {
    werkbank?: WerkbankBridge;
  }
}

export function ipcTransport(bridge: WerkbankBridge): Transport {
  return {
    kind: 'electron',
    invoke: (method, args) => bridge.invoke(method, args) as never,
    on: (event, listener) => bridge.on(event, listener as (p: unknown) => void),
    // The desktop host always has a file dialog, so its null can only mean "cancelled" (undefined here);
    // null is reserved for hosts without a dialog, where the UI asks for the path itself.
    choosePlanPath: async (mode, name) => (await bridge.choosePlanPath(mode, name)) ?? undefined,
    saveFile: (fileName, base64) => bridge.saveFile(fileName, base64),
  };
}

export function httpTransport(token: string): Transport {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  return {
    kind: 'web',
    async invoke(method, args) {
      try {
        const res = await fetch(`./api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-werkbank-token': token },
          body: JSON.stringify(args ?? {}),
        });
        return (await res.json()) as never;
      } catch {
        return { ok: false, error: { code: 'offline', message: 'Die Verbindung zum Backend ist unterbrochen. Läuft „npm run web“ noch?' } };
      }
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    choosePlanPath: async () => null,
    async saveFile(fileName, base64) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes]));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
  };
}

export function detectTransport(): Transport {
  if (window.werkbank) return ipcTransport(window.werkbank);
  const token = document.querySelector<HTMLMetaElement>('meta[name="werkbank-token"]')?.content ?? '';
  return httpTransport(token);
}
