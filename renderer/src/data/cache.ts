// The one server-state cache of the window (TanStack Query). Queries are keyed [method, args]; every
// response of a mutating call says which entity kinds it touched (shared/api/freshness.ts), and this
// module invalidates exactly the queries that depend on them. One edited measure row is patched into
// the cached measures.list instead of reloading the whole list.
import { QueryClient, type Query } from '@tanstack/react-query';
import type { ApiArgs, ApiResults, Envelope, Method } from '../../../shared/api/contract.ts';
import { ALL, MEASURE_ROW_PATCHABLE, READ_DEPENDS, dependsOn, type EntityKind } from '../../../shared/api/freshness.ts';
import type { MeasureRow } from '../../../shared/domain/types.ts';
import type { Transport } from '../backend/transport.ts';

export type QueryKey = readonly [Method, unknown];

/** The cache key of a read: its method and its args (as JSON, so equal args share one entry). */
export function queryKey<K extends Method>(method: K, args: ApiArgs[K]): QueryKey {
  return [method, JSON.parse(JSON.stringify(args ?? {})) as unknown];
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data stays fresh until a response says it changed; nothing reloads on a timer or on focus.
        staleTime: Infinity,
        gcTime: 5 * 60_000,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

const LIST_KEY = queryKey('measures.list', {});
const CODE_ORDER = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });
/** Reads the workbench shows on every page; on a plan switch they reload, everything else is dropped. */
const PLAN_FRAME: readonly string[] = ['plan.info', 'plan.recent'];

/** Calls that put another plan (or none) in the window. */
const PLAN_SWITCH: readonly string[] = ['plan.new', 'plan.createDemo', 'plan.open', 'plan.close', 'plan.restore'];

const methodOf = (q: Query) => String(q.queryKey[0]);

export interface FreshnessEffects {
  /** True when the call replaced the whole plan or undid/redid a step: forms drop drafts of loaded data. */
  external: boolean;
}

/**
 * Brings the cache up to date after a response: patches measure rows, invalidates (active: refetch now;
 * inactive: dropped, so a view opened later never shows an old value first) every query depending on
 * a touched kind. Resolves when the visible queries hold the new data.
 */
export async function applyFreshness(qc: QueryClient, transport: Transport, method: string, env: Envelope<unknown>): Promise<FreshnessEffects> {
  const touched = env.touched ?? [];
  const external = method === 'history.undo' || method === 'history.redo';
  if (touched.length === 0) return { external: false };
  if (touched.includes(ALL)) {
    // Another plan: its data must not show the old one's for a moment. The same plan changed in ways not
    // itemised: everything refetches while the current data stays on screen (no view unmounts).
    if (PLAN_SWITCH.includes(method)) await invalidateAll(qc);
    else await qc.invalidateQueries();
    return { external: true };
  }
  const patch = canPatchList(qc, touched, env.measureIds);
  const matches = (q: Query) => (patch && methodOf(q) === 'measures.list' ? false : dependsOn(methodOf(q), touched));
  qc.removeQueries({ predicate: matches, type: 'inactive' });
  await Promise.all([
    qc.invalidateQueries({ predicate: matches }),
    patch && env.measureIds ? patchMeasureRows(qc, transport, env.measureIds) : null,
  ]);
  return { external };
}

/** Another plan, or the plan replaced: the lists of the old one must not show for a moment. */
export async function invalidateAll(qc: QueryClient): Promise<void> {
  const frame = (q: Query) => PLAN_FRAME.includes(methodOf(q));
  await Promise.all([
    qc.invalidateQueries({ predicate: frame }),
    qc.resetQueries({ predicate: (q) => !frame(q) }),
  ]);
}

function canPatchList(qc: QueryClient, touched: readonly EntityKind[], ids: readonly string[] | undefined): boolean {
  if (!ids) return false;
  const listDeps = READ_DEPENDS['measures.list'] ?? [];
  if (!touched.filter((k) => listDeps.includes(k)).every((k) => MEASURE_ROW_PATCHABLE.includes(k))) return false;
  // A full reload on its way may carry an older state than the patch; then let that reload run again instead.
  const state = qc.getQueryState(LIST_KEY);
  return state?.fetchStatus !== 'fetching';
}

/** Replaces, adds or removes the rows of these measures in the cached list; the other rows keep their identity. */
async function patchMeasureRows(qc: QueryClient, transport: Transport, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || qc.getQueryData(LIST_KEY) === undefined) return;
  const env = await transport.invoke('measures.rows', { ids: [...ids] });
  if (!env.ok) {
    await qc.invalidateQueries({ queryKey: LIST_KEY, exact: true });
    return;
  }
  qc.setQueryData<ApiResults['measures.list']>(LIST_KEY, (list) => (list ? mergeRows(list, ids, env.value) : list));
}

export function mergeRows(list: readonly MeasureRow[], ids: readonly string[], rows: readonly MeasureRow[]): MeasureRow[] {
  const fresh = new Map(rows.map((r) => [r.id, r]));
  const asked = new Set(ids);
  let resort = false;
  const seen = new Set<string>();
  const out: MeasureRow[] = [];
  for (const r of list) {
    if (!asked.has(r.id)) { out.push(r); continue; }
    const f = fresh.get(r.id);
    seen.add(r.id);
    if (!f) continue; // deleted
    if (f.code !== r.code) resort = true;
    out.push(f);
  }
  for (const r of rows) {
    if (!seen.has(r.id)) { out.push(r); resort = true; }
  }
  if (resort) out.sort((a, b) => CODE_ORDER.compare(a.code, b.code));
  return out;
}
