/**
 * `check --scheduler pct --depth d` and `--swarm` on the command line (issue 16, item 4): they
 * reach the random engine, the JSON says which ran, a trace they find replays, and misuse is a
 * one-line usage error with exit 2.
 */
import { describe, expect, it } from 'vitest';
import { cli, useTempFiles } from './helpers.ts';

const tmp = useTempFiles();

describe('check --scheduler and --swarm', () => {
  it('catches a mutant with PCT and writes a trace that replays', async () => {
    const file = tmp();
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer-no-dedup',
      '--scheduler',
      'pct',
      '--depth',
      '2',
      '--trace-out',
      file,
    );
    expect(run.code).toBe(1);
    const replay = await cli('replay', file);
    expect(replay.code).toBe(1);
  });

  it('says in --json which scheduler ran, and whether swarm testing was on', async () => {
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--runs',
      '20',
      '--scheduler',
      'pct',
      '--swarm',
      '--json',
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out.join('\n')) as {
      results: { random?: { scheduler: string; depth: number | null; swarm: boolean } }[];
    };
    expect(report.results[0]!.random).toEqual({ scheduler: 'pct', depth: 3, swarm: true });
  });

  it.each([
    ['--depth without pct', ['--depth', '2'], '--scheduler pct'],
    ['an unknown scheduler', ['--scheduler', 'fair'], 'fair'],
    ['depth 0', ['--scheduler', 'pct', '--depth', '0'], '--depth'],
    ['swarm with the exhaustive engine', ['--engine', 'exhaustive', '--swarm'], '--swarm'],
    ['pct with the exhaustive engine', ['--engine', 'exhaustive', '--scheduler', 'pct'], 'pct'],
  ])('refuses %s with exit 2 and one line', async (_, args, what) => {
    const run = await cli('check', 'total-order', '--variant', 'sequencer', ...args);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain(what);
  });
});
