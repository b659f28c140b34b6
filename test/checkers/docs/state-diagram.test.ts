import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { stateDiagram } from '../../../checkers/docs/state-diagram.ts';

// A tiny door: a compound state with an initial child, a guarded multi-branch transition, an
// eventless transition leaving the compound state, a targetless transition, an entry action and
// a final state.
const door = setup({
  types: {} as {
    events: { type: 'key' } | { type: 'knock' } | { type: 'close' } | { type: 'slam' };
  },
  guards: { hasKey: () => true, isAjar: () => false },
  actions: { unlock: () => {}, complain: () => {}, count: () => {}, creak: () => {} },
}).createMachine({
  id: 'door',
  initial: 'closed',
  states: {
    closed: {
      initial: 'locked',
      states: {
        locked: {
          on: {
            key: [
              { guard: 'hasKey', target: 'unlocked', actions: 'unlock' },
              { actions: 'complain' },
            ],
          },
        },
        unlocked: { always: { guard: 'isAjar', target: '#door.open' } },
      },
      on: { knock: { actions: 'count' } },
    },
    open: {
      entry: 'creak',
      on: { close: 'closed', slam: 'broken' },
    },
    broken: { type: 'final' },
  },
});

const expected = `stateDiagram-v2
  [*] --> closed
  state closed {
    [*] --> locked
    locked --> unlocked: key [hasKey] / unlock
    locked --> locked: key [else] / complain
  }
  closed --> closed: knock / count
  unlocked --> open: [isAjar]
  note right of open : entry / creak
  open --> closed: close
  open --> broken: slam
  broken --> [*]`;

describe('stateDiagram', () => {
  it('draws compound states, guards, branches, eventless and targetless transitions', () => {
    expect(stateDiagram(door)).toBe(expected);
  });

  it('is the same on every call (declaration order, no unordered data)', () => {
    expect(stateDiagram(door)).toBe(stateDiagram(door));
  });

  it('draws a mutant made with provide exactly like its machine', () => {
    expect(stateDiagram(door.provide({ guards: { hasKey: () => false } }))).toBe(expected);
  });

  it('qualifies states that share a key, and gives an unreachable state a line', () => {
    const m = setup({}).createMachine({
      id: 'twins',
      initial: 'a',
      states: {
        a: { initial: 'idle', states: { idle: { on: { go: '#twins.b' } } } },
        b: { initial: 'idle', states: { idle: {}, lonely: {} } },
      },
    });
    expect(stateDiagram(m)).toBe(`stateDiagram-v2
  [*] --> a
  state a {
    [*] --> a_idle
    state "idle" as a_idle
  }
  a_idle --> b: go
  state b {
    [*] --> b_idle
    state "idle" as b_idle
    lonely
  }`);
  });

  it('draws the machine as a state when the machine itself has transitions', () => {
    const m = setup({}).createMachine({
      id: 'm',
      initial: 'idle',
      on: { reset: '.idle' },
      states: { idle: { on: { go: 'busy' } }, busy: {} },
    });
    expect(stateDiagram(m)).toBe(`stateDiagram-v2
  [*] --> m
  state m {
    [*] --> idle
    idle --> busy: go
  }
  m --> idle: reset`);
  });

  it('declares inside its block a state that only arrows from outside name', () => {
    const m = setup({}).createMachine({
      initial: 'out',
      states: {
        out: { on: { enter: 'box.deep' } },
        box: { initial: 'first', states: { first: {}, deep: {} } },
      },
    });
    expect(stateDiagram(m)).toBe(`stateDiagram-v2
  [*] --> out
  out --> deep: enter
  state box {
    [*] --> first
    deep
  }`);
  });
});
