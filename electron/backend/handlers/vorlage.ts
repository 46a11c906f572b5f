// Committee documents and decision snapshots: export.vorlage, the remembered Vorlage settings,
// and "Stand festschreiben" with its Änderungsliste. Writes (settings, snapshots) are logged in
// the Änderungsprotokoll and undoable like every other change of the plan.
import type { Handlers } from '../../../shared/api/contract.ts';
import { newId } from '../../../shared/domain/ids.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { splitLine } from '../../../shared/domain/finance.ts';
import { describeZodError } from '../../../shared/domain/schemas.ts';
import { diffSnapshot, germanDateOf } from '../../../shared/domain/snapshot-diff.ts';
import {
  vorlagePartsSchema, vorlageSettingsSchema, type MeasureSelection, type SnapshotDiff, type VorlageExportOptions, type VorlageSettings,
  type VorlageSettingsInfo, type Vorlageart,
} from '../../../shared/domain/vorlage.ts';
import type { Db } from '../db/open.ts';
import { invalid, notFound } from '../errors.ts';
import {
  defaultBeschluss, defaultSettings, selectMeasures, vorlageFileName, type ResolvedVorlage, type VorlageData,
} from '../export/vorlage.ts';
import { loadSnapshot } from '../export/snapshot.ts';
import { changeGroup, logChange } from '../repos/changelog.ts';
import { readPriority } from '../repos/priority.ts';
import { listHaushalt, readDocumentSettings } from '../repos/haushalt.ts';
import { listDecisions, listFrames } from '../repos/priorities.ts';
import { completeProfil } from '../../../shared/domain/vorlage.ts';
import type { MeasureStatus } from '../../../shared/domain/enums.ts';
import { anonymiseVorlage } from '../export/vorlage.ts';
import { planContext, resolveSettings, toOptimiserRun } from './priorities-report.ts';
import { runSolver } from './priorities-solver.ts';
import { runExportJob } from './export-jobs.ts';
import { listDependencies, listIndicators, listMilestones } from '../repos/sheet.ts';
import {
  currentContent, deleteSnapshot, getSnapshotRow, getVorlageSettingsRow, listSnapshots, putSnapshot, putVorlageSettingsRow,
  snapshotContent, snapshotInfo, type SnapshotRow, type VorlageSettingsRow,
} from '../repos/snapshots.ts';
import type { Session } from '../session.ts';

/** Everything the Vorlage shows, read in one transaction. */
export function loadVorlageData(s: Session): VorlageData {
  const db = s.db;
  return db.transaction(() => {
    const snap = loadSnapshot(s);
    const snapshots = listSnapshots(db).map((info) => {
      const row = getSnapshotRow(db, info.id)!;
      const content = snapshotContent(row);
      return { info, statuses: Object.fromEntries(content.measures.map((m) => [m.id, m.status])) as Record<string, MeasureStatus> };
    });
    return {
      snap, milestones: listMilestones(db), indicators: listIndicators(db), dependencies: listDependencies(db),
      priority: readPriority(db, snap.measures), haushalt: listHaushalt(db), frames: listFrames(db), decisions: listDecisions(db),
      snapshots, docSettings: readDocumentSettings(db), optimiserOut: null,
    };
  })();
}

function savedSettings(db: Db): { settings: VorlageSettings; row: VorlageSettingsRow } | null {
  const row = getVorlageSettingsRow(db);
  if (!row) return null;
  try {
    const parsed = vorlageSettingsSchema.safeParse(JSON.parse(row.json));
    // Settings of a later version or damaged by hand: start from the defaults rather than fail the export.
    return parsed.success ? { settings: parsed.data, row } : null;
  } catch {
    return null;
  }
}

function baustelleLabel(db: Db): (id: string) => string {
  const numbers = new Map((db.prepare('SELECT id, number, short_title AS t FROM baustellen').all() as { id: string; number: number; t: string }[]).map((b) => [b.id, `Baustelle ${b.number} (${b.t})`]));
  return (id) => numbers.get(id) ?? id;
}

