// werkbank export --bericht: the Sachstandsbericht from the command line, as a user runs it.
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
  dir = tempDir('werkbank-cli-bericht-');
  demo = join(dir, 'musterland.wirplan');
  expect(werkbank('demo', demo).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('werkbank export --bericht', () => {
  it('writes the Sachstandsbericht at the given Stichtag, anonymised without person names', () => {
    const out = join(dir, 'bericht.docx');
    const r = werkbank('export', demo, '--bericht', out, '--stichtag', '2026-12-01', '--anonym');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Sachstandsbericht \(anonymisiert\) geschrieben: .+bericht\.docx \(12 Maßnahmen, \d+ ms\)\.$/mu);
    const doc = part(unzip(readFileSync(out)), 'word/document.xml');
    expect(doc).toContain('Stand 01.12.2026');
    expect(doc).toContain('anonymisierte Fassung');
    // German counts: the status that is a noun takes its plural.
    expect(doc).toContain('Der Plan umfasst 12 Maßnahmen: 2 Ideen, 2 in Planung');
    for (const person of ['Yildiz', 'Brandt', 'Keller', 'Nowak', 'Osei', 'Haddad', 'Vogt']) expect(doc).not.toContain(person);
  });

  it('refuses a malformed Stichtag, --stichtag without --bericht, and an existing file without --force', () => {
    expect(werkbank('export', demo, '--bericht', join(dir, 'x.docx'), '--stichtag', '2026-02-30').status).toBe(2);
    expect(werkbank('export', demo, '--docx', join(dir, 'y.docx'), '--stichtag', '2026-12-01').status).toBe(2);
    const out = join(dir, 'twice.docx');
    expect(werkbank('export', demo, '--bericht', out).status).toBe(0);
    const again = werkbank('export', demo, '--bericht', out);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/gibt es bereits/u);
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });
});
