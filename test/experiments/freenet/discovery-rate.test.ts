import { describe, expect, it } from 'vitest';
import { discoveryRate, samples } from '../../../experiments/freenet/discovery-rate.ts';
import type { History } from '../../../models/kernel/spec.ts';

const inserted = { node: 0, kind: 'inserted', id: 'i0', key: 'k1', data: 'a', collision: false };
const request = (id: string, htl: number) => ({ node: 2, kind: 'request', id, key: 'k1', htl });

describe('discovery-rate samples', () => {
  it('counts requests for keys inserted before them, with their HTL shortfall and outcome', () => {
    const history: History = [
      request('r0', 4),
      inserted,
      request('r1', 4),
      request('r2', 1),
      { node: 2, kind: 'found', id: 'r1', key: 'k1', data: 'a' },
    ];
    expect(samples(history, 4)).toEqual([
      { shortfall: 0, condition: 'nothing', found: true },
      { shortfall: -3, condition: 'nothing', found: false },
    ]);
  });

  it('classifies a run by what struck it: failures first, then forgery of the key, then eviction', () => {
    const evict = { node: 1, kind: 'evict', key: 'k9' };
    const forged = { node: 1, kind: 'corrupt', id: 'r1', key: 'k1' };
    const crash = { node: 3, kind: 'crash' };
    const base: History = [inserted, request('r1', 9)];
    expect(samples([...base, evict], 4)[0]).toMatchObject({ condition: 'eviction', shortfall: 1 });
    expect(samples([...base, evict, forged], 4)[0]?.condition).toBe('forgery');
    expect(samples([...base, forged, crash], 4)[0]?.condition).toBe('failures');
  });
});

describe('discoveryRate', () => {
  it('is deterministic for a seed, and finds every key with enough HTL when nothing strikes', () => {
    const a = discoveryRate(3, 4, 20);
    expect(a).toEqual(discoveryRate(3, 4, 20));
    const clean = a.series[0]!.rows.find((r) => r.x === 0);
    expect(clean?.y).toBe(100);
    expect(a.series.map((s) => s.name)).toHaveLength(4);
  });
});
