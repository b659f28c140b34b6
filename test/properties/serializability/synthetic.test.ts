import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkListAppend } from '../../../properties/serializability/list-append.ts';
import {
  PLANTED_KINDS,
  SeededRandom,
  syntheticListAppend,
} from '../../../properties/serializability/synthetic.ts';

describe('syntheticListAppend', () => {
  it('is deterministic for a seed', () => {
    const a = syntheticListAppend({ txns: 500, seed: 7 });
    const b = syntheticListAppend({ txns: 500, seed: 7 });
    expect(a).toEqual(b);
    expect(syntheticListAppend({ txns: 500, seed: 8 }).readPool).not.toEqual(a.readPool);
  });

  it('generates the requested number of transactions, some aborted', () => {
    const h = syntheticListAppend({ txns: 2000, seed: 1, abortPercent: 10 });
    expect(h.txnCount).toBe(2000);
    const aborted = h.status.filter((s) => s === 0).length;
    expect(aborted).toBeGreaterThan(100);
    expect(aborted).toBeLessThan(300);
  });

  it('plants exactly the cycles asked for, each kind in turn', () => {
    const report = checkListAppend(syntheticListAppend({ txns: 20_000, seed: 3, planted: 8 }));
    expect(report.serializable).toBe(false);
    expect(report.counts).toEqual(Object.fromEntries(PLANTED_KINDS.map((k) => [k, 2])));
    for (const a of report.anomalies) expect(a.txns).toHaveLength(2);
  });
});

describe('SeededRandom', () => {
  it('stays below its bound and covers it', () => {
    const r = new SeededRandom(42);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const x = r.below(10);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(10);
      seen.add(x);
    }
    expect(seen.size).toBe(10);
  });
});

describe('generated serial executions are serializable', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 2 ** 30 }),
      fc.integer({ min: 1, max: 400 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 0, max: 50 }),
    ],
    { numRuns: 200 },
  )(
    'for any seed, size, clients, window and abort rate',
    (seed, txns, processes, window, abortPercent) => {
      const h = syntheticListAppend({
        txns,
        seed,
        processes,
        window,
        abortPercent,
        appendsPerKey: 4,
      });
      const report = checkListAppend(h);
      expect(report.anomalies).toEqual([]);
      expect(report.serializable).toBe(true);
    },
  );
});
