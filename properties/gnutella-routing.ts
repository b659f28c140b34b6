/**
 * Gnutella 0.4 descriptor routing ("The Gnutella Protocol Specification v0.4", section "Descriptor
 * routing"), checked over the observations a servent makes (see models/gnutella/servent-logic.ts):
 * - `route {guid, type, from, ttl, hops, sentTtl, sentHops, to, servent?}`: a servent took on a new
 *   request (Ping, Query, Push) that arrived on connection `from` with `ttl`, `hops`, and passed it
 *   to the connections `to` with `sentTtl`, `sentHops`;
 * - `relay {guid, type, servent, from, ttl, hops, sentTtl, sentHops, to}`: it passed a reply
 *   (Pong, QueryHit) from responder `servent` on;
 * - `reply {guid, type, to, ttl, servent?}`: it answered a request with a reply of `type` (Hops
 *   0), for itself or for the leaf `servent` (an ultrapeer);
 * - `query {guid, ttl}`, `ping {guid, ttl}`, `push {guid, servent, to, ttl}`: it originated one
 *   (Hops 0); `hit {guid, servent, from}`: a QueryHit reached the originator.
 */
import type {
  CheckedProperty,
  History,
  Observation,
  Verdict,
  Violation,
} from '../models/kernel/spec.ts';
import { answerOn, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, forgetIn, NodeMemory } from './node-memory.ts';

/** The request a reply answers. */
const REQUEST_OF: Readonly<Record<string, string>> = { Pong: 'Ping', QueryHit: 'Query' };

/** A field as a number (NaN if absent). */
const num = (o: Observation, field: string): number =>
  typeof o[field] === 'number' ? o[field] : NaN;

/** The `to` list of an observation. */
const targets = (o: Observation): readonly number[] =>
  Array.isArray(o['to'])
    ? o['to'].filter((n): n is number => typeof n === 'number')
    : typeof o['to'] === 'number'
      ? [o['to']]
      : [];

/** A descriptor's identity along its path: a reply by its responder too (many share a GUID). */
function pathKey(o: Observation): string {
  const type = String(o['type'] ?? o.kind);
  // A reply's responder: the servent it names (an ultrapeer answers for its leaves), else its sender.
  const by = o.kind === 'reply' ? (o['servent'] ?? o.node) : o['servent'];
  return type === 'Pong' || type === 'QueryHit'
    ? `${type}/${String(o['guid'])}/${String(by)}`
    : `${type}/${String(o['guid'])}`;
}

/** The descriptor type an originating observation starts. */
const ORIGINATED: Readonly<Record<string, string>> = { query: 'Query', ping: 'Ping', push: 'Push' };

/** The sums each descriptor was sent with (two ultrapeers may answer for one leaf: two sums). */
type Sums = ReadonlyMap<string, readonly number[]>;

/** TTL + Hops as a monitor: the sums each descriptor was sent with, up to the first violation. */
const ttlHopsMonitor = untilViolation<Sums>(new Map(), (sums, o) => {
  const type = ORIGINATED[o.kind];
  let next = sums;
  const add = (key: string, sum: number): Sums =>
    new Map(next).set(key, [...(next.get(key) ?? []), sum]);
  if (type !== undefined) next = add(`${type}/${String(o['guid'])}`, num(o, 'ttl'));
  if (o.kind === 'reply') next = add(pathKey(o), num(o, 'ttl'));
  if (o.kind !== 'route' && o.kind !== 'relay') return next;
  const [ttl, hops, sentTtl, sentHops] = ['ttl', 'hops', 'sentTtl', 'sentHops'].map((f) =>
    num(o, f),
  ) as [number, number, number, number];
  const sum = next.get(pathKey(o));
  const what = `${String(o['type'])} ${String(o['guid'])}`;
  const bad =
    sentTtl !== ttl - 1 || sentHops !== hops + 1
      ? `passed on with TTL ${sentTtl}, Hops ${sentHops} after arriving with TTL ${ttl}, Hops ${hops}`
      : sum !== undefined && !sum.includes(ttl + hops)
        ? `arrived with TTL + Hops = ${ttl + hops}, but its originator set ${sum.join(' or ')}`
        : null;
  if (bad === null) return next;
  return violated({
    property: 'ttl-hops',
    message: `node ${o.node}: ${what} ${bad}`,
    nodes: [o.node],
    messages: [String(o['guid'])],
  });
});

/**
 * Checks that a descriptor's TTL + Hops stays what its originator set and that every servent that
 * passes it on decrements TTL by one and increments Hops by one (so TTL never rises).
 */
export function checkTtlHops(history: History): Verdict {
  return answerOn(ttlHopsMonitor, history);
}

/** TTL + Hops is constant along a descriptor's path, and TTL never rises. */
export const ttlHops: CheckedProperty = {
  name: 'ttl-hops',
  statement:
    "TTL + Hops stays what the descriptor's originator set, and every servent passing it on " +
    'decrements TTL and increments Hops (TTL never rises).',
  kind: 'safety',
  check: checkTtlHops,
  monitor: ttlHopsMonitor,
};

