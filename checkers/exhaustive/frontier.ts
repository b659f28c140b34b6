import type { HistoryList } from '../../models/kernel/observation.ts';
import type { Status, World } from '../../models/kernel/world.ts';

const EMPTY: readonly number[] = Object.freeze([]);

/**
 * A breadth-first level of worlds, packed: every world's integers (node states, statuses, digests,
 * faults used, partition, inputs, order, component sums, then each channel's length and message
 * ids) in one growing Int32Array, its history (a shared persistent list) and its stored index
 * beside. A level of a few hundred thousand worlds is then a handful of typed arrays instead of as
 * many object graphs the garbage collector must trace and promote; a world is rebuilt only when it
 * is expanded.
 */
export class Frontier {
  private data: Int32Array = new Int32Array(1 << 16);
  private end = 0;
  private starts: Int32Array = new Int32Array(1 << 12);
  private indices: Int32Array = new Int32Array(1 << 12);
  private histories: (HistoryList | null)[] = [];
  private count = 0;

  /** A level of worlds of `n` nodes with `faultKinds` fault budgets. */
  constructor(
    private readonly n: number,
    private readonly faultKinds: number,
  ) {}

  /** Worlds in the level. */
  get length(): number {
    return this.count;
  }

  /** Appends `w`, stored as state `index`. */
  push(w: World, index: number): void {
    const n = this.n;
    const channels = w.channels;
    const cells = n * n;
    let need = 3 * n + this.faultKinds + 5 + cells;
    for (let c = 0; c < cells; c++) need += channels[c]!.length;
    if (this.end + need > this.data.length) {
      const bigger = new Int32Array(Math.max(this.data.length * 2, this.end + need));
      bigger.set(this.data.subarray(0, this.end));
      this.data = bigger;
    }
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts);
      this.indices = grow(this.indices);
    }
    this.starts[this.count] = this.end;
    this.indices[this.count] = index;
    this.histories.push(w.history);
    this.count++;
    const d = this.data;
    let at = this.end;
    for (let i = 0; i < n; i++) d[at++] = w.locals[i]!;
    for (let i = 0; i < n; i++) d[at++] = w.status[i]!;
    for (let i = 0; i < n; i++) d[at++] = w.digests[i]!;
    for (let f = 0; f < this.faultKinds; f++) d[at++] = w.used[f]!;
    d[at++] = w.partition;
    d[at++] = w.inputs;
    d[at++] = w.order;
    d[at++] = w.sumHi;
    d[at++] = w.sumLo;
    for (let c = 0; c < cells; c++) {
      const ch = channels[c]!;
      const len = ch.length;
      d[at++] = len;
      for (let k = 0; k < len; k++) d[at++] = ch[k]!;
    }
    this.end = at;
  }

  /** Empties the level for reuse, keeping the room its arrays have grown to. */
  clear(): this {
    this.end = 0;
    this.count = 0;
    this.histories.length = 0;
    return this;
  }

  /** The stored index of world `k`. */
  index(k: number): number {
    return this.indices[k]!;
  }

  /** World `k`, rebuilt (its history shared with the world pushed). */
  world(k: number): World {
    const { n } = this;
    const d = this.data;
    let at = this.starts[k]!;
    const locals = new Array<number>(n);
    const status = new Array<Status>(n);
    const digests = new Array<number>(n);
    const used = new Array<number>(this.faultKinds);
    for (let i = 0; i < n; i++) locals[i] = d[at++]!;
    for (let i = 0; i < n; i++) status[i] = d[at++]! as Status;
    for (let i = 0; i < n; i++) digests[i] = d[at++]!;
    for (let f = 0; f < this.faultKinds; f++) used[f] = d[at++]!;
    const partition = d[at++]!;
    const inputs = d[at++]!;
    const order = d[at++]!;
    const sumHi = d[at++]!;
    const sumLo = d[at++]!;
    const channels = new Array<readonly number[]>(n * n);
    for (let c = 0; c < n * n; c++) {
      const len = d[at++]!;
      if (len === 0) {
        channels[c] = EMPTY;
        continue;
      }
      const ch = new Array<number>(len);
      for (let m = 0; m < len; m++) ch[m] = d[at++]!;
      channels[c] = ch;
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

  /** Lets go of world `k`'s history (once it is expanded). */
  release(k: number): void {
    this.histories[k] = null;
  }

  /** Bytes held by the packed arrays. */
  get bytes(): number {
    return this.data.byteLength + this.starts.byteLength + this.indices.byteLength;
  }
}

function grow(a: Int32Array): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
