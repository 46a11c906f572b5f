// What a Kämmerer reads first in a Vorlage: per budget year the Eigenanteil requested, the
// Haushaltsrahmen and the difference; whether the year's Haushalt is already adopted (then the
// money is über-/außerplanmäßig and needs a Deckung); and, when a frame is exceeded, which measures
// are proposed to be deferred so that every year fits. Pure, integer cents.

export interface YearBudget {
  year: number;
  /** Eigenanteil des Kreises requested by the measures in this year. */
  requestedCents: number;
  /** Haushaltsrahmen; null when none is set. */
  frameCents: number | null;
  /** frame − requested (negative = over the frame); null without a frame. */
  leftCents: number | null;
  /** The year's Haushalt is adopted: money here is über-/außerplanmäßig. */
  adopted: boolean;
}

export interface DeferralCandidate {
  measureId: string;
  code: string;
  /** Eigenanteil per year. */
  ownByYear: Record<string, number>;
  /** Lower = deferred first (e.g. the reverse Nutzwert rank). */
  order: number;
  /** Why this one (e.g. "nicht in der Auswahl des Optimierers: kein Platz im Rahmen"). */
  reason: string;
}

export interface DeckungProposal {
  /** Measures proposed to be deferred, in order, with their reason. */
  deferred: DeferralCandidate[];
  /** Per year: requested after the deferral. */
  afterByYear: Record<string, number>;
  /** Years still over the frame after deferring every candidate. */
  stillOver: number[];
}

export function yearBudgets(years: readonly number[], ownByYear: Readonly<Record<string, number>>, frames: ReadonlyMap<number, number>, adopted: ReadonlySet<number>): YearBudget[] {
  return years.map((year) => {
    const requestedCents = ownByYear[String(year)] ?? 0;
    const frame = frames.get(year);
    const frameCents = frame === undefined ? null : frame;
    return { year, requestedCents, frameCents, leftCents: frameCents === null ? null : frameCents - requestedCents, adopted: adopted.has(year) };
  });
}

/**
 * Defers candidates (in their order) while any year is over its frame; a candidate is taken only
 * when it frees money in a year that is still over. Candidates come from the optimiser's selection
 * (measures it leaves out) and, without one, from the priority order.
 */
export function proposeDeckung(budgets: readonly YearBudget[], candidates: readonly DeferralCandidate[]): DeckungProposal {
  const after: Record<string, number> = Object.fromEntries(budgets.map((b) => [String(b.year), b.requestedCents]));
  const frames = new Map(budgets.filter((b) => b.frameCents !== null).map((b) => [String(b.year), b.frameCents!]));
  const over = () => [...frames].filter(([y, f]) => (after[y] ?? 0) > f).map(([y]) => y);
  const deferred: DeferralCandidate[] = [];
  for (const c of [...candidates].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code, 'de'))) {
    const o = over();
    if (o.length === 0) break;
    if (!o.some((y) => (c.ownByYear[y] ?? 0) > 0)) continue;
    deferred.push(c);
    for (const [y, v] of Object.entries(c.ownByYear)) if (Object.hasOwn(after, y)) after[y] -= v;
  }
  return { deferred, afterByYear: after, stillOver: over().map(Number) };
}
