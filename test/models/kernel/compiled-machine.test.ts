import { afterEach, describe, expect, it } from 'vitest';
import { driven } from './helpers.ts';
import {
  and,
  assign,
  not,
  or,
  raise,
  setup,
  transition,
  initialTransition,
  type AnyStateMachine,
} from 'xstate';
import * as fc from 'fast-check';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { runRandom } from '../../../checkers/random.ts';
import { protocols } from '../../../models/index.ts';
import { compileMachine } from '../../../models/kernel/compiled-machine.ts';
import { effects } from '../../../models/kernel/effects.ts';
import { driverMode, PureDriver, type Snapshot } from '../../../models/kernel/pure-driver.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { roleKit } from '../../../models/kernel/step.ts';
import { answerProtocol } from '../../fixtures/answer-protocol.ts';
import { gateProtocol } from '../../fixtures/gate-protocol.ts';
import { livelockProtocol } from '../../fixtures/livelock-protocol.ts';
import { randomProtocol, randomSpec } from '../../fixtures/random-protocol.ts';
import { makeToyProtocol } from '../../fixtures/toy-protocol.ts';

afterEach(() => {
  driverMode.current = 'compiled';
});

interface Ctx {
  readonly n: number;
  readonly log: readonly string[];
}
type Ev =
  | { type: 'go' }
  | { type: 'back' }
  | { type: 'again' }
  | { type: 'bump'; by: number }
  | { type: 'finish' }
  | { type: 'jump' };
const kit = roleKit<{ context: Ctx; events: Ev; sends: { type: 'M'; n: number }; guards: 'big' }>();
const note = (text: string) =>
  kit.step(({ context, out }) => {
    out.observe('note', { text });
    return { log: [...context.log, text] };
  });

/**
 * Nested states entered by default and by `#id`, exit and entry order, a re-entering child
 * target, `always` chains that assign, `not`/`and`/`or` guards, guards and action params given as
 * functions, inline guards and actions, a kit step asking a guard by name, a top-level final state.
 */
const nested = setup({
  types: kit.types,
  actions: {
    ...effects,
    enterA: note('enter a'),
    exitA: note('exit a'),
    enterA1: note('enter a1'),
    exitA1: note('exit a1'),
    enterA2: note('enter a2'),
    exitA2: note('exit a2'),
    enterB: note('enter b'),
    exitRoot: note('exit root'),
    bump: kit.on('bump', ({ context, event, out }) => {
      if (out.check('big', { at: 3 })) out.send([0, 1], { type: 'M', n: context.n });
      return { n: context.n + event.by };
    }),
    silent: kit.step(() => {}),
  },
  guards: {
    big: ({ context }, params: { at: number }) => context.n >= params.at,
    odd: ({ context }) => context.n % 2 === 1,
    over: ({ context }, params: { limit: number }) => context.n > params.limit,
  },
}).createMachine({
  id: 'nested',
  context: { n: 0, log: [] },
  initial: 'a',
  exit: 'exitRoot',
  states: {
    a: {
      entry: 'enterA',
      exit: 'exitA',
      initial: 'a1',
      on: {
        bump: { actions: 'bump' },
        again: { target: '.a2', reenter: true },
        finish: '#nested.done',
      },
      states: {
        a1: {
          entry: 'enterA1',
          exit: 'exitA1',
          on: {
            go: 'a2',
            jump: {
              guard: and(['odd', not({ type: 'over', params: { limit: 5 } })]),
              target: '#nested.b',
              actions: [
                { type: 'observe', params: ({ context }) => ({ kind: 'jump', n: context.n }) },
              ],
            },
          },
        },
        a2: {
          entry: 'enterA2',
          exit: 'exitA2',
          on: { back: 'a1', go: { target: 'a2', actions: 'silent' } },
          always: {
            guard: or([({ context }) => context.n > 9, { type: 'over', params: { limit: 7 } }]),
            target: '#nested.b',
          },
        },
      },
    },
    b: {
      entry: 'enterB',
      always: [
        {
          guard: ({ context }) => context.n < 4,
          actions: assign({ n: ({ context }) => context.n + 1 }),
        },
      ],
      on: {
        back: [
          { guard: { type: 'over', params: ({ context }) => ({ limit: context.n + 1 }) } },
          { target: 'a' },
        ],
        go: { actions: () => {} },
      },
    },
    done: { type: 'final', entry: { type: 'send', params: { to: 0, msg: { type: 'M', n: -1 } } } },
  },
});

