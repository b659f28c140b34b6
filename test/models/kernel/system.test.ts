import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../models/kernel/action.ts';
import { canonicalWorld } from '../../../models/kernel/fingerprint.ts';
import { protocols } from '../../../models/index.ts';
import { boundedParams } from '../../../models/kernel/protocol.ts';
import { System } from '../../../models/kernel/system.ts';
import { historyArray } from '../../../models/kernel/observation.ts';
import { MODEL_ERROR, ModelError } from '../../../models/kernel/model-error.ts';
import type { Move } from '../../../models/kernel/world.ts';
import { gateProtocol } from '../../fixtures/gate-protocol.ts';
import { makeToyProtocol, ping, toySystem, type ToyOptions } from '../../fixtures/toy-protocol.ts';
import {
  contextOf,
  deliver,
  input,
  enabledActions,
  enabledMoves,
  enabledOfType,
  historyOf,
  MoveKind,
  network,
  Ping,
  Pong,
  reachable,
  resolveOrThrow,
  sameMove,
  Status,
  steps,
  worldSnapshot,
} from './helpers.ts';

describe('System construction', () => {
  it('compiles the configuration its parameters describe', () => {
    const sys = toySystem({ nodes: 3, network: 'unordered', faults: { crash: 2 } });

    expect(sys.n).toBe(3);
    expect(sys.config.network).toBe('unordered');
    expect(sys.config.faults).toEqual({ crash: 2 });
    expect([sys.name(0), sys.name(2)]).toEqual(['e0', 'e2']);
  });

  it('names a node outside the configuration by its index', () => {
    expect(toySystem().name(7)).toBe('n7');
  });

  it('rejects a configuration using a role the variant does not have', () => {
    const protocol = makeToyProtocol();
    const variant = { name: 'empty', description: 'no roles', roles: {} };

    expect(() => new System(protocol, variant, protocol.bounded(2))).toThrow(
      new ModelError('variant empty has no role echo'),
    );
  });

  it.each([0, 31])('rejects a configuration of %i nodes', (nodes) => {
    expect(() => toySystem({ nodes })).toThrow(/1 to 30 nodes/);
  });

  it('rejects more than 30 client inputs', () => {
    const inputs = Array.from({ length: 31 }, () => ping(0, 1));

    expect(() => toySystem({ inputs })).toThrow(/at most 30 client inputs/);
  });

  it('rejects a client input to a node that does not exist', () => {
    expect(() => toySystem({ inputs: [ping(2, 0)] })).toThrow('client input to unknown node 2');
  });
});

describe('the initial world', () => {
  it('starts every node that is not out, from its input', () => {
    const sys = toySystem({ nodes: 3, out: [2] });

    const w = sys.initial();

    expect(w.status).toEqual([Status.Up, Status.Up, Status.Out]);
    expect(contextOf(sys, w, 1)).toEqual({ self: 1, n: 3, count: 0, nextSeq: 0, pending: [] });
    expect(w.locals[2]).toBe(-1);
  });

  it('has nothing in flight, no history, no fault used, no input handed over, no partition', () => {
    const sys = toySystem({ nodes: 3, faults: { crash: 1 } });

    const w = sys.initial();

    expect(w.channels).toHaveLength(9);
    expect(w.channels.every((c) => c.length === 0)).toBe(true);
    expect(w.history).toBeNull();
    expect(w.used.every((u) => u === 0)).toBe(true);
    expect(w.inputs).toBe(0);
    expect(w.partition).toBe(0);
    expect(w.digests).toEqual([0, 0, 0]);
  });

  it('is a fresh world on every call', () => {
    const sys = toySystem();

    expect(worldSnapshot(sys.initial())).toBe(worldSnapshot(sys.initial()));
    expect(sys.initial()).not.toBe(sys.initial());
  });
});

