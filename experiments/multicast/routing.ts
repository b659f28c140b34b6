/**
 * Shortest-delay routing: Dijkstra over a graph given as a neighbour function, with a binary heap
 * keyed by (distance, node) so ties go to the lower index and every run is reproducible. Unicast
 * routes, DVMRP's reverse-path tree and Narada's mesh routing all use it.
 */
import type { Underlay } from './underlay.ts';

/** A shortest-path tree: distance from the root, and each node's parent and link toward it. */
export interface Tree {
  readonly root: number;
  readonly dist: Float64Array;
  /** The previous node on the path from the root (−1 at the root and off the tree). */
  readonly parent: Int32Array;
  /** The link from `parent` (an underlay link index, or the mesh's own numbering; −1: none). */
  readonly via: Int32Array;
}

/** Calls `visit(peer, weight, link)` for each neighbour of `node`. */
export type Neighbours = (
  node: number,
  visit: (peer: number, weight: number, link: number) => void,
) => void;

/** Dijkstra from `root` over `n` nodes; a node that cannot be reached has distance Infinity. */
export function shortestPaths(n: number, root: number, neighbours: Neighbours): Tree {
  const dist = new Float64Array(n).fill(Infinity);
  const parent = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const heap = new MinHeap();
  dist[root] = 0;
  heap.push(0, root);
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (done[u] === 1) continue;
    done[u] = 1;
    neighbours(u, (v, w, link) => {
      const nd = d + w;
      if (done[v] === 0 && nd < dist[v]!) {
        dist[v] = nd;
        parent[v] = u;
        via[v] = link;
        heap.push(nd, v);
      }
    });
  }
  return { root, dist, parent, via };
}

/** The underlay's shortest-delay tree from router `root`. */
export function routerTree(u: Underlay, root: number): Tree {
  return shortestPaths(u.routers, root, (r, visit) => {
    for (let k = u.start[r]!; k < u.start[r + 1]!; k++) {
      const link = u.link[k]!;
      visit(u.peer[k]!, u.links[link]!.delay, link);
    }
  });
}

/** The links from the tree's root to `node`, node end first (empty when node is the root). */
export function pathLinks(tree: Tree, node: number): number[] {
  const out: number[] = [];
  for (let x = node; x !== tree.root && tree.parent[x]! >= 0; x = tree.parent[x]!) {
    out.push(tree.via[x]!);
  }
  return out;
}

/** A binary min-heap of (key, node) pairs, ties by node. */
export class MinHeap {
  private readonly keys: number[] = [];
  private readonly nodes: number[] = [];

  /** Entries held. */
  get size(): number {
    return this.keys.length;
  }

  /** Adds an entry. */
  push(key: number, node: number): void {
    const { keys, nodes } = this;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Removes and returns the least entry (the heap must not be empty). */
  pop(): [number, number] {
    const { keys, nodes } = this;
    const top: [number, number] = [keys[0]!, nodes[0]!];
    const lastKey = keys.pop()!;
    const lastNode = nodes.pop()!;
    if (keys.length > 0) {
      keys[0] = lastKey;
      nodes[0] = lastNode;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < keys.length && this.less(l, m)) m = l;
        if (r < keys.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private less(i: number, j: number): boolean {
    const a = this.keys[i]!;
    const b = this.keys[j]!;
    return a < b || (a === b && this.nodes[i]! < this.nodes[j]!);
  }

  private swap(i: number, j: number): void {
    const { keys, nodes } = this;
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
  }
}
