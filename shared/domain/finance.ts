// Money per measure and year: who pays how much. Pure and exact — every amount is an integer
// number of cents and every sum is checked to stay within the safe integer range.
//
// Split of one budget line (amount A):
//  - kreishaushalt:       Eigenanteil (Kreis) = A
//  - foerdermittel:       Fördermittel F = floor(A × quote / 10 000), Eigenanteil = A − F
//                         Rounding rule: the grant is rounded DOWN to whole cents, the Kreis
//                         carries the remainder (vorsichtige Planung: never count on a cent of
//                         funding that may not come). F + Eigenanteil = A holds exactly.
//                         A missing quote counts as 0 % (whole line is Eigenanteil) and warns.
//  - drittmittel:         Drittmittel = A
//  - eigenmittel-dritter: Eigenmittel Dritter = A
// So for every line and every sum: total = Fördermittel + Drittmittel + Eigenmittel Dritter
// + Eigenanteil.
import type { BudgetState, CostKind, FundingKind } from './enums.ts';
import { BUDGET_STATES, COST_KINDS, FUNDING_KINDS } from './enums.ts';
import { formatCents } from './money.ts';

export const FULL_QUOTE_BP = 10_000;

export interface BudgetLineInput {
  measureId: string;
  year: number;
  amountCents: number;
  costKind: CostKind;
  fundingKind: FundingKind;
  /** Förderquote in basis points 0..10 000 (10 000 = 100 %); only used for foerdermittel. */
  foerderquoteBp?: number | null;
  state: BudgetState;
}

/** Split of one line; the four parts add up to amountCents exactly. */
export interface LineSplit {
  amountCents: number;
  foerdermittelCents: number;
  drittmittelCents: number;
  eigenmittelDritterCents: number;
  /** The Kreis's own share. */
  eigenanteilCents: number;
}

export interface FinanceFigures {
  totalCents: number;
  foerdermittelCents: number;
  drittmittelCents: number;
  eigenmittelDritterCents: number;
  /** Kreishaushalt lines + the non-funded part of Fördermittel lines. */
  eigenanteilCents: number;
  /** Fördermittel + Drittmittel + Eigenmittel Dritter. */
  externalCents: number;
  /** Part of externalCents on lines that are not yet bewilligt (at risk). */
  unsecuredExternalCents: number;
  /** Fördermittel on lines that are bewilligt. */
  foerdermittelBewilligtCents: number;
  byCostKind: Record<CostKind, number>;
  byFundingKind: Record<FundingKind, number>;
  byState: Record<BudgetState, number>;
  lineCount: number;
}

export type FinanceWarningCode =
  | 'foerderantrag-offen' | 'foerderantrag-nicht-gestellt' | 'foerderquote-fehlt' | 'foerderquote-null'
  | 'drittmittel-nicht-zugesagt' | 'eigenmittel-dritter-nicht-zugesagt';

export interface FinanceWarning {
  code: FinanceWarningCode;
  measureId: string;
  year: number;
  /** Position of the line in the input. */
  lineIndex: number;
  message: string;
}

export interface FinanceSummary {
  total: FinanceFigures;
  byYear: Record<number, FinanceFigures>;
  byMeasure: Record<string, FinanceFigures>;
  byMeasureYear: Record<string, Record<number, FinanceFigures>>;
  /** Only when a groupKey is passed. */
  byGroup: Record<string, FinanceFigures>;
  byGroupYear: Record<string, Record<number, FinanceFigures>>;
  years: number[];
  warnings: FinanceWarning[];
}

export interface FinanceOptions {
  /** Grouping key per line (e.g. Baustelle of the measure, Produkt, Kostenart). */
  groupKey?: (line: BudgetLineInput) => string;
  /** How a measure is named in warnings (e.g. its code); default: no name. */
  measureLabel?: (measureId: string) => string;
}

/** German error for invalid money input. */
export class FinanceError extends Error {
  readonly code = 'invalid';
  constructor(message: string) {
    super(message);
    this.name = 'FinanceError';
  }
}

function add(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new FinanceError('Die Summe der Beträge übersteigt den darstellbaren Bereich.');
  return s;
}

/** floor(amount × bp / 10 000) without leaving the exact integer range. */
export function foerderanteil(amountCents: number, quoteBp: number): number {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new FinanceError(`Ungültiger Betrag: ${String(amountCents)} Cent.`);
  if (!Number.isInteger(quoteBp) || quoteBp < 0 || quoteBp > FULL_QUOTE_BP) throw new FinanceError('Die Förderquote muss zwischen 0 und 100 % liegen.');
  const q = Math.floor(amountCents / FULL_QUOTE_BP);
  const r = amountCents - q * FULL_QUOTE_BP; // 0..9999
  return q * quoteBp + Math.floor((r * quoteBp) / FULL_QUOTE_BP); // r × bp < 10^8: exact
}

