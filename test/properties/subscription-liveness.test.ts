import { describe, expect, it } from 'vitest';
import type { History, Observation, PropertyContext } from '../../models/kernel/spec.ts';
import {
  checkEventualDelivery,
  deliveredAfterFailOver,
  eventualDelivery,
  failOverDelivers,
} from '../../properties/subscription-liveness.ts';

// Node 0 publishes, 1 is the origin, 2 and 3 edges, 4 a subscriber.
const allUp: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };
const down = (node: number): PropertyContext => ({
  nodes: 5,
  up: allUp.up.map((u, i) => u && i !== node),
});
const sequence = (seq: number): Observation => ({ node: 1, kind: 'sequence', topic: 'a', seq });
const subscribe: Observation = { node: 4, kind: 'subscribe', topic: 'a', path: [2, 1] };
const subscribed = (from: number): Observation => ({
  node: 4,
  kind: 'subscribed',
  topic: 'a',
  from,
});
const deliver = (seq: number): Observation => ({
  node: 4,
  kind: 'deliver',
  event: `m${seq}`,
  topic: 'a',
  seq,
  publisher: 0,
  k: seq + 1,
});

describe('the subscription liveness properties', () => {
  it('are a quiescence and a sometimes property', () => {
    expect(eventualDelivery).toMatchObject({ name: 'eventual-delivery', kind: 'quiescence' });
    expect(failOverDelivers).toMatchObject({ name: 'fail-over-delivers', kind: 'sometimes' });
  });

  it('checks eventual delivery as a leads-to property too: it names what is still owed', () => {
    expect(eventualDelivery.liveness).toBe(true);
    // What a run that went round forever would leave owed: the request, the event, the leave.
    const owed = [
      [subscribe],
      [subscribe, subscribed(0), sequence(0)],
      [subscribe, subscribed(0), { node: 4, kind: 'unsubscribe', topic: 'a' }],
    ];
    expect(owed.map((h) => checkEventualDelivery(h, allUp)?.messages)).toEqual([
      ['a'],
      ['a'],
      ['a'],
    ]);
  });
});

describe('eventual-delivery on histories that satisfy it', () => {
  it('holds when every open window has every event published in it', () => {
    const history = [sequence(0), subscribe, subscribed(1), sequence(1), deliver(1)];
    expect(checkEventualDelivery(history, allUp)).toBeNull();
  });

  it('holds when a closed window ended at its cut', () => {
    const history: History = [
      subscribe,
      subscribed(0),
      sequence(0),
      deliver(0),
      { node: 4, kind: 'unsubscribe', topic: 'a' },
      { node: 4, kind: 'unsubscribed', topic: 'a', until: 1 },
      sequence(1),
    ];
    expect(checkEventualDelivery(history, allUp)).toBeNull();
  });

  it('excuses a subscriber cut off from the root: itself, its edge or the origin down', () => {
    const history = [subscribe, subscribed(0), sequence(0)];
    for (const node of [4, 2, 1]) expect(checkEventualDelivery(history, down(node))).toBeNull();
    expect(checkEventualDelivery(history, down(3))).not.toBeNull();
  });

  it('follows the subscriber to the edge it re-attached to', () => {
    const history: History = [
      subscribe,
      subscribed(0),
      { node: 4, kind: 'attach', path: [3, 1] },
      sequence(0),
    ];
    expect(checkEventualDelivery(history, down(2))).not.toBeNull();
    expect(checkEventualDelivery(history, down(3))).toBeNull();
  });
});

describe('eventual-delivery on histories that violate it', () => {
  it('reports an event of an open window never delivered', () => {
    const history = [subscribe, subscribed(0), sequence(0), sequence(1), deliver(0)];
    expect(checkEventualDelivery(history, allUp)).toEqual({
      property: 'eventual-delivery',
      message: 'node 4 never delivered a #1 (of 2 published)',
      nodes: [4],
      messages: ['a'],
    });
  });

  it('reports a subscription never acknowledged', () => {
    expect(checkEventualDelivery([subscribe], allUp)?.message).toBe(
      "node 4's subscription to a was never acknowledged",
    );
  });

  it('reports an unsubscription never acknowledged', () => {
    const history = [subscribe, subscribed(0), { node: 4, kind: 'unsubscribe', topic: 'a' }];
    expect(checkEventualDelivery(history, allUp)?.message).toBe(
      "node 4's unsubscription from a was never acknowledged",
    );
  });
});

describe('fail-over-delivers', () => {
  it('is reached by a delivery after a re-attachment', () => {
    const history = [
      subscribe,
      subscribed(0),
      { node: 4, kind: 'attach', path: [3, 1] },
      deliver(0),
    ];
    expect(deliveredAfterFailOver(history)).toBe(true);
  });

  it('is not reached by deliveries before one', () => {
    const history = [
      subscribe,
      subscribed(0),
      deliver(0),
      { node: 4, kind: 'attach', path: [3, 1] },
    ];
    expect(deliveredAfterFailOver(history)).toBe(false);
  });
});
