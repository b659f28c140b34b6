/**
 * The fingerprint store shared by parallel workers: a fixed-size open-addressing table of 64-bit
 * fingerprints in a `SharedArrayBuffer`, claimed with `Atomics.compareExchange`, so each state is
 * stored (and expanded) by exactly one worker. It cannot grow while workers run; it is sized up
 * front and reports itself full at 90% load.
 */
export class SharedFingerprintStore {
  private readonly table: BigInt64Array;
  private readonly counters: Int32Array;
  private readonly mask: number;
  private readonly limit: number;

  private constructor(
    /** The table's memory, to hand to workers. */
    readonly buffer: SharedArrayBuffer,
    /** Shared counters: [stored states]. */
    readonly counterBuffer: SharedArrayBuffer,
  ) {
    this.table = new BigInt64Array(buffer);
    this.counters = new Int32Array(counterBuffer);
    this.mask = this.table.length - 1;
    this.limit = Math.floor(this.table.length * 0.9);
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

  /** Whether the table is too full to go on. */
  get full(): boolean {
    return this.size >= this.limit;
  }

  /** Adds a fingerprint; true if this call stored it (no other thread had). */
  add(hi: number, lo: number): boolean {
    let key = (BigInt(hi) << 32n) | BigInt(lo >>> 0);
    if (key === 0n) key = 1n;
    for (let i = lo & this.mask, probes = 0; probes <= this.mask; i = (i + 1) & this.mask) {
      const seen = Atomics.compareExchange(this.table, i, 0n, key);
      if (seen === 0n) {
        Atomics.add(this.counters, 0, 1);
        return true;
      }
      if (seen === key) return false;
      probes++;
    }
    // Searches stop at 90% load (`full`), so only a bug gets here: never probe forever.
    throw new Error('the shared fingerprint table has no free slot');
  }
}
