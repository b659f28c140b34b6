import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { appendHistory, historyArray } from '../../../models/kernel/observation.ts';
import type { Observation } from '../../../models/kernel/spec.ts';

const obs = (node: number, kind: string, msg?: string): Observation =>
  msg === undefined ? { node, kind } : { node, kind, msg };

const observationArb = fc.record({
  node: fc.nat(4),
  kind: fc.constantFrom('multicast', 'deliver', 'crash'),
  msg: fc.string({ maxLength: 3 }),
});

describe('appendHistory / historyArray', () => {
  it('an empty history is null and reads as no observations', () => {
    expect(appendHistory(null, [])).toBeNull();
    expect(historyArray(null)).toEqual([]);
  });

  it('reads back appended observations oldest first, with their count', () => {
    const list = appendHistory(null, [obs(0, 'multicast', 'm0'), obs(1, 'deliver', 'm0')]);

    expect(list?.length).toBe(2);
    expect(list?.last).toEqual(obs(1, 'deliver', 'm0'));
    expect(historyArray(list)).toEqual([obs(0, 'multicast', 'm0'), obs(1, 'deliver', 'm0')]);
  });

  it('appending nothing gives back the same list', () => {
    const list = appendHistory(null, [obs(0, 'crash')]);

    expect(appendHistory(list, [])).toBe(list);
  });

  it('is persistent: appending shares the old list and leaves it unchanged', () => {
    const base = appendHistory(null, [obs(0, 'multicast', 'm0')]);

    const left = appendHistory(base, [obs(1, 'deliver', 'm0')]);
    const right = appendHistory(base, [obs(2, 'crash'), obs(0, 'deliver', 'm0')]);

    expect(left?.rest).toBe(base);
    expect(right?.rest?.rest).toBe(base);
    expect(historyArray(base)).toEqual([obs(0, 'multicast', 'm0')]);
    expect(historyArray(left)).toEqual([obs(0, 'multicast', 'm0'), obs(1, 'deliver', 'm0')]);
    expect(historyArray(right)).toEqual([
      obs(0, 'multicast', 'm0'),
      obs(2, 'crash'),
      obs(0, 'deliver', 'm0'),
    ]);
  });

  test.prop([fc.array(fc.array(observationArb, { maxLength: 4 }), { maxLength: 6 })])(
    'appending batches one after another reads back as their concatenation',
    (batches) => {
      let list = null;
      for (const batch of batches) list = appendHistory(list, batch);

      const flat = batches.flat();
      expect(historyArray(list)).toEqual(flat);
      expect(list?.length ?? 0).toBe(flat.length);
    },
  );
});
