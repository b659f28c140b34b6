/**
 * Strongly connected components by Tarjan's algorithm (SIAM J. Computing 1(2), 1972), iterative
 * (an explicit call stack: a million-transaction history would overflow the JavaScript stack) over
 * typed arrays. A component of two or more transactions holds a dependency cycle.
 */
import { IntColumn } from './columns.ts';
import type { DependencyGraph } from './dependency-graph.ts';

/** The components: `comp` per node, and the nodes grouped by component. */
export interface Components {
  /** Component id per node. */
  readonly comp: Int32Array;
  /** Nodes grouped by component: component c's are `members[start[c]]` to `members[start[c + 1] - 1]`. */
  readonly members: Int32Array;
  /** Where each component's nodes begin in `members` (length count + 1). */
  readonly start: Int32Array;
  /** Number of components. */
  readonly count: number;
}

/** The strongly connected components of `g`. */
export function stronglyConnectedComponents(g: DependencyGraph): Components {
  const n = g.nodeCount;
  const { offsets, target } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const comp = new Int32Array(n);
  const members = new Int32Array(n);
  const start = new IntColumn(1024);
  let sp = 0;
  let next = 0;
  let placed = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    if (offsets[root] === offsets[root + 1]) {
      // No outgoing edge: a component of its own (the common case, taken without the stack).
      index[root] = next++;
      comp[root] = count++;
      start.push(placed);
      members[placed++] = root;
      continue;
    }
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    callNode[0] = root;
    callEdge[0] = offsets[root]!;
    let csp = 1;
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const e = callEdge[csp - 1]!;
      if (e < offsets[v + 1]!) {
        callEdge[csp - 1] = e + 1;
        const w = target[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[csp] = w;
          callEdge[csp] = offsets[w]!;
          csp++;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      csp--;
      if (low[v] === index[v]) {
        start.push(placed);
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = count;
          members[placed++] = w;
        } while (w !== v);
        count++;
      }
      if (csp > 0) {
        const u = callNode[csp - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
    }
  }
  start.push(placed);
  return { comp, members, start: start.view(), count };
}
