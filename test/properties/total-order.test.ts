import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation, Violation } from '../../models/kernel/spec.ts';
import { checkTotalOrder, totalOrder } from '../../properties/total-order.ts';

const deliver = (node: number, msg: string): Observation => ({ node, kind: 'deliver', msg });

/** Builds a history in which each node delivers its list, round-robin, so nodes interleave. */
function roundRobin(perNode: readonly (readonly string[])[]): Observation[] {
  const out: Observation[] = [];
  const longest = Math.max(0, ...perNode.map((seq) => seq.length));
  for (let k = 0; k < longest; k++) {
    perNode.forEach((seq, node) => {
      if (k < seq.length) out.push(deliver(node, seq[k]!));
    });
  }
  return out;
}

function inversion(p: number, q: number, a: string, b: string): Violation {
  return {
    property: 'total-order',
    message: `node ${p} delivered ${a} before ${b}, node ${q} delivered ${b} before ${a}`,
    nodes: [p, q],
    messages: [a, b],
  };
}

/** Brute force over the spec: first pair of nodes, then earliest b, then earliest a in p's order. */
function oracle(history: History): Violation | null {
  const seqs = new Map<number, string[]>();
  for (const o of history) {
    if (o.kind !== 'deliver' || typeof o.msg !== 'string') continue;
    const seq = seqs.get(o.node) ?? [];
    if (!seq.includes(o.msg)) seq.push(o.msg);
    seqs.set(o.node, seq);
  }
  const nodes = [...seqs.keys()].sort((x, y) => x - y);
  for (const p of nodes) {
    for (const q of nodes) {
      if (q <= p) continue;
      const sp = seqs.get(p)!;
      const sq = seqs.get(q)!;
      for (let k = 0; k < sp.length; k++) {
        for (let m = 0; m < k; m++) {
          const [a, b] = [sp[m]!, sp[k]!];
          if (sq.includes(a) && sq.includes(b) && sq.indexOf(a) > sq.indexOf(b)) {
            return inversion(p, q, a, b);
          }
        }
      }
    }
  }
  return null;
}

describe('totalOrder property', () => {
  it('is a safety property named total-order', () => {
    expect(totalOrder.name).toBe('total-order');
    expect(totalOrder.kind).toBe('safety');
    expect(totalOrder.check).toBe(checkTotalOrder);
  });
});

describe('checkTotalOrder on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkTotalOrder([])).toBeNull();
  });

  it('holds with a single node, whatever its order', () => {
    const history = roundRobin([['m2', 'm0', 'm1']]);

    expect(checkTotalOrder(history)).toBeNull();
  });

  it('holds when all nodes deliver in the same order', () => {
    const history = roundRobin([
      ['m0', 'm1', 'm2'],
      ['m0', 'm1', 'm2'],
      ['m0', 'm1', 'm2'],
    ]);

    expect(checkTotalOrder(history)).toBeNull();
  });

  it('holds when messages delivered by only one node sit anywhere', () => {
    const history = roundRobin([
      ['x', 'm0', 'y', 'm1'],
      ['m0', 'z', 'm1', 'w'],
    ]);

    expect(checkTotalOrder(history)).toBeNull();
  });

  it('holds when nodes share no message at all', () => {
    const history = roundRobin([
      ['a', 'b'],
      ['c', 'd'],
    ]);

    expect(checkTotalOrder(history)).toBeNull();
  });

  it('ignores multicasts, kernel observations, unknown kinds and deliveries without a string id', () => {
    const history: History = [
      { node: 0, kind: 'multicast', msg: 'm1' },
      { node: 1, kind: 'multicast', msg: 'm0' },
      deliver(0, 'm0'),
      { node: 1, kind: 'crash' },
      { node: 1, kind: 'recover' },
      { node: 1, kind: 'execute', msg: 'm1' },
      { node: 1, kind: 'deliver', msg: 7 },
      { node: 1, kind: 'deliver' },
      deliver(1, 'm0'),
      deliver(0, 'm1'),
      { node: 2, kind: 'join' },
      deliver(1, 'm1'),
      { node: 2, kind: 'leave' },
    ];

    expect(checkTotalOrder(history)).toBeNull();
  });

  it('positions a duplicate delivery at its first occurrence', () => {
    const history = roundRobin([
      ['m0', 'm1', 'm0'],
      ['m0', 'm1'],
    ]);

    expect(checkTotalOrder(history)).toBeNull();
  });
});

