// Workload of actors: when a planner should see a warning that one office carries too much.
import type { MeasureStatus } from './enums.ts';

/** Measures that bind work now: past Idee and neither finished nor put on hold. */
export const ACTIVE_STATUSES: readonly MeasureStatus[] = ['in-planung', 'beschlussreif', 'beschlossen', 'in-umsetzung'];

export function isActiveStatus(s: MeasureStatus): boolean {
  return ACTIVE_STATUSES.includes(s);
}

/**
 * An actor is overloaded when it is verantwortlich for more than 5 active measures, or for more
 * than a quarter of all active measures of the plan (counted only from 3 measures on, so that a
 * small plan does not flag everyone).
 */
export const OVERLOAD_MAX_ACTIVE = 5;
export const OVERLOAD_MAX_SHARE = 0.25;
export const OVERLOAD_MIN_FOR_SHARE = 3;
export const OVERLOAD_RULE_TEXT =
  'Überlastet heißt: verantwortlich für mehr als 5 laufende Maßnahmen oder für mehr als ein Viertel aller laufenden Maßnahmen (ab 3). Laufend sind Maßnahmen in Planung, beschlussreif, beschlossen oder in Umsetzung.';

/** German reason when overloaded, else null. */
export function overloadReason(activeResponsible: number, activeTotal: number): string | null {
  if (activeResponsible > OVERLOAD_MAX_ACTIVE) {
    return `verantwortlich für ${activeResponsible} laufende Maßnahmen (mehr als ${OVERLOAD_MAX_ACTIVE})`;
  }
  if (activeTotal > 0 && activeResponsible >= OVERLOAD_MIN_FOR_SHARE && activeResponsible / activeTotal > OVERLOAD_MAX_SHARE) {
    const pct = Math.round((activeResponsible / activeTotal) * 100);
    return `verantwortlich für ${activeResponsible} von ${activeTotal} laufenden Maßnahmen (${pct} %, mehr als ein Viertel)`;
  }
  return null;
}
