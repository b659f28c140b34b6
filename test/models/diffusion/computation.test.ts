import { describe, expect, it } from 'vitest';
import { compute, slices } from '../../../models/diffusion/computation.ts';

describe('the diffusion computation', () => {
  it('cuts an input into contiguous slices whose results concatenate to the whole', () => {
    expect(slices('abcde', 2)).toEqual(['abc', 'de']);
    expect(slices('ab', 5)).toEqual(['a', 'b']);
    expect(slices('', 3)).toEqual(['']);
    expect(slices('abc', 3).map(compute).join('')).toBe(compute('abc'));
  });

  it('shows a wrong combination: out of order, missing or repeated parts differ', () => {
    const parts = slices('abc', 3).map(compute);
    const whole = compute('abc');
    expect([parts[1], parts[0], parts[2]].join('')).not.toBe(whole);
    expect(parts.slice(1).join('')).not.toBe(whole);
    expect([...parts, parts[2]].join('')).not.toBe(whole);
  });
});
