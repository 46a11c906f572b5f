// The Maßnahmenblatt's own Änderungsprotokoll: every step that touched this measure or its lists.
import { useState } from 'react';
import { ErrorAlert } from '../../../components/Messages.tsx';
import { hrefFor } from '../../../lib/useRoute.ts';
import { HistoryTable } from '../../history/HistoryList.tsx';
import { usePlanData } from '../../../data/usePlanData.ts';

const PAGE = 15;

export function MeasureHistory({ measureId }: { measureId: string }) {
  const [limit, setLimit] = useState(PAGE);
  // One more than shown, to know whether there is more.
  const { data, error } = usePlanData('history.list', { entityId: measureId, limit: limit + 1 });
  const steps = data?.slice(0, limit) ?? [];
  const more = (data?.length ?? 0) > limit;
  return (
    <section className="panel jump-target" aria-labelledby="sec-protokoll">
      <div className="block-head">
        <h2 id="sec-protokoll" tabIndex={-1}>Änderungsprotokoll</h2>
        <a href={hrefFor({ view: 'protokoll' })} className="small">Protokoll des ganzen Plans</a>
      </div>
      <ErrorAlert message={error} />
      {data === null && !error ? <p className="muted">Wird geladen…</p> : steps.length === 0 ? <p>Noch keine Änderungen an dieser Maßnahme aufgezeichnet.</p> : (
        <>
          <HistoryTable steps={steps} caption="Änderungen an dieser Maßnahme, neueste zuerst" />
          {more ? <button type="button" className="button small" onClick={() => setLimit((l) => l + PAGE * 2)}>Ältere Änderungen zeigen</button> : null}
        </>
      )}
    </section>
  );
}
