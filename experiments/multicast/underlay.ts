/**
 * Router graphs for the multicast experiment: Waxman's random graph (Waxman 1988) and a GT-ITM
 * style transit-stub graph, each with a delay on every link and the routers where member hosts may
 * attach (the edge: stub routers, or the lower-degree half of a Waxman graph). Both are
 * deterministic for a seed and made connected deterministically.
 */
import { Rng } from '../rng.ts';

/** A router link: its ends, its one-way delay (ms) and its TTL scope threshold (as DVMRP's). */
export interface Link {
  readonly a: number;
  readonly b: number;
  readonly delay: number;
  /** The decremented TTL a packet needs to cross it: 1 inside a site, 32 at a site boundary. */
  readonly threshold: number;
}

/** A router graph with adjacency in compressed arrays (neighbours of r: start[r]..start[r+1]). */
export interface Underlay {
  readonly kind: Topology;
  readonly routers: number;
  readonly links: readonly Link[];
  /** Offsets into `peer`, `link` per router (length routers + 1). */
  readonly start: Int32Array;
  /** The neighbour at each adjacency slot. */
  readonly peer: Int32Array;
  /** The link index at each adjacency slot. */
  readonly link: Int32Array;
  /** Routers that member hosts attach to, ascending. */
  readonly edge: readonly number[];
}

/** The generators' names. */
export const TOPOLOGIES = ['waxman', 'transit-stub'] as const;

/** A generator's name. */
export type Topology = (typeof TOPOLOGIES)[number];

/** The TTL threshold of a link inside a site, and of a stub domain's link to its transit router. */
export const SUBNET_THRESHOLD = 1;
/** The conventional site boundary (a stub domain is a site). */
export const SITE_THRESHOLD = 32;

/** The graph with its adjacency arrays; `edge` lists the routers hosts attach to. */
export function underlayOf(
  kind: Topology,
  routers: number,
  links: readonly Link[],
  edge: readonly number[],
): Underlay {
  const degree = new Int32Array(routers);
  for (const l of links) {
    degree[l.a]!++;
    degree[l.b]!++;
  }
  const start = new Int32Array(routers + 1);
  for (let r = 0; r < routers; r++) start[r + 1] = start[r]! + degree[r]!;
  const fill = start.slice(0, routers);
  const peer = new Int32Array(2 * links.length);
  const link = new Int32Array(2 * links.length);
  links.forEach((l, i) => {
    for (const [x, y] of [
      [l.a, l.b],
      [l.b, l.a],
    ] as const) {
      const at = fill[x]!++;
      peer[at] = y;
      link[at] = i;
    }
  });
  return { kind, routers, links, start, peer, link, edge: [...edge].sort((x, y) => x - y) };
}

/** Each router's number of links. */
export function degrees(u: Underlay): number[] {
  return Array.from({ length: u.routers }, (_, r) => u.start[r + 1]! - u.start[r]!);
}

/** The size of each connected component, largest first. */
export function components(u: Underlay): number[] {
  const seen = new Uint8Array(u.routers);
  const sizes: number[] = [];
  for (let s = 0; s < u.routers; s++) {
    if (seen[s] === 1) continue;
    seen[s] = 1;
    const stack = [s];
    let size = 0;
    while (stack.length > 0) {
      const r = stack.pop()!;
      size++;
      for (let k = u.start[r]!; k < u.start[r + 1]!; k++) {
        const p = u.peer[k]!;
        if (seen[p] === 0) {
          seen[p] = 1;
          stack.push(p);
        }
      }
    }
    sizes.push(size);
  }
  return sizes.sort((a, b) => b - a);
}

/** Waxman's knobs: alpha is derived from the wanted mean degree unless given. */
export interface WaxmanShape {
  readonly routers: number;
  /** Locality: the edge probability decays over beta times the longest distance. */
  readonly beta: number;
  /** The mean degree aimed at (alpha is scaled to give it, at most 1). */
  readonly meanDegree: number;
  /** The delay of the longest possible link (the plane's diagonal), ms. */
  readonly maxDelay: number;
}

