import { driven } from './helpers.ts';
import { describe, expect, it, vi } from 'vitest';
import {
  assign,
  enqueueActions,
  initialTransition,
  raise,
  setup,
  transition,
  type AnyEventObject,
  type AnyStateMachine,
} from 'xstate';
import { effects } from '../../../models/kernel/effects.ts';
import type { Json } from '../../../models/kernel/json.ts';
import {
  effectSink,
  PureDriver,
  type CollectedAction,
} from '../../../models/kernel/pure-driver.ts';
import { sequencerMember } from '../../../models/total-order/sequencer.machine.ts';
import { echoMachine } from '../../fixtures/toy-protocol.ts';

/** A machine with nested and parallel states, guards with params, `always`, `raise`, exit actions. */
const door = setup({
  types: {
    context: {} as { opened: number; limit: number; log: string[] },
    input: {} as { limit: number },
    events: {} as
      | { type: 'open' }
      | { type: 'close' }
      | { type: 'lock'; code: number }
      | { type: 'unlock'; code: number }
      | { type: 'tick' },
  },
  actions: { ...effects },
  guards: {
    underLimit: ({ context }) => context.opened < context.limit,
    codeIs: ({ event }, params: { code: number }) => 'code' in event && event.code === params.code,
  },
}).createMachine({
  id: 'door',
  context: ({ input }) => ({ opened: 0, limit: input.limit, log: [] }),
  type: 'parallel',
  states: {
    leaf: {
      initial: 'closed',
      states: {
        closed: {
          entry: {
            type: 'observe',
            params: ({ context }) => ({ kind: 'closed', n: context.opened }),
          },
          on: {
            open: { guard: 'underLimit', target: 'open' },
            lock: { guard: { type: 'codeIs', params: { code: 42 } }, target: 'locked' },
          },
        },
        open: {
          entry: [
            assign({ opened: ({ context }) => context.opened + 1 }),
            {
              type: 'send',
              params: ({ context }) => ({ to: [0, 1], msg: { type: 'Opened', n: context.opened } }),
            },
          ],
          exit: { type: 'observe', params: { kind: 'closing' } },
          on: { close: 'closed' },
        },
        locked: {
          on: { unlock: { guard: { type: 'codeIs', params: { code: 42 } }, target: 'checking' } },
        },
        checking: {
          entry: raise({ type: 'tick' }),
          always: {
            target: 'closed',
            actions: assign({ log: ({ context }) => [...context.log, 'unlocked'] }),
          },
        },
      },
    },
    counter: {
      initial: 'low',
      states: {
        low: { always: { guard: ({ context }) => context.opened >= 2, target: 'high' } },
        high: {
          entry: enqueueActions(({ enqueue, context }) => {
            enqueue({ type: 'observe', params: { kind: 'high', opened: context.opened } });
            enqueue({ type: 'send', params: { to: 1, msg: { type: 'High' } } });
          }),
        },
      },
    },
  },
});

/** An event with fields, as the machines receive them. */
const ev = (e: AnyEventObject): AnyEventObject => e;

interface Case {
  readonly name: string;
  readonly machine: AnyStateMachine;
  readonly input: Json;
  readonly events: readonly AnyEventObject[];
}

const cases: readonly Case[] = [
  {
    name: 'the toy echo machine',
    machine: echoMachine,
    input: { self: 0, n: 2 },
    events: [
      { type: 'ping', to: 1 },
      { type: 'Ping', seq: 0, from: 1 },
      { type: 'tick' },
      { type: 'Pong', seq: 0, from: 1 },
      { type: 'Pong', seq: 0, from: 1 },
      { type: 'tick' },
      { type: 'reset' },
      { type: 'leave' },
      { type: 'Ping', seq: 1, from: 1 },
    ],
  },
  {
    name: 'the total-order sequencer member',
    machine: sequencerMember,
    input: { self: 0, n: 3 },
    events: [
      { type: 'multicast', id: 'm0' },
      { type: 'Data', id: 'm0', from: 0 },
      { type: 'Data', id: 'm1', from: 2 },
      { type: 'Order', id: 'm0', seq: 1, from: 0 },
      { type: 'timeout' },
      { type: 'Order', id: 'm1', seq: 2, from: 0 },
      { type: 'Data', id: 'm1', from: 2 },
    ],
  },
  {
    name: 'a parallel machine with guards, always and raise',
    machine: door,
    input: { limit: 3 },
    events: [
      { type: 'open' },
      { type: 'close' },
      { type: 'open' },
      { type: 'close' },
      { type: 'lock', code: 1 },
      { type: 'lock', code: 42 },
      { type: 'open' },
      { type: 'unlock', code: 42 },
      { type: 'open' },
      { type: 'close' },
      { type: 'open' },
    ],
  },
];

