/**
 * Query routing (the seed: "peers share information about resources in order to construct routing
 * tables"; LimeWire's Query Routing Protocol), over the servents' observations (see
 * models/gnutella/qrp.machine.ts): `servent {shares}` when a servent starts, `query {guid, key}`
 * at a searcher, `route {guid, type, skipped}` when a servent leaves neighbours out of a Query's
 * last hop. Histories without `skipped` (plain flooding) satisfy it.
 */
import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';
import { answerOn, untilViolation, violated } from './monitor.ts';

/** What query routing remembers: what each servent shares, and each Query's key. */
interface Routing {
  readonly shares: ReadonlyMap<number, readonly unknown[]>;
  readonly keyOf: ReadonlyMap<string, string>;
}

/** Routing-hides-no-hit as a monitor: the shares and the Queries' keys, up to the first violation. */
const routingMonitor = untilViolation<Routing>({ shares: new Map(), keyOf: new Map() }, (s, o) => {
  if (o.kind === 'servent' && Array.isArray(o['shares'])) {
    return { ...s, shares: new Map(s.shares).set(o.node, o['shares']) };
  }
  if (o.kind === 'query' && typeof o['key'] === 'string') {
    return { ...s, keyOf: new Map(s.keyOf).set(String(o['guid']), o['key']) };
  }
  if (o.kind !== 'route' || !Array.isArray(o['skipped'])) return s;
  const key = s.keyOf.get(String(o['guid']));
  const hidden = o['skipped'].find((p) => typeof p === 'number' && s.shares.get(p)?.includes(key));
  if (key === undefined || hidden === undefined) return s;
  return violated({
    property: 'routing-hides-no-hit',
    message: `node ${o.node} left node ${String(hidden)}, which shares ${key}, out of the last hop of Query ${String(o['guid'])}`,
    nodes: [o.node, Number(hidden)],
    messages: [String(o['guid']), key],
  });
});

/**
 * Checks that routing never hides a hit: a servent leaves out of a Query's last hop only
 * neighbours that do not share its key (a false negative of a routing table would leave out one
 * that does; a false positive only costs a message, so it is allowed).
 */
export function checkRoutingHidesNoHit(history: History): Verdict {
  return answerOn(routingMonitor, history);
}

/** Routing never hides a reachable hit. */
export const routingHidesNoHit: CheckedProperty = {
  name: 'routing-hides-no-hit',
  statement:
    "A servent leaves a neighbour out of a Query's last hop only if that neighbour does not " +
    'share the key (query routing tables have no false negatives; false positives cost messages).',
  kind: 'safety',
  scope: 'global',
  reads: ['servent', 'query'],
  check: checkRoutingHidesNoHit,
  monitor: routingMonitor,
};
