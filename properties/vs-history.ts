import type { History } from '../models/kernel/spec.ts';
import { installation, startsIncarnation } from './views.ts';

/** A multicast as its sender's history shows it. */
export interface SentMulticast {
  /** The message id. */
  readonly msg: string;
  /**
   * The view it was sent in: the sender's view when it multicast, unless it had stopped sending
   * (a `flush` of that view came first, or it had no view yet); then the next view it installed.
   * Undefined when it never installed one after holding the message back.
   */
  readonly sentIn: number | undefined;
}

/** One incarnation of a node, read from the history (a `join` or `recover` starts a new one). */
export interface Incarnation {
  /** The views it installed, in order. */
  readonly views: number[];
  /** The views it stopped sending in (`{ kind: 'flush', view }`). */
  readonly flushed: Set<number>;
  /** Its multicasts, in order. */
  readonly multicasts: SentMulticast[];
  /** The nodes it suspected in each view (`{ kind: 'suspect', suspect }`), by view id. */
  readonly suspected: Map<number, Set<number>>;
  /** Whether it crashed or left (`crash`, `leave`), ending this incarnation. */
  ended: boolean;
}

/** What a virtual-synchrony history says about nodes, views and messages. */
export interface GroupHistory {
  /** Each node's incarnations, oldest first (at least one per node seen). */
  readonly incarnations: Map<number, Incarnation[]>;
  /** The members of each view, as first installed. */
  readonly members: Map<number, readonly number[]>;
  /** The nodes that delivered each message (in any view, any incarnation). */
  readonly deliverers: Map<string, Set<number>>;
  /** The highest view id installed by anyone (-1: none). */
  readonly latest: number;
}

/**
 * Reads a virtual-synchrony history: installations `{ kind: 'view', view, members }`, deliveries
 * `{ kind: 'deliver', msg }`, multicasts `{ kind: 'multicast', msg }`, the start of a flush
 * `{ kind: 'flush', view }` (the member stops sending in `view`), suspicions
 * `{ kind: 'suspect', suspect }` (in the view it is in), and the kernel's `crash`,
 * `leave`, `join` and `recover`. A node that left in view v and joined again may believe, at
 * first, that it is in view v or an older one (it restarts from its configured input); the others
 * ignore it there, so those installations are skipped. Observations of other kinds, or with fields
 * of other types, are skipped.
 */
export function readGroupHistory(history: History): GroupHistory {
  const incarnations = new Map<number, Incarnation[]>();
  const members = new Map<number, readonly number[]>();
  const deliverers = new Map<string, Set<number>>();
  const held = new Map<number, SentMulticast[]>();
  const left = new Map<number, number>();
  let latest = -1;
  const fresh = (): Incarnation => ({
    views: [],
    flushed: new Set(),
    multicasts: [],
    suspected: new Map(),
    ended: false,
  });
  const current = (node: number): Incarnation => {
    let list = incarnations.get(node);
    if (list === undefined) {
      list = [fresh()];
      incarnations.set(node, list);
    }
    return list[list.length - 1]!;
  };
  for (const o of history) {
    if (startsIncarnation(o)) {
      current(o.node);
      incarnations.get(o.node)!.push(fresh());
      held.delete(o.node);
      continue;
    }
    const inc = current(o.node);
    const { msg, view } = o;
    if (o.kind === 'crash' || o.kind === 'leave') inc.ended = true;
    if (o.kind === 'leave' && inc.views.length > 0)
      left.set(o.node, Math.max(left.get(o.node) ?? -1, inc.views.at(-1)!));
    else if (o.kind === 'flush' && typeof view === 'number') inc.flushed.add(view);
    else if (o.kind === 'suspect' && typeof o['suspect'] === 'number') {
      const now = inc.views.at(-1);
      if (now !== undefined)
        inc.suspected.set(now, (inc.suspected.get(now) ?? new Set()).add(o['suspect']));
    } else if (o.kind === 'deliver' && typeof msg === 'string') {
      const nodes = deliverers.get(msg) ?? new Set<number>();
      deliverers.set(msg, nodes.add(o.node));
    } else if (o.kind === 'multicast' && typeof msg === 'string') {
      const now = inc.views[inc.views.length - 1];
      if (now !== undefined && !inc.flushed.has(now)) inc.multicasts.push({ msg, sentIn: now });
      else held.set(o.node, [...(held.get(o.node) ?? []), { msg, sentIn: undefined }]);
    }
    const inst = installation(o);
    if (inst === null) continue;
    // A node that left view v and came back believes in a view it left: the others ignore it
    // there, so such an installation (of v or an older view) is not one.
    if (inst.view <= (left.get(o.node) ?? -1)) continue;
    inc.views.push(inst.view);
    if (!members.has(inst.view)) members.set(inst.view, inst.members);
    latest = Math.max(latest, inst.view);
    for (const h of held.get(o.node) ?? []) inc.multicasts.push({ msg: h.msg, sentIn: inst.view });
    held.delete(o.node);
  }
  for (const [node, list] of held) {
    for (const h of list) incarnations.get(node)!.at(-1)!.multicasts.push(h);
  }
  return { incarnations, members, deliverers, latest };
}

/** The incarnation a node is in now (the last one the history shows), if any. */
export function currentIncarnation(g: GroupHistory, node: number): Incarnation | undefined {
  return g.incarnations.get(node)?.at(-1);
}

/** Whether some incarnation of `node` installed `view` and then `next`, one right after the other. */
export function moved(g: GroupHistory, node: number, view: number, next: number): boolean {
  return (g.incarnations.get(node) ?? []).some((inc) => {
    const k = inc.views.indexOf(view);
    return k >= 0 && inc.views[k + 1] === next;
  });
}

/** Whether some incarnation of `node` installed `view`. */
export function installed(g: GroupHistory, node: number, view: number): boolean {
  return (g.incarnations.get(node) ?? []).some((inc) => inc.views.includes(view));
}
