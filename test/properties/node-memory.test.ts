import { describe, expect, it } from 'vitest';
import { NodeMemory } from '../../properties/node-memory.ts';

describe('NodeMemory', () => {
  it('keeps entries per node and forgets a node on its crash or leave only', () => {
    const m = new NodeMemory<string>();
    m.set(1, 'k', 'a');
    m.set(0, 'k', 'b');
    expect(m.forgetOn({ node: 1, kind: 'store' })).toBe(false);
    expect(m.get(1, 'k')).toBe('a');
    expect(m.forgetOn({ node: 1, kind: 'crash' })).toBe(true);
    expect(m.get(1, 'k')).toBeUndefined();
    expect(m.get(0, 'k')).toBe('b');
    expect(m.forgetOn({ node: 0, kind: 'leave' })).toBe(true);
    expect(m.first()).toBeUndefined();
  });

  it('gives the first entry by node, then by insertion', () => {
    const m = new NodeMemory<number>();
    m.set(2, 'x', 1);
    m.set(0, 'z', 2);
    m.set(0, 'y', 3);
    expect(m.first()).toEqual({ node: 0, slot: 'z', value: 2 });
    m.delete(0, 'z');
    expect(m.first()).toEqual({ node: 0, slot: 'y', value: 3 });
  });
});
