// Validation and pre-checks of a plan before it goes to the solver: input sanity, unknown
// dependencies, dependency cycles, and whether the fixed-in measures (with everything they
// need) can be in the plan at all. All arithmetic here is exact integer cents.
import { formatCents } from '../../../shared/domain/money.ts';
import { compareCodes } from '../../../shared/domain/nutzwert.ts';
import type { PlanInput, PlanMeasure, PlanProblem } from './types.ts';

export interface PreparedPlan {
  measures: PlanMeasure[];
  n: number;
  index: Map<string, number>;
  /** Known prerequisites of each measure (deduplicated, self-loops kept for cycle detection). */
  pre: number[][];
  /** Dependents of each measure. */
  post: number[][];
  /** Sorted years that have a frame. */
  frameYears: number[];
  frameCents: number[];
  /** [measure][frame year index] own share in cents. */
  cost: number[][];
  /** Own share in years without a frame: measure → [year, cents][] (unconstrained). */
  unframedCost: [number, number][][];
  /** Root reason a measure cannot be in the plan. */
  rootExcluded: ('fixed-out' | 'ko' | null)[];
  /** Cannot be in the plan: root-excluded or (transitively) needs such a measure. */
  excluded: boolean[];
  /** For propagated exclusions: the directly needed measures that are excluded. */
  blockedBy: number[][];
  /** Must be in the plan: fixed in, or (transitively) needed by a fixed-in measure. */
  forced: boolean[];
  /** For forced measures that are not fixed in themselves: the fixed-in measures needing them. */
  requiredBy: number[][];
  /** Per frame year: frame − own share of the forced measures (may be negative → problem). */
  leftAfterForced: number[];
  problems: PlanProblem[];
  warnings: string[];
}

/** Above this (1 Mrd. € per frame or measure and year), HiGHS' tolerances can exceed one cent. */
export const PRECISION_LIMIT_CENTS = 100_000_000_000;

const byCode = (ms: readonly PlanMeasure[]) => (a: number, b: number) => compareCodes(ms[a].code, ms[b].code) || (ms[a].id < ms[b].id ? -1 : ms[a].id > ms[b].id ? 1 : 0);

export function codesOf(ms: readonly PlanMeasure[], ids: Iterable<number>): string {
  return [...ids].sort(byCode(ms)).map((i) => ms[i].code).join(', ');
}

function isYearKey(k: string): number | null {
  const y = Number(k);
  return /^-?\d+$/u.test(k) && Number.isSafeInteger(y) ? y : null;
}

