/**
 * The command line's rough edges (issue 12): `--version`, bounds on the numeric options, one
 * versioned `--json` shape with status kept off stdout, a violation that is printed even when its
 * trace cannot be written, and a README tour that leaves nothing the format check trips on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../checkers/trace.ts';
import { driverMode } from '../../models/kernel/pure-driver.ts';
import { cli, useTempFiles } from './helpers.ts';

const tmp = useTempFiles();
const root = path.resolve(import.meta.dirname, '../..');

/** Asserts the usage-error contract: exit 2, one `groupcheck: ` line on stderr mentioning `what`. */
function expectUsageError(run: { code: number; err: readonly string[] }, what: string): void {
  expect(run.code).toBe(2);
  expect(run.err).toHaveLength(1);
  expect(run.err[0]).toMatch(/^groupcheck: [^\n]+$/);
  expect(run.err[0]).toContain(what);
}

describe('--version', () => {
  it("prints package.json's version and exits 0", async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };

    const run = await cli('--version');

    expect(run.code).toBe(0);
    expect(run.out).toEqual([version]);
  });
});

describe('bounds on numeric options', () => {
  // Each case would run (or wrap) today rather than stop with a usage error; a mutant that fails
  // fast keeps the failing-today run short.
  it.each([
    ['--seed 2^32', ['--seed', '4294967296'], '--seed'],
    ['--seed far beyond 2^32', ['--seed', '18446744073709551617'], '--seed'],
    ['--runs 10^12', ['--runs', '1000000000000'], '--runs'],
    ['--runs 1e12', ['--runs', '1e12'], '--runs'],
  ])('rejects %s with exit 2 and one line', async (_, args, what) => {
    const file = tmp();

    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'lamport-no-wait',
      ...args,
      '--trace-out',
      file,
    );

    expectUsageError(run, what);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('accepts the largest seed, 2^32 - 1', async () => {
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--runs',
      '5',
      '--seed',
      '4294967295',
    );

    expect(run.code).toBe(0);
  });

  it('rejects more than 64 workers', async () => {
    // --max-states 10 ends the search before any worker starts, so today this exits 3.
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--engine',
      'exhaustive',
      '--max-states',
      '10',
      '--workers',
      '65',
    );

    expectUsageError(run, '--workers');
  });

  it.each([['1'], ['99']])("rejects --nodes %s outside total-order's 2 to 5", async (nodes) => {
    const run = await cli('check', 'total-order', '--variant', 'sequencer', '--nodes', nodes);

    expectUsageError(run, '--nodes');
  });
});

describe('GROUPCHECK_DRIVER', () => {
  /** Runs the command line with the variable set, then restores it. */
  async function withDriver(value: string, ...args: string[]) {
    const before = process.env['GROUPCHECK_DRIVER'];
    process.env['GROUPCHECK_DRIVER'] = value;
    try {
      return await cli(...args);
    } finally {
      if (before === undefined) delete process.env['GROUPCHECK_DRIVER'];
      else process.env['GROUPCHECK_DRIVER'] = before;
    }
  }

  it('refuses a value it does not know with exit 2 and one line', async () => {
    expectUsageError(await withDriver('fast', 'list'), 'GROUPCHECK_DRIVER');
  });

  it.each(['xstate', 'checked'])(
    'with %s, writes the very trace the compiled machines write, and sets the mode for that run alone',
    async (mode) => {
      const [ours, theirs] = [tmp(), tmp()];
      const args = ['check', 'total-order', '--variant', 'sequencer-no-dedup', '--trace-out'];
      const compiled = await cli(...args, ours);
      const other = await withDriver(mode, ...args, theirs);

      expect(compiled.code).toBe(1);
      expect(other.code).toBe(1);
      expect(fs.readFileSync(theirs, 'utf8')).toEqual(fs.readFileSync(ours, 'utf8'));
      expect(driverMode.current).toBe('compiled');
    },
  );
});

describe('check --json', () => {
  /** The one documented shape, whatever the number of results. */
  const shape = (stdout: string) => {
    const report = JSON.parse(stdout) as {
      version: number;
      ok: boolean;
      interrupted: boolean;
      results: { protocol: string; variant: string; engine: string }[];
    };
    expect(report).toMatchObject({
      version: 1,
      ok: expect.any(Boolean),
      interrupted: false,
      results: expect.any(Array),
    });
    return report;
  };

  it('has the same versioned shape for one result and for several', async () => {
    const one = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--runs',
      '20',
      '--json',
    );
    const two = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--runs',
      '20',
      '--engine',
      'all',
      '--max-states',
      '50',
      '--json',
    );

    expect(shape(one.stdout).results).toHaveLength(1);
    expect(shape(two.stdout).results.map((r) => r.engine)).toEqual(['random', 'exhaustive']);
  });

  it('keeps stdout to the JSON alone, violation included', async () => {
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'lamport-no-wait',
      '--runs',
      '200',
      '--json',
      '--trace-out',
      tmp(),
    );

    expect(run.code).toBe(1);
    expect(shape(run.stdout).ok).toBe(false);
  });
});

describe('a trace that cannot be written', () => {
  it('still prints the violation and its chart, names the failure in one line, exits 1', async () => {
    const file = tmp('t.json');
    // A directory where the temporary file goes: the write fails after the search found a
    // violation, whoever runs the test (root ignores directory permissions).
    fs.mkdirSync(`${file}.tmp-${process.pid}`);

    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'lamport-no-wait',
      '--runs',
      '200',
      '--trace-out',
      file,
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('total-order violated');
    expect(run.stdout).toMatch(/✗ +\d+ /); // the chart's violating step
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^groupcheck: the trace could not be written to .*t\.json/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('fails early, before the search, when the nearest existing directory is a file', async () => {
    const file = tmp('plain');
    fs.writeFileSync(file, 'not a directory');

    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--runs',
      '5',
      '--trace-out',
      path.join(file, 'sub', 't.json'),
    );

    expectUsageError(run, '--trace-out');
  });

  it('--json reports the unwritten trace as traceError, on stdout as JSON only', async () => {
    const file = tmp('t.json');
    fs.mkdirSync(`${file}.tmp-${process.pid}`);

    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'lamport-no-wait',
      '--runs',
      '200',
      '--json',
      '--trace-out',
      file,
    );

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      results: { violations: { trace: string | null; traceError: string | null }[] }[];
    };
    expect(report.results[0]!.violations[0]).toMatchObject({
      trace: null,
      traceError: expect.stringContaining('t.json'),
    });
  });

  it('writes the trace when it can', async () => {
    const file = tmp('t.json');

    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'lamport-no-wait',
      '--runs',
      '200',
      '--trace-out',
      file,
    );

    expect(run.code).toBe(1);
    expect(readTrace(file).variant).toBe('lamport-no-wait');
  });
});

describe("the README's tour", () => {
  it('writes traces only where git and the format check ignore them', async () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const files = [...readme.matchAll(/--trace-out (\S+)/g)].map((m) => m[1]!);

    expect(files.length).toBeGreaterThan(0);
    for (const file of new Set(files)) {
      const info = await prettier.getFileInfo(path.join(root, file), {
        ignorePath: path.join(root, '.prettierignore'),
      });
      expect(info.ignored, `${file} is checked by prettier`).toBe(true);
      expect(
        () => execFileSync('git', ['check-ignore', '-q', file], { cwd: root }),
        `${file} is not git-ignored`,
      ).not.toThrow();
    }
  });
});
