import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { checkVsValidity } from '../../properties/vs-validity.ts';

const obs = (node: number, kind: string, fields: Record<string, unknown> = {}): Observation =>
  ({ node, kind, ...fields }) as Observation;
const view = (node: number, id: number, members: number[]) =>
  obs(node, 'view', { view: id, members });
const upAll = (n: number, down: number[] = []) => ({
  nodes: n,
  up: Array.from({ length: n }, (_, k) => !down.includes(k)),
});

/** Three members in view 0, the first two moving to view 1 [0,1] (node 2 excluded). */
const twoViews: History = [
  view(0, 0, [0, 1, 2]),
  view(1, 0, [0, 1, 2]),
  view(2, 0, [0, 1, 2]),
  obs(1, 'flush', { view: 0 }),
  obs(1, 'multicast', { msg: 'm0' }),
  obs(0, 'flush', { view: 0 }),
  view(0, 1, [0, 1]),
  view(1, 1, [0, 1]),
];

describe('vs-validity', () => {
  it('holds when a held-back multicast is delivered in the next view by both', () => {
    const h = [
      ...twoViews,
      obs(0, 'deliver', { msg: 'm0', view: 1 }),
      obs(1, 'deliver', { msg: 'm0', view: 1 }),
    ];
    expect(checkVsValidity(h, upAll(3))).toBeNull();
  });

  it('catches a member that never sends what it held back during the flush', () => {
    const v = checkVsValidity(twoViews, upAll(3));
    expect(v?.property).toBe('vs-validity');
    expect(v?.message).toBe(
      'node 1 multicast m0 in view 1 and stays in the primary view (view 1), but it never delivered it',
    );
  });

  it('catches a staying member that the sender stays with and that missed the message', () => {
    const h = [...twoViews, obs(1, 'deliver', { msg: 'm0', view: 1 })];
    expect(checkVsValidity(h, upAll(3))?.message).toMatch(/but node 0, with it in view 1, did not/);
  });

  it('asks nothing of a sender that crashed or was excluded', () => {
    expect(checkVsValidity(twoViews, upAll(3, [1]))).toBeNull();
    const excluded: History = [
      view(0, 0, [0, 1, 2]),
      view(1, 0, [0, 1, 2]),
      obs(2, 'multicast', { msg: 'm0' }),
      view(0, 1, [0, 1]),
      view(1, 1, [0, 1]),
    ];
    expect(checkVsValidity(excluded, upAll(3))).toBeNull();
  });

  it('excuses a multicast sent in a view whose sequencer did not move on with the sender', () => {
    const h: History = [
      view(0, 0, [0, 1, 2]),
      view(1, 0, [0, 1, 2]),
      view(2, 0, [0, 1, 2]),
      obs(1, 'multicast', { msg: 'm0' }),
      obs(0, 'crash'),
      view(1, 1, [1, 2]),
      view(2, 1, [1, 2]),
    ];
    expect(checkVsValidity(h, upAll(3, [0]))).toBeNull();
    // The same with the sequencer moving on too: the message must have been delivered.
    const kept: History = [
      view(0, 0, [0, 1, 2]),
      view(1, 0, [0, 1, 2]),
      view(2, 0, [0, 1, 2]),
      obs(1, 'multicast', { msg: 'm0' }),
      view(0, 1, [0, 1]),
      view(1, 1, [0, 1]),
    ];
    expect(checkVsValidity(kept, upAll(3))?.nodes).toEqual([1]);
  });

  it('ignores what a node that left and came back believes about the view it left', () => {
    const h: History = [
      view(0, 0, [0, 1]),
      view(1, 0, [0, 1]),
      obs(0, 'leave'),
      obs(0, 'join'),
      view(0, 0, [0, 1]),
      obs(0, 'multicast', { msg: 'm0' }),
      obs(0, 'deliver', { msg: 'm0', view: 0 }),
    ];
    expect(checkVsValidity(h, upAll(2))).toBeNull();
  });
});