describe('PureDriver', () => {
  describe.each(cases)('on $name', ({ machine, input, events }) => {
    it("gives xstate's own initialTransition/transition snapshots and actions", () => {
      const driver = new PureDriver(machine, input);
      let [ours, ourActions] = driver.initial(input);
      let [theirs, theirActions] = initialTransition(machine, input);
      expect(driven(ours, ourActions)).toEqual(driven(theirs, theirActions));

      for (const event of events) {
        [ours, ourActions] = driver.transition(ours, event);
        [theirs, theirActions] = transition(machine, theirs, event);

        expect(driven(ours, ourActions)).toEqual(driven(theirs, theirActions));
      }
    });

    it('gives the same results from a reused driver as from a fresh one', () => {
      const reused = new PureDriver(machine, input);
      for (let round = 0; round < 2; round++) {
        let [a, aActions] = reused.initial(input);
        let [b, bActions] = new PureDriver(machine, input).initial(input);
        expect(driven(a, aActions)).toEqual(driven(b, bActions));
        for (const event of events) {
          [a, aActions] = reused.transition(a, event);
          [b, bActions] = new PureDriver(machine, input).transition(b, event);

          expect(driven(a, aActions)).toEqual(driven(b, bActions));
        }
      }
    });
  });

  it('the parallel machine case goes through every state, with effects in each', () => {
    const { machine, input, events } = cases[2]!;
    let [snapshot, actions] = initialTransition(machine, input);
    const values = [JSON.stringify(snapshot.value)];
    const types = actions.map((a) => a.type);
    for (const event of events) {
      [snapshot, actions] = transition(machine, snapshot, event);
      values.push(JSON.stringify(snapshot.value));
      types.push(...actions.map((a) => a.type));
    }

    for (const state of ['closed', 'open', 'locked', 'low', 'high']) {
      expect(values.some((v) => v.includes(`"${state}"`))).toBe(true);
    }
    expect(snapshot.context).toMatchObject({ opened: 3, log: ['unlocked'] });
    expect(new Set(types)).toEqual(new Set(['observe', 'send', 'xstate.raise']));
  });

  it('collects actions without running them', () => {
    const run = vi.fn();
    const m = setup({ actions: { ...effects, run } }).createMachine({
      entry: 'run',
      on: { go: { actions: ['run', { type: 'send', params: { to: 0, msg: { type: 'M' } } }] } },
    });
    const driver = new PureDriver(m, {});

    const [s0, initial] = driver.initial({});
    const [, step] = driver.transition(s0, { type: 'go' });

    expect(initial.map((a) => a.type)).toEqual(['run']);
    expect(step.map((a) => a.type)).toEqual(['run', 'send']);
    expect(step[1]?.params).toEqual({ to: 0, msg: { type: 'M' } });
    expect(run).not.toHaveBeenCalled();
  });

  it('hands back a fresh action list per call, which later calls leave alone', () => {
    const driver = new PureDriver(echoMachine, { self: 0, n: 2 });
    const [s0] = driver.initial({ self: 0, n: 2 });

    const [s1, first] = driver.transition(s0, ev({ type: 'ping', to: 1 }));
    const kept = structuredClone(first.map(({ type, params }) => ({ type, params })));
    driver.transition(s1, { type: 'tick' });
    driver.transition(s1, ev({ type: 'Ping', seq: 3, from: 1 }));

    expect(first.map(({ type, params }) => ({ type, params }))).toEqual(kept);
    expect(first.length).toBeGreaterThan(0);
  });

  it('starts from the input it is given, not the one it was built with', () => {
    const driver = new PureDriver(echoMachine, { self: 0, n: 2 });

    const [snapshot] = driver.initial({ self: 4, n: 5, count: 7 });

    expect(snapshot.context).toMatchObject({ self: 4, n: 5, count: 7 });
  });

  it('offers its action list as the effect sink while a transition runs, and only then', () => {
    const seen: (CollectedAction[] | null)[] = [];
    const probe = setup({
      actions: { ...effects },
      guards: { fails: () => true },
    }).createMachine({
      entry: enqueueActions(() => {
        seen.push(effectSink.current);
        effectSink.current?.push({ type: 'observe', params: { kind: 'pushed' } });
      }),
      on: {
        go: { actions: enqueueActions(() => void seen.push(effectSink.current)) },
        boom: {
          actions: enqueueActions(() => {
            throw new Error('boom');
          }),
        },
      },
    });
    // Building the driver starts a throwaway actor, outside any transition of the driver's.
    const driver = new PureDriver(probe, {});
    expect(seen).toEqual([null]);
    seen.length = 0;

    const [s0, actions] = driver.initial({});
    driver.transition(s0, { type: 'go' });
    expect(() => driver.transition(s0, { type: 'boom' })).toThrow(/boom/);

    expect(actions).toEqual([{ type: 'observe', params: { kind: 'pushed' } }]);
    expect(seen).toHaveLength(2);
    expect(seen.every((sink) => Array.isArray(sink))).toBe(true);
    expect(effectSink.current).toBeNull();
  });

  it('never changes the snapshot it is given', () => {
    const driver = new PureDriver(echoMachine, { self: 0, n: 2 });
    const [s0] = driver.initial({ self: 0, n: 2 });
    const before = JSON.stringify({ value: s0.value, context: s0.context });

    driver.transition(s0, ev({ type: 'ping', to: 1 }));
    driver.transition(s0, ev({ type: 'Ping', seq: 0, from: 1 }));

    expect(JSON.stringify({ value: s0.value, context: s0.context })).toBe(before);
  });
});
