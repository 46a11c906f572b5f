// Beteiligungsrunde: rounds and raters, the Bewertungsbogen out and back in, aggregates and the
// Verhandlungsagenda, and one chosen aggregate into the Nutzwertanalyse. Every write is one undo step.
import { randomBytes } from 'node:crypto';
import type { Handlers } from '../../../shared/api/contract.ts';
import { newId } from '../../../shared/domain/ids.ts';
import {
  aggregateRound, chosenValue, RATER_GROUP_LABELS, toWholeScore, type RaterInfo, type RoundDetail, type RoundSummary,
} from '../../../shared/domain/rounds.ts';
import type { Db } from '../db/open.ts';
import { AppError, notFound } from '../errors.ts';
import { changeGroup, logChange } from '../repos/changelog.ts';
import { getMeasure } from '../repos/measures.ts';
import { getMeta } from '../repos/meta.ts';
import { deleteScore, getScore, listCriterionRecords, listMeasureBasics, putScore, scoreKey } from '../repos/priorities.ts';
import {
  deleteRater, deleteRound, deleteSheet, getRater, getRound, getSheet, listRaters, listRounds, planId, putRater, putRound, putSheet,
  scoresOfRound, sheetsOfRound, type RoundRow,
} from '../repos/rounds.ts';
import { stmt } from '../repos/stmt.ts';
import type { Session } from '../session.ts';

// exceljs loads in about half a second: on first use, not at every start.
const sheetOut = () => import('../export/bewertungsbogen.ts');
const sheetIn = () => import('../import/bewertungsbogen.ts');

const ZIEL_MAX = 500;

function mustRound(db: Db, id: string): RoundRow {
  const r = getRound(db, id);
  if (!r) throw notFound('Die Bewertungsrunde');
  return r;
}

function raterInfos(db: Db, roundId: string): RaterInfo[] {
  const sheets = sheetsOfRound(db, roundId);
  return listRaters(db, roundId).map((r) => {
    const s = sheets.get(r.id);
    return {
      id: r.id, roundId: r.roundId, name: r.name, group: r.group, groupLabel: RATER_GROUP_LABELS[r.group],
      returned: s ? { at: s.importedAt, by: s.importedBy, fileName: s.fileName, scoreCount: s.scoreCount } : null,
    };
  });
}

function summary(db: Db, r: RoundRow): RoundSummary {
  const raters = raterInfos(db, r.id);
  return {
    id: r.id, name: r.name, status: r.status, createdAt: r.createdAt, createdBy: r.createdBy,
    raterCount: raters.length, returnedCount: raters.filter((x) => x.returned).length,
  };
}

function detail(db: Db, id: string): RoundDetail {
  const r = mustRound(db, id);
  return { ...summary(db, r), criteria: r.criteria, measures: r.measures, raters: raterInfos(db, id) };
}

function aggregateOf(db: Db, id: string) {
  const r = mustRound(db, id);
  return aggregateRound({ roundId: r.id, criteria: r.criteria, measures: r.measures, raters: listRaters(db, id), scores: scoresOfRound(db, id) });
}

