import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../experiments/diffusion/events.ts';

describe('diffusion event queue', () => {
  it('pops events by time, ties in the order they were scheduled', () => {
    const q = new EventQueue<string>();
    for (const [t, e] of [
      [3, 'c'],
      [1, 'a'],
      [2, 'b1'],
      [2, 'b2'],
      [0, 'z'],
      [2, 'b3'],
    ] as const) {
      q.push(t, e);
    }
    const out: string[] = [];
    for (let next = q.pop(); next !== undefined; next = q.pop()) out.push(next.event);
    expect(out).toEqual(['z', 'a', 'b1', 'b2', 'b3', 'c']);
    expect(q.size).toBe(0);
  });
});
