/**
 * Faults as the System injects them: budgets, and what each kind does to the world (status,
 * channels, history). Drop and duplicate per network kind are in system-network.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../models/kernel/action.ts';
import { FAULT_KINDS, type FaultBudget, type FaultKind } from '../../../models/kernel/protocol.ts';
import type { System } from '../../../models/kernel/system.ts';
import type { Move, World } from '../../../models/kernel/world.ts';
import { ping, toySystem, type ToyOptions } from '../../fixtures/toy-protocol.ts';
import {
  Bye,
  contextOf,
  deliver,
  input,
  enabledMoves,
  enabledOfType,
  historyOf,
  MoveKind,
  network,
  newObservations,
  Ping,
  Pong,
  Status,
  steps,
} from './helpers.ts';

const tick = (node: number): Action => ({ type: 'timeout', node, event: { type: 'tick' } });
const used = (w: World, kind: FaultKind) => w.used[FAULT_KINDS.indexOf(kind)];

const KIND_OF: Record<FaultKind, MoveKind> = {
  drop: MoveKind.Drop,
  duplicate: MoveKind.Duplicate,
  crash: MoveKind.Crash,
  recover: MoveKind.Recover,
  join: MoveKind.Join,
  leave: MoveKind.Leave,
  partition: MoveKind.Partition,
  timeout: MoveKind.Timeout,
};

/**
 * For each fault kind, a world with at least three chances of that fault (budget `b` of it, and
 * whatever else it takes to get there).
 */
const chances: Record<FaultKind, (b: number) => { sys: System; w: World }> = {
  drop: (b) => threePings({ drop: b }),
  duplicate: (b) => threePings({ duplicate: b }),
  timeout: (b) => threePings({ timeout: b }),
  crash: (b) => started({ nodes: 3, faults: { crash: b } }),
  leave: (b) => started({ nodes: 3, faults: { leave: b } }),
  partition: (b) => started({ nodes: 3, faults: { partition: b } }),
  join: (b) => started({ nodes: 3, out: [0, 1, 2], faults: { join: b } }),
  recover: (b) => {
    const { sys, w } = started({ nodes: 3, faults: { crash: 3, recover: b } });
    const crash = (node: number): Action => ({ type: 'crash', node });
    return { sys, w: steps(sys, w, crash(0), crash(1), crash(2)) };
  },
};

/** The initial world of the toy for `options`. */
function started(options: ToyOptions) {
  const sys = toySystem(options);
  return { sys, w: sys.initial() };
}

/** Node 0 has sent three Pings to node 1 (all pending). */
function threePings(faults: FaultBudget) {
  const sys = toySystem({ inputs: [ping(0, 1), ping(0, 1), ping(0, 1)], faults });
  return { sys, w: steps(sys, sys.initial(), input(0, 1), input(0, 1), input(0, 1)) };
}

describe.each(FAULT_KINDS)('the %s budget', (kind) => {
  it.each([0, 1, 2])('allows exactly %i faults of that kind', (budget) => {
    const start = chances[kind](budget);
    const sys = start.sys;
    let w = start.w;
    const first = (x: World): Move | undefined =>
      enabledMoves(sys, x).faults.find((m) => m.kind === KIND_OF[kind]);

    let taken = 0;
    for (let m = first(w); m !== undefined && taken < 10; m = first(w)) {
      w = sys.apply(w, m);
      if (kind === 'partition') w = steps(sys, w, { type: 'heal' });
      taken++;
    }

    expect(taken).toBe(budget);
    expect(used(w, kind)).toBe(budget);
  });
});

describe('fault budgets', () => {
  it('are kept per kind', () => {
    const sys = toySystem({ faults: { crash: 1, leave: 1 } });

    const w = steps(sys, sys.initial(), { type: 'crash', node: 0 });

    expect(enabledOfType(sys, w, 'crash')).toEqual([]);
    expect(enabledOfType(sys, w, 'leave')).toEqual([{ type: 'leave', node: 1 }]);
  });

  it('every fault move is listed with the faults, never with the benign moves', () => {
    const sys = toySystem({
      inputs: [ping(0, 1)],
      faults: { drop: 1, duplicate: 1, crash: 1, leave: 1, partition: 1, timeout: 1 },
    });
    const w = steps(sys, sys.initial(), input(0, 1));

    const { benign, faults } = enabledMoves(sys, w);

    expect(new Set(faults.map((m) => MoveKind[m.kind]))).toEqual(
      new Set(['Drop', 'Duplicate', 'Crash', 'Leave', 'Partition', 'Timeout']),
    );
    expect(benign.map((m) => MoveKind[m.kind])).toEqual(['Deliver']);
  });
});

