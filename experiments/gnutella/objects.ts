/**
 * Objects, queries and replication, as Lv et al. (ICS 2002) and Cohen and Shenker (SIGCOMM 2002)
 * set them: m objects queried with a Zipf-like distribution q_i ∝ i^-α; object i is held by r_i
 * distinct random nodes, with r_i uniform (every object alike), proportional to q_i, or
 * proportional to √q_i (square-root, the allocation that minimises the expected search size of a
 * random probe), scaled so that the copies average `ratio` × n per object (at least one copy each,
 * at most n).
 */
import type { Rng } from '../rng.ts';

/** The replication strategies. */
export const REPLICATIONS = ['uniform', 'proportional', 'square-root'] as const;

/** A replication strategy's name. */
export type Replication = (typeof REPLICATIONS)[number];

/** The Zipf-like query distribution over m objects: q_i ∝ i^-alpha (object 0 the most popular). */
export function zipf(m: number, alpha: number): Float64Array {
  const q = new Float64Array(m);
  let sum = 0;
  for (let i = 0; i < m; i++) sum += q[i] = (i + 1) ** -alpha;
  for (let i = 0; i < m; i++) q[i]! /= sum;
  return q;
}

/**
 * The number of copies of each object: shares ∝ 1, q_i or √q_i of `ratio` × n × m copies in all,
 * each rounded (at least 1, at most n).
 */
export function copies(
  q: Float64Array,
  strategy: Replication,
  n: number,
  ratio: number,
): Uint32Array {
  const m = q.length;
  const share = q.map((qi) =>
    strategy === 'uniform' ? 1 : strategy === 'proportional' ? qi : Math.sqrt(qi),
  );
  const total = share.reduce((a, b) => a + b, 0);
  return Uint32Array.from(share, (s) =>
    Math.min(n, Math.max(1, Math.round((s / total) * ratio * n * m))),
  );
}

/** Where the copies are: object o is held by `holders[start[o] .. start[o + 1])`. */
export interface Placement {
  readonly start: Uint32Array;
  readonly holders: Uint32Array;
}

/** Places `count[o]` copies of each object on distinct nodes drawn uniformly from n. */
export function place(count: Uint32Array, n: number, rng: Rng): Placement {
  const start = new Uint32Array(count.length + 1);
  for (let o = 0; o < count.length; o++) start[o + 1] = start[o]! + count[o]!;
  const holders = new Uint32Array(start[count.length]!);
  // A partial Fisher–Yates shuffle of one permutation per object (it stays a permutation).
  const perm = new Uint32Array(n);
  for (let v = 0; v < n; v++) perm[v] = v;
  for (let o = 0; o < count.length; o++) {
    for (let k = 0; k < count[o]!; k++) {
      const j = k + rng.int(n - k);
      const t = perm[k]!;
      perm[k] = perm[j]!;
      perm[j] = t;
      holders[start[o]! + k] = perm[k]!;
    }
  }
  return { start, holders };
}

/** Draws objects from a distribution by inverting its cumulative sum (a binary search). */
export class ObjectSampler {
  private readonly cumulative: Float64Array;

  /** A sampler of `q` (which sums to 1). */
  constructor(q: Float64Array) {
    this.cumulative = new Float64Array(q.length);
    let sum = 0;
    for (let i = 0; i < q.length; i++) this.cumulative[i] = sum += q[i]!;
  }

  /** An object index drawn with probability q_i. */
  draw(rng: Rng): number {
    const c = this.cumulative;
    const r = rng.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