export function snapshotDiff(s: Session, snapshotId: string): SnapshotDiff {
  const db = s.db;
  return db.transaction(() => {
    const row = getSnapshotRow(db, snapshotId);
    if (!row) throw notFound('Der festgeschriebene Stand');
    return diffSnapshot(snapshotInfo(row), snapshotContent(row), currentContent(db, s.ctx.now()), baustelleLabel(db));
  })();
}

/** Saves the Vorlage settings as one logged, undoable change; nothing is logged when nothing changed. */
function saveSettings(s: Session, settings: VorlageSettings): string {
  const db = s.db;
  return changeGroup(db, () => {
    const before = getVorlageSettingsRow(db);
    const json = JSON.stringify(settings);
    if (before?.json === json) return before.updatedAt;
    const after: VorlageSettingsRow = { json, updatedAt: s.ctx.now(), updatedBy: s.ctx.user };
    putVorlageSettingsRow(db, after);
    logChange(db, s.ctx, 'vorlage-settings', 'vorlage', before ? 'update' : 'create', 'Einstellungen der Sitzungsvorlage gespeichert', before, after);
    return after.updatedAt;
  });
}

/** Export options + saved settings + plan defaults → what the document shows. */
export function resolveVorlage(s: Session, data: VorlageData, o: VorlageExportOptions): ResolvedVorlage {
  const selection: MeasureSelection = o.selection ?? { kind: 'all' };
  const all = selection.kind === 'all';
  const measures = selectMeasures(data.snap.measures, selection);
  const saved = savedSettings(s.db)?.settings ?? null;
  const vorlageart: Vorlageart = o.kopf?.vorlageart ?? saved?.kopf.vorlageart ?? 'beschlussvorlage';
  const defaults = defaultSettings(data, measures, vorlageart, all);
  const given = Object.fromEntries(Object.entries(o.kopf ?? {}).filter(([, v]) => v !== undefined));
  const kopf = { ...defaults.kopf, ...(saved?.kopf ?? {}), ...given, vorlageart };
  const beratungsfolge = o.beratungsfolge ?? saved?.beratungsfolge ?? defaults.beratungsfolge;
  // Without a text of the planner's own, the Beschlussvorschlag is drawn from the plan and the Beratungsfolge used.
  const beschlussvorschlag = o.beschlussvorschlag ?? saved?.beschlussvorschlag ?? defaultBeschluss(data, measures, vorlageart, beratungsfolge, all);
  return {
    parts: o.parts ?? vorlagePartsSchema.parse({}),
    selection,
    anonymise: o.anonymise ?? false,
    settings: {
      kopf, beratungsfolge, beschlussvorschlag, sachverhalt: o.sachverhalt ?? saved?.sachverhalt ?? '',
      profil: o.profil ?? saved?.profil, deckung: o.deckung ?? saved?.deckung ?? '',
    },
    changes: o.changesSince ? snapshotDiff(s, o.changesSince) : null,
    profil: completeProfil(o.profil ?? saved?.profil),
  };
}

/**
 * When a year's Eigenanteil exceeds its Haushaltsrahmen and the planner wrote no Deckung of their
 * own, the optimiser (HiGHS, in its worker) selects the plan with the highest Nutzwert that fits
 * every frame; the measures it leaves out are the Deckungsvorschlag. Bounded to a few seconds; on
 * any failure the Vorlage falls back to the priority order.
 */
async function withOptimiser(s: Session, data: VorlageData, r: ResolvedVorlage): Promise<VorlageData> {
  if (r.settings.deckung?.trim() || data.frames.length === 0 || !r.parts.vorlage) return data;
  const own = new Map<number, number>();
  const selected = new Set(selectMeasures(data.snap.measures, r.selection).map((m) => m.id));
  for (const l of data.snap.budgetLines) {
    if (!selected.has(l.measureId)) continue;
    own.set(l.year, (own.get(l.year) ?? 0) + splitLine(l).eigenanteilCents);
  }
  if (!data.frames.some((f) => (own.get(f.year) ?? 0) > f.amountCents)) return data;
  try {
    const ctx = planContext(s.db, resolveSettings(s.db, undefined), { securedOnly: false, timeLimitSeconds: 5 });
    const { value, inWorker } = await runSolver({ kind: 'solve', input: ctx.input, options: { explainResolves: 0 } }, 15);
    const run = toOptimiserRun(ctx, value, inWorker);
    if (run.status === 'infeasible' || run.status === 'error') return data;
    return { ...data, optimiserOut: run.measures.filter((m) => !m.included).map((m) => ({ measureId: m.measureId, reason: m.kindLabel })) };
  } catch {
    return data;
  }
}

