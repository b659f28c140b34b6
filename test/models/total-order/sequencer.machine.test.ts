import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import {
  lagging,
  sequencerMember,
  withOrder,
  type SequencerContext,
} from '../../../models/total-order/sequencer.machine.ts';

/** Runs `events` through a member's machine from its initial state; returns the last snapshot. */
function run(self: number, events: readonly object[]): AnyMachineSnapshot {
  let [snapshot] = initialTransition(sequencerMember, { self, n: 3 });
  for (const event of events) [snapshot] = transition(sequencerMember, snapshot, event as never);
  return snapshot;
}

/** The sends of one step: the `send` actions' params. */
function sends(self: number, before: readonly object[], event: object): unknown[] {
  const [snapshot] = [run(self, before)];
  const [, actions] = transition(sequencerMember, snapshot, event as never);
  return actions.filter((a) => a.type === 'send').map((a) => a.params);
}

const context = (s: AnyMachineSnapshot) => s.context as SequencerContext;

describe('withOrder', () => {
  it('pads with null up to the number, never leaving a hole (the context must be JSON)', () => {
    const order = withOrder([], 2, 'm1');
    expect(order).toEqual([null, 'm1']);
    expect(JSON.parse(JSON.stringify(order))).toEqual(order);
    expect(withOrder(order, 1, 'm0')).toEqual(['m0', 'm1']);
  });
});

describe('sequencer member over lossy channels', () => {
  it('stores an Order that overtook a lost one as JSON, and delivers once the gap is filled', () => {
    const early = run(1, [
      { type: 'Data', id: 'm1', from: 2 },
      { type: 'Order', id: 'm1', seq: 2, from: 0 },
    ]);
    expect(context(early).order).toEqual([null, 'm1']);
    expect(context(early).delivered).toEqual([]);
    const filled = run(1, [
      { type: 'Data', id: 'm1', from: 2 },
      { type: 'Order', id: 'm1', seq: 2, from: 0 },
      { type: 'Data', id: 'm0', from: 0 },
      { type: 'Order', id: 'm0', seq: 1, from: 0 },
    ]);
    expect(context(filled).delivered).toEqual(['m0', 'm1']);
  });

  it('acknowledges what it delivered, and again on an Order it already delivered', () => {
    const got = [
      { type: 'Data', id: 'm0', from: 0 },
      { type: 'Order', id: 'm0', seq: 1, from: 0 },
    ];
    expect(sends(1, got.slice(0, 1), got[1]!)).toContainEqual({
      to: 0,
      msg: { type: 'OrderAck', count: 1 },
    });
    expect(sends(1, got, got[1]!)).toEqual([{ to: 0, msg: { type: 'OrderAck', count: 1 } }]);
  });

  it('resends, at the sequencer, the Data and Order of what a member has not acknowledged', () => {
    const history = [
      { type: 'multicast', id: 'm0' },
      { type: 'Data', id: 'm0', from: 0 },
      { type: 'OrderAck', count: 1, from: 2 },
    ];
    const s = run(0, history);
    expect(context(s).acked).toEqual([0, 0, 1]);
    expect([lagging(context(s), 1), lagging(context(s), 2)]).toEqual([true, false]);
    expect(sends(0, history, { type: 'timeout' })).toEqual([
      { to: 1, msg: { type: 'Data', id: 'm0' } },
      { to: 1, msg: { type: 'Order', id: 'm0', seq: 1 } },
    ]);
  });

  it('has nothing to resend once every member acknowledged (so the system can quiesce)', () => {
    const history = [
      { type: 'multicast', id: 'm0' },
      { type: 'Data', id: 'm0', from: 0 },
      { type: 'OrderAck', count: 1, from: 1 },
      { type: 'OrderAck', count: 1, from: 2 },
    ];
    const before = run(0, history);
    const [after, actions] = transition(sequencerMember, before, { type: 'timeout' });
    expect(actions.filter((a) => a.type === 'send')).toEqual([]);
    expect(after.context).toBe(before.context);
  });
});
