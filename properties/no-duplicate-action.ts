import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that no replica executes a request twice (`apply {op}` at most once per node per `op`),
 * however often the client retried it. Reports the first repeated execution; observations without
 * a string `op` are skipped.
 */
export function checkNoDuplicateAction(history: History): Verdict {
  const applied = new Map<number, Set<string>>();
  for (const o of history) {
    const op = o['op'];
    if (o.kind !== 'apply' || typeof op !== 'string') continue;
    let mine = applied.get(o.node);
    if (mine === undefined) {
      mine = new Set();
      applied.set(o.node, mine);
    }
    if (mine.has(op)) {
      return {
        property: 'no-duplicate-action',
        message: `node ${o.node} executed ${op} twice`,
        nodes: [o.node],
        messages: [op],
      };
    }
    mine.add(op);
  }
  return null;
}

/** No duplicate action: each request is executed at most once by each replica. */
export const noDuplicateAction: CheckedProperty = {
  name: 'no-duplicate-action',
  statement: 'Each request is executed at most once by each replica, whatever the retries.',
  kind: 'safety',
  check: checkNoDuplicateAction,
};
