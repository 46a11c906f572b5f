import type { ActorKind, BudgetState, CostKind, FundingKind, MeasureStatus, Quarter, Role } from './enums.ts';

/** A measure (Maßnahme) as stored. */
export interface Measure {
  id: string;
  code: string;
  title: string;
  description: string;
  goal: string;
  need: string;
  baustelleId: string;
  furtherBaustellenIds: string[];
  status: MeasureStatus;
  startYear: number | null;
  startQuarter: Quarter | null;
  endYear: number | null;
  endQuarter: Quarter | null;
  notes: string;
  grundmauerIds: string[];
  frageIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** One row of the measures table: the measure plus what the table shows beside it. */
export interface MeasureRow extends Measure {
  responsibleActorId: string | null;
  responsibleActorName: string | null;
  totalCents: number;
  costsByYear: Record<string, number>;
}

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  orgUnit: string;
  contactPerson: string;
  contactDetails: string;
  notes: string;
}

export interface Responsibility {
  measureId: string;
  actorId: string;
  role: Role;
}

export interface BudgetLine {
  id: string;
  measureId: string;
  year: number;
  amountCents: number;
  costKind: CostKind;
  fundingKind: FundingKind;
  /** Kreishaushalt: Produkt and Kostenstelle */
  produkt: string;
  kostenstelle: string;
  /** Fördermittel: programme and Förderquote in basis points (10000 = 100 %) */
  programme: string;
  foerderquoteBp: number | null;
  state: BudgetState;
  note: string;
}

export interface MeasureDetail {
  measure: Measure;
  responsibilities: Responsibility[];
  budgetLines: BudgetLine[];
  totalCents: number;
}

export interface Totals {
  totalCents: number;
  byMeasure: Record<string, number>;
  byYear: Record<string, number>;
  byBaustelle: Record<string, number>;
  byBaustelleYear: Record<string, Record<string, number>>;
  years: number[];
}

export interface PlanInfo {
  path: string;
  fileName: string;
  title: string;
  landkreis: string;
  schemaVersion: number;
  catalogueId: string;
  catalogueVersion: number;
  measureCount: number;
  actorCount: number;
  createdAt: string;
}

export interface RecentPlan {
  path: string;
  title: string;
  openedAt: string;
  exists: boolean;
}
