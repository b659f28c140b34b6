import type { HistoryList } from '../../models/kernel/observation.ts';
import { refills, type Status, type World } from '../../models/kernel/world.ts';

const EMPTY: readonly number[] = Object.freeze([]);
/** The first chunk's length in integers; each next chunk doubles, up to `MAX_CHUNK`. */
const FIRST_CHUNK = 1 << 14;
/** The largest chunk (4 MB): a level grows by at most this much beyond what it holds. */
const MAX_CHUNK = 1 << 20;
/** Channel cells are packed as `cell | length << CELL_BITS` (30 nodes make 900 cells). */
const CELL_BITS = 10;
const CELL_MASK = (1 << CELL_BITS) - 1;
const MAX_LENGTH = 1 << (31 - CELL_BITS);
/** Every `KEY_EVERY`-th world is written whole (a key); the others as changes to the one before. */
const KEY_EVERY = 64;

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
 *
 * A world is a vector of fixed integers (each node's snapshot id and status in one integer, each
 * node's digest, the faults used — four to an integer when every budget is below 256 —, the
 * partition, inputs, order and component sums) and its channels. Worlds are pushed in the order a
 * search finds them, so one is mostly its predecessor's sibling: the same parent and another move,
 * differing in a node or two and the channels they touch. Every `KEY_EVERY`-th world is a key,
 * written whole (the fixed vector, then its non-empty channels, each as its cell and length in one
 * integer followed by its message ids); every other world is written as its changes to the world
 * pushed before it: a bitmask of the fixed integers that differ and their new values, then the
 * channels that differ, each as its cell and length (0 for one emptied) and its messages. On the
 * two-phase-commit yardstick a world takes about 15 integers where the whole takes 54.
 *
 * Reading is in order (`world(k)` after `world(k - 1)`: what a search does), each world applying
 * its changes to the one read before, whose channel arrays the next world shares. Reading out of
 * order decodes from the world's key. A world's history (a shared persistent list) and stored
 * index sit beside. Chunks are never copied: a level grows by a new chunk (at most 4 MB) when the
 * last is full, taken from its pool (shared by the two levels of a search) when one is free; read
 * in order (`world`, then `release`), a level gives each chunk back once its last world is
 * released, and a cleared level gives back all of its chunks.
 */
