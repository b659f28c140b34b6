import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SharedFingerprintStore } from '../../../checkers/exhaustive/shared-store.ts';
import type { RacerInput } from './fixtures/shared-store-racer.ts';

/**
 * `count` fingerprints that share low halves in pairs (so probes run into each other's slots),
 * the low halves kept to `lowBits` bits.
 */
function fingerprints(count: number, lowBits = 32): Int32Array {
  const out = new Int32Array(2 * count);
  const lowMask = lowBits === 32 ? -1 : (1 << lowBits) - 1;
  for (let i = 0; i < count; i++) {
    out[2 * i] = Math.imul(i + 1, 0x9e3779b1);
    out[2 * i + 1] = Math.imul(i >> 1, 0x85ebca6b) & lowMask;
  }
  return out;
}

describe('SharedFingerprintStore', () => {
  it('adds each fingerprint once, and another view of the same memory sees it', () => {
    const store = SharedFingerprintStore.create(16);
    expect(store.add(1, 2)).toBe(true);
    expect(store.add(1, 2)).toBe(false);
    expect(store.add(2, 2)).toBe(true);
    expect(store.add(-7, 2)).toBe(true);
    const other = SharedFingerprintStore.attach(store.buffer, store.counterBuffer);
    expect(other.add(2, 2)).toBe(false);
    expect(other.add(-7, 2)).toBe(false);
    expect(other.size).toBe(3);
    expect(store.size).toBe(3);
  });

  it('stores halves of 0 (its "not written" marker) as 1', () => {
    const store = SharedFingerprintStore.create(16);
    expect(store.add(0, 0)).toBe(true);
    expect(store.add(1, 1)).toBe(false);
    expect(store.add(0, 5)).toBe(true);
    expect(store.add(1, 5)).toBe(false);
    expect(store.add(5, 0)).toBe(true);
    expect(store.add(5, 1)).toBe(false);
    expect(store.size).toBe(3);
  });

  it('keeps colliding fingerprints apart and says when it is full', () => {
    const store = SharedFingerprintStore.create(1024);
    expect(store.capacity).toBe(1024);
    expect(store.bytes).toBe(8 * 1024);
    const fps = fingerprints(920, 12);
    for (let i = 0; i < 920; i++) expect(store.add(fps[2 * i]!, fps[2 * i + 1]!)).toBe(true);
    for (let i = 0; i < 920; i++) expect(store.add(fps[2 * i]!, fps[2 * i + 1]!)).toBe(false);
    expect(store.full).toBe(false);
    expect(store.add(123, 456)).toBe(true);
    expect(store.full).toBe(true);
  });

  it('under two threads adding the same fingerprints at once, stores each exactly once', async () => {
    const count = 200_000;
    const store = SharedFingerprintStore.create(count / 0.7);
    const fps = fingerprints(count);
    const go = new SharedArrayBuffer(8);
    const module = new URL('./fixtures/shared-store-racer.ts', import.meta.url).href;
    const boot = new URL('../../../checkers/exhaustive/worker-boot.js', import.meta.url);
    const race = (reverse: boolean) =>
      new Promise<number[]>((resolve, reject) => {
        const input: RacerInput = {
          module,
          store: store.buffer,
          counters: store.counterBuffer,
          go,
          fingerprints: fps,
          reverse,
        };
        const worker = new Worker(boot, { workerData: input });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    const racers = [race(false), race(true)];
    const flags = new Int32Array(go);
    // Start them together once both are waiting.
    while (Atomics.load(flags, 1) < 2) await new Promise((r) => setTimeout(r, 5));
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
    const [a, b] = await Promise.all(racers);
    const won = [...a!, ...b!].sort((x, y) => x - y);
    expect(won).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(store.size).toBe(count);
    // Both did win some: the adds did overlap.
    expect(a!.length).toBeGreaterThan(0);
    expect(b!.length).toBeGreaterThan(0);
  });
});
