// Every shipped migration, imported statically (asar-safe, no directory scan).
import type { Migration } from './types.ts';
import { migration as m0001 } from './0001-initial.ts';
import { migration as m0002 } from './0002-measure-sheet.ts';
import { migration as m0003 } from './0003-covering-budget-index.ts';
import { migration as m0004 } from './0004-vorlage-snapshots.ts';
import { migration as m0005 } from './0005-priorities.ts';
import { migration as m0006 } from './0006-series-period.ts';
import { migration as m0007 } from './0007-measure-haushalt.ts';
import { migration as m0008 } from './0008-monitoring.ts';
import { migration as m0009 } from './0009-rounds.ts';
import { migration as m0010 } from './0010-sync.ts';
import { migration as m0011 } from './0011-history-index.ts';

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005,
  m0006, m0007, m0008, m0009, m0010, m0011];
export const LATEST_VERSION = MIGRATIONS.at(-1)!.version;
