import type { History, CheckedProperty, PropertyContext, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that a message multicast by a node up at the end is delivered by every node up at the
 * end, the sender included. Reports the first such multicast in the history, its sender, and the
 * lowest-indexed up node that never delivered it. Observations without a string `msg` cannot be
 * identified and are skipped.
 */
export function checkValidity(history: History, context: PropertyContext): Verdict {
  const multicasts: { sender: number; msg: string }[] = [];
  const delivered = new Map<string, Set<number>>();
  for (const o of history) {
    const msg = o.msg;
    if (typeof msg !== 'string') continue;
    if (o.kind === 'multicast') multicasts.push({ sender: o.node, msg });
    if (o.kind !== 'deliver') continue;
    const nodes = delivered.get(msg);
    if (nodes === undefined) delivered.set(msg, new Set([o.node]));
    else nodes.add(o.node);
  }
  for (const { sender, msg } of multicasts) {
    if (context.up[sender] !== true) continue;
    const nodes = delivered.get(msg);
    for (let node = 0; node < context.nodes; node++) {
      if (context.up[node] !== true || nodes?.has(node) === true) continue;
      return {
        property: 'validity',
        message: `node ${sender} multicast ${msg} but node ${node}, which is up, never delivered it`,
        nodes: [sender, node],
        messages: [msg],
      };
    }
  }
  return null;
}

/**
 * Validity: what a surviving node multicasts reaches every node that is up at the end. A liveness
 * (leads-to) property too: a multicast stays owed to an up node on no fair cycle (a crash never
 * lies on a cycle, so who is up there stays up).
 */
export const validity: CheckedProperty = {
  name: 'validity',
  statement:
    'A message multicast by a node up at the end is delivered by every node up at the end.',
  kind: 'quiescence',
  liveness: true,
  check: checkValidity,
};
