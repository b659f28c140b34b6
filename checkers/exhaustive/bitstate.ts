/**
 * Spin's bitstate hashing (supertrace): a visited state sets three bits of a fixed 2^b-bit table,
 * chosen from its 64-bit fingerprint by double hashing. A state is new when one of its bits was
 * clear. It uses a fixed b/8 bytes whatever the state count (e.g. 2^27 bits = 16 MB), at the cost of
 * omissions: a new state whose three bits other states already set is wrongly taken as seen, and
 * its successors may go unexplored. Swarm verification runs many such searches with different move
 * orders, so that what one omits another reaches.
 */
export class BitstateStore {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private count = 0;

  /** A table of 2^`log2Bits` bits (16 to 32). */
  constructor(readonly log2Bits: number) {
    if (!Number.isInteger(log2Bits) || log2Bits < 16 || log2Bits > 32)
      throw new RangeError(`a bitstate table has 2^16 to 2^32 bits, not 2^${log2Bits}`);
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = log2Bits === 32 ? 0xffffffff : 2 ** log2Bits - 1;
  }

  /** States taken as new. */
  get size(): number {
    return this.count;
  }

  /** Bytes of the table. */
  get bytes(): number {
    return this.bits.byteLength;
  }

  /** Sets a fingerprint's three bits; true if one was clear (the state is new). */
  add(hi: number, lo: number): boolean {
    let fresh = false;
    // Double hashing: bit k = lo + k·(hi | 1), mod the table size.
    const step = (hi | 1) >>> 0;
    let at = lo >>> 0;
    for (let k = 0; k < 3; k++) {
      const bit = (at & this.mask) >>> 0;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.bits[word]! & flag) === 0) {
        this.bits[word] = this.bits[word]! | flag;
        fresh = true;
      }
      at = (at + step) >>> 0;
    }
    if (fresh) this.count++;
    return fresh;
  }

  /**
   * The chance that the next new state would have been omitted, with the table as full as it is:
   * (1 − e^(−3n/m))^3 for n states in m bits (the Bloom filter false-positive rate; Spin's
   * "hash factor" m/n says the same the other way round).
   */
  omissionProbability(): number {
    const m = 2 ** this.log2Bits;
    return (1 - Math.exp((-3 * this.count) / m)) ** 3;
  }
}