/** Narada's Waxman graphs had 1024 routers and 3145 links: a mean degree of about 6. */
export const WAXMAN_DEFAULTS = { beta: 0.15, meanDegree: 6, maxDelay: 100 } as const;

/**
 * Waxman's graph: routers uniform in the unit square, each pair linked with probability
 * alpha·exp(−d/(beta·L)) (L the longest distance between two routers), delay proportional to d.
 * Alpha is chosen so the expected mean degree is `meanDegree`. Then, deterministically, each
 * component other than router 0's is joined to it by the shortest link between them. Members
 * attach to the routers of at most the median degree.
 */
export function waxman(shape: WaxmanShape, seed: number): Underlay {
  const { routers: n, beta, meanDegree, maxDelay } = shape;
  const rng = new Rng(seed);
  const xs = Array.from({ length: n }, () => rng.next());
  const ys = Array.from({ length: n }, () => rng.next());
  const dist = (i: number, j: number) => Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!);
  let longest = 0;
  let weight = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) longest = Math.max(longest, dist(i, j));
  const decay = (d: number) => Math.exp(-d / (beta * longest));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) weight += decay(dist(i, j));
  const alpha = Math.min(1, (meanDegree * n) / 2 / weight);
  const delayOf = (i: number, j: number) => round3((dist(i, j) / Math.SQRT2) * maxDelay) + 0.1;
  const links: Link[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (rng.next() < alpha * decay(dist(i, j))) {
        links.push({ a: i, b: j, delay: delayOf(i, j), threshold: SUBNET_THRESHOLD });
      }
    }
  }
  for (const [a, b] of joins(n, links, dist)) {
    links.push({ a, b, delay: delayOf(a, b), threshold: SUBNET_THRESHOLD });
  }
  const deg = new Array<number>(n).fill(0);
  for (const l of links) {
    deg[l.a]!++;
    deg[l.b]!++;
  }
  const median = [...deg].sort((a, b) => a - b)[(n - 1) >> 1]!;
  const edge = deg.flatMap((d, r) => (d <= median ? [r] : []));
  return underlayOf('waxman', n, links, edge);
}

/**
 * The links that connect the graph: each component not holding router 0, in order of its lowest
 * router, joined to the routers already connected by the shortest (`dist`) pair.
 */
function joins(
  n: number,
  links: readonly Link[],
  dist: (i: number, j: number) => number,
): [number, number][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const l of links) parent[find(l.a)] = find(l.b);
  const added: [number, number][] = [];
  for (let r = 1; r < n; r++) {
    if (find(r) === find(0)) continue;
    const root = find(r);
    const inside = Array.from({ length: n }, (_, i) => i).filter((i) => find(i) === root);
    const main = Array.from({ length: n }, (_, j) => j).filter((j) => find(j) === find(0));
    let best: [number, number] | null = null;
    let bestD = Infinity;
    for (const i of inside) {
      for (const j of main) {
        const d = dist(i, j);
        if (d < bestD) [bestD, best] = [d, [i, j]];
      }
    }
    added.push(best!);
    parent[root] = find(0);
  }
  return added;
}

/** Transit-stub knobs (GT-ITM's ts model, with delays by level). */
export interface TransitStubShape {
  readonly routers: number;
  /** Transit domains. */
  readonly transitDomains: number;
  /** Stub domains hanging off each transit router. */
  readonly stubsPerTransit: number;
  /** Chance of each extra link inside a domain, beyond a random spanning tree. */
  readonly extraLinks: number;
}

/** Delay ranges (ms) by level: between transit domains, inside one, transit–stub, inside a stub. */
export const TS_DELAYS = {
  interTransit: [20, 60],
  intraTransit: [5, 20],
  transitStub: [2, 8],
  intraStub: [1, 4],
} as const;

