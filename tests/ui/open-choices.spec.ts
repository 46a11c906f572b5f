// Refused opens offer what their German message promises: a hot journal is put aside and the plan
// opens as it is in the file; a plan with foreign schema objects opens as a cleaned copy (the
// original stays byte for byte); a damaged plan leads to its backups; a slow check can be cancelled.
// In the "Plan öffnen" dialog and in the recent list, by keyboard, axe-clean in each state.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { zeroMiddlePage } from '../reliability/helpers/corrupt.ts';
import { fingerprint, fingerprintFile, makePlanFile, sha256File } from '../reliability/helpers/plans.ts';
import { audit } from './documents-helpers.ts';
import { expect, test } from './fixtures.ts';
import { createPlanInUi, inPlan, scalar, tabTo } from './helpers.ts';

/** The planner's content; other tables (sync node ids, history) may legitimately change on open. */
const CONTENT = ['meta', 'measures', 'actors', 'budget_lines'];

/** Changes a closed plan file with plain SQLite and leaves it in rollback-journal mode. */
function tamper(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.pragma('journal_mode = DELETE');
  db.close();
}

/** A non-empty `<plan>-journal` with a valid-looking header (as a writer killed mid-transaction leaves it). */
function plantHotJournal(path: string): Buffer {
  const head = readFileSync(path).subarray(0, 100);
  const journal = Buffer.alloc(8192, 7);
  Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]).copy(journal, 0); // journal magic
  journal.writeUInt32BE(1, 8); // one page record
  journal.writeUInt32BE(0x5eed1234, 12); // checksum nonce
  journal.writeUInt32BE(head.readUInt32BE(28), 16); // pages before the transaction
  journal.writeUInt32BE(512, 20); // sector size
  journal.writeUInt32BE(head.readUInt16BE(16), 24); // page size
  writeFileSync(`${path}-journal`, journal);
  return journal;
}

/** A demo plan file (closed) under its own title. */
async function planFile(dir: string, name: string, title: string): Promise<string> {
  const p = await makePlanFile(dir, `${name}.wirplan`);
  tamper(p, `UPDATE meta SET value = '${title}' WHERE key = 'title';`);
  return p;
}

/** Types a path into the "Plan öffnen" dialog and submits it by keyboard. */
async function openByKeyboard(page: Page, path: string) {
  const openButton = page.getByRole('banner').getByRole('button', { name: 'Öffnen…' });
  await openButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Plan öffnen' });
  await expect(dialog.getByLabel('Dateipfad')).toBeFocused();
  // The field suggests the current plan's folder: replaced by the whole path.
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(path);
  await page.keyboard.press('Enter');
  return { dialog, openButton };
}

test('a hot journal: "Journaldatei beiseitelegen und öffnen" keeps it under a new name and opens the plan as it is in the file', async ({ page, workbench }) => {
  const p = await planFile(workbench.dir, 'Journalplan', 'Journalplan');
  const content = fingerprintFile(p, CONTENT);
  const journal = plantHotJournal(p);
  const hash = sha256File(p);

  const { dialog, openButton } = await openByKeyboard(page, p);
  await expect(dialog.getByRole('alert')).toContainText('Neben der Plandatei liegt eine Journaldatei');
  const keep = dialog.getByRole('button', { name: 'Journaldatei beiseitelegen und öffnen' });
  await expect(keep).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Als bereinigte Kopie öffnen' })).toHaveCount(0);
  await audit(page, 'open-hot-journal');
  // Refused: neither the file nor its journal changed.
  expect(sha256File(p)).toBe(hash);
  expect(readFileSync(`${p}-journal`).equals(journal)).toBe(true);

  // "Abbrechen" changes nothing; the focus goes back to "Öffnen…".
  await tabTo(page, dialog.getByRole('button', { name: 'Abbrechen' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(openButton).toBeFocused();
  expect(existsSync(`${p}-journal`)).toBe(true);
  expect(workbench.session.path).not.toBe(p);

  await openByKeyboard(page, p);
  await expect(dialog.getByRole('alert')).toContainText('Journaldatei');
  await tabTo(page, keep);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('banner')).toContainText('Journalplan');
  expect(workbench.session.path).toBe(p);

  // The journal lies beside the plan under its new name, unchanged; the dialog says where.
  expect(existsSync(`${p}-journal`)).toBe(false);
  const aside = readdirSync(workbench.dir).filter((f) => f.startsWith('Journalplan.wirplan.journal-beiseite-'));
  expect(aside).toHaveLength(1);
  expect(readFileSync(join(workbench.dir, aside[0])).equals(journal)).toBe(true);
  const opened = page.getByRole('dialog', { name: 'Plan geöffnet' });
  await expect(opened.getByRole('status')).toContainText('Die Journaldatei wurde nicht zurückgespielt');
  await expect(opened.getByRole('status')).toContainText(join(workbench.dir, aside[0]));
  await expect(opened.getByRole('button', { name: 'Schließen', exact: true })).toBeFocused();
  await audit(page, 'open-hot-journal-done');
  await page.keyboard.press('Enter');
  await expect(opened).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'die Journaldatei ist beiseitegelegt' })).toBeVisible();
  // The plan as it was in the file: nothing was played back into it.
  expect(inPlan(workbench, (db) => fingerprint(db, CONTENT))).toBe(content);
  await expect(page.getByRole('region', { name: 'Überblick' })).toContainText('12');
});

