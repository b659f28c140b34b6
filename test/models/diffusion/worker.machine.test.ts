import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { worker } from '../../../models/diffusion/worker.machine.ts';

/** The snapshot after `events`, and the send and observe actions of the last one. */
function run(machine: AnyStateMachine, input: object, events: readonly object[]) {
  let [snapshot, actions] = initialTransition(machine, input);
  for (const event of events) [snapshot, actions] = transition(machine, snapshot, event as never);
  const params = (type: string) => actions.filter((a) => a.type === type).map((a) => a.params);
  return { snapshot, sends: params('send'), observed: params('observe') };
}

describe('diffusion worker machine', () => {
  it('answers a whole request to the client and reports it done to the diffuser', () => {
    const work = { type: 'Work', req: 'r0', part: 0, parts: 1, slice: 'c', base: 'AB' };
    const whole = run(worker, {}, [{ ...work, client: 0, direct: true, from: 1 }]);
    expect(whole.sends).toEqual([
      { to: 0, msg: { type: 'Answer', req: 'r0', result: 'ABC' } },
      {
        to: 1,
        msg: { type: 'Done', req: 'r0', part: 0, parts: 1, result: 'ABC', direct: true },
      },
    ]);
    const part = run(worker, {}, [{ ...work, base: '', client: 0, direct: false, from: 1 }]);
    expect(part.sends).toEqual([expect.objectContaining({ to: 1 })]);
  });
});
