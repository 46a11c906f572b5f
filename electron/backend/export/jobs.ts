// The document exports as plain data in, bytes out: what the export worker runs (handlers/export-jobs.ts).
import { buildPlanDocx } from './docx.ts';
import type { PlanSnapshot } from './snapshot.ts';
import { buildVorlageDocx, type ResolvedVorlage, type VorlageData } from './vorlage.ts';

export type ExportJob =
  | { kind: 'vorlage'; data: VorlageData; r: ResolvedVorlage }
  | { kind: 'plan'; snap: PlanSnapshot };

export function runExport(job: ExportJob): Promise<Uint8Array> {
  return job.kind === 'vorlage' ? buildVorlageDocx(job.data, job.r) : buildPlanDocx(job.snap);
}
