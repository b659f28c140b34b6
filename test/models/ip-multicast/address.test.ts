import { describe, expect, it } from 'vitest';
import {
  groupProblem,
  isLinkLocal,
  needed,
  parents,
} from '../../../models/ip-multicast/address.ts';
import { ring } from '../../../models/ip-multicast/model.ts';

describe('group addresses', () => {
  it('accepts class D (224.0.0.0/4) and refuses the rest with a clear message', () => {
    expect(groupProblem('224.0.0.1')).toBeNull();
    expect(groupProblem('239.255.255.255')).toBeNull();
    expect(groupProblem('240.0.0.1')).toMatch(/not a class-D group address/);
    expect(groupProblem('10.0.0.1')).toMatch(/not a class-D group address/);
    expect(groupProblem('224.0.0')).toMatch(/not a dotted-quad/);
    expect(groupProblem('224.0.0.256')).toMatch(/not a dotted-quad/);
    expect(isLinkLocal('224.0.0.9')).toBe(true);
    expect(isLinkLocal('224.0.1.9')).toBe(false);
  });
});

describe('the router graph', () => {
  it('builds the reverse-path tree and each subnet’s TTL need', () => {
    const links = ring(3);
    expect(parents(3, links)).toEqual([-1, 0, 0]);
    expect(needed(0, 3, links)).toBe(1);
    expect(needed(1, 3, links)).toBe(2);
    expect(needed(2, 3, links)).toBe(33);
  });
});
