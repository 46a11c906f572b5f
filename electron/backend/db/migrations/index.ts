// Every shipped migration, imported statically (asar-safe, no directory scan).
import type { Migration } from './types.ts';
import { migration as m0001 } from './0001-initial.ts';
import { migration as m0002 } from './0002-measure-sheet.ts';

export const MIGRATIONS: readonly Migration[] = [m0001, m0002];
export const LATEST_VERSION = MIGRATIONS.at(-1)!.version;
