import {
  channelHash,
  finishFingerprint,
  globalsHash,
  HASH,
  nodeHash,
  type Fingerprint,
  type HashSource,
} from './fingerprint.ts';
import type { Outcome } from './local-table.ts';
import type { NetworkKind } from './protocol.ts';
import { actingNode, MoveKind, Status, type Move, type World } from './world.ts';

/** What `peekFingerprint` needs of a system (System provides it). */
export interface PeekSource {
  readonly n: number;
  readonly network: NetworkKind;
  readonly hashes: HashSource;
  /** Fault-kind indices of a timeout, a drop and a duplicate. */
  readonly faultIndex: {
    readonly timeout: number;
    readonly drop: number;
    readonly duplicate: number;
  };
  /** The outcome of node `node` taking event `event` in snapshot `local`. */
  step(local: number, event: number): Outcome;
  /** The event id of client input `i`. */
  inputEvent(i: number): number;
  /** Whether `from` may send to `to` (the configuration's links). */
  linked(from: number, to: number): boolean;
  /** How an outcome's observations update its node's digest. */
  digestOf(out: Outcome): { readonly mul: number; readonly add: number };
  /** The global-order digest after `node` observes what `out` observes. */
  orderAfter(order: number, node: number, out: Outcome): number;
}

/**
 * Per-step scratch (counts, not array lengths, are reset: setting an array's length is slow): the
 * channels a step touches and, per touched channel, the messages sent on it.
 */
const touched: number[] = [];
let touchedCount = 0;
const appended: number[][] = [];
const appendedCount: number[] = [];
const usedScratch: number[] = [];

/**
 * What the last world peeked from keeps between peeks: an engine peeks at every successor of a
 * world in turn, and they share its globals' hash and the old hashes of the components they
 * change. `stamp` marks the entries computed for the current world.
 */
const last = {
  world: null as World | null,
  hashes: null as HashSource | null,
  stamp: 0,
  globalsHi: 0,
  globalsLo: 0,
};
/**
 * What the last successful peek found besides the fingerprint (read it before the next peek): the
 * component sums of the world it looked at, before the globals are folded in (`System.apply` takes
 * them for that step instead of hashing what changed again); the fault the move uses (its kind's
 * index, or -1); whether the world's other global fields (inputs, global order) stay as they
 * were, so that `peekAgain` can redo the move elsewhere; and the channels it read or wrote, as a
 * mask (`channelBit`).
 */
export const PEEK_SUMS = { sumHi: 0, sumLo: 0, fault: -1, sameGlobals: true, touched: 0 };

/**
 * The bit of channel `ch` in a mask of channels (`PEEK_SUMS.touched`): bit `ch mod 32`. Two masks
 * that share no bit name no common channel; up to 5 nodes (25 channels) the converse holds too,
 * beyond that two channels may share a bit, which only makes `touchesCommute` say no where it
 * could have said yes. A move whose channels are not known has mask -1 (every bit).
 */
function channelBit(ch: number): number {
  return 1 << (ch & 31);
}

/** Cached component hashes of the current world: node `i` at slot `i`, channel `ch` after them. */
const stamps: number[] = [];
const cachedHi: number[] = [];
const cachedLo: number[] = [];
/** Slots before the channels' (a configuration has at most 30 nodes). */
const NODE_SLOTS = 32;

/** Starts the per-world cache over for `w` (its globals' hash computed now). */
function enter(w: World, hs: HashSource): void {
  last.world = w;
  last.hashes = hs;
  last.stamp++;
  globalsHash(w.partition, w.inputs, w.order, w.used);
  last.globalsHi = HASH.hi;
  last.globalsLo = HASH.lo;
}

/** Whether slot `slot` holds a hash for the current world: then it is in `HASH`. */
function cached(slot: number): boolean {
  if (stamps[slot] !== last.stamp) return false;
  HASH.hi = cachedHi[slot]!;
  HASH.lo = cachedLo[slot]!;
  return true;
}

