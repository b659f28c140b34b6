import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';
import { answerOn, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, NodeMemory } from './node-memory.ts';

/** Reverse-path caching as a monitor: the keys each node holds, up to the first violation. */
const monitor = untilViolation(NodeMemory.empty<true>(), (held, o) => {
  const { key, id } = o;
  if (endsIncarnation(o)) return held.after(o);
  if (typeof key !== 'string') return held;
  if (o.kind === 'store') return held.set(o.node, key, true);
  if (o.kind === 'evict') return held.delete(o.node, key);
  if (o.kind !== 'relay' || held.get(o.node, key)) return held;
  return violated({
    property: 'reverse-path-caching',
    message: `node ${o.node} relayed key ${key} for ${String(id)} without caching it`,
    nodes: [o.node],
    messages: typeof id === 'string' ? [id, key] : [key],
  });
});

/**
 * Checks Freenet's caching rule (Clarke et al. 2001, section 3.2): a node that passes data back
 * along the reverse path (`relay {id, key}`) holds the key at that point (`store {key}` earlier,
 * not `evict`ed since, nor lost in a crash or leave).
 */
export function checkReversePathCaching(history: History): Verdict {
  return answerOn(monitor, history);
}

/** Reverse-path caching: every node that relays data back caches it. */
export const reversePathCaching: CheckedProperty = {
  name: 'reverse-path-caching',
  statement: 'Every node that passes data back along the reverse path caches it.',
  kind: 'safety',
  check: checkReversePathCaching,
  monitor,
};
