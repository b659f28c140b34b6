import { describe, expect, it } from 'vitest';
import { napsterPoint, OFFLINE, SESSION } from '../../../experiments/gnutella/napster.ts';
import { settingsOf } from '../../../experiments/gnutella/options.ts';
import { QUERY_INTERVAL, reflectorPoint } from '../../../experiments/gnutella/reflectors.ts';

describe("Napster's index load", () => {
  it('matches the rates of its model: N/2 peers online querying, one login per session', () => {
    const p = napsterPoint(100_000, 1);
    const online = 100_000 * (SESSION / (SESSION + OFFLINE));
    expect(p.queries / (online / QUERY_INTERVAL)).toBeCloseTo(1, 1);
    expect(p.logins / (100_000 / (SESSION + OFFLINE))).toBeCloseTo(1, 1);
    expect(p.peak).toBeGreaterThan(p.mean);
  });

  it('grows linearly with the number of peers, and is deterministic for a seed', () => {
    const small = napsterPoint(10_000, 3);
    const large = napsterPoint(100_000, 3);
    expect(large.mean / small.mean).toBeCloseTo(10, 0);
    expect(napsterPoint(10_000, 3)).toEqual(small);
  });
});

describe('slow peers with and without reflectors', () => {
  it('shield the leaves: a leaf sees a small fraction of a flat network’s traffic', () => {
    const s = settingsOf({ seed: 1 });
    const p = reflectorPoint(s, 2000, 'uniform', 100);
    expect(p.leafMean * 50).toBeLessThan(p.flatSlowMean);
    expect(p.leafMax).toBeLessThan(p.flatSlowMax);
    // The ultrapeers carry what the leaves no longer do.
    expect(p.ultrapeerMean).toBeGreaterThan(p.leafMean);
    expect(reflectorPoint(s, 2000, 'uniform', 100)).toEqual(p);
  });
});
