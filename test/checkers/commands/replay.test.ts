import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trace } from '../../../checkers/trace.ts';
import {
  cleanTrace,
  cli,
  editable,
  mutants,
  mutantTrace,
  useTempFiles,
  writeJson,
} from '../helpers.ts';

const tmp = useTempFiles();

/** One trace per mutant, written by `check` (seed 1) and kept in memory for editing. */
const traces = new Map<string, Trace>();

beforeAll(async () => {
  for (const { name } of mutants) traces.set(name, await mutantTrace(name, tmp()));
});

const seqcheck = () => editable(traces.get('sequencer-no-seqcheck')!);

/** Asserts the input-error contract of replay: exit 2, one `groupcheck: ` line, no stack. */
function expectInputError(run: { code: number; err: readonly string[] }, mentions: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.err).toHaveLength(1);
  expect(run.err[0]).toMatch(/^groupcheck: /);
  expect(run.err[0]).not.toMatch(/\n\s+at /);
  expect(run.err[0]).toMatch(mentions);
}

/** Asserts a divergence at `step`: exit 3 and one line naming that step. */
function expectDivergence(run: { code: number; err: readonly string[] }, step: number): void {
  expect(run.code).toBe(3);
  expect(run.err).toHaveLength(1);
  expect(run.err[0]).toMatch(new RegExp(`^groupcheck: .* diverges at step ${step}\\b`));
}

describe('groupcheck replay: verdicts', () => {
  it.each(mutants)('reproduces the trace check wrote for $name', async ({ name, breaks }) => {
    const file = tmp();
    const trace = await mutantTrace(name, file);

    const run = await cli('replay', file);

    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(trace.violation?.property).toBe(breaks);
    expect(run.stdout).toContain(`reproduced: ${breaks} at step ${trace.violation!.step}`);
  });

  it('--format mermaid prints a sequence diagram', async () => {
    const file = writeJson(tmp(), seqcheck());

    const run = await cli('replay', file, '--format', 'mermaid');

    expect(run.code).toBe(1);
    expect(run.out[0]).toMatch(/^sequenceDiagram\n/);
  });

  it.each(['sequencer', 'lamport'])('replays a clean %s trace with exit 0', async (variant) => {
    const trace = cleanTrace(variant);
    const file = writeJson(tmp(), trace);

    const run = await cli('replay', file);

    expect(trace.violation).toBeNull();
    expect(trace.actions.length).toBeGreaterThan(3);
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.stdout).toContain(`replayed ${trace.actions.length} actions: no violation`);
  });
});

describe('groupcheck replay: bad input', () => {
  it('rejects --format svg', async () => {
    const file = writeJson(tmp(), seqcheck());

    expectInputError(await cli('replay', file, '--format', 'svg'), /--format.*svg/);
  });

  it('rejects a missing file', async () => {
    expectInputError(await cli('replay', tmp('absent.json')), /cannot read .*absent\.json/);
  });

  it('rejects a file that is not JSON', async () => {
    const file = writeJson(tmp(), 'format: groupcheck-trace\n');

    expectInputError(await cli('replay', file), /not JSON/);
  });

  it('rejects a truncated trace', async () => {
    const text = JSON.stringify(seqcheck(), null, 2);
    const file = writeJson(tmp(), text.slice(0, Math.floor(text.length / 2)));

    expectInputError(await cli('replay', file), /not JSON/);
  });

  it('rejects valid JSON with the wrong format', async () => {
    const file = writeJson(tmp(), { ...seqcheck(), format: 'other-trace' });

    expectInputError(await cli('replay', file), /not a groupcheck trace.*format.*other-trace/);
  });

  it('rejects valid JSON with another version', async () => {
    const file = writeJson(tmp(), { ...seqcheck(), version: 2 });

    expectInputError(await cli('replay', file), /version 2.*reads version 1/);
  });

  it.each([
    ['an unknown protocol', { protocol: 'gossip' }, /unknown protocol.*gossip/],
    ['an unknown variant', { variant: 'sequencer-typo' }, /no variant sequencer-typo/],
  ])('rejects %s', async (_, edit, mentions) => {
    const file = writeJson(tmp(), { ...seqcheck(), ...edit });

    expectInputError(await cli('replay', file), mentions);
  });

  it.each([
    ['members: -1', (c: Record<string, unknown>) => (c['members'] = -1), /config.*members/],
    ['no members', (c: Record<string, unknown>) => delete c['members'], /config.*members/],
    [
      'a multicast from a non-member',
      (c: Record<string, unknown>) => (c['multicasts'] = [7]),
      /member/,
    ],
  ])('rejects an invalid config (%s)', async (_, edit, mentions) => {
    const trace = seqcheck();
    edit(trace.config);
    const file = writeJson(tmp(), trace);

    expectInputError(await cli('replay', file), mentions);
  });

  it('rejects an action that fails the schema, naming it', async () => {
    const trace = seqcheck();
    trace.actions[1].extra = true;
    const file = writeJson(tmp(), trace);

    expectInputError(await cli('replay', file), /actions\.1/);
  });
});