/** Forwards-once as a monitor: the requests each servent took on, up to the first violation. */
const forwardsOnceMonitor = untilViolation(NodeMemory.empty<true>(), (seen, o) => {
  if (endsIncarnation(o)) return seen.after(o);
  const origin = ORIGINATED[o.kind];
  const next =
    origin !== undefined ? seen.set(o.node, `${origin}/${String(o['guid'])}`, true) : seen;
  if (o.kind !== 'route') return next;
  const key = pathKey(o);
  if (!next.get(o.node, key)) return next.set(o.node, key, true);
  return violated({
    property: 'forwards-once',
    message: `node ${o.node} took on ${String(o['type'])} ${String(o['guid'])} a second time (from ${String(o['from'])})`,
    nodes: [o.node],
    messages: [String(o['guid'])],
  });
});

/** Checks that no servent takes on (and so forwards) the same request GUID twice. */
export function checkForwardsOnce(history: History): Verdict {
  return answerOn(forwardsOnceMonitor, history);
}

/** No servent forwards the same GUID twice. */
export const forwardsOnce: CheckedProperty = {
  name: 'forwards-once',
  statement:
    'A servent takes on each request GUID (Ping, Query, Push) once: a descriptor it has seen is dropped.',
  kind: 'safety',
  check: checkForwardsOnce,
  monitor: forwardsOnceMonitor,
};

/** What a servent remembers for routing replies: where each request came from, where hits came. */
const ORIGIN = -1;

/** What reverse-path remembers per servent: where requests came from, where QueryHits came from. */
interface Routes {
  /** Per servent and request: the connection it came on (`ORIGIN` if the servent sent it). */
  readonly came: NodeMemory<number>;
  /** Per servent and responder: the connections its QueryHits came on. */
  readonly hits: NodeMemory<readonly number[]>;
}

/** The reverse-path violation of `o`, because of `why`. */
const offPath = (o: Observation, why: string): Violation => ({
  property: 'reverse-path',
  message: `node ${o.node} sent ${String(o['type'] ?? 'Push')} ${String(o['guid'])} to ${targets(o).join(',')}: ${why}`,
  nodes: [o.node],
  messages: [String(o['guid'])],
});

/** Reverse-path as a monitor: each servent's routes, up to the first violation. */
const reversePathMonitor = untilViolation<Routes>(
  { came: NodeMemory.empty(), hits: NodeMemory.empty() },
  (s, o) => {
    if (endsIncarnation(o)) return forgetIn(s, o);
    let { came, hits } = s;
    const origin = ORIGINATED[o.kind];
    if (origin !== undefined) came = came.set(o.node, `${origin}/${String(o['guid'])}`, ORIGIN);
    if (o.kind === 'route') came = came.set(o.node, pathKey(o), num(o, 'from'));
    const slot = `servent/${String(o['servent'])}`;
    if ((o.kind === 'hit' || (o.kind === 'relay' && o['type'] === 'QueryHit')) && 'from' in o) {
      hits = hits.set(o.node, slot, [...(hits.get(o.node, slot) ?? []), num(o, 'from')]);
    }
    const next = came === s.came && hits === s.hits ? s : { came, hits };
    const to = targets(o);
    if (o.kind === 'push' || (o.kind === 'route' && o['type'] === 'Push')) {
      const known = hits.get(o.node, slot) ?? [];
      const off = to.find((n) => !known.includes(n) && n !== o['servent']);
      if (off === undefined) return next;
      return violated(offPath(o, `no QueryHit from ${String(o['servent'])} came on ${off}`));
    }
    if (o.kind !== 'reply' && o.kind !== 'relay') return next;
    const request = REQUEST_OF[String(o['type'])];
    const back = came.get(o.node, `${request}/${String(o['guid'])}`);
    if (back === undefined) {
      return violated(offPath(o, `it never took on ${request} ${String(o['guid'])}`));
    }
    if (back === ORIGIN) return violated(offPath(o, 'it originated the request'));
    if (to.length !== 1 || to[0] !== back) {
      return violated(offPath(o, `the ${request} came on ${back}`));
    }
    return next;
  },
);

/**
 * Checks that replies travel only along the reverse path of their request: a servent sends a Pong
 * or QueryHit (its own, or one it relays) only on the connection the Ping or Query came on, and
 * only if it took that request on; the originator passes nothing on; a Push for servent S goes
 * only on a connection a QueryHit from S came on, or to S itself.
 */
export function checkReversePath(history: History): Verdict {
  return answerOn(reversePathMonitor, history);
}

/** Replies travel only along the reverse path of their request. */
export const reversePath: CheckedProperty = {
  name: 'reverse-path',
  statement:
    'A Pong or QueryHit goes only to the connection its Ping or Query came on (a servent that did ' +
    'not see the request, or originated it, passes none on); a Push only towards a servent whose ' +
    'QueryHit came on that connection.',
  kind: 'safety',
  check: checkReversePath,
  monitor: reversePathMonitor,
};
