import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import { observedDeadlock, observedWaitsFor } from '../../properties/wait-for-graph.ts';

const o = (node: number, kind: string, fields: Record<string, string> = {}): Observation => ({
  node,
  kind,
  ...fields,
});

/** t0 holds x at node 2 and t1 holds y at node 3; each then waits for the other's lock. */
const crosswise = [
  o(2, 'grant', { txn: 't0', item: 'x', mode: 'S' }),
  o(3, 'grant', { txn: 't1', item: 'y', mode: 'S' }),
  o(3, 'wait', { txn: 't0', item: 'y', mode: 'X' }),
  o(2, 'wait', { txn: 't1', item: 'x', mode: 'X' }),
];

describe('observedWaitsFor', () => {
  it('makes a waiter wait for the other holders of its lock whose mode conflicts', () => {
    const h = [
      o(2, 'grant', { txn: 't1', item: 'x', mode: 'S' }),
      o(2, 'grant', { txn: 't2', item: 'x', mode: 'S' }),
      o(2, 'wait', { txn: 't0', item: 'x', mode: 'X' }),
      o(2, 'wait', { txn: 't3', item: 'x', mode: 'S' }),
    ];
    const waitsFor = observedWaitsFor(h, new Set(['t0', 't3']));
    expect(waitsFor('t0')).toEqual(['t1', 't2']);
    expect(waitsFor('t3')).toEqual([]);
  });

  it('tells locks apart by node, and forgets released holders and granted waits', () => {
    const h = [
      o(2, 'grant', { txn: 't1', item: 'x', mode: 'X' }),
      o(3, 'grant', { txn: 't2', item: 'x', mode: 'X' }),
      o(2, 'wait', { txn: 't0', item: 'x', mode: 'S' }),
    ];
    expect(observedWaitsFor(h, new Set(['t0']))('t0')).toEqual(['t1']);
    const released = [...h, o(2, 'release', { txn: 't1', item: 'x' })];
    expect(observedWaitsFor(released, new Set(['t0']))('t0')).toEqual([]);
    const granted = [...released, o(2, 'grant', { txn: 't0', item: 'x', mode: 'S' })];
    const later = [...granted, o(2, 'grant', { txn: 't4', item: 'x', mode: 'S' })];
    expect(observedWaitsFor(later, new Set(['t0']))('t0')).toEqual([]);
  });

  it('ignores the waits of transactions not asked about', () => {
    expect(observedWaitsFor(crosswise, new Set(['t0']))('t1')).toEqual([]);
  });
});

describe('observedDeadlock', () => {
  it('names the cycle, in waiting order from the smallest transaction', () => {
    expect(observedDeadlock(crosswise, ['t1', 't0'])).toEqual(['t0', 't1']);
  });

  it('finds none once a member of the cycle is no longer running', () => {
    expect(observedDeadlock(crosswise, ['t0'])).toBeNull();
    expect(observedDeadlock(crosswise.slice(0, 3), ['t0', 't1'])).toBeNull();
  });
});