describe('crash', () => {
  /** 3 nodes: 0 and 2 have pinged 1, 1 has pinged 0. */
  function traffic() {
    const sys = toySystem({
      nodes: 3,
      network: 'unordered',
      inputs: [ping(0, 1), ping(2, 1), ping(1, 0), ping(0, 1)],
      faults: { crash: 1 },
    });
    const w = steps(sys, sys.initial(), input(0, 1), input(2, 1), input(1, 0));
    return { sys, w };
  }

  it('stops the node, records its crash and uses one crash', () => {
    const { sys, w } = traffic();

    const crashed = steps(sys, w, { type: 'crash', node: 1 });

    expect(crashed.status).toEqual([Status.Up, Status.Down, Status.Up]);
    expect(newObservations(w, crashed)).toEqual([{ node: 1, kind: 'crash' }]);
    expect(used(crashed, 'crash')).toBe(1);
    expect(crashed.digests[1]).not.toBe(w.digests[1]);
  });

  it('loses what was in flight to the node, and keeps what it sent', () => {
    const { sys, w } = traffic();

    const crashed = steps(sys, w, { type: 'crash', node: 1 });

    expect(network(sys, w)).toEqual({ '0->1': ['Ping0'], '1->0': ['Ping0'], '2->1': ['Ping0'] });
    expect(network(sys, crashed)).toEqual({ '1->0': ['Ping0'] });
    expect(enabledOfType(sys, crashed, 'deliver')).toEqual([deliver(1, 0, Ping(0))]);
  });

  it('discards messages sent to the node after it crashed', () => {
    const { sys, w } = traffic();
    const crashed = steps(sys, w, { type: 'crash', node: 1 }, deliver(1, 0, Ping(0)));

    const later = steps(sys, crashed, input(0, 1));

    // Node 0 sent a Ping (it is pending there) and got a Pong to send: both to node 1, both lost.
    expect(contextOf(sys, later, 0).pending).toEqual([
      { to: 1, seq: 0 },
      { to: 1, seq: 1 },
    ]);
    expect(network(sys, later)).toEqual({});
  });

  it('leaves the node no step to take but recovery', () => {
    const sys = toySystem({
      inputs: [ping(0, 1), ping(0, 1), ping(1, 0), ping(1, 0)],
      faults: { crash: 2, leave: 1, timeout: 1, recover: 1 },
    });
    // Node 1 has counted a Ping (it could reset), has a ping pending (a timeout would fire), has a
    // Ping in flight to it and a client input waiting.
    const busy = steps(
      sys,
      sys.initial(),
      input(0, 1),
      deliver(0, 1, Ping(0)),
      input(0, 1),
      input(1, 0),
    );
    const stepsOfNode1 = (w: World) => {
      const { benign, faults } = enabledMoves(sys, w);
      return [...benign, ...faults]
        .filter((m) =>
          m.kind === MoveKind.Deliver ? m.b === 1 : m.kind !== MoveKind.Drop && m.a === 1,
        )
        .map((m) => MoveKind[m.kind]);
    };

    const w = steps(sys, busy, { type: 'crash', node: 1 });

    expect(stepsOfNode1(busy)).toEqual(['Deliver', 'Input', 'Choose', 'Timeout', 'Crash', 'Leave']);
    expect(stepsOfNode1(w)).toEqual(['Recover']);
  });
});

