import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_REJECTED_DRAWS,
  parameterNames,
  parseParam,
  parseParams,
  resolveOverrides,
  withOverrides,
} from '../../../checkers/params/override.ts';
import { runRandomAsync, scenarioArbitrary } from '../../../checkers/random.ts';
import { readTrace } from '../../../checkers/trace.ts';
import { UsageError } from '../../../checkers/usage-error.ts';
import { cli, totalOrder, useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();

/** Asserts the usage-error contract: exit 2, one `groupcheck: ` line on stderr, no stack. */
function expectUsageError(run: { code: number; err: readonly string[] }, line: string): void {
  expect(run.code).toBe(2);
  expect(run.err).toEqual([`groupcheck: ${line}`]);
}

/** `groupcheck check total-order --json ...args`'s exhaustive figures. */
async function distinct(...args: string[]): Promise<number> {
  const run = await cli('check', 'total-order', '--engine', 'exhaustive', '--json', ...args);
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as { results: { exhaustive: { distinct: number } }[] };
  return report.results[0]!.exhaustive.distinct;
}

/** Parameter sets the random engine would draw for `check total-order ...params`. */
function draws(params: string[]) {
  const resolved = resolveOverrides(totalOrder, parseParams(params));
  const nodes = resolved.nodes === undefined ? {} : { nodes: resolved.nodes };
  const options = { runs: 1, seed: 3, ...nodes };
  return fc.sample(scenarioArbitrary(resolved.protocol, options), { seed: 3, numRuns: 200 });
}

describe('parseParam', () => {
  it.each([
    ['members=3', 'members', 3],
    ['multicasts=[0,1]', 'multicasts', [0, 1]],
    ['flag=true', 'flag', true],
    ['o={"a":1}', 'o', { a: 1 }],
    ['name=alpha', 'name', 'alpha'],
    ['name=', 'name', ''],
    ['eq=a=b', 'eq', 'a=b'],
  ])('%s', (text, key, value) => {
    expect(parseParam(text)).toEqual({ key, value, text });
  });

  it.each(['members', '=3', ' =3'])('rejects %j', (text) => {
    expect(() => parseParam(text)).toThrow(UsageError);
  });

  it('rejects a key given twice', () => {
    expect(() => parseParams(['drops=0', 'drops=1'])).toThrow(
      '--param drops is given more than once',
    );
  });
});

describe('parameterNames', () => {
  it('are the bounded configuration keys', () => {
    expect(parameterNames(totalOrder)).toEqual([
      'members',
      'multicasts',
      'drops',
      'duplicates',
      'timeouts',
    ]);
  });
});

describe('groupcheck check --param: errors, one line, exit 2, before any search', () => {
  it.each([
    [
      ['--param', 'foo=1'],
      "unknown parameter 'foo' for total-order (its parameters: members, multicasts, drops, duplicates, timeouts)",
    ],
    [['--param', 'members=0'], '--param members=0: members: Too small: expected number to be >=1'],
    [
      ['--param', 'multicasts=[7]'],
      '--param multicasts=[7]: every multicast origin must be a member',
    ],
    [
      ['--param', 'members=x'],
      '--param members=x: members: Invalid input: expected number, received string',
    ],
    [
      ['--param', 'multicasts=[0,-1]'],
      '--param multicasts=[0,-1]: multicasts.1: Too small: expected number to be >=0',
    ],
    [
      ['--param', 'members=1'],
      '--param members=1: members is what --nodes counts (group members), 2 to 5 for total-order',
    ],
    [
      ['--param', 'members=4', '--nodes', '3'],
      '--param members=4 and --nodes 3 disagree: members is what --nodes sets',
    ],
    [['--param', 'drops'], "--param takes key=value (e.g. --param members=3), not 'drops'"],
    [['--param', '=1'], "--param takes key=value (e.g. --param members=3), not '=1'"],
  ])('%j', async (args, line) => {
    expectUsageError(await cli('check', 'total-order', ...args), line);
  });

  it('--param with --all', async () => {
    expectUsageError(
      await cli('check', '--all', '--param', 'drops=0'),
      "--param sets one protocol's parameters: not with --all",
    );
  });

  it('fails on a protocol with no such parameter even for the exhaustive engine', async () => {
    const run = await cli(
      'check',
      'two-phase-locking',
      '--engine',
      'exhaustive',
      '--param',
      'members=3',
    );
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain("unknown parameter 'members' for two-phase-locking");
  });
});

describe('resolveOverrides', () => {
  it('takes the node count from the parameter --nodes sets, and agrees with the same --nodes', () => {
    expect(resolveOverrides(totalOrder, parseParams(['members=4'])).nodes).toBe(4);
    expect(resolveOverrides(totalOrder, parseParams(['members=4']), 4).nodes).toBe(4);
    expect(resolveOverrides(totalOrder, parseParams(['drops=0']), 2).nodes).toBe(2);
    expect(resolveOverrides(totalOrder, parseParams(['drops=0'])).nodes).toBeUndefined();
  });

  it('explores the bounded configuration with the overrides applied', () => {
    const { protocol } = resolveOverrides(totalOrder, parseParams(['drops=0', 'timeouts=2']));

    expect(protocol.bounded(3)).toEqual({ ...totalOrder.bounded(3), drops: 0, timeouts: 2 });
    expect(protocol.manifest).toBeUndefined();
  });
});

describe('groupcheck check --param: what is explored', () => {
  it('the exhaustive engine explores fewer states with drops=0', async () => {
    const base = await distinct('--variant', 'lamport', '--nodes', '2');
    const fewer = await distinct('--variant', 'lamport', '--nodes', '2', '--param', 'drops=0');

    expect(fewer).toBeLessThan(base);
  });

  it('--param members=2 is --nodes 2', async () => {
    const byParam = await distinct('--variant', 'sequencer', '--param', 'members=2');
    const byNodes = await distinct('--variant', 'sequencer', '--nodes', '2');

    expect(byParam).toBe(byNodes);
  });

  it('the random engine draws only 2-member scenarios with members=2', () => {
    const drawn = draws(['members=2']);

    expect(drawn.every((s) => s.params['members'] === 2)).toBe(true);
    const lengths = new Set(drawn.map((s) => JSON.stringify(s.params['multicasts'])));
    expect(lengths.size).toBeGreaterThan(1);
  });

  it('the random engine applies an override to every draw and keeps the rest drawn', () => {
    const drawn = draws(['drops=0']);

    expect(drawn.every((s) => s.params['drops'] === 0)).toBe(true);
    expect(new Set(drawn.map((s) => s.params['members'])).size).toBeGreaterThan(1);
  });

  it('skips draws the schema rejects once overridden', () => {
    const drawn = draws(['multicasts=[2]']);

    expect(drawn.every((s) => (s.params['members'] as number) >= 3)).toBe(true);
    expect(drawn.every((s) => JSON.stringify(s.params['multicasts']) === '[2]')).toBe(true);
  });

  it('an override no draw fits is an error, not an endless search', () => {
    const never = withOverrides(totalOrder, { multicasts: [4] });
    const arbitrary = never.scenarios({ minNodes: 2, maxNodes: 2 });

    expect(() => fc.sample(arbitrary, { seed: 1, numRuns: 1 })).toThrow(
      `none of ${MAX_REJECTED_DRAWS} parameter sets drawn`,
    );
  });

  it('the random engine reports such an override as bad input', async () => {
    const never = withOverrides(totalOrder, { multicasts: [4] });
    const variant = totalOrder.variants[0]!;

    await expect(runRandomAsync(never, variant, { runs: 10, seed: 1, nodes: 2 })).rejects.toThrow(
      UsageError,
    );
  });

  it('leaves the manifest out: pinned figures are for the unchanged configuration', async () => {
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--engine',
      'exhaustive',
      '--nodes',
      '2',
      '--param',
      'drops=0',
    );

    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('manifest:');
  });
});