function checkLine(line: BudgetLineInput, index: number): void {
  const where = `Haushaltszeile ${index + 1} (Jahr ${String(line.year)})`;
  if (!Number.isSafeInteger(line.amountCents) || line.amountCents < 0) {
    throw new FinanceError(`${where}: Der Betrag muss eine ganze, nicht negative Zahl von Cent sein.`);
  }
  if (!Number.isInteger(line.year)) throw new FinanceError(`${where}: Das Jahr muss eine ganze Zahl sein.`);
  if (!(COST_KINDS as readonly string[]).includes(line.costKind)) throw new FinanceError(`${where}: Unbekannte Kostenart.`);
  if (!(FUNDING_KINDS as readonly string[]).includes(line.fundingKind)) throw new FinanceError(`${where}: Unbekannte Finanzierungsart.`);
  if (!(BUDGET_STATES as readonly string[]).includes(line.state)) throw new FinanceError(`${where}: Unbekannter Stand der Finanzierung.`);
  const q = line.foerderquoteBp;
  if (line.fundingKind === 'foerdermittel' && q != null && (!Number.isInteger(q) || q < 0 || q > FULL_QUOTE_BP)) {
    throw new FinanceError(`${where}: Die Förderquote muss zwischen 0 und 100 % liegen.`);
  }
}

/** Splits one line into Fördermittel, Drittmittel, Eigenmittel Dritter and Eigenanteil. */
export function splitLine(line: BudgetLineInput): LineSplit {
  checkLine(line, 0);
  const a = line.amountCents;
  const s: LineSplit = { amountCents: a, foerdermittelCents: 0, drittmittelCents: 0, eigenmittelDritterCents: 0, eigenanteilCents: 0 };
  switch (line.fundingKind) {
    case 'kreishaushalt': s.eigenanteilCents = a; break;
    case 'foerdermittel': {
      s.foerdermittelCents = foerderanteil(a, line.foerderquoteBp ?? 0);
      s.eigenanteilCents = a - s.foerdermittelCents;
      break;
    }
    case 'drittmittel': s.drittmittelCents = a; break;
    case 'eigenmittel-dritter': s.eigenmittelDritterCents = a; break;
  }
  return s;
}

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function emptyFigures(): FinanceFigures {
  return {
    totalCents: 0, foerdermittelCents: 0, drittmittelCents: 0, eigenmittelDritterCents: 0, eigenanteilCents: 0,
    externalCents: 0, unsecuredExternalCents: 0, foerdermittelBewilligtCents: 0,
    byCostKind: zeroRecord(COST_KINDS), byFundingKind: zeroRecord(FUNDING_KINDS), byState: zeroRecord(BUDGET_STATES), lineCount: 0,
  };
}

function addLine(f: FinanceFigures, line: BudgetLineInput, s: LineSplit): void {
  f.totalCents = add(f.totalCents, s.amountCents);
  f.foerdermittelCents = add(f.foerdermittelCents, s.foerdermittelCents);
  f.drittmittelCents = add(f.drittmittelCents, s.drittmittelCents);
  f.eigenmittelDritterCents = add(f.eigenmittelDritterCents, s.eigenmittelDritterCents);
  f.eigenanteilCents = add(f.eigenanteilCents, s.eigenanteilCents);
  const external = s.foerdermittelCents + s.drittmittelCents + s.eigenmittelDritterCents;
  f.externalCents = add(f.externalCents, external);
  if (line.state !== 'bewilligt') f.unsecuredExternalCents = add(f.unsecuredExternalCents, external);
  else f.foerdermittelBewilligtCents = add(f.foerdermittelBewilligtCents, s.foerdermittelCents);
  f.byCostKind[line.costKind] = add(f.byCostKind[line.costKind], s.amountCents);
  f.byFundingKind[line.fundingKind] = add(f.byFundingKind[line.fundingKind], s.amountCents);
  f.byState[line.state] = add(f.byState[line.state], s.amountCents);
  f.lineCount++;
}

function quoteText(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? `${whole} %` : `${whole},${String(frac).padStart(2, '0').replace(/0$/u, '')} %`;
}