describe('recover', () => {
  /** Node 1 has counted two Pings, then crashed. */
  function countedThenCrashed(variant: 'echo' | 'echo-amnesia') {
    const sys = toySystem(
      { inputs: [ping(0, 1), ping(0, 1)], faults: { crash: 1, recover: 1 } },
      variant,
    );
    const w = steps(
      sys,
      sys.initial(),
      input(0, 1),
      input(0, 1),
      deliver(0, 1, Ping(0)),
      deliver(0, 1, Ping(1)),
      { type: 'crash', node: 1 },
    );
    return { sys, w };
  }

  it('is enabled only for a crashed node', () => {
    const { sys, w } = countedThenCrashed('echo');

    expect(enabledOfType(sys, w, 'recover')).toEqual([{ type: 'recover', node: 1 }]);
    expect(sys.resolve(w, { type: 'recover', node: 0 })).toBe('it is not enabled');
  });

  it("restarts the node from its role's recoverInput of its last context", () => {
    const { sys, w } = countedThenCrashed('echo');

    const back = steps(sys, w, { type: 'recover', node: 1 });

    expect(back.status).toEqual([Status.Up, Status.Up]);
    expect(contextOf(sys, back, 1)).toEqual({ self: 1, n: 2, count: 2, nextSeq: 0, pending: [] });
    expect(newObservations(w, back)).toEqual([{ node: 1, kind: 'recover' }]);
    expect(used(back, 'recover')).toBe(1);
  });

  it('restarts the node from its configured input when the role has no recoverInput', () => {
    const { sys, w } = countedThenCrashed('echo-amnesia');

    const back = steps(sys, w, { type: 'recover', node: 1 });

    expect(contextOf(sys, back, 1)).toEqual({ self: 1, n: 2, count: 0, nextSeq: 0, pending: [] });
    expect(back.locals[1]).toBe(sys.initial().locals[1]);
  });

  it('lets the node receive messages again', () => {
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { crash: 1, recover: 1 } });
    const back = steps(
      sys,
      sys.initial(),
      { type: 'crash', node: 1 },
      { type: 'recover', node: 1 },
    );

    const w = steps(sys, back, input(0, 1), deliver(0, 1, Ping(0)));

    expect(contextOf(sys, w, 1).count).toBe(1);
  });
});

describe('join', () => {
  it('an out node is not started, receives nothing and takes no client input', () => {
    const sys = toySystem({ nodes: 3, out: [2], inputs: [ping(0, 2), ping(2, 0)] });

    const w = steps(sys, sys.initial(), input(0, 2));

    expect(w.status[2]).toBe(Status.Out);
    expect(w.locals[2]).toBe(-1);
    expect(network(sys, w)).toEqual({});
    expect(enabledOfType(sys, w, 'input')).toEqual([]);
  });

  it('is enabled only for a node that is out', () => {
    const sys = toySystem({ nodes: 3, out: [2], faults: { join: 1 } });

    expect(enabledOfType(sys, sys.initial(), 'join')).toEqual([{ type: 'join', node: 2 }]);
  });

  it('starts the node from its input and records the join', () => {
    const sys = toySystem({ nodes: 3, out: [2], faults: { join: 1 } });
    const w = sys.initial();

    const joined = steps(sys, w, { type: 'join', node: 2 });

    expect(joined.status[2]).toBe(Status.Up);
    expect(contextOf(sys, joined, 2)).toEqual({ self: 2, n: 3, count: 0, nextSeq: 0, pending: [] });
    expect(newObservations(w, joined)).toEqual([{ node: 2, kind: 'join' }]);
    expect(used(joined, 'join')).toBe(1);
  });

  it('lets the node take part: it gets messages and its client inputs', () => {
    const sys = toySystem({ out: [1], inputs: [ping(1, 0), ping(0, 1)], faults: { join: 1 } });

    const w = steps(sys, sys.initial(), { type: 'join', node: 1 }, input(1, 0), input(0, 1));

    expect(network(sys, w)).toEqual({ '0->1': ['Ping0'], '1->0': ['Ping0'] });
  });

  it('restarts a node that left from its input, not from recoverInput', () => {
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { leave: 1, join: 1 } });
    const counted = steps(sys, sys.initial(), input(0, 1), deliver(0, 1, Ping(0)));

    const rejoined = steps(sys, counted, { type: 'leave', node: 1 }, { type: 'join', node: 1 });

    expect(contextOf(sys, counted, 1).count).toBe(1);
    expect(contextOf(sys, rejoined, 1).count).toBe(0);
  });
});

