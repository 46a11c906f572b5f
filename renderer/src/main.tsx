import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { BackendProvider } from './backend/useBackend.tsx';
import { detectTransport } from './backend/transport.ts';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BackendProvider transport={detectTransport()}>
      <App />
    </BackendProvider>
  </StrictMode>,
);
