import type { History } from '../models/kernel/observation.ts';
import type { CheckedProperty, Verdict } from './violation.ts';

/**
 * Checks that no node handles a request twice (`handle {id}` at most once per node and id): a
 * request that loops back must be refused, not processed again.
 */
export function checkHandledOnce(history: History): Verdict {
  const handled = new Set<string>();
  for (const o of history) {
    const { id } = o;
    if (o.kind !== 'handle' || typeof id !== 'string') continue;
    if (handled.has(`${o.node}/${id}`)) {
      return {
        property: 'handled-once',
        message: `node ${o.node} handled request ${id} twice`,
        nodes: [o.node],
        messages: [id],
      };
    }
    handled.add(`${o.node}/${id}`);
  }
  return null;
}

/** Checks that every `handle {id}` at a node was followed by an `answer {id}` at that node. */
export function checkNonePending(history: History): Verdict {
  const open = new Map<string, { node: number; id: string }>();
  for (const o of history) {
    const { id } = o;
    if (typeof id !== 'string') continue;
    if (o.kind === 'handle') open.set(`${o.node}/${id}`, { node: o.node, id });
    if (o.kind === 'answer') open.delete(`${o.node}/${id}`);
  }
  const [first] = open.values();
  if (first === undefined) return null;
  return {
    property: 'none-pending',
    message: `node ${first.node} never answered request ${first.id}`,
    nodes: [first.node],
    messages: [first.id],
  };
}

/** No request handled twice by a node. */
export const handledOnce: CheckedProperty = {
  name: 'handled-once',
  statement: 'No node handles the same request or insert twice.',
  kind: 'safety',
  check: checkHandledOnce,
};

/** At quiescence no request is pending. */
export const nonePending: CheckedProperty = {
  name: 'none-pending',
  statement: 'At quiescence every node has answered every request and insert it handled.',
  kind: 'quiescence',
  check: checkNonePending,
};