describe('client inputs', () => {
  it('are each enabled until handed over, then never again', () => {
    const sys = toySystem({ inputs: [ping(0, 1), ping(1, 0)] });
    const w0 = sys.initial();

    const w1 = steps(sys, w0, input(1, 0));

    expect(enabledOfType(sys, w0, 'input')).toEqual([input(0, 1), input(1, 0)]);
    expect(enabledOfType(sys, w1, 'input')).toEqual([input(0, 1)]);
    expect(w1.inputs).toBe(0b10);
    expect(enabledOfType(sys, steps(sys, w1, input(0, 1)), 'input')).toEqual([]);
  });

  it('hand the event to the node, whose sends go in flight', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });

    const w = steps(sys, sys.initial(), input(0, 1));

    expect(network(sys, w)).toEqual({ '0->1': ['Ping0'] });
    expect(contextOf(sys, w, 0).pending).toEqual([{ to: 1, seq: 0 }]);
  });

  it('count as separate inputs when they are equal', () => {
    const sys = toySystem({ inputs: [ping(0, 1), ping(0, 1)] });

    const w = steps(sys, sys.initial(), input(0, 1), input(0, 1));

    expect(network(sys, w)).toEqual({ '0->1': ['Ping0', 'Ping1'] });
    expect(w.inputs).toBe(0b11);
  });

  it('are enabled only while their node is up', () => {
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { crash: 1, recover: 1 } });

    const crashed = steps(sys, sys.initial(), { type: 'crash', node: 0 });
    const recovered = steps(sys, crashed, { type: 'recover', node: 0 });

    expect(enabledOfType(sys, crashed, 'input')).toEqual([]);
    expect(enabledOfType(sys, recovered, 'input')).toEqual([input(0, 1)]);
  });

  it('wait at a node that is out until it joins', () => {
    const sys = toySystem({ out: [1], inputs: [ping(1, 0)], faults: { join: 1 } });
    const w = sys.initial();

    const joined = steps(sys, w, { type: 'join', node: 1 });

    expect(enabledOfType(sys, w, 'input')).toEqual([]);
    expect(enabledOfType(sys, joined, 'input')).toEqual([input(1, 0)]);
  });

  it('are benign moves', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });

    const { benign, faults } = enabledMoves(sys, sys.initial());

    expect(benign).toEqual([{ kind: MoveKind.Input, a: 0, b: -1, c: 0 }]);
    expect(faults).toEqual([]);
  });
});

describe('delivery', () => {
  it('hands the message to the receiver with `from` added and records what it observed', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });
    const sent = steps(sys, sys.initial(), input(0, 1));

    const w = steps(sys, sent, deliver(0, 1, Ping(0)));

    expect(historyOf(w)).toEqual([{ node: 1, kind: 'got', msg: 'Ping', from: 0, seq: 0 }]);
    expect(contextOf(sys, w, 1).count).toBe(1);
    expect(network(sys, w)).toEqual({ '1->0': ['Pong0'] });
  });

  it('is benign: enabled with no fault budget at all', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });
    const sent = steps(sys, sys.initial(), input(0, 1));

    const { benign, faults } = enabledMoves(sys, sent);

    expect(benign.map((m) => sys.toAction(m))).toEqual([deliver(0, 1, Ping(0))]);
    expect(faults).toEqual([]);
  });

  it('changes the history digest of the receiver only', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });
    const sent = steps(sys, sys.initial(), input(0, 1));

    const w = steps(sys, sent, deliver(0, 1, Ping(0)));

    expect(sent.digests).toEqual([0, 0]);
    expect(w.digests[0]).toBe(0);
    expect(w.digests[1]).not.toBe(0);
  });

  it('a step whose machine sends to a node that does not exist fails: the node observes why', () => {
    const sys = toySystem({ inputs: [ping(0, 5)] });
    const w0 = sys.initial();

    const w = steps(sys, w0, input(0, 5));

    expect(historyArray(w.history)).toEqual([
      { node: 0, kind: MODEL_ERROR, error: 'e0 sent Ping to node 5, which does not exist' },
    ]);
    // It keeps its snapshot and sends nothing; the input is used.
    expect(w.locals).toEqual(w0.locals);
    expect(w.channels.every((c) => c.length === 0)).toBe(true);
    expect(w.inputs).toBe(1);
    expect(sys.properties.at(-1)!.name).toBe(MODEL_ERROR);
  });
});

describe('local choices', () => {
  it('are enabled only when the node would react to them', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });
    const sent = steps(sys, sys.initial(), input(0, 1));

    const counted = steps(sys, sent, deliver(0, 1, Ping(0)));

    expect(enabledOfType(sys, sent, 'choose')).toEqual([]);
    expect(enabledOfType(sys, counted, 'choose')).toEqual([
      { type: 'choose', node: 1, event: { type: 'reset' } },
    ]);
  });

  it('are benign: taken with no budget, and no longer enabled once they would do nothing', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });
    const counted = steps(sys, sys.initial(), input(0, 1), deliver(0, 1, Ping(0)));

    const reset = steps(sys, counted, { type: 'choose', node: 1, event: { type: 'reset' } });

    expect(contextOf(sys, reset, 1).count).toBe(0);
    expect(reset.used).toEqual(counted.used);
    expect(historyOf(reset).at(-1)).toEqual({ node: 1, kind: 'reset' });
    expect(enabledOfType(sys, reset, 'choose')).toEqual([]);
  });
});

