import { describe, expect, it } from 'vitest';
import { serialTime, simulate, type SimSetting } from '../../../experiments/diffusion/sim.ts';
import { leastLoaded, requestParts, roundRobin } from '../../../models/diffusion/policies.ts';

const base: SimSetting = {
  policy: roundRobin,
  requests: ['abcd', 'ef', 'ghijkl', 'mn'],
  split: 2,
  slowness: [1, 1],
  crashes: [[], []],
  repair: 50,
  latency: 1,
  startup: 2,
  timeoutFactor: 2,
};

describe('diffusion simulator', () => {
  it('runs the serial baseline as the sum of the work', () => {
    expect(serialTime(base.requests, 2)).toBe(4 * 2 + 14);
  });

  it('answers every request with its sequential result, whole or in parts', () => {
    for (const policy of [roundRobin, leastLoaded, requestParts]) {
      const r = simulate({ ...base, policy });
      expect(r.makespan).toBeGreaterThan(0);
      expect(r.redispatches).toBe(0);
    }
  });

  it('runs the model logic: a mutant decision table gives a wrong answer, which the run refuses', () => {
    const arrivalOrder = {
      name: 'arrival-order',
      decisions: { ...requestParts.decisions, ordersParts: () => false },
    };
    expect(() => simulate({ ...base, policy: arrivalOrder, slowness: [3, 1] })).toThrow(
      /answered "[A-Z]+", not/,
    );
  });

  it('times the work: two workers halve a balanced load, plus the three message hops', () => {
    const r = simulate({ ...base, requests: ['aaaa', 'bbbb'] });
    expect(r.makespan).toBe(3 * 1 + 2 + 4);
    const one = simulate({ ...base, requests: ['aaaa', 'bbbb'], slowness: [1], crashes: [[]] });
    expect(one.makespan).toBe(3 * 1 + 2 * (2 + 4));
  });

  it('re-dispatches the work of a crashed or slow worker and still answers everything', () => {
    const crashed = simulate({ ...base, crashes: [[2], []] });
    expect(crashed.redispatches).toBeGreaterThan(0);
    // The slow worker would answer r0 at 2 + 10 × 6: the re-dispatched copy answers long before.
    const slow = simulate({ ...base, slowness: [10, 1] });
    expect(slow.redispatches).toBeGreaterThan(0);
    expect(slow.makespan).toBeLessThan(62);
    const parts = simulate({
      ...base,
      policy: requestParts,
      slowness: [10, 1],
      crashes: [[3], []],
    });
    expect(parts.redispatches).toBeGreaterThan(0);
  });
});
