/**
 * Liveness of a publish-subscribe service: at quiescence, every request was acknowledged and every
 * subscription delivered every event published in its window, unless the subscriber is cut off
 * from the root (it, or a broker on its path to the root, is down). A subscriber names its path to
 * the root when it first asks (`subscribe {topic, path}`) and each time it re-attaches
 * (`attach {path}`); publications are `sequence {topic, seq}` observations. See
 * subscription-delivery.ts for the windows.
 */
import type {
  CheckedProperty,
  History,
  PropertyContext,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';
import { walkWindows } from './subscription-delivery.ts';

/** Each node's latest path to the root (`path` of its last `subscribe` or `attach`). */
function paths(history: History): Map<number, readonly number[]> {
  const at = new Map<number, readonly number[]>();
  for (const o of history) {
    const path = o['path'];
    if ((o.kind === 'subscribe' || o.kind === 'attach') && Array.isArray(path)) {
      at.set(
        o.node,
        path.filter((p): p is number => typeof p === 'number'),
      );
    }
  }
  return at;
}

/** Checks, at quiescence, that every connected subscriber got every event of its open windows. */
export function checkEventualDelivery(history: History, context: PropertyContext): Verdict {
  const walked = walkWindows(history, 'eventual-delivery');
  if (walked.violation !== null) return null; // delivery-window reports it
  const count = new Map<string, number>();
  for (const o of history) {
    if (o.kind === 'sequence' && typeof o['topic'] === 'string') {
      count.set(o['topic'], (count.get(o['topic']) ?? 0) + 1);
    }
  }
  const leaving = new Set<string>();
  for (const o of history) {
    if (typeof o['topic'] !== 'string') continue;
    if (o.kind === 'unsubscribe') leaving.add(`${o.node}/${o['topic']}`);
    if (o.kind === 'unsubscribed' || o.kind === 'subscribe')
      leaving.delete(`${o.node}/${o['topic']}`);
  }
  const route = paths(history);
  const connected = (node: number) =>
    context.up[node] === true && (route.get(node) ?? []).every((p) => context.up[p] === true);
  for (const [node, windows] of walked.open) {
    if (!connected(node)) continue;
    for (const w of windows.values()) {
      const fail = (message: string): Verdict => ({
        property: 'eventual-delivery',
        message,
        nodes: [node],
        messages: [w.topic],
      });
      if (w.from === null)
        return fail(`node ${node}'s subscription to ${w.topic} was never acknowledged`);
      const published = count.get(w.topic) ?? 0;
      if (w.next < published) {
        return fail(
          `node ${node} never delivered ${w.topic} #${w.next} (of ${published} published)`,
        );
      }
      if (leaving.has(`${node}/${w.topic}`)) {
        return fail(`node ${node}'s unsubscription from ${w.topic} was never acknowledged`);
      }
    }
  }
  return null;
}

/** Whether some subscriber re-attached to another broker and delivered an event after that. */
export function deliveredAfterFailOver(history: History): boolean {
  const moved = new Set<number>();
  for (const o of history) {
    if (o.kind === 'attach') moved.add(o.node);
    else if (o.kind === 'deliver' && moved.has(o.node)) return true;
  }
  return false;
}

/**
 * Eventual delivery: at quiescence, a subscriber still connected to the root has every request
 * acknowledged and every event published in its open windows delivered. A leads-to property
 * (`subscribe ~> subscribed`, `sequence ~> deliver` in an open window, `unsubscribe ~>
 * unsubscribed`): its check names what is still owed, so it is also applied on every fair cycle
 * (a crash never lies on a cycle, so who is connected there stays connected).
 */
export const eventualDelivery: CheckedProperty = {
  name: 'eventual-delivery',
  statement:
    'Every subscriber connected to the root eventually has its requests acknowledged and every event of its open subscriptions delivered (at quiescence, and on every fair cycle).',
  kind: 'quiescence',
  liveness: true,
  check: checkEventualDelivery,
};

/** Reachability: a fail-over happens and the subscriber goes on delivering. */
export const failOverDelivers: SometimesProperty = {
  name: 'fail-over-delivers',
  statement: 'Some run re-attaches a subscriber to another broker, which then delivers an event.',
  kind: 'sometimes',
  reached: deliveredAfterFailOver,
};
