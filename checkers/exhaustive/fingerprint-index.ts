/**
 * A map from 64-bit world fingerprints to state numbers: open addressing over one Int32Array of
 * (high half, low half, value) triples, side by side so a probe touches one cache line (mostly),
 * linear probing, doubling at 70% full. The fair-cycle pass numbers every world of the graph with
 * it, far faster and smaller than a `Map` keyed by strings.
 */
export class FingerprintIndex {
  private table = FingerprintIndex.empty(1 << 16);
  private mask = (1 << 16) - 1;
  private count = 0;

  /** Entries stored. */
  get size(): number {
    return this.count;
  }

  /** The value stored for a fingerprint, or -1. */
  get(hi: number, lo: number): number {
    const t = this.table;
    const mask = this.mask;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      const v = t[3 * i + 2]!;
      if (v < 0) return -1;
      if (t[3 * i] === hi && t[3 * i + 1] === lo) return v;
    }
  }

  /** Stores `value` (at least 0) for a fingerprint not stored yet. */
  add(hi: number, lo: number, value: number): void {
    const t = this.table;
    const mask = this.mask;
    let i = lo & mask;
    while (t[3 * i + 2]! >= 0) i = (i + 1) & mask;
    t[3 * i] = hi;
    t[3 * i + 1] = lo;
    t[3 * i + 2] = value;
    if (++this.count > mask * 0.7) this.grow();
  }

  /** A table of `slots` empty slots (value -1). */
  private static empty(slots: number): Int32Array {
    const t = new Int32Array(3 * slots);
    for (let i = 2; i < t.length; i += 3) t[i] = -1;
    return t;
  }

  private grow(): void {
    const old = this.table;
    const slots = (old.length / 3) * 2;
    this.table = FingerprintIndex.empty(slots);
    this.mask = slots - 1;
    this.count = 0;
    for (let j = 0; j < old.length; j += 3) {
      if (old[j + 2]! >= 0) this.add(old[j]!, old[j + 1]!, old[j + 2]!);
    }
  }
}
