import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  gnutellaExperiments,
  gnutellaOptionsSchema,
  gnutellaReport,
} from '../../../experiments/gnutella/index.ts';
import { toCsv } from '../../../experiments/output.ts';
import { METHODS } from '../../../experiments/gnutella/measure.ts';

/** A small run: 1,000 nodes, 40 queries. */
const SMALL = { nodes: 1000, queries: 40 } as const;

/** The first message zod gives for `options`, or null if they are valid. */
function refusal(options: Record<string, unknown>): string | null {
  const r = gnutellaOptionsSchema.safeParse({ seed: 1, ...options });
  return r.success ? null : r.error.issues[0]!.message;
}

describe('gnutellaReport', () => {
  const report = gnutellaReport({ seed: 1, ...SMALL });

  it('is byte-identical for a seed, and differs between seeds', () => {
    const again = gnutellaReport({ seed: 1, ...SMALL });
    expect(again.table).toBe(report.table);
    expect(again.json).toBe(report.json);
    expect(again.experiments.map(toCsv)).toEqual(report.experiments.map(toCsv));
    const other = gnutellaReport({ seed: 2, ...SMALL });
    expect(other.json).not.toBe(report.json);
  });

  it('covers every search method on every topology and replication', () => {
    expect(report.rows).toHaveLength(4 * 3 * 6);
    const names = report.experiments.map((e) => e.name);
    for (const t of ['random', 'power-law', 'small-world', 'grid']) {
      expect(names).toContain(`gnutella-${t}-messages`);
      expect(names).toContain(`gnutella-${t}-success`);
      expect(names).toContain(`gnutella-${t}-hops`);
      expect(names).toContain(`gnutella-${t}-busiest`);
      expect(names).toContain(`gnutella-replication-${t}`);
    }
    for (const e of report.experiments.filter((x) => x.name.endsWith('-messages'))) {
      if (e.name.startsWith('gnutella-ttl') || e.name.startsWith('gnutella-walkers')) continue;
      expect(e.series.map((s) => s.name.split(' (')[0])).toEqual([...METHODS]);
    }
    expect(names).toEqual(expect.arrayContaining(['gnutella-reflectors', 'gnutella-napster']));
  });

  it('measures flow control: queues within their bound, drops, tokens, the queue-bound sweep', () => {
    for (const r of report.rows) {
      if (r.method === 'flow-controlled walk') {
        expect(r.maxQueue).toBeLessThanOrEqual(4);
        // One token back per walker sent.
        expect(r.credits).toBe(r.messages);
      } else if (r.method === 'queued degree-biased walk') {
        expect(r.maxQueue).toBeLessThanOrEqual(15);
        expect(r.drops).toBe(0);
      } else {
        expect([r.maxQueue, r.drops, r.credits]).toEqual([null, 0, 0]);
      }
    }
    expect(report.flowControl.map((p) => p.queue)).toEqual([null, 1, 2, 4, 8, 16]);
    for (const p of report.flowControl.slice(1)) {
      expect(p.stats.maxQueue).toBeLessThanOrEqual(p.queue!);
    }
    expect(report.table).toContain('### Flow control against its queue bound');
    expect(report.csv.split('\n')[0]).toContain('maxQueue,drops,credits');
    // A null peak queue is an empty CSV field.
    expect(report.csv.split('\n')[1]).toMatch(/,,0,0$/);
  });

  it('shows the paper’s and the seed’s shapes', () => {
    const row = (t: string, m: string) =>
      report.rows.find((r) => r.topology === t && r.replication === 'uniform' && r.method === m)!;
    // Random walkers use far fewer messages than flooding (5 times at 1,000 nodes, 50 at 10,000).
    for (const t of ['random', 'power-law']) {
      expect(row(t, 'random walk').messages * 5).toBeLessThan(row(t, 'flooding').messages);
    }
    // Flooding traffic grows exponentially with TTL on the random graph (until it covers it).
    const ttl = report.experiments.find((e) => e.name === 'gnutella-ttl-messages')!;
    const random = ttl.series.find((s) => s.name === 'random')!.rows;
    expect(random[3]!.y / random[2]!.y).toBeGreaterThan(2.5);
    // Leaves behind reflectors see a small fraction of a flat network's slow peer's traffic.
    for (const p of report.reflectors) expect(p.leafMean * 10).toBeLessThan(p.flatSlowMean);
    // Napster's index load grows with the number of peers.
    const index = report.napster.map((p) => p.mean);
    expect(index).toEqual([...index].sort((a, b) => a - b));
  });

  it('runs one topology and one replication when asked', () => {
    const one = gnutellaReport({
      seed: 1,
      ...SMALL,
      topology: 'grid',
      replication: 'square-root',
    });
    expect(new Set(one.rows.map((r) => `${r.topology}/${r.replication}`))).toEqual(
      new Set(['grid/square-root']),
    );
    expect(one.experiments.some((e) => e.name.startsWith('gnutella-replication'))).toBe(false);
  });

  it('writes the series, plots and tables', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gnutella-'));
    const experiments = gnutellaExperiments({
      seed: 1,
      ...SMALL,
      topology: 'random',
      replication: 'uniform',
      out: dir,
    });
    const files = readdirSync(dir);
    for (const e of experiments) {
      for (const ext of ['csv', 'json', 'svg']) expect(files).toContain(`${e.name}.${ext}`);
    }
    expect(readFileSync(path.join(dir, 'gnutella-table.md'), 'utf8')).toContain('| random |');
    expect(files).toEqual(expect.arrayContaining(['gnutella-table.csv', 'gnutella-table.json']));
  });
});

