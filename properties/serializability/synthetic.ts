/**
 * Generated list-append histories for benchmarks and property tests: a serial execution (so the
 * history is serializable by construction, with per-client order following the serial order) of
 * short transactions over a sliding window of keys, each key retired after a few appends as in
 * Elle's workloads so that lists stay short; some transactions abort (their appends are never
 * seen). Optionally with planted cycles: gadgets of two transactions on fresh keys, in turn G0, G1c,
 * G-single and G2-item, each closed by a third transaction whose reads reveal the version order.
 */
import { IntColumn, ByteColumn } from './columns.ts';
import type { ListAppendHistory } from './list-append.ts';
import { ABORTED, COMMITTED, READ, WRITE } from './txn-history.ts';

/** Options of a generated history. */
export interface SyntheticOptions {
  /** Transactions (planted gadgets included). */
  readonly txns: number;
  /** Seed of the generator: the same options give the same history. */
  readonly seed: number;
  /** Clients, taking transactions round-robin. */
  readonly processes?: number;
  /** Keys in use at a time. */
  readonly window?: number;
  /** Appends a key takes before it is retired. */
  readonly appendsPerKey?: number;
  /** Most operations per transaction. */
  readonly maxOps?: number;
  /** Percentage of transactions that abort. */
  readonly abortPercent?: number;
  /** Cycles to plant, spread evenly. */
  readonly planted?: number;
}

/** The anomaly each planted gadget makes, in turn. */
export const PLANTED_KINDS = ['G0', 'G1c', 'G-single', 'G2-item'] as const;

/** A small, fast, seeded generator (mulberry32): benchmarks must not use Math.random. */
export class SeededRandom {
  private state: number;

  /** A generator seeded with `seed`. */
  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let x = this.state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return (((x ^ (x >>> 14)) >>> 0) % n) | 0;
  }
}

/** Builds the history's columns transaction by transaction. */
class Builder {
  readonly status = new ByteColumn(1024);
  readonly process = new IntColumn(1024);
  readonly opStart = new IntColumn(1024);
  readonly opKind = new ByteColumn(4096);
  readonly opKey = new IntColumn(4096);
  readonly opArg = new IntColumn(4096);
  readonly opLen = new IntColumn(4096);
  readonly pool = new IntColumn(16384);
  keyCount = 0;

  constructor() {
    this.opStart.push(0);
  }

  begin(process: number, committed: boolean): void {
    this.status.push(committed ? COMMITTED : ABORTED);
    this.process.push(process);
  }

  append(key: number, element: number): void {
    this.op(WRITE, key, element, 0);
  }

  read(key: number, elements: ArrayLike<number>, from = 0, to = elements.length): void {
    this.op(READ, key, this.pool.length, to - from);
    for (let i = from; i < to; i++) this.pool.push(elements[i]!);
  }

  end(): void {
    this.opStart.push(this.opKind.length);
  }

  private op(kind: number, key: number, arg: number, len: number): void {
    this.opKind.push(kind);
    this.opKey.push(key);
    this.opArg.push(arg);
    this.opLen.push(len);
  }

  finish(): ListAppendHistory {
    return {
      txnCount: this.status.length,
      status: this.status.view().slice(),
      process: this.process.view().slice(),
      opStart: this.opStart.view().slice(),
      opKind: this.opKind.view().slice(),
      opKey: this.opKey.view().slice(),
      opArg: this.opArg.view().slice(),
      opLen: this.opLen.view().slice(),
      readPool: this.pool.view().slice(),
      keyCount: this.keyCount,
    };
  }
}

