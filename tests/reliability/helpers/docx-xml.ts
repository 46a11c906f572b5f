// Reading a DOCX without extra packages: a small ZIP reader (central directory + inflateRaw) and a
// strict well-formedness check of XML 1.0 (characters, names, entities, attributes, nesting, one root).
import { inflateRawSync } from 'node:zlib';

export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('broken central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

// oxlint-disable-next-line no-control-regex -- finding control characters is the point
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/u;
const ENTITY = /&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/guy;

function legalCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Text or attribute value: every & starts a known entity or a reference to a legal character. */
function checkEntities(s: string, where: string): void {
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(s);
    if (!m) throw new Error(`bare & in ${where}: ${JSON.stringify(s.slice(i, i + 20))}`);
    const ref = m[0];
    if (ref.startsWith('&#')) {
      const cp = ref[2] === 'x' ? parseInt(ref.slice(3, -1), 16) : parseInt(ref.slice(2, -1), 10);
      if (!legalCodePoint(cp)) throw new Error(`reference to an illegal character ${ref} in ${where}`);
    }
  }
}

/** Throws with a reason when `xml` is not well-formed XML 1.0. */
export function assertWellFormed(xml: string): void {
  const bad = ILLEGAL.exec(xml);
  if (bad) throw new Error(`illegal character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase()} at ${bad.index}`);
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const stack: string[] = [];
  let roots = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.includes('>') && text.includes(']]>')) throw new Error(']]> in text');
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root element: ${JSON.stringify(text.slice(0, 30))}`);
    checkEntities(text, 'text');
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) throw new Error('CDATA outside the root');
      const end = xml.indexOf(']]>', lt);
      if (end < 0) throw new Error('unterminated CDATA');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end < 0) throw new Error('unterminated processing instruction');
      i = end + 2;
      continue;
    }
    // A tag: find its end outside quoted attribute values.
    let j = lt + 1;
    let quote = '';
    for (; j < xml.length; j++) {
      const c = xml[j];
      if (quote) { if (c === quote) quote = ''; continue; }
      if (c === '"' || c === "'") quote = c;
      else if (c === '<') throw new Error(`< inside a tag at ${j}`);
      else if (c === '>') break;
    }
    if (j >= xml.length) throw new Error('unterminated tag');
    const tag = xml.slice(lt + 1, j);
    i = j + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([^\s/>]+)([\s\S]*)$/u.exec(body);
    if (!m || !NAME.test(m[1])) throw new Error(`bad element name <${body.slice(0, 30)}>`);
    if (stack.length === 0) {
      roots++;
      if (roots > 1) throw new Error('more than one root element');
    }
    const seen = new Set<string>();
    let rest = m[2];
    const attr = /^\s+([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/u;
    for (let a = attr.exec(rest); a; a = attr.exec(rest)) {
      if (!NAME.test(a[1])) throw new Error(`bad attribute name ${a[1]}`);
      if (seen.has(a[1])) throw new Error(`attribute ${a[1]} twice on <${m[1]}>`);
      seen.add(a[1]);
      const value = a[3] ?? a[4];
      if (value.includes('<')) throw new Error(`< in attribute ${a[1]}`);
      checkEntities(value, `attribute ${a[1]}`);
      rest = rest.slice(a[0].length);
    }
    if (rest.trim() !== '') throw new Error(`garbage in <${m[1]}>: ${JSON.stringify(rest.slice(0, 30))}`);
    if (!selfClosing) stack.push(m[1]);
  }
  if (stack.length) throw new Error(`unclosed <${stack.at(-1)}>`);
  if (roots !== 1) throw new Error('no root element');
}