describe('leave', () => {
  /** 3 nodes; node 1 has pinged node 0, and node 0 node 1. */
  function pinged(faults: FaultBudget = { leave: 1, crash: 1 }) {
    const sys = toySystem({
      nodes: 3,
      inputs: [ping(1, 0), ping(0, 1), ping(1, 0)],
      faults,
    });
    return { sys, w: steps(sys, sys.initial(), input(1, 0), input(0, 1)) };
  }

  it('is enabled for every up node', () => {
    const { sys, w } = pinged();

    expect(enabledOfType(sys, w, 'leave').map((a) => a.node)).toEqual([0, 1, 2]);
  });

  it('hands the node a leave event, whose goodbyes go to the nodes that are up', () => {
    const { sys, w } = pinged();
    const crashed = steps(sys, w, { type: 'crash', node: 2 });

    const left = steps(sys, crashed, { type: 'leave', node: 0 });

    expect(network(sys, left)['0->1']).toEqual(['Ping0', 'Bye']);
    expect(network(sys, left)['0->2']).toBeUndefined();
    expect(sys.table.snapshotView(left.locals[0]!).value).toBe('gone');
    expect(newObservations(crashed, left)).toEqual(
      expect.arrayContaining([
        { node: 0, kind: 'leave' },
        { node: 0, kind: 'bye' },
      ]),
    );
    expect(newObservations(crashed, left)).toHaveLength(2);
  });

  it('then the node is out: nothing in flight to it survives, nothing more reaches it', () => {
    const { sys, w } = pinged();

    const left = steps(sys, w, { type: 'leave', node: 0 });
    const later = steps(sys, left, input(1, 0));

    expect(left.status).toEqual([Status.Out, Status.Up, Status.Up]);
    expect(used(left, 'leave')).toBe(1);
    expect(network(sys, w)['1->0']).toEqual(['Ping0']);
    expect(network(sys, left)['1->0']).toBeUndefined();
    expect(network(sys, later)['1->0']).toBeUndefined();
  });

  it('what the node sent before leaving is still delivered', () => {
    const { sys, w } = pinged();
    const left = steps(sys, w, { type: 'leave', node: 0 });

    const w2 = steps(sys, left, deliver(0, 1, Ping(0)), deliver(0, 1, Bye));

    expect(historyOf(w2).slice(-2)).toEqual([
      { node: 1, kind: 'got', msg: 'Ping', from: 0, seq: 0 },
      { node: 1, kind: 'got', msg: 'Bye', from: 0 },
    ]);
  });

  it("records the node's goodbye observations before its leave", () => {
    const { sys, w } = pinged();

    const left = steps(sys, w, { type: 'leave', node: 0 });

    expect(newObservations(w, left)).toEqual([
      { node: 0, kind: 'bye' },
      { node: 0, kind: 'leave' },
    ]);
  });
});

describe('partition and heal', () => {
  /** 3 nodes: 0 has pinged 1, 1 has pinged 2, 2 has pinged 0. */
  function ring(faults: FaultBudget = { partition: 1 }) {
    const sys = toySystem({
      nodes: 3,
      inputs: [ping(0, 1), ping(1, 2), ping(2, 0), ping(0, 1)],
      faults,
    });
    return { sys, w: steps(sys, sys.initial(), input(0, 1), input(1, 2), input(2, 0)) };
  }

  it('offers each split once, named by the side holding node 0', () => {
    const { sys, w } = ring();

    expect(enabledOfType(sys, w, 'partition').map((a) => a.side)).toEqual([[0], [0, 1], [0, 2]]);
  });

  it('names a split by either of its sides', () => {
    const { sys, w } = ring();

    expect(sys.resolve(w, { type: 'partition', side: [2, 1] })).toEqual(
      sys.resolve(w, { type: 'partition', side: [0] }),
    );
  });

  it('blocks delivery across the cut only, and uses one partition', () => {
    const { sys, w } = ring();

    const cut = steps(sys, w, { type: 'partition', side: [0] });

    expect(enabledOfType(sys, w, 'deliver')).toHaveLength(3);
    expect(enabledOfType(sys, cut, 'deliver')).toEqual([deliver(1, 2, Ping(0))]);
    expect(sys.canDeliver(cut, 0, 1, cut.channels[0 * 3 + 1]![0]!)).toBe(false);
    expect(network(sys, cut)).toEqual(network(sys, w));
    expect(used(cut, 'partition')).toBe(1);
  });

  it('lets messages sent across the cut wait in flight', () => {
    const { sys, w } = ring();
    const cut = steps(sys, w, { type: 'partition', side: [0] });

    const later = steps(sys, cut, input(0, 1));

    expect(network(sys, later)['0->1']).toEqual(['Ping0', 'Ping1']);
  });

  it('allows one partition at a time; heal is benign and free', () => {
    const { sys, w } = ring({ partition: 2 });
    const cut = steps(sys, w, { type: 'partition', side: [0] });

    const { benign } = enabledMoves(sys, cut);

    expect(enabledOfType(sys, cut, 'partition')).toEqual([]);
    expect(benign.filter((m) => m.kind === MoveKind.Heal)).toHaveLength(1);
    expect(enabledOfType(sys, w, 'heal')).toEqual([]);
  });

  it('heal restores delivery across the cut', () => {
    const { sys, w } = ring();
    const cut = steps(sys, w, { type: 'partition', side: [0] });

    const healed = steps(sys, cut, { type: 'heal' });

    expect(healed.partition).toBe(0);
    expect(enabledOfType(sys, healed, 'deliver')).toEqual(enabledOfType(sys, w, 'deliver'));
    expect(used(healed, 'partition')).toBe(1);
  });

  it('still lets the network drop messages across the cut', () => {
    const { sys, w } = ring({ partition: 1, drop: 1 });
    const cut = steps(sys, w, { type: 'partition', side: [0] });

    expect(enabledOfType(sys, cut, 'drop')).toHaveLength(3);
  });

  it('is never offered in a group of one', () => {
    const sys = toySystem({ nodes: 1, faults: { partition: 3 } });

    expect(enabledOfType(sys, sys.initial(), 'partition')).toEqual([]);
  });
});

