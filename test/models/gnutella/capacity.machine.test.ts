import { describe, expect, it } from 'vitest';
import { classOf } from '../../../models/gnutella/capacity.machine.ts';
import { gnutellaProtocol } from '../../../models/gnutella/model.ts';
import { guidOf, originOf } from '../../../models/gnutella/servent-logic.ts';
import { costRange } from './cost.ts';

describe('capacity matching by pong filtering', () => {
  it('reads the Ping’s originator from its GUID and a class, 1 by default', () => {
    expect(originOf(guidOf(3, 7))).toBe(3);
    expect(originOf(guidOf(300, 0))).toBe(300);
    expect(classOf([1, 0], 1)).toBe(0);
    expect(classOf([1, 0], 3)).toBe(1);
  });

  it('saves the Pongs of hosts of another class: 1 where flooding sends 2', () => {
    const square = gnutellaProtocol.definition.bounded(4);
    expect(costRange('gnutella', square, ['Pong'])).toEqual({ min: 2, max: 2 });
    expect(costRange('capacity-matching', square, ['Pong'])).toEqual({ min: 1, max: 1 });
  });

  it('refuses classes out of range and more classes than servents', () => {
    const base = gnutellaProtocol.definition.bounded(4);
    const messages = (classes: number[]) => {
      const parsed = gnutellaProtocol.paramsSchema.safeParse({ ...base, classes });
      return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join('; ');
    };
    expect(messages([1, 0, 3, 2])).toBe('ok');
    expect(messages([4])).toBe('a bandwidth class is 0 (modem) to 3 (T1)');
    expect(messages([1, 1, 1, 1, 1])).toBe('at most one bandwidth class per servent');
  });
});
