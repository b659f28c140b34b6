import { describe, expect, it } from 'vitest';
import { MAX_SHARDS, parseShard, randomShare, swarmOrder } from '../../checkers/shard.ts';
import { UsageError } from '../../checkers/usage-error.ts';

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/3', '4/3', 'a/b', '1/0', '2', '-1/3', '1.5/3', `1/${MAX_SHARDS + 1}`, ''])(
    'refuses %j with a usage error naming --shard',
    (text) => {
      expect(() => parseShard(text)).toThrow(UsageError);
      expect(() => parseShard(text)).toThrow(/--shard/);
    },
  );
});

describe('randomShare', () => {
  it('gives each shard a disjoint seed and its share of the runs, adding up to the budget', () => {
    const shares = [1, 2, 3].map((index) => randomShare(5, 100, { index, count: 3 }));
    expect(shares.map((s) => s.seed)).toEqual([5, 6, 7]);
    expect(shares.reduce((sum, s) => sum + s.runs, 0)).toBe(100);
    expect(randomShare(5, 100, { index: 1, count: 1 })).toEqual({ seed: 5, runs: 100 });
  });

  it('wraps seeds at 2^32, as fast-check seeds are 32-bit', () => {
    expect(randomShare(2 ** 32 - 1, 10, { index: 2, count: 2 }).seed).toBe(0);
  });
});

describe('swarmOrder', () => {
  it('differs between shards and is the same for the same seed and shard', () => {
    const orders = [1, 2, 3, 4].map((index) => swarmOrder(1, { index, count: 4 }));
    expect(new Set(orders).size).toBe(4);
    expect(swarmOrder(1, { index: 2, count: 4 })).toBe(orders[1]);
  });
});
