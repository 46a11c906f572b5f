// Priorities and money: criteria and scores of the Nutzwertanalyse, Haushaltsrahmen, Finanzplan,
// fixed decisions, the optimiser and scenarios. Every write of plan data is one logged undo step
// (repos/history.ts knows how to put back criterion, score, frame, decision and scenario rows).
import type { Handlers } from '../../../shared/api/contract.ts';
import { newId } from '../../../shared/domain/ids.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { formatNutzwert, validateWeights } from '../../../shared/domain/nutzwert.ts';
import {
  DEFAULT_DIVERGENCE_THRESHOLD, DEFAULT_SENSITIVITY_DELTA, RATER_LABELS, type PlanCriterion, type Scenario,
  type ScenarioComparison, type ScoreEntry,
} from '../../../shared/domain/priorities.ts';
import type { Db } from '../db/open.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { DEFAULT_TIME_LIMIT_SECONDS } from '../optimiser/index.ts';
import { changeGroup, logChange, type ChangeContext } from '../repos/changelog.ts';
import { getMeasure } from '../repos/measures.ts';
import {
  currentSettings, deleteCriterion, deleteDecision, deleteFrame, deleteScenario, deleteScore, findScenarioByName, getCriterion, getDecision,
  getFrame, getScenario, getScore, listCriterionRecords, listDecisions, listFrames, listPlanCriteria, listScenarios, putCriterion, putDecision,
  putFrame, putScenario, putScore, scoreKey, scoresOfCriterion, toDomainCriterion, type CriterionRecord,
} from '../repos/priorities.ts';
import type { Session } from '../session.ts';
import {
  buildFinanzplan, buildPriorities, framesResult, loadPriorityData, planContext, resolveSettings, toOptimiserMeasure, toOptimiserRun,
  toOutcome, toWhatIf,
} from './priorities-report.ts';
import { runSolver } from './priorities-solver.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function planCriterion(db: Db, id: string): PlanCriterion {
  const c = listPlanCriteria(db).find((x) => x.id === id);
  if (!c) throw notFound('Das Kriterium');
  return c;
}

function checkCriterionRow(c: CriterionRecord, others: readonly CriterionRecord[]): void {
  const key = c.name.trim().toLocaleLowerCase('de-DE');
  if (others.some((o) => o.id !== c.id && o.name.trim().toLocaleLowerCase('de-DE') === key)) {
    throw invalid(`Ein Kriterium „${c.name.trim()}“ gibt es schon. Bitte einen anderen Namen wählen.`);
  }
  if (!c.ko) c.koThreshold = null;
}

/** Deletes a criterion with its scores, logging every row (undo puts them all back). */
function removeCriterion(db: Db, ctx: ChangeContext, before: CriterionRecord): void {
  const scores = scoresOfCriterion(db, before.id);
  deleteCriterion(db, before.id);
  logChange(db, ctx, 'criterion', before.id, 'delete', `Kriterium „${before.name}“ gelöscht`, before, undefined);
  for (const s of scores) logChange(db, ctx, 'score', scoreKey(s), 'delete', `Bewertung zu „${before.name}“ entfernt`, s, undefined);
}

function scoreSummary(code: string, criterionName: string, rater: 1 | 2, before: number | null, after: number | null): string {
  const fmt = (v: number | null) => (v === null ? 'keine' : String(v));
  return `${code}: „${criterionName}“, ${RATER_LABELS[rater].replace(/ \(.*\)$/u, '')}: ${fmt(before)} → ${fmt(after)}`;
}

/** Writes one score (or removes it) and logs it; returns whether anything changed. */
function writeScore(db: Db, ctx: ChangeContext, args: { measureId: string; criterionId: string; rater: 1 | 2; score: number | null }, names: { code: string; criterion: string }): boolean {
  const before = getScore(db, args.measureId, args.criterionId, args.rater);
  const key = { measureId: args.measureId, criterionId: args.criterionId, rater: args.rater };
  if ((before?.score ?? null) === args.score) return false;
  const summary = scoreSummary(names.code, names.criterion, args.rater, before?.score ?? null, args.score);
  if (args.score === null) {
    deleteScore(db, key);
    logChange(db, ctx, 'score', scoreKey(key), 'delete', summary, before, undefined);
  } else {
    const after: ScoreEntry = { ...key, score: args.score };
    putScore(db, after);
    logChange(db, ctx, 'score', scoreKey(key), before ? 'update' : 'create', summary, before, after);
  }
  return true;
}

