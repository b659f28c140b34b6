import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';
import { answerOn, monitor, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, NodeMemory } from './node-memory.ts';

/** Handled-once as a monitor: the ids each node handled, up to the first violation. */
const handledMonitor = untilViolation(NodeMemory.empty<true>(), (handled, o) => {
  const { id } = o;
  if (endsIncarnation(o)) return handled.after(o);
  if (o.kind !== 'handle' || typeof id !== 'string') return handled;
  if (!handled.get(o.node, id)) return handled.set(o.node, id, true);
  return violated({
    property: 'handled-once',
    message: `node ${o.node} handled request ${id} twice`,
    nodes: [o.node],
    messages: [id],
  });
});

/**
 * Checks that no node handles a request twice (`handle {id}` at most once per node and id): a
 * request that loops back must be refused, not processed again. A node that crashed or left and
 * came back is a new incarnation with no memory of the ids.
 */
export function checkHandledOnce(history: History): Verdict {
  return answerOn(handledMonitor, history);
}

/** None-pending as a monitor: the requests each node handled and has not answered. */
const pendingMonitor = monitor<NodeMemory<string>, Verdict>({
  start: NodeMemory.empty<string>(),
  step: (open, o) => {
    const { id } = o;
    if (endsIncarnation(o)) return open.after(o);
    if (typeof id !== 'string') return open;
    if (o.kind === 'handle') return open.set(o.node, id, id);
    if (o.kind === 'answer') return open.delete(o.node, id);
    return open;
  },
  answer: (open) => {
    const entry = open.first();
    if (entry === undefined) return null;
    return {
      property: 'none-pending',
      message: `node ${entry.node} never answered request ${entry.value}`,
      nodes: [entry.node],
      messages: [entry.value],
    };
  },
});

/**
 * Checks that every `handle {id}` at a node was followed by an `answer {id}` at that node, unless
 * the node crashed or left since (what it held is gone with it; the node waiting on it times out).
 */
export function checkNonePending(history: History): Verdict {
  return answerOn(pendingMonitor, history);
}

/** No request handled twice by a node. */
export const handledOnce: CheckedProperty = {
  name: 'handled-once',
  statement: 'No node handles the same request or insert twice.',
  kind: 'safety',
  check: checkHandledOnce,
  monitor: handledMonitor,
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
  monitor: pendingMonitor,
};