function warningsFor(line: BudgetLineInput, s: LineSplit, index: number, label?: (id: string) => string): FinanceWarning[] {
  const out: FinanceWarning[] = [];
  const who = label ? `${label(line.measureId)}, ` : '';
  const push = (code: FinanceWarningCode, text: string) =>
    out.push({ code, measureId: line.measureId, year: line.year, lineIndex: index, message: `${who}${line.year}: ${text}` });
  if (line.amountCents === 0) return out;
  switch (line.fundingKind) {
    case 'foerdermittel': {
      const q = line.foerderquoteBp;
      if (q == null) {
        push('foerderquote-fehlt', `Bei Fördermitteln über ${formatCents(line.amountCents)} fehlt die Förderquote; bis sie eingetragen ist, trägt der Kreis den vollen Betrag.`);
      } else if (q === 0) {
        push('foerderquote-null', `Fördermittel mit einer Förderquote von 0 %: Der Kreis trägt den vollen Betrag von ${formatCents(line.amountCents)}.`);
      }
      if (line.state === 'geplant' && s.foerdermittelCents > 0) {
        push('foerderantrag-nicht-gestellt', `Der Förderantrag über ${formatCents(s.foerdermittelCents)} (Förderquote ${quoteText(q ?? 0)}) ist noch nicht gestellt.`);
      } else if (line.state === 'beantragt' && s.foerdermittelCents > 0) {
        push('foerderantrag-offen', `Der Förderantrag über ${formatCents(s.foerdermittelCents)} (Förderquote ${quoteText(q ?? 0)}) ist gestellt, aber noch nicht bewilligt.`);
      }
      break;
    }
    case 'drittmittel':
      if (line.state !== 'bewilligt') push('drittmittel-nicht-zugesagt', `Drittmittel über ${formatCents(line.amountCents)} sind noch nicht zugesagt (${line.state}).`);
      break;
    case 'eigenmittel-dritter':
      if (line.state !== 'bewilligt') push('eigenmittel-dritter-nicht-zugesagt', `Eigenmittel Dritter über ${formatCents(line.amountCents)} sind noch nicht verbindlich zugesagt (${line.state}).`);
      break;
    case 'kreishaushalt':
      break;
  }
  return out;
}

function bucket<K extends string | number>(rec: Record<K, FinanceFigures>, key: K): FinanceFigures {
  let f = rec[key];
  if (!f) { f = emptyFigures(); rec[key] = f; }
  return f;
}

/**
 * Sums budget lines by year, by measure, by measure and year and (optionally) by a caller's
 * grouping key, with German warnings. Throws FinanceError (German) on invalid lines.
 */
export function summariseBudget(lines: readonly BudgetLineInput[], options: FinanceOptions = {}): FinanceSummary {
  const out: FinanceSummary = {
    total: emptyFigures(), byYear: {}, byMeasure: {}, byMeasureYear: {}, byGroup: {}, byGroupYear: {}, years: [], warnings: [],
  };
  const years = new Set<number>();
  lines.forEach((line, index) => {
    checkLine(line, index);
    const s = splitLine(line);
    years.add(line.year);
    addLine(out.total, line, s);
    addLine(bucket(out.byYear, line.year), line, s);
    addLine(bucket(out.byMeasure, line.measureId), line, s);
    addLine(bucket(out.byMeasureYear[line.measureId] ??= {}, line.year), line, s);
    if (options.groupKey) {
      const g = options.groupKey(line);
      addLine(bucket(out.byGroup, g), line, s);
      addLine(bucket(out.byGroupYear[g] ??= {}, line.year), line, s);
    }
    out.warnings.push(...warningsFor(line, s, index, options.measureLabel));
  });
  out.years = [...years].sort((a, b) => a - b);
  return out;
}

/**
 * The Kreis's own share (Eigenanteil) per measure and year — the figure the optimiser's
 * budget frames constrain. measureId → year → cents.
 * With `securedOnly`, external money on lines that are not yet bewilligt counts as Eigenanteil
 * too (vorsichtige Planung: what if the Förderantrag fails?).
 */
export function ownShareByMeasureYear(
  lines: readonly BudgetLineInput[], options: { securedOnly?: boolean } = {},
): Record<string, Record<number, number>> {
  const out: Record<string, Record<number, number>> = {};
  lines.forEach((line, index) => {
    checkLine(line, index);
    const s = splitLine(line);
    const own = options.securedOnly && line.state !== 'bewilligt' ? s.amountCents : s.eigenanteilCents;
    const rec = out[line.measureId] ??= {};
    rec[line.year] = add(rec[line.year] ?? 0, own);
  });
  return out;
}
