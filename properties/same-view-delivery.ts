import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that a message is delivered in the same view everywhere it is delivered, reading
 * deliveries `{ kind: 'deliver', msg, view }`; deliveries without a string `msg` and a numeric
 * `view` are skipped. Reports the first delivery, in history order, whose view differs from the
 * view of the message's first delivery.
 */
export function checkSameViewDelivery(history: History): Verdict {
  const first = new Map<string, { node: number; view: number }>();
  for (const o of history) {
    const { msg, view } = o;
    if (o.kind !== 'deliver' || typeof msg !== 'string' || typeof view !== 'number') continue;
    const seen = first.get(msg);
    if (seen === undefined) {
      first.set(msg, { node: o.node, view });
      continue;
    }
    if (seen.view === view) continue;
    return {
      property: 'same-view-delivery',
      message: `node ${seen.node} delivered ${msg} in view ${seen.view}, node ${o.node} in view ${view}`,
      nodes: [seen.node, o.node],
      messages: [msg],
    };
  }
  return null;
}

/** Same-view delivery: every node that delivers a message delivers it in the same view. */
export const sameViewDelivery: CheckedProperty = {
  name: 'same-view-delivery',
  statement: 'A message is delivered in the same view by every node that delivers it.',
  kind: 'safety',
  check: checkSameViewDelivery,
};
