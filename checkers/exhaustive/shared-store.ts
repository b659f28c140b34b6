import { kept, refile } from './store.ts';

/**
 * Control words: states stored, lock, epoch, doubling asked (1) or under way (2), arrivals,
 * threads taking part, slots.
 */
const COUNT = 0;
const LOCK = 1;
const EPOCH = 2;
const REQUEST = 3;
const ARRIVED = 4;
const LIVE = 5;
const SLOTS = 6;
const CONTROL_WORDS = 7;
/** Slots a store starts with (or its maximum, if smaller). */
const INITIAL_SLOTS = 1 << 16;

/**
 * The fingerprint store shared by parallel workers: an open-addressing table of 64-bit
 * fingerprints in a growable `SharedArrayBuffer`, so each state is stored (and expanded) by
 * exactly one worker.
 *
 * A slot is two 32-bit words, the halves side by side as in `FingerprintStore`, and is claimed
 * without a lock: a worker claims an empty slot's low word with `Atomics.compareExchange`, then
 * writes the high word. Another worker that finds the same low word there waits (a few
 * instructions) for the high word before it compares (a word of 0 is "not written yet": halves
 * are kept as store.ts `kept` says, as in the one-thread store). Plain 32-bit words rather than
 * 64-bit ones: a `BigInt64Array` made a `BigInt` per probe and cost four times the time of
 * `FingerprintStore` per probe.
 *
 * The table starts at 65,536 slots and doubles, up to the maximum it was created with, when 70%
 * full: the add that crosses the mark asks, each thread joins in at its next `sync` (between
 * adds), and the last to arrive rehashes while the others wait. A table sized for its maximum up
 * front (256 MB by default) was paid for page by page as random probes first touched it: on this
 * machine's virtual memory, a second more than the search itself for a million states.
 */
export class SharedFingerprintStore {
  /**
   * Slot `i` is `table[2i]` (high half) and `table[2i + 1]` (low half, claimed first). A view of
   * fixed length, made again after each doubling: one that tracks the buffer's length was six
   * times slower to index.
   */
  private table: Int32Array;
  private readonly control: Int32Array;
  private readonly maxSlots: number;
  private mask = 0;
  /** The count whose add asks for a doubling (none once the table is at its maximum). */
  private growAt = 0;
  /** 90% of the slots: full. */
  private limit = 0;

  private constructor(
    /** The table's memory, to hand to workers. */
    readonly buffer: SharedArrayBuffer,
    /** The shared control words (count, doubling rendezvous), to hand to workers. */
    readonly counterBuffer: SharedArrayBuffer,
  ) {
    this.table = new Int32Array(0);
    this.control = new Int32Array(counterBuffer);
    this.maxSlots = buffer.maxByteLength / 8;
    this.refresh();
  }

  /**
   * A new store that may grow to `capacity` slots (rounded up to a power of two). The thread
   * that creates it takes part (until it calls `leave`); others `join`.
   */
  static create(capacity: number): SharedFingerprintStore {
    let max = 1024;
    while (max < capacity) max *= 2;
    const slots = Math.min(max, INITIAL_SLOTS);
    const buffer = new SharedArrayBuffer(slots * 8, { maxByteLength: max * 8 });
    const control = new SharedArrayBuffer(CONTROL_WORDS * 4);
    const words = new Int32Array(control);
    words[SLOTS] = slots;
    words[LIVE] = 1;
    return new SharedFingerprintStore(buffer, control);
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
    return Atomics.load(this.control, COUNT);
  }

  /** Bytes of the table now. */
  get bytes(): number {
    return this.buffer.byteLength;
  }

  /** Slots in the table now. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Whether the table is too full to go on (90%: at its maximum, or not doubled in time). */
  get full(): boolean {
    return this.size >= this.limit;
  }

