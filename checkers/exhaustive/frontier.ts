import type { HistoryList } from '../../models/kernel/observation.ts';
import type { Status, World } from '../../models/kernel/world.ts';

const EMPTY: readonly number[] = Object.freeze([]);
/** The first chunk's length in integers; each next chunk doubles, up to `MAX_CHUNK`. */
const FIRST_CHUNK = 1 << 14;
/** The largest chunk (4 MB): a level grows by at most this much beyond what it holds. */
const MAX_CHUNK = 1 << 20;
/** Channel cells are packed as `cell | length << CELL_BITS` (30 nodes make 900 cells). */
const CELL_BITS = 10;
const MAX_LENGTH = 1 << (31 - CELL_BITS);

/**
 * Free chunks for the levels of one search. The level being expanded gives a chunk back once its
 * last world has been read, and the level being filled takes it: the two levels of a
 * breadth-first search then hold little more than the worlds not yet expanded and those found.
 */
export class ChunkPool {
  private readonly free: Int32Array[] = [];

  /** A free chunk at least `need` long, else a new one of `size` (at least `need`). */
  take(need: number, size: number): Int32Array {
    for (let i = this.free.length - 1; i >= 0; i--) {
      const chunk = this.free[i]!;
      if (chunk.length < need) continue;
      this.free[i] = this.free[this.free.length - 1]!;
      this.free.pop();
      return chunk;
    }
    return new Int32Array(Math.max(size, need));
  }

  /** Takes back a chunk no world is read from any more. */
  give(chunk: Int32Array): void {
    this.free.push(chunk);
  }

  /** Bytes held by the free chunks. */
  get bytes(): number {
    let total = 0;
    for (const c of this.free) total += c.byteLength;
    return total;
  }
}

/**
 * A breadth-first level of worlds, packed into chunks of integers (issue 16: a compact frontier).
 * A world takes, in order: each node's snapshot id and status in one integer, each node's digest,
 * the faults used (four to an integer when every budget is below 256), the partition, inputs,
 * order and component sums, then only its non-empty channels, each as its cell and length in one
 * integer followed by its message ids. Its history (a shared persistent list) and stored index sit
 * beside. A world of 9 nodes and 81 channels of which a handful carry messages takes about 40
 * integers instead of the 140 a dense layout needs. Chunks are never copied: a level grows by a
 * new chunk (at most 4 MB) when the last is full, taken from its pool (shared by the two levels of
 * a search) when one is free; read in order (`world`, then `release`), a level gives each chunk
 * back once its last world is released, and a cleared level gives back all of its chunks.
 */
export class Frontier {
  private chunks: (Int32Array | null)[] = [];
  /** The chunk being filled, its index, and the next free integer in it. */
  private chunk: Int32Array = new Int32Array(0);
  private current = -1;
  private end = 0;
  private starts: Int32Array = new Int32Array(1 << 12);
  private chunkOf: Int32Array = new Int32Array(1 << 12);
  private indices: Int32Array = new Int32Array(1 << 12);
  private histories: (HistoryList | null)[] = [];
  private count = 0;
  private readonly faultKinds: number;
  /** Integers the faults used take: one per kind, or one per four kinds when packed. */
  private readonly usedInts: number;
  private readonly packUsed: boolean;

  /**
   * A level of worlds of `n` nodes whose fault budgets are `budget` (indexed like `FAULT_KINDS`):
   * a world never uses more of a fault than its budget.
   */
  constructor(
    private readonly n: number,
    budget: readonly number[],
    private readonly pool: ChunkPool = new ChunkPool(),
  ) {
    this.faultKinds = budget.length;
    this.packUsed = budget.every((b) => b < 256);
    this.usedInts = this.packUsed ? Math.ceil(budget.length / 4) : budget.length;
  }

  /** Worlds in the level (`histories` may be longer: a cleared level keeps its room). */
  get length(): number {
    return this.count;
  }