export async function exportVorlage(s: Session, o: VorlageExportOptions): Promise<{ fileName: string; base64: string; bytes: Uint8Array }> {
  const loaded = loadVorlageData(s);
  const r = resolveVorlage(s, loaded, o);
  // Saved settings and defaults merged with the dialog's fields: checked again as a whole.
  const full = vorlageSettingsSchema.safeParse(r.settings);
  if (!full.success) throw invalid(describeZodError(full.error));
  const data = await withOptimiser(s, loaded, r);
  const bytes = await runExportJob({ kind: 'vorlage', data, r });
  if (o.remember) {
    const saved = savedSettings(s.db)?.settings ?? null;
    // The Beschlussvorschlag is only remembered when the planner wrote one; otherwise it follows the plan.
    saveSettings(s, { ...r.settings, beschlussvorschlag: o.beschlussvorschlag ?? saved?.beschlussvorschlag ?? null });
  }
  return { fileName: vorlageFileName(data, r), base64: Buffer.from(bytes).toString('base64'), bytes };
}

export function vorlageHandlers(s: Session) {
  return {
    'export.vorlage': async (args) => {
      const { fileName, base64 } = await exportVorlage(s, args);
      return { fileName, base64 };
    },
    'vorlage.anonymise.preview': (args) => {
      const data = loadVorlageData(s);
      const r = resolveVorlage(s, data, { ...args, anonymise: true });
      return { findings: anonymiseVorlage(data, r).findings };
    },
    'vorlage.settings.get': ({ selection, vorlageart }) => {
      const data = loadVorlageData(s);
      const sel: MeasureSelection = selection ?? { kind: 'all' };
      const measures = selectMeasures(data.snap.measures, sel);
      const stored = savedSettings(s.db);
      const art = vorlageart ?? stored?.settings.kopf.vorlageart ?? 'beschlussvorlage';
      const defaults = defaultSettings(data, measures, art, sel.kind === 'all');
      const saved = stored?.settings ?? null;
      const effectiveBeratung = saved?.beratungsfolge ?? defaults.beratungsfolge;
      const effective: VorlageSettings = saved
        ? { ...saved, kopf: { ...saved.kopf, vorlageart: art }, beschlussvorschlag: saved.beschlussvorschlag ?? defaultBeschluss(data, measures, art, effectiveBeratung, sel.kind === 'all') }
        : defaults;
      return {
        saved, defaults, effective, updatedAt: stored?.row.updatedAt ?? null, measureCount: measures.length, hasScores: data.priority !== null,
      } satisfies VorlageSettingsInfo;
    },
    'vorlage.settings.save': (settings) => {
      const updatedAt = saveSettings(s, settings);
      return { settings, updatedAt };
    },

    'snapshots.list': () => listSnapshots(s.db),
    'snapshots.create': ({ name, date, gremium }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const now = s.ctx.now();
        const content = currentContent(db, now);
        const row: SnapshotRow = {
          id: newId(), name: name.trim(), date, gremium: gremium.trim(), createdAt: now, createdBy: s.ctx.user,
          measureCount: content.measures.length, totalCents: content.totalCents, contentJson: JSON.stringify(content),
        };
        putSnapshot(db, row);
        logChange(db, s.ctx, 'snapshot', row.id, 'create', `Stand „${row.name}“ (${germanDateOf(date)}) festgeschrieben: ${row.measureCount} Maßnahmen, ${formatCents(row.totalCents)}`, undefined, row);
        return snapshotInfo(row);
      });
    },
    'snapshots.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getSnapshotRow(db, id);
        if (!before) throw notFound('Der festgeschriebene Stand');
        deleteSnapshot(db, id);
        logChange(db, s.ctx, 'snapshot', id, 'delete', `Festgeschriebener Stand „${before.name}“ gelöscht`, before, undefined);
      });
      return null;
    },
    'snapshots.diff': ({ snapshotId }) => snapshotDiff(s, snapshotId),
  } satisfies Partial<Handlers>;
}

