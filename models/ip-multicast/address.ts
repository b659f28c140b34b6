/**
 * Group addresses, scope thresholds and the router graph: class-D checks, the conventional TTL
 * thresholds, the reverse-path tree toward the source and the TTL each subnet needs.
 */

/** The conventional TTL thresholds (host, subnet, site, region, continent, unrestricted). */
export const THRESHOLDS = { host: 0, subnet: 1, site: 32, region: 64, continent: 128, world: 255 };

/** The thresholds a router link may carry (a link's scope boundary). */
export const LINK_THRESHOLDS = [1, 32, 64, 128, 255] as const;

/** The four octets of a dotted-quad address, or null when it is malformed. */
export function octets(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  const nums = parts.map((p) => (/^(0|[1-9][0-9]{0,2})$/.test(p) ? Number(p) : NaN));
  return nums.every((n) => n >= 0 && n <= 255) ? nums : null;
}

/** Why `address` is not a class-D group address, or null when it is (224.0.0.0/4). */
export function groupProblem(address: string): string | null {
  const o = octets(address);
  if (o === null) return `"${address}" is not a dotted-quad IPv4 address`;
  if (o[0]! < 224 || o[0]! > 239) {
    return `${address} is not a class-D group address (224.0.0.0/4, first octet 224..239)`;
  }
  return null;
}

/** Whether the group is link-local (224.0.0.x): never forwarded by a router. */
export function isLinkLocal(group: string): boolean {
  return group.startsWith('224.0.0.');
}

/** A router link with its scope threshold. */
export interface Link {
  readonly a: number;
  readonly b: number;
  readonly threshold: number;
}

/** Each router's parent toward router 0 by breadth-first search (lowest index first); -1: none. */
export function parents(routers: number, links: readonly Link[]): number[] {
  const parent = Array.from({ length: routers }, () => -1);
  const seen = [0];
  for (let i = 0; i < seen.length; i++) {
    const r = seen[i]!;
    const next = neighbours(r, links)
      .map((l) => l.peer)
      .sort((x, y) => x - y);
    for (const p of next) {
      if (seen.includes(p)) continue;
      seen.push(p);
      parent[p] = r;
    }
  }
  return parent;
}

/** Whether every router is reachable from router 0. */
export function connected(routers: number, links: readonly Link[]): boolean {
  const parent = parents(routers, links);
  return parent.every((p, r) => r === 0 || p >= 0);
}

/** The links at router `r`, as (peer, threshold). */
export function neighbours(
  r: number,
  links: readonly Link[],
): { peer: number; threshold: number }[] {
  return links
    .filter((l) => l.a === r || l.b === r)
    .map((l) => ({ peer: l.a === r ? l.b : l.a, threshold: l.threshold }));
}

/**
 * The TTL a packet sent by a host on router 0's subnet needs to reach router `r`'s subnet: each
 * hop decrements it, and a link with threshold t forwards only a decremented TTL of at least t.
 */
export function needed(r: number, routers: number, links: readonly Link[]): number {
  const parent = parents(routers, links);
  let need = 1;
  let hops = 0;
  const path: number[] = [];
  for (let x = r; x !== 0; x = parent[x]!) path.unshift(x);
  let at = 0;
  for (const next of path) {
    const link = neighbours(at, links).find((l) => l.peer === next)!;
    need = Math.max(need, link.threshold + hops + 1);
    hops++;
    at = next;
  }
  return need;
}
