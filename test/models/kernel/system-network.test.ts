/**
 * The network kinds as the System runs them: what can be delivered, in what order, what delivery,
 * drop and duplicate do to a channel, and when a duplicating network has quiesced.
 */
import { describe, expect, it } from 'vitest';
import type { Payload } from '../../../models/kernel/action.ts';
import type { FaultBudget, NetworkKind } from '../../../models/kernel/protocol.ts';
import type { System } from '../../../models/kernel/system.ts';
import type { World } from '../../../models/kernel/world.ts';
import { ping, toySystem } from '../../fixtures/toy-protocol.ts';
import {
  contextOf,
  deliver,
  input,
  drop,
  duplicate,
  enabledOfType,
  historyOf,
  network,
  Ping,
  Pong,
  steps,
} from './helpers.ts';

/** Node 0 has sent Ping0 then Ping1 to node 1 over `network`. */
function twoPings(network: NetworkKind, faults: FaultBudget = {}) {
  const sys = toySystem({ network, inputs: [ping(0, 1), ping(0, 1)], faults });
  const w = steps(sys, sys.initial(), input(0, 1), input(0, 1));
  return { sys, w };
}

/** The messages deliverable on channel 0→1. */
function deliverable(sys: System, w: World): Payload[] {
  return enabledOfType(sys, w, 'deliver')
    .filter((a) => a.from === 0 && a.to === 1)
    .map((a) => a.msg);
}

describe('a fifo network', () => {
  it('can deliver only the head of a channel', () => {
    const { sys, w } = twoPings('fifo');

    expect(network(sys, w)).toEqual({ '0->1': ['Ping0', 'Ping1'] });
    expect(deliverable(sys, w)).toEqual([Ping(0)]);
    expect(sys.resolve(w, deliver(0, 1, Ping(1)))).toBe('that message is not in flight');
  });

  it('delivers in send order, removing what it delivers', () => {
    const { sys, w } = twoPings('fifo');

    const first = steps(sys, w, deliver(0, 1, Ping(0)));
    const second = steps(sys, first, deliver(0, 1, Ping(1)));

    expect(deliverable(sys, first)).toEqual([Ping(1)]);
    expect(network(sys, second)).toEqual({ '1->0': ['Pong0', 'Pong1'] });
    expect(historyOf(second).map((o) => o.seq)).toEqual([0, 1]);
  });

  it('orders each channel on its own: the heads of two channels are both deliverable', () => {
    const sys = toySystem({ nodes: 3, inputs: [ping(0, 1), ping(2, 1)] });

    const w = steps(sys, sys.initial(), input(0, 1), input(2, 1));

    expect(enabledOfType(sys, w, 'deliver')).toEqual([
      deliver(0, 1, Ping(0)),
      deliver(2, 1, Ping(0)),
    ]);
  });

  it('drops only the head', () => {
    const { sys, w } = twoPings('fifo', { drop: 1 });

    const dropped = steps(sys, w, drop(0, 1, Ping(0)));

    expect(enabledOfType(sys, w, 'drop').map((a) => a.msg)).toEqual([Ping(0)]);
    expect(network(sys, dropped)).toEqual({ '0->1': ['Ping1'] });
  });

  it('puts a duplicate right behind the original, so it is delivered next', () => {
    const { sys, w } = twoPings('fifo', { duplicate: 1 });

    const doubled = steps(sys, w, duplicate(0, 1, Ping(0)));
    const once = steps(sys, doubled, deliver(0, 1, Ping(0)));

    expect(network(sys, doubled)).toEqual({ '0->1': ['Ping0', 'Ping0', 'Ping1'] });
    expect(deliverable(sys, once)).toEqual([Ping(0)]);
  });
});

describe('an unordered network', () => {
  it('can deliver any message in flight', () => {
    const { sys, w } = twoPings('unordered');

    expect(deliverable(sys, w)).toEqual(expect.arrayContaining([Ping(0), Ping(1)]));
    expect(deliverable(sys, w)).toHaveLength(2);
  });

  it('delivers out of send order', () => {
    const { sys, w } = twoPings('unordered');

    const after = steps(sys, w, deliver(0, 1, Ping(1)));

    expect(network(sys, after)).toEqual({ '0->1': ['Ping0'], '1->0': ['Pong1'] });
    expect(historyOf(after)).toEqual([{ node: 1, kind: 'got', msg: 'Ping', from: 0, seq: 1 }]);
  });

  it('removes one copy of a message it delivers', () => {
    const { sys, w } = twoPings('unordered', { duplicate: 1 });
    const doubled = steps(sys, w, duplicate(0, 1, Ping(1)));

    const once = steps(sys, doubled, deliver(0, 1, Ping(1)));
    const twice = steps(sys, once, deliver(0, 1, Ping(1)));

    expect(network(sys, doubled)['0->1']?.sort()).toEqual(['Ping0', 'Ping1', 'Ping1']);
    expect(network(sys, once)['0->1']?.sort()).toEqual(['Ping0', 'Ping1']);
    expect(network(sys, twice)['0->1']).toEqual(['Ping0']);
    expect(contextOf(sys, twice, 1).count).toBe(2);
  });

  it('drops any one message', () => {
    const { sys, w } = twoPings('unordered', { drop: 1 });

    const dropped = steps(sys, w, drop(0, 1, Ping(1)));

    expect(enabledOfType(sys, w, 'drop')).toHaveLength(2);
    expect(network(sys, dropped)).toEqual({ '0->1': ['Ping0'] });
  });
});

