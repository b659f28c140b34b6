import type { History, CheckedProperty, PropertyContext, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks uniform agreement over survivors: a message delivered by any node, even one that later
 * crashed, is delivered by every node up at the end. Reports the message in order of its first
 * delivery, the node that delivered it first, and the lowest-indexed up node that did not.
 * Observations without a string `msg` cannot be identified and are skipped.
 */
export function checkAgreement(history: History, context: PropertyContext): Verdict {
  // Insertion order of this map is first-delivery order, which makes the report deterministic.
  const deliverers = new Map<string, { first: number; all: Set<number> }>();
  for (const o of history) {
    const msg = o.msg;
    if (o.kind !== 'deliver' || typeof msg !== 'string') continue;
    const entry = deliverers.get(msg);
    if (entry === undefined) deliverers.set(msg, { first: o.node, all: new Set([o.node]) });
    else entry.all.add(o.node);
  }
  for (const [msg, { first, all }] of deliverers) {
    for (let node = 0; node < context.nodes; node++) {
      if (context.up[node] !== true || all.has(node)) continue;
      return {
        property: 'agreement',
        message: `node ${first} delivered ${msg} but node ${node}, which is up, did not`,
        nodes: [first, node],
        messages: [msg],
      };
    }
  }
  return null;
}

/** Agreement: a message delivered by any node reaches every node that is up at the end. */
export const agreement: CheckedProperty = {
  name: 'agreement',
  statement: 'A message delivered by any node is delivered by every node that is up at the end.',
  kind: 'quiescence',
  check: checkAgreement,
};
