import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import {
  checkConsolidatedResult,
  consolidatedResult,
} from '../../properties/consolidated-result.ts';

const upper = (s: string) => s.toUpperCase();
const invoke = (req: string, input: string, key: string | null = null): Observation => ({
  node: 0,
  kind: 'invoke',
  req,
  input,
  key,
});
const answer = (req: string, result: string): Observation => ({
  node: 0,
  kind: 'answer',
  req,
  result,
});

describe('consolidated-result', () => {
  it('is a safety property', () => {
    expect(consolidatedResult(upper)).toMatchObject({
      name: 'consolidated-result',
      kind: 'safety',
    });
  });

  it('holds when every answer is the sequential result (after the item value when keyed)', () => {
    const history: History = [
      invoke('r0', 'abc'),
      invoke('r1', 'd', 'x'),
      answer('r0', 'ABC'),
      answer('r1', 'XYD'),
    ];
    expect(checkConsolidatedResult(history, upper)).toBeNull();
  });

  it.each([
    ['a part missing', 'AB'],
    ['parts out of order', 'CAB'],
    ['a part twice', 'ABBC'],
  ])('is violated by %s', (_, result) => {
    const v = checkConsolidatedResult([invoke('r0', 'abc'), answer('r0', result)], upper);
    expect(v).toMatchObject({ property: 'consolidated-result', messages: ['r0'] });
    expect(v?.message).toBe(`node 0 got "${result}" for r0, sequentially "ABC"`);
  });

  it('is violated by a keyed answer that does not end with its own contribution', () => {
    const v = checkConsolidatedResult([invoke('r0', 'ab', 'x'), answer('r0', 'A')], upper);
    expect(v?.message).toContain('a value ending with "AB"');
  });

  it('leaves answers to requests never made alone', () => {
    expect(checkConsolidatedResult([answer('r0', 'Z')], upper)).toBeNull();
  });
});
