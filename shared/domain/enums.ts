// Fixed vocabularies of the plan, each with its German label. Stored values are
// ASCII slugs so that files stay stable when a label is reworded.

export const MEASURE_STATUSES = ['idee', 'in-planung', 'beschlussreif', 'beschlossen', 'in-umsetzung', 'abgeschlossen', 'zurueckgestellt'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  idee: 'Idee',
  'in-planung': 'in Planung',
  beschlussreif: 'beschlussreif',
  beschlossen: 'beschlossen',
  'in-umsetzung': 'in Umsetzung',
  abgeschlossen: 'abgeschlossen',
  zurueckgestellt: 'zurückgestellt',
};

export const ROLES = ['verantwortlich', 'federfuehrend', 'mitwirkend', 'zu-informieren'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  verantwortlich: 'verantwortlich',
  federfuehrend: 'federführend',
  mitwirkend: 'mitwirkend',
  'zu-informieren': 'zu informieren',
};

export const ACTOR_KINDS = [
  'kreisverwaltung', 'gemeinde', 'kreistag', 'beirat', 'jobcenter', 'kammer', 'arbeitgeber',
  'verein', 'migrantenorganisation', 'land-bund', 'sonstige',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
export const ACTOR_KIND_LABELS: Record<ActorKind, string> = {
  kreisverwaltung: 'Kreisverwaltung/Fachdienst',
  gemeinde: 'Gemeinde',
  kreistag: 'Kreistag/Politik',
  beirat: 'Beirat',
  jobcenter: 'Jobcenter',
  kammer: 'Kammer',
  arbeitgeber: 'Arbeitgeber',
  verein: 'Verein/Zivilgesellschaft',
  migrantenorganisation: 'Migrant:innenorganisation',
  'land-bund': 'Land/Bund',
  sonstige: 'Sonstige',
};

export const COST_KINDS = ['personal', 'sachkosten', 'investition'] as const;
export type CostKind = (typeof COST_KINDS)[number];
export const COST_KIND_LABELS: Record<CostKind, string> = {
  personal: 'Personal',
  sachkosten: 'Sachkosten',
  investition: 'Investition',
};

export const FUNDING_KINDS = ['kreishaushalt', 'foerdermittel', 'drittmittel', 'eigenmittel-dritter'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];
export const FUNDING_KIND_LABELS: Record<FundingKind, string> = {
  kreishaushalt: 'Kreishaushalt',
  foerdermittel: 'Fördermittel',
  drittmittel: 'Drittmittel',
  'eigenmittel-dritter': 'Eigenmittel Dritter',
};

export const BUDGET_STATES = ['geplant', 'beantragt', 'bewilligt'] as const;
export type BudgetState = (typeof BUDGET_STATES)[number];
export const BUDGET_STATE_LABELS: Record<BudgetState, string> = {
  geplant: 'geplant',
  beantragt: 'beantragt',
  bewilligt: 'bewilligt',
};

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
