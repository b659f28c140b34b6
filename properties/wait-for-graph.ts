/**
 * A cycle in a wait-for graph (transaction → the transactions it waits for): a deadlock. Shared by
 * the two-phase-locking model's deadlock detector and the transaction-progress property, which
 * names the cycle that remains when a run stops with transactions unfinished. Small graphs only
 * (a recursive depth-first search, visiting nodes and edges in the given, sorted order).
 */

/** The first cycle found, as its nodes in order (each waits for the next, the last for the first), or null. */
export function findWaitCycle(
  nodes: readonly string[],
  waitsFor: (node: string) => readonly string[],
): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (v: string): string[] | null => {
    state.set(v, 'open');
    path.push(v);
    for (const w of waitsFor(v)) {
      const s = state.get(w);
      if (s === 'open') return path.slice(path.indexOf(w));
      if (s === undefined) {
        const found = visit(w);
        if (found !== null) return found;
      }
    }
    path.pop();
    state.set(v, 'done');
    return null;
  };
  for (const v of nodes) {
    if (state.has(v)) continue;
    const found = visit(v);
    if (found !== null) return found;
  }
  return null;
}
