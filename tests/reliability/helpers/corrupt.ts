// Ways a plan file gets damaged in the wild, done to copies in temp folders.
import { readFileSync, writeFileSync } from 'node:fs';

export function pageSizeOf(bytes: Buffer): number {
  const raw = bytes.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

/** B-tree pages (table/index, interior/leaf) start with one of these type bytes. */
const BTREE_TYPES = new Set([0x02, 0x05, 0x0a, 0x0d]);

/** The b-tree page nearest the middle of the file (1-based page number; never page 1). */
export function middleBtreePage(bytes: Buffer): number {
  const size = pageSizeOf(bytes);
  const pages = Math.floor(bytes.length / size);
  const mid = Math.max(2, Math.floor(pages / 2));
  for (let d = 0; d < pages; d++) {
    for (const p of [mid + d, mid - d]) {
      if (p >= 2 && p <= pages && BTREE_TYPES.has(bytes[(p - 1) * size])) return p;
    }
  }
  throw new Error('no b-tree page found');
}

/** Overwrites one whole b-tree page in the middle with zeros (a lost sector). */
export function zeroMiddlePage(path: string): void {
  const bytes = readFileSync(path);
  const size = pageSizeOf(bytes);
  const p = middleBtreePage(bytes);
  bytes.fill(0, (p - 1) * size, p * size);
  writeFileSync(path, bytes);
}

/** Flips the bits of `count` bytes at the start of the middle b-tree page (its header and cell pointers). */
export function flipMiddleBytes(path: string, count = 24): void {
  const bytes = readFileSync(path);
  const size = pageSizeOf(bytes);
  const start = (middleBtreePage(bytes) - 1) * size;
  for (let i = start; i < start + count; i++) bytes[i] ^= 0xff;
  writeFileSync(path, bytes);
}

/** Cuts the file at a fraction of its length (an aborted copy). */
export function truncateFile(path: string, fraction = 0.5): void {
  const bytes = readFileSync(path);
  const size = pageSizeOf(bytes);
  // Mid-page, as an aborted copy usually is.
  writeFileSync(path, bytes.subarray(0, Math.floor((bytes.length * fraction) / size) * size + 1234));
}
