import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History } from '../../models/kernel/spec.ts';
import {
  context,
  deliver,
  groupWorld,
  historyOf,
  multicast,
  type GroupWorld,
} from './group-histories.ts';
import { agreement, checkAgreement } from '../../properties/agreement.ts';

describe('agreement property', () => {
  it('is a quiescence property named agreement', () => {
    expect(agreement.name).toBe('agreement');
    expect(agreement.kind).toBe('quiescence');
    expect(agreement.check).toBe(checkAgreement);
  });
});

describe('checkAgreement on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkAgreement([], context(true, true, true))).toBeNull();
  });

  it('holds with one node that delivered what it delivered', () => {
    expect(checkAgreement([multicast(0, 'm0'), deliver(0, 'm0')], context(true))).toBeNull();
  });

  it('holds when every up node delivered every delivered message', () => {
    const history = [multicast(0, 'm0'), deliver(1, 'm0'), deliver(0, 'm0'), deliver(2, 'm0')];

    expect(checkAgreement(history, context(true, true, true))).toBeNull();
  });

  it('holds when a message was multicast but delivered by nobody', () => {
    expect(checkAgreement([multicast(0, 'm0')], context(true, true))).toBeNull();
  });

  it('excludes a crashed node that missed a message', () => {
    const history: History = [
      multicast(0, 'm0'),
      { node: 2, kind: 'crash' },
      deliver(0, 'm0'),
      deliver(1, 'm0'),
    ];

    expect(checkAgreement(history, context(true, true, false))).toBeNull();
  });

  it('ignores other kinds and deliveries without a string id', () => {
    const history: History = [
      { node: 1, kind: 'join' },
      { node: 0, kind: 'execute', msg: 'm5' },
      { node: 0, kind: 'deliver', msg: 5 },
      { node: 0, kind: 'deliver' },
      { node: 1, kind: 'leave' },
    ];

    expect(checkAgreement(history, context(true, true))).toBeNull();
  });
});

describe('checkAgreement on histories that violate it', () => {
  it('reports the message, the node that delivered it and the up node that did not', () => {
    const history = [multicast(0, 'm0'), deliver(0, 'm0'), deliver(2, 'm0')];

    expect(checkAgreement(history, context(true, true, true))).toEqual({
      property: 'agreement',
      message: 'node 0 delivered m0 but node 1, which is up, did not',
      nodes: [0, 1],
      messages: ['m0'],
    });
  });

  it('is uniform: a delivery by a node that later crashed still counts', () => {
    const history: History = [multicast(1, 'm0'), deliver(2, 'm0'), { node: 2, kind: 'crash' }];

    expect(checkAgreement(history, context(true, true, false))).toMatchObject({
      nodes: [2, 0],
      messages: ['m0'],
    });
  });

  it('counts deliveries of messages that were never multicast', () => {
    expect(checkAgreement([deliver(1, 'x')], context(true, true))).toMatchObject({
      nodes: [1, 0],
      messages: ['x'],
    });
  });

  it('counts deliveries by nodes outside the configuration', () => {
    expect(checkAgreement([deliver(7, 'x')], context(false, true))).toMatchObject({
      nodes: [7, 1],
      messages: ['x'],
    });
  });

  it('reports the first delivered message, its first deliverer and the lowest missing up node', () => {
    const history = [
      multicast(0, 'a'),
      multicast(0, 'b'),
      deliver(3, 'b'),
      deliver(1, 'b'),
      deliver(2, 'a'),
    ];

    expect(checkAgreement(history, context(true, true, true, true))).toMatchObject({
      nodes: [3, 0],
      messages: ['b'],
    });
  });
});

/** Makes every up node deliver each message that anybody delivered. */
function completed(w: GroupWorld): GroupWorld {
  const messages = w.messages.map(({ sender, delivered }) => ({
    sender,
    delivered: delivered.some(Boolean)
      ? delivered.map((did, node) => did || w.up[node]!)
      : delivered,
  }));
  return { ...w, messages };
}

describe('checkAgreement, property-based', () => {
  test.prop([groupWorld])('holds once every up node delivered every delivered message', (w) => {
    const done = completed(w);

    expect(checkAgreement(historyOf(done), context(...done.up))).toBeNull();
  });

  test.prop([groupWorld])('reports a violation exactly when one exists, and it is genuine', (w) => {
    // Arrange
    const missing = w.messages.some(
      ({ delivered }) =>
        delivered.some(Boolean) && w.up.some((isUp, node) => isUp && !delivered[node]),
    );

    // Act
    const verdict = checkAgreement(historyOf(w), context(...w.up));

    // Assert
    expect(verdict !== null).toBe(missing);
    if (verdict === null) return;
    const [deliverer, absent] = verdict.nodes as [number, number];
    const { delivered } = w.messages[Number(verdict.messages[0]!.slice(1))]!;
    expect(delivered[deliverer]).toBe(true);
    expect(w.up[absent]).toBe(true);
    expect(delivered[absent]).toBe(false);
  });

  test.prop([groupWorld, fc.nat(), fc.nat()])(
    'finds an up node whose delivery was removed',
    (w, pickMessage, pickNode) => {
      // Arrange: complete the world, then drop one up node's delivery of a message others got.
      const done = completed(w);
      const k = pickMessage % Math.max(1, done.messages.length);
      const target = done.messages[k];
      const ups = done.up.flatMap((isUp, node) => (isUp ? [node] : []));
      fc.pre(target !== undefined && ups.length > 0);
      const node = ups[pickNode % ups.length]!;
      fc.pre(target.delivered.some((did, other) => did && other !== node));
      const history = historyOf(done).filter(
        (o) => !(o.kind === 'deliver' && o.node === node && o.msg === `m${k}`),
      );

      // Act
      const verdict = checkAgreement(history, context(...done.up));

      // Assert
      const first = history.find((o) => o.kind === 'deliver' && o.msg === `m${k}`)!;
      expect(verdict).toMatchObject({ nodes: [first.node, node], messages: [`m${k}`] });
    },
  );
});
