import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';
import { NodeMemory } from './node-memory.ts';

/**
 * Checks Freenet's caching rule (Clarke et al. 2001, section 3.2): a node that passes data back
 * along the reverse path (`relay {id, key}`) holds the key at that point (`store {key}` earlier,
 * not `evict`ed since, nor lost in a crash or leave).
 */
export function checkReversePathCaching(history: History): Verdict {
  const held = new NodeMemory<true>();
  for (const o of history) {
    const { key, id } = o;
    if (held.forgetOn(o) || typeof key !== 'string') continue;
    if (o.kind === 'store') held.set(o.node, key, true);
    if (o.kind === 'evict') held.delete(o.node, key);
    if (o.kind === 'relay' && !held.get(o.node, key)) {
      return {
        property: 'reverse-path-caching',
        message: `node ${o.node} relayed key ${key} for ${String(id)} without caching it`,
        nodes: [o.node],
        messages: typeof id === 'string' ? [id, key] : [key],
      };
    }
  }
  return null;
}

/** Reverse-path caching: every node that relays data back caches it. */
export const reversePathCaching: CheckedProperty = {
  name: 'reverse-path-caching',
  statement: 'Every node that passes data back along the reverse path caches it.',
  kind: 'safety',
  check: checkReversePathCaching,
};