describe('quiescence', () => {
  const exchanged = (options: ToyOptions = {}) => {
    const sys = toySystem({ inputs: [ping(0, 1)], ...options });
    const w = steps(
      sys,
      sys.initial(),
      input(0, 1),
      deliver(0, 1, Ping(0)),
      deliver(1, 0, Pong(0)),
    );
    return { sys, w };
  };

  it('a world with nothing left to do has quiesced', () => {
    const { sys, w } = exchanged();

    const idle = toySystem();

    expect(sys.quiescent(w)).toBe(true);
    expect(idle.quiescent(idle.initial())).toBe(true);
  });

  it('a world with a client input waiting at an up node has not', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });

    expect(sys.quiescent(sys.initial())).toBe(false);
  });

  it('an input waiting at a node that is not up does not count', () => {
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { crash: 1 } });

    const w = steps(sys, sys.initial(), { type: 'crash', node: 0 });

    expect(sys.quiescent(w)).toBe(true);
  });

  it('a world with a message in flight to an up node has not', () => {
    const sys = toySystem({ inputs: [ping(0, 1)] });

    const w = steps(sys, sys.initial(), input(0, 1), deliver(0, 1, Ping(0)));

    expect(sys.quiescent(w)).toBe(false);
  });

  it('a world whose timer would fire has not, whatever the timeout budget', () => {
    // The Pong is lost: node 0 still has a ping pending, and its tick would resend it.
    const { sys, w } = (() => {
      const s = toySystem({ inputs: [ping(0, 1)], faults: { drop: 1 } });
      return { sys: s, w: steps(s, s.initial(), input(0, 1), { ...deliver(0, 1, Ping(0)) }) };
    })();
    const lost = steps(sys, w, { type: 'drop', from: 1, to: 0, msg: Pong(0) });

    expect(enabledOfType(sys, lost, 'timeout')).toEqual([]);
    expect(sys.quiescent(lost)).toBe(false);
  });

  it('a partitioned world has not', () => {
    const { sys, w } = exchanged({ faults: { partition: 1 } });

    const cut = steps(sys, w, { type: 'partition', side: [0] });

    expect(sys.quiescent(cut)).toBe(false);
    expect(sys.quiescent(steps(sys, cut, { type: 'heal' }))).toBe(true);
  });
});

describe('quiescence that enabled found on its way', () => {
  /** Every network kind, timers, partitions, guarded receives and every built-in protocol. */
  const systems = (): { name: string; sys: System }[] => [
    ...(['fifo', 'unordered', 'duplicating'] as const).map((network) => ({
      name: `toy over ${network}`,
      sys: toySystem({
        network,
        nodes: 3,
        inputs: [ping(0, 1), ping(0, 1), ping(2, 0)],
        faults: { drop: 1, duplicate: 1, timeout: 1, crash: 1, partition: 1 },
      }),
    })),
    ...gateProtocol.variants.map((v) => ({
      name: `gate ${v.name}`,
      sys: new System(gateProtocol, v, { messages: 2 }),
    })),
    ...protocols.map((p) => ({
      name: p.name,
      sys: new System(p, p.variants[0]!, boundedParams(p, p.variants[0]!, p.nodes.min)),
    })),
  ];

  it.each(systems())(
    '$name: quiescent after enabled (with or without faults) is what it finds on its own',
    ({ sys }) => {
      const seen = new Set<boolean>();
      for (const { world } of reachable(sys, 12, 1500)) {
        // A copy of the world is another object: its quiescence is found afresh.
        const fresh = sys.quiescent({ ...world });
        seen.add(fresh);
        for (const faults of [[], null]) {
          sys.enabled(world, [], faults);
          expect(sys.quiescent(world)).toBe(fresh);
        }
      }
      // Worlds of both kinds were asked about.
      expect(seen.has(false)).toBe(true);
    },
  );
});

