// The optimiser jobs the priorities handlers run: the same code in the worker thread and, as a
// fallback, in the backend's own thread.
import { explainExclusion, solvePlan, whatIfFrameGrows } from '../optimiser/index.ts';
import type { Explanation, FrameGrowthResult, PlanInput, PlanResult, SolveOptions } from '../optimiser/index.ts';

export type SolverJob =
  | { kind: 'solve'; input: PlanInput; options?: SolveOptions }
  | { kind: 'explain'; input: PlanInput; measureId: string; options?: SolveOptions }
  | { kind: 'whatIf'; input: PlanInput; year: number; extraCents: number; options?: SolveOptions };

export interface SolverResults { solve: PlanResult; explain: Explanation; whatIf: FrameGrowthResult }

export function runSolverJob(job: SolverJob): Promise<PlanResult | Explanation | FrameGrowthResult> {
  switch (job.kind) {
    case 'solve': return solvePlan(job.input, job.options);
    case 'explain': return explainExclusion(job.input, job.measureId, job.options);
    case 'whatIf': return whatIfFrameGrows(job.input, job.year, job.extraCents, job.options);
  }
}
