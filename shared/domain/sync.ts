// Merge of plan copies and sync with a shared PostgreSQL plan (issue 15): what UI and backend exchange.
import { z } from 'zod';

export interface ConflictView {
  id: string;
  entity: string;
  entityId: string;
  field: string;
  /** German: what and which field („Maßnahme M-1.01 „…“: Titel“). */
  label: string;
  /** Both values as the planner reads them. */
  mine: string;
  theirs: string;
  source: string;
  detectedAt: string;
}

export interface CopyPreview {
  title: string;
  /** Changes this plan does not have yet. */
  changes: number;
  /** Rows they touch. */
  entities: number;
  conflicts: { label: string; mine: string; theirs: string }[];
}

export interface MergeOutcome {
  changes: number;
  entities: number;
  conflicts: ConflictView[];
  /** Rows that could not be written, German. */
  skipped: string[];
}

export interface SyncStatus {
  /** The server this plan syncs with (host/database, never the password). */
  server: string | null;
  /** Local changes not yet on the server. */
  pending: number;
  lastSyncAt: string | null;
  /** German message of the last failed attempt (offline, refused), null after a successful sync. */
  lastError: string | null;
  /** True when the last attempt failed because the server could not be reached (the status line says „offline“). */
  offline: boolean;
  conflicts: number;
}

export interface SyncResult extends MergeOutcome {
  pushed: number;
  pulled: number;
  status: SyncStatus;
}

/** Connection to the Kreis's PostgreSQL: URL without password, plus user and password per call. */
export const serverSchema = z.object({
  url: z.string().trim().min(1, { error: 'Bitte die Serveradresse angeben.' }).max(2_000)
    .refine((u) => /^postgres(ql)?:\/\//i.test(u), { error: 'Die Serveradresse beginnt mit postgres:// (z. B. postgres://db.kreis.local:5432/werkbank?sslmode=verify-full).' }),
  user: z.string().trim().max(200).optional(),
  password: z.string().max(1_000).optional(),
});
export type ServerArgs = z.infer<typeof serverSchema>;
