/**
 * Reflectors / ultrapeers (the seed: "reflector proxies to protect low bandwidth participants"),
 * over a servent's own observations (see models/gnutella/ultrapeer.machine.ts): `leaf` when a leaf
 * starts, `route` when it takes on a request, `reply` when it answers one. Histories without
 * `leaf` (plain flooding) satisfy it.
 */
import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';
import { answerOn, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, NodeMemory } from './node-memory.ts';

/** Leaf-shielded as a monitor: which servents are leaves, up to the first violation. */
const leafShieldedMonitor = untilViolation(NodeMemory.empty<true>(), (leaves, o) => {
  if (endsIncarnation(o)) return leaves.after(o);
  const next = o.kind === 'leaf' ? leaves.set(o.node, 'leaf', true) : leaves;
  if ((o.kind !== 'route' && o.kind !== 'reply') || !next.get(o.node, 'leaf')) return next;
  return violated({
    property: 'leaf-shielded',
    message: `leaf ${o.node} got ${String(o['type'])} ${String(o['guid'])}, another servent's traffic`,
    nodes: [o.node],
    messages: [String(o['guid'])],
  });
});

/**
 * Checks that a leaf sees only its own traffic: it takes on no Ping, Query or Push of another
 * servent (a Push addressed to it is consumed, not taken on) and answers none; replies to its own
 * requests are all it relays to itself.
 */
export function checkLeafShielded(history: History): Verdict {
  return answerOn(leafShieldedMonitor, history);
}

/** A leaf sees only its own traffic. */
export const leafShielded: CheckedProperty = {
  name: 'leaf-shielded',
  statement:
    "A leaf takes on and answers no other servent's Ping, Query or Push: it sees only the replies " +
    'to its own requests and Pushes addressed to it.',
  kind: 'safety',
  check: checkLeafShielded,
  monitor: leafShieldedMonitor,
};