/** A generated list-append history (see the file comment). */
export function syntheticListAppend(options: SyntheticOptions): ListAppendHistory {
  const processes = options.processes ?? 32;
  const window = options.window ?? 32;
  const perKey = options.appendsPerKey ?? 8;
  const maxOps = options.maxOps ?? 4;
  const abortPercent = options.abortPercent ?? 5;
  const planted = options.planted ?? 0;
  const random = new SeededRandom(options.seed);
  const b = new Builder();

  // Per window slot: its key, the key's committed list and how many elements it has handed out.
  const slotKey = Int32Array.from({ length: window }, (_, i) => i);
  const lists = new Int32Array(window * perKey);
  const listLen = new Int32Array(window);
  const handedOut = new Int32Array(window);
  b.keyCount = window;
  // The transaction's own appends, visible to its later reads: (slot, element) pairs.
  const ownSlot = new Int32Array(maxOps);
  const ownElement = new Int32Array(maxOps);
  const scratch = new Int32Array(perKey + maxOps);

  const gadgetEvery = planted > 0 ? Math.floor(options.txns / (planted + 1)) : Infinity;
  let gadgets = 0;
  for (let t = 0; b.status.length < options.txns; t++) {
    if (
      gadgets < planted &&
      t > 0 &&
      t % gadgetEvery === 0 &&
      b.status.length + 3 <= options.txns
    ) {
      plant(b, PLANTED_KINDS[gadgets % PLANTED_KINDS.length]!, processes, t);
      gadgets++;
      continue;
    }
    const committed = random.below(100) >= abortPercent;
    b.begin(t % processes, committed);
    const ops = 1 + random.below(maxOps);
    let own = 0;
    for (let i = 0; i < ops; i++) {
      let slot = random.below(window);
      if (random.below(2) === 0) {
        // Retire a full key: its slot takes a fresh one.
        if (handedOut[slot] === perKey) {
          slotKey[slot] = b.keyCount++;
          listLen[slot] = 0;
          handedOut[slot] = 0;
          for (let j = 0; j < own; j++) if (ownSlot[j] === slot) ownSlot[j] = -1;
        }
        const element = handedOut[slot]!++;
        b.append(slotKey[slot]!, element);
        ownSlot[own] = slot;
        ownElement[own++] = element;
      } else {
        if (handedOut[slot] === 0 && listLen[slot] === 0) slot = random.below(window);
        const len = listLen[slot]!;
        scratch.set(lists.subarray(slot * perKey, slot * perKey + len));
        let n = len;
        for (let j = 0; j < own; j++) if (ownSlot[j] === slot) scratch[n++] = ownElement[j]!;
        b.read(slotKey[slot]!, scratch, 0, n);
      }
    }
    if (committed) {
      for (let j = 0; j < own; j++) {
        const slot = ownSlot[j]!;
        if (slot >= 0) lists[slot * perKey + listLen[slot]!++] = ownElement[j]!;
      }
    }
    b.end();
  }
  return b.finish();
}

/** Emits a gadget of three transactions on two fresh keys that makes one `kind` cycle. */
function plant(
  b: Builder,
  kind: (typeof PLANTED_KINDS)[number],
  processes: number,
  t: number,
): void {
  const x = b.keyCount++;
  const y = b.keyCount++;
  const tx = (ops: () => void, offset: number) => {
    b.begin((t + offset) % processes, true);
    ops();
    b.end();
  };
  switch (kind) {
    case 'G0': // x: A then B; y: B then A.
      tx(() => (b.append(x, 0), b.append(y, 1)), 0);
      tx(() => (b.append(x, 1), b.append(y, 0)), 1);
      tx(() => (b.read(x, [0, 1]), b.read(y, [0, 1])), 2);
      break;
    case 'G1c': // Each reads the other's append.
      tx(() => (b.append(x, 0), b.read(y, [0])), 0);
      tx(() => (b.append(y, 0), b.read(x, [0])), 1);
      tx(() => b.read(x, [0]), 2);
      break;
    case 'G-single': // A reads x before B appends to it, and y after.
      tx(() => (b.read(x, []), b.read(y, [0])), 0);
      tx(() => (b.append(x, 0), b.append(y, 0)), 1);
      tx(() => b.read(x, [0]), 2);
      break;
    case 'G2-item': // Write skew: each reads the key the other appends to, before it does.
      tx(() => (b.read(x, []), b.append(y, 0)), 0);
      tx(() => (b.read(y, []), b.append(x, 0)), 1);
      tx(() => (b.read(x, [0]), b.read(y, [0])), 2);
      break;
  }
}
