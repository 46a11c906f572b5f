// XLSX exchange: export.xlsx, and the import in three steps (preview, validate, apply). Only apply
// writes, all rows or none, as one undo step.
import type { Handlers } from '../../../shared/api/contract.ts';
import { loadSnapshot } from '../export/snapshot.ts';
import type { Session } from '../session.ts';

// exceljs takes about half a second to load; loaded on first use, not at every start of the app.
const xlsx = () => import('../export/xlsx.ts');
const importer = () => import('../import/plan-import.ts');

export function exchangeHandlers(s: Session) {
  return {
    'export.xlsx': async () => {
      const { buildPlanXlsx, xlsxFileName } = await xlsx();
      const snap = loadSnapshot(s);
      const bytes = await buildPlanXlsx(snap);
      return { fileName: xlsxFileName(snap), base64: Buffer.from(bytes).toString('base64') };
    },
    'import.preview': async ({ fileName, base64 }) => (await importer()).previewImport(fileName, base64),
    'import.validate': async ({ fileName, base64, mapping }) => {
      const { validateImport } = await importer();
      return validateImport(s.db, fileName, base64, mapping, s.ctx.now());
    },
    'import.apply': async ({ fileName, base64, mapping }) => {
      const { applyImport } = await importer();
      return applyImport(s.db, s.ctx, fileName, base64, mapping);
    },
  } satisfies Partial<Handlers>;
}
