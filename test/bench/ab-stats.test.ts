import { describe, expect, it } from 'vitest';
import { abOptions, compareBuilds, processFigure, signTest } from '../../bench/ab-stats.ts';

describe('npm run bench:ab’s options', () => {
  it('compares with HEAD on the depth-first workload, 6 rounds of 5 runs, by default', () => {
    expect(abOptions([])).toEqual({ base: 'HEAD', workload: 'dfs', rounds: 6, runs: 5 });
    expect(
      abOptions(['--base', 'v1~2', '--workload=random', '--rounds', '10', '--runs', '3']),
    ).toEqual({ base: 'v1~2', workload: 'random', rounds: 10, runs: 3 });
  });

  it('refuses a workload, a count or an option it does not know, in one line', () => {
    expect(abOptions(['--workload', 'lasso'])).toBe(
      "--workload is one of dfs, bfs, liveness, random, not 'lasso'",
    );
    for (const rounds of ['1', '51', 'x', '2.5', '-3', ''])
      expect(abOptions([`--rounds=${rounds}`])).toMatch(/^--rounds is a whole number from 2 to 50/);
    expect(abOptions(['--runs', '1'])).toMatch(/^--runs is a whole number from 2 to 20/);
    expect(abOptions(['--base', ''])).toBe("--base takes a git revision, not ''");
    expect(abOptions(['--seed', '3'])).toMatch(/^Unknown option '--seed'/);
    expect(abOptions(['HEAD'])).toMatch(/positional/);
  });
});

describe('the comparison', () => {
  it('takes a process’s median after its first run', () => {
    expect(processFigure([10, 400, 300, 500])).toBe(400);
    expect(processFigure([10, 400, 300])).toBe(350);
  });

  it('counts the rounds A won and the median of the per-round ratios', () => {
    const c = compareBuilds([110, 90, 120, 100], [100, 100, 100, 80]);
    expect(c).toEqual({
      a: 105,
      b: 100,
      aWins: 3,
      rounds: 4,
      ratio: (1.1 + 1.2) / 2,
      p: signTest(3, 1),
    });
    expect(() => compareBuilds([1], [1, 2])).toThrow();
  });
});

describe('the sign test', () => {
  it('gives the two-sided binomial tail of an uneven split', () => {
    expect(signTest(8, 0)).toBeCloseTo(2 / 256, 12);
    expect(signTest(0, 8)).toBeCloseTo(2 / 256, 12);
    expect(signTest(6, 2)).toBeCloseTo((2 * (1 + 8 + 28)) / 256, 12);
    expect(signTest(4, 4)).toBe(1);
    expect(signTest(0, 0)).toBe(1);
    expect(signTest(15, 5)).toBeCloseTo(0.04138946533203125, 12);
  });

  it('leaves rounds with equal figures out', () => {
    expect(compareBuilds([5, 5, 6], [5, 5, 4]).p).toBe(signTest(1, 0));
  });
});
