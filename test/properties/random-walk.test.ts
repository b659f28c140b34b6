import { describe, expect, it } from 'vitest';
import type {
  CheckedProperty,
  History,
  Observation,
  PropertyContext,
} from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import { checkWalkerStops, walkerStops, walkMessages } from '../../properties/random-walk.ts';

const walkers: Observation = {
  node: 0,
  kind: 'walkers',
  search: 'q0',
  key: 'k',
  ttl: 4,
  checkEvery: 2,
  guids: ['g0', 'g1'],
};
const walk = (node: number, guid: string, ttl: number, hops: number, to: number): Observation => ({
  node,
  kind: 'walk',
  guid,
  from: -1,
  ttl,
  hops,
  checkEvery: 2,
  to: [to],
});
const answered = (node: number, guid: string, go: boolean): Observation => ({
  node,
  kind: 'answered',
  guid,
  go,
});
const answer = (guid: string, go: boolean, to: number): Observation => ({
  node: 0,
  kind: 'answer',
  guid,
  go,
  to,
});
const hit = (guid: string): Observation => ({
  node: 0,
  kind: 'hit',
  guid,
  key: 'k',
  servent: 2,
  from: 1,
});

/** Walker g1 goes 0 → 1 → 3 (checks back at Hops 2) → 2, while g0 finds the key at 1. */
const run = (go: boolean): Observation[] => [
  walkers,
  walk(0, 'g0', 4, 0, 1),
  walk(0, 'g1', 4, 0, 3),
  walk(3, 'g1', 3, 1, 1),
  { node: 1, kind: 'check', guid: 'g1', to: 0 },
  ...(go ? [] : [hit('g0')]),
  answer('g1', go, 1),
  answered(1, 'g1', go),
];

describe('walker-stops', () => {
  it('is a safety property read on each servent alone', () => {
    expect(walkerStops.kind).toBe('safety');
    expect(walkerStops.scope).toBeUndefined();
  });

  it('holds on flooding, on walkers told to go on, and on walkers that stop when told', () => {
    expect(checkWalkerStops([hit('g0')])).toBeNull();
    expect(checkWalkerStops([...run(true), walk(1, 'g1', 2, 2, 2)])).toBeNull();
    expect(checkWalkerStops([...run(false), { node: 1, kind: 'walk-end', guid: 'g1' }])).toBeNull();
  });

  it('reports a walker sent on after its requester said stop', () => {
    expect(checkWalkerStops([...run(false), walk(1, 'g1', 2, 2, 2)])?.message).toBe(
      'node 1 sent walker g1 on after its requester answered stop',
    );
  });

  it('reports a requester that says go, or sends a walker, after its hit', () => {
    expect(checkWalkerStops([walkers, hit('g0'), answer('g1', true, 1)])?.message).toBe(
      'node 0 told walker g1 to go on after search q0 had its hit',
    );
    expect(checkWalkerStops([walkers, hit('g0'), walk(0, 'g1', 4, 0, 3)])?.message).toBe(
      'node 0 sent walker g1 on after search q0 had its hit',
    );
  });

  it('reports a walker beyond its TTL, or one that skipped its check-back', () => {
    expect(checkWalkerStops([walk(2, 'g1', 0, 4, 1)])?.message).toBe(
      'node 2 sent walker g1 on with TTL 0: beyond its steps',
    );
    expect(checkWalkerStops([walkers, walk(0, 'g1', 4, 0, 3), walk(1, 'g1', 2, 2, 2)])).toEqual({
      property: 'walker-stops',
      message: 'node 1 sent walker g1 on at Hops 2 without checking back (every 2)',
      nodes: [1],
      messages: ['g1'],
    });
  });

  it('counts walker steps and check-backs with the descriptors', () => {
    const h = [...run(true), walk(1, 'g1', 2, 2, 2)];
    // 4 steps, 1 check, 1 answer; no flooded descriptors.
    expect(walkMessages(h)).toBe(6);
    expect(
      walkMessages([{ node: 2, kind: 'reply', type: 'QueryHit', guid: 'g0', to: 1, ttl: 2 }]),
    ).toBe(1);
  });
});

const CONTEXT: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };

describe('the walker-stops monitor', () => {
  it('answers as the check on every prefix of the violating histories', () => {
    const histories: History[] = [
      [...run(true), walk(1, 'g1', 2, 2, 2)],
      [...run(false), walk(1, 'g1', 2, 2, 2)],
      [walkers, hit('g0'), answer('g1', true, 1)],
      [walkers, hit('g0'), walk(0, 'g1', 4, 0, 3)],
      [walk(2, 'g1', 0, 4, 1)],
      [walkers, walk(0, 'g1', 4, 0, 3), walk(1, 'g1', 2, 2, 2)],
    ];
    const cases = histories.map((h): [CheckedProperty, History] => [walkerStops, h]);
    for (const [p, h] of cases) expectMonitorAgrees(p, h, CONTEXT);
  });
});
