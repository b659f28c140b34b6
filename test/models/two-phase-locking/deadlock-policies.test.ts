import { describe, expect, it } from 'vitest';
import {
  waitDie,
  waitForGraph,
  woundWait,
  type DeadlockPolicy,
} from '../../../models/two-phase-locking/deadlock-policies.ts';

/** A policy's decisions: a younger and an older requester dying, wounding; reporting waits. */
const decide = (p: DeadlockPolicy) => [
  p.dies(null, { ts: 1, holders: [0] }),
  p.dies(null, { ts: 0, holders: [1] }),
  p.wounds(null, { ts: 0, holder: 1 }),
  p.wounds(null, { ts: 1, holder: 0 }),
  p.reportsWaits(null),
];

describe('deadlock policies', () => {
  it('wait-for graph: everybody waits, and every wait is reported', () => {
    expect(decide(waitForGraph)).toEqual([false, false, false, false, true]);
  });

  it('wait-die: a younger requester dies, an older one waits', () => {
    expect(decide(waitDie)).toEqual([true, false, false, false, false]);
    expect(waitDie.dies(null, { ts: 1, holders: [2, 0] })).toBe(true);
    expect(waitDie.dies(null, { ts: 1, holders: [] })).toBe(false);
  });

  it('wound-wait: an older requester wounds a younger holder, a younger one waits', () => {
    expect(decide(woundWait)).toEqual([false, false, true, false, false]);
  });
});