export function roundHandlers(s: Session) {
  return {
    'rounds.list': () => listRounds(s.db).map((r) => summary(s.db, r)),
    'rounds.get': ({ id }) => detail(s.db, id),
    'rounds.create': ({ name }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const criteria = listCriterionRecords(db).map((c) => ({ id: c.id, name: c.name, description: c.description }));
        if (criteria.length === 0) throw new AppError('invalid', 'Der Plan hat noch keine Kriterien. Bitte zuerst unter „Prioritäten“ Kriterien anlegen.');
        const goals = new Map((stmt(db, 'SELECT id, goal, description FROM measures').all() as { id: string; goal: string; description: string }[])
          .map((m) => [m.id, (m.goal.trim() || m.description.trim()).slice(0, ZIEL_MAX)]));
        const measures = listMeasureBasics(db).map((m) => ({ id: m.id, code: m.code, title: m.title, ziel: goals.get(m.id) ?? '' }));
        if (measures.length === 0) throw new AppError('invalid', 'Der Plan hat noch keine Maßnahmen, die bewertet werden könnten.');
        const row: RoundRow = {
          id: newId(), name, status: 'offen', createdAt: s.ctx.now(), createdBy: s.ctx.user, criteria, measures, secret: randomBytes(24).toString('hex'),
        };
        putRound(db, row);
        logChange(db, s.ctx, 'round', row.id, 'create', `Bewertungsrunde „${name}“ angelegt (${measures.length} Maßnahmen, ${criteria.length} Kriterien)`, undefined, row);
        return detail(db, row.id);
      });
    },
    'rounds.update': ({ id, name, status }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const before = mustRound(db, id);
        const after: RoundRow = { ...before, name: name ?? before.name, status: status ?? before.status };
        if (after.name !== before.name || after.status !== before.status) {
          putRound(db, after);
          const what = after.status !== before.status ? `Bewertungsrunde „${after.name}“ ${after.status === 'abgeschlossen' ? 'abgeschlossen' : 'wieder geöffnet'}` : `Bewertungsrunde umbenannt: „${after.name}“`;
          logChange(db, s.ctx, 'round', id, 'update', what, before, after);
        }
        return detail(db, id);
      });
    },
    'rounds.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const round = mustRound(db, id);
        // Children first, each logged, so undo puts the round back with its raters and sheets.
        for (const r of listRaters(db, id)) {
          const sheet = getSheet(db, r.id);
          if (sheet) { deleteSheet(db, r.id); logChange(db, s.ctx, 'round-sheet', r.id, 'delete', `Bewertungsbogen von „${r.name}“ entfernt`, sheet, undefined); }
          deleteRater(db, r.id);
          logChange(db, s.ctx, 'round-rater', r.id, 'delete', `„${r.name}“ aus der Runde entfernt`, r, undefined);
        }
        deleteRound(db, id);
        logChange(db, s.ctx, 'round', id, 'delete', `Bewertungsrunde „${round.name}“ gelöscht`, round, undefined);
      });
      return null;
    },
    'rounds.addRater': ({ roundId, name, group }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const round = mustRound(db, roundId);
        const raters = listRaters(db, roundId);
        if (raters.some((r) => r.name.toLocaleLowerCase('de') === name.toLocaleLowerCase('de'))) {
          throw new AppError('invalid', `„${name}“ ist in dieser Runde schon eingetragen. Bitte einen eindeutigen Namen wählen (z. B. mit Ort oder Fraktion).`);
        }
        const row = { id: newId(), roundId, name, group, position: raters.reduce((m, r) => Math.max(m, r.position + 1), 0) };
        putRater(db, row);
        logChange(db, s.ctx, 'round-rater', row.id, 'create', `„${name}“ (${RATER_GROUP_LABELS[group]}) zur Runde „${round.name}“ hinzugefügt`, undefined, row);
        return raterInfos(db, roundId).find((r) => r.id === row.id)!;
      });
    },
    'rounds.removeRater': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const r = getRater(db, id);
        if (!r) throw notFound('Die bewertende Stelle');
        const sheet = getSheet(db, id);
        if (sheet) { deleteSheet(db, id); logChange(db, s.ctx, 'round-sheet', id, 'delete', `Bewertungsbogen von „${r.name}“ entfernt`, sheet, undefined); }
        deleteRater(db, id);
        logChange(db, s.ctx, 'round-rater', id, 'delete', `„${r.name}“ aus der Runde entfernt`, r, undefined);
      });
      return null;
    },
    'rounds.exportSheet': async ({ raterId }) => {
      const db = s.db;
      const rater = getRater(db, raterId);
      if (!rater) throw notFound('Die bewertende Stelle');
      const round = mustRound(db, rater.roundId);
      const { buildRatingSheet, ratingSheetFileName } = await sheetOut();
      const bytes = await buildRatingSheet({ planId: planId(db), planTitle: getMeta(db, 'title') ?? '', round, rater });
      return { fileName: ratingSheetFileName(round, rater), base64: Buffer.from(bytes).toString('base64') };
    },
    'rounds.checkSheet': async ({ fileName, base64 }) => {
      const { readRatingSheet } = await sheetIn();
      return (await readRatingSheet(s.db, fileName, base64, s.ctx.now(), s.ctx.user)).check;
    },
    'rounds.importSheet': async ({ fileName, base64 }) => {
      const { readRatingSheet } = await sheetIn();
      const db = s.db;
      const read = await readRatingSheet(db, fileName, base64, s.ctx.now(), s.ctx.user);
      if (!read.check.ok || !read.image || !read.rater) throw new AppError('sheet-invalid', `Der Bewertungsbogen wurde nicht eingelesen; es wurde nichts geändert. ${read.check.errors.join(' ')}`);
      const { image, rater } = read;
      return changeGroup(db, () => {
        const before = getSheet(db, rater.id);
        putSheet(db, image);
        logChange(db, s.ctx, 'round-sheet', rater.id, before ? 'update' : 'create',
          `Bewertungsbogen von „${rater.name}“ ${before ? 'erneut ' : ''}eingelesen (${image.scores.length} Bewertungen)`, before, image);
        return { raterId: rater.id, raterName: rater.name, scoreCount: image.scores.length, replaced: before !== undefined };
      });
    },
    'rounds.aggregate': ({ id }) => aggregateOf(s.db, id),
    'rounds.applyToScores': ({ id, mode, group }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const round = mustRound(db, id);
        const agg = aggregateOf(db, id);
        const criteria = new Map(listCriterionRecords(db).map((c) => [c.id, c.name]));
        const label = mode === 'alle' ? 'Median aller Bewertungen' : mode === 'gruppen' ? 'Median der Gruppenmediane' : `Median ${RATER_GROUP_LABELS[group!]}`;
        const writes: { measureId: string; criterionId: string; code: string; criterion: string; score: number }[] = [];
        let skipped = 0;
        for (const cell of agg.cells) {
          const v = chosenValue(cell, mode, group);
          if (v === null) continue;
          const m = getMeasure(db, cell.measureId);
          const criterion = criteria.get(cell.criterionId);
          if (!m || criterion === undefined) { skipped++; continue; }
          writes.push({ measureId: m.id, criterionId: cell.criterionId, code: m.code, criterion, score: toWholeScore(v) });
        }
        const changes: (() => void)[] = [];
        for (const w of writes) {
          for (const rater of [1, 2] as const) {
            const key = { measureId: w.measureId, criterionId: w.criterionId, rater };
            const before = getScore(db, w.measureId, w.criterionId, rater);
            // The aggregate becomes the one score; a second rater's score would be averaged into it.
            const target = rater === 1 ? w.score : null;
            if ((before?.score ?? null) === target) continue;
            const text = `${w.code}: „${w.criterion}“ aus der Bewertungsrunde: ${before?.score ?? 'keine'} → ${target ?? 'keine'}${rater === 2 ? ' (zweite Bewertung)' : ''}`;
            changes.push(() => {
              if (target === null) { deleteScore(db, key); logChange(db, s.ctx, 'score', scoreKey(key), 'delete', text, before, undefined); }
              else { const after = { ...key, score: target }; putScore(db, after); logChange(db, s.ctx, 'score', scoreKey(key), before ? 'update' : 'create', text, before, after); }
            });
          }
        }
        if (changes.length > 0) {
          logChange(db, s.ctx, 'step', id, 'update', `Bewertungsrunde „${round.name}“ in die Nutzwertanalyse übernommen (${label}, ${changes.length} Änderungen)`, undefined, undefined);
          for (const c of changes) c();
        }
        return { changed: changes.length, skipped };
      });
    },
  } satisfies Partial<Handlers>;
}
