// Public surface of the plan optimiser (HiGHS MILP, exact post-checks in integer cents).
export { solvePlan, explainExclusion, whatIfFrameGrows, DEFAULT_TIME_LIMIT_SECONDS, DEFAULT_RELATIVE_GAP, DEFAULT_EXPLAIN_RESOLVES, DEFAULT_EXPLAIN_TIME_LIMIT_SECONDS } from './solve-plan.ts';
export { configureHighs, loadHighs } from './highs-runtime.ts';
export type {
  PlanMeasure, PlanInput, SolveOptions, PlanStatus, PlanProblem, PlanProblemCode, Shortfall, ExclusionKind, InclusionKind,
  Explanation, PlanResult, FrameGrowthResult,
} from './types.ts';
