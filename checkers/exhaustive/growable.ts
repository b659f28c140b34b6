type Typed = Int32Array | Uint16Array;

/** An append-only typed array that doubles when full (parent pointers, move indices). */
export class Growable<T extends Typed> {
  private data: T;
  private count = 0;

  /**
   * @param make allocates a typed array of a given length
   * @param capacity initial capacity
   */
  constructor(
    private readonly make: (length: number) => T,
    capacity = 1 << 16,
  ) {
    this.data = make(capacity);
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
      const bigger = this.make(this.data.length * 2);
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
