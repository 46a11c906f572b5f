// Dependencies between measures ("M-2.01 can only start when M-5.01 is done") form a directed
// graph that must stay free of cycles, or no measure in the cycle could ever start.

/**
 * If `measureId` depending on `dependsOnIds` (replacing its current edges) closes a cycle, the
 * cycle as a path of ids starting and ending at `measureId`; else null.
 */
export function findCycle(edges: readonly { measureId: string; dependsOnId: string }[], measureId: string, dependsOnIds: readonly string[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.measureId === measureId) continue;
    const list = next.get(e.measureId);
    if (list) list.push(e.dependsOnId);
    else next.set(e.measureId, [e.dependsOnId]);
  }
  next.set(measureId, [...dependsOnIds]);
  // Depth-first search from measureId, remembering how each node was reached.
  const cameFrom = new Map<string, string>();
  const stack = [measureId];
  const seen = new Set<string>([measureId]);
  while (stack.length) {
    const node = stack.pop()!;
    for (const to of next.get(node) ?? []) {
      if (to === measureId) {
        const path = [measureId];
        for (let n: string | undefined = node; n !== undefined && n !== measureId; n = cameFrom.get(n)) path.splice(1, 0, n);
        path.push(measureId);
        return path;
      }
      if (seen.has(to)) continue;
      seen.add(to);
      cameFrom.set(to, node);
      stack.push(to);
    }
  }
  return null;
}
