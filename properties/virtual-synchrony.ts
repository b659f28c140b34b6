import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';
import { installation, startsIncarnation } from './views.ts';

/** What one node delivered in each view (of its current incarnation), and its current view. */
interface NodeViews {
  current: number | undefined;
  readonly delivered: Map<number, Set<string>>;
}

/**
 * Checks virtual synchrony (Chockler, Keidar, Vitenberg 2001): two nodes that install the same
 * view w right after the same view v delivered the same messages in v. Deliveries are read as
 * `{ kind: 'deliver', msg, view }` (the view they were delivered in) and installations as
 * `{ kind: 'view', view, members }`; a node that joins or recovers starts afresh. The check is
 * made when the second node moves from v to w; reports that pair, and the first message (in id
 * order) that one of them delivered in v and the other did not.
 */
export function checkVirtualSynchrony(history: History): Verdict {
  const nodes = new Map<number, NodeViews>();
  const movers = new Map<string, { node: number; delivered: Set<string> }>();
  const state = (node: number) => {
    let s = nodes.get(node);
    if (s === undefined) {
      s = { current: undefined, delivered: new Map() };
      nodes.set(node, s);
    }
    return s;
  };
  for (const o of history) {
    if (startsIncarnation(o)) nodes.delete(o.node);
    const { msg, view } = o;
    if (o.kind === 'deliver' && typeof msg === 'string' && typeof view === 'number') {
      const delivered = state(o.node).delivered;
      delivered.set(view, (delivered.get(view) ?? new Set()).add(msg));
      continue;
    }
    const inst = installation(o);
    if (inst === null) continue;
    const s = state(o.node);
    const from = s.current;
    s.current = inst.view;
    if (from === undefined) continue;
    const delivered = s.delivered.get(from) ?? new Set<string>();
    const key = `${from}>${inst.view}`;
    const other = movers.get(key);
    if (other === undefined) {
      movers.set(key, { node: o.node, delivered: new Set(delivered) });
      continue;
    }
    const differ = [...other.delivered, ...delivered]
      .filter((m) => !other.delivered.has(m) || !delivered.has(m))
      .sort();
    if (differ.length === 0) continue;
    const m = differ[0]!;
    const [has, lacks] = other.delivered.has(m) ? [other.node, o.node] : [o.node, other.node];
    return {
      property: 'virtual-synchrony',
      message:
        `nodes ${other.node} and ${o.node} both moved from view ${from} to view ${inst.view}, ` +
        `but node ${has} delivered ${m} in view ${from} and node ${lacks} did not`,
      nodes: [other.node, o.node],
      messages: [m],
    };
  }
  return null;
}

/** Virtual synchrony: members moving together between two views delivered the same messages. */
export const virtualSynchrony: CheckedProperty = {
  name: 'virtual-synchrony',
  statement:
    'Two members that install the same view right after the same view delivered the same set of ' +
    'messages in that view.',
  kind: 'safety',
  check: checkVirtualSynchrony,
};
