import { and, assign, not, or, raise, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  actionLabel,
  actionList,
  guardLabel,
  transitionsOf,
} from '../../../checkers/docs/transition-labels.ts';

describe('guardLabel', () => {
  it('names named, parameterized and combined guards', () => {
    expect(guardLabel('isDuplicate')).toBe('isDuplicate');
    expect(guardLabel({ type: 'isMajority', params: { nodes: 'expected' } })).toBe(
      'isMajority(nodes: expected)',
    );
    expect(guardLabel({ type: 'isNext', params: ({ context }: never) => context })).toBe('isNext');
    expect(guardLabel({ type: 'isNext', params: { ids: ['m0'] } })).toBe('isNext');
    expect(guardLabel(and(['a', not('b')]))).toBe('a and not b');
    expect(guardLabel(or(['a', and(['b', 'c'])]))).toBe('a or (b and c)');
    expect(guardLabel(not(or(['a', 'b'])))).toBe('not (a or b)');
  });

  it('names inline guards by their function name', () => {
    function hasQuorum(): boolean {
      return true;
    }
    expect(guardLabel(hasQuorum)).toBe('hasQuorum');
    expect(guardLabel({ guard: () => true }.guard)).toBe('inline');
  });
});

describe('actionLabel', () => {
  it('names named actions, built-ins and inline functions', () => {
    expect(actionLabel('deliverReady')).toBe('deliverReady');
    expect(actionLabel({ type: 'send', params: { to: 1 } })).toBe('send');
    expect(actionLabel(assign({}))).toBe('assign');
    expect(actionLabel(raise({ type: 'stop' }))).toBe('raise stop');
    expect(actionLabel([() => undefined][0])).toBe('inline');
    expect(actionList(['a', 'b'])).toBe('a, b');
  });
});

describe('transitionsOf', () => {
  it('labels events in declaration order, later branches as else, then eventless ones', () => {
    const m = setup({
      guards: { g: () => true, h: () => true },
      actions: { x: () => {} },
    }).createMachine({
      id: 'm',
      initial: 's',
      states: {
        s: {
          on: {
            e: [{ guard: 'g', target: 't' }, { guard: 'h', actions: 'x' }, { target: 't' }],
            f: { actions: 'x' },
          },
          always: [{ guard: 'g', target: 't' }, { actions: 'x' }],
        },
        t: { always: 's' },
      },
    });
    const labels = (key: string) => transitionsOf(m.root.states[key]!).map((l) => l.label);
    expect(labels('s')).toEqual([
      'e [g]',
      'e [else if h] / x',
      'e [else]',
      'f / x',
      '[g]',
      '[else] / x',
    ]);
    expect(labels('t')).toEqual(['always']);
  });
});