describe('canDeliver', () => {
  it.each<ToyOptions>([
    {
      network: 'fifo',
      inputs: [ping(0, 1), ping(0, 1), ping(1, 0)],
      faults: { duplicate: 1, partition: 1, crash: 1 },
    },
    {
      network: 'unordered',
      nodes: 3,
      inputs: [ping(0, 1), ping(0, 1), ping(2, 1)],
      faults: { duplicate: 1, partition: 1, crash: 1 },
    },
  ])('agrees with the enabled deliveries in every reachable world ($network)', (options) => {
    const sys = toySystem(options);

    for (const { world, moves } of reachable(sys, 5, 600)) {
      for (let from = 0; from < sys.n; from++) {
        for (let to = 0; to < sys.n; to++) {
          for (const c of world.channels[from * sys.n + to]!) {
            const enabled = moves.some((m) =>
              sameMove(m, { kind: MoveKind.Deliver, a: from, b: to, c }),
            );
            expect(sys.canDeliver(world, from, to, c)).toBe(enabled);
          }
        }
      }
    }
  });
});

/** Small configurations exercising every kind of move, for the exhaustive checks below. */
const configs: readonly (ToyOptions & { name: string })[] = [
  {
    name: 'fifo, 2 nodes, every fault',
    network: 'fifo',
    inputs: [ping(0, 1), ping(1, 0)],
    faults: {
      drop: 1,
      duplicate: 1,
      crash: 1,
      recover: 1,
      leave: 1,
      join: 1,
      partition: 1,
      timeout: 1,
    },
  },
  {
    name: 'unordered, 3 nodes, one out',
    network: 'unordered',
    nodes: 3,
    out: [2],
    inputs: [ping(0, 1), ping(1, 2), ping(2, 0)],
    faults: {
      drop: 1,
      duplicate: 1,
      crash: 1,
      recover: 1,
      join: 1,
      partition: 1,
      leave: 1,
      timeout: 1,
    },
  },
  {
    name: 'duplicating, 2 nodes',
    network: 'duplicating',
    inputs: [ping(0, 1), ping(1, 0)],
    faults: { drop: 1, crash: 1, recover: 1, leave: 1, join: 1, partition: 1, timeout: 2 },
  },
];

