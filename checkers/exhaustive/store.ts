/**
 * The visited-state store: 64-bit fingerprints in an open-addressing hash table, linear probing,
 * doubling when 70% full. A slot's two halves sit side by side in one Int32Array, so a probe
 * touches one cache line. Unlike a JS `Set`, which stops at 16,777,216 entries, it grows as far as
 * memory allows, at 8 bytes per slot (between about 11 and 23 bytes per stored state, depending on
 * where the table is in its growth cycle).
 */
export class FingerprintStore {
  /** Slot `i` is `table[2i]` (high half) and `table[2i + 1]` (low half): one cache line a probe. */
  private table: Int32Array;
  private mask: number;
  private count = 0;
  private limit: number;

  /** @param capacity initial slots (rounded up to a power of two). */
  constructor(capacity = 1 << 16) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    this.limit = Math.floor(size * 0.7);
  }

  /** How many fingerprints are stored. */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** Slots in the table. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Adds a fingerprint; true if it was not there before. (0,0) marks an empty slot, so it is stored as (0,1). */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const t = this.table;
    const mask = this.mask;
    let i = lo & mask;
    for (;;) {
      const h = t[2 * i]!;
      const l = t[2 * i + 1]!;
      if (h === 0 && l === 0) break;
      if (h === hi && l === lo) return false;
      i = (i + 1) & mask;
    }
    t[2 * i] = hi;
    t[2 * i + 1] = lo;
    if (++this.count > this.limit) this.grow();
    return true;
  }

  /** Whether a fingerprint is stored. */
  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const t = this.table;
    const mask = this.mask;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      const h = t[2 * i]!;
      const l = t[2 * i + 1]!;
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
    }
  }

  // Fingerprints are finished hashes already: their low bits are as good as any (the slot is
  // `lo & mask`).
  private grow(): void {
    const old = this.table;
    const size = old.length; // twice the old slot count
    const t = new Int32Array(2 * size);
    const mask = size - 1;
    for (let j = 0; j < old.length; j += 2) {
      const h = old[j]!;
      const l = old[j + 1]!;
      if (h === 0 && l === 0) continue;
      let i = l & mask;
      while (t[2 * i] !== 0 || t[2 * i + 1] !== 0) i = (i + 1) & mask;
      t[2 * i] = h;
      t[2 * i + 1] = l;
    }
    this.table = t;
    this.mask = mask;
    this.limit = Math.floor(size * 0.7);
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
