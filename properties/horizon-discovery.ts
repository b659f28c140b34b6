/**
 * Key discovery within a flood's horizon (Gnutella 0.4 Query flooding; the seed: "data discovery by
 * flooding queries"). Over these observations: `servent {neighbours, shares}` when a servent starts
 * (its links and the keys it shares), `link {peer}` when a connection opens, `query {guid, key,
 * ttl}` at a searching servent, `hit {guid, servent}` when a QueryHit reaches it.
 *
 * Why not simply "every copy within TTL hops": with asynchronous links a Query may first reach a
 * servent along a longer path, with less TTL left, and the copy that comes later along the shorter
 * path is dropped as a duplicate, so servents beyond it within TTL hops can be missed. What does
 * hold: if the holder is reachable and no simple path from the searcher to it is longer than the
 * TTL, it is found. (Proof: take a shortest path to an unfound holder and its last reached servent
 * v; v was first reached along a simple path P of reached servents and did not pass the Query on, so
 * |P| ≥ TTL; P followed by the rest of the shortest path, all unreached, is a simple path longer
 * than the TTL.)
 */
import type {
  CheckedProperty,
  History,
  PropertyContext,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';

/** Observation kinds that void the guarantee: failures, loss, timers, closed connections. */
export const CHURN: readonly string[] = ['crash', 'recover', 'leave', 'drop', 'timeout', 'unlink'];

/** An undirected graph as adjacency sets. */
type Graph = Map<number, Set<number>>;

/** Adds the link a-b to `g`. */
function connect(g: Graph, a: number, b: number): void {
  if (a === b) return;
  if (!g.has(a)) g.set(a, new Set());
  if (!g.has(b)) g.set(b, new Set());
  g.get(a)!.add(b);
  g.get(b)!.add(a);
}

/** Whether `to` is reachable from `from` in `g`. */
export function reachable(
  g: ReadonlyMap<number, ReadonlySet<number>>,
  from: number,
  to: number,
): boolean {
  const seen = new Set([from]);
  const todo = [from];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (n === to) return true;
    for (const m of [...(g.get(n) ?? [])].sort((a, b) => a - b)) {
      if (seen.has(m)) continue;
      seen.add(m);
      todo.push(m);
    }
  }
  return false;
}

/** The length of the longest simple path from `from` to `to` in `g` (-1: none). Small graphs only. */
export function longestSimplePath(
  g: ReadonlyMap<number, ReadonlySet<number>>,
  from: number,
  to: number,
): number {
  const on = new Set<number>();
  const walk = (n: number, len: number): number => {
    if (n === to) return len;
    on.add(n);
    let best = -1;
    for (const m of g.get(n) ?? []) if (!on.has(m)) best = Math.max(best, walk(m, len + 1));
    on.delete(n);
    return best;
  };
  return walk(from, 0);
}

/**
 * Checks key discovery within the horizon at quiescence: with no failure, loss or closed
 * connection in the history, every `query {guid, key, ttl}` at servent o ends with a `hit {guid,
 * servent: x}` at o for every other servent x sharing `key` that was reachable over links open at
 * both ends before the query, and to which no simple path over any link seen in the run is longer
 * than `ttl`. A query some servent answered from its query-hit cache (`route {guid, cached: true}`,
 * models/gnutella/hit-cache.machine.ts) is waived: the cache's answer stood for the rest of the
 * flood (properties/hit-caching.ts bounds its age).
 */
export function checkHorizonDiscovery(history: History): Verdict {
  if (history.some((o) => CHURN.includes(o.kind))) return null;
  const before: Graph = new Map();
  const ever: Graph = new Map();
  const half = new Set<string>();
  const shares = new Map<number, readonly string[]>();
  for (const o of history) {
    if (o.kind === 'servent') {
      const nbrs = Array.isArray(o['neighbours']) ? o['neighbours'] : [];
      const keys = Array.isArray(o['shares']) ? o['shares'] : [];
      shares.set(
        o.node,
        keys.filter((k): k is string => typeof k === 'string'),
      );
      for (const n of nbrs) if (typeof n === 'number') connect(before, o.node, n);
    }
    if (o.kind === 'link' && typeof o['peer'] === 'number') connect(ever, o.node, o['peer']);
  }
  for (const [a, ns] of before) for (const b of ns) connect(ever, a, b);
  // Floods a query-hit cache answered (and cut short): the cache's answer stands for the rest.
  const cut = new Set(
    history.filter((o) => o.kind === 'route' && o['cached'] === true).map((o) => String(o['guid'])),
  );
  const hits = new Set(
    history
      .filter((o) => o.kind === 'hit')
      .map((o) => `${o.node}/${String(o['guid'])}/${String(o['servent'])}`),
  );
  for (const o of history) {
    if (o.kind === 'link' && typeof o['peer'] === 'number') {
      const pair = `${Math.min(o.node, o['peer'])}-${Math.max(o.node, o['peer'])}`;
      if (half.has(pair)) connect(before, o.node, o['peer']);
      else half.add(pair);
    }
    if (o.kind !== 'query' || typeof o['ttl'] !== 'number' || typeof o['key'] !== 'string')
      continue;
    if (cut.has(String(o['guid']))) continue;
    const { key, ttl } = o;
    for (const [x, keys] of [...shares].sort(([a], [b]) => a - b)) {
      if (x === o.node || !keys.includes(key) || !reachable(before, o.node, x)) continue;
      if (longestSimplePath(ever, o.node, x) > ttl) continue;
      if (!hits.has(`${o.node}/${String(o['guid'])}/${x}`)) {
        return {
          property: 'horizon-discovery',
          message: `query ${String(o['guid'])} for ${key} at node ${o.node} (TTL ${ttl}) did not find the copy at node ${x}, within its horizon`,
          nodes: [o.node, x],
          messages: [String(o['guid']), key],
        };
      }
    }
  }
  return null;
}

/** Key discovery within the horizon. */
export const horizonDiscovery: CheckedProperty = {
  name: 'horizon-discovery',
  statement:
    'With no loss and no churn, a query finds every copy at a servent reachable from it to which ' +
    'no simple path is longer than its TTL (within TTL hops whatever path the flood takes).',
  kind: 'quiescence',
  scope: 'global',
  reads: ['servent', 'link', 'query'],
  check: (history: History, _context: PropertyContext) => checkHorizonDiscovery(history),
};

/** Whether some query found a copy (`hit`). */
export function reachedQueryHit(history: History): boolean {
  return history.some((o) => o.kind === 'hit');
}

/** Some query finds a copy. */
export const queryHit: SometimesProperty = {
  name: 'query-hit',
  statement: 'Some query finds a copy of the key it searched for.',
  kind: 'sometimes',
  reached: reachedQueryHit,
};
