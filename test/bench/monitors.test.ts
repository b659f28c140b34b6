import { describe, expect, it } from 'vitest';
import { monitorCost, monitorTable } from '../../bench/monitors.ts';
import { findProtocol } from '../../models/index.ts';

describe('the monitor benchmark', () => {
  it('times one variant both ways and prints the speed-up', () => {
    const gnutella = findProtocol('gnutella')!;
    const ring = gnutella.variants.find((v) => v.name === 'expanding-ring')!;
    const row = monitorCost(gnutella, ring, 'dfs', 1);
    expect(row).toMatchObject({ protocol: 'gnutella', variant: 'expanding-ring', strategy: 'dfs' });
    expect(row.distinct).toBeGreaterThan(0);
    expect(row.monitoredMs).toBeGreaterThan(0);
    expect(row.readingMs).toBeGreaterThan(0);
    const table = monitorTable([{ ...row, monitoredMs: 10, readingMs: 25 }]);
    expect(table.split('\n')[1]).toMatch(
      /^gnutella\/expanding-ring {2}dfs {2}[\d,]+ {2}10 {2}25 {2}2\.50$/,
    );
  });
});