  /** Adds a fingerprint; true if this call stored it (no other thread had). */
  add(hi: number, lo: number): boolean {
    const h = kept(hi);
    const l = kept(lo);
    const t = this.table;
    const mask = this.mask;
    for (let i = l & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
      // A plain read: a low half goes from 0 to its value once and never changes again (between
      // doublings, which no add overlaps), so a stale 0 only sends this thread to the exchange,
      // which sees the truth.
      let seen = t[2 * i + 1]!;
      if (seen === 0) {
        seen = Atomics.compareExchange(t, 2 * i + 1, 0, l);
        if (seen === 0) {
          Atomics.store(t, 2 * i, h);
          if (Atomics.add(this.control, COUNT, 1) + 1 === this.growAt)
            Atomics.compareExchange(this.control, REQUEST, 0, 1);
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

  /**
   * Joins a doubling if one was asked for: every thread that adds calls this between adds (after
   * each new state). Returns true if `halted` said stop while this thread waited.
   */
  sync(halted: () => boolean): boolean {
    return this.control[REQUEST] !== 0 && this.rendezvous(halted);
  }

  /**
   * This thread (not the creating one) takes part from now on: doublings wait for it, and it
   * calls `sync` between adds and `leave` when done. Joining during a doubling waits for its end.
   */
  join(): void {
    const c = this.control;
    this.lock();
    const epoch = c[EPOCH]!;
    const doubling = c[REQUEST] === 2;
    c[LIVE]!++;
    this.unlock();
    if (doubling) while (Atomics.load(c, EPOCH) === epoch) Atomics.wait(c, EPOCH, epoch, 50);
    this.refresh();
  }

  /**
   * This thread adds no more: doublings stop waiting for it (one it asked for, or that waited
   * only for it, is done first).
   */
  leave(): void {
    const c = this.control;
    this.lock();
    c[LIVE]!--;
    const last = c[REQUEST] === 1 && c[ARRIVED]! >= c[LIVE]!;
    if (last) c[REQUEST] = 2;
    this.unlock();
    if (last) this.double();
  }

  private rendezvous(halted: () => boolean): boolean {
    const c = this.control;
    this.lock();
    const epoch = c[EPOCH]!;
    const request = c[REQUEST]!;
    let last = false;
    if (request === 1) {
      last = ++c[ARRIVED]! >= c[LIVE]!;
      if (last) c[REQUEST] = 2;
    }
    this.unlock();
    if (request === 0) {
      this.refresh();
      return false;
    }
    if (last) {
      this.double();
      return false;
    }
    while (Atomics.load(c, EPOCH) === epoch) {
      Atomics.wait(c, EPOCH, epoch, 50);
      if (!halted()) continue;
      // Stopping: no longer counted as waiting, so a doubling cannot start while a thread that
      // has not arrived is still adding.
      this.lock();
      if (Atomics.load(c, EPOCH) === epoch && c[REQUEST] === 1) c[ARRIVED]!--;
      this.unlock();
      return true;
    }
    this.refresh();
    return false;
  }

  /** Doubles the table (if below its maximum) and lets the waiting threads go: one thread alone. */
  private double(): void {
    const c = this.control;
    const slots = this.mask + 1;
    if (2 * slots <= this.maxSlots) {
      const old = this.table.slice(0, 2 * slots);
      this.buffer.grow(16 * slots);
      const t = new Int32Array(this.buffer, 0, 4 * slots);
      t.fill(0, 0, 2 * slots);
      refile(old, t, 2 * slots - 1);
      c[SLOTS] = 2 * slots;
    }
    this.lock();
    c[REQUEST] = 0;
    c[ARRIVED] = 0;
    Atomics.add(c, EPOCH, 1);
    this.unlock();
    Atomics.notify(c, EPOCH);
    this.refresh();
  }

  /** Reads the table's size after a doubling. */
  private refresh(): void {
    const slots = Atomics.load(this.control, SLOTS);
    if (this.table.length !== 2 * slots) this.table = new Int32Array(this.buffer, 0, 2 * slots);
    this.mask = slots - 1;
    this.growAt = 2 * slots <= this.maxSlots ? Math.floor(slots * 0.7) : -1;
    this.limit = Math.floor(slots * 0.9);
  }

  private lock(): void {
    while (Atomics.compareExchange(this.control, LOCK, 0, 1) !== 0);
  }

  private unlock(): void {
    Atomics.store(this.control, LOCK, 0);
  }
}
