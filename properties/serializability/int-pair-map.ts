/**
 * A hash map from pairs of 32-bit integers (a key id and a value) to non-negative integers (an
 * operation index), open addressing with linear probing over typed arrays. It finds the operation
 * that wrote a value: a JavaScript Map would allocate a string or a boxed key per lookup.
 */
export class IntPairMap {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** A map sized for at most `expected` entries (it does not grow). */
  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    for (let i = hash(a, b) & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v < 0) return -1;
      if (this.a[i] === a && this.b[i] === b) return v;
    }
  }

  /** Stores `value` (≥ 0) for (a, b) unless the pair is present; returns the value kept. */
  putIfAbsent(a: number, b: number, value: number): number {
    for (let i = hash(a, b) & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v < 0) {
        this.a[i] = a;
        this.b[i] = b;
        this.slots[i] = value;
        return value;
      }
      if (this.a[i] === a && this.b[i] === b) return v;
    }
  }
}

/** A 32-bit mix of the pair (murmur3's finalizer over a multiplicative combination). */
function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
