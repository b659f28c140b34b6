import { describe, expect, it } from 'vitest';
import {
  leastLoaded,
  machineGuards,
  requestParts,
  roundRobin,
} from '../../../models/diffusion/policies.ts';

const choice = { candidate: 1, best: 0, loads: [0, 2, 1], next: 1, workers: 3 };

describe('diffusion policies', () => {
  it('round-robin prefers the worker next in turn, whatever the loads', () => {
    expect(roundRobin.decisions.prefers(choice)).toBe(true);
    expect(roundRobin.decisions.prefers({ ...choice, next: 0 })).toBe(false);
    expect(roundRobin.decisions.splits({ req: 'r0' })).toBe(false);
  });

  it('least-loaded prefers fewer outstanding parts, ties to the lower index', () => {
    expect(leastLoaded.decisions.prefers(choice)).toBe(false);
    expect(leastLoaded.decisions.prefers({ ...choice, candidate: 2, best: 1 })).toBe(true);
    expect(leastLoaded.decisions.prefers({ ...choice, loads: [1, 1, 1] })).toBe(false);
  });

  it('request parts splits every request and places parts least-loaded', () => {
    expect(requestParts.decisions.splits({ req: 'r0' })).toBe(true);
    expect(requestParts.decisions.prefers).toBe(leastLoaded.decisions.prefers);
  });

  it('turns a decision table into machine guards that answer from their params', () => {
    const guards = machineGuards({ keyBusy: ({ busy }) => busy });
    expect(Object.keys(guards)).toEqual(['keyBusy']);
    expect(guards.keyBusy!(undefined, { key: 'x', busy: true } as never)).toBe(true);
  });
});
