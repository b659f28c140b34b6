import { describe, expect, it } from 'vitest';
import type {
  CheckedProperty,
  History,
  Observation,
  PropertyContext,
} from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import {
  checkRingExpands,
  checkRingStops,
  ringExpands,
  ringStops,
} from '../../properties/expanding-ring.ts';

const ring = (ttl: number, max = 3): Observation => ({
  node: 0,
  kind: 'ring',
  search: 'q0',
  ttl,
  max,
});
const query = (guid: string, ttl: number): Observation => ({
  node: 0,
  kind: 'query',
  guid,
  key: 'k',
  ttl,
  search: 'q0',
  to: [1],
});
const hit = (guid: string): Observation => ({
  node: 0,
  kind: 'hit',
  guid,
  key: 'k',
  servent: 2,
  from: 1,
});
const end = (found: boolean): Observation => ({ node: 0, kind: 'ring-end', search: 'q0', found });

describe('the expanding-ring properties', () => {
  it('are a safety and a quiescence property', () => {
    expect(ringStops.kind).toBe('safety');
    expect(ringExpands.kind).toBe('quiescence');
  });

  it('hold on plain flooding, on a ring that stops at its hit, and on one that grew to its TTL', () => {
    for (const check of [checkRingStops, checkRingExpands]) {
      expect(check([query('g0', 3), hit('g0')])).toBeNull();
      expect(
        check([ring(1), query('g0', 1), ring(2), query('g1', 2), hit('g1'), end(true)]),
      ).toBeNull();
      const grown = [ring(1), query('g0', 1), ring(2), query('g1', 2), ring(3), query('g2', 3)];
      expect(check([...grown, end(false)])).toBeNull();
    }
  });

  it('ring-stops reports a round started after a hit', () => {
    expect(checkRingStops([ring(1), query('g0', 1), hit('g0'), ring(2)])).toEqual({
      property: 'ring-stops',
      message: 'node 0 started a round with TTL 2 of search q0 after it had a hit',
      nodes: [0],
      messages: ['q0'],
    });
  });

  it('ring-expands reports a ring that never ended, or gave up early', () => {
    expect(checkRingExpands([ring(1), query('g0', 1)])?.message).toBe(
      'search q0 at node 0 never ended',
    );
    expect(checkRingExpands([ring(1), query('g0', 1), end(false)])?.message).toBe(
      'search q0 at node 0 ended without a hit at TTL 1 of 3',
    );
    expect(checkRingExpands([ring(1), { node: 0, kind: 'crash' }])).toBeNull();
  });
});

const CONTEXT: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };

describe('the expanding-ring monitors', () => {
  it('answer as the checks on every prefix of the violating histories', () => {
    const histories: History[] = [
      [ring(1), query('g0', 1), hit('g0'), ring(2)],
      [ring(1), query('g0', 1)],
      [ring(1), query('g0', 1), end(false)],
      [ring(1), { node: 0, kind: 'crash' }],
      [ring(1), query('g0', 1), ring(2), query('g1', 2), hit('g1'), end(true)],
    ];
    const cases = histories.flatMap((h) =>
      [ringStops, ringExpands].map((p): [CheckedProperty, History] => [p, h]),
    );
    for (const [p, h] of cases) expectMonitorAgrees(p, h, CONTEXT);
  });
});