/** Keeps the hash in `HASH` in slot `slot` for the current world. */
function keep(slot: number): void {
  stamps[slot] = last.stamp;
  cachedHi[slot] = HASH.hi;
  cachedLo[slot] = HASH.lo;
}

/** The component hash of node `node` in the current world, into `HASH` (cached). */
function oldNodeHash(hs: HashSource, w: World, node: number): void {
  if (cached(node)) return;
  nodeHash(hs, node, w.locals[node]!, w.status[node]!, w.digests[node]!);
  keep(node);
}

/** The component hash of channel `ch` in the current world, into `HASH` (cached). */
function oldChannelHash(hs: HashSource, w: World, ch: number): void {
  if (cached(NODE_SLOTS + ch)) return;
  channelHash(hs, ch, w.channels[ch]!);
  keep(NODE_SLOTS + ch);
}

/**
 * The fingerprint the world after move `m` would have, written into `out`, without building that
 * world: the same value as `worldFingerprint(apply(w, m))`, for the moves that touch one node and
 * the channels it sends on (a delivery, an input, a choice, a timeout) and for a drop or a
 * duplicate. Returns false, writing nothing, for any other move (build it instead) or for a step
 * that would throw (a send to a node that does not exist or outside the links: `apply` reports
 * it). The exhaustive engine asks this first and builds only successors it has not stored: most
 * successors of a search are worlds seen before.
 */
export function peekFingerprint(src: PeekSource, w: World, m: Move, out: Fingerprint): boolean {
  const { n, network } = src;
  let node = -1;
  let outcome: Outcome | null = null;
  let inputs = w.inputs;
  let fault = -1;
  // The channel losing a message (-1: none), and whether it is duplicated instead.
  let edited = -1;
  let duplicate = false;
  switch (m.kind) {
    case MoveKind.Deliver:
      node = m.b;
      outcome = src.step(w.locals[m.b]!, m.c);
      if (network !== 'duplicating') edited = m.a * n + m.b;
      break;
    case MoveKind.Input:
      node = m.a;
      outcome = src.step(w.locals[m.a]!, src.inputEvent(m.c));
      inputs |= 1 << m.c;
      break;
    case MoveKind.Choose:
      node = m.a;
      outcome = src.step(w.locals[m.a]!, m.c);
      break;
    case MoveKind.Timeout:
      node = m.a;
      outcome = src.step(w.locals[m.a]!, m.c);
      fault = src.faultIndex.timeout;
      break;
    case MoveKind.Drop:
      edited = m.a * n + m.b;
      fault = src.faultIndex.drop;
      break;
    case MoveKind.Duplicate:
      edited = m.a * n + m.b;
      duplicate = true;
      fault = src.faultIndex.duplicate;
      break;
    default:
      return false;
  }
  touchedCount = 0;
  if (edited >= 0) touch(edited);
  if (outcome !== null) {
    const sends = outcome.sends;
    for (let i = 0; i < sends.length; i += 2) {
      const to = sends[i]!;
      if (to >= n || !src.linked(node, to)) return false;
      if (w.status[to] !== Status.Up) continue;
      const t = touch(node * n + to);
      appended[t]![appendedCount[t]!++] = sends[i + 1]!;
    }
  }
  const hs = src.hashes;
  if (w !== last.world || hs !== last.hashes) enter(w, hs);
  let sumHi = w.sumHi;
  let sumLo = w.sumLo;
  let order = w.order;
  if (outcome !== null) {
    const digest = w.digests[node]!;
    let next = digest;
    if (outcome.observations.length > 0) {
      const { mul, add } = src.digestOf(outcome);
      next = (Math.imul(digest, mul) + add) | 0;
      order = src.orderAfter(order, node, outcome);
    }
    oldNodeHash(hs, w, node);
    sumHi = (sumHi - HASH.hi) | 0;
    sumLo = (sumLo - HASH.lo) | 0;
    nodeHash(hs, node, outcome.next, w.status[node]!, next);
    sumHi = (sumHi + HASH.hi) | 0;
    sumLo = (sumLo + HASH.lo) | 0;
  }
  let mask = 0;
  for (let t = 0; t < touchedCount; t++) {
    const ch = touched[t]!;
    mask |= channelBit(ch);
    const old = w.channels[ch]!;
    oldChannelHash(hs, w, ch);
    sumHi = (sumHi - HASH.hi) | 0;
    sumLo = (sumLo - HASH.lo) | 0;
    editedHash(
      hs,
      network,
      ch,
      old,
      ch === edited ? m.c : -1,
      duplicate,
      appended[t]!,
      appendedCount[t]!,
    );
    sumHi = (sumHi + HASH.hi) | 0;
    sumLo = (sumLo + HASH.lo) | 0;
  }
  finishPeek(w, sumHi, sumLo, fault, inputs, order, out);
  PEEK_SUMS.touched = mask;
  return true;
}

