import { describe, expect, test } from 'vitest';
import { controlKey, findLasso, loopProblem } from '../../checkers/lasso.ts';
import { execute } from '../../checkers/replay.ts';
import type { Action } from '../../models/kernel/action.ts';
import { livelockSystem } from '../fixtures/livelock-protocol.ts';

const start: Action = { type: 'input', node: 0, event: { type: 'start' } };
const note: Action = { type: 'input', node: 0, event: { type: 'note' } };
const tok = (from: number, hops = 0): Action => ({
  type: 'deliver',
  from,
  to: 1 - from,
  msg: { type: 'Tok', hops },
});

function run(variant: 'forever' | 'counting', actions: readonly Action[], withNote = false) {
  const sys = livelockSystem(variant, withNote);
  const { worlds, divergence } = execute(sys, actions);
  expect(divergence).toBeNull();
  return { sys, worlds };
}

describe('controlKey', () => {
  test('ignores what was observed, not what decides the future', () => {
    const { worlds } = run('forever', [start, tok(0), tok(1)]);
    expect(controlKey(worlds[3]!)).toBe(controlKey(worlds[1]!));
    expect(worlds[3]!.history).not.toEqual(worlds[1]!.history);
    expect(controlKey(worlds[2]!)).not.toBe(controlKey(worlds[1]!));
  });
});

describe('findLasso', () => {
  test('finds the first world that comes back', () => {
    const actions = [start, tok(0), tok(1), tok(0), tok(1)];
    const { sys, worlds } = run('forever', actions);
    expect(findLasso(sys, worlds, actions)).toEqual({ start: 1, end: 3 });
  });

  test('finds none when the model counts up', () => {
    const actions = [start, tok(0, 0), tok(1, 1), tok(0, 2), tok(1, 3)];
    const { sys, worlds } = run('counting', actions);
    expect(findLasso(sys, worlds, actions)).toBeNull();
  });

  test('skips an unfair loop', () => {
    const actions = [start, note, tok(0), tok(1)];
    const { sys, worlds } = run('forever', actions, true);
    expect(findLasso(sys, worlds, actions)).toBeNull();
  });
});

describe('loopProblem', () => {
  test('a fair loop back to the same state has none', () => {
    const actions = [start, tok(0), tok(1)];
    const { sys, worlds } = run('forever', actions);
    expect(loopProblem(sys, worlds, actions, { start: 1, end: 3 })).toBeNull();
  });

  test('names a message the loop never delivers', () => {
    const actions = [start, note, tok(0), tok(1)];
    const { sys, worlds } = run('forever', actions, true);
    expect(loopProblem(sys, worlds, actions, { start: 2, end: 4 })).toBe(
      'the loop is unfair: r0 → r0  Note is possible throughout and never taken',
    );
  });

  test('refuses ends that differ, and an empty loop', () => {
    const actions = [start, tok(0), tok(1)];
    const { sys, worlds } = run('forever', actions);
    expect(loopProblem(sys, worlds, actions, { start: 1, end: 2 })).toBe(
      'the state after step 2 is not the state after step 1',
    );
    expect(loopProblem(sys, worlds, actions, { start: 2, end: 2 })).toBe('the loop is empty');
  });
});
