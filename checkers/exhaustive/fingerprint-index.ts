/**
 * A map from 64-bit world fingerprints to state numbers: open addressing over three Int32Arrays
 * (high half, low half, value), linear probing, doubling at 70% full. The fair-cycle pass numbers
 * every world of the graph with it, far faster and smaller than a `Map` keyed by strings.
 */
export class FingerprintIndex {
  private hi = new Int32Array(1 << 16);
  private lo = new Int32Array(1 << 16);
  private value = new Int32Array(1 << 16).fill(-1);
  private mask = (1 << 16) - 1;
  private count = 0;

  /** Entries stored. */
  get size(): number {
    return this.count;
  }

  /** The value stored for a fingerprint, or -1. */
  get(hi: number, lo: number): number {
    for (let i = lo & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.value[i]!;
      if (v < 0) return -1;
      if (this.hi[i] === hi && this.lo[i] === lo) return v;
    }
  }

  /** Stores `value` (at least 0) for a fingerprint not stored yet. */
  add(hi: number, lo: number, value: number): void {
    let i = lo & this.mask;
    while (this.value[i]! >= 0) i = (i + 1) & this.mask;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.value[i] = value;
    if (++this.count > this.mask * 0.7) this.grow();
  }

  private grow(): void {
    const { hi, lo, value } = this;
    const size = hi.length * 2;
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.value = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.count = 0;
    for (let j = 0; j < hi.length; j++) if (value[j]! >= 0) this.add(hi[j]!, lo[j]!, value[j]!);
  }
}
