import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SharedFingerprintStore } from '../../../checkers/exhaustive/shared-store.ts';
import {
  collisionProbability,
  FingerprintStore,
  kept,
} from '../../../checkers/exhaustive/store.ts';

describe('FingerprintStore', () => {
  it('adds each fingerprint once', () => {
    const store = new FingerprintStore(16);
    expect(store.add(1, 2)).toBe(true);
    expect(store.add(1, 2)).toBe(false);
    expect(store.add(2, 1)).toBe(true);
    expect(store.size).toBe(2);
    expect(store.has(1, 2)).toBe(true);
    expect(store.has(3, 3)).toBe(false);
  });

  it('survives growth: every fingerprint added before is still there, and only those', () => {
    const store = new FingerprintStore(16);
    const n = 200_000;
    for (let i = 0; i < n; i++) expect(store.add(i * 7919, Math.imul(i, 0x9e3779b1))).toBe(true);
    expect(store.size).toBe(n);
    expect(store.capacity).toBeGreaterThan(n);
    for (let i = 0; i < n; i += 997)
      expect(store.has(i * 7919, Math.imul(i, 0x9e3779b1))).toBe(true);
    expect(store.has(-1, -1)).toBe(false);
    expect(store.bytes / store.size).toBeLessThan(24);
  });

  it('grows past what a JS Set can hold (16,777,216 entries)', () => {
    const store = new FingerprintStore(1 << 24);
    const n = (1 << 24) + 1000;
    for (let i = 0; i < n; i++) store.add(i, Math.imul(i + 1, 0x9e3779b1));
    expect(store.size).toBe(n);
    expect(store.has(n - 1, Math.imul(n, 0x9e3779b1))).toBe(true);
  });

  test.prop([fc.array(fc.tuple(fc.integer(), fc.integer()), { maxLength: 500 })])(
    'agrees with a Set of the same fingerprints',
    (fps) => {
      const store = new FingerprintStore(16);
      const set = new Set<string>();
      for (const [hi, lo] of fps) {
        const key = `${hi || 1},${lo || 1}`;
        expect(store.add(hi, lo)).toBe(!set.has(key));
        expect(store.has(hi, lo)).toBe(true);
        set.add(key);
      }
      expect(store.size).toBe(set.size);
    },
  );
});

describe.each([
  ['FingerprintStore', () => new FingerprintStore(16)],
  ['SharedFingerprintStore', () => SharedFingerprintStore.create(16)],
])('%s', (_, make) => {
  it('keeps a half of 0 (its empty-slot marker) as 1, as `kept` says', () => {
    const store = make();
    expect(kept(0)).toBe(1);
    expect(store.add(0, 0)).toBe(true);
    expect(store.add(1, 1)).toBe(false);
    expect(store.add(7, 0)).toBe(true);
    expect(store.add(7, 1)).toBe(false);
    expect(store.add(0, 7)).toBe(true);
    expect(store.add(1, 7)).toBe(false);
    expect(store.size).toBe(3);
  });
});

describe('collisionProbability', () => {
  it('is TLC-style distinct × (generated − distinct) / 2^64', () => {
    expect(collisionProbability(1e6, 5e6)).toBeCloseTo((1e6 * 4e6) / 2 ** 64, 20);
    expect(collisionProbability(10, 10)).toBe(0);
    expect(collisionProbability(2 ** 40, 2 ** 41)).toBe(1);
  });
});
