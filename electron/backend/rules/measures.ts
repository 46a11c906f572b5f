// Rules every writer of measures obeys (handlers, XLSX import): checked against what only the plan knows.
import { MEASURE_STATUS_LABELS } from '../../../shared/domain/enums.ts';
import { describeZodError, measureFullSchema } from '../../../shared/domain/schemas.ts';
import type { Measure } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { invalid } from '../errors.ts';
import { responsibleOf } from '../repos/actors.ts';
import { baustelleExists, catalogueItem } from '../repos/catalogue.ts';
import { findMeasureByCode } from '../repos/measures.ts';

/** Checks what only the plan can know: Baustellen, catalogue items, unique code. */
export function checkReferences(db: Db, m: Measure): void {
  const full = measureFullSchema.safeParse(m);
  if (!full.success) throw invalid(describeZodError(full.error));
  if (!baustelleExists(db, m.baustelleId)) throw invalid(`Die Baustelle „${m.baustelleId}“ gibt es im Katalog dieses Plans nicht.`);
  for (const b of m.furtherBaustellenIds) {
    if (!baustelleExists(db, b)) throw invalid(`Die Baustelle „${b}“ gibt es im Katalog dieses Plans nicht.`);
  }
  for (const id of m.grundmauerIds) {
    if (catalogueItem(db, id)?.kind !== 'grundmauer') throw invalid(`Die Grundmauer „${id}“ gibt es im Katalog dieses Plans nicht.`);
  }
  for (const id of m.frageIds) {
    if (catalogueItem(db, id)?.kind !== 'frage') throw invalid(`Die Frage „${id}“ gibt es im Katalog dieses Plans nicht.`);
  }
  const clash = findMeasureByCode(db, m.code);
  if (clash && clash.id !== m.id) throw invalid(`Die Nummer „${m.code}“ ist schon vergeben. Bitte eine andere Nummer wählen.`);
}

export function checkResponsible(db: Db, m: Measure): void {
  if (m.status !== 'idee' && !responsibleOf(db, m.id)) {
    throw invalid(`Für den Status „${MEASURE_STATUS_LABELS[m.status]}“ braucht die Maßnahme genau eine verantwortliche Stelle. Bitte zuerst unter „Zuständigkeiten“ eine verantwortliche Stelle festlegen.`);
  }
}
