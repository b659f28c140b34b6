import fs from 'node:fs';
import { protocols } from '../../models/index.ts';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../checkers/trace.ts';
import { cli, mutants, useTempFiles } from './helpers.ts';

const tmp = useTempFiles();

/** Asserts the usage-error contract: exit 2, one `groupcheck: ` line on stderr, no stack. */
function expectUsageError(run: { code: number; err: readonly string[] }, mentions?: string): void {
  expect(run.code).toBe(2);
  expect(run.err).toHaveLength(1);
  const line = run.err[0]!;
  expect(line).toMatch(/^groupcheck: /);
  expect(line).not.toContain('\n');
  expect(line).not.toMatch(/\n\s+at |Error:/);
  if (mentions !== undefined) expect(line).toContain(mentions);
}

describe('groupcheck list', () => {
  it('prints every protocol with its variants and properties', async () => {
    const run = await cli('list');

    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.stdout).toContain('total-order');
    for (const name of ['sequencer', 'lamport', ...mutants.map((m) => m.name)]) {
      expect(run.stdout).toContain(name);
    }
    expect(run.stdout).toContain('mutant, breaks integrity');
    // The built-in property every protocol is checked against, declared by none.
    expect(run.out.at(-2)).toBe('every protocol also checks');
    expect(run.out.at(-1)).toMatch(/^ {4}model-error +safety: No node's step fails/);
  });

  it('--json lists total-order with both algorithms and mutants that name its properties', async () => {
    const run = await cli('list', '--json');

    expect(run.code).toBe(0);
    const listing = JSON.parse(run.stdout) as {
      protocols: {
        name: string;
        variants: { name: string; kind: string; breaks: string | null }[];
        properties: { name: string }[];
      }[];
    };
    const totalOrder = listing.protocols.find((p) => p.name === 'total-order')!;
    expect(totalOrder).toBeDefined();
    const correct = totalOrder.variants.filter((v) => v.kind === 'correct');
    expect(correct.map((v) => v.name)).toEqual(expect.arrayContaining(['sequencer', 'lamport']));
    expect(correct.every((v) => v.breaks === null)).toBe(true);
    const properties = totalOrder.properties.map((p) => p.name);
    const mutantRows = totalOrder.variants.filter((v) => v.kind === 'mutant');
    expect(mutantRows.length).toBeGreaterThanOrEqual(3);
    for (const m of mutantRows) expect(properties).toContain(m.breaks);
    expect((JSON.parse(run.stdout) as { builtInProperties: unknown }).builtInProperties).toEqual([
      { name: 'model-error', kind: 'safety', statement: expect.any(String) as string },
    ]);
  });
});