describe('groupcheck check --param: traces', () => {
  it('a counterexample records the parameters used and replays', async () => {
    const file = tmp();
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer-no-seqcheck',
      '--runs',
      '200',
      '--param',
      'members=2',
      '--param',
      'timeouts=1',
      '--trace-out',
      file,
    );

    expect(run.code).toBe(1);
    const trace = readTrace(file);
    expect(trace.config).toMatchObject({ members: 2, timeouts: 1 });
    const replay = await cli('replay', file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('reproduced: total-order');
  });

  it('an exhaustive counterexample with an override replays', async () => {
    const file = tmp();
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer-no-dedup',
      '--engine',
      'exhaustive',
      '--param',
      'duplicates=1',
      '--trace-out',
      file,
    );

    expect(run.code).toBe(1);
    expect(readTrace(file).config).toMatchObject({ duplicates: 1 });
    expect((await cli('replay', file)).code).toBe(1);
  });
});

describe('groupcheck list: parameters', () => {
  it('prints each protocol parameters with their defaults and what --nodes counts', async () => {
    const run = await cli('list');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'nodes: group members, 2 to 5, default 3 (--nodes N, or --param members=N)',
    );
    expect(run.stdout).toMatch(/^ {4}multicasts +\[0,1\]$/m);
    expect(run.stdout).toContain('nodes: all nodes: clients, servers and the deadlock detector');
  });

  it('--json adds the parameters next to the node bounds', async () => {
    const run = await cli('list', '--json');

    const listing = JSON.parse(run.stdout) as {
      protocols: { name: string; nodes: { counts?: string }; parameters: unknown }[];
    };
    const totalOrderListing = listing.protocols.find((p) => p.name === 'total-order')!;
    expect(totalOrderListing.nodes.counts).toBe('group members');
    expect(totalOrderListing.parameters).toEqual({
      members: 3,
      multicasts: [0, 1],
      drops: 1,
      duplicates: 0,
      timeouts: 0,
    });
    for (const p of listing.protocols) expect(typeof p.parameters).toBe('object');
  });
});

describe('the results say which parameters were set', () => {
  it('--json carries them (an empty object without), and the text header names them', async () => {
    const argv = ['check', 'total-order', '--variant', 'lamport', '--engine', 'exhaustive'];
    const set = await cli(...argv, '--param', 'drops=0', '--json');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ version: 1, params: { drops: 0 } });
    const stopped = await cli(...argv, '--param', 'drops=0', '--max-states', '10', '--json');
    expect(JSON.parse(stopped.stdout).params).toEqual({ drops: 0 });
    const plain = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--runs',
      '5',
      '--json',
    );
    expect(JSON.parse(plain.stdout).params).toEqual({});
    const text = await cli(...argv, '--param', 'drops=0');
    expect(text.stdout.split('\n')[0]).toBe('total-order / lamport  engine=exhaustive drops=0');
  });
});
