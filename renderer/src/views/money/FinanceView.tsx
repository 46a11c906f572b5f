// Finanzen: costs per Baustelle and year, per year and in total, straight from budget.totals.
import { formatCents } from '../../../../shared/domain/money.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';

export function FinanceView() {
  const wb = useWorkbench();
  const t = wb.totals;
  const years = t?.years ?? [];
  return (
    <>
      <div className="view-head">
        <ViewHeading>Finanzen</ViewHeading>
        <p className="lead">Geplante Kosten aller Maßnahmen je Baustelle (Hauptbaustelle der Maßnahme) und Haushaltsjahr.</p>
      </div>
      {!t || years.length === 0 ? <p>Noch keine Budgetpositionen im Plan.</p> : (
        <div className="table-wrap">
          <table className="data-table finance-table">
            <caption>Kosten je Baustelle und Jahr</caption>
            <thead>
              <tr>
                <th scope="col">Baustelle</th>
                {years.map((y) => <th key={y} scope="col" className="num">{y}</th>)}
                <th scope="col" className="num">Summe</th>
              </tr>
            </thead>
            <tbody>
              {wb.catalogue?.baustellen.map((b) => {
                const row = t.byBaustelleYear[b.id] ?? {};
                return (
                  <tr key={b.id}>
                    <th scope="row" className="row-head"><span className="muted">{b.number}</span> {b.shortTitle}</th>
                    {years.map((y) => <td key={y} className="num">{row[String(y)] ? formatCents(row[String(y)]) : <span className="muted">–</span>}</td>)}
                    <td className="num strong">{formatCents(t.byBaustelle[b.id] ?? 0)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Summe je Jahr</th>
                {years.map((y) => <td key={y} className="num">{formatCents(t.byYear[String(y)] ?? 0)}</td>)}
                <td className="num grand">{formatCents(t.totalCents)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