/**
 * The fingerprint of the world after a move from `w` into `out`, given the change it makes to the
 * component sums, `dHi` and `dLo`, as a peek of the same move from another world found it, the
 * fault it uses (-1: none) and the channels it touched there (a mask). Valid when the move changes
 * no other global field and reads nothing that differs between the two worlds (`peekCommutes`,
 * `touchesCommute`): then it changes the same components the same way. Sets `PEEK_SUMS` as a
 * peek does.
 */
export function peekAgain(
  src: PeekSource,
  w: World,
  fault: number,
  dHi: number,
  dLo: number,
  touchedMask: number,
  out: Fingerprint,
): void {
  if (w !== last.world || src.hashes !== last.hashes) enter(w, src.hashes);
  finishPeek(w, (w.sumHi + dHi) | 0, (w.sumLo + dLo) | 0, fault, w.inputs, w.order, out);
  PEEK_SUMS.touched = touchedMask;
}

/** A peek's last part: `PEEK_SUMS` set, and the sums finished with the successor's globals. */
function finishPeek(
  w: World,
  sumHi: number,
  sumLo: number,
  fault: number,
  inputs: number,
  order: number,
  out: Fingerprint,
): void {
  PEEK_SUMS.sumHi = sumHi;
  PEEK_SUMS.sumLo = sumLo;
  PEEK_SUMS.fault = fault;
  PEEK_SUMS.sameGlobals = inputs === w.inputs && order === w.order;
  // The globals' hash is the world's unless a fault, an input or a global-order observation
  // changed them.
  if (fault < 0 && PEEK_SUMS.sameGlobals)
    finishFingerprint(sumHi, sumLo, last.globalsHi, last.globalsLo, out);
  else {
    let used = w.used;
    if (fault >= 0) {
      for (let f = 0; f < used.length; f++) usedScratch[f] = used[f]!;
      usedScratch[fault]!++;
      used = usedScratch;
    }
    globalsHash(w.partition, inputs, order, used);
    finishFingerprint(sumHi, sumLo, HASH.hi, HASH.lo, out);
  }
}

/**
 * The node whose snapshot and outgoing channels a peek of `m` reads: the receiver of a delivery,
 * the node of an input, choice or timeout; -1 for a drop or a duplicate (one channel only); -2 for
 * a move no peek covers.
 */
function peekedNode(m: Move): number {
  switch (m.kind) {
    case MoveKind.Deliver:
    case MoveKind.Input:
    case MoveKind.Choose:
    case MoveKind.Timeout:
      return actingNode(m);
    case MoveKind.Drop:
    case MoveKind.Duplicate:
      return -1;
    default:
      return -2;
  }
}

/**
 * Whether a peek of `m` reads nothing that taking `m1` writes, so that it finds the same change to
 * the component sums after `m1` as before (`peekAgain`). A peek reads its node's snapshot, status
 * and digest, the channel it takes from (a delivery, a drop, a duplicate) and the channels its
 * node sends on (from that node); `m1` writes the same of its own. So they must act at different
 * nodes, not take from the same channel, and neither may take from a channel the other's node
 * sends on. Statuses and the partition change only by moves no peek covers, which commute with
 * nothing here.
 */
