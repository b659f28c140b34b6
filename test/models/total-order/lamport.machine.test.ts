import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import {
  hasUnconfirmed,
  lamportMember,
  type LamportContext,
} from '../../../models/total-order/lamport.machine.ts';

/** Runs `events` through member `self`'s machine (3 members); returns the last snapshot. */
function run(self: number, events: readonly object[]): AnyMachineSnapshot {
  let [snapshot] = initialTransition(lamportMember, { self, n: 3 });
  for (const event of events) [snapshot] = transition(lamportMember, snapshot, event as never);
  return snapshot;
}

/** The sends of `event` after `before`: the `send` actions' params. */
function sends(self: number, before: readonly object[], event: object): unknown[] {
  const [, actions] = transition(lamportMember, run(self, before), event as never);
  return actions.filter((a) => a.type === 'send').map((a) => a.params);
}

const context = (s: AnyMachineSnapshot) => s.context as LamportContext;
const m0 = { type: 'Msg', id: 'm0', ts: 1, k: 1, from: 0 };

describe('Lamport member over a retransmitted stream', () => {
  it('takes stream entries in order only: a later entry after a lost one waits', () => {
    const ack = { type: 'Ack', ts: 5, k: 2, from: 0 };
    const ahead = run(1, [ack]);
    expect(context(ahead).heard[0]).toBe(0);
    expect(context(ahead).taken[0]).toBe(0);
    const inOrder = run(1, [m0, ack]);
    expect(context(inOrder).heard[0]).toBe(5);
    expect(context(inOrder).taken[0]).toBe(2);
  });

  it('confirms every entry with Got, a duplicate too, and takes a duplicate only once', () => {
    expect(sends(1, [], m0)).toContainEqual({ to: 0, msg: { type: 'Got', k: 1 } });
    expect(sends(1, [m0], m0)).toEqual([{ to: 0, msg: { type: 'Got', k: 1 } }]);
    expect(context(run(1, [m0, m0])).pending.map((p) => p.id)).toEqual(['m0']);
  });

  it('resends, on its timeout, every entry a member has not confirmed', () => {
    const history = [
      { type: 'multicast', id: 'm0' },
      { type: 'Got', k: 1, from: 2 },
    ];
    const s = run(0, history);
    expect(context(s).confirmed).toEqual([0, 0, 1]);
    expect(hasUnconfirmed(context(s))).toBe(true);
    expect(sends(0, history, { type: 'timeout' })).toEqual([
      { to: 1, msg: { type: 'Msg', id: 'm0', ts: 1, k: 1 } },
    ]);
    const done = run(0, [...history, { type: 'Got', k: 1, from: 1 }]);
    expect(hasUnconfirmed(context(done))).toBe(false);
  });
});