describe('resolve and toAction', () => {
  describe.each(configs)('in the reachable worlds of $name', (options) => {
    const sys = toySystem(options);
    const worlds = reachable(sys, 5, 1500);

    it('explores worlds where every kind of move is enabled (duplicate: not on duplicating)', () => {
      const kinds = new Set(worlds.flatMap(({ moves }) => moves.map((m) => m.kind)));

      for (let kind = MoveKind.Deliver; kind <= MoveKind.Partition; kind++) {
        const offered = kind !== MoveKind.Duplicate || options.network !== 'duplicating';
        expect(kinds.has(kind), MoveKind[kind]).toBe(offered);
      }
    });

    it('resolves the action of every enabled move, read back from JSON, to that move', () => {
      for (const { world, moves } of worlds) {
        for (const m of moves) {
          const action = JSON.parse(JSON.stringify(sys.toAction(m))) as Action;

          expect(sys.resolve(world, action)).toEqual(m);
        }
      }
    });

    it('gives distinct actions to distinct enabled moves', () => {
      for (const { world, moves } of worlds) {
        const keys = moves.map((m) => JSON.stringify(sys.toAction(m)));

        expect(new Set(keys).size, JSON.stringify(enabledActions(sys, world))).toBe(keys.length);
      }
    });

    it('isEnabled agrees with enabled', () => {
      for (const { world, moves } of worlds.slice(0, 200)) {
        for (const m of moves) expect(sys.isEnabled(world, m)).toBe(true);
        expect(sys.isEnabled(world, { kind: MoveKind.Heal, a: -1, b: -1, c: 0 })).toBe(
          world.partition !== 0,
        );
      }
    });
  });

  it('resolves an action to a move leading to the same world, even for equal inputs', () => {
    const sys = toySystem({ inputs: [ping(0, 1), ping(0, 1)] });
    const w = sys.initial();

    for (const m of enabledMoves(sys, w).benign) {
      const back = resolveOrThrow(sys, w, sys.toAction(m));

      expect(canonicalWorld(sys, sys.apply(w, back))).toBe(canonicalWorld(sys, sys.apply(w, m)));
    }
  });

  describe('explains why an action cannot be taken', () => {
    const sys = toySystem({ nodes: 3, inputs: [ping(0, 1), ping(0, 1)], faults: { crash: 1 } });
    const w0 = sys.initial();
    const sent = steps(sys, w0, input(0, 1), input(0, 1));

    it.each<[string, Action]>([
      ['a message never sent', deliver(0, 1, Ping(9))],
      ['a message sent on another channel', deliver(0, 2, Ping(0))],
      ['a message from another sender', deliver(2, 1, Ping(0))],
      ['a message behind the head of a fifo channel', deliver(0, 1, Ping(1))],
      ['a message as the receiver gets it, with `from`', deliver(0, 1, { ...Ping(0), from: 0 })],
      ['dropping a message never sent', { type: 'drop', from: 0, to: 1, msg: Pong(0) }],
      ['duplicating a message never sent', { type: 'duplicate', from: 1, to: 0, msg: Ping(0) }],
    ])('%s is not in flight', (_, action) => {
      expect(sys.resolve(sent, action)).toBe('that message is not in flight');
    });

    it('a message already delivered is no longer in flight', () => {
      const w = steps(sys, sent, deliver(0, 1, Ping(0)), deliver(0, 1, Ping(1)));

      expect(sys.resolve(w, deliver(0, 1, Ping(0)))).toBe('that message is not in flight');
    });

    it.each<[string, Action]>([
      ['a delivery from a node out of range', deliver(3, 1, Ping(0))],
      ['a delivery to a negative node', deliver(0, -1, Ping(0))],
      ['a drop on a fractional node', { type: 'drop', from: 0.5, to: 1, msg: Ping(0) }],
      ['a crash of a node out of range', { type: 'crash', node: 3 }],
      ['a recovery of a negative node', { type: 'recover', node: -1 }],
      ['a join of a fractional node', { type: 'join', node: 1.5 }],
      ['a leave of a node out of range', { type: 'leave', node: 9 }],
      ['a partition naming a node out of range', { type: 'partition', side: [0, 7] }],
    ])('%s names no such node', (_, action) => {
      expect(sys.resolve(sent, action)).toBe('no such node');
    });

    it.each<[string, Action]>([
      ['a timeout of a node out of range', { type: 'timeout', node: 5, event: { type: 'tick' } }],
      ['a choice of a node out of range', { type: 'choose', node: 5, event: { type: 'reset' } }],
    ])('%s is not enabled', (_, action) => {
      expect(sys.resolve(sent, action)).toBe('it is not enabled');
    });

    it.each<[string, Action]>([
      ['a fault beyond its budget', { type: 'leave', node: 0 }],
      ['a recovery of a node that is up', { type: 'recover', node: 1 }],
      ['a join of a node that is up', { type: 'join', node: 1 }],
      ['a heal without a partition', { type: 'heal' }],
      [
        'a timeout the node would not react to',
        { type: 'timeout', node: 1, event: { type: 'tick' } },
      ],
      [
        'a choice the node would not react to',
        { type: 'choose', node: 1, event: { type: 'reset' } },
      ],
      ['a partition of every node', { type: 'partition', side: [0, 1, 2] }],
      ['a partition of no node', { type: 'partition', side: [] }],
    ])('%s is not enabled', (_, action) => {
      expect(sys.resolve(sent, action)).toBe('it is not enabled');
    });

    it('a crash beyond the budget is not enabled', () => {
      const crashed = steps(sys, sent, { type: 'crash', node: 2 });

      expect(sys.resolve(crashed, { type: 'crash', node: 1 })).toBe('it is not enabled');
    });

    it('a delivery to a crashed node is not enabled (nothing is in flight to it)', () => {
      const crashed = steps(sys, sent, { type: 'crash', node: 1 });

      expect(sys.resolve(crashed, deliver(0, 1, Ping(0)))).toBe('that message is not in flight');
    });

    it.each<[string, Action]>([
      ['an input handed over twice already', input(0, 1)],
      ['an input the configuration does not have', input(1, 0)],
      ['an input to another node', { type: 'input', node: 2, event: { type: 'ping', to: 1 } }],
    ])('%s is not waiting', (_, action) => {
      expect(sys.resolve(sent, action)).toBe('no such client input is waiting');
    });

    it.each<[string, Action]>([
      ['timeout', { type: 'timeout', node: 0, event: { type: 'alarm' } }],
      ['choose', { type: 'choose', node: 0, event: { type: 'flip' } }],
    ])('a %s the role does not declare', (type, action) => {
      expect(sys.resolve(sent, action)).toBe(`the role declares no such ${type}`);
    });
  });
});