export function peekCommutes(m: Move, m1: Move): boolean {
  const node = peekedNode(m);
  const node1 = peekedNode(m1);
  if (node === -2 || node1 === -2) return false;
  if (node >= 0 && node === node1) return false;
  const takes = m.kind === MoveKind.Deliver || node < 0;
  const takes1 = m1.kind === MoveKind.Deliver || node1 < 0;
  if (takes && takes1 && m.a === m1.a && m.b === m1.b) return false;
  if (takes && node1 >= 0 && m.a === node1) return false;
  if (takes1 && node >= 0 && m1.a === node) return false;
  return true;
}

/**
 * Whether a peek of `m` reads nothing that taking `m1` writes, judged by what peeks of both from
 * the same world touched: the channels each read or wrote, as masks (`PEEK_SUMS.touched`), and
 * their nodes. A peek reads its node's snapshot, status and digest and the channels in its mask
 * (the one it takes from, the ones its node sends on this time); `m1` writes the same of its own.
 * So they must act at different nodes and touch no common channel. It says yes to every pair
 * `peekCommutes` does (whose static rule cannot see that a step sends on no channel the other
 * takes from) and to more: a delivery after another node's step that sent elsewhere.
 */
export function touchesCommute(
  m: Move,
  m1: Move,
  touchedMask: number,
  touchedMask1: number,
): boolean {
  if (touchedMask === -1 || touchedMask1 === -1 || (touchedMask & touchedMask1) !== 0) return false;
  const node = peekedNode(m);
  const node1 = peekedNode(m1);
  if (node === -2 || node1 === -2) return false;
  return node < 0 || node !== node1;
}

/** The index of channel `ch` in this step's touched list, added (with nothing appended) if new. */
function touch(ch: number): number {
  for (let t = 0; t < touchedCount; t++) if (touched[t] === ch) return t;
  const t = touchedCount++;
  touched[t] = ch;
  if (appended.length <= t) appended.push([]);
  appendedCount[t] = 0;
  return t;
}

/** Scratch content of an edited channel (reused: channels are short), and its length. */
const content: number[] = [];
let contentLength = 0;

/**
 * The hash of channel `ch` after an edit, into `HASH`: `old` with one copy of `removed` taken out
 * (the head, on a FIFO network; -1: none) or, when `duplicate`, put in once more, then the first
 * `sent` of `sends` sent on it, with the network's semantics (network.ts).
 */
function editedHash(
  src: HashSource,
  network: NetworkKind,
  ch: number,
  old: readonly number[],
  removed: number,
  duplicate: boolean,
  sends: readonly number[],
  sent: number,
): void {
  contentLength = 0;
  if (network === 'fifo') {
    if (duplicate) content[contentLength++] = removed;
    for (let k = removed >= 0 && !duplicate ? 1 : 0; k < old.length; k++)
      content[contentLength++] = old[k]!;
    for (let k = 0; k < sent; k++) content[contentLength++] = sends[k]!;
  } else {
    let skip = removed >= 0 && !duplicate;
    for (let k = 0; k < old.length; k++) {
      const x = old[k]!;
      if (skip && x === removed) {
        skip = false;
        continue;
      }
      content[contentLength++] = x;
    }
    if (duplicate) content[contentLength++] = removed;
    for (let k = 0; k < sent; k++) {
      if (network === 'duplicating' && holds(sends[k]!)) continue;
      content[contentLength++] = sends[k]!;
    }
  }
  // A bag's hash is a sum over its elements, so their order here does not matter.
  channelHash(src, ch, content, contentLength);
}

/** Whether the edited content so far holds `msg`. */
function holds(msg: number): boolean {
  for (let k = 0; k < contentLength; k++) if (content[k] === msg) return true;
  return false;
}
