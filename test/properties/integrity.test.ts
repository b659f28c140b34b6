import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { checkIntegrity, integrity } from '../../properties/integrity.ts';

const multicast = (node: number, msg: string): Observation => ({ node, kind: 'multicast', msg });
const deliver = (node: number, msg: string): Observation => ({ node, kind: 'deliver', msg });

describe('integrity property', () => {
  it('is a safety property named integrity', () => {
    expect(integrity.name).toBe('integrity');
    expect(integrity.kind).toBe('safety');
    expect(integrity.check).toBe(checkIntegrity);
  });
});

describe('checkIntegrity on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkIntegrity([])).toBeNull();
  });

  it('holds when every node delivers each multicast once', () => {
    const history = [
      multicast(0, 'm0'),
      deliver(0, 'm0'),
      multicast(1, 'm1'),
      deliver(1, 'm0'),
      deliver(1, 'm1'),
      deliver(0, 'm1'),
    ];

    expect(checkIntegrity(history)).toBeNull();
  });

  it('holds with a single node and multicasts nobody delivered', () => {
    const history = [multicast(0, 'm0'), multicast(0, 'm1'), deliver(0, 'm1')];

    expect(checkIntegrity(history)).toBeNull();
  });

  it('ignores kernel observations, unknown kinds and observations without a string id', () => {
    const history: History = [
      { node: 2, kind: 'join' },
      multicast(0, 'm0'),
      { node: 1, kind: 'crash' },
      { node: 1, kind: 'deliver' },
      { node: 1, kind: 'deliver', msg: null },
      { node: 1, kind: 'recover' },
      { node: 1, kind: 'execute', msg: 'm9' },
      { node: 1, kind: 'execute', msg: 'm9' },
      deliver(1, 'm0'),
      { node: 2, kind: 'leave' },
    ];

    expect(checkIntegrity(history)).toBeNull();
  });
});

describe('checkIntegrity on histories that violate it', () => {
  it('reports a node delivering the same message twice', () => {
    const history = [multicast(0, 'm0'), deliver(1, 'm0'), deliver(0, 'm0'), deliver(1, 'm0')];

    expect(checkIntegrity(history)).toEqual({
      property: 'integrity',
      message: 'node 1 delivered m0 twice',
      nodes: [1],
      messages: ['m0'],
    });
  });

  it('reports a message that was never multicast', () => {
    const history = [multicast(0, 'm0'), deliver(2, 'm7')];

    expect(checkIntegrity(history)).toEqual({
      property: 'integrity',
      message: 'node 2 delivered m7, which was not multicast before',
      nodes: [2],
      messages: ['m7'],
    });
  });

  it('reports a delivery that comes before its multicast', () => {
    const history = [deliver(1, 'm0'), multicast(0, 'm0'), deliver(0, 'm0')];

    expect(checkIntegrity(history)).toMatchObject({ nodes: [1], messages: ['m0'] });
  });

  it('does not count a multicast observation as a delivery', () => {
    const history = [multicast(0, 'm0'), multicast(0, 'm0'), deliver(0, 'm0'), deliver(0, 'm0')];

    expect(checkIntegrity(history)).toMatchObject({ message: 'node 0 delivered m0 twice' });
  });

  it('reports a duplicate that comes before an unknown message', () => {
    const history = [multicast(0, 'm0'), deliver(0, 'm0'), deliver(0, 'm0'), deliver(1, 'x')];

    expect(checkIntegrity(history)).toMatchObject({ nodes: [0], messages: ['m0'] });
  });

  it('reports an unknown message that comes before a duplicate', () => {
    const history = [multicast(0, 'm0'), deliver(0, 'm0'), deliver(1, 'x'), deliver(0, 'm0')];

    expect(checkIntegrity(history)).toMatchObject({ nodes: [1], messages: ['x'] });
  });

  it('reports the first delivery of a never-multicast message, not its duplicate', () => {
    const history = [deliver(0, 'x'), deliver(0, 'x')];

    expect(checkIntegrity(history)?.message).toBe(
      'node 0 delivered x, which was not multicast before',
    );
  });
});

/** Random steps, interpreted so that the history satisfies integrity by construction. */
const step = fc.record({
  node: fc.integer({ min: 0, max: 4 }),
  op: fc.constantFrom('multicast', 'deliver', 'deliver', 'crash'),
  pick: fc.nat(),
});

function validHistory(steps: readonly { node: number; op: string; pick: number }[]): History {
  const history: Observation[] = [];
  const sent: string[] = [];
  for (const { node, op, pick } of steps) {
    if (op === 'multicast') {
      const msg = `m${sent.length}`;
      sent.push(msg);
      history.push(multicast(node, msg));
    } else if (op === 'deliver') {
      // Only messages this node has not delivered yet, so the result never repeats a delivery.
      const fresh = sent.filter(
        (m) => !history.some((o) => o.kind === 'deliver' && o.node === node && o.msg === m),
      );
      if (fresh.length > 0) history.push(deliver(node, fresh[pick % fresh.length]!));
    } else {
      history.push({ node, kind: op });
    }
  }
  return history;
}

const withDelivery = fc
  .array(step, { maxLength: 40 })
  .map(validHistory)
  .filter((history) => history.some((o) => o.kind === 'deliver'));

describe('checkIntegrity, property-based', () => {
  test.prop([fc.array(step, { maxLength: 40 })])(
    'holds on histories valid by construction',
    (steps) => {
      expect(checkIntegrity(validHistory(steps))).toBeNull();
    },
  );

  test.prop([withDelivery, fc.nat(), fc.nat()])(
    'reports a delivery copied to a later point as a duplicate',
    (history, pickDelivery, pickAt) => {
      // Arrange
      const deliveries = history.flatMap((o, i) => (o.kind === 'deliver' ? [i] : []));
      const from = deliveries[pickDelivery % deliveries.length]!;
      const at = from + 1 + (pickAt % (history.length - from));
      const copy = history[from]!;
      const broken = [...history.slice(0, at), copy, ...history.slice(at)];

      // Act
      const verdict = checkIntegrity(broken);

      // Assert
      expect(verdict).toMatchObject({ nodes: [copy.node], messages: [copy.msg] });
      expect(verdict?.message).toMatch(/twice$/);
    },
  );

  test.prop([withDelivery, fc.nat()])(
    'reports the first delivery of a message whose multicast is removed',
    (history, pickDelivery) => {
      // Arrange
      const deliveries = history.filter((o) => o.kind === 'deliver');
      const msg = deliveries[pickDelivery % deliveries.length]!.msg;
      const broken = history.filter((o) => !(o.kind === 'multicast' && o.msg === msg));
      const first = broken.find((o) => o.kind === 'deliver' && o.msg === msg)!;

      // Act
      const verdict = checkIntegrity(broken);

      // Assert
      expect(verdict).toMatchObject({ nodes: [first.node], messages: [msg] });
      expect(verdict?.message).toMatch(/not multicast before$/);
    },
  );
});
