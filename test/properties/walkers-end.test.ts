import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import { checkWalkersEnd, walkersEnd } from '../../properties/walkers-end.ts';

const walkers = (node: number, ...guids: string[]): Observation => ({
  node,
  kind: 'walkers',
  search: 'q0',
  key: 'song',
  ttl: 3,
  checkEvery: 2,
  guids,
});
const walk = (node: number, guid: string, to: number): Observation => ({
  node,
  kind: 'walk',
  guid,
  to: [to],
});
const end = (node: number, guid: string, why = 'ttl'): Observation => ({
  node,
  kind: 'walk-end',
  guid,
  why,
});
const up = (...nodes: boolean[]) => ({ nodes: nodes.length, up: nodes });

describe('walkers-end', () => {
  it('is a liveness (leads-to) quiescence property', () => {
    expect(walkersEnd).toMatchObject({ name: 'walkers-end', kind: 'quiescence', liveness: true });
  });

  it('holds when every walker ended somewhere, and on histories without walkers', () => {
    const history = [
      walkers(0, 'a', 'b'),
      walk(0, 'a', 1),
      end(0, 'b', 'found'),
      walk(1, 'a', 2),
      end(2, 'a', 'hit'),
    ];
    expect(checkWalkersEnd(history, up(true, true, true))).toBeNull();
    expect(checkWalkersEnd([{ node: 0, kind: 'query', guid: 'g' }], up(true))).toBeNull();
  });

  it('is violated by a walker that has not ended while every servent it went to is up', () => {
    const history = [walkers(0, 'a', 'b'), walk(0, 'a', 1), end(1, 'a'), walk(0, 'b', 2)];
    const v = checkWalkersEnd(history, up(true, true, true));
    expect(v).toMatchObject({ property: 'walkers-end', nodes: [0], messages: ['b'] });
    expect(v?.message).toBe('walker b of node 0 never ended, and every servent it went to is up');
    expect(checkWalkersEnd([walkers(1, 'c')], up(true, true))?.messages).toEqual(['c']);
  });

  it('excuses a walker that may have been lost with a servent that went', () => {
    const history = [walkers(0, 'a'), walk(0, 'a', 1), walk(1, 'a', 2)];
    expect(checkWalkersEnd(history, up(true, true, false))).toBeNull();
    expect(checkWalkersEnd(history, up(true, false, true))).toBeNull();
    expect(checkWalkersEnd([walkers(0, 'a')], up(false, true))).toBeNull();
    expect(checkWalkersEnd(history, up(true, true, true))).not.toBeNull();
    // A servent that left and joined again is up, but lost the walkers it held.
    const rejoined: Observation[] = [
      { node: 1, kind: 'leave' },
      { node: 1, kind: 'join' },
    ];
    expect(checkWalkersEnd([...history, ...rejoined], up(true, true, true))).toBeNull();
  });
});

describe('the walkers-end monitor', () => {
  it('answers as the check on every prefix of the violating histories', () => {
    const lost = [walkers(0, 'a'), walk(0, 'a', 1), walk(1, 'a', 2)];
    const cases: [History, ReturnType<typeof up>][] = [
      [[walkers(0, 'a', 'b'), walk(0, 'a', 1), end(1, 'a'), walk(0, 'b', 2)], up(true, true, true)],
      [[walkers(1, 'c')], up(true, true)],
      [lost, up(true, true, true)],
      [lost, up(true, true, false)],
      [[...lost, { node: 1, kind: 'leave' }, { node: 1, kind: 'join' }], up(true, true, true)],
    ];
    for (const [h, context] of cases) expectMonitorAgrees(walkersEnd, h, context);
  });
});
