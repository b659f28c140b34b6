import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import {
  checkDeliveryWindow,
  checkFifoPerPublisher,
  checkNoDuplicateDelivery,
  deliveryWindow,
  fifoPerPublisher,
  noDuplicateDelivery,
} from '../../properties/subscription-delivery.ts';

const subscribe = (node: number, topic = 'a'): Observation => ({ node, kind: 'subscribe', topic });
const subscribed = (node: number, from: number, topic = 'a'): Observation => ({
  node,
  kind: 'subscribed',
  topic,
  from,
});
const unsubscribed = (node: number, until: number, topic = 'a'): Observation => ({
  node,
  kind: 'unsubscribed',
  topic,
  until,
});
const deliver = (node: number, event: string, seq: number, k = seq + 1, topic = 'a') => ({
  node,
  kind: 'deliver',
  event,
  topic,
  seq,
  publisher: 0,
  k,
});

describe('the subscription delivery properties', () => {
  it('are safety properties with their names', () => {
    expect(deliveryWindow).toMatchObject({ name: 'delivery-window', kind: 'safety' });
    expect(noDuplicateDelivery).toMatchObject({ name: 'no-duplicate-delivery', kind: 'safety' });
    expect(fifoPerPublisher).toMatchObject({ name: 'fifo-per-publisher', kind: 'safety' });
  });
});

describe('delivery-window on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkDeliveryWindow([])).toBeNull();
  });

  it('holds when a subscriber delivers its window from the cut to the unsubscription', () => {
    const history: History = [
      { node: 0, kind: 'sequence', topic: 'a', seq: 0 },
      subscribe(4),
      subscribed(4, 1),
      deliver(4, 'm1', 1),
      deliver(4, 'm2', 2),
      { node: 4, kind: 'unsubscribe', topic: 'a' },
      deliver(4, 'm3', 3),
      unsubscribed(4, 4),
      subscribe(4, 'b'),
      subscribed(4, 0, 'b'),
      deliver(4, 'n0', 0, 1, 'b'),
    ];
    expect(checkDeliveryWindow(history)).toBeNull();
  });

  it('ignores a repeated delivery (no-duplicate-delivery reports it)', () => {
    const history = [subscribe(4), subscribed(4, 0), deliver(4, 'm0', 0), deliver(4, 'm0', 0)];
    expect(checkDeliveryWindow(history)).toBeNull();
  });
});

describe('delivery-window on histories that violate it', () => {
  it('reports an event delivered off-topic', () => {
    const history = [subscribe(4), subscribed(4, 0), deliver(4, 'n0', 0, 1, 'b')];
    expect(checkDeliveryWindow(history)).toEqual({
      property: 'delivery-window',
      message: 'node 4 delivered n0 of b outside any subscription to b',
      nodes: [4],
      messages: ['n0'],
    });
  });

  it('reports an event delivered before the acknowledgement', () => {
    const history = [subscribe(4), deliver(4, 'm0', 0), subscribed(4, 0)];
    expect(checkDeliveryWindow(history)?.message).toBe(
      'node 4 delivered m0 of a outside any subscription to a',
    );
  });

  it('reports an event before the cut', () => {
    const history = [subscribe(4), subscribed(4, 1), deliver(4, 'm0', 0)];
    expect(checkDeliveryWindow(history)?.message).toBe(
      'node 4 delivered m0 (a #0), published before its subscription took effect at #1',
    );
  });

  it('reports a skipped position', () => {
    const history = [subscribe(4), subscribed(4, 0), deliver(4, 'm1', 1)];
    expect(checkDeliveryWindow(history)?.message).toBe('node 4 delivered m1 (a #1) but missed #0');
  });

  it('reports an unsubscription whose cut does not match what was delivered', () => {
    const history = [subscribe(4), subscribed(4, 0), deliver(4, 'm0', 0), unsubscribed(4, 2)];
    expect(checkDeliveryWindow(history)?.message).toBe(
      'node 4 ended its subscription to a at #2 having delivered #0..#0',
    );
  });

  it('reports an event after the unsubscription', () => {
    const history = [subscribe(4), subscribed(4, 0), unsubscribed(4, 0), deliver(4, 'm0', 0)];
    expect(checkDeliveryWindow(history)?.message).toBe(
      'node 4 delivered m0 of a outside any subscription to a',
    );
  });

  it('reports an acknowledgement nobody asked for', () => {
    expect(checkDeliveryWindow([subscribed(4, 0)])?.message).toBe(
      'node 4 acknowledged a subscription to a it did not ask for',
    );
  });
});

describe('no-duplicate-delivery', () => {
  it('holds when every subscriber delivers each event once', () => {
    const history = [deliver(4, 'm0', 0), deliver(5, 'm0', 0), deliver(4, 'm1', 1)];
    expect(checkNoDuplicateDelivery(history)).toBeNull();
  });

  it('reports an event delivered twice to one subscriber', () => {
    const history = [deliver(4, 'm0', 0), deliver(4, 'm1', 1), deliver(4, 'm0', 0)];
    expect(checkNoDuplicateDelivery(history)).toEqual({
      property: 'no-duplicate-delivery',
      message: 'node 4 delivered m0 twice',
      nodes: [4],
      messages: ['m0'],
    });
  });
});

describe('fifo-per-publisher', () => {
  it('holds when each publisher’s events of a topic come in publication order', () => {
    const history = [
      deliver(4, 'm0', 0, 1),
      deliver(4, 'n0', 0, 2, 'b'),
      deliver(4, 'm1', 1, 3),
      { ...deliver(4, 'x', 2, 1), publisher: 1 },
    ];
    expect(checkFifoPerPublisher(history)).toBeNull();
  });

  it('reports a publisher’s later event delivered first', () => {
    const history = [deliver(4, 'm1', 1, 2), deliver(4, 'm0', 0, 1)];
    expect(checkFifoPerPublisher(history)).toEqual({
      property: 'fifo-per-publisher',
      message: "node 4 delivered m0 (publisher 0's #1) after m1 (#2)",
      nodes: [4],
      messages: ['m1', 'm0'],
    });
  });
});
