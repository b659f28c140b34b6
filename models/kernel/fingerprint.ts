import { finish, hex64, mix } from './hash.ts';
import type { System } from './system.ts';
import type { World } from './world.ts';

/**
 * World fingerprints. A world's fingerprint is a sum (mod 2^32, per half) of independently mixed
 * component hashes, one per node (snapshot content, status, history digest) and one per non-empty
 * channel (message contents, in order for fifo, as a multiset otherwise), finished together with
 * the global fields. Sums make it incremental: a step subtracts the old hash of each component it
 * changed and adds the new one (see draft.ts), so the exhaustive engine's inner loop never rehashes
 * a whole world and never builds a string. Hashes are of content, never of interned ids, so equal
 * worlds get equal fingerprints in any process.
 */

/** Where component hashes come from: content hashes of interned snapshots and events. */
export interface HashSource {
  /** `[hi, lo]` pairs by snapshot id. */
  readonly snapHash: readonly number[];
  /** `[hi, lo]` pairs by event id. */
  readonly eventHash: readonly number[];
  /** Whether channels are queues (order matters) rather than bags. */
  readonly fifo: boolean;
}

/** The scratch output of `nodeHash` and `channelHash` (no allocation in the inner loop). */
export const HASH = { hi: 0, lo: 0 };

/** A fingerprint's two 32-bit halves. */
export interface Fingerprint {
  hi: number;
  lo: number;
}

/** The hash of node `node`'s component into `HASH`. */
export function nodeHash(
  src: HashSource,
  node: number,
  local: number,
  status: number,
  digest: number,
): void {
  const sh = local < 0 ? -1 : src.snapHash[2 * local]!;
  const sl = local < 0 ? -1 : src.snapHash[2 * local + 1]!;
  HASH.hi = finish(mix(mix(mix(0x2545f491 ^ node, sh), status), digest));
  HASH.lo = finish(mix(mix(mix(0x5bd1e995 ^ node, sl), digest), status));
}

/**
 * The hash of channel `ch`'s component into `HASH`; an empty channel hashes to (0, 0). `length`
 * (default: the whole array) reads only a prefix of `channel`, for a scratch array.
 */
export function channelHash(
  src: HashSource,
  ch: number,
  channel: readonly number[],
  length = channel.length,
): void {
  if (length === 0) {
    HASH.hi = 0;
    HASH.lo = 0;
    return;
  }
  const ev = src.eventHash;
  let hi = 0x68e31da4 ^ ch;
  let lo = 0x1b56c4e9 ^ ch;
  if (src.fifo) {
    for (let k = 0; k < length; k++) {
      hi = mix(hi, ev[2 * channel[k]!]!);
      lo = mix(lo, ev[2 * channel[k]! + 1]!);
    }
  } else {
    // A bag is a multiset: sum the finished element hashes, so order cannot matter.
    let sumHi = 0;
    let sumLo = 0;
    for (let k = 0; k < length; k++) {
      sumHi = (sumHi + finish(ev[2 * channel[k]!]!)) | 0;
      sumLo = (sumLo + finish(ev[2 * channel[k]! + 1]! ^ 0x5f356495)) | 0;
    }
    hi = mix(hi, sumHi);
    lo = mix(lo, sumLo);
  }
  HASH.hi = finish(mix(hi, length));
  HASH.lo = finish(mix(lo, length));
}

/** The component sums of a world computed from scratch (initial worlds, renamed worlds). */
export function componentSums(
  src: HashSource,
  w: Omit<World, 'sumHi' | 'sumLo'>,
): { sumHi: number; sumLo: number } {
  let sumHi = 0;
  let sumLo = 0;
  for (let i = 0; i < w.locals.length; i++) {
    nodeHash(src, i, w.locals[i]!, w.status[i]!, w.digests[i]!);
    sumHi = (sumHi + HASH.hi) | 0;
    sumLo = (sumLo + HASH.lo) | 0;
  }
  for (let ch = 0; ch < w.channels.length; ch++) {
    channelHash(src, ch, w.channels[ch]!);
    sumHi = (sumHi + HASH.hi) | 0;
    sumLo = (sumLo + HASH.lo) | 0;
  }
  return { sumHi, sumLo };
}

