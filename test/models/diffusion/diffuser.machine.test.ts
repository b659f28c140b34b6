import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { diffuser } from '../../../models/diffusion/diffuser.machine.ts';

/** The snapshot after `events`, and the send and observe actions of the last one. */
function run(machine: AnyStateMachine, input: object, events: readonly object[]) {
  let [snapshot, actions] = initialTransition(machine, input);
  for (const event of events) [snapshot, actions] = transition(machine, snapshot, event as never);
  const params = (type: string) => actions.filter((a) => a.type === type).map((a) => a.params);
  return { snapshot, sends: params('send'), observed: params('observe') };
}

describe('diffuser machine', () => {
  const input = { workers: 2, first: 2, split: 2 };
  const request = { type: 'Request', req: 'r0', input: 'ab', key: null, from: 0 };

  it('serves while work is outstanding, and goes idle once it is done', () => {
    const serving = run(diffuser, input, [request]);
    expect(serving.snapshot.value).toBe('serving');
    expect(serving.sends).toHaveLength(1);
    const done = {
      type: 'Done',
      req: 'r0',
      part: 0,
      parts: 1,
      result: 'AB',
      direct: true,
      from: 2,
    };
    expect(run(diffuser, input, [request, done]).snapshot.value).toBe('idle');
  });

  it('re-dispatches on its timer only while serving, and not when redispatches is off', () => {
    expect(run(diffuser, input, [request, { type: 'timeout' }]).sends).toHaveLength(1);
    expect(run(diffuser, input, [{ type: 'timeout' }]).sends).toEqual([]);
    const off = diffuser.provide({ guards: { redispatches: () => false } });
    expect(run(off, input, [request, { type: 'timeout' }]).sends).toEqual([]);
  });
});
