import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that the replicas' executed sequences (`apply {op}` in each node's order) are
 * prefix-consistent: of any two, one is a prefix of the other. Equivalently every sequence is a
 * prefix of the longest, so one pass compares each execution with the first execution anywhere at
 * the same position. Reports the first execution that diverges; observations without a string
 * `op` are skipped. (A recovered replica's sequence continues where it stopped.)
 */
export function checkPrefixConsistency(history: History): Verdict {
  const longest: { op: string; node: number }[] = [];
  const length = new Map<number, number>();
  for (const o of history) {
    const op = o['op'];
    if (o.kind !== 'apply' || typeof op !== 'string') continue;
    const at = length.get(o.node) ?? 0;
    length.set(o.node, at + 1);
    const first = longest[at];
    if (first === undefined) longest.push({ op, node: o.node });
    else if (first.op !== op) {
      return {
        property: 'prefix-consistency',
        message:
          `node ${o.node} executed ${op} as its action ${at + 1}, ` +
          `node ${first.node} executed ${first.op}`,
        nodes: [first.node, o.node],
        messages: [first.op, op],
      };
    }
  }
  return null;
}

/** Prefix consistency: of any two replicas' executed sequences, one is a prefix of the other. */
export const prefixConsistency: CheckedProperty = {
  name: 'prefix-consistency',
  statement: 'Of any two replicas’ executed sequences, one is a prefix of the other.',
  kind: 'safety',
  check: checkPrefixConsistency,
};
