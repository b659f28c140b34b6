/**
 * Finds one dependency cycle in a strongly connected component and names it. Elle's approach
 * (Kingsbury & Alvaro 2020): look for the most severe cycle first, in subgraphs of
 * growing edge sets: write-write only (G0), then write-write and write-read (G1c), then exactly one
 * anti-dependency (G-single: for an rw edge a→b, a path from b back to a without rw edges), then
 * anti-dependencies never two in a row (G-nonadjacent, which snapshot isolation also rules out),
 * then any (G2-item); and only then the same with per-client order edges (the `-process` names),
 * then with real-time edges too (`-realtime`). The found cycle is named by the edges it actually
 * has.
 */
import { PROCESS, REALTIME, RW, WR, WW } from './anomaly.ts';
import type { DependencyGraph } from './dependency-graph.ts';
import type { Components } from './tarjan.ts';

/** A cycle: its edges in order (indices into the graph's edge arrays) and each edge's source. */
export interface FoundCycle {
  /** Edge indices, in cycle order. */
  readonly edges: readonly number[];
  /** The source node of each edge (its target is the next edge's source). */
  readonly sources: readonly number[];
}

/** How many rw edges of one component the G-single search tries before settling for G2. */
const SINGLE_RW_TRIES = 64;

/** How a search looks: any cycle, exactly one rw edge, or rw edges never two in a row. */
type Shape = 'any' | 'single' | 'nonadjacent';

/** The edge sets searched, most severe first. */
const SEARCHES: readonly { readonly mask: number; readonly shape: Shape }[] = [
  0,
  PROCESS,
  PROCESS | REALTIME,
].flatMap((extra) => [
  { mask: WW | extra, shape: 'any' as const },
  { mask: WW | WR | extra, shape: 'any' as const },
  { mask: WW | WR | extra, shape: 'single' as const },
  { mask: WW | WR | RW | extra, shape: 'nonadjacent' as const },
  { mask: WW | WR | RW | extra, shape: 'any' as const },
]);

/** Cycle searches over one graph, sharing scratch arrays (visits are told apart by a stamp). */
export class CycleSearch {
  private readonly mark: Int32Array;
  private readonly onPath: Int32Array;
  private readonly parentEdge: Int32Array;
  private readonly parentNode: Int32Array;
  private readonly nodeStack: Int32Array;
  private readonly edgeStack: Int32Array;
  private stamp = 0;

  /** Searches over `g`, whose components are `components`. */
  constructor(
    private readonly g: DependencyGraph,
    private readonly components: Components,
  ) {
    const n = g.nodeCount;
    this.mark = new Int32Array(n);
    this.onPath = new Int32Array(n);
    this.parentEdge = new Int32Array(n);
    this.parentNode = new Int32Array(n);
    this.nodeStack = new Int32Array(n);
    this.edgeStack = new Int32Array(n);
  }

  /** The most severe cycle of component `c` (which must have two or more nodes). */
  mostSevere(c: number): FoundCycle {
    for (const { mask, shape } of SEARCHES) {
      const found =
        shape === 'single'
          ? this.singleRwCycle(c, mask)
          : shape === 'nonadjacent'
            ? this.nonadjacentCycle(c, mask)
            : this.anyCycle(c, mask);
      if (found !== null) return rotated(found);
    }
    throw new Error('a strongly connected component without a cycle');
  }