test('a foreign trigger: "Als bereinigte Kopie öffnen" opens a copy without it; the original stays byte for byte', async ({ page, workbench }) => {
  const p = await planFile(workbench.dir, 'Fremdplan', 'Fremdplan');
  tamper(p, 'CREATE TRIGGER steal AFTER UPDATE ON budget_lines BEGIN UPDATE budget_lines SET amount_cents = 0; END;');
  const hash = sha256File(p);
  const measures = new Database(p, { readonly: true }).prepare('SELECT COUNT(*) FROM measures').pluck().get() as number;

  const { dialog } = await openByKeyboard(page, p);
  await expect(dialog.getByRole('alert')).toContainText('Trigger „steal“');
  const clean = dialog.getByRole('button', { name: 'Als bereinigte Kopie öffnen' });
  await expect(clean).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Journaldatei beiseitelegen und öffnen' })).toHaveCount(0);
  await audit(page, 'open-foreign-schema');
  await tabTo(page, clean);
  await page.keyboard.press('Enter');

  const copy = join(workbench.dir, 'Fremdplan (bereinigt).wirplan');
  await expect(page.getByRole('banner')).toContainText('Fremdplan (bereinigt).wirplan');
  expect(workbench.session.path).toBe(copy);
  // The dialog reports where the copy is, how much came over and what was left out.
  const opened = page.getByRole('dialog', { name: 'Plan geöffnet' });
  const report = opened.getByRole('status');
  await expect(report).toContainText(copy);
  await expect(report).toContainText(/[\d.]+ Zeilen übernommen\./u);
  await expect(report).toContainText('Trigger „steal“ nicht übernommen');
  await expect(report).toContainText('Die Originaldatei bleibt unverändert.');
  await expect(opened.getByRole('button', { name: 'Schließen', exact: true })).toBeFocused();
  await audit(page, 'open-clean-copy-done');
  await page.keyboard.press('Escape');
  await expect(opened).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Bereinigte Kopie „Fremdplan (bereinigt).wirplan“ geöffnet' })).toBeVisible();

  expect(sha256File(p)).toBe(hash);
  expect(inPlan(workbench, (db) => db.prepare('SELECT name FROM sqlite_schema').pluck().all())).not.toContain('steal');
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(measures);
});

