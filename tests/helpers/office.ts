// Reading office documents in tests: zip parts with node:zlib, and DOCX → PDF → text with LibreOffice.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** The entries of a zip file (stored or deflated), read with node:zlib only. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('broken central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export function part(zip: Map<string, Buffer>, name: string): string {
  const b = zip.get(name);
  if (!b) throw new Error(`missing part ${name}`);
  return b.toString('utf8');
}

// Locally the rendering checks may be skipped without LibreOffice; in CI a missing soffice is a failure.
export const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0 || process.env.CI === 'true';

export interface Rendered { pdf: string; layout: string; plain: string; pages: number; ms: number; pageTexts: string[] }

/** DOCX → PDF with LibreOffice (own profile, so parallel runs don't collide) → text. `env`: e.g. a FONTCONFIG_FILE. */
export function render(docxPath: string, outDir: string, env?: NodeJS.ProcessEnv): Rendered {
  const profile = `/tmp/lo-profile-${randomUUID()}`;
  const started = performance.now();
  try {
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docxPath], { encoding: 'utf8', timeout: 120_000, env: env ? { ...process.env, ...env } : process.env });
    if (r.status !== 0) throw new Error(`soffice failed: ${r.status} ${r.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const ms = performance.now() - started;
  const pdf = docxPath.replace(/\.docx$/u, '.pdf');
  const layout = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  const plain = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  const pages = Number(/^Pages:\s+(\d+)/mu.exec(info)?.[1] ?? 0);
  return { pdf, layout, plain, pages, ms, pageTexts: layout.split('\f') };
}

/**
 * Text with the no-break spaces the writer puts into amounts, percentages and "Anlage 1" (U+00A0,
 * U+202F) as plain spaces, so an expected value written with ordinary spaces can be found in XML or
 * PDF text. Only these two characters change; everything else must match exactly.
 */
export const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f]/gu, ' ');

/** Text with every run of white space (line breaks of wrapped cells, NBSP) as one space. */
export const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/gu, ' ');

/** A fontconfig file that knows only the DejaVu fonts: Arial (and every other family) renders as DejaVu Sans. */
export function dejavuOnlyFontconfig(dir: string): string {
  const path = `${dir}/fonts-dejavu-only.conf`;
  writeFileSync(path, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>${dir}/fc-cache</cachedir>
  <match target="pattern"><test name="family"><string>Arial</string></test><edit name="family" mode="assign" binding="strong"><string>DejaVu Sans</string></edit></match>
</fontconfig>
`);
  return path;
}