/** Four transit domains, three stubs per transit router, a few extra links per domain. */
export const TS_DEFAULTS = { transitDomains: 4, stubsPerTransit: 3, extraLinks: 0.3 } as const;

/**
 * A transit-stub graph of exactly `routers` routers: about one router in fifty (at least one per
 * domain) is a transit router, split evenly over the transit domains; the rest form
 * `stubsPerTransit` stub domains per transit router, as even in size as possible, each attached by
 * one link (a site boundary, TTL threshold 32) to its transit router. Each domain is a random
 * spanning tree plus extra links; transit domains are linked as a random tree plus extra links.
 * Members attach to stub routers.
 */
export function transitStub(shape: TransitStubShape, seed: number): Underlay {
  const { routers: n, transitDomains: td, stubsPerTransit: k, extraLinks } = shape;
  const rng = new Rng(seed);
  const transitCount = Math.max(td, Math.min(Math.round(n / 50), Math.floor(n / (1 + k))));
  const links: Link[] = [];
  const delay = ([lo, hi]: readonly [number, number]) => round3(lo + rng.next() * (hi - lo));
  const domain = (members: number[], range: readonly [number, number]) => {
    const threshold = SUBNET_THRESHOLD;
    for (let i = 1; i < members.length; i++) {
      const a = members[rng.int(i)]!;
      links.push({ a, b: members[i]!, delay: delay(range), threshold });
    }
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 2; j < members.length; j++) {
        if (rng.next() < extraLinks / members.length) {
          links.push({ a: members[i]!, b: members[j]!, delay: delay(range), threshold });
        }
      }
    }
  };
  const transit = Array.from({ length: transitCount }, (_, r) => r);
  const domains = Array.from({ length: td }, (_, d) => transit.filter((r) => r % td === d));
  for (const members of domains) domain(members, TS_DELAYS.intraTransit);
  // The transit domains: a random tree plus each other pair with even odds.
  for (let d = 1; d < td; d++) {
    const e = rng.int(d);
    links.push(interTransit(domains[d]!, domains[e]!, rng, delay));
  }
  for (let d = 0; d < td; d++) {
    for (let e = d + 2; e < td; e++) {
      if (rng.next() < 0.5) links.push(interTransit(domains[d]!, domains[e]!, rng, delay));
    }
  }
  const stubs = transitCount * k;
  const stubRouters = n - transitCount;
  let next = transitCount;
  const edge: number[] = [];
  for (let s = 0; s < stubs; s++) {
    const size = Math.floor(stubRouters / stubs) + (s < stubRouters % stubs ? 1 : 0);
    if (size === 0) continue;
    const members = Array.from({ length: size }, (_, i) => next + i);
    next += size;
    edge.push(...members);
    domain(members, TS_DELAYS.intraStub);
    const gateway = members[rng.int(size)]!;
    links.push({
      a: s % transitCount,
      b: gateway,
      delay: delay(TS_DELAYS.transitStub),
      threshold: SITE_THRESHOLD,
    });
  }
  return underlayOf('transit-stub', n, links, edge);
}

/** A link between random routers of two transit domains. */
function interTransit(
  from: readonly number[],
  to: readonly number[],
  rng: Rng,
  delay: (range: readonly [number, number]) => number,
): Link {
  const a = from[rng.int(from.length)]!;
  const b = to[rng.int(to.length)]!;
  return { a, b, delay: delay(TS_DELAYS.interTransit), threshold: SUBNET_THRESHOLD };
}

/** The graph of `kind` with `routers` routers and the default shape. */
export function generate(kind: Topology, routers: number, seed: number): Underlay {
  return kind === 'waxman'
    ? waxman({ routers, ...WAXMAN_DEFAULTS }, seed)
    : transitStub({ routers, ...TS_DEFAULTS }, seed);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