describe('timeouts', () => {
  it('are enabled only when the node would react to them', () => {
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { timeout: 1 } });
    const w0 = sys.initial();

    const pending = steps(sys, w0, input(0, 1));
    const answered = steps(sys, pending, deliver(0, 1, Ping(0)), deliver(1, 0, Pong(0)));

    expect(enabledOfType(sys, w0, 'timeout')).toEqual([]);
    expect(enabledOfType(sys, pending, 'timeout')).toEqual([tick(0)]);
    expect(enabledOfType(sys, answered, 'timeout')).toEqual([]);
  });

  it('are enabled only within the timeout budget', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });

    const pending = steps(sys, sys.initial(), input(0, 1));

    expect(enabledOfType(sys, pending, 'timeout')).toEqual([]);
    expect(sys.resolve(pending, tick(0))).toBe('it is not enabled');
  });

  it('run the node handler and use one timeout', () => {
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { timeout: 1 } });
    const pending = steps(sys, sys.initial(), input(0, 1));

    const fired = steps(sys, pending, tick(0));

    expect(network(sys, fired)).toEqual({ '0->1': ['Ping0', 'Ping0'] });
    expect(used(fired, 'timeout')).toBe(1);
    expect(enabledOfType(sys, fired, 'timeout')).toEqual([]);
  });

  it('of a node that is not up are never enabled', () => {
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { timeout: 1, crash: 1 } });

    const w = steps(sys, sys.initial(), input(0, 1), { type: 'crash', node: 0 });

    expect(enabledOfType(sys, w, 'timeout')).toEqual([]);
  });
});

describe('expire (time passes)', () => {
  const expire: Action = { type: 'expire' };

  it('is offered only when nothing else can happen and some timer is due, with no budget', () => {
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { crash: 1 } });
    const pending = steps(sys, sys.initial(), input(0, 1));
    // The Ping is in flight: not idle.
    expect(enabledOfType(sys, pending, 'expire')).toEqual([]);
    // Node 1 crashes and the Ping is lost: only time can pass, and node 0's timer is due.
    const stuck = steps(sys, pending, { type: 'crash', node: 1 });
    expect(sys.idle(stuck)).toBe(true);
    expect(sys.quiescent(stuck)).toBe(false);
    expect(enabledOfType(sys, stuck, 'expire')).toEqual([expire]);
    expect(enabledOfType(sys, stuck, 'timeout')).toEqual([]);
    expect(enabledOfType(sys, sys.initial(), 'expire')).toEqual([]);
  });

  it('fires every due timer and uses no fault budget', () => {
    const sys = toySystem({ nodes: 3, inputs: [ping(0, 2), ping(1, 2)], faults: { drop: 2 } });
    const lost = steps(
      sys,
      sys.initial(),
      input(0, 2),
      input(1, 2),
      { type: 'drop', from: 0, to: 2, msg: Ping(0) },
      { type: 'drop', from: 1, to: 2, msg: Ping(0) },
    );
    expect(network(sys, lost)).toEqual({});

    const after = steps(sys, lost, expire);

    expect(network(sys, after)).toEqual({ '0->2': ['Ping0'], '1->2': ['Ping0'] });
    expect(used(after, 'timeout')).toBe(0);
    expect(enabledOfType(sys, after, 'expire')).toEqual([]);
  });

  it('is not enabled in a replayed trace where something else could happen', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });
    const pending = steps(sys, sys.initial(), input(0, 1));

    expect(sys.resolve(pending, expire)).toBe('it is not enabled');
  });
});
