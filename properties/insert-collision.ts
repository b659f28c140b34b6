import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';
import { NodeMemory } from './node-memory.ts';

/**
 * Checks Freenet's insert collision rule (Clarke et al. 2001, section 3.3) per node: a node that
 * holds a key (`store {key, data}`, not `evict`ed since) never stores other data under it, and an
 * insert it starts while holding the key (`insert {id, key}`) reports the held data (`inserted {id,
 * data}`). A crash or leave empties the node's datastore.
 */
export function checkInsertCollision(history: History): Verdict {
  const held = new NodeMemory<string>();
  const atStart = new NodeMemory<string>();
  for (const o of history) {
    const { key, data, id } = o;
    if (held.forgetOn(o) || typeof key !== 'string') continue;
    if (o.kind === 'evict') held.delete(o.node, key);
    const old = held.get(o.node, key);
    if (o.kind === 'insert' && typeof id === 'string' && old !== undefined) {
      atStart.set(o.node, id, old);
    }
    if ((o.kind !== 'store' && o.kind !== 'inserted') || typeof data !== 'string') continue;
    const before = o.kind === 'store' ? old : atStart.get(o.node, String(id));
    if (before !== undefined && before !== data) {
      const what = o.kind === 'store' ? 'overwrote' : 'reported a new insert of';
      return {
        property: 'insert-collision',
        message: `node ${o.node} ${what} key ${key} (held ${before}) with ${data}`,
        nodes: [o.node],
        messages: [key, before, data],
      };
    }
    if (o.kind === 'store') held.set(o.node, key, data);
  }
  return null;
}

/** Insert collision: an existing key is never overwritten; the inserter gets the existing data. */
export const insertCollision: CheckedProperty = {
  name: 'insert-collision',
  statement:
    'A node holding a key never stores other data under it; an insert of a held key reports the ' +
    'existing data.',
  kind: 'safety',
  check: checkInsertCollision,
};
