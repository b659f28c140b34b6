/**
 * One packet from a source host to the group, three ways, over an underlay with member hosts on
 * access links: unicast to each member along shortest-delay paths; IP multicast along DVMRP's
 * reverse-path tree (each link at most once, pruned branches silent, TTL scoping); and an overlay
 * tree whose every overlay link is a unicast path. Each gives the copies on every physical link and
 * the delay at every member, from which metrics.ts derives stress, RDP and resource usage.
 */
import { pathLinks, routerTree, type Tree } from './routing.ts';
import type { Underlay } from './underlay.ts';

/** The delay of a host's access link to its router (ms). */
export const ACCESS_DELAY = 1;

/**
 * Hosts on routers: host `h` sits on router `hostRouter[h]` behind access link `links + h`
 * (physical links are the underlay's links, then one access link per host).
 */
export class Network {
  private readonly trees = new Map<number, Tree>();

  /** The network of `underlay` with hosts on `hostRouter`. */
  constructor(
    readonly underlay: Underlay,
    readonly hostRouter: readonly number[],
  ) {}

  /** Physical links: router links, then access links. */
  get physicalLinks(): number {
    return this.underlay.links.length + this.hostRouter.length;
  }

  /** The delay of physical link `l`. */
  linkDelay(l: number): number {
    const links = this.underlay.links;
    return l < links.length ? links[l]!.delay : ACCESS_DELAY;
  }

  /** The shortest-delay tree from router `r` (computed once). */
  tree(r: number): Tree {
    let t = this.trees.get(r);
    if (t === undefined) {
      t = routerTree(this.underlay, r);
      this.trees.set(r, t);
    }
    return t;
  }

  /** Unicast delay between two hosts: both access links and the shortest router path. */
  delay(a: number, b: number): number {
    if (a === b) return 0;
    return 2 * ACCESS_DELAY + this.tree(this.hostRouter[a]!).dist[this.hostRouter[b]!]!;
  }

  /** Adds one copy to every physical link on the unicast path from host `a` to host `b`. */
  send(copies: Int32Array, a: number, b: number): number {
    const base = this.underlay.links.length;
    const path = pathLinks(this.tree(this.hostRouter[a]!), this.hostRouter[b]!);
    for (const l of path) copies[l]!++;
    copies[base + a]!++;
    copies[base + b]!++;
    return path.length + 2;
  }
}

/** What one packet cost: copies per physical link, delay per host (NaN: not a receiver). */
export interface Delivery {
  readonly copies: Int32Array;
  /** Arrival delay at each host; Infinity for a member it did not reach, NaN off the group. */
  readonly delay: Float64Array;
  /** Link crossings in all (the sum of copies): packets forwarded. */
  readonly forwarded: number;
}

/** Unicast: the source sends one copy to each member along its shortest path. */
export function unicast(net: Network, source: number, members: readonly number[]): Delivery {
  const copies = new Int32Array(net.physicalLinks);
  const delay = new Float64Array(net.hostRouter.length).fill(NaN);
  let forwarded = 0;
  for (const m of members) {
    if (m === source) continue;
    forwarded += net.send(copies, source, m);
    delay[m] = net.delay(source, m);
  }
  return { copies, delay, forwarded };
}

/**
 * IP multicast as DVMRP forwards in steady state (models/ip-multicast): the source's router roots
 * the reverse-path tree (each router's parent is its next hop toward the source, so it accepts the
 * packet only from there); branches without members are pruned; a router hands the packet to its
 * member hosts while the TTL is at least 1 and forwards it to each unpruned child whose link
 * threshold the decremented TTL reaches; a TTL of 0 keeps the packet on the source host. Each link
 * carries at most one copy.
 */
export function ipMulticast(
  net: Network,
  source: number,
  members: readonly number[],
  ttl = 255,
): Delivery {
  const u = net.underlay;
  const tree = net.tree(net.hostRouter[source]!);
  const copies = new Int32Array(net.physicalLinks);
  const delay = new Float64Array(net.hostRouter.length).fill(NaN);
  const onRouter = new Map<number, number[]>();
  for (const m of members) {
    if (m === source) continue;
    delay[m] = Infinity;
    const r = net.hostRouter[m]!;
    onRouter.set(r, [...(onRouter.get(r) ?? []), m]);
  }
  // Prune: keep a router when its subtree holds a member (walk each member's path to the root).
  const kept = new Uint8Array(u.routers);
  for (const r of onRouter.keys()) {
    for (let x = r; x >= 0 && kept[x] === 0; x = tree.parent[x]!) kept[x] = 1;
  }
  const children: number[][] = Array.from({ length: u.routers }, () => []);
  for (let r = 0; r < u.routers; r++) {
    if (kept[r] === 1 && tree.parent[r]! >= 0) children[tree.parent[r]!]!.push(r);
  }
  const base = u.links.length;
  // TTL 0 keeps the packet on the source host (as the model's host does).
  if (ttl < 1) return { copies, delay, forwarded: 0 };
  copies[base + source]!++;
  let forwarded = 1;
  const queue: [number, number][] = [[tree.root, ttl]];
  for (let i = 0; i < queue.length; i++) {
    const [r, t] = queue[i]!;
    if (t >= 1) {
      for (const m of onRouter.get(r) ?? []) {
        copies[base + m]!++;
        forwarded++;
        delay[m] = net.delay(source, m);
      }
    }
    const next = t - 1;
    for (const c of children[r]!) {
      const link = tree.via[c]!;
      if (next <= 0 || next < u.links[link]!.threshold) continue;
      copies[link]!++;
      forwarded++;
      queue.push([c, next]);
    }
  }
  return { copies, delay, forwarded };
}

/**
 * An overlay tree: each member but the source gets the packet from its parent member over the
 * unicast path between them (`parent[m]`, −1 for the source and non-members).
 */
export function overlay(net: Network, source: number, parent: readonly number[]): Delivery {
  const copies = new Int32Array(net.physicalLinks);
  const delay = new Float64Array(net.hostRouter.length).fill(NaN);
  delay[source] = 0;
  const children: number[][] = parent.map(() => []);
  parent.forEach((p, m) => {
    if (p >= 0) children[p]!.push(m);
  });
  let forwarded = 0;
  const queue = [source];
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i]!;
    for (const m of children[p]!) {
      forwarded += net.send(copies, p, m);
      delay[m] = delay[p]! + net.delay(p, m);
      queue.push(m);
    }
  }
  delay[source] = NaN;
  return { copies, delay, forwarded };
}