describe('groupcheck replay: divergence', () => {
  it('names the step of an action that is no longer enabled', async () => {
    const trace = seqcheck();
    const index = trace.actions.findIndex((a: { type: string }) => a.type === 'deliver');
    trace.actions[index].msg.id = 'm99';
    const file = writeJson(tmp(), trace);

    const run = await cli('replay', file);

    expectDivergence(run, index + 1);
    expect(run.err[0]).toContain(`step ${index + 1} (`);
    expect(run.err[0]).toContain('not in flight');
  });

  it('names the step of an action on a node that does not exist', async () => {
    const trace = seqcheck();
    const index = trace.actions.findIndex((a: { type: string }) => a.type === 'deliver');
    trace.actions[index].to = 9;
    const file = writeJson(tmp(), trace);

    expectDivergence(await cli('replay', file), index + 1);
  });

  it('names the step whose recorded state fingerprint was edited', async () => {
    const trace = seqcheck();
    const index = Math.floor(trace.states.length / 2);
    const flip = (c: string) => (c === '0' ? '1' : '0');
    trace.states[index] = flip(trace.states[index][0]) + trace.states[index].slice(1);
    const file = writeJson(tmp(), trace);

    const run = await cli('replay', file);

    expectDivergence(run, index + 1);
    expect(run.err[0]).toContain('the state differs from the recorded one');
  });

  it.each(mutants)(
    'diverges at the end when the last action of $name is removed',
    async ({ name }) => {
      const trace = editable(traces.get(name)!);
      const n = trace.actions.length;
      expect(trace.violation.step).toBe(n);
      trace.actions.pop();
      trace.states.pop();
      const file = writeJson(tmp(), trace);

      const run = await cli('replay', file);

      expectDivergence(run, n);
      // A livelock's trace that lost its last step no longer closes its loop.
      expect(run.err[0]).toContain(
        'loop' in trace.violation
          ? 'the trace ends without its livelock'
          : `not ${trace.violation.property} at step ${n}`,
      );
    },
  );

  it.each([
    ['another property', { property: 'validity' }],
    ['a later step', { step: 99 }],
  ])('diverges when the recorded violation names %s', async (_, edit) => {
    const trace = seqcheck();
    trace.violation = { ...trace.violation, ...edit };
    const file = writeJson(tmp(), trace);

    expectDivergence(await cli('replay', file), trace.actions.length + 1);
  });

  it('diverges when a violating trace is recorded as clean', async () => {
    const file = writeJson(tmp(), { ...seqcheck(), violation: null });

    const run = await cli('replay', file);

    expectDivergence(run, seqcheck().actions.length + 1);
    expect(run.err[0]).toContain('not no violation');
  });

  it('rejects a trace with fewer states than actions', async () => {
    const trace = seqcheck();
    trace.states = [];
    const file = writeJson(tmp(), trace);

    const run = await cli('replay', file);

    expect([2, 3]).toContain(run.code);
  });
});

describe('groupcheck replay: the file is left alone', () => {
  it('does not rewrite the trace it replays', async () => {
    const file = writeJson(tmp(), seqcheck());
    const before = fs.readFileSync(file);

    await cli('replay', file);

    expect(fs.readFileSync(file)).toEqual(before);
  });
});
