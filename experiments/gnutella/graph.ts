/**
 * Overlay topologies for the Gnutella simulator, as compressed sparse rows (CSR): node v's
 * neighbours are `targets[offsets[v] .. offsets[v + 1])`, sorted, without self-loops or repeats
 * (an undirected graph: each link appears at both ends). The generators follow Lv, Cao, Cohen, Li
 * and Shenker (ICS 2002): a random graph (Erdős–Rényi), a power-law random graph (PLRG, Aiello,
 * Chung and Lu), a small world (Watts–Strogatz) and a 2-D grid. Every generator returns a connected
 * graph: the paper took the largest connected component; we keep the node count the user asked for
 * and join each smaller component to the largest by one link (`joined` says how many).
 */
import type { Rng } from '../rng.ts';

/** An undirected graph in CSR form. */
export interface Graph {
  /** Number of nodes. */
  readonly n: number;
  /** `offsets[v]` is where node v's neighbours start in `targets`; `offsets[n]` = 2 × links. */
  readonly offsets: Uint32Array;
  /** Neighbours, grouped by node, each group sorted. */
  readonly targets: Uint32Array;
  /** Links added to join smaller components to the largest (0 when the generator's was connected). */
  readonly joined: number;
}

/** The topologies the simulator generates. */
export const TOPOLOGIES = ['random', 'power-law', 'small-world', 'grid'] as const;

/** A topology's name. */
export type Topology = (typeof TOPOLOGIES)[number];

/** Node v's degree. */
export function degree(g: Graph, v: number): number {
  return g.offsets[v + 1]! - g.offsets[v]!;
}

/** Collects links (u, v), u ≠ v, in growable typed arrays; repeats are removed when built. */
class Links {
  from = new Uint32Array(1024);
  to = new Uint32Array(1024);
  count = 0;

  add(u: number, v: number): void {
    if (u === v) return;
    if (this.count === this.from.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.from = grow(this.from);
      this.to = grow(this.to);
    }
    this.from[this.count] = u;
    this.to[this.count] = v;
    this.count++;
  }
}

/** The CSR graph of `links` on `n` nodes (both directions, sorted, repeats dropped). */
function build(n: number, links: Links, joined = 0): Graph {
  const deg = new Uint32Array(n + 1);
  for (let i = 0; i < links.count; i++) {
    deg[links.from[i]!]!++;
    deg[links.to[i]!]!++;
  }
  const offsets = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + deg[v]!;
  const fill = offsets.slice(0, n);
  const raw = new Uint32Array(offsets[n]!);
  for (let i = 0; i < links.count; i++) {
    const u = links.from[i]!;
    const v = links.to[i]!;
    raw[fill[u]!++] = v;
    raw[fill[v]!++] = u;
  }
  // Sort each node's list and drop repeats, compacting in place.
  const out = new Uint32Array(n + 1);
  let w = 0;
  for (let v = 0; v < n; v++) {
    const list = raw.subarray(offsets[v]!, offsets[v + 1]!).sort();
    out[v] = w;
    for (let i = 0; i < list.length; i++) {
      if (i > 0 && list[i] === list[i - 1]) continue;
      raw[w++] = list[i]!;
    }
  }
  out[n] = w;
  return { n, offsets: out, targets: raw.slice(0, w), joined };
}

/** The graph of `n` nodes and the links listed (self-loops and repeats dropped; not joined). */
export function graphOf(n: number, pairs: readonly (readonly [number, number])[]): Graph {
  const links = new Links();
  for (const [u, v] of pairs) links.add(u, v);
  return build(n, links);
}

/** Each node's component label (the smallest node in it), by breadth-first search. */
export function components(g: Graph): Int32Array {
  const label = new Int32Array(g.n).fill(-1);
  const queue = new Uint32Array(g.n);
  for (let s = 0; s < g.n; s++) {
    if (label[s] !== -1) continue;
    label[s] = s;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++]!;
      for (let i = g.offsets[v]!; i < g.offsets[v + 1]!; i++) {
        const w = g.targets[i]!;
        if (label[w] === -1) {
          label[w] = s;
          queue[tail++] = w;
        }
      }
    }
  }
  return label;
}

/**
 * `g` made connected: each component but the largest gets one link from its smallest node to a
 * random node of the largest (ties between largest components go to the one with the smaller
 * label). Returns `g` itself when it is already connected.
 */
function connect(g: Graph, links: Links, rng: Rng): Graph {
  const label = components(g);
  const size = new Uint32Array(g.n);
  for (let v = 0; v < g.n; v++) size[label[v]!]!++;
  let giant = 0;
  for (let v = 0; v < g.n; v++) if (size[v]! > size[giant]!) giant = v;
  if (size[giant] === g.n) return g;
  const members: number[] = [];
  for (let v = 0; v < g.n; v++) if (label[v] === giant) members.push(v);
  let joined = 0;
  for (let v = 0; v < g.n; v++) {
    if (label[v] !== v || v === giant) continue; // v is the smallest node of another component
    links.add(v, members[rng.int(members.length)]!);
    joined++;
  }
  return build(g.n, links, joined);
}

