import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { client } from '../../../models/diffusion/client.machine.ts';

/** The snapshot after `events`, and the send and observe actions of the last one. */
function run(machine: AnyStateMachine, input: object, events: readonly object[]) {
  let [snapshot, actions] = initialTransition(machine, input);
  for (const event of events) [snapshot, actions] = transition(machine, snapshot, event as never);
  const params = (type: string) => actions.filter((a) => a.type === type).map((a) => a.params);
  return { snapshot, sends: params('send'), observed: params('observe') };
}

const answer = { type: 'Answer', req: 'r0', result: 'AB', from: 2 };

describe('diffusion client machine', () => {
  it('sends a request to the diffuser and takes its first answer only', () => {
    const issue = { type: 'request', req: 'r0', input: 'ab', key: null };
    const sent = run(client, { diffuser: 1 }, [issue]);
    expect(sent.sends).toEqual([
      { to: 1, msg: { type: 'Request', req: 'r0', input: 'ab', key: null } },
    ]);
    expect(sent.observed).toEqual([{ kind: 'invoke', req: 'r0', input: 'ab', key: null }]);
    expect(run(client, { diffuser: 1 }, [issue, answer]).observed).toEqual([
      { kind: 'answer', req: 'r0', result: 'AB' },
    ]);
    const late = run(client, { diffuser: 1 }, [issue, answer, answer]);
    expect(late.observed).toEqual([]);
    expect(late.snapshot.context).toEqual({ diffuser: 1, pending: [] });
  });
});
