/**
 * Narada's routing over the mesh, as pure functions: a distance-vector protocol whose routes carry
 * their whole path (so a member never takes a route through itself, which avoids counting to
 * infinity), membership merged from refreshes, and the reverse shortest-path tree of a source:
 * a member's parent is its next hop towards the source, its children the neighbours whose next
 * hop towards the source is itself.
 */

/** A route: to `dest`, at `cost`, along `path` (from the member itself to `dest`). */
export type Route = {
  readonly dest: number;
  readonly cost: number;
  readonly path: readonly number[];
};

/** A neighbour's last advertised routing table. */
export type Heard = {
  readonly peer: number;
  readonly routes: readonly Route[];
};

/** What route computation needs of a member. */
export interface RoutingState {
  readonly self: number;
  readonly cost: readonly number[];
  readonly members: readonly number[];
  readonly neighbours: readonly number[];
  readonly heard: readonly Heard[];
}

/** Sorted union of two sorted lists of indices. */
export function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/** `a` without the elements of `b`. */
export function minus(a: readonly number[], b: readonly number[]): number[] {
  return a.filter((x) => !b.includes(x));
}

/** Whether route `a` is better than `b`: cheaper, then a lower next hop, then shorter. */
function better(a: Route, b: Route): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  const [na, nb] = [a.path[1] ?? -1, b.path[1] ?? -1];
  if (na !== nb) return na < nb;
  return a.path.length < b.path.length;
}

/**
 * The member's routing table: itself at cost 0, and for every other member it knows the best
 * route among the direct links and its neighbours' advertised routes, keeping only the paths
 * `usable` accepts (Narada: no path through itself or a departed member).
 */
export function computeRoutes(s: RoutingState, usable: (path: number[]) => boolean): Route[] {
  const routes: Route[] = [{ dest: s.self, cost: 0, path: [s.self] }];
  for (const dest of s.members) {
    if (dest === s.self) continue;
    let best: Route | null = null;
    const consider = (r: Route) => {
      if (usable([...r.path]) && (best === null || better(r, best))) best = r;
    };
    if (s.neighbours.includes(dest)) consider({ dest, cost: s.cost[dest]!, path: [s.self, dest] });
    for (const { peer, routes: theirs } of s.heard) {
      if (!s.neighbours.includes(peer)) continue;
      const r = theirs.find((x) => x.dest === dest);
      if (r !== undefined && r.path[0] === peer) {
        consider({ dest, cost: s.cost[peer]! + r.cost, path: [s.self, ...r.path] });
      }
    }
    if (best !== null) routes.push(best);
  }
  return routes;
}

/** The route to `dest`, if any. */
export function routeTo(routes: readonly Route[], dest: number): Route | undefined {
  return routes.find((r) => r.dest === dest);
}

/** Whether `peer`'s last advertised route to `src` has this member as its next hop. */
export function usesMe(heard: readonly Heard[], self: number, peer: number, src: number): boolean {
  const theirs = heard.find((h) => h.peer === peer)?.routes ?? [];
  return routeTo(theirs, src)?.path[1] === self;
}

/** Whether a path visits no member twice. */
export function isSimple(path: readonly number[]): boolean {
  return new Set(path).size === path.length;
}

/**
 * The converged mesh state of an initial group: member i (i ≥ 1) links to its `degree` cheapest
 * predecessors (as if they had joined in order), then distance vectors are exchanged in rounds
 * until nothing changes (the protocol's own fixpoint, which is unique given the tie-breaks).
 */
export function convergedGroup(
  costs: readonly (readonly number[])[],
  size: number,
  degree: number,
): { neighbours: number[][]; routes: Route[][] } {
  const members = Array.from({ length: size }, (_, i) => i);
  const neighbours: number[][] = members.map(() => []);
  for (let i = 1; i < size; i++) {
    const picks = [...Array(i).keys()]
      .sort((a, b) => costs[i]![a]! - costs[i]![b]! || a - b)
      .slice(0, degree);
    for (const p of picks) {
      neighbours[i] = union(neighbours[i]!, [p]);
      neighbours[p] = union(neighbours[p]!, [i]);
    }
  }
  let routes: Route[][] = members.map((self) => [{ dest: self, cost: 0, path: [self] }]);
  for (let round = 0; round <= size * size; round++) {
    const next = members.map((self) =>
      computeRoutes(
        {
          self,
          cost: costs[self]!,
          members,
          neighbours: neighbours[self]!,
          heard: neighbours[self]!.map((peer) => ({ peer, routes: routes[peer]! })),
        },
        isSimple,
      ),
    );
    if (JSON.stringify(next) === JSON.stringify(routes)) break;
    routes = next;
  }
  return { neighbours, routes };
}