describe('checkTotalOrder on histories that violate it', () => {
  it('reports two nodes that deliver two messages in opposite orders', () => {
    const history = roundRobin([
      ['m1', 'm2'],
      ['m2', 'm1'],
    ]);

    expect(checkTotalOrder(history)).toEqual(inversion(0, 1, 'm1', 'm2'));
  });

  it('says so in one line naming nodes and messages', () => {
    const history = roundRobin([
      ['m1', 'm2'],
      ['m1', 'm2'],
      ['m2', 'm1'],
    ]);

    expect(checkTotalOrder(history)?.message).toBe(
      'node 0 delivered m1 before m2, node 2 delivered m2 before m1',
    );
  });

  it('reports the lower node first even when the higher one delivered first', () => {
    const history: History = [deliver(3, 'b'), deliver(3, 'a'), deliver(1, 'a'), deliver(1, 'b')];

    expect(checkTotalOrder(history)).toEqual(inversion(1, 3, 'a', 'b'));
  });

  it('reports the first violating pair of nodes in (p, q) order', () => {
    const history = roundRobin([
      ['a', 'b', 'c'],
      ['a', 'c', 'b'],
      ['b', 'a', 'c'],
    ]);

    expect(checkTotalOrder(history)).toEqual(inversion(0, 1, 'b', 'c'));
  });

  it('skips agreeing pairs before reporting a later one', () => {
    const history = roundRobin([['a', 'b'], ['a'], ['b', 'a']]);

    expect(checkTotalOrder(history)).toEqual(inversion(0, 2, 'a', 'b'));
  });

  it('reports the inversion that shows first in p`s delivery order', () => {
    const history = roundRobin([
      ['a', 'b', 'c'],
      ['c', 'a', 'b'],
    ]);

    expect(checkTotalOrder(history)).toEqual(inversion(0, 1, 'a', 'c'));
  });

  it('uses first deliveries, so a duplicate cannot hide an inversion', () => {
    const history = roundRobin([
      ['b', 'a', 'b'],
      ['a', 'b'],
    ]);

    expect(checkTotalOrder(history)).toEqual(inversion(0, 1, 'b', 'a'));
  });

  it('finds inversions through messages the other node never delivered', () => {
    const history = roundRobin([
      ['a', 'x', 'b'],
      ['b', 'y', 'a'],
    ]);

    expect(checkTotalOrder(history)).toEqual(inversion(0, 1, 'a', 'b'));
  });
});

/** A global order of messages and, per node, which of them it delivers (in that order). */
const agreeingNodes = fc
  .uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 2, maxLength: 12 })
  .chain((ids) =>
    fc.record({
      order: fc.constant(ids.map((id) => `m${id}`)),
      picks: fc.array(fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }), {
        minLength: 1,
        maxLength: 10,
      }),
    }),
  )
  .map(({ order, picks }) => picks.map((pick) => order.filter((_, k) => pick[k])));

describe('checkTotalOrder, property-based', () => {
  test.prop([agreeingNodes])(
    'holds when every node delivers a subsequence of one order',
    (seqs) => {
      expect(checkTotalOrder(roundRobin(seqs))).toBeNull();
    },
  );

  test.prop([agreeingNodes, fc.nat(), fc.nat(), fc.nat()])(
    'finds a violation after swapping two common messages in one node',
    (seqs, pickNode, pickA, pickB) => {
      // Arrange: choose a node and two messages it shares with some other node.
      const node = pickNode % seqs.length;
      const others = seqs.flatMap((seq, i) => (i === node ? [] : seq));
      const common = seqs[node]!.filter((msg) => others.includes(msg));
      fc.pre(common.length >= 2);
      const a = common[pickA % common.length]!;
      const b = common[pickB % common.length]!;
      fc.pre(a !== b && seqs.some((seq, i) => i !== node && seq.includes(a) && seq.includes(b)));
      const swapped = seqs.map((seq, i) =>
        i !== node ? seq : seq.map((msg) => (msg === a ? b : msg === b ? a : msg)),
      );

      // Act
      const verdict = checkTotalOrder(roundRobin(swapped));

      // Assert
      expect(verdict).not.toBeNull();
      expect(verdict).toEqual(oracle(roundRobin(swapped)));
    },
  );

  const observation = fc.record({
    node: fc.integer({ min: 0, max: 3 }),
    kind: fc.constantFrom('deliver', 'deliver', 'deliver', 'multicast', 'crash'),
    msg: fc.constantFrom('m0', 'm1', 'm2', 'm3'),
  });

  test.prop([fc.array(observation, { maxLength: 40 })])(
    'agrees exactly with a brute-force reading of the spec on arbitrary histories',
    (history) => {
      expect(checkTotalOrder(history)).toEqual(oracle(history));
    },
  );
});
