// PLACEHOLDER until the DOCX writer lands (being written in parallel).
import type { PlanSnapshot } from './snapshot.ts';
export async function buildPlanDocx(_snap: PlanSnapshot): Promise<Uint8Array> {
  throw new Error('not yet');
}
export function docxFileName(snap: PlanSnapshot): string {
  return `${snap.info.fileName.replace(/\.wirplan$/u, '')}.docx`;
}