  /**
   * A simple cycle inside component `c` over edges in `mask` with no two rw edges in a row (the
   * last and first edges count as in a row), or null: a depth-first search over (transaction,
   * entered by rw) states finds a closed walk, which is then cut down to a simple cycle.
   */
  nonadjacentCycle(c: number, mask: number): FoundCycle | null {
    const { offsets, target, kind } = this.g;
    const { comp, members, start } = this.components;
    const n = this.g.nodeCount;
    this.pair ??= {
      mark: new Int32Array(2 * n),
      onPath: new Int32Array(2 * n),
      nodes: new Int32Array(2 * n),
      edges: new Int32Array(2 * n),
    };
    const { mark, onPath, nodes, edges: next } = this.pair;
    const stamp = ++this.stamp;
    for (let m = start[c]!; m < start[c + 1]!; m++) {
      const root = 2 * members[m]!;
      if (mark[root] === stamp) continue;
      mark[root] = stamp;
      onPath[root] = stamp;
      nodes[0] = root;
      next[0] = offsets[root >> 1]!;
      let depth = 1;
      while (depth > 0) {
        const p = nodes[depth - 1]!;
        const v = p >> 1;
        const e = next[depth - 1]!;
        if (e >= offsets[v + 1]!) {
          onPath[p] = 0;
          depth--;
          continue;
        }
        next[depth - 1] = e + 1;
        const w = target[e]!;
        const k = kind[e]!;
        if ((k & mask) === 0 || comp[w] !== c || (k === RW && (p & 1) === 1)) continue;
        const q = 2 * w + (k === RW ? 1 : 0);
        if (onPath[q] === stamp) {
          let i = depth - 1;
          while (nodes[i] !== q) i--;
          const walk: number[] = [];
          for (; i < depth - 1; i++) walk.push(next[i]! - 1);
          walk.push(e);
          return simpleNonadjacent(this.g, walk);
        }
        if (mark[q] === stamp) continue;
        mark[q] = stamp;
        onPath[q] = stamp;
        nodes[depth] = q;
        next[depth] = offsets[w]!;
        depth++;
      }
    }
    return null;
  }

  /** Scratch arrays of the nonadjacent search, over (transaction, entered by rw) states. */
  private pair?: { mark: Int32Array; onPath: Int32Array; nodes: Int32Array; edges: Int32Array };

  /** A cycle inside component `c` using only edges whose kind is in `mask` (a DFS), or null. */
  anyCycle(c: number, mask: number): FoundCycle | null {
    const { offsets, target, kind } = this.g;
    const { comp, members, start } = this.components;
    const stamp = ++this.stamp;
    for (let m = start[c]!; m < start[c + 1]!; m++) {
      const root = members[m]!;
      if (this.mark[root] === stamp) continue;
      this.mark[root] = stamp;
      this.onPath[root] = stamp;
      this.nodeStack[0] = root;
      this.edgeStack[0] = offsets[root]!;
      let depth = 1;
      while (depth > 0) {
        const v = this.nodeStack[depth - 1]!;
        const e = this.edgeStack[depth - 1]!;
        if (e >= offsets[v + 1]!) {
          this.onPath[v] = 0;
          depth--;
          continue;
        }
        this.edgeStack[depth - 1] = e + 1;
        const w = target[e]!;
        if ((kind[e]! & mask) === 0 || comp[w] !== c) continue;
        if (this.onPath[w] === stamp) return this.pathCycle(w, depth, e, v);
        if (this.mark[w] === stamp) continue;
        this.mark[w] = stamp;
        this.onPath[w] = stamp;
        this.nodeStack[depth] = w;
        this.edgeStack[depth] = offsets[w]!;
        depth++;
      }
    }
    return null;
  }

