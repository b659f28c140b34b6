import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { checkPrefixConsistency, prefixConsistency } from '../../properties/prefix-consistency.ts';

const apply = (node: number, op: string): Observation => ({ node, kind: 'apply', op });

describe('prefix-consistency property', () => {
  it('is a safety property named prefix-consistency', () => {
    expect(prefixConsistency).toMatchObject({ name: 'prefix-consistency', kind: 'safety' });
    expect(prefixConsistency.check).toBe(checkPrefixConsistency);
  });
});

describe('checkPrefixConsistency on histories that satisfy it', () => {
  it('holds on the empty history and on one replica', () => {
    expect(checkPrefixConsistency([])).toBeNull();
    expect(checkPrefixConsistency([apply(0, 'a'), apply(0, 'b')])).toBeNull();
  });

  it('holds when lagging replicas have executed a prefix of the leader’s sequence', () => {
    const history: History = [
      apply(0, 'a'),
      apply(1, 'a'),
      apply(0, 'b'),
      { node: 0, kind: 'crash' },
      apply(2, 'a'),
      apply(2, 'b'),
      apply(2, 'c'),
      apply(1, 'b'),
    ];

    expect(checkPrefixConsistency(history)).toBeNull();
  });

  it('skips other kinds and observations without a string op', () => {
    const history: History = [
      apply(0, 'a'),
      { node: 1, kind: 'apply', op: 7 },
      { node: 1, kind: 'install', op: 'z' },
      apply(1, 'a'),
    ];

    expect(checkPrefixConsistency(history)).toBeNull();
  });
});

describe('checkPrefixConsistency on histories that violate it', () => {
  it('reports two replicas that executed different requests at the same position', () => {
    const history = [apply(0, 'a'), apply(0, 'b'), apply(1, 'a'), apply(1, 'c')];

    expect(checkPrefixConsistency(history)).toEqual({
      property: 'prefix-consistency',
      message: 'node 1 executed c as its action 2, node 0 executed b',
      nodes: [0, 1],
      messages: ['b', 'c'],
    });
  });

  it('reports a replica that executes ahead of the others in another order', () => {
    const history = [apply(2, 'b'), apply(0, 'a')];

    expect(checkPrefixConsistency(history)).toMatchObject({
      message: 'node 0 executed a as its action 1, node 2 executed b',
      nodes: [2, 0],
    });
  });

  it('compares with the first execution at a position, and reports the first divergence', () => {
    const history = [apply(0, 'a'), apply(1, 'a'), apply(1, 'b'), apply(0, 'c'), apply(2, 'x')];

    expect(checkPrefixConsistency(history)).toMatchObject({
      nodes: [1, 0],
      messages: ['b', 'c'],
    });
  });
});

/** Each replica executes a prefix of one sequence, interleaved by `order` (node picks). */
function prefixes(
  sequence: readonly number[],
  lengths: readonly number[],
  order: readonly number[],
) {
  const done = lengths.map(() => 0);
  const history: Observation[] = [];
  for (const pick of order) {
    const node = pick % lengths.length;
    if (done[node]! >= lengths[node]!) continue;
    history.push(apply(node, `op${sequence[done[node]!]}`));
    done[node]!++;
  }
  return history;
}

const world = fc.record({
  sequence: fc.uniqueArray(fc.nat(20), { minLength: 1, maxLength: 8 }),
  lengths: fc.array(fc.nat(8), { minLength: 1, maxLength: 4 }),
  order: fc.array(fc.nat(), { maxLength: 40 }),
});

describe('checkPrefixConsistency, property-based', () => {
  test.prop([world])('holds when every replica executes a prefix of one sequence', (w) => {
    const lengths = w.lengths.map((l) => Math.min(l, w.sequence.length));
    expect(checkPrefixConsistency(prefixes(w.sequence, lengths, w.order))).toBeNull();
  });

  test.prop([world, fc.nat()])(
    'reports a replica whose execution is replaced by another request',
    (w, pick) => {
      const lengths = w.lengths.map((l) => Math.min(l, w.sequence.length));
      const history = prefixes(w.sequence, lengths, w.order);
      // Two replicas at least must reach the replaced position for it to show; make sure.
      fc.pre(history.length > 0);
      const at = pick % history.length;
      const victim = history[at]!;
      const position = history.slice(0, at).filter((o) => o.node === victim.node).length;
      const others = history.some(
        (o, i) =>
          o.node !== victim.node &&
          history.slice(0, i).filter((x) => x.node === o.node).length === position,
      );
      const broken = history.map((o, i) => (i === at ? { ...o, op: 'intruder' } : o));

      const verdict = checkPrefixConsistency(broken);

      expect(verdict !== null).toBe(others);
      if (verdict !== null) expect(verdict.messages).toContain('intruder');
    },
  );
});
