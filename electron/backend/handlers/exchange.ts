// XLSX exchange: export.xlsx, and the import in three steps (preview, validate, apply). Only apply
// writes, all rows or none, as one undo step.
import type { Handlers } from '../../../shared/api/contract.ts';
import { buildPlanXlsx, xlsxFileName } from '../export/xlsx.ts';
import { loadSnapshot } from '../export/snapshot.ts';
import { applyImport, previewImport, validateImport } from '../import/plan-import.ts';
import type { Session } from '../session.ts';

export function exchangeHandlers(s: Session) {
  return {
    'export.xlsx': async () => {
      const snap = loadSnapshot(s);
      const bytes = await buildPlanXlsx(snap);
      return { fileName: xlsxFileName(snap), base64: Buffer.from(bytes).toString('base64') };
    },
    'import.preview': ({ fileName, base64 }) => previewImport(fileName, base64),
    'import.validate': ({ fileName, base64, mapping }) => validateImport(s.db, fileName, base64, mapping, s.ctx.now()),
    'import.apply': ({ fileName, base64, mapping }) => applyImport(s.db, s.ctx, fileName, base64, mapping),
  } satisfies Partial<Handlers>;
}