  /**
   * A cycle inside component `c` with exactly one rw edge, the rest from `mask` (a BFS from each
   * rw edge's target back to its source), or null. Tries at most SINGLE_RW_TRIES rw edges.
   */
  singleRwCycle(c: number, mask: number): FoundCycle | null {
    const { offsets, target, kind } = this.g;
    const { comp, members, start } = this.components;
    let tries = 0;
    for (let m = start[c]!; m < start[c + 1]!; m++) {
      const u = members[m]!;
      for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
        if (kind[e] !== RW || comp[target[e]!] !== c) continue;
        if (tries++ >= SINGLE_RW_TRIES) return null;
        const path = this.shortestPath(target[e]!, u, c, mask);
        if (path !== null) return { edges: [e, ...path.edges], sources: [u, ...path.sources] };
      }
    }
    return null;
  }

  /** The shortest path from `from` to `to` inside component `c` over edges in `mask`, or null. */
  private shortestPath(from: number, to: number, c: number, mask: number): FoundCycle | null {
    const { offsets, target, kind } = this.g;
    const { comp } = this.components;
    const stamp = ++this.stamp;
    const queue = this.nodeStack;
    let head = 0;
    let tail = 0;
    queue[tail++] = from;
    this.mark[from] = stamp;
    while (head < tail) {
      const x = queue[head++]!;
      if (x === to) {
        const edges: number[] = [];
        const sources: number[] = [];
        for (let y = to; y !== from; y = this.parentNode[y]!) {
          edges.push(this.parentEdge[y]!);
          sources.push(this.parentNode[y]!);
        }
        return { edges: edges.reverse(), sources: sources.reverse() };
      }
      for (let e = offsets[x]!; e < offsets[x + 1]!; e++) {
        const y = target[e]!;
        if ((kind[e]! & mask) === 0 || comp[y] !== c || this.mark[y] === stamp) continue;
        this.mark[y] = stamp;
        this.parentEdge[y] = e;
        this.parentNode[y] = x;
        queue[tail++] = y;
      }
    }
    return null;
  }

  /** The cycle closed by edge `e` (from `v`) back to `w`, which is on the DFS path. */
  private pathCycle(w: number, depth: number, e: number, v: number): FoundCycle {
    let i = depth - 1;
    while (this.nodeStack[i] !== w) i--;
    const edges: number[] = [];
    const sources: number[] = [];
    for (; i < depth - 1; i++) {
      edges.push(this.edgeStack[i]! - 1);
      sources.push(this.nodeStack[i]!);
    }
    edges.push(e);
    sources.push(v);
    return { edges, sources };
  }
}

/** The cycle starting from its smallest node, so that reports do not depend on search order. */
function rotated(cycle: FoundCycle): FoundCycle {
  const { edges, sources } = cycle;
  let first = 0;
  for (let i = 1; i < sources.length; i++) if (sources[i]! < sources[first]!) first = i;
  return {
    edges: [...edges.slice(first), ...edges.slice(0, first)],
    sources: [...sources.slice(first), ...sources.slice(0, first)],
  };
}

/** Whether two rw edges follow one another in a cyclic sequence of edge kinds. */
function rwAdjacent(kinds: readonly number[]): boolean {
  return kinds.some((k, i) => k === RW && kinds[(i + 1) % kinds.length] === RW);
}

/**
 * A simple cycle with no two rw edges in a row, cut out of a closed walk (edge indices) that has
 * none: at a repeated transaction the walk splits in two closed walks, and one of them keeps the
 * property (if both junctions joined two rw edges, the walk itself would have had a pair).
 */
function simpleNonadjacent(g: DependencyGraph, walk: readonly number[]): FoundCycle {
  const sourceOf = (e: number) => {
    let lo = 0;
    let hi = g.nodeCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (g.offsets[mid]! <= e) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let edges = [...walk];
  for (;;) {
    const sources = edges.map(sourceOf);
    const firstAt = new Map<number, number>();
    let split: [number, number] | null = null;
    for (let j = 0; j < sources.length && split === null; j++) {
      const i = firstAt.get(sources[j]!);
      if (i === undefined) firstAt.set(sources[j]!, j);
      else split = [i, j];
    }
    if (split === null) return { edges, sources };
    const [i, j] = split;
    const inner = edges.slice(i, j);
    const outer = [...edges.slice(j), ...edges.slice(0, i)];
    edges = rwAdjacent(inner.map((e) => g.kind[e]!)) ? outer : inner;
  }
}

/** Adya's (Elle's) name for a cycle with these edge kinds, in cycle order (see anomaly.ts). */
export function cycleName(kinds: readonly number[]): string {
  let rw = 0;
  let wr = 0;
  let process = false;
  let realtime = false;
  for (const k of kinds) {
    if (k === RW) rw++;
    else if (k === WR) wr++;
    else if (k === PROCESS) process = true;
    else if (k === REALTIME) realtime = true;
  }
  const base =
    rw === 0
      ? wr === 0
        ? 'G0'
        : 'G1c'
      : rw === 1
        ? 'G-single'
        : rwAdjacent(kinds)
          ? 'G2-item'
          : 'G-nonadjacent';
  return realtime ? `${base}-realtime` : process ? `${base}-process` : base;
}