describe('worlds are immutable', () => {
  it.each(configs)(
    'applying any enabled move in any reachable world leaves that world unchanged ($name)',
    (options) => {
      const sys = toySystem(options);

      for (const { world, moves } of reachable(sys, 4, 500)) {
        const before = worldSnapshot(world);
        for (const m of moves) {
          const next = sys.apply(world, m);

          expect(next).not.toBe(world);
          expect(worldSnapshot(world)).toBe(before);
        }
      }
    },
  );

  test.prop([fc.constantFrom(...configs), fc.array(fc.nat(), { maxLength: 40 })])(
    'no step of a random walk changes any world before it',
    (options, choices) => {
      const sys = toySystem(options);
      const walk = [sys.initial()];
      const snapshots = [worldSnapshot(walk[0]!)];
      for (const choice of choices) {
        const { benign, faults } = enabledMoves(sys, walk.at(-1)!);
        const moves = [...benign, ...faults];
        if (moves.length === 0) break;
        walk.push(sys.apply(walk.at(-1)!, moves[choice % moves.length]!));
        snapshots.push(worldSnapshot(walk.at(-1)!));
      }

      expect(walk.map(worldSnapshot)).toEqual(snapshots);
    },
  );
});

describe('propertyContext', () => {
  it('tells properties the group size and which nodes are up', () => {
    const sys = toySystem({ nodes: 3, out: [2], faults: { crash: 1 } });

    const w = steps(sys, sys.initial(), { type: 'crash', node: 0 });

    expect(sys.propertyContext(w)).toEqual({ nodes: 3, up: [false, true, false] });
  });
});

describe('shared moves', () => {
  it('are one object per distinct move, across systems, partitions and crashes included', () => {
    const options: ToyOptions = {
      nodes: 3,
      inputs: [ping(0, 1), ping(1, 2)],
      faults: { partition: 1, crash: 1, drop: 1 },
    };
    const a = toySystem(options);
    const b = toySystem(options);
    const listed = (sys: System) => {
      const benign: Move[] = [];
      const faults: Move[] = [];
      const out: Move[] = [];
      for (const { world } of reachable(sys, 4, 200)) {
        sys.enabled(world, benign, faults);
        out.push(...benign, ...faults);
      }
      return out;
    };
    const first = listed(a);
    const second = listed(b);
    expect(first.some((m) => m.kind === MoveKind.Partition)).toBe(true);
    expect(first.some((m) => m.kind === MoveKind.Deliver)).toBe(true);
    expect(second).toHaveLength(first.length);
    second.forEach((m, i) => expect(m).toBe(first[i]));
    for (const m of first) {
      const same = first.find(
        (x) => x.kind === m.kind && x.a === m.a && x.b === m.b && x.c === m.c,
      );
      expect(same).toBe(m);
    }
  });
});

describe('benign moves alone', () => {
  /** Every correct variant and each protocol's first mutant, under its bounded configuration. */
  const systems = [
    ...protocols.flatMap((p) =>
      p.variants
        .filter((v, i) => v.breaks === undefined || i === p.variants.findIndex((x) => x.breaks))
        .map((v) => ({
          name: `${p.name}/${v.name}`,
          sys: () => new System(p, v, boundedParams(p, v, p.nodes.default)),
        })),
    ),
    ...(['fifo', 'unordered', 'duplicating'] as const).map((network) => ({
      name: `toy on a ${network} network`,
      sys: () =>
        toySystem({
          network,
          nodes: 3,
          inputs: [ping(0, 1), ping(1, 2)],
          faults: { drop: 1, timeout: 1, crash: 1, partition: 1 },
        }),
    })),
  ];

  it.each(systems)(
    'are the benign moves listed with the faults, and quiescence the same, on $name',
    ({ sys: make }) => {
      const sys = make();
      const benign: Move[] = [];
      const alone: Move[] = [];
      const faults: Move[] = [];
      let expired = 0;
      for (const { world } of reachable(sys, 6, 400)) {
        sys.enabled(world, benign, faults);
        sys.enabled(world, alone, null);
        expect(alone).toEqual(benign);
        if (alone.some((m) => m.kind === MoveKind.Expire)) expired++;
        // Quiescent: idle, and no timer due (timeouts listed whatever the budget).
        const due: Move[] = [];
        sys.timeouts(world, due);
        const idle = !benign.some((m) => m.kind !== MoveKind.Choose && m.kind !== MoveKind.Expire);
        if (sys.config.network !== 'duplicating')
          expect(sys.quiescent(world)).toBe(idle && due.length === 0);
      }
      expect(expired + benign.length).toBeGreaterThan(0);
    },
  );
});
