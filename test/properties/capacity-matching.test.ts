import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import { capacityMatched, checkCapacityMatched } from '../../properties/capacity-matching.ts';

const cls = (node: number, c: number): Observation => ({ node, kind: 'class', class: c });
const pong = (node: number, host: number): Observation => ({
  node,
  kind: 'pong',
  guid: 'g',
  host,
  from: host,
});

describe('capacity-matched', () => {
  it('is a global safety property', () => {
    expect(capacityMatched).toMatchObject({ kind: 'safety', scope: 'global' });
  });

  it('holds when every Pong comes from a host of the pinger’s class, or classes are unknown', () => {
    expect(checkCapacityMatched([cls(0, 1), cls(1, 0), cls(2, 1), pong(0, 2)])).toBeNull();
    expect(checkCapacityMatched([pong(0, 1)])).toBeNull();
  });

  it('reports a Pong from a host of another class', () => {
    expect(checkCapacityMatched([cls(0, 1), cls(1, 0), pong(0, 1)])).toEqual({
      property: 'capacity-matched',
      message: 'node 0 (class 1) learned host 1 of class 0',
      nodes: [0, 1],
      messages: ['g'],
    });
  });
});