const flatKit = roleKit<{
  context: { readonly seen: readonly string[] };
  events: { type: 'Data'; id: string };
  sends: never;
  guards: 'isNew';
}>();

/** A machine that is its root alone (xstate's state value `{}`), asking a guard by name. */
const flat = setup({
  types: flatKit.types,
  actions: {
    deliver: flatKit.on('Data', ({ context, event, out }) => {
      if (!out.check('isNew', { id: event.id })) return;
      out.observe('deliver', { msg: event.id });
      return { seen: [...context.seen, event.id] };
    }),
  },
  guards: {
    isNew: ({ context }, params: { id: string }) => !context.seen.includes(params.id),
  },
}).createMachine({ context: { seen: [] }, on: { Data: { actions: 'deliver' } } });

const script: readonly Ev[] = [
  { type: 'go' },
  { type: 'back' },
  { type: 'again' },
  { type: 'go' },
  { type: 'bump', by: 1 },
  { type: 'back' },
  { type: 'jump' },
  { type: 'go' },
  { type: 'back' },
  { type: 'bump', by: 2 },
  { type: 'jump' },
  { type: 'bump', by: 3 },
  { type: 'go' },
  { type: 'bump', by: 4 },
  { type: 'back' },
  { type: 'finish' },
  { type: 'go' },
];

