import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  multicastExperiments,
  multicastOptionsSchema,
  multicastReport,
  type MulticastInput,
} from '../../../experiments/multicast/index.ts';

const small: MulticastInput = {
  seed: 5,
  routers: 100,
  groups: [8, 24],
  trials: 2,
  churn: [0, 0.5],
  churnGroup: 16,
};

describe('multicast experiment', () => {
  it('is deterministic for a seed, and another seed changes it', () => {
    const a = multicastReport(small);
    expect(multicastReport(small).json).toBe(a.json);
    expect(multicastReport({ ...small, seed: 6 }).json).not.toBe(a.json);
  });

  it('gives what the schemes must: IP multicast stress 1 and RDP 1, unicast stress at the source', () => {
    const { sweep } = multicastReport(small);
    for (const r of sweep.growth) {
      expect(r.schemes.ip.maxStress).toBe(1);
      expect(r.schemes.ip.rdp90).toBe(1);
      expect(r.schemes.ip.resourceRatio).toBe(1);
      expect(r.schemes.unicast.maxStress).toBe(r.members - 1);
      expect(r.schemes.unicast.rdp90).toBe(1);
      expect(r.schemes.overlay.rdpMedian).toBeGreaterThanOrEqual(1);
      expect(r.schemes.overlay.maxStress).toBeLessThanOrEqual(r.members - 1);
      expect(r.schemes.overlay.reached).toBe(1);
    }
    expect(sweep.growth.map((r) => `${r.topology}:${r.members}`)).toEqual([
      'waxman:8',
      'waxman:24',
      'transit-stub:8',
      'transit-stub:24',
    ]);
    expect(sweep.churn).toHaveLength(4);
  });

  it('writes plots and tables', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'multicast-'));
    const experiments = multicastExperiments({ ...small, topology: 'waxman', out });
    expect(experiments.map((e) => e.name)).toEqual([
      'multicast-waxman-max-stress',
      'multicast-waxman-mean-stress',
      'multicast-waxman-rdp',
      'multicast-waxman-resource',
      'multicast-waxman-churn',
    ]);
    const files = readdirSync(out);
    expect(files).toContain('multicast-waxman-rdp.svg');
    expect(files).toContain('multicast-table.md');
    expect(files).toContain('multicast-points.csv');
  });

  it('refuses bad settings with a message naming them', () => {
    const bad = (input: object) => {
      const r = multicastOptionsSchema.safeParse({ seed: 1, ...input });
      return r.success ? '' : r.error.issues[0]!.message;
    };
    expect(bad({ topology: 'mesh' })).toBe(
      'unknown topology "mesh" (valid: waxman, transit-stub, both)',
    );
    expect(bad({ routers: 50 })).toMatch(/at least 100 routers/);
    expect(bad({ routers: 5000 })).toMatch(/at most 1,000 routers/);
    expect(bad({ groups: [1] })).toMatch(/at least 2 members/);
    expect(bad({ churn: [0.95] })).toMatch(/at most 0.9/);
    expect(bad({ ttl: 300 })).toMatch(/at most 255/);
    expect(bad({ colour: 'red' })).not.toBe('');
    expect(bad({})).toBe('');
  });
});
