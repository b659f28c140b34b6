import { describe, expect, it } from 'vitest';
import { FingerprintIndex } from '../../../checkers/exhaustive/fingerprint-index.ts';

describe('FingerprintIndex', () => {
  it('maps fingerprints to values across growth, -1 for the unknown', () => {
    const index = new FingerprintIndex();
    for (let i = 0; i < 200_000; i++) index.put(Math.imul(i, 0x9e3779b1), i * 31, i);
    expect(index.size).toBe(200_000);
    for (const i of [0, 1, 65_535, 65_536, 199_999])
      expect(index.get(Math.imul(i, 0x9e3779b1), i * 31)).toBe(i);
    expect(index.get(1, 2)).toBe(-1);
  });

  it('keeps apart fingerprints that share a low half', () => {
    const index = new FingerprintIndex();
    index.put(1, 7, 10);
    index.put(2, 7, 20);
    expect([index.get(1, 7), index.get(2, 7), index.get(3, 7)]).toEqual([10, 20, -1]);
  });

  it('stores as a store does, then numbers what it stored, across growth', () => {
    const index = new FingerprintIndex();
    for (let i = 0; i < 100_000; i++) expect(index.add(Math.imul(i, 0x9e3779b1), i)).toBe(true);
    expect(index.add(0, 0)).toBe(false);
    expect(index.get(Math.imul(5, 0x9e3779b1), 5)).toBe(-2);
    for (let i = 0; i < 100_000; i++) index.put(Math.imul(i, 0x9e3779b1), i, 3 * i);
    expect(index.size).toBe(100_000);
    expect(index.get(Math.imul(99_999, 0x9e3779b1), 99_999)).toBe(299_997);
  });
});
