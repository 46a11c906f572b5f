// Reading a returned Bewertungsbogen: through the importer's bounded reader (one function, so the
// reader can be swapped), then verified before anything is used: the hidden Kennung (plan, round,
// rater, checksum), the measure list and criteria as sent out, and every score 0–10. Any fault
// refuses the whole file, with German messages naming the cell or row. Writes nothing.
import { SCORE_MAX, SCORE_MIN } from '../../../shared/domain/nutzwert.ts';
import { RATER_GROUP_LABELS, type SheetCheck } from '../../../shared/domain/rounds.ts';
import type { Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { columnLetter, FIXED_HEADERS, KEYS, SHEET_FORMAT, SHEET_NAMES, sheetChecksum } from '../export/bewertungsbogen.ts';
import { getRater, getRound, getSheet, planId, type RaterRow, type RoundRow, type SheetImage } from '../repos/rounds.ts';
import { asText, readImportFile, type Cell, type Table } from './read.ts';

/** The one place a returned workbook is read (bounded in size and rows by the importer). */
async function readTables(fileName: string, base64: string): Promise<Table[]> {
  const file = await readImportFile(fileName, base64);
  if (file.format !== 'xlsx') throw new AppError('invalid', 'Bitte den ausgefüllten Bewertungsbogen als Excel-Datei (.xlsx) wählen.');
  return file.tables;
}

const MAX_ERRORS = 50;

export interface ReadSheet {
  check: SheetCheck;
  /** Present only when check.ok. */
  image?: SheetImage;
  round?: RoundRow;
  rater?: RaterRow;
}

function empty(errors: string[]): SheetCheck {
  return { ok: false, errors, roundId: null, roundName: null, raterId: null, raterName: null, groupLabel: null, scoreCount: 0, emptyCount: 0, replaces: false };
}

const notOurs = 'Die Datei ist kein Bewertungsbogen der Zusammenhalt-Werkbank';

function parseScore(c: Cell): number | null | 'bad' {
  if (c === null) return null;
  if (typeof c === 'number') return Number.isInteger(c) && c >= SCORE_MIN && c <= SCORE_MAX ? c : 'bad';
  const t = c.trim();
  if (t === '') return null;
  if (!/^\d{1,2}$/u.test(t)) return 'bad';
  const n = Number(t);
  return n >= SCORE_MIN && n <= SCORE_MAX ? n : 'bad';
}

export async function readRatingSheet(db: Db, fileName: string, base64: string, now: string, user: string): Promise<ReadSheet> {
  const tables = await readTables(fileName, base64);
  const idTable = tables.find((t) => t.name === SHEET_NAMES.id);
  const scores = tables.find((t) => t.name === SHEET_NAMES.scores);
  if (!idTable) return { check: empty([`${notOurs} (das verborgene Tabellenblatt „${SHEET_NAMES.id}“ fehlt). Bitte den Bogen verwenden, der aus der Werkbank heruntergeladen wurde.`]) };
  if (!scores) return { check: empty([`Das Tabellenblatt „${SHEET_NAMES.scores}“ fehlt. Es darf nicht umbenannt oder gelöscht werden.`]) };

  // ---- the Kennung
  const single = new Map<string, string>();
  const criterionIds: string[] = [];
  const measureIds: string[] = [];
  for (const r of idTable.rows) {
    const key = asText(r.cells[0] ?? null).trim();
    const value = asText(r.cells[1] ?? null).trim();
    if (key === KEYS.criterion) criterionIds.push(value);
    else if (key === KEYS.measure) measureIds.push(value);
    else single.set(key, value);
  }
  if (single.get(KEYS.format) !== SHEET_FORMAT) return { check: empty([`${notOurs} oder stammt aus einer anderen Version (Kennung „${SHEET_FORMAT}“ fehlt).`]) };
  const sheetPlan = single.get(KEYS.plan) ?? '';
  if (sheetPlan !== planId(db)) {
    const title = single.get(KEYS.planTitle);
    return { check: empty([`Dieser Bewertungsbogen gehört zu einem anderen Plan${title ? ` („${title}“)` : ''} und kann in diesen Plan nicht eingelesen werden.`]) };
  }
  const round = getRound(db, single.get(KEYS.round) ?? '');
  if (!round) {
    const name = single.get(KEYS.roundName);
    return { check: empty([`Dieser Bewertungsbogen gehört zu einer Bewertungsrunde${name ? ` („${name}“)` : ''}, die es in diesem Plan nicht (mehr) gibt.`]) };
  }
  const rater = getRater(db, single.get(KEYS.rater) ?? '');
  const base = { roundId: round.id, roundName: round.name };
  if (!rater || rater.roundId !== round.id) {
    const name = single.get(KEYS.raterName);
    return { check: { ...empty([`Die bewertende Stelle dieses Bogens${name ? ` („${name}“)` : ''} gehört nicht (mehr) zur Bewertungsrunde „${round.name}“.`]), ...base } };
  }
  const who = { raterId: rater.id, raterName: rater.name, groupLabel: RATER_GROUP_LABELS[rater.group] };
  const expected = sheetChecksum(round.secret, { planId: sheetPlan, roundId: round.id, raterId: rater.id, measureIds, criterionIds });
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (single.get(KEYS.checksum) !== expected || !same(measureIds, round.measures.map((m) => m.id)) || !same(criterionIds, round.criteria.map((c) => c.id))) {
    return { check: { ...empty(['Die Kennung des Bewertungsbogens wurde verändert (die Prüfsumme stimmt nicht). Bitte einen neuen Bogen herunterladen und ausfüllen lassen.']), ...base, ...who } };
  }
  if (round.status !== 'offen') {
    return { check: { ...empty([`Die Bewertungsrunde „${round.name}“ ist abgeschlossen; Bögen können nicht mehr eingelesen werden.`]), ...base, ...who } };
  }

  // ---- the Bewertung sheet: columns, measure list, values
  const errors: string[] = [];
  const push = (m: string) => {
    if (errors.length < MAX_ERRORS) errors.push(m);
    else if (errors.length === MAX_ERRORS) errors.push('… weitere Fehler nicht aufgeführt.');
  };
  const headers = [...FIXED_HEADERS, ...round.criteria.map((c) => c.name)];
  headers.forEach((h, i) => {
    const found = scores.headers[i] ?? '';
    if (found !== h.trim()) push(`Tabellenblatt „${SHEET_NAMES.scores}“, Zelle ${columnLetter(i + 1)}1: erwartet „${h}“, gefunden „${found}“. Spalten dürfen nicht verändert werden.`);
  });
  if (scores.headers.length > headers.length) push(`Tabellenblatt „${SHEET_NAMES.scores}“: Spalte ${columnLetter(headers.length + 1)} ist hinzugekommen. Spalten dürfen nicht verändert werden.`);
  const rows = scores.rows;
  round.measures.forEach((m, i) => {
    const r = rows[i];
    const rowNo = i + 2;
    if (!r) { push(`Zeile ${rowNo}: Die Maßnahme ${m.code} fehlt. Die Liste der Maßnahmen darf nicht verändert werden.`); return; }
    const code = asText(r.cells[0] ?? null).trim();
    if (r.row !== rowNo || code !== m.code.trim()) push(`Zeile ${r.row}: erwartet Maßnahme ${m.code}, gefunden „${code}“. Die Liste der Maßnahmen darf nicht verändert werden.`);
  });
  for (const r of rows.slice(round.measures.length)) push(`Zeile ${r.row}: unbekannte Zeile „${asText(r.cells[0] ?? null)}“. Die Liste der Maßnahmen darf nicht verändert werden.`);
  if (errors.length > 0) return { check: { ...empty(errors), ...base, ...who } };

  const image: SheetImage = { raterId: rater.id, importedAt: now, importedBy: user, fileName: fileName.replace(/^.*[\\/]/u, '').slice(0, 200), scores: [] };
  let emptyCount = 0;
  round.measures.forEach((m, i) => {
    const r = rows[i];
    round.criteria.forEach((c, k) => {
      const col = FIXED_HEADERS.length + k;
      const v = parseScore(r.cells[col] ?? null);
      if (v === 'bad') push(`Zelle ${columnLetter(col + 1)}${r.row} (${m.code}, „${c.name}“): „${asText(r.cells[col] ?? null)}“ ist keine ganze Zahl von ${SCORE_MIN} bis ${SCORE_MAX}.`);
      else if (v === null) emptyCount++;
      else image.scores.push({ measureId: m.id, criterionId: c.id, score: v });
    });
  });
  if (errors.length > 0) return { check: { ...empty(errors), ...base, ...who } };
  const check: SheetCheck = {
    ok: true, errors: [], ...base, ...who, scoreCount: image.scores.length, emptyCount, replaces: getSheet(db, rater.id) !== undefined,
  };
  return { check, image, round, rater };
}
