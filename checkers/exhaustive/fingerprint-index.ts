/** A slot's value when the slot is empty. */
const EMPTY = -1;
/** A slot's value when its fingerprint is stored but not numbered yet (`add`, then `put`). */
const UNNUMBERED = -2;

/**
 * A map from 64-bit world fingerprints to state numbers: open addressing over one Int32Array of
 * (high half, low half, value) triples, side by side so a probe touches one cache line (mostly),
 * linear probing, doubling at 70% full. The liveness graph numbers every world with it
 * (fair-cycles.ts), far faster and smaller than a `Map` keyed by strings. A search that records
 * that graph stores its worlds here too, instead of in a `FingerprintStore` beside it: it adds a
 * successor's fingerprint when it looks it up (`add`), and numbers it a moment later (`put`).
 */
export class FingerprintIndex {
  private table = FingerprintIndex.empty(1 << 16);
  private mask = (1 << 16) - 1;
  private count = 0;

  /** Entries stored. */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** The number stored for a fingerprint; -1 if it is not stored, -2 if it is not numbered yet. */
  get(hi: number, lo: number): number {
    return this.table[3 * this.slot(hi, lo) + 2]!;
  }

  /** Stores a fingerprint, not numbered yet, as a store does: true if it was not there before. */
  add(hi: number, lo: number): boolean {
    const i = this.slot(hi, lo);
    if (this.table[3 * i + 2] !== EMPTY) return false;
    this.fill(i, hi, lo, UNNUMBERED);
    return true;
  }

  /** Gives a fingerprint its number (at least 0), storing it first if it is not stored. */
  put(hi: number, lo: number, value: number): void {
    const i = this.slot(hi, lo);
    if (this.table[3 * i + 2] === EMPTY) this.fill(i, hi, lo, value);
    else this.table[3 * i + 2] = value;
  }

  /** The slot holding a fingerprint, or the empty slot where it would go. */
  private slot(hi: number, lo: number): number {
    const t = this.table;
    const mask = this.mask;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      if (t[3 * i + 2] === EMPTY || (t[3 * i] === hi && t[3 * i + 1] === lo)) return i;
    }
  }

  /** Fills empty slot `i`, growing the table when it is 70% full. */
  private fill(i: number, hi: number, lo: number, value: number): void {
    const t = this.table;
    t[3 * i] = hi;
    t[3 * i + 1] = lo;
    t[3 * i + 2] = value;
    if (++this.count > this.mask * 0.7) this.grow();
  }

  /** A table of `slots` empty slots. */
  private static empty(slots: number): Int32Array {
    return new Int32Array(3 * slots).fill(EMPTY);
  }

  private grow(): void {
    const old = this.table;
    const slots = (old.length / 3) * 2;
    const t = FingerprintIndex.empty(slots);
    const mask = slots - 1;
    for (let j = 0; j < old.length; j += 3) {
      if (old[j + 2] === EMPTY) continue;
      let i = old[j + 1]! & mask;
      while (t[3 * i + 2] !== EMPTY) i = (i + 1) & mask;
      t[3 * i] = old[j]!;
      t[3 * i + 1] = old[j + 1]!;
      t[3 * i + 2] = old[j + 2]!;
    }
    this.table = t;
    this.mask = mask;
  }
}