/** Validates the input and runs all pre-checks. problems non-empty = no plan can be computed. */
export function preparePlan(input: PlanInput): PreparedPlan {
  const problems: PlanProblem[] = [];
  const warnings: string[] = [];
  const ms = Array.isArray(input?.measures) ? input.measures : [];
  if (!Array.isArray(input?.measures)) problems.push({ code: 'invalid-input', message: 'Es wurde keine Liste von Maßnahmen übergeben.', measureIds: [] });
  const n = ms.length;
  const index = new Map<string, number>();
  const label = (m: PlanMeasure) => (typeof m?.code === 'string' && m.code !== '' ? m.code : `„${String(m?.id)}“`);

  // --- frames
  const frameMap = new Map<number, number>();
  for (const [k, v] of Object.entries(input?.frames ?? {})) {
    const y = isYearKey(k);
    if (y === null) { problems.push({ code: 'invalid-input', message: `Ungültiges Jahr im Haushaltsrahmen: „${k}“.`, measureIds: [] }); continue; }
    if (!Number.isSafeInteger(v) || v < 0) {
      problems.push({ code: 'invalid-input', message: `Der Haushaltsrahmen für ${y} muss ein nicht negativer Betrag in ganzen Cent sein.`, measureIds: [], year: y });
      continue;
    }
    frameMap.set(y, v);
  }
  const frameYears = [...frameMap.keys()].sort((a, b) => a - b);
  const frameCents = frameYears.map((y) => frameMap.get(y) as number);
  const yearPos = new Map(frameYears.map((y, i) => [y, i]));

  // --- measures
  const cost: number[][] = [];
  const unframedCost: [number, number][][] = [];
  const unframed = new Map<number, Set<number>>();
  ms.forEach((m, i) => {
    const row = new Array<number>(frameYears.length).fill(0);
    const extra: [number, number][] = [];
    cost.push(row);
    unframedCost.push(extra);
    if (!m || typeof m.id !== 'string' || m.id === '') {
      problems.push({ code: 'invalid-input', message: `Maßnahme Nr. ${i + 1} hat keine Kennung.`, measureIds: [] });
      return;
    }
    if (index.has(m.id)) {
      problems.push({ code: 'duplicate-id', message: `Die Maßnahme ${label(m)} ist mehrfach enthalten (Kennung „${m.id}“).`, measureIds: [m.id] });
      return;
    }
    index.set(m.id, i);
    if (!Number.isSafeInteger(m.value) || m.value < 0) {
      problems.push({ code: 'invalid-input', message: `Maßnahme ${label(m)}: Der Nutzwert muss eine nicht negative ganze Zahl sein.`, measureIds: [m.id] });
    }
    if (m.fixed !== undefined && m.fixed !== 'in' && m.fixed !== 'out') {
      problems.push({ code: 'invalid-input', message: `Maßnahme ${label(m)}: Unbekannte Festlegung „${String(m.fixed)}“.`, measureIds: [m.id] });
    }
    if (!Array.isArray(m.dependsOn)) {
      problems.push({ code: 'invalid-input', message: `Maßnahme ${label(m)}: Die Abhängigkeiten fehlen.`, measureIds: [m.id] });
    }
    for (const [k, v] of Object.entries(m.ownShareByYear ?? {})) {
      const y = isYearKey(k);
      if (y === null || !Number.isSafeInteger(v) || v < 0) {
        problems.push({ code: 'invalid-input', message: `Maßnahme ${label(m)}: Der Eigenanteil für „${k}“ muss ein nicht negativer Betrag in ganzen Cent sein.`, measureIds: [m.id] });
        continue;
      }
      if (v === 0) continue;
      const p = yearPos.get(y);
      if (p !== undefined) row[p] += v;
      else {
        extra.push([y, v]);
        let s = unframed.get(y);
        if (!s) { s = new Set(); unframed.set(y, s); }
        s.add(i);
      }
    }
  });

  // --- dependencies
  const pre: number[][] = ms.map(() => []);
  const post: number[][] = ms.map(() => []);
  ms.forEach((m, i) => {
    if (!m || index.get(m.id) !== i || !Array.isArray(m.dependsOn)) return;
    const seen = new Set<number>();
    for (const d of m.dependsOn) {
      const j = index.get(d);
      if (j === undefined) {
        problems.push({ code: 'unknown-dependency', message: `Die Maßnahme ${label(m)} hängt von einer unbekannten Maßnahme ab (Kennung „${String(d)}“).`, measureIds: [m.id] });
        continue;
      }
      if (seen.has(j)) continue;
      seen.add(j);
      pre[i].push(j);
      post[j].push(i);
    }
  });
  problems.push(...findCycles(ms, pre));

  const base: PreparedPlan = {
    measures: ms, n, index, pre, post, frameYears, frameCents, cost, unframedCost,
    rootExcluded: ms.map(() => null), excluded: ms.map(() => false), blockedBy: ms.map(() => []),
    forced: ms.map(() => false), requiredBy: ms.map(() => []), leftAfterForced: frameCents.slice(), problems, warnings,
  };
  if (problems.length > 0) return base;

  const huge = frameCents.some((c) => c > PRECISION_LIMIT_CENTS) || cost.some((row) => row.some((c) => c > PRECISION_LIMIT_CENTS));
  if (huge) {
    warnings.push('Sehr große Beträge (über 1 Mrd. € in einem Jahr) können die Rechengenauigkeit des Optimierers übersteigen: Der Plan wird exakt auf Einhaltung der Rahmen geprüft, ist aber womöglich nicht als bester bewiesen.');
  }
  for (const [y, set] of [...unframed.entries()].sort((a, b) => a[0] - b[0])) {
    warnings.push(`Für ${y} ist kein Haushaltsrahmen gesetzt; der Eigenanteil in diesem Jahr wird nicht begrenzt (betrifft ${codesOf(ms, set)}).`);
  }

  // --- exclusions: fixed out / KO, then everything that needs them
  const order = byCode(ms);
  const queue: number[] = [];
  ms.forEach((m, i) => {
    if (m.fixed === 'out') base.rootExcluded[i] = 'fixed-out';
    else if (m.ko) base.rootExcluded[i] = 'ko';
    if (base.rootExcluded[i]) { base.excluded[i] = true; queue.push(i); }
    if (m.fixed === 'in' && m.ko) {
      problems.push({
        code: 'fixed-in-ko',
        message: `Die Maßnahme ${m.code} ist fest eingeplant, erfüllt aber ein KO-Kriterium nicht${m.koReason ? ` (${m.koReason})` : ''}. Bitte die Festlegung oder die Bewertung prüfen.`,
        measureIds: [m.id],
      });
    }
  });
  for (let q = 0; q < queue.length; q++) {
    const b = queue[q];
    for (const a of post[b]) {
      base.blockedBy[a].push(b);
      if (!base.excluded[a]) { base.excluded[a] = true; queue.push(a); }
    }
  }
  for (const list of base.blockedBy) list.sort(order);

  // --- forced: fixed in plus everything they need (transitively)
  const fixedIn = ms.map((m, i) => (m.fixed === 'in' ? i : -1)).filter((i) => i >= 0).sort(order);
  for (const f of fixedIn) {
    const parent = new Map<number, number>([[f, -1]]);
    const stack = [f];
    while (stack.length > 0) {
      const u = stack.pop() as number;
      if (u !== f && ms[u].fixed !== 'in') base.requiredBy[u].push(f);
      base.forced[u] = true;
      for (const v of pre[u]) if (!parent.has(v)) { parent.set(v, u); stack.push(v); }
    }
    // A fixed-in measure that needs (transitively) a fixed-out or KO measure.
    const roots = [...parent.keys()].filter((u) => base.rootExcluded[u] && !(u === f && ms[f].ko)).sort(order);
    for (const r of roots) {
      const chain: number[] = [];
      for (let u = parent.get(r) as number; u !== f && u !== -1; u = parent.get(u) as number) chain.unshift(u);
      const via = chain.length > 0 ? ` (über ${chain.map((u) => ms[u].code).join(' → ')})` : '';
      const why = base.rootExcluded[r] === 'fixed-out' ? 'von Hand ausgeschlossen ist' : 'ein KO-Kriterium nicht erfüllt';
      problems.push({
        code: 'fixed-in-depends-on-excluded',
        message: r === f
          ? `Die Maßnahme ${ms[f].code} ist zugleich fest eingeplant und ausgeschlossen.`
          : `Die Maßnahme ${ms[f].code} ist fest eingeplant, setzt aber${via} die Maßnahme ${ms[r].code} voraus, die ${why}.`,
        measureIds: [ms[f].id, ...chain.map((u) => ms[u].id), ms[r].id],
      });
    }
  }
  for (const list of base.requiredBy) list.sort(order);

  // --- do the forced measures fit into every year's frame?
  frameYears.forEach((y, p) => {
    let need = 0;
    const who: number[] = [];
    for (let i = 0; i < n; i++) if (base.forced[i] && cost[i][p] > 0) { need += cost[i][p]; who.push(i); }
    base.leftAfterForced[p] = frameCents[p] - need;
    if (need > frameCents[p]) {
      const names = who.sort(order).map((i) => (ms[i].fixed === 'in' ? ms[i].code : `${ms[i].code} (Voraussetzung für ${base.requiredBy[i].map((f) => ms[f].code).join(', ')})`));
      problems.push({
        code: 'fixed-over-frame',
        message: `Im Jahr ${y} übersteigen die fest eingeplanten Maßnahmen den Haushaltsrahmen um ${formatCents(need - frameCents[p])} (benötigt ${formatCents(need)}, Rahmen ${formatCents(frameCents[p])}): ${names.join(', ')}.`,
        measureIds: who.map((i) => ms[i].id),
        year: y,
        overCents: need - frameCents[p],
      });
    }
  });
  return base;
}

