// Building blocks of the priorities views: the Nutzwert bar with its
// Teilnutzen in text, and the criteria legend (K1, K2, … with names and weights).
import { formatNutzwert, type Criterion, type NutzwertRow } from '../../../../shared/domain/nutzwert.ts';
import './priorities.css';

/** "K1", "K2", … in criteria order. */
export const criterionTag = (index: number) => `K${index + 1}`;

const PALETTE = ['#1f4e8c', '#8fb3e3', '#2e6b4f', '#9fd0b4', '#7a4b00', '#e3bf73', '#5b3f8c', '#c3b1e6', '#7d2a2a', '#e8a3a3'];
/** White text on the dark entries, dark text on the light ones (contrast ≥ 4.5:1 either way). */
const TEXT_ON = ['#ffffff', '#14233a', '#ffffff', '#10271b', '#ffffff', '#2b1d00', '#ffffff', '#1f1433', '#ffffff', '#3a0d0d'];

export function segmentStyle(index: number): { background: string; color: string } {
  return { background: PALETTE[index % PALETTE.length], color: TEXT_ON[index % TEXT_ON.length] };
}

/**
 * The Nutzwert as a stacked bar (one segment per criterion, 0–10 scale) with the values in text
 * beside it. The bar is decoration; the text carries the information (never colour alone).
 */
export function NutzwertBar({ row, criteria, compact }: { row: NutzwertRow; criteria: readonly Criterion[]; compact?: boolean }) {
  const index = new Map(criteria.map((c, i) => [c.id, i]));
  const parts = row.teilnutzen.filter((t) => t.valueHalves > 0);
  return (
    <div className={compact ? 'nw compact' : 'nw'}>
      <div className="nw-bar" aria-hidden="true">
        {parts.map((t) => {
          const i = index.get(t.criterionId) ?? 0;
          const width = (t.valueHalves / 2000) * 100;
          return (
            <span key={t.criterionId} className="nw-seg" style={{ width: `${width}%`, ...segmentStyle(i) }} title={`${t.criterionName}: ${formatNutzwert(t.valueHalves)}`}>
              {width >= 6 ? criterionTag(i) : ''}
            </span>
          );
        })}
      </div>
      <p className="nw-text">
        {row.teilnutzen.map((t, k) => {
          const i = index.get(t.criterionId) ?? k;
          return (
            <span key={t.criterionId} className="nw-part">
              <abbr title={t.criterionName}>{criterionTag(i)}</abbr>{' '}
              {t.missing ? <span className="muted">nicht bewertet</span> : formatNutzwert(t.valueHalves)}
              {k < row.teilnutzen.length - 1 ? <span aria-hidden="true"> · </span> : null}
            </span>
          );
        })}
      </p>
    </div>
  );
}

/** The criteria with their tags, weights and colours: the key to every Nutzwert bar. */
export function CriteriaLegend({ criteria }: { criteria: readonly Criterion[] }) {
  return (
    <ul className="nw-legend" aria-label="Kriterien der Nutzwertanalyse">
      {criteria.map((c, i) => (
        <li key={c.id}>
          <span className="nw-swatch" style={segmentStyle(i)} aria-hidden="true">{criterionTag(i)}</span>
          <span><span className="visually-hidden">{criterionTag(i)}: </span>{c.name} <span className="muted">({c.weight} Punkte{c.ko ? ', KO-Kriterium' : ''})</span></span>
        </li>
      ))}
    </ul>
  );
}
