/**
 * `check --shard i/n` and `groupcheck merge` (issue 16, item 6): n shards merged give the verdict of
 * one run of the same seeds (random) or of the unsharded search (exhaustive); a missing shard makes
 * the whole incomplete; reports of different runs, repeated shards and bad shard specs exit 2.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomShare } from '../../../checkers/shard.ts';
import { cli, useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();

interface Result {
  variant: string;
  engine: string;
  ok: boolean;
  complete: boolean;
  expected: boolean;
  runs: number;
  seed: number;
  violations: { property: string; actions: number }[];
}
interface Report {
  ok: boolean;
  shard: { index: number; count: number } | null;
  merged?: { count: number; present: number[] };
  results: Result[];
}

/** Runs `check ...args --json` and writes its report to a temp file: [exit code, file, report]. */
async function shardReport(...args: string[]): Promise<[number, string, Report]> {
  const run = await cli('check', ...args, '--json');
  const file = tmp('report.json');
  fs.writeFileSync(file, run.stdout);
  return [run.code, file, JSON.parse(run.stdout) as Report];
}

const base = ['total-order', '--mutants', '--seed', '5'];

describe('check --shard i/n', () => {
  it.each(['0/3', '4/3', 'a/b', '1/0', '2', '-1/3'])('refuses %s with exit 2', async (spec) => {
    const run = await cli('check', 'total-order', '--shard', spec);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain('--shard');
  });
});

describe('groupcheck merge', () => {
  it('gives the verdict of one run of the same seeds (random engine)', async () => {
    const files: string[] = [];
    const unsharded: Report[] = [];
    for (const index of [1, 2, 3]) {
      const [, file, report] = await shardReport(...base, '--runs', '90', '--shard', `${index}/3`);
      expect(report.shard).toEqual({ index, count: 3 });
      files.push(file);
      // The same seed and share, without --shard: the same result.
      const { seed, runs } = randomShare(5, 90, { index, count: 3 });
      const [, , alone] = await shardReport(...base, '--runs', `${runs}`, '--seed', `${seed}`);
      expect(alone.results.map((r) => [r.variant, r.ok, r.runs])).toEqual(
        report.results.map((r) => [r.variant, r.ok, r.runs]),
      );
      unsharded.push(alone);
    }
    const run = await cli('merge', ...files, '--json');
    const merged = JSON.parse(run.stdout) as Report;
    expect(merged.merged).toEqual({ count: 3, present: [1, 2, 3] });
    for (const r of merged.results) {
      const parts = unsharded.map((u) => u.results.find((x) => x.variant === r.variant)!);
      expect(r.ok).toBe(parts.every((p) => p.ok));
      expect(r.runs).toBe(parts.reduce((s, p) => s + p.runs, 0));
      const shortest = Math.min(...parts.flatMap((p) => p.violations.map((v) => v.actions)));
      if (!r.ok) expect(r.violations[0]!.actions).toBe(shortest);
    }
    expect(run.code).toBe(1); // mutants break, as in one run without --all
  });

  it('gives the unsharded verdict for swarm searches (exhaustive engine)', async () => {
    const args = ['total-order', '--variant', 'sequencer-no-dedup', '--engine', 'exhaustive'];
    const [, , whole] = await shardReport(...args);
    const files = [];
    for (const index of [1, 2])
      files.push((await shardReport(...args, '--shard', `${index}/2`))[1]);
    const run = await cli('merge', ...files, '--json');
    const merged = JSON.parse(run.stdout) as Report;
    expect(merged.results[0]!.ok).toBe(whole.results[0]!.ok);
    expect(merged.results[0]!.violations[0]!.property).toBe(
      whole.results[0]!.violations[0]!.property,
    );
    expect(run.code).toBe(1);
  });

  it('holds when every shard of a correct variant held, and a missing shard leaves it incomplete', async () => {
    const args = ['total-order', '--variant', 'sequencer', '--engine', 'exhaustive'];
    const files = [];
    for (const index of [1, 2, 3])
      files.push((await shardReport(...args, '--shard', `${index}/3`))[1]);
    const all = await cli('merge', ...files);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('merged 3 of 3 shards');
    const two = await cli('merge', files[0]!, files[2]!, '--json');
    expect(two.code).toBe(3);
    const merged = JSON.parse(two.stdout) as Report;
    expect(merged.results[0]!.complete).toBe(false);
    const text = await cli('merge', files[0]!, files[2]!);
    expect(text.stdout).toContain('missing shards: 2/3');
  });

  it('refuses reports that are not shards of one run, with exit 2 and one line', async () => {
    const args = ['total-order', '--variant', 'sequencer', '--runs', '5'];
    const [, one] = await shardReport(...args, '--shard', '1/2');
    const [, other] = await shardReport(...args, '--shard', '1/3');
    const [, reseeded] = await shardReport(...args, '--shard', '2/2', '--seed', '9');
    const [, plain] = await shardReport(...args);
    const junk = tmp('junk.json');
    fs.writeFileSync(junk, 'not json');
    for (const [files, what] of [
      [[one, one], 'both shard 1/2'],
      [[one, other], 'not the same run'],
      [[one, reseeded], '--seed'],
      [[one, plain], 'not a shard'],
      [[one, junk], 'not JSON'],
      [[one, tmp('absent.json')], 'cannot read'],
    ] as const) {
      const run = await cli('merge', ...files);
      expect(run.code).toBe(2);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toContain(what);
    }
  });
});
