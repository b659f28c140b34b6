/**
 * A simplified Narada (Chu, Rao and Zhang, SIGMETRICS 2000): members keep a mesh of overlay links
 * (each an underlay unicast path, weighted by its delay) and deliver along per-source shortest-path
 * trees over the mesh. What is kept from the paper, and what is simplified:
 *
 * - Join: a new member gets the member list from a bootstrap and links to `joinLinks` random
 *   members that have room (degree below `maxDegree`).
 * - Routing: each member's routing table is its shortest-delay paths over the mesh (Narada runs a
 *   distance-vector protocol to the same end); within a refinement round members decide on the
 *   tables of the round's start, as a distance-vector protocol's tables lag the mesh.
 * - Adding links: each round a member probes `probes` random non-neighbours and computes Narada's
 *   utility of a link to each: Σ over members m of (CL − NL)/CL when the new latency NL to m (through
 *   the candidate) beats the current CL; it adds the best link when the utility per member exceeds
 *   `addThreshold` and both ends have room.
 * - Dropping links: a member above `minDegree` computes each neighbour link's consensus cost, the
 *   larger of the number of members it reaches through that neighbour and the number the neighbour
 *   reaches through it, and drops the cheapest when that cost per member is below `dropThreshold`,
 *   the neighbour is above `minDegree` too and the mesh stays connected (Narada's partition repair
 *   made immediate: a drop that would partition is not done).
 * - Leaves and crashes: the member's links go; each component cut off from the source's is joined
 *   back by a link from its lowest-numbered member to a random member of the source's component
 *   (Narada's repair after refresh messages stop arriving), before refinement resumes.
 */
import { Rng } from '../rng.ts';
import { shortestPaths, type Tree } from './routing.ts';

/** Narada's knobs (degrees of the mesh, refinement effort, add and drop thresholds). */
export interface NaradaSettings {
  /** Links a joining member opens to random members. */
  readonly joinLinks: number;
  /** A member does not drop a link below this degree. */
  readonly minDegree: number;
  /** A member does not add a link above this degree. */
  readonly maxDegree: number;
  /** Refinement rounds after the members join. */
  readonly rounds: number;
  /** Random non-neighbours each member probes per round. */
  readonly probes: number;
  /** Add a link when its utility per member exceeds this. */
  readonly addThreshold: number;
  /** Drop a link when its consensus cost per member is below this. */
  readonly dropThreshold: number;
}

/**
 * The settings the experiment uses, tuned on 128-member groups at 1,000 routers (seed 1, two
 * trials per topology, README.md): they give meshes of mean degree about 3.5 to 4, and beyond 20
 * rounds the figures barely move.
 */
export const NARADA_DEFAULTS: NaradaSettings = {
  joinLinks: 2,
  minDegree: 2,
  maxDegree: 6,
  rounds: 20,
  probes: 3,
  addThreshold: 0.05,
  dropThreshold: 0.2,
};

/** A Narada mesh over hosts 0..hosts−1 (only the live ones are members). */
export class Mesh {
  private readonly adj: Set<number>[];
  private readonly live: Uint8Array;
  /** Links added and dropped by refinement, and links added by repair (for the report). */
  added = 0;
  dropped = 0;
  repairs = 0;

  /** An empty mesh; `delay(a, b)` is the unicast delay between hosts a and b. */
  constructor(
    readonly hosts: number,
    private readonly delay: (a: number, b: number) => number,
    private readonly rng: Rng,
    readonly settings: NaradaSettings = NARADA_DEFAULTS,
  ) {
    this.adj = Array.from({ length: hosts }, () => new Set<number>());
    this.live = new Uint8Array(hosts);
  }

  /** The live members, ascending. */
  members(): number[] {
    const out: number[] = [];
    for (let h = 0; h < this.hosts; h++) if (this.live[h] === 1) out.push(h);
    return out;
  }

  /** Whether `h` is a member. */
  isMember(h: number): boolean {
    return this.live[h] === 1;
  }

  /** The neighbours of `h`, ascending. */
  neighbours(h: number): number[] {
    return [...this.adj[h]!].sort((a, b) => a - b);
  }

  /** The number of links at `h`. */
  degree(h: number): number {
    return this.adj[h]!.size;
  }

  /** The mean degree over members. */
  meanDegree(): number {
    const ms = this.members();
    return ms.reduce((s, m) => s + this.degree(m), 0) / Math.max(1, ms.length);
  }

  /** Adds the overlay link a–b. */
  link(a: number, b: number): void {
    this.adj[a]!.add(b);
    this.adj[b]!.add(a);
  }

  /** Removes the overlay link a–b. */
  unlink(a: number, b: number): void {
    this.adj[a]!.delete(b);
    this.adj[b]!.delete(a);
  }

  /** `h` joins: it links to up to `joinLinks` random members with room (any member if none has). */
  join(h: number): void {
    const others = this.members();
    this.live[h] = 1;
    const roomy = others.filter((m) => this.degree(m) < this.settings.maxDegree);
    const pool = this.rng.shuffle(roomy.length > 0 ? roomy : others);
    for (const m of pool.slice(0, this.settings.joinLinks)) this.link(h, m);
  }

