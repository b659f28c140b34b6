import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';
import { answerOn, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, NodeMemory } from './node-memory.ts';

/** What insert-collision remembers: the data each node holds per key, and per insert at its start. */
interface Held {
  readonly held: NodeMemory<string>;
  readonly atStart: NodeMemory<string>;
}

/** Insert collision as a monitor, up to the first violation. */
const monitor = untilViolation<Held>(
  { held: NodeMemory.empty(), atStart: NodeMemory.empty() },
  (memory, o) => {
    const { key, data, id } = o;
    if (endsIncarnation(o)) {
      const held = memory.held.after(o);
      return held === memory.held ? memory : { ...memory, held };
    }
    if (typeof key !== 'string') return memory;
    let { held, atStart } = memory;
    if (o.kind === 'evict') held = held.delete(o.node, key);
    const old = held.get(o.node, key);
    if (o.kind === 'insert' && typeof id === 'string' && old !== undefined) {
      atStart = atStart.set(o.node, id, old);
    }
    if ((o.kind === 'store' || o.kind === 'inserted') && typeof data === 'string') {
      const before = o.kind === 'store' ? old : atStart.get(o.node, String(id));
      if (before !== undefined && before !== data) {
        const what = o.kind === 'store' ? 'overwrote' : 'reported a new insert of';
        return violated({
          property: 'insert-collision',
          message: `node ${o.node} ${what} key ${key} (held ${before}) with ${data}`,
          nodes: [o.node],
          messages: [key, before, data],
        });
      }
      if (o.kind === 'store') held = held.set(o.node, key, data);
    }
    return held === memory.held && atStart === memory.atStart ? memory : { held, atStart };
  },
);

/**
 * Checks Freenet's insert collision rule (Clarke et al. 2001, section 3.3) per node: a node that
 * holds a key (`store {key, data}`, not `evict`ed since) never stores other data under it, and an
 * insert it starts while holding the key (`insert {id, key}`) reports the held data (`inserted {id,
 * data}`). A crash or leave empties the node's datastore.
 */
export function checkInsertCollision(history: History): Verdict {
  return answerOn(monitor, history);
}

/** Insert collision: an existing key is never overwritten; the inserter gets the existing data. */
export const insertCollision: CheckedProperty = {
  name: 'insert-collision',
  statement:
    'A node holding a key never stores other data under it; an insert of a held key reports the ' +
    'existing data.',
  kind: 'safety',
  check: checkInsertCollision,
  monitor,
};
