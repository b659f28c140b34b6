/** Entries a chunk holds (one byte each): a list grows by a chunk, never by copying. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
/** Entries a block holds: each block keeps its first value whole, and its escapes' start. */
const BLOCK_BITS = 6;
const BLOCK = 1 << BLOCK_BITS;
/** A byte that says "the value is in the escapes" (a value or step that does not fit a byte). */
const ESCAPE = 255;

/**
 * An append-only list of integers at about one byte each, for the breadth-first search's parent
 * pointers and move indices (a few bytes per stored state add up over millions of states).
 *
 * Each entry is one byte: the value itself, or with `stepped`, its step from the entry before
 * (parent pointers never decrease along a breadth-first search and mostly step by 0 or 1: a
 * world's new successors are stored one after another). A value or step that does not fit a byte
 * is written whole in a side list of escapes. Every 64th entry's value is kept whole, with how
 * many escapes came before it, so reading entry i sums at most 63 bytes. Reading is for rebuilding
 * a path (a counterexample, a witness), which is rare; appending is the hot path. Bytes live in
 * chunks of 64 KB, so the list never copies what it holds and holds at most one chunk more.
 */
export class CompactList {
  private readonly chunks: Uint8Array[] = [];
  private chunk: Uint8Array = new Uint8Array(0);
  private count = 0;
  private last = 0;
  /** Per block: its first entry's value, and the escapes written before it. */
  private readonly blockValue: number[] = [];
  private readonly blockEscapes: number[] = [];
  private readonly escapes: number[] = [];

  /** @param stepped whether entries are kept as steps from the entry before (a nondecreasing list). */
  constructor(private readonly stepped: boolean) {}

  /** Number of entries. */
  get length(): number {
    return this.count;
  }

  /** Bytes held: the chunks, the blocks' values and the escapes (8 bytes an array slot). */
  get bytes(): number {
    return this.chunks.length * CHUNK + 8 * (this.blockValue.length * 2 + this.escapes.length);
  }

  /** Appends `value` (with `stepped`, at least the last one); returns its index. */
  push(value: number): number {
    if (this.stepped && this.count > 0 && value < this.last)
      throw new RangeError(`a stepped list does not decrease: ${value} after ${this.last}`);
    const i = this.count++;
    const at = i & (CHUNK - 1);
    if (at === 0) {
      this.chunk = new Uint8Array(CHUNK);
      this.chunks.push(this.chunk);
    }
    if ((i & (BLOCK - 1)) === 0) {
      this.blockValue.push(value);
      this.blockEscapes.push(this.escapes.length);
    } else {
      const byte = this.stepped ? value - this.last : value;
      if (byte >= 0 && byte < ESCAPE) this.chunk[at] = byte;
      else {
        this.chunk[at] = ESCAPE;
        this.escapes.push(value);
      }
    }
    this.last = value;
    return i;
  }

  /** The value at `index`. */
  get(index: number): number {
    if (index < 0 || index >= this.count)
      throw new RangeError(`no entry ${index} in a list of ${this.count}`);
    const block = index >>> BLOCK_BITS;
    let value = this.blockValue[block]!;
    let escape = this.blockEscapes[block]!;
    for (let i = (block << BLOCK_BITS) + 1; i <= index; i++) {
      const byte = this.chunks[i >>> CHUNK_BITS]![i & (CHUNK - 1)]!;
      if (byte === ESCAPE) value = this.escapes[escape++]!;
      else value = this.stepped ? value + byte : byte;
    }
    return value;
  }
}
