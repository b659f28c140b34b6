/**
 * The visited-state store: 64-bit fingerprints in an open-addressing hash table of two Int32Arrays
 * (high and low halves), linear probing, doubling when 70% full. Unlike a JS `Set`, which stops at
 * 16,777,216 entries, it grows as far as memory allows, at 8 bytes per slot (between about 11 and 23
 * bytes per stored state, depending on where the table is in its growth cycle).
 */
export class FingerprintStore {
  private hi: Int32Array;
  private lo: Int32Array;
  private mask: number;
  private count = 0;
  private limit: number;

  /** @param capacity initial slots (rounded up to a power of two). */
  constructor(capacity = 1 << 16) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.mask = size - 1;
    this.limit = Math.floor(size * 0.7);
  }

  /** How many fingerprints are stored. */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength;
  }

  /** Slots in the table. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Adds a fingerprint; true if it was not there before. (0,0) marks an empty slot, so it is stored as (0,1). */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    let i = this.slot(hi, lo);
    const H = this.hi;
    const L = this.lo;
    for (;;) {
      const h = H[i]!;
      const l = L[i]!;
      if (h === 0 && l === 0) break;
      if (h === hi && l === lo) return false;
      i = (i + 1) & this.mask;
    }
    H[i] = hi;
    L[i] = lo;
    if (++this.count > this.limit) this.grow();
    return true;
  }

  /** Whether a fingerprint is stored. */
  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    for (let i = this.slot(hi, lo); ; i = (i + 1) & this.mask) {
      const h = this.hi[i]!;
      const l = this.lo[i]!;
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
    }
  }

  // Fingerprints are finished hashes already: their low bits are as good as any.
  private slot(_hi: number, lo: number): number {
    return lo & this.mask;
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    const size = oldHi.length * 2;
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.mask = size - 1;
    this.limit = Math.floor(size * 0.7);
    for (let j = 0; j < oldHi.length; j++) {
      const h = oldHi[j]!;
      const l = oldLo[j]!;
      if (h === 0 && l === 0) continue;
      let i = this.slot(h, l);
      while (this.hi[i] !== 0 || this.lo[i] !== 0) i = (i + 1) & this.mask;
      this.hi[i] = h;
      this.lo[i] = l;
    }
  }
}

/**
 * The chance that two distinct states shared a fingerprint during a search, as TLC estimates it
 * ("calculated (optimistic)"): with `distinct` states stored and `generated` successors looked up,
 * each lookup of a new state could have hit any stored fingerprint: about
 * distinct × (generated − distinct) / 2^64.
 */
export function collisionProbability(distinct: number, generated: number): number {
  return Math.min(1, (distinct * Math.max(0, generated - distinct)) / 2 ** 64);
}