describe('groupcheck check', () => {
  it('passes a correct variant', async () => {
    const run = await cli('check', 'total-order', '--variant', 'sequencer', '--runs', '200');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('every property held');
  });

  it('--json prints one parseable object', async () => {
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'lamport',
      '--runs',
      '200',
      '--json',
    );

    expect(run.code).toBe(0);
    expect(run.out).toHaveLength(1);
    const report = JSON.parse(run.out[0]!) as { results: Record<string, unknown>[] };
    expect(report).toMatchObject({ version: 1, ok: true, interrupted: false });
    expect(report.results).toHaveLength(1);
    const result = report.results[0]!;
    expect(result).toMatchObject({
      protocol: 'total-order',
      variant: 'lamport',
      engine: 'random',
      ok: true,
      runs: 200,
      violations: [],
    });
    expect(result['steps']).toEqual(expect.any(Number));
    expect(result['elapsedMs']).toEqual(expect.any(Number));
  });

  it.each(mutants)('exits 1 on mutant $name and writes a valid trace', async ({ name, breaks }) => {
    const file = tmp();

    const run = await cli(
      'check',
      'total-order',
      '--variant',
      name,
      '--runs',
      '200',
      '--trace-out',
      file,
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${breaks} violated`);
    expect(fs.existsSync(file)).toBe(true);
    const trace = readTrace(file);
    expect(trace).toMatchObject({ protocol: 'total-order', variant: name, seed: 1 });
    expect(trace.violation?.property).toBe(breaks);
  });

  it('writes no trace for a correct variant', async () => {
    const file = tmp();

    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--runs',
      '50',
      '--trace-out',
      file,
    );

    expect(run.code).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('--all checks every correct variant and prints a table', async () => {
    const run = await cli('check', '--all', '--runs', '200');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^total-order · random$/m);
    expect(run.stdout).toMatch(/^✓\s+sequencer\s+held\s/m);
    expect(run.stdout).toMatch(/^✓\s+lamport\s+held\s/m);
    const correct = protocols.flatMap((p) => p.variants.filter((v) => v.breaks === undefined));
    expect(run.stdout).toContain(`all ${correct.length} checks as expected`);
  });

  it.each([
    ['unknown protocol', ['check', 'nope'], "unknown protocol 'nope'"],
    ['unknown variant', ['check', 'total-order', '--variant', 'nope'], "no variant 'nope'"],
    ['unknown engine', ['check', 'total-order', '--engine', 'warp'], "'warp'"],
    ['--runs 0', ['check', 'total-order', '--runs', '0'], '--runs'],
    ['--runs abc', ['check', 'total-order', '--runs', 'abc'], '--runs'],
    ['--seed -1', ['check', 'total-order', '--seed', '-1'], '--seed'],
    ['--seed 1.5', ['check', 'total-order', '--seed', '1.5'], '--seed'],
    ['--nodes 99', ['check', 'total-order', '--nodes', '99'], '--nodes'],
    ['--nodes 1', ['check', 'total-order', '--nodes', '1'], '--nodes'],
    ['unknown option', ['check', 'total-order', '--bogus'], "unknown option '--bogus'"],
    ['no protocol without --all', ['check'], 'name a protocol'],
    ['--all with a protocol', ['check', '--all', 'total-order'], '--all'],
    ['--all with --variant', ['check', '--all', '--variant', 'sequencer'], '--all'],
    ['--trace-out with --all', ['check', '--all', '--trace-out', 'x.json'], '--trace-out'],
    ['--nodes with --all', ['check', '--all', '--nodes', '3'], '--nodes'],
    ['--all --nodes 99', ['check', '--all', '--nodes', '99'], '--nodes'],
    ['an option without its value', ['check', 'total-order', '--seed'], '--seed'],
    ['replay without a file', ['replay'], 'file'],
    [
      '--por with --workers',
      ['check', 'total-order', '--engine', 'exhaustive', '--por', '--workers', '2'],
      '--por',
    ],
    [
      '--por with --symmetry',
      ['check', 'total-order', '--engine', 'exhaustive', '--por', '--symmetry'],
      '--por',
    ],
    [
      '--por with --shard',
      ['check', 'total-order', '--engine', 'exhaustive', '--por', '--shard', '1/2'],
      '--por',
    ],
    [
      '--por with the random engine',
      ['check', 'total-order', '--engine', 'random', '--por'],
      '--por',
    ],
  ])('rejects %s with exit 2 and one line', async (_, argv, mentions) => {
    const run = await cli(...argv);

    expectUsageError(run, mentions);
    expect(run.out).toEqual([]);
  });

  it.each([
    ['the correct variants', []],
    ['every variant', ['--mutants']],
  ])('rejects --trace-out with %s and writes nothing', async (_, extra) => {
    const file = tmp();

    const run = await cli('check', 'total-order', ...extra, '--trace-out', file);

    expectUsageError(run, '--trace-out');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('reports a misspelt option on one line', async () => {
    expectUsageError(await cli('check', 'total-order', '--variants', 'lamport'), '--variants');
  });

  it('reports a misspelt command on one line', async () => {
    expectUsageError(await cli('chek'), 'chek');
  });

  it('rejects a --trace-out that is a directory with exit 2', async () => {
    const dir = tmp('out');
    fs.mkdirSync(dir);

    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'lamport-no-wait',
      '--runs',
      '200',
      '--trace-out',
      dir,
    );

    expectUsageError(run);
  });
});
