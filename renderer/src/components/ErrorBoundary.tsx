// Last line of defence: a rendering fault shows a German message instead of an empty window.
// The plan file is not affected (every change is saved by the backend as it happens).
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State { error: Error | null }

/** Keyed by the route in the shell, so moving to another view starts afresh. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[ui] Darstellungsfehler', error, info.componentStack);
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="alert">
        <div>
          <p><strong>Diese Ansicht konnte nicht angezeigt werden.</strong></p>
          <p>Ihre bisherigen Änderungen sind in der Plandatei gespeichert. Wechseln Sie die Ansicht oder laden Sie das Fenster neu.</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>Fenster neu laden</button>
        </div>
      </div>
    );
  }
}
