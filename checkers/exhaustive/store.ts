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

  /** Adds a fingerprint; true if it was not there before (halves kept as `kept` says). */
  add(hi: number, lo: number): boolean {
    const h = kept(hi);
    const l = kept(lo);
    const t = this.table;
    const mask = this.mask;
    let i = l & mask;
    for (;;) {
      const seen = t[2 * i + 1]!;
      if (seen === 0) break;
      if (seen === l && t[2 * i] === h) return false;
      i = (i + 1) & mask;
    }
    t[2 * i] = h;
    t[2 * i + 1] = l;
    if (++this.count > this.limit) this.grow();
    return true;
  }

  /** Whether a fingerprint is stored. */
  has(hi: number, lo: number): boolean {
    const h = kept(hi);
    const l = kept(lo);
    const t = this.table;
    const mask = this.mask;
    for (let i = l & mask; ; i = (i + 1) & mask) {
      const seen = t[2 * i + 1]!;
      if (seen === 0) return false;
      if (seen === l && t[2 * i] === h) return true;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(2 * old.length);
    this.mask = old.length - 1; // twice the old slot count, less one
    this.limit = Math.floor(old.length * 0.7);
    refile(old, this.table, this.mask);
  }
}

/**
 * A fingerprint half as the stores keep it: a word of 0 marks an empty slot (and, in the shared
 * store, a half not written yet), so a half of 0 is kept as 1. Two fingerprints that differ only
 * that way count as one: for a given state a chance of about 2^-31, far below the chance that
 * two states share a fingerprint at all.
 */
export function kept(half: number): number {
  return half === 0 ? 1 : half | 0;
}

/**
 * Files every fingerprint of the table `old` into the empty table `into` of `mask + 1` slots (a
 * store growing): slot `i` is words `2i` (high half) and `2i + 1` (low half, 0 when empty), the
 * slot chosen by the low half's bits, then linear probing. Fingerprints are finished hashes
 * already: their low bits are as good as any.
 */
export function refile(old: Int32Array, into: Int32Array, mask: number): void {
  for (let j = 0; j < old.length; j += 2) {
    const l = old[j + 1]!;
    if (l === 0) continue;
    let i = l & mask;
    while (into[2 * i + 1] !== 0) i = (i + 1) & mask;
    into[2 * i] = old[j]!;
    into[2 * i + 1] = l;
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
