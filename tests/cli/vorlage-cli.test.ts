// werkbank export --vorlage: the Sitzungsvorlage from the command line, as a user runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { part, unzip } from '../helpers/office.ts';
import { tempDir } from '../helpers/plan.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/werkbank.mjs');

function werkbank(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let demo: string;

beforeAll(() => {
  dir = tempDir('werkbank-cli-vorlage-');
  demo = join(dir, 'musterland.wirplan');
  expect(werkbank('demo', demo).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('werkbank export --vorlage', () => {
  it('writes the Sitzungsvorlage, with --anonym without person names, next to the plan document', () => {
    const vorlage = join(dir, 'vorlage.docx');
    const anonym = join(dir, 'vorlage-anonym.docx');
    const plan = join(dir, 'plan.docx');
    const r = werkbank('export', demo, '--vorlage', vorlage, '--docx', plan);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Word-Dokument geschrieben: .+plan\.docx \(12 Maßnahmen, \d+ ms\)\.$/mu);
    expect(r.stdout).toMatch(/^Sitzungsvorlage geschrieben: .+vorlage\.docx \(12 Maßnahmen, \d+ ms\)\.$/mu);
    expect(existsSync(plan)).toBe(true);
    const doc = part(unzip(readFileSync(vorlage)), 'word/document.xml');
    expect(doc).toContain('Beratungsfolge');
    expect(doc).toContain('Ansprechperson: Frau Dr. Yildiz');

    const a = werkbank('export', demo, '--vorlage', anonym, '--anonym');
    expect(a.status).toBe(0);
    expect(a.stdout).toContain('Sitzungsvorlage (anonymisiert) geschrieben');
    const zip = unzip(readFileSync(anonym));
    const all = [...zip].filter(([n]) => n.endsWith('.xml')).map(([, b]) => b.toString('utf8')).join('\n');
    for (const name of ['Yildiz', 'Brandt', 'Keller', 'Nowak', 'Albers', 'Haddad', 'Schulte', 'Vogt', 'Osei']) expect(all, name).not.toContain(name);

    // An existing file is kept without --force.
    const again = werkbank('export', demo, '--vorlage', vorlage);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('Mit --force wird sie überschrieben');
  }, 60_000);

  it('exits 2 on wrong calls, with a German message', () => {
    const cases: [string[], string][] = [
      [['export', demo, '--anonym'], '--vorlage <ausgabe.docx>'],
      [['export', demo, '--docx', join(dir, 'x.docx'), '--anonym'], '„--anonym“ gilt nur für die Sitzungsvorlage'],
      [['export', demo, '--vorlage'], 'Bei „--vorlage“ fehlt die Angabe.'],
      [['export', demo, '--vorlage', demo], 'nicht die Plandatei selbst'],
      [['check', demo, '--anonym'], '„check“ kennt die Optionen'],
    ];
    for (const [args, message] of cases) {
      const r = werkbank(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
    expect(werkbank('--help').stdout).toContain('werkbank export <datei.wirplan> --vorlage <ausgabe.docx> [--anonym] [--force]');
  }, 60_000);
});