function scenarioSummary(s: Scenario): string {
  return `Szenario „${s.name}“`;
}

/** Time the worker may take before it counts as hung: the solve, the explanation re-solves, a margin. */
const hardLimit = (timeLimit: number, solves = 1) => Math.ceil(solves * timeLimit + 10 * 0.5 + 30);

export function priorityHandlers(s: Session) {
  return {
    // ---- criteria
    'criteria.list': () => listPlanCriteria(s.db),
    'criteria.save': ({ id, ...fields }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const all = listCriterionRecords(db);
        const before = id ? getCriterion(db, id) : undefined;
        if (id && !before) throw notFound('Das Kriterium');
        const after: CriterionRecord = before
          ? {
            ...before, ...(fields.name !== undefined ? { name: fields.name } : {}), ...(fields.description !== undefined ? { description: fields.description } : {}),
            ...(fields.weight !== undefined ? { weight: fields.weight } : {}), ...(fields.ko !== undefined ? { ko: fields.ko } : {}),
            ...(fields.koThreshold !== undefined ? { koThreshold: fields.koThreshold } : {}),
          }
          : {
            id: newId(), name: fields.name ?? '', description: fields.description ?? '', weight: fields.weight ?? 0, ko: fields.ko ?? false,
            koThreshold: fields.koThreshold ?? null, position: all.reduce((m, c) => Math.max(m, c.position + 1), 0),
          };
        after.name = after.name.trim();
        checkCriterionRow(after, all);
        if (before && same(before, after)) return planCriterion(db, after.id);
        putCriterion(db, after);
        const what = !before ? 'angelegt' : before.weight !== after.weight ? `Gewicht ${before.weight} → ${after.weight} Punkte` : 'geändert';
        logChange(db, s.ctx, 'criterion', after.id, before ? 'update' : 'create', `Kriterium „${after.name}“ ${what}`, before, after);
        return planCriterion(db, after.id);
      });
    },
    'criteria.saveAll': ({ criteria }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const existing = listCriterionRecords(db);
        const byId = new Map(existing.map((c) => [c.id, c]));
        const seen = new Set<string>();
        const after: CriterionRecord[] = criteria.map((c, position) => {
          if (c.id !== undefined && !byId.has(c.id)) throw invalid(`Das Kriterium „${c.name}“ wurde nicht gefunden. Eventuell wurde es inzwischen gelöscht; bitte die Ansicht neu laden.`);
          if (c.id !== undefined && seen.has(c.id)) throw invalid(`Das Kriterium „${c.name}“ ist mehrfach in der Liste.`);
          if (c.id !== undefined) seen.add(c.id);
          return {
            id: c.id ?? newId(), name: c.name.trim(), description: c.description, weight: c.weight, ko: c.ko,
            koThreshold: c.ko ? (c.koThreshold ?? null) : null, position,
          };
        });
        const problems = validateWeights(after.map(toDomainCriterion));
        if (problems.length > 0) throw invalid(`Die Kriterien wurden nicht gespeichert: ${problems.join(' ')}`);
        const removed = existing.filter((c) => !seen.has(c.id));
        const changed = after.filter((c) => !byId.has(c.id) || !same(byId.get(c.id), c));
        if (changed.length === 0 && removed.length === 0) return listPlanCriteria(db);
        const weightsChanged = after.some((c) => byId.has(c.id) && byId.get(c.id)!.weight !== c.weight);
        const head = weightsChanged ? 'Gewichte der Kriterien geändert' : 'Kriterien geändert';
        if (changed.length + removed.length > 1) logChange(db, s.ctx, 'step', 'criteria', 'update', head, undefined, undefined);
        for (const c of removed) removeCriterion(db, s.ctx, c);
        for (const c of changed) {
          const before = byId.get(c.id);
          putCriterion(db, c);
          const what = !before ? 'angelegt' : before.weight !== c.weight ? `Gewicht ${before.weight} → ${c.weight} Punkte` : 'geändert';
          logChange(db, s.ctx, 'criterion', c.id, before ? 'update' : 'create', `Kriterium „${c.name}“ ${what}`, before, c);
        }
        return listPlanCriteria(db);
      });
    },
    'criteria.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getCriterion(db, id);
        if (!before) throw notFound('Das Kriterium');
        removeCriterion(db, s.ctx, before);
      });
      return listPlanCriteria(db);
    },
    'criteria.reorder': ({ ids }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const existing = listCriterionRecords(db);
        if (ids.length !== existing.length || new Set(ids).size !== ids.length || !existing.every((c) => ids.includes(c.id))) {
          throw invalid('Für die neue Reihenfolge bitte jedes Kriterium genau einmal angeben.');
        }
        const byId = new Map(existing.map((c) => [c.id, c]));
        const moved = ids.map((id, position) => ({ before: byId.get(id)!, after: { ...byId.get(id)!, position } })).filter((x) => x.before.position !== x.after.position);
        if (moved.length > 1) logChange(db, s.ctx, 'step', 'criteria', 'update', 'Reihenfolge der Kriterien geändert', undefined, undefined);
        for (const { before, after } of moved) {
          putCriterion(db, after);
          logChange(db, s.ctx, 'criterion', after.id, 'update', `Kriterium „${after.name}“ verschoben`, before, after);
        }
        return listPlanCriteria(db);
      });
    },

    // ---- scores
    'scores.set': (args) => {
      const db = s.db;
      return changeGroup(db, () => {
        const m = getMeasure(db, args.measureId);
        if (!m) throw notFound('Die Maßnahme');
        const c = getCriterion(db, args.criterionId);
        if (!c) throw notFound('Das Kriterium');
        writeScore(db, s.ctx, args, { code: m.code, criterion: c.name });
        const now = getScore(db, args.measureId, args.criterionId, args.rater);
        return { measureId: args.measureId, criterionId: args.criterionId, rater: args.rater, score: now?.score ?? null };
      });
    },
    'scores.setMany': ({ scores }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const codes = new Map<string, string>();
        const criteria = new Map(listCriterionRecords(db).map((c) => [c.id, c.name]));
        for (const x of scores) {
          if (!codes.has(x.measureId)) {
            const m = getMeasure(db, x.measureId);
            if (!m) throw notFound('Eine der Maßnahmen');
            codes.set(x.measureId, m.code);
          }
          if (!criteria.has(x.criterionId)) throw notFound('Eines der Kriterien');
        }
        const keys = scores.map((x) => scoreKey(x));
        if (new Set(keys).size !== keys.length) throw invalid('Eine Bewertung ist mehrfach in der Liste.');
        const changes = scores.filter((x) => (getScore(db, x.measureId, x.criterionId, x.rater)?.score ?? null) !== x.score);
        if (changes.length > 1) logChange(db, s.ctx, 'step', 'scores', 'update', `${changes.length} Bewertungen geändert`, undefined, undefined);
        for (const x of changes) writeScore(db, s.ctx, x, { code: codes.get(x.measureId)!, criterion: criteria.get(x.criterionId)! });
        return { changed: changes.length };
      });
    },

    // ---- Nutzwertanalyse
    'priorities.get': ({ sensitivityDelta, divergenceThreshold }) => {
      const db = s.db;
      const decisions = new Map(listDecisions(db).map((d) => [d.measureId, { fixed: d.fixed, reason: d.reason }]));
      return buildPriorities(loadPriorityData(db), listPlanCriteria(db), decisions, {
        delta: sensitivityDelta ?? DEFAULT_SENSITIVITY_DELTA, threshold: divergenceThreshold ?? DEFAULT_DIVERGENCE_THRESHOLD,
      });
    },

    // ---- Haushaltsrahmen and Finanzplan
    'frames.get': () => framesResult(s.db, s.ctx.now()),
    'frames.set': ({ frames }) => {
      const db = s.db;
      changeGroup(db, () => {
        const changes = frames.map((f) => {
          const before = getFrame(db, f.year);
          const after = f.amountCents === null ? undefined : { year: f.year, amountCents: f.amountCents, note: f.note ?? before?.note ?? '' };
          return { year: f.year, before, after };
        }).filter((c) => !same(c.before, c.after));
        if (changes.length > 1) logChange(db, s.ctx, 'step', 'frames', 'update', `Haushaltsrahmen ${changes.map((c) => c.year).join(', ')} geändert`, undefined, undefined);
        for (const { year, before, after } of changes) {
          if (after) {
            putFrame(db, after);
            logChange(db, s.ctx, 'frame', String(year), before ? 'update' : 'create', `Haushaltsrahmen ${year}: ${before ? `${formatCents(before.amountCents)} → ` : ''}${formatCents(after.amountCents)}`, before, after);
          } else {
            deleteFrame(db, year);
            logChange(db, s.ctx, 'frame', String(year), 'delete', `Haushaltsrahmen ${year} entfernt`, before, undefined);
          }
        }
      });
      return framesResult(db, s.ctx.now());
    },
    'finance.plan': () => buildFinanzplan(s.db, s.ctx.now()),

    // ---- fixed decisions
    'measures.setFixed': ({ measureId, fixed, reason }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const m = getMeasure(db, measureId);
        if (!m) throw notFound('Die Maßnahme');
        const before = getDecision(db, measureId);
        const after = fixed === null ? undefined : { measureId, fixed, reason: (reason ?? before?.reason ?? '').trim() };
        if (!same(before, after)) {
          if (after) {
            putDecision(db, after);
            const label = after.fixed === 'in' ? 'fest eingeplant' : 'ausgeschlossen';
            logChange(db, s.ctx, 'decision', measureId, before ? 'update' : 'create', `${m.code} ${label}${after.reason ? ` (${after.reason})` : ''}`, before, after);
          } else {
            deleteDecision(db, measureId);
            logChange(db, s.ctx, 'decision', measureId, 'delete', `${m.code}: Festlegung aufgehoben`, before, undefined);
          }
        }
        return { measureId, fixed: after?.fixed ?? null, reason: after?.reason ?? '' };
      });
    },

    // ---- optimiser
    'optimiser.run': async ({ scenarioId, timeLimitSeconds, securedOnly }) => {
      const ctx = planContext(s.db, resolveSettings(s.db, scenarioId), { securedOnly: securedOnly ?? false, timeLimitSeconds });
      const limit = timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
      const { value, inWorker } = await runSolver({ kind: 'solve', input: ctx.input }, hardLimit(limit));
      return toOptimiserRun(ctx, value, inWorker);
    },
    'optimiser.explain': async ({ measureId, scenarioId, securedOnly }) => {
      const ctx = planContext(s.db, resolveSettings(s.db, scenarioId), { securedOnly: securedOnly ?? false, timeLimitSeconds: 10 });
      if (!ctx.byId.has(measureId)) throw notFound('Die Maßnahme');
      // The plan's value is needed to word the loss: one solve without re-solves, then the explanation.
      const base = await runSolver({ kind: 'solve', input: ctx.input, options: { explainResolves: 0 } }, hardLimit(10));
      if (base.value.explanations.length === 0) throw new AppError('invalid', base.value.message);
      const { value } = await runSolver({ kind: 'explain', input: ctx.input, measureId }, hardLimit(10, 2));
      return toOptimiserMeasure(ctx, value, base.value.totalValue);
    },
    'optimiser.whatIf': async ({ year, extraCents, scenarioId, securedOnly }) => {
      const ctx = planContext(s.db, resolveSettings(s.db, scenarioId), { securedOnly: securedOnly ?? false, timeLimitSeconds: 10 });
      if (!Object.hasOwn(ctx.input.frames, year)) throw invalid(`Für ${year} ist kein Haushaltsrahmen gesetzt. Bitte zuerst unter „Finanzplan“ einen Rahmen für ${year} eintragen.`);
      const { value } = await runSolver({ kind: 'whatIf', input: ctx.input, year, extraCents }, hardLimit(10, 2));
      return toWhatIf(ctx, value);
    },

    // ---- scenarios
    'scenarios.list': () => listScenarios(s.db),
    'scenarios.save': ({ id, name, description, takeCurrent }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const before = id ? getScenario(db, id) : undefined;
        if (id && !before) throw notFound('Das Szenario');
        const clash = findScenarioByName(db, name.trim());
        if (clash && clash.id !== id) throw invalid(`Ein Szenario „${name.trim()}“ gibt es schon. Bitte einen anderen Namen wählen.`);
        const now = s.ctx.now();
        const after: Scenario = {
          id: before?.id ?? newId(), name: name.trim(), description: (description ?? before?.description ?? '').trim(),
          settings: !before || takeCurrent ? currentSettings(db) : before.settings,
          createdAt: before?.createdAt ?? now, createdBy: before?.createdBy ?? s.ctx.user, updatedAt: now,
        };
        if (before && same({ ...before, updatedAt: '' }, { ...after, updatedAt: '' })) return before;
        putScenario(db, after);
        const what = !before ? 'gespeichert' : takeCurrent ? 'mit dem Arbeitsstand überschrieben' : 'geändert';
        logChange(db, s.ctx, 'scenario', after.id, before ? 'update' : 'create', `${scenarioSummary(after)} ${what}`, before, after);
        return after;
      });
    },
    'scenarios.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getScenario(db, id);
        if (!before) throw notFound('Das Szenario');
        deleteScenario(db, id);
        logChange(db, s.ctx, 'scenario', id, 'delete', `${scenarioSummary(before)} gelöscht`, before, undefined);
      });
      return null;
    },
    'scenarios.apply': ({ id }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const sc = getScenario(db, id);
        if (!sc) throw notFound('Das Szenario');
        const criteria = listCriterionRecords(db);
        const weighted = criteria.map((c) => ({ before: c, after: { ...c, weight: Object.hasOwn(sc.settings.weights, c.id) ? sc.settings.weights[c.id] : 0 } }));
        const problems = validateWeights(weighted.map((w) => toDomainCriterion(w.after)));
        if (problems.length > 0) {
          throw invalid(`Das Szenario „${sc.name}“ passt nicht mehr zu den Kriterien (sie wurden seit dem Speichern geändert): ${problems.join(' ')} Bitte die Gewichte von Hand setzen und das Szenario neu speichern.`);
        }
        logChange(db, s.ctx, 'step', sc.id, 'update', `${scenarioSummary(sc)} angewendet`, undefined, undefined);
        for (const { before, after } of weighted) {
          if (before.weight === after.weight) continue;
          putCriterion(db, after);
          logChange(db, s.ctx, 'criterion', after.id, 'update', `Kriterium „${after.name}“: Gewicht ${before.weight} → ${after.weight} Punkte`, before, after);
        }
        const frames = listFrames(db);
        const wantedFrames = new Map(Object.entries(sc.settings.frames).map(([y, c]) => [Number(y), c]));
        for (const f of frames) {
          if (wantedFrames.has(f.year)) continue;
          deleteFrame(db, f.year);
          logChange(db, s.ctx, 'frame', String(f.year), 'delete', `Haushaltsrahmen ${f.year} entfernt`, f, undefined);
        }
        for (const [year, cents] of wantedFrames) {
          const before = frames.find((f) => f.year === year);
          if (before?.amountCents === cents) continue;
          const after = { year, amountCents: cents, note: before?.note ?? '' };
          putFrame(db, after);
          logChange(db, s.ctx, 'frame', String(year), before ? 'update' : 'create', `Haushaltsrahmen ${year}: ${formatCents(cents)}`, before, after);
        }
        const decisions = listDecisions(db);
        for (const d of decisions) {
          const want = sc.settings.fixed[d.measureId];
          if (want && want.fixed === d.fixed && want.reason === d.reason) continue;
          const code = getMeasure(db, d.measureId)?.code ?? '?';
          if (want) {
            const after = { measureId: d.measureId, fixed: want.fixed, reason: want.reason };
            putDecision(db, after);
            logChange(db, s.ctx, 'decision', d.measureId, 'update', `${code} ${after.fixed === 'in' ? 'fest eingeplant' : 'ausgeschlossen'}`, d, after);
          } else {
            deleteDecision(db, d.measureId);
            logChange(db, s.ctx, 'decision', d.measureId, 'delete', `${code}: Festlegung aufgehoben`, d, undefined);
          }
        }
        for (const [measureId, want] of Object.entries(sc.settings.fixed)) {
          if (decisions.some((d) => d.measureId === measureId)) continue;
          const m = getMeasure(db, measureId);
          if (!m) continue; // deleted since the scenario was saved
          const after = { measureId, fixed: want.fixed, reason: want.reason };
          putDecision(db, after);
          logChange(db, s.ctx, 'decision', measureId, 'create', `${m.code} ${want.fixed === 'in' ? 'fest eingeplant' : 'ausgeschlossen'}`, undefined, after);
        }
        return currentSettings(db);
      });
    },
    'scenarios.compare': async ({ a, b, securedOnly }) => {
      const db = s.db;
      const sides = [resolveSettings(db, a), resolveSettings(db, b)];
      const outcomes = [];
      const contexts = [];
      for (const side of sides) {
        let ctx = null;
        let problem: string | null = null;
        try {
          ctx = planContext(db, side, { securedOnly: securedOnly ?? false, timeLimitSeconds: 10 });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          problem = e.message;
        }
        const result = ctx ? (await runSolver({ kind: 'solve', input: ctx.input, options: { explainResolves: 0 } }, hardLimit(10))).value : null;
        outcomes.push(toOutcome(ctx, side, result, problem));
        contexts.push(ctx);
      }
      const [oa, ob] = outcomes;
      const inA = new Set(oa.selected.map((m) => m.measureId));
      const inB = new Set(ob.selected.map((m) => m.measureId));
      const criteria = listCriterionRecords(db);
      const measures = contexts.find(Boolean)?.measures ?? [];
      const codeOf = new Map(measures.map((m) => [m.id, m.code]));
      const years = [...new Set([...Object.keys(oa.framesByYear), ...Object.keys(ob.framesByYear), ...Object.keys(oa.usedByYear), ...Object.keys(ob.usedByYear)])].map(Number).sort((x, y) => x - y);
      const [sa, sb] = sides.map((x) => x.settings);
      const diff = ob.totalValueHalves - oa.totalValueHalves;
      const fixedIds = [...new Set([...Object.keys(sa.fixed), ...Object.keys(sb.fixed)])].filter((id) => codeOf.has(id));
      const result: ScenarioComparison = {
        a: oa, b: ob, years,
        onlyInA: oa.selected.filter((m) => !inB.has(m.measureId)),
        onlyInB: ob.selected.filter((m) => !inA.has(m.measureId)),
        inBoth: oa.selected.filter((m) => inB.has(m.measureId)),
        valueDiffText: `${diff >= 0 ? '+' : '−'}${formatNutzwert(Math.abs(diff))}`,
        eigenanteilDiffCents: ob.eigenanteilCents - oa.eigenanteilCents,
        costDiffCents: ob.costCents - oa.costCents,
        weightDiffs: criteria.map((c) => ({ criterionId: c.id, name: c.name, a: sa.weights[c.id] ?? null, b: sb.weights[c.id] ?? null })).filter((w) => w.a !== w.b),
        frameDiffs: years.map((y) => ({ year: y, a: sa.frames[String(y)] ?? null, b: sb.frames[String(y)] ?? null })).filter((f) => f.a !== f.b),
        fixedDiffs: fixedIds.map((id) => ({ measureId: id, code: codeOf.get(id)!, a: sa.fixed[id]?.fixed ?? null, b: sb.fixed[id]?.fixed ?? null }))
          .filter((f) => f.a !== f.b).sort((x, y) => x.code.localeCompare(y.code, 'de-DE', { numeric: true })),
        rankChanges: measures.map((m) => ({ measureId: m.id, code: m.code, a: oa.ranks[m.id] ?? null, b: ob.ranks[m.id] ?? null })).filter((r) => r.a !== r.b),
      };
      return result;
    },
  } satisfies Partial<Handlers>;
}