test('a damaged plan: "Sicherungen…" in the Open dialog leads to its backups, and a restore opens it with its measures', async ({ page, workbench }) => {
  const demo = workbench.session.path!;
  workbench.session.open(demo); // the open takes a backup
  await createPlanInUi(page, join(workbench.dir, 'Anderer Plan.wirplan'), 'Anderer Plan');
  zeroMiddlePage(demo);

  let { dialog, openButton } = await openByKeyboard(page, demo);
  await expect(dialog.getByRole('alert')).toContainText('Die letzte intakte Sicherung ist vom');
  const backups = dialog.getByRole('button', { name: 'Sicherungen…' });
  await expect(dialog.getByRole('button', { name: 'Als bereinigte Kopie öffnen' })).toHaveCount(0);
  await audit(page, 'open-damaged');
  await tabTo(page, backups);
  await page.keyboard.press('Enter');

  // The Open dialog gives way to the backups dialog (no dialog on a dialog); the focus is in it.
  const list = page.getByRole('dialog', { name: 'Sicherungen von „Landkreis Musterland.wirplan“' });
  await expect(list).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('dialog')).toHaveCount(1);
  expect(await list.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await expect(list.getByRole('row').nth(1)).toContainText('12 Maßnahmen');
  await audit(page, 'open-damaged-backups');
  // Escape closes it and hands the focus back to "Öffnen…".
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(openButton).toBeFocused();

  ({ dialog } = await openByKeyboard(page, demo));
  await expect(dialog.getByRole('alert')).toContainText('Die letzte intakte Sicherung ist vom');
  await tabTo(page, backups);
  await page.keyboard.press('Enter');
  const restore = list.getByRole('button', { name: /^Sicherung vom .* wiederherstellen$/u }).first();
  await tabTo(page, restore);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Sicherung wiederherstellen?' });
  await expect(confirm.getByRole('button', { name: 'Wiederherstellen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(page.getByRole('banner')).toContainText('Gemeinsam in Musterland');
  expect(workbench.session.path).toBe(demo);
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(12);
  await expect(page.getByRole('region', { name: 'Überblick' })).toContainText('12');
});

test('the recent list offers the same choices: journal put aside, cleaned copy', async ({ page, workbench }) => {
  const demo = workbench.session.path!;
  const other = join(workbench.dir, 'Anderer Plan.wirplan');
  await createPlanInUi(page, other, 'Anderer Plan');
  tamper(demo, 'SELECT 1;');
  const journal = plantHotJournal(demo);
  const recent = page.getByRole('region', { name: 'Zuletzt geöffnete Pläne' });

  await recent.getByRole('button', { name: /^„Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029“ öffnen$/u }).click();
  await expect(recent.getByRole('alert')).toContainText('Neben der Plandatei liegt eine Journaldatei');
  const keep = recent.getByRole('button', { name: 'Journaldatei beiseitelegen und öffnen' });
  await expect(keep).toBeFocused();
  await audit(page, 'recent-hot-journal');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('banner')).toContainText('Gemeinsam in Musterland');
  expect(workbench.session.path).toBe(demo);
  const aside = readdirSync(dirname(demo)).filter((f) => f.startsWith(`${basename(demo)}.journal-beiseite-`));
  expect(aside).toHaveLength(1);
  expect(readFileSync(join(dirname(demo), aside[0])).equals(journal)).toBe(true);
  const report = recent.getByRole('status').filter({ hasText: 'Journaldatei wurde nicht zurückgespielt' });
  await expect(report).toContainText(aside[0]);
  await expect(recent.getByRole('button', { name: 'Hinweis ausblenden' })).toBeFocused();
  await audit(page, 'recent-hot-journal-done');
  await page.keyboard.press('Enter');
  await expect(report).toHaveCount(0);

  // The other plan, now closed, gets a foreign trigger.
  tamper(other, 'CREATE TRIGGER steal AFTER UPDATE ON budget_lines BEGIN UPDATE budget_lines SET amount_cents = 0; END;');
  const hash = sha256File(other);
  await recent.getByRole('button', { name: /^„Anderer Plan“ öffnen$/u }).click();
  await expect(recent.getByRole('alert')).toContainText('Trigger „steal“');
  const clean = recent.getByRole('button', { name: 'Als bereinigte Kopie öffnen' });
  await expect(clean).toBeFocused();
  await audit(page, 'recent-foreign-schema');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('banner')).toContainText('Anderer Plan (bereinigt).wirplan');
  expect(workbench.session.path).toBe(join(workbench.dir, 'Anderer Plan (bereinigt).wirplan'));
  await expect(recent.getByRole('status').filter({ hasText: 'Bereinigte Kopie' })).toContainText('Trigger „steal“ nicht übernommen');
  await expect(recent.getByRole('button', { name: 'Hinweis ausblenden' })).toBeFocused();
  expect(sha256File(other)).toBe(hash);
});

/** Grows a closed plan to ~170 MB of valid rows: its check then takes seconds (a cancel comes within a fraction of one). */
function makeSlowToCheck(path: string): void {
  const db = new Database(path);
  const add = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  const filler = 'x'.repeat(3000);
  db.transaction(() => { for (let i = 0; i < 40_000; i++) add.run(`filler-${i}`, `${filler}${i}`); })();
  db.close();
}

test('while a plan is checked the Open dialog says "Plan wird geprüft…", and "Abbrechen" stops the check', async ({ page, workbench }) => {
  const p = await planFile(workbench.dir, 'Großer Plan', 'Großer Plan');
  makeSlowToCheck(p);
  const before = statSync(p);
  const demo = workbench.session.path!;

  const { dialog } = await openByKeyboard(page, p);
  const status = dialog.getByRole('status');
  await expect(status).toHaveText('Plan wird geprüft…');
  await expect(dialog.getByRole('button', { name: 'Öffnen', exact: true })).toBeDisabled();
  const cancel = dialog.getByRole('button', { name: 'Abbrechen' });
  await cancel.focus();
  await page.keyboard.press('Enter');
  // The dialog stays, says the open was cancelled, and is ready for another try.
  await expect(dialog.getByRole('alert')).toContainText('Das Öffnen wurde abgebrochen.');
  await expect(dialog.getByText('Plan wird geprüft…')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Öffnen', exact: true })).toBeEnabled();
  await audit(page, 'open-cancelled');
  expect(workbench.session.path).toBe(demo);
  const after = statSync(p);
  expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the recent list shows a slow check too, and its "Abbrechen" stops it', async ({ page, workbench }) => {
  const demo = workbench.session.path!;
  const other = join(workbench.dir, 'Anderer Plan.wirplan');
  await createPlanInUi(page, other, 'Anderer Plan');
  const recent = page.getByRole('region', { name: 'Zuletzt geöffnete Pläne' });
  await recent.getByRole('button', { name: /^„Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029“ öffnen$/u }).click();
  await expect(page.getByRole('banner')).toContainText('Gemeinsam in Musterland');
  makeSlowToCheck(other);
  const before = statSync(other);

  await recent.getByRole('button', { name: /^„Anderer Plan“ öffnen$/u }).click();
  await expect(recent.getByRole('status').filter({ hasText: 'Plan wird geprüft…' })).toBeVisible();
  const cancel = recent.getByRole('button', { name: 'Abbrechen' });
  await expect(cancel).toBeFocused();
  // (No axe run while busy: it would take longer than the check it is meant to interrupt.)
  await page.keyboard.press('Enter');
  await expect(recent.getByRole('alert')).toContainText('Das Öffnen wurde abgebrochen.');
  await expect(cancel).toHaveCount(0);
  await expect(recent.getByText('Plan wird geprüft…')).toHaveCount(0);
  // "Abbrechen" went away with the check: the focus waits on the list's heading, not on the page.
  await expect(recent.getByRole('heading', { name: 'Zuletzt geöffnete Pläne' })).toBeFocused();
  await audit(page, 'recent-cancelled');
  expect(workbench.session.path).toBe(demo);
  const after = statSync(other);
  expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
});

test('a damaged plan in the recent list: its refusal\'s "Sicherungen…" takes the focus and opens the backups', async ({ page, workbench }) => {
  const demo = workbench.session.path!;
  workbench.session.open(demo); // the open takes a backup
  await createPlanInUi(page, join(workbench.dir, 'Anderer Plan.wirplan'), 'Anderer Plan');
  zeroMiddlePage(demo);
  const recent = page.getByRole('region', { name: 'Zuletzt geöffnete Pläne' });
  await recent.getByRole('button', { name: /^„Landkreis Musterland“ öffnen$/u }).click();
  await expect(recent.getByRole('alert')).toContainText('Die letzte intakte Sicherung ist vom');
  const choice = recent.getByRole('group', { name: /^Möglichkeiten für/u }).getByRole('button', { name: 'Sicherungen…' });
  await expect(choice).toBeFocused();
  await audit(page, 'recent-damaged');
  await page.keyboard.press('Enter');
  const list = page.getByRole('dialog', { name: /^Sicherungen von „Landkreis Musterland/u });
  await expect(list.getByRole('row').nth(1)).toContainText('12 Maßnahmen');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(choice).toBeFocused();
});
