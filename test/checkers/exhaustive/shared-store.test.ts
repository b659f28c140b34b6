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

  it('starts small and doubles at 70% when synced, up to its maximum, losing nothing', () => {
    const store = SharedFingerprintStore.create(1 << 18);
    expect(store.capacity).toBe(1 << 16);
    const count = 150_000;
    const fps = fingerprints(count);
    const capacities = [store.capacity];
    let refused = 0;
    for (let i = 0; i < count; i++) {
      if (!store.add(fps[2 * i]!, fps[2 * i + 1]!)) refused++;
      // Only a sync doubles it: the add that crosses 70% asks.
      const before = store.capacity;
      expect(store.sync(() => false)).toBe(false);
      if (store.capacity !== before) {
        expect(i + 1).toBe(Math.floor(0.7 * before));
        capacities.push(store.capacity);
      }
    }
    expect(refused).toBe(0);
    expect(capacities).toEqual([1 << 16, 1 << 17, 1 << 18]);
    expect(store.bytes).toBe(8 << 18);
    let again = 0;
    for (let i = 0; i < count; i++) if (store.add(fps[2 * i]!, fps[2 * i + 1]!)) again++;
    expect(again).toBe(0);
    expect(store.size).toBe(count);
    // At its maximum it asks no more, and is full at 90%.
    expect(store.full).toBe(false);
    for (let i = 0; store.size < Math.floor(0.9 * (1 << 18)); i++) store.add(-1 - i, i * 7);
    store.sync(() => false);
    expect(store.capacity).toBe(1 << 18);
    expect(store.full).toBe(true);
  });

  it('waits at a doubling for every thread taking part, until one says stop', () => {
    const store = SharedFingerprintStore.create(1 << 17);
    const other = SharedFingerprintStore.attach(store.buffer, store.counterBuffer);
    other.join();
    const fps = fingerprints(Math.floor(0.7 * (1 << 16)));
    for (let i = 0; i < fps.length / 2; i++) store.add(fps[2 * i]!, fps[2 * i + 1]!);
    // The other thread never arrives: this one waits until told to stop, and doubles nothing.
    let asked = 0;
    expect(store.sync(() => ++asked === 3)).toBe(true);
    expect(store.capacity).toBe(1 << 16);
    // Once the other leaves, this one is the last to arrive and doubles.
    other.leave();
    expect(store.sync(() => false)).toBe(false);
    expect(store.capacity).toBe(1 << 17);
  });

  it('waits only for threads that joined; one that joins later sees the doubled table', () => {
    const store = SharedFingerprintStore.create(1 << 17);
    const late = SharedFingerprintStore.attach(store.buffer, store.counterBuffer);
    const fps = fingerprints(Math.floor(0.7 * (1 << 16)));
    for (let i = 0; i < fps.length / 2; i++) store.add(fps[2 * i]!, fps[2 * i + 1]!);
    expect(store.sync(() => true)).toBe(false);
    expect(store.capacity).toBe(1 << 17);
    late.join();
    expect(late.capacity).toBe(1 << 17);
    expect(late.add(fps[0]!, fps[1]!)).toBe(false);
  });

  it('doubles on leaving when the leaver was all a doubling waited for', () => {
    const store = SharedFingerprintStore.create(1 << 17);
    const fps = fingerprints(Math.floor(0.7 * (1 << 16)));
    for (let i = 0; i < fps.length / 2; i++) store.add(fps[2 * i]!, fps[2 * i + 1]!);
    store.leave();
    const view = SharedFingerprintStore.attach(store.buffer, store.counterBuffer);
    expect(view.capacity).toBe(1 << 17);
    expect(view.add(fps[0]!, fps[1]!)).toBe(false);
  });

  it('under two threads adding the same fingerprints at once, doubling as they go, stores each exactly once', async () => {
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
    // The racers take part from when they start; this thread no more.
    store.leave();
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
    // Both did win some: the adds did overlap. And the table doubled three times meanwhile.
    expect(a!.length).toBeGreaterThan(0);
    expect(b!.length).toBeGreaterThan(0);
    const view = SharedFingerprintStore.attach(store.buffer, store.counterBuffer);
    expect(view.capacity).toBe(1 << 19);
    for (let i = 0; i < count; i++) expect(view.add(fps[2 * i]!, fps[2 * i + 1]!)).toBe(false);
  });
});