describe('compileMachine', () => {
  it('compiles every machine the protocols ship', () => {
    const reasons: string[] = [];
    const seen = new Set<AnyStateMachine>();
    for (const protocol of protocols)
      for (const variant of protocol.variants)
        for (const [role, { machine }] of Object.entries(variant.roles)) {
          if (seen.has(machine)) continue;
          seen.add(machine);
          const compiled = compileMachine(machine);
          if (typeof compiled === 'string') reasons.push(`${protocol.name} ${role}: ${compiled}`);
        }

    expect(reasons).toEqual([]);
    expect(seen.size).toBeGreaterThan(100);
  });

  it("runs a nested machine's script as xstate does, state, context, status and actions", () => {
    expect(typeof compileMachine(nested)).not.toBe('string');
    const driver = new PureDriver(nested, {});
    let [ours, ourActions] = driver.initial({});
    let [theirs, theirActions] = initialTransition(nested, {});
    const values = new Set<string>();
    for (const event of script) {
      [ours, ourActions] = driver.transition(ours, event);
      [theirs, theirActions] = transition(nested, theirs, event);
      values.add(JSON.stringify(ours.value));

      expect(driven(ours, ourActions)).toEqual(driven(theirs, theirActions));
    }
    // The script went everywhere: both children, the sibling, the final state.
    expect([...values].sort()).toEqual(['"b"', '"done"', '{"a":"a1"}', '{"a":"a2"}']);
    expect(ours.status).toBe('done');
  });

  it.each([
    ['as written', flat],
    ['with a guard swapped by provide()', flat.provide({ guards: { isNew: () => true } })],
  ])('runs a machine without states (%s) as xstate does', (_, machine) => {
    const driver = new PureDriver(machine, {});
    expect(typeof driver.compiled).not.toBe('string');
    let [ours] = driver.initial({});
    let [theirs] = initialTransition(machine, {});
    for (const id of ['m0', 'm1', 'm0']) {
      let ourActions;
      let theirActions;
      const event = { type: 'Data' as const, id };
      [ours, ourActions] = driver.transition(ours, event);
      [theirs, theirActions] = transition(machine, theirs, event);

      expect(driven(ours, ourActions)).toEqual(driven(theirs, theirActions));
    }
    expect(ours.value).toEqual({});
  });

  it('hands back the very snapshot when nothing changed, as xstate does', () => {
    const driver = new PureDriver(nested, {});
    const [s0] = driver.initial({});
    const [s1] = driver.transition(s0, { type: 'go' });
    const [s2, actions] = driver.transition(s1, { type: 'go' });

    expect(s2).toBe(s1);
    expect(actions).toEqual([]);
  });

  it.each([
    [
      'a parallel state',
      setup({}).createMachine({ type: 'parallel', states: { x: {}, y: {} } }),
      'a parallel state',
    ],
    [
      'a built-in action',
      setup({}).createMachine({ on: { go: { actions: raise({ type: 'x' }) } } }),
      'built-in action',
    ],
    [
      'a wildcard transition',
      setup({}).createMachine({ on: { '*': { actions: () => {} } } }),
      'a wildcard transition',
    ],
    [
      'a delayed transition',
      setup({}).createMachine({ initial: 'a', states: { a: { after: { 10: 'b' } }, b: {} } }),
      'a delayed transition',
    ],
    [
      'a nested final state',
      setup({}).createMachine({
        initial: 'a',
        states: { a: { initial: 'x', states: { x: {}, y: { type: 'final' } } } },
      }),
      'a nested final state',
    ],
    [
      'a guard it does not know',
      setup({}).createMachine({ on: { go: { guard: 'nowhere' as never, actions: () => {} } } }),
      "guard 'nowhere' is not implemented",
    ],
  ])('keeps xstate for a machine with %s, and says why', (_, machine, reason) => {
    const compiled = compileMachine(machine as AnyStateMachine);

    expect(typeof compiled).toBe('string');
    expect(compiled).toContain(reason);
  });

  it('leaves a step that throws to xstate, whose error is the one users see', () => {
    const wired = setup({
      types: kit.types,
      actions: { bump: kit.on('bump', ({ context }) => ({ n: context.n + 1 })) },
    }).createMachine({ context: { n: 0, log: [] }, on: { go: { actions: 'bump' } } });
    const driver = new PureDriver(wired, {});
    const [s0] = driver.initial({});

    expect(typeof driver.compiled).not.toBe('string');
    expect(() => driver.transition(s0, { type: 'go' })).toThrow(
      /a step for other events ran on 'go'/,
    );
  });

  it('in checked mode, reports a compiled transition xstate disagrees with', () => {
    driverMode.current = 'checked';
    const driver = new PureDriver(nested, {});
    const [s0] = driver.initial({});
    // A snapshot claiming a leaf it is not in: the compiled run follows the leaf, xstate the value.
    const lying = {
      ...(s0 as object),
      leaf: (nested.root as { states: Record<string, { states: Record<string, unknown> }> }).states
        .b,
      machine: nested,
    } as unknown as Snapshot;

    expect(() => driver.transition(lying, { type: 'go' })).toThrow(/disagrees with xstate/);
  });
});

/** The test fixtures' protocols too: a toy, a gated one, livelocks, random automata. */
const fixtures: readonly Protocol[] = [
  makeToyProtocol(),
  gateProtocol,
  answerProtocol,
  livelockProtocol,
  ...fc.sample(randomSpec(), { seed: 5, numRuns: 4 }).map((spec) => randomProtocol(spec, [])),
];

describe('every protocol in checked mode (each transition both ways)', () => {
  const all = [...protocols, ...fixtures].map((p, i) => [`${p.name} #${i}`, p] as const);
  describe.each(all)('%s', (_, protocol) => {
    it.each(protocol.variants.map((v) => [v.name, v] as const))(
      '%s: a bounded search and random runs agree with xstate',
      (_, variant) => {
        driverMode.current = 'checked';
        const nodes = protocol.nodes.default;
        const found = runExhaustive(protocol, variant, { nodes, maxStates: 1500, liveness: false });
        const random = runRandom(protocol, variant, { runs: 15, seed: 11 });

        expect(found.distinct).toBeGreaterThan(0);
        expect(random.runs).toBeGreaterThan(0);
      },
    );
  });
});