export class Frontier {
  private chunks: (Int32Array | null)[] = [];
  /** How much of each chunk is written (a world never straddles two). */
  private chunkEnds: number[] = [];
  /** The chunk being filled, its index, and the next free integer in it. */
  private chunk: Int32Array = new Int32Array(0);
  private current = -1;
  private end = 0;
  /** Per key (every `KEY_EVERY`-th world): its chunk and its start in it. */
  private keyChunk: Int32Array = new Int32Array(1 << 8);
  private keyStart: Int32Array = new Int32Array(1 << 8);
  private indices: Int32Array = new Int32Array(1 << 12);
  private histories: (HistoryList | null)[] = [];
  private count = 0;
  /** Integers written since the level was last cleared. */
  private total = 0;
  private readonly faultKinds: number;
  /** Integers the faults used take: one per kind, or one per four kinds when packed. */
  private readonly usedInts: number;
  private readonly packUsed: boolean;
  /** Length of the fixed vector, and of its bitmask in 32-bit words. */
  private readonly fixed: number;
  private readonly maskInts: number;
  /** The last world pushed: its fixed vector and channels (what the next one is written against). */
  private readonly pushedFixed: Int32Array;
  private pushedChannels: (readonly number[])[];
  /** The last world pushed, its channels array (shared by worlds whose steps sent nothing). */
  private pushedArray: readonly (readonly number[])[] | null = null;
  /** `refills.count` when `pushedArray` was pushed. */
  private pushedRefills = 0;
  /** The world being pushed, its fixed vector. */
  private readonly scratch: Int32Array;
  /** The last world read (`readK`): its fixed vector and channels, and where the next one starts. */
  private readonly readFixed: Int32Array;
  private readChannels: (readonly number[])[];
  private readK = -1;
  private readChunk = 0;
  private readAt = 0;
  /** The arrays `view` hands out, refilled for each world it reads. */
  private readonly viewLocals: number[];
  private readonly viewStatus: Status[];
  private readonly viewDigests: number[];
  private readonly viewUsed: number[];

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
    this.fixed = 2 * n + this.usedInts + 5;
    this.maskInts = Math.ceil(this.fixed / 32);
    this.pushedFixed = new Int32Array(this.fixed);
    this.scratch = new Int32Array(this.fixed);
    this.readFixed = new Int32Array(this.fixed);
    this.pushedChannels = new Array<readonly number[]>(n * n).fill(EMPTY);
    this.readChannels = new Array<readonly number[]>(n * n).fill(EMPTY);
    this.viewLocals = new Array<number>(n).fill(0);
    this.viewStatus = new Array<Status>(n).fill(0);
    this.viewDigests = new Array<number>(n).fill(0);
    this.viewUsed = new Array<number>(this.faultKinds).fill(0);
  }

  /** Worlds in the level (`histories` may be longer: a cleared level keeps its room). */
  get length(): number {
    return this.count;
  }

  /** Appends `w`, stored as state `index`. */
  push(w: World, index: number): void {
    const k = this.count++;
    if (k === this.indices.length) this.indices = grow(this.indices);
    this.indices[k] = index;
    if (this.histories.length < this.count) this.histories.push(w.history);
    else this.histories[k] = w.history;
    const now = this.scratch;
    this.fixedOf(w, now);
    const key = k % KEY_EVERY === 0;
    // Room for the header, the mask and every fixed integer; a channel that does not fit moves the
    // world so far to a new chunk (`spill`): one pass over the channels.
    const room = 1 + this.maskInts + this.fixed;
    if (this.end + room > this.chunk.length) this.nextChunk(room);
    const slot = k / KEY_EVERY;
    if (key) {
      if (slot === this.keyChunk.length) {
        this.keyChunk = grow(this.keyChunk);
        this.keyStart = grow(this.keyStart);
      }
      this.keyChunk[slot] = this.current;
      this.keyStart[slot] = this.end;
    }
    let d = this.chunk;
    let start = this.end;
    let at = start + 1;
    const before = this.pushedFixed;
    if (key) {
      for (let i = 0; i < this.fixed; i++) d[at++] = now[i]!;
    } else {
      const maskAt = at;
      at += this.maskInts;
      for (let word = 0; word < this.maskInts; word++) {
        let mask = 0;
        const top = Math.min(this.fixed, (word + 1) * 32);
        for (let i = word * 32; i < top; i++) {
          if (now[i] === before[i]) continue;
          mask |= 1 << (i - word * 32);
          d[at++] = now[i]!;
        }
        d[maskAt + word] = mask;
      }
    }
    before.set(now);
    const channels = w.channels;
    const pushed = this.pushedChannels;
    const cells = this.n * this.n;
    let written = 0;
    // Channels the same array as the world before's (a step that sent nothing): none changed.
    // A channel table refilled in place (a viewed world's, a scratch step's) holds the same
    // channels as when it was last pushed only if no table has been refilled since.
    const unchanged = !key && channels === this.pushedArray && this.pushedRefills === refills.count;
    this.pushedArray = channels;
    this.pushedRefills = refills.count;
    for (let c = unchanged ? cells : 0; c < cells; c++) {
      const ch = channels[c]!;
      const before = pushed[c]!;
      if (ch !== before) pushed[c] = ch;
      if (key) {
        if (ch.length === 0) continue;
      } else if (ch === before || sameContent(ch, before)) continue;
      const len = ch.length;
      if (len >= MAX_LENGTH) throw new Error(`a channel holds ${len} messages: too many to pack`);
      if (at + len + 1 > d.length) {
        const sofar = at - start;
        this.nextChunk(sofar + (cells - c) * 2 + len + 1, d.subarray(start, at));
        d = this.chunk;
        start = 0;
        at = sofar;
        if (key) {
          this.keyChunk[slot] = this.current;
          this.keyStart[slot] = 0;
        }
      }
      written++;
      d[at++] = c | (len << CELL_BITS);
      for (let m = 0; m < len; m++) d[at++] = ch[m]!;
    }
    d[start] = written;
    this.total += at - start;
    this.end = at;
    this.chunkEnds[this.current] = at;
  }

  /** The fixed vector of `w`, into `out`. */
  private fixedOf(w: World, out: Int32Array): void {
    const n = this.n;
    const { locals, status, digests, used } = w;
    let at = 0;
    for (let i = 0; i < n; i++) out[at++] = ((locals[i]! + 1) << 2) | status[i]!;
    for (let i = 0; i < n; i++) out[at++] = digests[i]!;
    if (this.packUsed) {
      for (let f = 0; f < this.faultKinds; f += 4) {
        let word = 0;
        for (let j = 0; j < 4 && f + j < this.faultKinds; j++) word |= used[f + j]! << (8 * j);
        out[at++] = word;
      }
    } else for (let f = 0; f < this.faultKinds; f++) out[at++] = used[f]!;
    out[at++] = w.partition;
    out[at++] = w.inputs;
    out[at++] = w.order;
    out[at++] = w.sumHi;
    out[at++] = w.sumLo;
  }

  /**
   * Moves to the next chunk (reused if a cleared level left one), at least `need` long, and copies
   * `carry` (a world written in part) to its start.
   */
  private nextChunk(need: number, carry?: Int32Array): void {
    // A world written in part moves whole: the chunk ends where it began.
    if (this.current >= 0) this.chunkEnds[this.current] = this.end;
    this.current++;
    const size = Math.min(MAX_CHUNK, FIRST_CHUNK * 2 ** Math.min(this.current, 6));
    const chunk = this.pool.take(need, size);
    this.chunks[this.current] = chunk;
    this.chunkEnds[this.current] = 0;
    this.chunk = chunk;
    this.end = 0;
    if (carry !== undefined) chunk.set(carry);
  }

  /** Empties the level for reuse, its chunks given back to the pool. */
  clear(): this {
    for (const c of this.chunks) if (c !== null) this.pool.give(c);
    this.chunks.length = 0;
    this.chunkEnds.length = 0;
    this.current = -1;
    this.chunk = new Int32Array(0);
    this.end = 0;
    this.count = 0;
    this.total = 0;
    this.pushedFixed.fill(0);
    this.pushedChannels.fill(EMPTY);
    this.pushedArray = null;
    this.readK = -1;
    this.readChunk = 0;
    this.readAt = 0;
    return this;
  }

  /** The stored index of world `k`. */
  index(k: number): number {
    return this.indices[k]!;
  }

  /** World `k`, rebuilt (its history shared with the world pushed). */
  world(k: number): World {
    this.read(k);
    return this.rebuild(k, false);
  }

  /**
   * World `k`, in arrays this level refills for the next world it views or reads: valid until then,
   * so for a world that is expanded and let go (a breadth-first search's parent), at the cost of
   * one object instead of six arrays and one object. A world built from it (a step copies what it
   * changes and shares the rest) is valid as long: push it to a level before viewing the next.
   */
  view(k: number): World {
    this.read(k);
    return this.rebuild(k, true);
  }

  /** Makes world `k` the last world read. */
  private read(k: number): void {
    if (k < 0 || k >= this.count) throw new RangeError(`no world ${k} in a level of ${this.count}`);
    if (k === this.readK) return;
    if (k !== this.readK + 1) {
      // Out of order: from the world's key.
      const key = k - (k % KEY_EVERY);
      this.readChunk = this.keyChunk[key / KEY_EVERY]!;
      this.readAt = this.keyStart[key / KEY_EVERY]!;
      this.readK = key - 1;
    }
    while (this.readK < k) this.readNext();
  }

  /** Applies the next world's record to the last world read (refilling the viewed channels). */
  private readNext(): void {
    const k = ++this.readK;
    refills.count++;
    // A chunk ends where its last world does (a world that did not fit moved to the next one).
    while (this.readAt >= this.chunkEnds[this.readChunk]!) {
      this.readChunk++;
      this.readAt = 0;
    }
    const d = this.chunks[this.readChunk];
    if (d === null || d === undefined) throw new Error(`world ${k}'s chunk was given back`);
    let at = this.readAt;
    const written = d[at++]!;
    const fixed = this.readFixed;
    const channels = this.readChannels;
    if (k % KEY_EVERY === 0) {
      for (let i = 0; i < this.fixed; i++) fixed[i] = d[at++]!;
      channels.fill(EMPTY);
    } else {
      let values = at + this.maskInts;
      for (let word = 0; word < this.maskInts; word++) {
        for (let mask = d[at + word]!, i = word * 32; mask !== 0; mask >>>= 1, i++) {
          if ((mask & 1) !== 0) fixed[i] = d[values++]!;
        }
      }
      at = values;
    }
    for (let e = 0; e < written; e++) {
      const head = d[at++]!;
      const len = head >>> CELL_BITS;
      if (len === 0) {
        channels[head & CELL_MASK] = EMPTY;
        continue;
      }
      const ch = new Array<number>(len);
      for (let m = 0; m < len; m++) ch[m] = d[at++]!;
      channels[head & CELL_MASK] = ch;
    }
    this.readAt = at;
  }

  /** World `k` from the last world read (which is `k`), in the view's arrays if `reuse`. */
  private rebuild(k: number, reuse: boolean): World {
    const { n } = this;
    const d = this.readFixed;
    const locals = reuse ? this.viewLocals : new Array<number>(n);
    const status = reuse ? this.viewStatus : new Array<Status>(n);
    const digests = reuse ? this.viewDigests : new Array<number>(n);
    const used = reuse ? this.viewUsed : new Array<number>(this.faultKinds);
    let at = 0;
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
    return {
      locals,
      status,
      channels: reuse ? this.readChannels : this.readChannels.slice(),
      partition: d[at]!,
      used,
      inputs: d[at + 1]!,
      history: this.histories[k]!,
      digests,
      order: d[at + 2]!,
      sumHi: d[at + 3]!,
      sumLo: d[at + 4]!,
    };
  }

  /**
   * Lets go of world `k`'s history (once it is expanded) and, when `k` is the last world of its
   * chunk and was the last read, of the chunk: no world of it is read again (worlds are read in
   * order).
   */
  release(k: number): void {
    this.histories[k] = null;
    if (k !== this.readK || this.readAt < this.chunkEnds[this.readChunk]!) return;
    const c = this.readChunk;
    const chunk = this.chunks[c];
    if (chunk === null || chunk === undefined) return;
    this.chunks[c] = null;
    if (chunk === this.chunk) {
      this.chunk = new Int32Array(0);
      this.end = 0;
    }
    this.pool.give(chunk);
  }

  /** Integers the level's worlds take in their chunks (those given back included). */
  get written(): number {
    return this.total;
  }

  /** Bytes held by the packed arrays. */
  get bytes(): number {
    let chunks = 0;
    for (const c of this.chunks) chunks += c?.byteLength ?? 0;
    return chunks + this.keyChunk.byteLength + this.keyStart.byteLength + this.indices.byteLength;
  }
}

/** Whether two channels hold the same messages (the same array, mostly). */
function sameContent(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function grow(a: Int32Array): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
