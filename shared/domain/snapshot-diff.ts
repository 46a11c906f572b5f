// Änderungsliste: what changed between a decision snapshot and the plan now. Pure; measures are
// matched by their stable id, so a renumbered measure is "changed", not "removed and added".
import { MEASURE_STATUS_LABELS } from './enums.ts';
import { formatCents } from './money.ts';
import { compareCodes, formatNutzwert } from './nutzwert.ts';
import { formatPeriod, type Period } from './period.ts';
import type {
  SnapshotContent, SnapshotCostChange, SnapshotDiff, SnapshotFieldChange, SnapshotInfo, SnapshotMeasure, SnapshotMeasureChange,
  SnapshotMeasureEntry,
} from './vorlage.ts';

function period(m: SnapshotMeasure): string {
  return formatPeriod(m as unknown as Period);
}

function priority(m: SnapshotMeasure): string {
  if (m.rank === null) return m.nutzwertHalves === null ? 'ohne Bewertung' : `ohne Rang (Nutzwert ${formatNutzwert(m.nutzwertHalves)})`;
  return m.nutzwertHalves === null ? `Rang ${m.rank}` : `Rang ${m.rank} (Nutzwert ${formatNutzwert(m.nutzwertHalves)})`;
}

function costChanges(before: Record<string, number>, after: Record<string, number>): SnapshotCostChange[] {
  const years = [...new Set([...Object.keys(before), ...Object.keys(after)])].map(Number).sort((a, b) => a - b);
  const out: SnapshotCostChange[] = [];
  for (const year of years) {
    const b = before[String(year)] ?? 0;
    const a = after[String(year)] ?? 0;
    if (a !== b) out.push({ year, beforeCents: b, afterCents: a, deltaCents: a - b });
  }
  return out;
}

function entry(m: SnapshotMeasure): SnapshotMeasureEntry {
  return { measureId: m.id, code: m.code, title: m.title, totalCents: m.totalCents, status: m.status };
}

const count = (n: number, one: string, many: string, none: string) => (n === 0 ? `keine ${none}` : `${n} ${n === 1 ? one : many}`);

export function germanDateOf(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/**
 * Compares a frozen state with the current one. `baustelleLabel` names a Baustelle id for the
 * change list (e.g. "Baustelle 2"); priority only counts when both sides have scores.
 */
export function diffSnapshot(
  info: SnapshotInfo, frozen: SnapshotContent, now: SnapshotContent, baustelleLabel: (id: string) => string = (id) => id,
): SnapshotDiff {
  const before = new Map(frozen.measures.map((m) => [m.id, m]));
  const after = new Map(now.measures.map((m) => [m.id, m]));
  const added = now.measures.filter((m) => !before.has(m.id)).map(entry);
  const removed = frozen.measures.filter((m) => !after.has(m.id)).map(entry);
  const changed: SnapshotMeasureChange[] = [];
  let unchanged = 0;
  for (const a of now.measures) {
    const b = before.get(a.id);
    if (!b) continue;
    const changes: SnapshotFieldChange[] = [];
    const push = (field: SnapshotFieldChange['field'], label: string, x: string, y: string) => {
      if (x !== y) changes.push({ field, label, before: x, after: y });
    };
    push('code', 'Nummer', b.code, a.code);
    push('title', 'Titel', b.title, a.title);
    push('baustelle', 'Baustelle', baustelleLabel(b.baustelleId), baustelleLabel(a.baustelleId));
    const costs = costChanges(b.costsByYear, a.costsByYear);
    if (costs.length > 0 || a.totalCents !== b.totalCents) changes.push({ field: 'cost', label: 'Kosten', before: formatCents(b.totalCents), after: formatCents(a.totalCents) });
    if (frozen.hasScores && now.hasScores) push('priority', 'Priorität', priority(b), priority(a));
    push('responsibility', 'verantwortlich', b.responsibleActorName ?? 'nicht festgelegt', a.responsibleActorName ?? 'nicht festgelegt');
    push('period', 'Zeitraum', period(b), period(a));
    push('status', 'Status', MEASURE_STATUS_LABELS[b.status] ?? b.status, MEASURE_STATUS_LABELS[a.status] ?? a.status);
    if (changes.length === 0) { unchanged++; continue; }
    changed.push({ measureId: a.id, code: a.code, title: a.title, changes, costByYear: costs, totalBeforeCents: b.totalCents, totalAfterCents: a.totalCents });
  }
  const byCode = <T extends { code: string }>(list: T[]) => list.sort((x, y) => compareCodes(x.code, y.code));
  byCode(added);
  byCode(removed);
  byCode(changed);
  const summary = `Seit „${info.name}“ (${germanDateOf(info.date)}): ${count(added.length, 'neue Maßnahme', 'neue Maßnahmen', 'neuen Maßnahmen')}, `
    + `${count(changed.length, 'geänderte', 'geänderte', 'geänderten')}, ${count(removed.length, 'entfallene', 'entfallene', 'entfallenen')}; `
    + `Gesamtkosten ${formatCents(frozen.totalCents)} → ${formatCents(now.totalCents)}.`;
  return {
    snapshot: info, added, removed, changed, unchangedCount: unchanged,
    totals: { beforeCents: frozen.totalCents, afterCents: now.totalCents, deltaCents: now.totalCents - frozen.totalCents, byYear: costChanges(frozen.byYear, now.byYear) },
    summary,
  };
}
