/**
 * Delivery guarantees of a publish-subscribe service, over the history of what subscribers did:
 * each subscription's window, no duplicate, FIFO per publisher. A subscriber observes
 * `subscribe {topic}` (its request), `subscribed {topic, from}` (the acknowledgement: the
 * subscription took effect at position `from` of the topic's sequence), `deliver {event, topic,
 * seq, publisher, k}`, `unsubscribe {topic}` and `unsubscribed {topic, until}` (the unsubscription
 * took effect at position `until`, and everything below it was delivered). Positions are the
 * topic's sequence numbers (0, 1, …) given where publication takes effect (the origin, which
 * observes `sequence`); subscription-cut.ts checks that the cuts are honest.
 */
import type { CheckedProperty, History, Observation, Verdict } from '../models/kernel/spec.ts';

/** One subscriber's subscription to one topic, as its history shows it so far. */
export interface Window {
  /** The topic. */
  readonly topic: string;
  /** Where it took effect (null: requested, not acknowledged yet). */
  readonly from: number | null;
  /** The next position it must deliver. */
  readonly next: number;
}

const str = (o: Observation, field: string): string | null =>
  typeof o[field] === 'string' ? (o[field] as string) : null;
const num = (o: Observation, field: string): number | null =>
  typeof o[field] === 'number' ? (o[field] as number) : null;

const violation = (
  property: string,
  message: string,
  node: number,
  messages: readonly string[],
): Verdict => ({ property, message, nodes: [node], messages: [...messages] });

/**
 * The subscription windows each subscriber went through, checking each delivery against its
 * window: delivered only while the topic's subscription is in effect (acknowledged and not yet
 * ended), from its cut on, in order with no position skipped; an unsubscription's cut must match
 * what was delivered. Returns the first violation, or the open windows per node.
 */
export function walkWindows(
  history: History,
  property: string,
): {
  readonly violation: Verdict;
  readonly open: ReadonlyMap<number, ReadonlyMap<string, Window>>;
} {
  const open = new Map<number, Map<string, Window>>();
  const windows = (node: number) => {
    let w = open.get(node);
    if (w === undefined) open.set(node, (w = new Map()));
    return w;
  };
  for (const o of history) {
    const topic = str(o, 'topic');
    if (topic === null) continue;
    const mine = windows(o.node);
    const w = mine.get(topic);
    if (o.kind === 'subscribe') {
      if (w === undefined) mine.set(topic, { topic, from: null, next: 0 });
    } else if (o.kind === 'subscribed') {
      const from = num(o, 'from') ?? 0;
      if (w === undefined || w.from !== null) {
        const v = violation(
          property,
          `node ${o.node} acknowledged a subscription to ${topic} it did not ask for`,
          o.node,
          [topic],
        );
        return { violation: v, open };
      }
      mine.set(topic, { topic, from, next: from });
    } else if (o.kind === 'deliver') {
      const event = str(o, 'event') ?? '?';
      const seq = num(o, 'seq') ?? -1;
      if (w === undefined || w.from === null) {
        const v = violation(
          property,
          `node ${o.node} delivered ${event} of ${topic} outside any subscription to ${topic}`,
          o.node,
          [event],
        );
        return { violation: v, open };
      }
      if (seq < w.from) {
        const v = violation(
          property,
          `node ${o.node} delivered ${event} (${topic} #${seq}), published before its subscription took effect at #${w.from}`,
          o.node,
          [event],
        );
        return { violation: v, open };
      }
      if (seq > w.next) {
        const v = violation(
          property,
          `node ${o.node} delivered ${event} (${topic} #${seq}) but missed #${w.next}`,
          o.node,
          [event],
        );
        return { violation: v, open };
      }
      if (seq === w.next) mine.set(topic, { ...w, next: seq + 1 });
    } else if (o.kind === 'unsubscribed') {
      const until = num(o, 'until') ?? 0;
      if (w === undefined || w.from === null || w.next !== Math.max(until, w.from)) {
        const got = w === undefined || w.from === null ? 'nothing' : `#${w.from}..#${w.next - 1}`;
        const v = violation(
          property,
          `node ${o.node} ended its subscription to ${topic} at #${until} having delivered ${got}`,
          o.node,
          [topic],
        );
        return { violation: v, open };
      }
      mine.delete(topic);
    }
  }
  return { violation: null, open };
}

/** Checks every subscriber's deliveries against its subscription windows (see `walkWindows`). */
export function checkDeliveryWindow(history: History): Verdict {
  return walkWindows(history, 'delivery-window').violation;
}

/** Checks that no subscriber delivers an event twice. */
export function checkNoDuplicateDelivery(history: History): Verdict {
  const seen = new Map<number, Set<string>>();
  for (const o of history) {
    const event = str(o, 'event');
    if (o.kind !== 'deliver' || event === null) continue;
    let mine = seen.get(o.node);
    if (mine === undefined) seen.set(o.node, (mine = new Set()));
    if (mine.has(event)) {
      return violation('no-duplicate-delivery', `node ${o.node} delivered ${event} twice`, o.node, [
        event,
      ]);
    }
    mine.add(event);
  }
  return null;
}

/** Checks that each subscriber delivers each publisher's events of a topic in publication order. */
export function checkFifoPerPublisher(history: History): Verdict {
  const last = new Map<string, { k: number; event: string }>();
  for (const o of history) {
    const event = str(o, 'event');
    const topic = str(o, 'topic');
    const publisher = num(o, 'publisher');
    const k = num(o, 'k');
    if (
      o.kind !== 'deliver' ||
      event === null ||
      topic === null ||
      publisher === null ||
      k === null
    )
      continue;
    const key = `${o.node}/${publisher}/${topic}`;
    const before = last.get(key);
    if (before !== undefined && k <= before.k) {
      return violation(
        'fifo-per-publisher',
        `node ${o.node} delivered ${event} (publisher ${publisher}'s #${k}) after ${before.event} (#${before.k})`,
        o.node,
        [before.event, event],
      );
    }
    last.set(key, { k, event });
  }
  return null;
}

/**
 * Delivery window: a subscriber delivers an event of a topic only while its subscription to the
 * topic is in effect, every position from the acknowledged cut on with none skipped, and at the
 * unsubscription's acknowledged cut it has delivered exactly the positions in between.
 */
export const deliveryWindow: CheckedProperty = {
  name: 'delivery-window',
  statement:
    'Each subscriber delivers, per topic, exactly the events from its subscription’s cut to its unsubscription’s cut, in order, none off-topic or outside.',
  kind: 'safety',
  check: checkDeliveryWindow,
};

/** No duplicate delivery: each subscriber delivers each event at most once. */
export const noDuplicateDelivery: CheckedProperty = {
  name: 'no-duplicate-delivery',
  statement: 'No subscriber delivers an event twice, whatever the retransmissions and fail-overs.',
  kind: 'safety',
  check: checkNoDuplicateDelivery,
};

/** FIFO per publisher: a publisher's events of a topic are delivered in publication order. */
export const fifoPerPublisher: CheckedProperty = {
  name: 'fifo-per-publisher',
  statement: 'Every subscriber delivers each publisher’s events of a topic in the order published.',
  kind: 'safety',
  check: checkFifoPerPublisher,
};
