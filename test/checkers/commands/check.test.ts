import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../../checkers/trace.ts';
import { cli, mutants, totalOrder, useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();

/** `check total-order --variant <variant>` with the given engine arguments and trace file. */
const check = (variant: string, file: string, ...engine: string[]) =>
  cli('check', 'total-order', '--variant', variant, ...engine, '--trace-out', file);

describe('determinism', () => {
  it.each(mutants)('the same seed gives byte-identical traces for $name', async ({ name }) => {
    const [a, b] = [tmp(), tmp()];
    const random = ['--runs', '200', '--seed', '7'];

    const first = await check(name, a, ...random);
    const second = await check(name, b, ...random);

    expect([first.code, second.code]).toEqual([1, 1]);
    expect(fs.readFileSync(a)).toEqual(fs.readFileSync(b));
  });

  it('the same seed gives the same exploration figures', async () => {
    const args = ['check', 'total-order', '--variant', 'sequencer', '--runs', '100', '--seed', '5'];

    const [a, b] = [await cli(...args, '--json'), await cli(...args, '--json')];

    const figures = (s: string) => {
      const report = JSON.parse(s) as { results: Record<string, number>[] };
      const { runs, steps, memoHitRate } = report.results[0]!;
      expect(runs).toBe(100);
      return { runs, steps, memoHitRate };
    };
    expect(figures(a.stdout)).toEqual(figures(b.stdout));
  });

  it('records the seed, and different seeds may find different traces', async () => {
    const seeds = [1, 2, 3, 4];
    const traces = [];
    for (const seed of seeds) {
      const file = tmp();
      const run = await check('sequencer-no-seqcheck', file, '--runs', '200', '--seed', `${seed}`);
      expect(run.code).toBe(1);
      traces.push(readTrace(file));
    }

    expect(traces.map((t) => t.seed)).toEqual(seeds);
    expect(new Set(traces.map((t) => JSON.stringify(t.actions))).size).toBeGreaterThan(1);
  });

  it.each(mutants)(
    'the exhaustive engine writes the same trace twice for $name',
    async ({ name }) => {
      const [a, b] = [tmp(), tmp()];

      await check(name, a, '--engine', 'exhaustive');
      await check(name, b, '--engine', 'exhaustive');

      expect(fs.readFileSync(a)).toEqual(fs.readFileSync(b));
    },
  );
});

describe('check --engine exhaustive', () => {
  it.each(mutants)('catches $name with a trace that replays', async ({ name }) => {
    // The exhaustive engine names the declared property, a liveness one's lasso included.
    const breaks = totalOrder.variants.find((v) => v.name === name)!.breaks!;
    const file = tmp();

    const run = await check(name, file, '--engine', 'exhaustive');
    const replayed = await cli('replay', file);

    expect(run.code).toBe(1);
    expect(readTrace(file)).toMatchObject({ variant: name, engine: 'exhaustive' });
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain(`reproduced: ${breaks} at step`);
  });

  it('--json prints one object with the exhaustive figures', async () => {
    const run = await check('lamport-no-wait', tmp(), '--engine', 'exhaustive', '--json');

    expect(run.code).toBe(1);
    expect(run.out).toHaveLength(1);
    const report = JSON.parse(run.out[0]!) as { results: Record<string, unknown>[] };
    const result = report.results[0]!;
    expect(result).toMatchObject({ engine: 'exhaustive', ok: false, variant: 'lamport-no-wait' });
    expect(result['exhaustive']).toMatchObject({ distinct: expect.any(Number) });
  });

  it.each([
    ['--runs with exhaustive', ['--engine', 'exhaustive', '--runs', '5'], '--runs'],
    ['--max-depth with random', ['--max-depth', '3'], '--max-depth'],
    ['--symmetry with random', ['--symmetry'], '--symmetry'],
    ['an unknown strategy', ['--engine', 'exhaustive', '--strategy', 'xyz'], "'xyz'"],
    ['--max-states 0', ['--engine', 'exhaustive', '--max-states', '0'], '--max-states'],
    ['--max-depth -1', ['--engine', 'exhaustive', '--max-depth', '-1'], '--max-depth'],
  ])('rejects %s with exit 2 and one line', async (_, args, mentions) => {
    const run = await cli('check', 'total-order', '--variant', 'sequencer', ...args);

    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^groupcheck: [^\n]+$/);
    expect(run.err[0]).toContain(mentions);
  });

  it('rejects --engine all with --trace-out and no variant', async () => {
    const file = tmp();

    const run = await cli('check', 'total-order', '--engine', 'all', '--trace-out', file);

    expect(run.code).toBe(2);
    expect(run.err[0]).toContain('--trace-out');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('rejects --engine all with --variant and --trace-out', async () => {
    const file = tmp();
    const cwd = process.cwd();
    process.chdir(path.dirname(file));
    try {
      const run = await check('lamport-no-wait', file, '--engine', 'all', '--runs', '200');

      expect(run.code).toBe(2);
      expect(fs.readdirSync(path.dirname(file))).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});
