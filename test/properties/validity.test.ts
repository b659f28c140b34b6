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
import { checkValidity, validity } from '../../properties/validity.ts';

describe('validity property', () => {
  it('is a quiescence property named validity', () => {
    expect(validity.name).toBe('validity');
    expect(validity.kind).toBe('quiescence');
    expect(validity.liveness).toBe(true);
    expect(validity.check).toBe(checkValidity);
  });
});

describe('checkValidity on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkValidity([], context(true, true))).toBeNull();
  });

  it('holds with one node that delivered its own multicast', () => {
    expect(checkValidity([multicast(0, 'm0'), deliver(0, 'm0')], context(true))).toBeNull();
  });

  it('holds when every up node delivered every multicast', () => {
    const history = [
      multicast(0, 'm0'),
      multicast(2, 'm1'),
      deliver(2, 'm1'),
      deliver(0, 'm0'),
      deliver(1, 'm1'),
      deliver(1, 'm0'),
      deliver(0, 'm1'),
      deliver(2, 'm0'),
    ];

    expect(checkValidity(history, context(true, true, true))).toBeNull();
  });

  it('excludes a crashed sender whose message nobody delivered', () => {
    const history: History = [multicast(1, 'm0'), { node: 1, kind: 'crash' }];

    expect(checkValidity(history, context(true, false))).toBeNull();
  });

  it('excludes a crashed node that missed a message', () => {
    const history: History = [
      multicast(0, 'm0'),
      { node: 1, kind: 'crash' },
      deliver(0, 'm0'),
      deliver(2, 'm0'),
    ];

    expect(checkValidity(history, context(true, false, true))).toBeNull();
  });

  it('ignores deliveries of messages nobody multicast and other kinds', () => {
    const history: History = [
      deliver(0, 'x'),
      { node: 1, kind: 'join' },
      { node: 0, kind: 'execute', msg: 'y' },
      { node: 1, kind: 'multicast' },
      { node: 1, kind: 'multicast', msg: ['z'] },
      { node: 1, kind: 'leave' },
    ];

    expect(checkValidity(history, context(true, true))).toBeNull();
  });
});

describe('checkValidity on histories that violate it', () => {
  it('reports the sender, the up node that never delivered, and the message', () => {
    const history = [multicast(2, 'm0'), deliver(2, 'm0'), deliver(0, 'm0')];

    expect(checkValidity(history, context(true, true, true))).toEqual({
      property: 'validity',
      message: 'node 2 multicast m0 but node 1, which is up, never delivered it',
      nodes: [2, 1],
      messages: ['m0'],
    });
  });

  it('requires the sender to deliver its own message', () => {
    const history = [multicast(1, 'm0'), deliver(0, 'm0')];

    expect(checkValidity(history, context(true, true))).toMatchObject({
      nodes: [1, 1],
      messages: ['m0'],
    });
  });

  it('still holds the sender to it when it crashed and recovered', () => {
    const history: History = [
      multicast(0, 'm0'),
      { node: 0, kind: 'crash' },
      deliver(1, 'm0'),
      { node: 0, kind: 'recover' },
    ];

    expect(checkValidity(history, context(true, true))).toMatchObject({
      nodes: [0, 0],
      messages: ['m0'],
    });
  });

  it('reports the first multicast in the history and the lowest missing up node', () => {
    const history = [
      multicast(1, 'a'),
      multicast(0, 'b'),
      deliver(0, 'b'),
      deliver(1, 'a'),
      deliver(3, 'a'),
    ];

    expect(checkValidity(history, context(true, true, true, true))).toMatchObject({
      nodes: [1, 0],
      messages: ['a'],
    });
  });

  it('skips a crashed sender and reports the next multicast', () => {
    const history = [multicast(1, 'a'), multicast(0, 'b'), deliver(0, 'b')];

    expect(checkValidity(history, context(true, false, true))).toMatchObject({
      nodes: [0, 2],
      messages: ['b'],
    });
  });
});

/** Makes every up node deliver each message whose sender is up. */
function completed(w: GroupWorld): GroupWorld {
  const messages = w.messages.map(({ sender, delivered }) => ({
    sender,
    delivered: w.up[sender] ? delivered.map((did, node) => did || w.up[node]!) : delivered,
  }));
  return { ...w, messages };
}

describe('checkValidity, property-based', () => {
  test.prop([groupWorld])('holds once every up node delivered what up senders multicast', (w) => {
    const done = completed(w);

    expect(checkValidity(historyOf(done), context(...done.up))).toBeNull();
  });

  test.prop([groupWorld])('reports a violation exactly when one exists, and it is genuine', (w) => {
    // Arrange
    const missing = w.messages.some(
      ({ sender, delivered }) =>
        w.up[sender] && w.up.some((isUp, node) => isUp && !delivered[node]),
    );

    // Act
    const verdict = checkValidity(historyOf(w), context(...w.up));

    // Assert
    expect(verdict !== null).toBe(missing);
    if (verdict === null) return;
    const [sender, absent] = verdict.nodes as [number, number];
    const message = w.messages[Number(verdict.messages[0]!.slice(1))]!;
    expect(message.sender).toBe(sender);
    expect(w.up[sender]).toBe(true);
    expect(w.up[absent]).toBe(true);
    expect(message.delivered[absent]).toBe(false);
  });

  test.prop([groupWorld, fc.nat(), fc.nat()])(
    'finds an up node whose delivery from an up sender was removed',
    (w, pickMessage, pickNode) => {
      // Arrange: complete the world, then drop one up node's delivery of an up sender's message.
      const done = completed(w);
      const k = pickMessage % Math.max(1, done.messages.length);
      const target = done.messages[k];
      const ups = done.up.flatMap((isUp, node) => (isUp ? [node] : []));
      fc.pre(target !== undefined && done.up[target.sender] === true);
      const node = ups[pickNode % ups.length]!;
      const history = historyOf(done).filter(
        (o) => !(o.kind === 'deliver' && o.node === node && o.msg === `m${k}`),
      );

      // Act
      const verdict = checkValidity(history, context(...done.up));

      // Assert
      expect(verdict).toMatchObject({ nodes: [target!.sender, node], messages: [`m${k}`] });
    },
  );
});