describe('gnutellaOptionsSchema', () => {
  it('accepts the documented settings', () => {
    expect(refusal({ nodes: 100_000, topology: 'power-law', degree: 3.5, ttl: 7 })).toBeNull();
    expect(refusal({ topology: 'grid' })).toBeNull();
  });

  it('refuses unknown names, naming the valid values', () => {
    expect(refusal({ topology: 'ring' })).toBe(
      "must be one of random, power-law, small-world, grid, all (not 'ring')",
    );
    expect(refusal({ replication: 'zipf' })).toBe(
      "must be one of uniform, proportional, square-root, all (not 'zipf')",
    );
  });

  it('refuses impossible sizes with their bounds', () => {
    expect(refusal({ nodes: 500 })).toBe('must be between 1000 and 100000');
    expect(refusal({ nodes: 1e6 })).toBe('must be between 1000 and 100000');
    expect(refusal({ nodes: 1500.5 })).toBe('must be a whole number');
    expect(refusal({ degree: 1 })).toBe('must be an average degree between 2 and 20');
    expect(refusal({ walkers: 0 })).toBe('must be between 1 and 256');
    expect(refusal({ ttl: 21 })).toBe('must be between 1 and 20');
    expect(refusal({ queries: 1e6 })).toBe('must be between 1 and 100000');
    expect(refusal({ ratio: 0 })).toContain('must be above 0');
    expect(refusal({ credit: 0 })).toBe('must be the tokens per connection, between 1 and 64');
    expect(refusal({ credit: 65 })).toBe('must be the tokens per connection, between 1 and 64');
    expect(refusal({ credit: 1.5 })).toBe('must be a whole number');
    expect(refusal({ queue: 0 })).toBe(
      'must be the walkers a servent may queue, between 1 and 256',
    );
    expect(refusal({ queue: 257 })).toBe(
      'must be the walkers a servent may queue, between 1 and 256',
    );
    expect(refusal({ credit: 1, queue: 1 })).toBeNull();
    expect(refusal({ topology: 'grid', degree: 6 })).toContain('a grid has degree 4');
  });

  it('refuses unknown settings', () => {
    expect(gnutellaOptionsSchema.safeParse({ seed: 1, fanout: 3 }).success).toBe(false);
  });
});
