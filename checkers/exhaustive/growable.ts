/** An append-only Int32Array that doubles when full (parent pointers, move indices). */
export class GrowableInt32 {
  private data: Int32Array;
  private count = 0;

  /** @param capacity initial capacity. */
  constructor(capacity = 1 << 16) {
    this.data = new Int32Array(capacity);
  }

  /** Number of elements. */
  get length(): number {
    return this.count;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.data.byteLength;
  }

  /** Appends a value; returns its index. */
  push(value: number): number {
    if (this.count === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.count] = value;
    return this.count++;
  }

  /** The value at `index`. */
  get(index: number): number {
    return this.data[index]!;
  }
}
