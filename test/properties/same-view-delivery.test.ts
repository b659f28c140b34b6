import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation, Violation } from '../../models/kernel/spec.ts';
import { checkSameViewDelivery, sameViewDelivery } from '../../properties/same-view-delivery.ts';

const deliver = (node: number, msg: string, view: number): Observation => ({
  node,
  kind: 'deliver',
  msg,
  view,
});

const violation = (p: number, q: number, msg: string, v: number, w: number): Violation => ({
  property: 'same-view-delivery',
  message: `node ${p} delivered ${msg} in view ${v}, node ${q} in view ${w}`,
  nodes: [p, q],
  messages: [msg],
});

describe('sameViewDelivery property', () => {
  it('is a safety property named same-view-delivery', () => {
    expect(sameViewDelivery.name).toBe('same-view-delivery');
    expect(sameViewDelivery.kind).toBe('safety');
    expect(sameViewDelivery.check).toBe(checkSameViewDelivery);
  });
});

describe('checkSameViewDelivery on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkSameViewDelivery([])).toBeNull();
  });

  it('holds when every delivery of a message is in one view, whoever delivers it and when', () => {
    const history = [
      deliver(0, 'm0', 0),
      deliver(1, 'm1', 1),
      { node: 1, kind: 'view', view: 1, members: [0, 1] },
      deliver(1, 'm0', 0),
      deliver(0, 'm1', 1),
    ];

    expect(checkSameViewDelivery(history)).toBeNull();
  });

  it('skips deliveries without a view or a string id', () => {
    const history: History = [
      deliver(0, 'm0', 0),
      { node: 1, kind: 'deliver', msg: 'm0' },
      { node: 1, kind: 'deliver', msg: 'm0', view: '2' },
      { node: 1, kind: 'deliver', msg: 3, view: 2 },
      { node: 1, kind: 'multicast', msg: 'm0', view: 2 },
    ];

    expect(checkSameViewDelivery(history)).toBeNull();
  });
});

describe('checkSameViewDelivery on histories that violate it', () => {
  it('reports a message delivered in two views, against its first delivery', () => {
    const history = [deliver(2, 'm0', 0), deliver(0, 'm0', 0), deliver(1, 'm0', 1)];

    expect(checkSameViewDelivery(history)).toEqual(violation(2, 1, 'm0', 0, 1));
  });

  it('reports even one node delivering a message in two views', () => {
    const history = [deliver(0, 'm3', 2), deliver(0, 'm3', 3)];

    expect(checkSameViewDelivery(history)?.message).toBe(
      'node 0 delivered m3 in view 2, node 0 in view 3',
    );
  });
});

describe('checkSameViewDelivery, property-based', () => {
  /** Messages with their views, and deliveries of them by nodes 0..3 in any order. */
  const deliveries = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.nat(4)), {
      minLength: 1,
      maxLength: 6,
      selector: ([id]) => id,
    })
    .chain((messages) =>
      fc.array(fc.tuple(fc.nat(3), fc.constantFrom(...messages)), { minLength: 1, maxLength: 20 }),
    );

  test.prop([deliveries])('holds when each message is delivered in its own view', (list) => {
    const history = list.map(([node, [id, v]]) => deliver(node, `m${id}`, v));
    expect(checkSameViewDelivery(history)).toBeNull();
  });

  test.prop([deliveries, fc.nat(), fc.integer({ min: 1, max: 3 })])(
    'reports the first delivery moved to another view',
    (list, pick, shift) => {
      // Arrange: move one delivery that is not its message's first to another view.
      const history = list.map(([node, [id, v]]) => deliver(node, `m${id}`, v));
      const later = history.flatMap((o, i) =>
        history.findIndex((e) => e.msg === o.msg) < i ? [i] : [],
      );
      fc.pre(later.length > 0);
      const k = later[pick % later.length]!;
      const { node, msg, view: was } = history[k]!;
      history[k] = deliver(node, msg as string, (was as number) + shift);
      const first = history.find((o) => o.msg === msg)!;

      // Act / Assert: every other delivery is still in its message's view.
      expect(checkSameViewDelivery(history)).toEqual(
        violation(first.node, node, msg as string, first.view as number, (was as number) + shift),
      );
    },
  );
});
