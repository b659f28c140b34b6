import type { CheckedProperty, History, PropertyContext, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that every operation a client invoked (`invoke {op}`, Jepsen's history shape) has
 * completed, `ok`, `fail` or `info {op}` at the same node, unless that client is down at the end
 * (its operation then stays open, as linearizability allows). Reports the first open operation.
 * Observations without a string `op` are skipped.
 */
export function checkOperationsComplete(history: History, context: PropertyContext): Verdict {
  const open = new Map<string, number>();
  for (const o of history) {
    const op = o['op'];
    if (typeof op !== 'string') continue;
    if (o.kind === 'invoke') open.set(op, o.node);
    else if (o.kind === 'ok' || o.kind === 'fail' || o.kind === 'info') open.delete(op);
  }
  for (const [op, node] of open) {
    if (context.up[node] !== true) continue;
    return {
      property: 'operations-complete',
      message: `node ${node} invoked ${op}, which never completed`,
      nodes: [node],
      messages: [op],
    };
  }
  return null;
}

/**
 * Every operation of a live client completes: at quiescence, and as a liveness (leads-to)
 * property on every fair cycle (`invoke ~> ok | fail | info`). A crash never lies on a cycle, so
 * a client up there stays up.
 */
export const operationsComplete: CheckedProperty = {
  name: 'operations-complete',
  statement:
    'Every operation a client that stays up invokes eventually completes (ok, fail or info).',
  kind: 'quiescence',
  liveness: true,
  check: checkOperationsComplete,
};
