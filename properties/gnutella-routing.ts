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
import type { CheckedProperty, History, Observation, Verdict } from '../models/kernel/spec.ts';
import { NodeMemory } from './node-memory.ts';

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

/**
 * Checks that a descriptor's TTL + Hops stays what its originator set and that every servent that
 * passes it on decrements TTL by one and increments Hops by one (so TTL never rises).
 */
export function checkTtlHops(history: History): Verdict {
  // The sums each descriptor was sent with (two ultrapeers may answer for one leaf: two sums).
  const sums = new Map<string, number[]>();
  const set = (key: string, sum: number) => sums.set(key, [...(sums.get(key) ?? []), sum]);
  for (const o of history) {
    const type = ORIGINATED[o.kind];
    if (type !== undefined) set(`${type}/${String(o['guid'])}`, num(o, 'ttl'));
    if (o.kind === 'reply') set(pathKey(o), num(o, 'ttl'));
    if (o.kind !== 'route' && o.kind !== 'relay') continue;
    const [ttl, hops, sentTtl, sentHops] = ['ttl', 'hops', 'sentTtl', 'sentHops'].map((f) =>
      num(o, f),
    ) as [number, number, number, number];
    const sum = sums.get(pathKey(o));
    const what = `${String(o['type'])} ${String(o['guid'])}`;
    const bad =
      sentTtl !== ttl - 1 || sentHops !== hops + 1
        ? `passed on with TTL ${sentTtl}, Hops ${sentHops} after arriving with TTL ${ttl}, Hops ${hops}`
        : sum !== undefined && !sum.includes(ttl + hops)
          ? `arrived with TTL + Hops = ${ttl + hops}, but its originator set ${sum.join(' or ')}`
          : null;
    if (bad !== null) {
      return {
        property: 'ttl-hops',
        message: `node ${o.node}: ${what} ${bad}`,
        nodes: [o.node],
        messages: [String(o['guid'])],
      };
    }
  }
  return null;
}

/** TTL + Hops is constant along a descriptor's path, and TTL never rises. */
export const ttlHops: CheckedProperty = {
  name: 'ttl-hops',
  statement:
    "TTL + Hops stays what the descriptor's originator set, and every servent passing it on " +
    'decrements TTL and increments Hops (TTL never rises).',
  kind: 'safety',
  check: checkTtlHops,
};

/** Checks that no servent takes on (and so forwards) the same request GUID twice. */
export function checkForwardsOnce(history: History): Verdict {
  const seen = new NodeMemory<true>();
  for (const o of history) {
    if (seen.forgetOn(o)) continue;
    const origin = ORIGINATED[o.kind];
    if (origin !== undefined) seen.set(o.node, `${origin}/${String(o['guid'])}`, true);
    if (o.kind !== 'route') continue;
    const key = pathKey(o);
    if (seen.get(o.node, key)) {
      return {
        property: 'forwards-once',
        message: `node ${o.node} took on ${String(o['type'])} ${String(o['guid'])} a second time (from ${String(o['from'])})`,
        nodes: [o.node],
        messages: [String(o['guid'])],
      };
    }
    seen.set(o.node, key, true);
  }
  return null;
}

/** No servent forwards the same GUID twice. */
export const forwardsOnce: CheckedProperty = {
  name: 'forwards-once',
  statement:
    'A servent takes on each request GUID (Ping, Query, Push) once: a descriptor it has seen is dropped.',
  kind: 'safety',
  check: checkForwardsOnce,
};

/** What a servent remembers for routing replies: where each request came from, where hits came. */
const ORIGIN = -1;

/**
 * Checks that replies travel only along the reverse path of their request: a servent sends a Pong
 * or QueryHit (its own, or one it relays) only on the connection the Ping or Query came on, and
 * only if it took that request on; the originator passes nothing on; a Push for servent S goes
 * only on a connection a QueryHit from S came on, or to S itself.
 */
export function checkReversePath(history: History): Verdict {
  const came = new NodeMemory<number>();
  const hits = new NodeMemory<readonly number[]>();
  const fail = (o: Observation, why: string): Verdict => ({
    property: 'reverse-path',
    message: `node ${o.node} sent ${String(o['type'] ?? 'Push')} ${String(o['guid'])} to ${targets(o).join(',')}: ${why}`,
    nodes: [o.node],
    messages: [String(o['guid'])],
  });
  for (const o of history) {
    if (came.forgetOn(o)) {
      hits.forgetOn(o);
      continue;
    }
    const origin = ORIGINATED[o.kind];
    if (origin !== undefined) came.set(o.node, `${origin}/${String(o['guid'])}`, ORIGIN);
    if (o.kind === 'route') came.set(o.node, pathKey(o), num(o, 'from'));
    const slot = `servent/${String(o['servent'])}`;
    if ((o.kind === 'hit' || (o.kind === 'relay' && o['type'] === 'QueryHit')) && 'from' in o) {
      hits.set(o.node, slot, [...(hits.get(o.node, slot) ?? []), num(o, 'from')]);
    }
    const to = targets(o);
    if (o.kind === 'push' || (o.kind === 'route' && o['type'] === 'Push')) {
      const known = hits.get(o.node, slot) ?? [];
      const off = to.find((n) => !known.includes(n) && n !== o['servent']);
      if (off !== undefined)
        return fail(o, `no QueryHit from ${String(o['servent'])} came on ${off}`);
      continue;
    }
    if (o.kind !== 'reply' && o.kind !== 'relay') continue;
    const request = REQUEST_OF[String(o['type'])];
    const back = came.get(o.node, `${request}/${String(o['guid'])}`);
    if (back === undefined) return fail(o, `it never took on ${request} ${String(o['guid'])}`);
    if (back === ORIGIN) return fail(o, 'it originated the request');
    if (to.length !== 1 || to[0] !== back) return fail(o, `the ${request} came on ${back}`);
  }
  return null;
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
};