  /** `h` leaves (or crashes): its links go; then the mesh is repaired around `anchor`. */
  leave(h: number, anchor: number): void {
    for (const m of this.neighbours(h)) this.unlink(h, m);
    this.live[h] = 0;
    this.repair(anchor);
  }

  /** Joins every component cut off from `anchor`'s back to it (lowest member to a random one). */
  repair(anchor: number): void {
    for (;;) {
      const reached = this.reachable(anchor);
      const cut = this.members().find((m) => reached[m] === 0);
      if (cut === undefined) return;
      const main = this.members().filter((m) => reached[m] === 1);
      this.link(cut, main[this.rng.int(main.length)]!);
      this.repairs++;
    }
  }

  /** Each member's shortest-delay routes over the mesh. */
  routes(root: number): Tree {
    return shortestPaths(this.hosts, root, (u, visit) => {
      for (const v of this.adj[u]!) visit(v, this.delay(u, v), v);
    });
  }

  /** The per-source delivery tree: each member's parent on its shortest mesh path from `source`. */
  tree(source: number): number[] {
    const t = this.routes(source);
    return Array.from({ length: this.hosts }, (_, h) =>
      this.live[h] === 1 && h !== source ? t.parent[h]! : -1,
    );
  }

  /** `rounds` refinement rounds (the settings' count by default). */
  refine(rounds = this.settings.rounds): void {
    for (let r = 0; r < rounds; r++) this.round();
  }

  /** One refinement round: each member, in random order, may add one link and drop one. */
  round(): void {
    const members = this.members();
    const tables = new Map(members.map((m) => [m, this.routes(m)]));
    const hops = new Map(members.map((m) => [m, firstHops(tables.get(m)!)]));
    const s = this.settings;
    const share = Math.max(1, members.length - 1);
    // Links added this round: the round's tables do not route over them yet, so not dropped.
    const fresh = new Set<string>();
    for (const i of this.rng.shuffle([...members])) {
      // Add: probe random non-neighbours, keep the most useful.
      const others = members.filter((m) => m !== i && !this.adj[i]!.has(m));
      let best = -1;
      let bestUtility = 0;
      for (let p = 0; p < s.probes && others.length > 0; p++) {
        const j = others.splice(this.rng.int(others.length), 1)[0]!;
        const u = this.utility(i, j, tables.get(i)!, tables.get(j)!, members);
        if (u > bestUtility) [best, bestUtility] = [j, u];
      }
      if (
        best >= 0 &&
        bestUtility / share > s.addThreshold &&
        this.degree(i) < s.maxDegree &&
        this.degree(best) < s.maxDegree
      ) {
        this.link(i, best);
        fresh.add(`${Math.min(i, best)}-${Math.max(i, best)}`);
        this.added++;
      }
      // Drop: the neighbour link of least consensus cost, if low enough and safe.
      if (this.degree(i) <= s.minDegree) continue;
      let cheapest = -1;
      let cheapestCost = Infinity;
      for (const j of this.neighbours(i)) {
        if (this.degree(j) <= s.minDegree || fresh.has(`${Math.min(i, j)}-${Math.max(i, j)}`)) {
          continue;
        }
        const cost = Math.max(count(hops.get(i), j), count(hops.get(j), i));
        if (cost < cheapestCost) [cheapest, cheapestCost] = [j, cost];
      }
      if (cheapest >= 0 && cheapestCost / share < s.dropThreshold) {
        this.unlink(i, cheapest);
        if (this.reachable(i)[cheapest] === 1) this.dropped++;
        else this.link(i, cheapest);
      }
    }
  }

  /** Narada's utility of a link i–j: Σ over members of the relative latency gain through j. */
  utility(i: number, j: number, ti: Tree, tj: Tree, members: readonly number[]): number {
    const w = this.delay(i, j);
    let u = 0;
    for (const m of members) {
      if (m === i) continue;
      const current = ti.dist[m]!;
      const through = w + tj.dist[m]!;
      if (through >= current) continue;
      u += Number.isFinite(current) ? (current - through) / current : 1;
    }
    return u;
  }

  /** Which hosts `from` reaches over the mesh (1: reached). */
  private reachable(from: number): Uint8Array {
    const seen = new Uint8Array(this.hosts);
    seen[from] = 1;
    const stack = [from];
    while (stack.length > 0) {
      for (const v of this.adj[stack.pop()!]!) {
        if (seen[v] === 0) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    return seen;
  }
}

/** For each node, the first hop on its path from the tree's root (−1: the root or unreached). */
export function firstHops(t: Tree): Int32Array {
  const hop = new Int32Array(t.parent.length).fill(-1);
  const order = Array.from({ length: t.parent.length }, (_, i) => i)
    .filter((i) => Number.isFinite(t.dist[i]!) && i !== t.root)
    .sort((a, b) => t.dist[a]! - t.dist[b]! || a - b);
  for (const x of order) {
    const p = t.parent[x]!;
    hop[x] = p === t.root ? x : hop[p]!;
  }
  return hop;
}

function count(hops: Int32Array | undefined, via: number): number {
  let c = 0;
  if (hops !== undefined) for (const h of hops) if (h === via) c++;
  return c;
}
