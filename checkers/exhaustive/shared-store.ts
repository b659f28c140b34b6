/**
 * The fingerprint store shared by parallel workers: a fixed-size open-addressing table of 64-bit
 * fingerprints in a `SharedArrayBuffer`, so each state is stored (and expanded) by exactly one
 * worker. It cannot grow while workers run; it is sized up front and reports itself full at 90%
 * load.
 *
 * A slot is two 32-bit words, the halves side by side as in `FingerprintStore`, and is claimed
 * without a lock: a worker claims an empty slot's low word with `Atomics.compareExchange`, then
 * writes the high word. Another worker that finds the same low word there waits (a few
 * instructions) for the high word before it compares. A word of 0 means "not written yet", so a
 * half that is 0 is stored as 1: two fingerprints that differ only in that way share a slot,
 * a chance of about 2^-31 for a given state, far below the table's own collision chance (and only
 * with `--workers`). Plain 32-bit words rather than 64-bit ones: a `BigInt64Array` made a `BigInt`
 * per probe and cost four times the time of `FingerprintStore` per probe.
 */
export class SharedFingerprintStore {
  /** Slot `i` is `table[2i]` (high half) and `table[2i + 1]` (low half, claimed first). */
  private readonly table: Int32Array;
  private readonly counters: Int32Array;
  private readonly mask: number;
  private readonly limit: number;

  private constructor(
    /** The table's memory, to hand to workers. */
    readonly buffer: SharedArrayBuffer,
    /** Shared counters: [stored states]. */
    readonly counterBuffer: SharedArrayBuffer,
  ) {
    this.table = new Int32Array(buffer);
    this.counters = new Int32Array(counterBuffer);
    const slots = this.table.length / 2;
    this.mask = slots - 1;
    this.limit = Math.floor(slots * 0.9);
  }

  /** A new store with room for `capacity` slots (rounded up to a power of two). */
  static create(capacity: number): SharedFingerprintStore {
    let size = 1024;
    while (size < capacity) size *= 2;
    return new SharedFingerprintStore(new SharedArrayBuffer(size * 8), new SharedArrayBuffer(4));
  }

  /** The same store, seen from another thread. */
  static attach(
    buffer: SharedArrayBuffer,
    counterBuffer: SharedArrayBuffer,
  ): SharedFingerprintStore {
    return new SharedFingerprintStore(buffer, counterBuffer);
  }

  /** States stored by every thread. */
  get size(): number {
    return Atomics.load(this.counters, 0);
  }

  /** Bytes of the table. */
  get bytes(): number {
    return this.buffer.byteLength;
  }

  /** Slots in the table. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Whether the table is too full to go on. */
  get full(): boolean {
    return this.size >= this.limit;
  }

  /** Adds a fingerprint; true if this call stored it (no other thread had). */
  add(hi: number, lo: number): boolean {
    const h = hi === 0 ? 1 : hi | 0;
    const l = lo === 0 ? 1 : lo | 0;
    const t = this.table;
    const mask = this.mask;
    for (let i = l & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
      // A plain read: a low half goes from 0 to its value once and never changes again, so a
      // stale 0 only sends this worker to the exchange, which sees the truth.
      let seen = t[2 * i + 1]!;
      if (seen === 0) {
        seen = Atomics.compareExchange(t, 2 * i + 1, 0, l);
        if (seen === 0) {
          Atomics.store(t, 2 * i, h);
          Atomics.add(this.counters, 0, 1);
          return true;
        }
      }
      if (seen !== l) continue;
      // The slot's claimer may not have written its high half yet.
      let high = Atomics.load(t, 2 * i);
      while (high === 0) high = Atomics.load(t, 2 * i);
      if (high === h) return false;
    }
    // Searches stop at 90% load (`full`), so only a bug gets here: never probe forever.
    throw new Error('the shared fingerprint table has no free slot');
  }
}