/** Erdős–Rényi G(n, M): M = n × avgDegree / 2 distinct links drawn uniformly, then joined. */
export function randomGraph(n: number, avgDegree: number, rng: Rng): Graph {
  const target = Math.min(Math.round((n * avgDegree) / 2), (n * (n - 1)) / 2);
  const links = new Links();
  const seen = new Set<number>();
  while (links.count < target) {
    const u = rng.int(n);
    const v = rng.int(n);
    if (u === v) continue;
    const key = u < v ? u * n + v : v * n + u;
    if (seen.has(key)) continue;
    seen.add(key);
    links.add(u, v);
  }
  return connect(build(n, links), links, rng);
}

/** The rank exponent of the power-law degrees: degree ∝ rank^-0.8 (Faloutsos et al. 1999). */
export const RANK_EXPONENT = 0.8;

/**
 * A power-law random graph (PLRG): node i (by rank) wants degree ∝ (i + 1)^-0.8, scaled to the
 * average degree and rounded at random (at least 1, at most n − 1); the stubs are paired at random
 * (the configuration model); self-loops and repeated links are dropped, then the graph is joined.
 * At 10,000 nodes and average 4 this gives a median degree of 1 or 2 and a maximum near 1,000, as
 * the paper's PLRG (9,230 nodes, average 4.46, median 1, maximum 1,746).
 */
export function powerLawGraph(n: number, avgDegree: number, rng: Rng): Graph {
  let sum = 0;
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) sum += weight[i] = (i + 1) ** -RANK_EXPONENT;
  const scale = (n * avgDegree) / sum;
  const wanted = new Uint32Array(n);
  let stubs = 0;
  for (let i = 0; i < n; i++) {
    const w = weight[i]! * scale;
    const d = Math.floor(w) + (rng.next() < w - Math.floor(w) ? 1 : 0);
    stubs += wanted[i] = Math.min(n - 1, Math.max(1, d));
  }
  const pool = new Uint32Array(stubs);
  for (let v = 0, k = 0; v < n; v++) for (let j = 0; j < wanted[v]!; j++) pool[k++] = v;
  for (let i = stubs - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  const links = new Links();
  for (let i = 0; i + 1 < stubs; i += 2) links.add(pool[i]!, pool[i + 1]!);
  return connect(build(n, links), links, rng);
}

/** The rewiring probability of the small world (Watts and Strogatz's "small-world" regime). */
export const REWIRE = 0.1;

/**
 * A Watts–Strogatz small world: a ring lattice where each node links to its ⌊avgDegree / 2⌋
 * nearest nodes on each side, each link's far end rewired to a random node with probability 0.1
 * (never a self-loop or a repeat), then joined.
 */
export function smallWorldGraph(n: number, avgDegree: number, rng: Rng): Graph {
  const half = Math.max(1, Math.floor(avgDegree / 2));
  const links = new Links();
  const seen = new Set<number>();
  const key = (u: number, v: number) => (u < v ? u * n + v : v * n + u);
  for (let v = 0; v < n; v++) for (let d = 1; d <= half; d++) seen.add(key(v, (v + d) % n));
  for (let v = 0; v < n; v++) {
    for (let d = 1; d <= half; d++) {
      let w = (v + d) % n;
      if (rng.next() < REWIRE) {
        const to = rng.int(n);
        if (to !== v && !seen.has(key(v, to))) {
          seen.delete(key(v, w));
          seen.add(key(v, to));
          w = to;
        }
      }
      links.add(v, w);
    }
  }
  return connect(build(n, links), links, rng);
}

/** The grid's shape for n nodes: ⌊√n⌋ rows of ⌈n / rows⌉ columns, the last row possibly short. */
export function gridShape(n: number): { rows: number; cols: number } {
  const rows = Math.max(1, Math.floor(Math.sqrt(n)));
  return { rows, cols: Math.ceil(n / rows) };
}

/** A 2-D grid (no wrap-around): node i at row ⌊i / cols⌋, column i mod cols; degree 2 to 4. */
export function gridGraph(n: number): Graph {
  const { cols } = gridShape(n);
  const links = new Links();
  for (let v = 0; v < n; v++) {
    if ((v % cols) + 1 < cols && v + 1 < n) links.add(v, v + 1);
    if (v + cols < n) links.add(v, v + cols);
  }
  return build(n, links);
}

/** The topology `name` on `n` nodes with the average degree asked (the grid's is fixed). */
export function makeGraph(name: Topology, n: number, avgDegree: number, rng: Rng): Graph {
  switch (name) {
    case 'random':
      return randomGraph(n, avgDegree, rng);
    case 'power-law':
      return powerLawGraph(n, avgDegree, rng);
    case 'small-world':
      return smallWorldGraph(n, avgDegree, rng);
    case 'grid':
      return gridGraph(n);
  }
}

/** A graph's degree statistics, as the paper's table of topologies gives them. */
export interface DegreeStats {
  readonly nodes: number;
  readonly links: number;
  readonly mean: number;
  readonly median: number;
  readonly max: number;
  readonly joined: number;
}

/** The degree statistics of `g`. */
export function degreeStats(g: Graph): DegreeStats {
  const degrees = new Uint32Array(g.n);
  for (let v = 0; v < g.n; v++) degrees[v] = degree(g, v);
  degrees.sort();
  const links = g.offsets[g.n]! / 2;
  return {
    nodes: g.n,
    links,
    mean: Math.round(((2 * links) / g.n) * 100) / 100,
    median: degrees[g.n >> 1]!,
    max: degrees[g.n - 1]!,
    joined: g.joined,
  };
}