/** Tarjan's strongly connected components (iterative); one problem per cycle found. */
function findCycles(ms: readonly PlanMeasure[], pre: readonly number[][]): PlanProblem[] {
  const n = pre.length;
  const idx = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const comps: number[][] = [];
  let counter = 0;
  for (let s = 0; s < n; s++) {
    if (idx[s] !== -1) continue;
    const work: [number, number][] = [[s, 0]];
    idx[s] = low[s] = counter++;
    stack.push(s); onStack[s] = true;
    while (work.length > 0) {
      const top = work[work.length - 1];
      const [u, k] = top;
      if (k < pre[u].length) {
        top[1]++;
        const v = pre[u][k];
        if (idx[v] === -1) {
          idx[v] = low[v] = counter++;
          stack.push(v); onStack[v] = true;
          work.push([v, 0]);
        } else if (onStack[v]) low[u] = Math.min(low[u], idx[v]);
      } else {
        work.pop();
        if (work.length > 0) { const p = work[work.length - 1][0]; low[p] = Math.min(low[p], low[u]); }
        if (low[u] === idx[u]) {
          const comp: number[] = [];
          let v: number;
          do { v = stack.pop() as number; onStack[v] = false; comp.push(v); } while (v !== u);
          if (comp.length > 1 || pre[u].includes(u)) comps.push(comp);
        }
      }
    }
  }
  const order = byCode(ms);
  const out: PlanProblem[] = [];
  for (const comp of comps) {
    comp.sort(order);
    const start = comp[0];
    if (comp.length === 1) {
      out.push({ code: 'cycle', message: `Die Maßnahme ${ms[start].code} hängt von sich selbst ab. Bitte diese Abhängigkeit entfernen.`, measureIds: [ms[start].id] });
      continue;
    }
    // Shortest cycle through `start` inside the component (BFS along "needs" edges).
    const inComp = new Set(comp);
    const parent = new Map<number, number>([[start, -1]]);
    const queue = [start];
    let last = -1;
    for (let q = 0; q < queue.length && last < 0; q++) {
      const u = queue[q];
      for (const v of [...pre[u]].sort(order)) {
        if (!inComp.has(v)) continue;
        if (v === start) { last = u; break; }
        if (!parent.has(v)) { parent.set(v, u); queue.push(v); }
      }
    }
    const cycle: number[] = [];
    for (let u = last; u !== -1; u = parent.get(u) as number) cycle.unshift(u);
    const codes = [...cycle, start].map((i) => ms[i].code);
    const others = comp.length > cycle.length ? ` Ebenfalls in diesem Kreis von Abhängigkeiten: ${codesOf(ms, comp.filter((i) => !cycle.includes(i)))}.` : '';
    out.push({
      code: 'cycle',
      message: `Zirkuläre Abhängigkeit (→ bedeutet „setzt voraus“): ${codes.join(' → ')}. Keine dieser Maßnahmen kann als erste beginnen; bitte eine der Abhängigkeiten entfernen.${others}`,
      measureIds: comp.map((i) => ms[i].id),
    });
  }
  return out;
}

/** The measure plus all its prerequisites (transitively) that are not forced anyway. */
export function freeClosure(p: PreparedPlan, i: number): number[] {
  const seen = new Set<number>([i]);
  const stack = [i];
  while (stack.length > 0) {
    const u = stack.pop() as number;
    for (const v of p.pre[u]) if (!seen.has(v) && !p.forced[v]) { seen.add(v); stack.push(v); }
  }
  return [...seen];
}
