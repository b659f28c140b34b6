/**
 * Small directed-graph helpers for models and properties alike (a wait-for graph's deadlock is a
 * cycle). Deterministic whatever order the caller lists things in: nodes and successors are
 * visited sorted (numbers numerically, strings by code unit), so a model's state and a property's
 * verdict never depend on the order in which something was built.
 */

/** A graph node: a name or an index. */
export type GraphNode = string | number;

const ascending = <N extends GraphNode>(a: N, b: N) => (a < b ? -1 : a > b ? 1 : 0);

/** The distinct values of `items`, sorted. */
const sortedSet = <N extends GraphNode>(items: Iterable<N>): N[] =>
  [...new Set(items)].sort(ascending);

/**
 * The first cycle a depth-first search finds, starting from `nodes` in sorted order and following
 * each node's sorted `successors` (successors need not be listed in `nodes`), as its nodes in
 * order: each has an edge to the next, the last to the first. Null if the graph reachable from
 * `nodes` has no cycle. Iterative, so a long chain does not exhaust the stack.
 */
export function findCycle<N extends GraphNode>(
  nodes: Iterable<N>,
  successors: (node: N) => Iterable<N>,
): N[] | null {
  const done = new Set<N>();
  const onPath = new Map<N, number>();
  const path: N[] = [];
  const pending: N[][] = [];
  for (const root of sortedSet(nodes)) {
    if (done.has(root)) continue;
    onPath.set(root, 0);
    path.push(root);
    pending.push(sortedSet(successors(root)).reverse());
    while (path.length > 0) {
      const next = pending[pending.length - 1]!.pop();
      if (next === undefined) {
        const finished = path.pop()!;
        pending.pop();
        onPath.delete(finished);
        done.add(finished);
        continue;
      }
      const at = onPath.get(next);
      if (at !== undefined) return path.slice(at);
      if (done.has(next)) continue;
      onPath.set(next, path.length);
      path.push(next);
      pending.push(sortedSet(successors(next)).reverse());
    }
  }
  return null;
}