/**
 * The hash of a world's global fields (partition, inputs consumed, global-order digest, faults
 * used) into `HASH`. A step changes them only when it uses a fault, takes an input or observes
 * what a global property orders, so the engines keep it per world (see peek.ts). Only the fault
 * kinds used so far are folded in, each tagged with its index (most worlds have used none or one,
 * and the engines hash the globals of every successor that uses a fault).
 */
export function globalsHash(
  partition: number,
  inputs: number,
  order: number,
  used: readonly number[],
): void {
  let hi = mix(mix(mix(0x3c6ef372, partition), inputs), order);
  let lo = mix(mix(mix(0x510e527f, inputs), partition), order);
  for (let f = 0; f < used.length; f++) {
    const u = used[f]!;
    if (u === 0) continue;
    hi = mix(hi, u + (f << 24));
    lo = mix(lo, u + (f << 24));
  }
  HASH.hi = hi;
  HASH.lo = lo;
}

/** A world's fingerprint from its component sums and its globals' hash, written into `out`. */
export function finishFingerprint(
  sumHi: number,
  sumLo: number,
  globalsHi: number,
  globalsLo: number,
  out: Fingerprint,
): Fingerprint {
  out.hi = finish(mix(sumHi, globalsHi));
  out.lo = finish(mix(sumLo, globalsLo) ^ 0x27d4eb2f);
  return out;
}

/**
 * The 64-bit fingerprint of a world the engines store, written into `out`: its component sums
 * finished with the hash of its global fields (two mixing rounds per successor when the globals
 * are unchanged, as they are on most steps).
 */
export function worldFingerprint(w: World, out: Fingerprint): Fingerprint {
  globalsHash(w.partition, w.inputs, w.order, w.used);
  return finishFingerprint(w.sumHi, w.sumLo, HASH.hi, HASH.lo, out);
}

/**
 * The fingerprint a trace records after each step (`fingerprint`), kept as traces written by
 * earlier versions have it so that they still replay: the sums mixed with each global field in
 * turn. (The store's `worldFingerprint` folds the globals in once instead.)
 */
function traceFingerprint(w: World, out: Fingerprint): Fingerprint {
  let hi = mix(mix(w.sumHi, w.partition), w.order);
  let lo = mix(mix(w.sumLo, w.inputs), w.order);
  for (let f = 0; f < w.used.length; f++) {
    hi = mix(hi, w.used[f]!);
    lo = mix(lo, w.used[f]! ^ (f << 8));
  }
  out.hi = finish(hi);
  out.lo = finish(lo ^ 0x27d4eb2f);
  return out;
}

/**
 * The canonical serialization of a world: node snapshots and messages by content (never by interned
 * id, which depends on exploration order), bags sorted, plus status, history digests, partition,
 * faults used and inputs consumed. Equal worlds give equal strings in any run: the exhaustive
 * engine's exact mode stores these.
 */
export function canonicalWorld(sys: System, w: World): string {
  const { table } = sys;
  const fifo = sys.config.network === 'fifo';
  const locals = w.locals.map((id) => (id < 0 ? null : table.snapshotKey(id)));
  const channels = w.channels.map((ch) => {
    const keys = ch.map((id) => table.event(id).key);
    return fifo ? keys : keys.sort();
  });
  return JSON.stringify([
    locals,
    w.status,
    w.digests,
    w.order,
    channels,
    w.partition,
    w.used,
    w.inputs,
  ]);
}

/** The fingerprint of a world as 16 hex digits (what traces record after each step). */
export function fingerprint(w: World): string {
  const fp = traceFingerprint(w, { hi: 0, lo: 0 });
  return hex64(fp.hi, fp.lo);
}
