// An .xlsx is a zip archive from outside: before exceljs sees it, its structure is checked against
// what a workbook can be, bounded in time and memory, and refused with a German message.
//  1. Central directory (yauzl): number of entries, names that belong in an XLSX, no duplicates,
//     declared sizes (each and in total) and compression ratio; no zip64.
//  2. Layout: every entry's local header sits exactly where the previous entry's data ended and the
//     last one ends where the central directory starts, so there are no hidden entries between them
//     that a streaming reader (exceljs reads local headers front to back) would see and we would not;
//     the local header names the same file as the central directory.
//  3. Every entry is inflated once, streaming, counting the bytes that really come out: a central
//     directory that lies about sizes is caught after at most the declared size (yauzl asserts it),
//     and the total is capped again here, with a deadline.
import yauzl from 'yauzl';
import { AppError } from '../errors.ts';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed : compressed, checked for entries larger than ratioFromBytes. */
  maxRatio: number;
  ratioFromBytes: number;
  /** Wall-clock budget for checking and inflating, ms. */
  deadlineMs: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 150,
  ratioFromBytes: 1024 * 1024,
  deadlineMs: 30_000,
};

const mb = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString('de-DE')} MB`;
const refuse = (why: string) => new AppError('invalid', `Die Datei wird nicht eingelesen: ${why} Eine mit Excel oder LibreOffice gespeicherte Arbeitsmappe (.xlsx) hat diese Form nicht.`);
const unreadable = () => new AppError('invalid', 'Die Datei lässt sich nicht als Excel-Arbeitsmappe (.xlsx) lesen (das Zip-Archiv ist unvollständig oder beschädigt). Bitte die Datei in Excel oder LibreOffice als .xlsx speichern.');
const tooSlow = () => new AppError('invalid', 'Die Datei wird nicht eingelesen: Das Entpacken dauert zu lange. Bitte die Arbeitsmappe verkleinern oder als CSV speichern.');

/** The parts of an Office Open XML spreadsheet (SpreadsheetML), including folders some zip tools add. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/u,
  /^_rels\/\.rels$/u,
  /^docProps\/[\w.-]+\.xml$/u,
  /^xl\/(?:[\w-]+\/)*[\w.-]+\.(?:xml|rels|bin|vml|png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)$/iu,
  /^customXml\/(?:[\w-]+\/)*[\w.-]+\.(?:xml|rels)$/u,
  /^(?:_rels|docProps|xl|customXml)\/(?:[\w-]+\/)*$/u,
];
const REQUIRED = ['[Content_Types].xml', 'xl/workbook.xml'];

interface EntryInfo {
  name: string;
  offset: number;
  compressed: number;
  uncompressed: number;
  flags: number;
  method: number;
}

function readCentralDirectory(bytes: Buffer, limits: ZipLimits): Promise<EntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) return reject(unreadable());
      if (zip.entryCount > limits.maxEntries) {
        zip.close();
        return reject(refuse(`Sie besteht aus ${zip.entryCount.toLocaleString('de-DE')} Teilen (höchstens ${limits.maxEntries.toLocaleString('de-DE')}).`));
      }
      const out: EntryInfo[] = [];
      const names = new Set<string>();
      let total = 0;
      zip.on('error', () => reject(unreadable()));
      zip.on('entry', (e: yauzl.Entry) => {
        const name = e.fileName;
        const fail = (why: AppError) => { zip.close(); reject(why); };
        if (!ALLOWED.some((re) => re.test(name))) return fail(refuse(`Sie enthält „${name.slice(0, 80)}“, das nicht zu einer Arbeitsmappe gehört.`));
        if (names.has(name)) return fail(refuse(`Der Teil „${name.slice(0, 80)}“ kommt mehrfach vor.`));
        names.add(name);
        if (e.uncompressedSize === 0xffffffff || e.compressedSize === 0xffffffff || e.relativeOffsetOfLocalHeader === 0xffffffff) return fail(refuse('Sie ist als Zip64-Archiv für über 4 GB angelegt.'));
        if (e.compressionMethod !== 0 && e.compressionMethod !== 8) return fail(refuse(`Der Teil „${name.slice(0, 80)}“ ist mit einem unbekannten Verfahren gepackt.`));
        if ((e.generalPurposeBitFlag & 0x1) !== 0) return fail(refuse('Sie ist verschlüsselt.'));
        if (e.uncompressedSize > limits.maxEntryBytes) return fail(refuse(`Der Teil „${name.slice(0, 80)}“ ist entpackt ${mb(e.uncompressedSize)} groß (höchstens ${mb(limits.maxEntryBytes)}).`));
        total += e.uncompressedSize;
        if (total > limits.maxTotalBytes) return fail(refuse(`Sie ist entpackt über ${mb(limits.maxTotalBytes)} groß.`));
        if (e.uncompressedSize > limits.ratioFromBytes && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
          return fail(refuse(`Der Teil „${name.slice(0, 80)}“ ist über ${limits.maxRatio}-fach gepackt (typisch für eine „Zip-Bombe“).`));
        }
        out.push({ name, offset: e.relativeOffsetOfLocalHeader, compressed: e.compressedSize, uncompressed: e.uncompressedSize, flags: e.generalPurposeBitFlag, method: e.compressionMethod });
        zip.readEntry();
      });
      zip.on('end', () => {
        const missing = REQUIRED.find((r) => !names.has(r));
        if (missing) return reject(refuse(`Ihr fehlt „${missing}“.`));
        resolve(out);
      });
      zip.readEntry();
    });
  });
}

/** Offset of the central directory, from the end-of-central-directory record (yauzl found it already). */
function centralDirectoryOffset(bytes: Buffer): number {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) return bytes.readUInt32LE(i + 16);
  }
  throw unreadable();
}

function checkLayout(bytes: Buffer, entries: EntryInfo[]): void {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  let expected = 0;
  for (const e of sorted) {
    if (e.offset !== expected || e.offset + 30 > bytes.length || bytes.readUInt32LE(e.offset) !== 0x04034b50) {
      throw refuse('Zwischen ihren Teilen liegen Daten, die das Inhaltsverzeichnis des Archivs nicht nennt.');
    }
    const nameLen = bytes.readUInt16LE(e.offset + 26);
    const extraLen = bytes.readUInt16LE(e.offset + 28);
    const localName = bytes.subarray(e.offset + 30, e.offset + 30 + nameLen).toString('utf8');
    if (localName !== e.name) throw refuse(`Ein Teil trägt zwei verschiedene Namen („${e.name.slice(0, 80)}“).`);
    let end = e.offset + 30 + nameLen + extraLen + e.compressed;
    if ((e.flags & 0x8) !== 0) {
      // Data descriptor after the data: with or without its optional signature.
      end += end + 4 <= bytes.length && bytes.readUInt32LE(end) === 0x08074b50 ? 16 : 12;
    }
    if (end > bytes.length) throw unreadable();
    expected = end;
  }
  if (expected !== centralDirectoryOffset(bytes)) throw refuse('Zwischen ihren Teilen liegen Daten, die das Inhaltsverzeichnis des Archivs nicht nennt.');
}

/** Inflates every entry once, streaming, discarding the bytes but counting them. */
function inflateAll(bytes: Buffer, limits: ZipLimits, deadline: number): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) return reject(unreadable());
      let total = 0;
      let done = false;
      const fail = (e: AppError) => {
        if (done) return;
        done = true;
        zip.close();
        reject(e);
      };
      zip.on('error', () => fail(unreadable()));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return fail(unreadable());
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > limits.maxTotalBytes) {
              stream.destroy();
              fail(refuse(`Sie ist entpackt über ${mb(limits.maxTotalBytes)} groß.`));
            } else if (Date.now() > deadline) {
              stream.destroy();
              fail(tooSlow());
            }
          });
          // yauzl: "too many bytes in the stream" when the data inflates beyond the declared size.
          stream.on('error', (e3: Error) => fail(/too many bytes|too few bytes|expected/iu.test(e3.message)
            ? refuse('Ein Teil ist entpackt größer, als das Inhaltsverzeichnis des Archivs angibt.')
            : unreadable()));
          stream.on('end', () => { if (!done) zip.readEntry(); });
        });
      });
      zip.on('end', () => { if (!done) { done = true; resolve(total); } });
      zip.readEntry();
    });
  });
}

/** Checks an .xlsx archive; returns the number of bytes it inflates to. Throws AppError('invalid'). */
export async function checkXlsxArchive(bytes: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<number> {
  const deadline = Date.now() + limits.deadlineMs;
  const entries = await readCentralDirectory(bytes, limits);
  checkLayout(bytes, entries);
  return inflateAll(bytes, limits, deadline);
}
