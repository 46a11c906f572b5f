import { useEffect, useState } from 'react';
import type { PlanInfo } from '../../shared/domain/types.ts';
import { useBackend } from './backend/useBackend.tsx';

// Placeholder shell: replaced by the real workbench UI.
export function App() {
  const { call } = useBackend();
  const [info, setInfo] = useState<PlanInfo | null>(null);
  useEffect(() => { call('plan.info', {}).then(setInfo); }, [call]);
  return <main><h1>Zusammenhalt-Werkbank</h1><p>{info?.title}</p></main>;
}
