// The whole bridge: invoke/on typed by the contract on the renderer side, nothing else exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('werkbank', {
  invoke: (method: string, args: unknown) => ipcRenderer.invoke('api', method, args),
  on: (event: string, listener: (payload: unknown) => void) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('event', wrapped);
    return () => ipcRenderer.removeListener('event', wrapped);
  },
  choosePlanPath: (mode: 'open' | 'save', suggestedName?: string) => ipcRenderer.invoke('host:choosePlanPath', mode, suggestedName),
  saveFile: (fileName: string, base64: string) => ipcRenderer.invoke('host:saveFile', fileName, base64),
});
