import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';

/** One node's deliveries: its first delivery of each message, in order, and their positions. */
interface DeliverySequence {
  readonly order: string[];
  readonly position: Map<string, number>;
}

/**
 * Checks that any two nodes deliver the messages they both delivered in the same relative order.
 * A node's position for a message is its first delivery (duplicates are integrity's concern);
 * observations without a string `msg` cannot be compared and are skipped. Reports the first
 * violating pair of nodes (p < q, ascending), and within it the pair whose inversion shows earliest
 * in p's delivery order (earliest b, then earliest a).
 */
export function checkTotalOrder(history: History): Verdict {
  const sequences = deliverySequences(history);
  const nodes = [...sequences.keys()].sort((x, y) => x - y);
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const p = nodes[i]!;
      const q = nodes[j]!;
      const inversion = firstInversion(sequences.get(p)!, sequences.get(q)!);
      if (inversion === null) continue;
      const [a, b] = inversion;
      return {
        property: 'total-order',
        message: `node ${p} delivered ${a} before ${b}, node ${q} delivered ${b} before ${a}`,
        nodes: [p, q],
        messages: [a, b],
      };
    }
  }
  return null;
}

/** Total order: every two nodes agree on the order of the messages both delivered. */
export const totalOrder: CheckedProperty = {
  name: 'total-order',
  statement: 'Any two nodes deliver the messages they both delivered in the same relative order.',
  kind: 'safety',
  check: checkTotalOrder,
};

function deliverySequences(history: History): Map<number, DeliverySequence> {
  const sequences = new Map<number, DeliverySequence>();
  for (const o of history) {
    const msg = o.msg;
    if (o.kind !== 'deliver' || typeof msg !== 'string') continue;
    let seq = sequences.get(o.node);
    if (seq === undefined) {
      seq = { order: [], position: new Map() };
      sequences.set(o.node, seq);
    }
    if (seq.position.has(msg)) continue;
    seq.position.set(msg, seq.order.length);
    seq.order.push(msg);
  }
  return sequences;
}

/** The first [a, b] with a before b in p but b before a in q, or null if they agree. */
function firstInversion(p: DeliverySequence, q: DeliverySequence): [string, string] | null {
  // Common messages are in order in q iff their q-positions increase along p, so a running
  // maximum finds the first out-of-order b in one pass; the rescan for a happens at most once.
  let max = -1;
  for (let k = 0; k < p.order.length; k++) {
    const b = p.order[k]!;
    const at = q.position.get(b);
    if (at === undefined) continue;
    if (at > max) {
      max = at;
      continue;
    }
    for (let m = 0; m < k; m++) {
      const a = p.order[m]!;
      if ((q.position.get(a) ?? -1) > at) return [a, b];
    }
  }
  return null;
}
