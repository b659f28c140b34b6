import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { checkSerialData, serialData } from '../../properties/serial-data.ts';

const invoke = (req: string, key: string | null): Observation => ({
  node: 0,
  kind: 'invoke',
  req,
  input: 'a',
  key,
});
const answer = (req: string, result: string): Observation => ({
  node: 0,
  kind: 'answer',
  req,
  result,
});

describe('serial-data', () => {
  it('is a safety property', () => {
    expect(serialData).toMatchObject({ name: 'serial-data', kind: 'safety' });
  });

  it('holds when the values answered on each item form a chain, whatever the answer order', () => {
    const history: History = [
      invoke('r0', 'x'),
      invoke('r1', 'x'),
      invoke('r2', 'y'),
      invoke('r3', null),
      answer('r1', 'ABC'),
      answer('r2', 'Q'),
      answer('r0', 'AB'),
      answer('r3', 'Z'),
    ];
    expect(checkSerialData(history)).toBeNull();
  });

  it('is violated by two values built on the same earlier one (a lost update)', () => {
    const v = checkSerialData([
      invoke('r0', 'x'),
      invoke('r1', 'x'),
      answer('r0', 'AB'),
      answer('r1', 'C'),
    ]);
    expect(v).toMatchObject({ property: 'serial-data', messages: ['r0', 'r1'] });
    expect(v?.message).toBe('r0 and r1 on x answered "AB" and "C": no serial order gives both');
  });

  it('is violated by two requests answered the same value', () => {
    const history = [invoke('r0', 'x'), invoke('r1', 'x'), answer('r0', 'A'), answer('r1', 'A')];
    expect(checkSerialData(history)).not.toBeNull();
  });

  it('ignores requests on other items and pure requests', () => {
    const history = [invoke('r0', 'x'), invoke('r1', 'y'), answer('r0', 'A'), answer('r1', 'B')];
    expect(checkSerialData(history)).toBeNull();
  });
});
