import { describe, expect, it } from 'vitest';
import { endsIncarnation, forgetIn, NodeMemory } from '../../properties/node-memory.ts';

describe('NodeMemory', () => {
  it('keeps entries per node and forgets a node on its crash or leave only', () => {
    const m = NodeMemory.empty<string>().set(1, 'k', 'a').set(0, 'k', 'b');
    expect(m.after({ node: 1, kind: 'store' })).toBe(m);
    expect(endsIncarnation({ node: 1, kind: 'store' })).toBe(false);
    expect(m.get(1, 'k')).toBe('a');
    const crashed = m.after({ node: 1, kind: 'crash' });
    expect(endsIncarnation({ node: 1, kind: 'crash' })).toBe(true);
    expect(crashed.get(1, 'k')).toBeUndefined();
    expect(crashed.get(0, 'k')).toBe('b');
    expect(crashed.after({ node: 0, kind: 'leave' }).first()).toBeUndefined();
  });

  it('gives the first entry by node, then by insertion', () => {
    const m = NodeMemory.empty<number>().set(2, 'x', 1).set(0, 'z', 2).set(0, 'y', 3);
    expect(m.first()).toEqual({ node: 0, slot: 'z', value: 2 });
    expect(m.delete(0, 'z').first()).toEqual({ node: 0, slot: 'y', value: 3 });
  });

  it('is persistent: a change returns a new memory and leaves the old one as it was', () => {
    const a = NodeMemory.empty<number>().set(0, 'x', 1);
    const b = a.set(0, 'x', 2).set(1, 'y', 3);
    const c = b.delete(0, 'x').after({ node: 1, kind: 'crash' });
    expect([a.get(0, 'x'), a.get(1, 'y')]).toEqual([1, undefined]);
    expect([b.get(0, 'x'), b.get(1, 'y')]).toEqual([2, 3]);
    expect([c.get(0, 'x'), c.get(1, 'y'), c.first()]).toEqual([undefined, undefined, undefined]);
    expect(a.set(0, 'x', 1)).toBe(a);
    expect(a.delete(3, 'x')).toBe(a);
  });

  it('tells apart values that print alike, and slots and values that run together', () => {
    const base = NodeMemory.empty<unknown>().set(0, 'k', 0);
    const cases: [string, unknown][] = [
      ['a', 1],
      ['a', '1'],
      ['a', true],
      ['a', 'true'],
      ['a', 'sb'],
      ['as', 'b'],
      ['a', [1]],
      ['a', [1]],
    ];
    for (const [slot, value] of cases) {
      const m = base.set(0, slot, value);
      expect(m.get(0, slot)).toBe(value);
      expect(m.get(0, 'k')).toBe(0);
      expect(m.first()).toEqual({ node: 0, slot: 'k', value: 0 });
    }
    // The same update from the same entries by two orders gives the same answers.
    const one = NodeMemory.empty<number>().set(0, 'x', 1).set(1, 'y', 2).set(0, 'z', 3);
    const two = NodeMemory.empty<number>().set(1, 'y', 2).set(0, 'x', 1).set(0, 'z', 3);
    for (const [node, slot] of [
      [0, 'x'],
      [1, 'y'],
      [0, 'z'],
    ] as const) {
      expect(one.get(node, slot)).toBe(two.get(node, slot));
    }
  });

  it('forgets a node in every memory of a record, and keeps the record when nothing changes', () => {
    const s = {
      a: NodeMemory.empty<number>().set(0, 'x', 1).set(1, 'x', 2),
      b: NodeMemory.empty<string>().set(1, 'y', 'z'),
    };
    expect(forgetIn(s, { node: 1, kind: 'store' })).toBe(s);
    expect(forgetIn(s, { node: 2, kind: 'crash' })).toBe(s);
    const after = forgetIn(s, { node: 1, kind: 'leave' });
    expect([after.a.get(0, 'x'), after.a.get(1, 'x'), after.b.get(1, 'y')]).toEqual([
      1,
      undefined,
      undefined,
    ]);
    expect(s.a.get(1, 'x')).toBe(2);
    const onlyA = forgetIn(s, { node: 0, kind: 'crash' });
    expect(onlyA.b).toBe(s.b);
    expect(onlyA.a.get(0, 'x')).toBeUndefined();
  });
});
