/**
 * A growable column of 32-bit integers: the checker keeps histories and graphs in typed arrays
 * (integer ids, no objects per operation) so that a million transactions check in about a second.
 */
export class IntColumn {
  private data: Int32Array;
  /** How many values have been pushed. */
  length = 0;

  /** A column with room for `capacity` values before it first grows. */
  constructor(capacity = 16) {
    this.data = new Int32Array(Math.max(4, capacity));
  }

  /** Appends a value. */
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The value at `i` (no bounds check beyond the typed array's). */
  get(i: number): number {
    return this.data[i]!;
  }

  /** The pushed values, as a view on the backing array (valid until the next push). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** A growable column of bytes (operation kinds, edge kinds, outcomes). */
export class ByteColumn {
  private data: Uint8Array;
  /** How many values have been pushed. */
  length = 0;

  /** A column with room for `capacity` values before it first grows. */
  constructor(capacity = 16) {
    this.data = new Uint8Array(Math.max(4, capacity));
  }

  /** Appends a value. */
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint8Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The pushed values, as a view on the backing array (valid until the next push). */
  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}
