import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  blockingCurves,
  blockingProbability,
  sampleBlocking,
  wilson,
} from '../../../experiments/voting/availability.ts';
import { votingExperiments, votingReport } from '../../../experiments/voting/index.ts';
import { Rng } from '../../../experiments/rng.ts';

describe('exact blocking probabilities', () => {
  it('match a 2-copy suite <1,1> worked by hand (p = 0.1)', () => {
    // A read of one vote is blocked only when both copies are down: p² = 0.01.
    expect(blockingProbability([1, 1], 1, 0.1)).toBeCloseTo(0.01, 12);
    // A write of two votes is blocked when either is down: 1 − (1 − p)² = 0.19.
    expect(blockingProbability([1, 1], 2, 0.1)).toBeCloseTo(0.19, 12);
  });

  it('match a 3-copy suite <2,1,1> (r = 2, w = 3) and <1,1,1> worked by hand (p = 0.1)', () => {
    // Read: the 2-vote copy is down and one of the others too: p(1 − (1 − p)²) = 0.1 · 0.19.
    expect(blockingProbability([2, 1, 1], 2, 0.1)).toBeCloseTo(0.019, 12);
    // Write: the 2-vote copy is down, or both others: 1 − (1 − p)(1 − p²) = 1 − 0.9 · 0.99.
    expect(blockingProbability([2, 1, 1], 3, 0.1)).toBeCloseTo(0.109, 12);
    // Majority of <1,1,1>: at most one copy up: p³ + 3p²(1 − p) = 0.001 + 0.027.
    expect(blockingProbability([1, 1, 1], 2, 0.1)).toBeCloseTo(0.028, 12);
    // Per-copy probabilities: only the 2-vote copy unreliable.
    expect(blockingProbability([2, 1, 1], 3, [0.5, 0, 0])).toBeCloseTo(0.5, 12);
  });

  it('ignore weak representatives and reach 0 and 1 at the ends', () => {
    expect(blockingProbability([1, 1, 0], 2, 0.1)).toBeCloseTo(0.19, 12);
    expect(blockingProbability([1, 1, 1], 2, 0)).toBe(0);
    expect(blockingProbability([1, 1, 1], 2, 1)).toBe(1);
  });
});

describe('the Monte Carlo estimate', () => {
  it('has a Wilson interval around the estimate, sound at zero hits', () => {
    const none = wilson(0, 1000);
    expect(none.low).toBe(0);
    expect(none.high).toBeGreaterThan(0);
    const some = wilson(50, 1000);
    expect(some.low).toBeLessThan(0.05);
    expect(some.high).toBeGreaterThan(0.05);
  });

  it('covers the exact value, and is the same for the same seed', () => {
    const suite = { name: 'majority', votes: [1, 1, 1], r: 2, w: 2 };
    const a = sampleBlocking(suite, 0.2, 20_000, new Rng(7));
    const b = sampleBlocking(suite, 0.2, 20_000, new Rng(7));
    expect(a).toEqual(b);
    const exact = blockingProbability(suite.votes, 2, 0.2);
    expect(Math.abs(a.read.estimate - exact)).toBeLessThan(
      4 * Math.sqrt((exact * (1 - exact)) / 20_000),
    );
  });

  it('has intervals that cover the exact value about 95% of the time', () => {
    const suite = { name: 'weighted', votes: [2, 1, 1], r: 2, w: 3 };
    const exact = blockingProbability(suite.votes, 3, 0.1);
    const rng = new Rng(11);
    let covered = 0;
    for (let run = 0; run < 200; run++) {
      const { write } = sampleBlocking(suite, 0.1, 2000, rng);
      if (write.low <= exact && exact <= write.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(180);
  });
});

describe('the voting experiments', () => {
  it('plot every quorum of a 3- and a 5-copy suite, rising from 0 to 1', () => {
    const e = blockingCurves(5, 11);
    expect(e.series.map((s) => s.rows.length)).toEqual([11, 11, 11, 11, 11]);
    for (const s of e.series) {
      expect(s.rows[0]!.y).toBe(0);
      expect(s.rows.at(-1)!.y).toBe(1);
    }
  });

  it('are deterministic for a seed, and write the table beside the plots', () => {
    const options = { seed: 3, samples: 10_000, points: 6 };
    expect(votingReport(options)).toEqual(votingReport(options));
    expect(votingReport(options).table).not.toEqual(votingReport({ ...options, seed: 4 }).table);
    const dir = mkdtempSync(path.join(tmpdir(), 'voting-'));
    const experiments = votingExperiments({ ...options, out: dir });
    expect(experiments.map((e) => e.name)).toEqual(['voting-blocking-3', 'voting-blocking-5']);
    expect(readFileSync(path.join(dir, 'voting-availability.md'), 'utf8')).toMatch(/Example 2/);
    expect(readFileSync(path.join(dir, 'voting-blocking-3.svg'), 'utf8')).toMatch(/<svg/);
  });
});