  /** Appends `w`, stored as state `index`. */
  push(w: World, index: number): void {
    const n = this.n;
    const channels = w.channels;
    const cells = n * n;
    // Room for everything but the messages; a channel that does not fit moves the world so far to
    // a new chunk (`spill`): one pass over the channels.
    const fixed = 2 * n + this.usedInts + 6;
    if (this.end + fixed > this.chunk.length) this.nextChunk(fixed);
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts);
      this.chunkOf = grow(this.chunkOf);
      this.indices = grow(this.indices);
    }
    const k = this.count++;
    this.indices[k] = index;
    if (this.histories.length < this.count) this.histories.push(w.history);
    else this.histories[k] = w.history;
    let d = this.chunk;
    let start = this.end;
    let at = start;
    const { locals, status, digests, used } = w;
    for (let i = 0; i < n; i++) d[at++] = ((locals[i]! + 1) << 2) | status[i]!;
    for (let i = 0; i < n; i++) d[at++] = digests[i]!;
    if (this.packUsed) {
      for (let f = 0; f < this.faultKinds; f += 4) {
        let word = 0;
        for (let j = 0; j < 4 && f + j < this.faultKinds; j++) word |= used[f + j]! << (8 * j);
        d[at++] = word;
      }
    } else for (let f = 0; f < this.faultKinds; f++) d[at++] = used[f]!;
    d[at++] = w.partition;
    d[at++] = w.inputs;
    d[at++] = w.order;
    d[at++] = w.sumHi;
    d[at++] = w.sumLo;
    const countAt = at++ - start;
    let nonEmpty = 0;
    for (let c = 0; c < cells; c++) {
      const ch = channels[c]!;
      const len = ch.length;
      if (len === 0) continue;
      if (len >= MAX_LENGTH) throw new Error(`a channel holds ${len} messages: too many to pack`);
      if (at + len + 1 > d.length) {
        const written = at - start;
        this.nextChunk(written + (cells - c) * 2 + len + 1, d.subarray(start, at));
        d = this.chunk;
        start = 0;
        at = written;
      }
      nonEmpty++;
      d[at++] = c | (len << CELL_BITS);
      for (let m = 0; m < len; m++) d[at++] = ch[m]!;
    }
    d[start + countAt] = nonEmpty;
    this.starts[k] = start;
    this.chunkOf[k] = this.current;
    this.end = at;
  }

  /**
   * Moves to the next chunk (reused if a cleared level left one), at least `need` long, and copies
   * `carry` (a world written in part) to its start.
   */
  private nextChunk(need: number, carry?: Int32Array): void {
    this.current++;
    const size = Math.min(MAX_CHUNK, FIRST_CHUNK * 2 ** Math.min(this.current, 6));
    const chunk = this.pool.take(need, size);
    this.chunks[this.current] = chunk;
    this.chunk = chunk;
    this.end = 0;
    if (carry !== undefined) chunk.set(carry);
  }

  /** Empties the level for reuse, its chunks given back to the pool. */
  clear(): this {
    for (const c of this.chunks) if (c !== null) this.pool.give(c);
    this.chunks.length = 0;
    this.current = -1;
    this.chunk = new Int32Array(0);
    this.end = 0;
    this.count = 0;
    return this;
  }

  /** The stored index of world `k`. */
  index(k: number): number {
    return this.indices[k]!;
  }

  /** World `k`, rebuilt (its history shared with the world pushed). */
  world(k: number): World {
    const { n } = this;
    const d = this.chunks[this.chunkOf[k]!]!;
    let at = this.starts[k]!;
    const locals = new Array<number>(n);
    const status = new Array<Status>(n);
    const digests = new Array<number>(n);
    const used = new Array<number>(this.faultKinds);
    for (let i = 0; i < n; i++) {
      const v = d[at++]!;
      locals[i] = (v >> 2) - 1;
      status[i] = (v & 3) as Status;
    }
    for (let i = 0; i < n; i++) digests[i] = d[at++]!;
    if (this.packUsed) {
      for (let f = 0; f < this.faultKinds; f += 4) {
        const word = d[at++]!;
        for (let j = 0; j < 4 && f + j < this.faultKinds; j++)
          used[f + j] = (word >>> (8 * j)) & 255;
      }
    } else for (let f = 0; f < this.faultKinds; f++) used[f] = d[at++]!;
    const partition = d[at++]!;
    const inputs = d[at++]!;
    const order = d[at++]!;
    const sumHi = d[at++]!;
    const sumLo = d[at++]!;
    const channels = new Array<readonly number[]>(n * n).fill(EMPTY);
    const nonEmpty = d[at++]!;
    for (let e = 0; e < nonEmpty; e++) {
      const head = d[at++]!;
      const len = head >>> CELL_BITS;
      const ch = new Array<number>(len);
      for (let m = 0; m < len; m++) ch[m] = d[at++]!;
      channels[head & ((1 << CELL_BITS) - 1)] = ch;
    }
    return {
      locals,
      status,
      channels,
      partition,
      used,
      inputs,
      history: this.histories[k]!,
      digests,
      order,
      sumHi,
      sumLo,
    };
  }

  /**
   * Lets go of world `k`'s history (once it is expanded) and, when `k` is the last world of its
   * chunk, of the chunk: no world of it is read again (worlds are read in order).
   */
  release(k: number): void {
    this.histories[k] = null;
    const c = this.chunkOf[k]!;
    if (k + 1 < this.count && this.chunkOf[k + 1] === c) return;
    const chunk = this.chunks[c];
    if (chunk === null || chunk === undefined) return;
    this.chunks[c] = null;
    if (chunk === this.chunk) {
      this.chunk = new Int32Array(0);
      this.end = 0;
    }
    this.pool.give(chunk);
  }

  /** Bytes held by the packed arrays. */
  get bytes(): number {
    let chunks = 0;
    for (const c of this.chunks) chunks += c?.byteLength ?? 0;
    return chunks + this.starts.byteLength + this.chunkOf.byteLength + this.indices.byteLength;
  }
}

function grow(a: Int32Array): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
