// Runs Electronegativity (Doyensec's scanner for Electron misconfigurations) over electron/ and fails
// on every HIGH finding that is not accepted below with a reason (other findings are listed).
// The pinned tool lives in its own install under node_modules/.cache/electronegativity-<version>/
// (`npm install --prefix … --prefer-offline`): as a devDependency its hoisted typescript-estree would
// pick up our TypeScript 7 and crash, and `npx --yes` needs the network every time. Installed once
// from the registry or npm's cache, it then runs offline. The tool also tries to fetch translations
// (1 s timeout; harmless offline) and its HTTP client may then crash after the report is written,
// so the report file (CSV, which carries the severity) decides, not the exit code.
//   node scripts/electronegativity.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const VERSION = '1.10.3';
const TOOL_DIR = resolve('node_modules', '.cache', `electronegativity-${VERSION}`);
const BIN = join(TOOL_DIR, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');

/** Findings we accept, each with the reason; anything else fails the run. */
const ACCEPTED = [
  { rule: 'CSP_GLOBAL_CHECK', reason: 'Die CSP kommt als Antwort-Header (app://-Protokoll in electron/main/main.ts, Dev-Server), nicht als <meta>; geprüft in tests/unit/security.test.ts und tests/reliability/dev-server.test.ts.' },
  { rule: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/main.ts', reason: 'shell.openExternal nur für https:- und mailto:-Adressen aus dem Fenster-Handler; alles andere wird abgelehnt.' },
];

function electronVersion() {
  try {
    return JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
  } catch {
    return '45.5.0';
  }
}

function ensureTool() {
  if (existsSync(BIN)) return;
  mkdirSync(TOOL_DIR, { recursive: true });
  // Its own package.json, so npm never walks up into ours.
  writeFileSync(join(TOOL_DIR, 'package.json'), JSON.stringify({ name: 'electronegativity-tool', private: true }));
  console.log(`Electronegativity ${VERSION} wird nach ${TOOL_DIR} installiert (aus dem npm-Cache, sonst aus der Registry) …`);
  const npm = spawnSync('npm', ['install', '--prefix', TOOL_DIR, '--prefer-offline', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', `@doyensec/electronegativity@${VERSION}`], {
    stdio: 'inherit', timeout: 600_000, shell: process.platform === 'win32',
  });
  if (npm.status !== 0 || !existsSync(BIN)) {
    console.error(`Electronegativity ${VERSION} ließ sich nicht installieren (weder aus dem npm-Cache noch aus der Registry).`);
    process.exit(2);
  }
}

/** CSV as the tool writes it: fields quoted with "", commas inside quotes. */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/u)) {
    if (!line.trim()) continue;
    const cells = [];
    let cur = '';
    let q = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (q) {
        if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') q = false; else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ',') { cells.push(cur); cur = ''; } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells.map((c) => c.trim()));
  }
  return rows;
}

ensureTool();
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const report = join(dir, 'report.csv');
const started = Date.now();
const run = spawnSync(process.execPath, ['--require', resolve('scripts', 'electronegativity-guard.cjs'), BIN, '-i', 'electron', '-o', report, '-e', electronVersion(), '-x', 'AvailableSecurityFixesGlobalCheck', '-r', '-v', 'false'], {
  encoding: 'utf8', env: { ...process.env, LANG: 'en-US' }, timeout: 600_000,
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (!existsSync(report)) {
  console.error(run.stdout, run.stderr);
  console.error(`Electronegativity hat keinen Bericht geschrieben (Exit-Code ${run.status}, ${seconds} s).`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(2);
}
const rows = parseCsv(readFileSync(report, 'utf8'));
rmSync(dir, { recursive: true, force: true });
// A report cut short (the tool died while writing) must never pass as "no findings".
if (rows.length === 0 || rows[0][0] !== 'issue' || rows[0][1] !== 'severity') {
  console.error(run.stdout, run.stderr);
  console.error(`Der Bericht von Electronegativity ist unvollständig (Exit-Code ${run.status}, ${seconds} s).`);
  process.exit(2);
}

// issue, severity, confidence, filename, location, sample, description, url
const findings = rows.slice(1).map(([rule, severity, confidence, file, location, , text]) => ({
  rule, severity, confidence, file: file === 'N/A' ? '' : file, line: Number(String(location).split(':')[0]) || 0, text,
}));
let open = 0;
for (const f of findings) {
  const ok = ACCEPTED.find((a) => a.rule === f.rule && (!a.file || a.file === f.file));
  const high = f.severity === 'HIGH';
  if (!ok && high) open++;
  const mark = ok ? 'akzeptiert' : high ? 'OFFEN     ' : 'Hinweis   ';
  console.log(`${mark}  ${f.rule} (${f.severity}, ${f.confidence}) ${f.file}:${f.line}${ok ? `\n            Grund: ${ok.reason}` : `\n            ${f.text}`}`);
}
const unused = ACCEPTED.filter((a) => !findings.some((f) => f.rule === a.rule && (!a.file || a.file === f.file)));
for (const a of unused) console.log(`(nicht mehr nötig: ${a.rule}${a.file ? ` in ${a.file}` : ''})`);
const highs = findings.filter((f) => f.severity === 'HIGH').length;
console.log(`Electronegativity ${VERSION}: ${findings.length} Befunde, davon ${highs} HIGH; ${open} HIGH offen (${seconds} s).`);
process.exit(open ? 1 : 0);