describe('a duplicating network', () => {
  it('keeps a delivered message in flight: it can be delivered again', () => {
    const { sys, w } = twoPings('duplicating');

    const once = steps(sys, w, deliver(0, 1, Ping(0)));
    const again = steps(sys, once, deliver(0, 1, Ping(0)));

    expect(network(sys, once)['0->1']).toEqual(network(sys, w)['0->1']);
    expect(deliverable(sys, once)).toContainEqual(Ping(0));
    expect(contextOf(sys, again, 1).count).toBe(2);
  });

  it('holds one copy of a message sent twice', () => {
    const { sys, w } = twoPings('duplicating', { timeout: 1 });

    const resent = steps(sys, w, { type: 'timeout', node: 0, event: { type: 'tick' } });

    expect(network(sys, resent)).toEqual(network(sys, w));
    expect(resent.used).not.toEqual(w.used);
  });

  it('is never offered a duplicate fault, whatever the budget', () => {
    const { sys, w } = twoPings('duplicating', { duplicate: 3 });

    expect(enabledOfType(sys, w, 'duplicate')).toEqual([]);
    expect(sys.resolve(w, duplicate(0, 1, Ping(0)))).toBe('it is not enabled');
  });

  it('loses a dropped message for good', () => {
    const { sys, w } = twoPings('duplicating', { drop: 1 });

    const dropped = steps(sys, w, drop(0, 1, Ping(0)));

    expect(network(sys, dropped)).toEqual({ '0->1': ['Ping1'] });
    expect(sys.resolve(dropped, deliver(0, 1, Ping(0)))).toBe('that message is not in flight');
  });

  it('has not quiesced while a message in flight would still change its receiver', () => {
    const sys = toySystem({ network: 'duplicating', inputs: [ping(0, 1)] });

    const w = steps(
      sys,
      sys.initial(),
      input(0, 1),
      deliver(0, 1, Ping(0)),
      deliver(1, 0, Pong(0)),
    );

    // Each copy of the Ping is counted again: it is still an effective delivery.
    expect(network(sys, w)).toEqual({ '0->1': ['Ping0'], '1->0': ['Pong0'] });
    expect(sys.quiescent(w)).toBe(false);
  });

  it('has quiesced once no message in flight would change anything', () => {
    const sys = toySystem({ network: 'duplicating', inputs: [ping(0, 1)], faults: { drop: 1 } });

    const w = steps(
      sys,
      sys.initial(),
      input(0, 1),
      deliver(0, 1, Ping(0)),
      drop(0, 1, Ping(0)),
      deliver(1, 0, Pong(0)),
    );

    // The Pong stays in flight forever, but node 0 ignores a Pong it no longer waits for.
    expect(network(sys, w)).toEqual({ '1->0': ['Pong0'] });
    expect(enabledOfType(sys, w, 'deliver')).toEqual([deliver(1, 0, Pong(0))]);
    expect(sys.quiescent(w)).toBe(true);
  });

  it('contrast: a fifo or unordered network has not quiesced while anything is in flight', () => {
    for (const network of ['fifo', 'unordered'] as const) {
      const sys = toySystem({ network, inputs: [ping(0, 1)], faults: { duplicate: 1 } });

      const w = steps(
        sys,
        sys.initial(),
        input(0, 1),
        deliver(0, 1, Ping(0)),
        duplicate(1, 0, Pong(0)),
        deliver(1, 0, Pong(0)),
      );

      // A stale copy of the Pong would change nothing, but it is still in flight.
      expect(sys.quiescent(w)).toBe(false);
      expect(sys.quiescent(steps(sys, w, deliver(1, 0, Pong(0))))).toBe(true);
    }
  });
});

describe.each<NetworkKind>(['fifo', 'unordered', 'duplicating'])('on a %s network', (kind) => {
  it('a drop loses one message and uses one drop', () => {
    const { sys, w } = twoPings(kind, { drop: 2 });

    const dropped = steps(sys, w, drop(0, 1, Ping(0)));

    expect(network(sys, dropped)).toEqual({ '0->1': ['Ping1'] });
    expect(dropped.used[0]).toBe(1);
    expect(dropped.history).toBe(w.history);
  });

  it('messages to a node are delivered only while it is up', () => {
    const { sys, w } = twoPings(kind, { crash: 1 });

    const crashed = steps(sys, w, { type: 'crash', node: 1 });

    expect(deliverable(sys, w).length).toBeGreaterThan(0);
    expect(deliverable(sys, crashed)).toEqual([]);
  });
});
