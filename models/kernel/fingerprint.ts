import { finish, hex64, mix } from './hash.ts';
import type { System } from './system.ts';
import type { World } from './world.ts';

const SEED_HI = 0x2545f491;
const SEED_LO = 0x5bd1e995;

/** A fingerprint's two 32-bit halves. */
export interface Fingerprint {
  hi: number;
  lo: number;
}

/**
 * The 64-bit fingerprint of a world, written into `out`: node snapshots and messages by content
 * hash (never by interned id), bags and sets combined order-independently, plus status, history
 * digests, partition, faults used and inputs consumed. No strings are built: this is the
 * exhaustive engine's inner loop. Equal worlds give equal fingerprints in any process.
 */
export function worldFingerprint(sys: System, w: World, out: Fingerprint): Fingerprint {
  const snap = sys.table.snapHash;
  const events = sys.table;
  const fifo = sys.config.network === 'fifo';
  let hi = SEED_HI;
  let lo = SEED_LO;
  const n = w.locals.length;
  for (let i = 0; i < n; i++) {
    const id = w.locals[i]!;
    hi = mix(hi, id < 0 ? -1 : snap[2 * id]!);
    lo = mix(lo, id < 0 ? -1 : snap[2 * id + 1]!);
    const tag = (w.status[i]! << 28) ^ w.digests[i]!;
    hi = mix(hi, tag);
    lo = mix(lo, w.digests[i]! ^ i);
  }
  const channels = w.channels;
  for (let ch = 0; ch < channels.length; ch++) {
    const channel = channels[ch]!;
    if (channel.length === 0) continue;
    hi = mix(hi, ch);
    lo = mix(lo, ~ch);
    if (fifo) {
      for (let k = 0; k < channel.length; k++) {
        const e = events.event(channel[k]!);
        hi = mix(hi, e.hi);
        lo = mix(lo, e.lo);
      }
    } else {
      // A bag is a multiset: sum the finished element hashes, so order cannot matter.
      let sumHi = 0;
      let sumLo = 0;
      for (let k = 0; k < channel.length; k++) {
        const e = events.event(channel[k]!);
        sumHi = (sumHi + finish(e.hi)) | 0;
        sumLo = (sumLo + finish(e.lo ^ 0x5f356495)) | 0;
      }
      hi = mix(hi, sumHi);
      lo = mix(lo, sumLo);
    }
  }
  hi = mix(hi, w.partition);
  lo = mix(lo, w.inputs);
  hi = mix(hi, w.order);
  for (let f = 0; f < w.used.length; f++) {
    hi = mix(hi, w.used[f]!);
    lo = mix(lo, w.used[f]! ^ (f << 8));
  }
  out.hi = finish(hi ^ channels.length);
  out.lo = finish(lo ^ n);
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
  return JSON.stringify([locals, w.status, w.digests, w.order, channels, w.partition, w.used, w.inputs]);
}

/** The fingerprint of a world as 16 hex digits (what traces record after each step). */
export function fingerprint(sys: System, w: World): string {
  const fp = worldFingerprint(sys, w, { hi: 0, lo: 0 });
  return hex64(fp.hi, fp.lo);
}
