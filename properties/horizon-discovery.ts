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
import { answerOn, monitor, setWith, reachedOnce } from './monitor.ts';

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

/** A link between two servents (either way round). */
type Link = readonly [number, number];

/** A query the horizon guarantee may hold to account, with the links open before it. */
interface Query {
  readonly node: number;
  readonly guid: string;
  readonly key: string;
  readonly ttl: number;
  /** The connections opened at both ends (`link`) before the query. */
  readonly linked: readonly Link[];
}

/** What horizon discovery remembers (null once churn voided the guarantee). */
interface Horizon {
  /** The links the servents started with (`servent {neighbours}`), before every query. */
  readonly initial: readonly Link[];
  /** Each `link` seen, at either end. */
  readonly links: readonly Link[];
  /** The connections seen opened at one end so far (`min-max`). */
  readonly half: ReadonlySet<string>;
  /** The connections opened at both ends so far. */
  readonly linked: readonly Link[];
  /** The keys each servent shares. */
  readonly shares: ReadonlyMap<number, readonly string[]>;
  /** Floods a query-hit cache answered (and cut short): the cache's answer stands for the rest. */
  readonly cut: ReadonlySet<string>;
  /** The hits that reached a searcher: `node/guid/servent`. */
  readonly hits: ReadonlySet<string>;
  /** The queries, in order. */
  readonly queries: readonly Query[];
}

/** The graph of `links`. */
function graphOf(...links: (readonly Link[])[]): Graph {
  const g: Graph = new Map();
  for (const list of links) for (const [a, b] of list) connect(g, a, b);
  return g;
}

/** Horizon discovery as a monitor: the links, shares, hits and queries; answered at quiescence. */
const horizonMonitor = monitor<Horizon | null, Verdict>({
  start: {
    initial: [],
    links: [],
    half: new Set(),
    linked: [],
    shares: new Map(),
    cut: new Set(),
    hits: new Set(),
    queries: [],
  },
  step: (s, o) => {
    if (s === null || CHURN.includes(o.kind)) return null;
    if (o.kind === 'servent') {
      const nbrs = Array.isArray(o['neighbours']) ? o['neighbours'] : [];
      const keys = Array.isArray(o['shares']) ? o['shares'] : [];
      const shared = keys.filter((k): k is string => typeof k === 'string');
      const initial = nbrs.filter((n): n is number => typeof n === 'number');
      return {
        ...s,
        shares: new Map(s.shares).set(o.node, shared),
        initial:
          initial.length === 0
            ? s.initial
            : [...s.initial, ...initial.map((n): Link => [o.node, n])],
      };
    }
    if (o.kind === 'link' && typeof o['peer'] === 'number') {
      const link: Link = [o.node, o['peer']];
      const pair = `${Math.min(o.node, o['peer'])}-${Math.max(o.node, o['peer'])}`;
      const links = [...s.links, link];
      if (s.half.has(pair)) return { ...s, links, linked: [...s.linked, link] };
      return { ...s, links, half: new Set(s.half).add(pair) };
    }
    if (o.kind === 'route' && o['cached'] === true) {
      return { ...s, cut: setWith(s.cut, String(o['guid'])) };
    }
    if (o.kind === 'hit') {
      return {
        ...s,
        hits: setWith(s.hits, `${o.node}/${String(o['guid'])}/${String(o['servent'])}`),
      };
    }
    if (o.kind !== 'query' || typeof o['ttl'] !== 'number' || typeof o['key'] !== 'string') {
      return s;
    }
    const query = { node: o.node, guid: String(o['guid']), key: o['key'], ttl: o['ttl'] };
    return { ...s, queries: [...s.queries, { ...query, linked: s.linked }] };
  },
  answer: (s) => {
    if (s === null) return null;
    const ever = graphOf(s.links, s.initial);
    const shares = [...s.shares].sort(([a], [b]) => a - b);
    for (const q of s.queries) {
      if (s.cut.has(q.guid)) continue;
      const before = graphOf(s.initial, q.linked);
      for (const [x, keys] of shares) {
        if (x === q.node || !keys.includes(q.key) || !reachable(before, q.node, x)) continue;
        if (longestSimplePath(ever, q.node, x) > q.ttl) continue;
        if (!s.hits.has(`${q.node}/${q.guid}/${x}`)) {
          return {
            property: 'horizon-discovery',
            message: `query ${q.guid} for ${q.key} at node ${q.node} (TTL ${q.ttl}) did not find the copy at node ${x}, within its horizon`,
            nodes: [q.node, x],
            messages: [q.guid, q.key],
          };
        }
      }
    }
    return null;
  },
});

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
  return answerOn(horizonMonitor, history, { nodes: 0, up: [] });
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
  check: (history: History, context: PropertyContext) => answerOn(horizonMonitor, history, context),
  monitor: horizonMonitor,
};

/** Query-hit as a monitor: reached at the first `hit`. */
const queryHitMonitor = reachedOnce((o) => o.kind === 'hit');

/** Whether some query found a copy (`hit`). */
export function reachedQueryHit(history: History): boolean {
  return answerOn(queryHitMonitor, history, { nodes: 0, up: [] });
}

/** Some query finds a copy. */
export const queryHit: SometimesProperty = {
  name: 'query-hit',
  statement: 'Some query finds a copy of the key it searched for.',
  kind: 'sometimes',
  reached: reachedQueryHit,
  monitor: queryHitMonitor,
};
