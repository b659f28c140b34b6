import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';
import { NodeMemory } from './node-memory.ts';

/**
 * Checks that no node handles a request twice (`handle {id}` at most once per node and id): a
 * request that loops back must be refused, not processed again. A node that crashed or left and
 * came back is a new incarnation with no memory of the ids.
 */
export function checkHandledOnce(history: History): Verdict {
  const handled = new NodeMemory<true>();
  for (const o of history) {
    const { id } = o;
    if (handled.forgetOn(o) || o.kind !== 'handle' || typeof id !== 'string') continue;
    if (handled.get(o.node, id)) {
      return {
        property: 'handled-once',
        message: `node ${o.node} handled request ${id} twice`,
        nodes: [o.node],
        messages: [id],
      };
    }
    handled.set(o.node, id, true);
  }
  return null;
}

/**
 * Checks that every `handle {id}` at a node was followed by an `answer {id}` at that node, unless
 * the node crashed or left since (what it held is gone with it; the node waiting on it times out).
 */
export function checkNonePending(history: History): Verdict {
  const open = new NodeMemory<string>();
  for (const o of history) {
    const { id } = o;
    if (open.forgetOn(o) || typeof id !== 'string') continue;
    if (o.kind === 'handle') open.set(o.node, id, id);
    if (o.kind === 'answer') open.delete(o.node, id);
  }
  const entry = open.first();
  if (entry === undefined) return null;
  const first = { node: entry.node, id: entry.value };
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

/**
 * At quiescence no request is pending; a liveness (leads-to) property too: a request or insert a
 * node handled stays unanswered on no fair cycle (`handle ~> answer`: it ends in found or failure).
 */
export const nonePending: CheckedProperty = {
  name: 'none-pending',
  statement: 'At quiescence every node has answered every request and insert it handled.',
  kind: 'quiescence',
  liveness: true,
  check: checkNonePending,
};
