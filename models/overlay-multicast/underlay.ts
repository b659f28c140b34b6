/**
 * The underlay: a small fixed graph of routers with link delays, named, and the members attached
 * at its edge routers (member i at the i-th edge router). The cost of an overlay link between two
 * members is the delay of the shortest underlay path between their routers (Narada's overlay link
 * latency), computed once by Dijkstra.
 */

/** A named underlay: routers 0…routers-1, links with delays, and the edge routers members use. */
export interface Underlay {
  /** How many routers. */
  readonly routers: number;
  /** Undirected links `[a, b, delay]`. */
  readonly links: readonly (readonly [number, number, number])[];
  /** The edge routers, in the order members attach to them. */
  readonly edge: readonly number[];
  /** One line for the docs. */
  readonly description: string;
}

/** The underlays a configuration may name. */
export const UNDERLAYS = {
  star: {
    routers: 5,
    links: [
      [0, 1, 1],
      [0, 2, 2],
      [0, 3, 3],
      [0, 4, 4],
    ],
    edge: [1, 2, 3, 4],
    description: 'a hub r0 and four edge routers r1…r4 at delays 1, 2, 3, 4',
  },
  dumbbell: {
    routers: 6,
    links: [
      [0, 1, 8],
      [0, 2, 1],
      [0, 3, 2],
      [1, 4, 1],
      [1, 5, 2],
    ],
    edge: [2, 4, 3, 5],
    description:
      'two sites joined by a long link r0–r1 (delay 8); edge routers r2, r3 at r0 and r4, r5 at r1',
  },
  line: {
    routers: 4,
    links: [
      [0, 1, 1],
      [1, 2, 2],
      [2, 3, 1],
    ],
    edge: [0, 1, 2, 3],
    description: 'four routers r0…r3 in a line at delays 1, 2, 1; member i at router ri',
  },
} as const satisfies Record<string, Underlay>;

/** The underlay names. */
export type UnderlayName = keyof typeof UNDERLAYS;

/** The underlay names, for the schema. */
export const UNDERLAY_NAMES = Object.keys(UNDERLAYS) as [UnderlayName, ...UnderlayName[]];

/** Shortest-path delays from router `from` to every router (Dijkstra; Infinity if unreachable). */
export function delaysFrom(u: Underlay, from: number): number[] {
  const dist = Array.from({ length: u.routers }, () => Infinity);
  const done = Array.from({ length: u.routers }, () => false);
  dist[from] = 0;
  for (let round = 0; round < u.routers; round++) {
    let at = -1;
    for (let r = 0; r < u.routers; r++) {
      if (!done[r] && dist[r]! < Infinity && (at < 0 || dist[r]! < dist[at]!)) at = r;
    }
    if (at < 0) break;
    done[at] = true;
    for (const [a, b, d] of u.links) {
      const other = a === at ? b : b === at ? a : -1;
      if (other >= 0 && dist[at]! + d < dist[other]!) dist[other] = dist[at]! + d;
    }
  }
  return dist;
}

/** The overlay link costs between `members` members of underlay `u`: `cost[i][j]`. */
export function memberCosts(u: Underlay, members: number): number[][] {
  const at = u.edge.slice(0, members);
  return at.map((r) => {
    const dist = delaysFrom(u, r);
    return at.map((s) => dist[s]!);
  });
}
