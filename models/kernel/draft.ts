import { channelHash, HASH, nodeHash, type HashSource } from './fingerprint.ts';
import { DIGEST_BASE } from './hash.ts';
import { truncate } from './lists.ts';
import { ChannelOp, channelChange, channelChangeInPlace } from './network.ts';
import { appendHistory } from './observation.ts';
import type { NetworkKind } from './protocol.ts';
import type { Observation } from './spec.ts';
import { refills, Reuse, Status, type World } from './world.ts';

const EMPTY: readonly number[] = Object.freeze([]);
const NO_WORLD: World = {
  locals: [],
  status: [],
  channels: [],
  partition: 0,
  used: [],
  inputs: 0,
  history: null,
  digests: [],
  order: 0,
  sumHi: 0,
  sumLo: 0,
};

/** An observation the kernel itself records, with its hash and digest update. */
export interface KernelObservation {
  readonly obs: Observation;
  readonly hash: number;
  readonly mul: number;
  readonly add: number;
}

/** Which observations the global-order digest follows: none, all, or those of some kinds. */
export type GlobalKinds = null | 'all' | ReadonlySet<string>;

/**
 * The global-order digest after `node` makes `observations` (with their content `hashes`): each
 * one of a kind in `kinds` and not `outside` the identity is appended, salted with the node's index
 * (the global order also tells which node observed).
 */
export function orderStep(
  order: number,
  node: number,
  observations: readonly Observation[],
  hashes: readonly number[],
  kinds: GlobalKinds,
  outside: ReadonlySet<string> | null,
): number {
  if (kinds === null) return order;
  const salt = Math.imul(node + 1, 0x9e3779b1);
  for (let i = 0; i < observations.length; i++) {
    const kind = observations[i]!.kind;
    if ((kinds !== 'all' && !kinds.has(kind)) || outside?.has(kind) === true) continue;
    order = (Math.imul(order, DIGEST_BASE) + (hashes[i]! ^ salt)) | 0;
  }
  return order;
}

/**
 * A world under construction. Arrays are copied on first write, so a step shares what it does not
 * touch; every write goes through a setter that remembers which node and channel changed, so
 * `finish` updates the world's fingerprint sums incrementally (subtract the old component's hash,
 * add the new one) instead of rehashing the whole world.
 */
export class Draft {
  private locals: number[] = [];
  private status: Status[] = [];
  private channels: (readonly number[])[] = [];
  private digests: readonly number[] = [];
  /** Faults used. */
  used: readonly number[] = [];
  /** Partition mask. */
  partition = 0;
  /** Inputs consumed. */
  inputs = 0;
  private order = 0;
  private readonly history: Observation[] = [];
  private copied = 0;
  private dirtyNodes = 0;
  /** The channels this step changed: the first `dirtyCount` entries (a count is cheaper to reset). */
  private readonly dirtyChannels: number[] = [];
  private dirtyCount = 0;
  private base: World = NO_WORLD;
  /** Whether the step's component sums are known before it is built (`knownSums`): no hashing. */
  private known = false;
  private knownHi = 0;
  private knownLo = 0;
  /** Where this step writes what it changes. */
  private reuse = Reuse.None;
  /** The arrays a scratch step writes into (sized at its first use). */
  private readonly own = {
    locals: [] as number[],
    status: [] as Status[],
    channels: [] as (readonly number[])[],
    digests: [] as number[],
    used: [] as number[],
  };
  /**
   * In place (`Reuse.InPlace`): the world object the last step finished, which the next step from
   * it refills, and per channel the array a step made for it, which later steps change in place
   * while the world holds it. Both let go when a step starts from another world.
   */
  private ownWorld: { -readonly [K in keyof World]: World[K] } | null = null;
  private readonly ownChannels: (number[] | undefined)[] = [];

  /**
   * One draft serves every step of a system (steps do not nest), so a step allocates only what
   * the new world keeps. Call `reset` before each step.
   * @param source the hashes of interned snapshots and events; null to keep no fingerprint sums
   * @param globalKinds which observations the global order digest follows
   * @param outside observation kinds kept out of a world's identity (in neither digest)
   */
  constructor(
    private readonly source: HashSource | null,
    private readonly globalKinds: GlobalKinds,
    private readonly outside: ReadonlySet<string> | null = null,
  ) {}

  /**
   * Starts a new step from `base`, writing what it changes where `reuse` says: new arrays, or the
   * draft's scratch arrays (the world it finishes is valid until the next scratch step, and
   * allocates nothing but itself).
   */
  reset(base: World, reuse = Reuse.None): this {
    this.base = base;
    this.reuse = reuse === Reuse.InPlace && this.source !== null ? Reuse.Scratch : reuse;
    if (this.ownWorld !== null && (this.reuse !== Reuse.InPlace || base !== this.ownWorld)) {
      // Another world's step: what this draft changed in place is the old world's now.
      this.ownWorld = null;
      truncate(this.ownChannels);
    }
    this.locals = base.locals as number[];
    this.status = base.status as Status[];
    this.channels = base.channels as (readonly number[])[];
    this.used = base.used;
    this.partition = base.partition;
    this.inputs = base.inputs;
    this.digests = base.digests;
    this.order = base.order;
    truncate(this.history);
    this.copied = 0;
    this.dirtyNodes = 0;
    this.dirtyCount = 0;
    this.known = false;
    return this;
  }

  /**
   * Gives this step's component sums (a peek at the same step found them), so `finish` takes them
   * instead of hashing what changed.
   */
  knownSums(sumHi: number, sumLo: number): void {
    this.known = true;
    this.knownHi = sumHi;
    this.knownLo = sumLo;
  }

  /** A node's status in the draft. */
  statusOf(node: number): Status {
    return this.status[node]!;
  }

  /** A node's snapshot id in the draft. */
  localOf(node: number): number {
    return this.locals[node]!;
  }

  /** A channel's content in the draft. */
  channel(ch: number): readonly number[] {
    return this.channels[ch]!;
  }

  /** What to write `from`'s changes into: a new copy, or `into` refilled (scratch). */
  private copy<T>(from: readonly T[], into: T[]): T[] {
    if (this.reuse === Reuse.None) return from.slice();
    if (from === into) return this.reuse === Reuse.InPlace ? into : from.slice();
    if (into.length !== from.length) into.length = from.length;
    for (let i = 0; i < from.length; i++) into[i] = from[i]!;
    return into;
  }

  /** Sets a node's snapshot id. */
  setLocal(node: number, id: number): void {
    if ((this.copied & 1) === 0) {
      this.locals = this.copy(this.locals, this.own.locals);
      this.copied |= 1;
    }
    this.locals[node] = id;
    this.dirtyNodes |= 1 << node;
  }

  /** Sets a node's status. */
  setStatus(node: number, s: Status): void {
    if ((this.copied & 2) === 0) {
      this.status = this.copy(this.status, this.own.status);
      this.copied |= 2;
    }
    this.status[node] = s;
    this.dirtyNodes |= 1 << node;
  }

  /** Sets a channel's content. */
  setChannel(ch: number, content: readonly number[]): void {
    if ((this.copied & 4) === 0) {
      if (this.reuse !== Reuse.None) refills.count++;
      this.channels = this.copy(this.channels, this.own.channels);
      this.copied |= 4;
    }
    this.channels[ch] = content;
    for (let k = 0; k < this.dirtyCount; k++) if (this.dirtyChannels[k] === ch) return;
    this.dirtyChannels[this.dirtyCount++] = ch;
  }

  /**
   * Sends on, delivers from or removes from channel `ch` of a `kind` network (`op`, with message
   * `msg`): in place when the channel's array is one an earlier in-place step made (`ownWorld`),
   * else a new array.
   */
  change(ch: number, op: ChannelOp, kind: NetworkKind, msg: number): void {
    const current = this.channel(ch);
    if (this.reuse === Reuse.InPlace) {
      const own = this.ownChannels[ch];
      if (own === current) {
        channelChangeInPlace(op, kind, own, msg);
        this.setChannel(ch, own);
        return;
      }
      const made = channelChange(op, kind, current, msg);
      if (made !== current && made.length > 0) this.ownChannels[ch] = made as number[];
      this.setChannel(ch, made);
      return;
    }
    this.setChannel(ch, channelChange(op, kind, current, msg));
  }

  /** Counts one fault of kind index `f`. */
  useFault(f: number): void {
    if ((this.copied & 8) === 0) {
      this.used = this.copy(this.used, this.own.used);
      this.copied |= 8;
    }
    (this.used as number[])[f]!++;
  }

  /** Empties the channels into `node`: what was in flight to a node that stops is lost. */
  isolate(node: number, n: number): void {
    for (let from = 0; from < n; from++) {
      if (this.channels[from * n + node]!.length > 0) this.setChannel(from * n + node, EMPTY);
    }
  }

  /** Appends observations of `node` (with their hashes) and updates the history digests. */
  record(
    node: number,
    observations: readonly Observation[],
    hashes: readonly number[],
    mul: number,
    add: number,
  ): void {
    for (const o of observations) this.history.push(o);
    if ((this.copied & 16) === 0) {
      this.digests = this.copy(this.digests, this.own.digests);
      this.copied |= 16;
    }
    const digests = this.digests as number[];
    digests[node] = (Math.imul(digests[node]!, mul) + add) | 0;
    this.dirtyNodes |= 1 << node;
    if (this.globalKinds === null) return;
    this.order = orderStep(this.order, node, observations, hashes, this.globalKinds, this.outside);
  }

  /** Records an observation made by the kernel. */
  observe(node: number, k: KernelObservation): void {
    this.record(node, [k.obs], [k.hash], k.mul, k.add);
  }

  /** Whether this draft keeps fingerprint sums. */
  get hashing(): boolean {
    return this.source !== null;
  }

  /** The finished world, its fingerprint sums updated for what changed (when hashing). */
  finish(): World {
    const base = this.base;
    let sumHi = base.sumHi;
    let sumLo = base.sumLo;
    const src = this.source;
    if (src === null) return this.world(0, 0);
    if (this.known) return this.world(this.knownHi, this.knownLo);
    for (let mask = this.dirtyNodes, node = 0; mask !== 0; mask >>>= 1, node++) {
      if ((mask & 1) === 0) continue;
      nodeHash(src, node, base.locals[node]!, base.status[node]!, base.digests[node]!);
      sumHi = (sumHi - HASH.hi) | 0;
      sumLo = (sumLo - HASH.lo) | 0;
      nodeHash(src, node, this.locals[node]!, this.status[node]!, this.digests[node]!);
      sumHi = (sumHi + HASH.hi) | 0;
      sumLo = (sumLo + HASH.lo) | 0;
    }
    for (let k = 0; k < this.dirtyCount; k++) {
      const ch = this.dirtyChannels[k]!;
      channelHash(src, ch, base.channels[ch]!);
      sumHi = (sumHi - HASH.hi) | 0;
      sumLo = (sumLo - HASH.lo) | 0;
      channelHash(src, ch, this.channels[ch]!);
      sumHi = (sumHi + HASH.hi) | 0;
      sumLo = (sumLo + HASH.lo) | 0;
    }
    return this.world(sumHi, sumLo);
  }

  private world(sumHi: number, sumLo: number): World {
    const base = this.base;
    const history =
      this.history.length === 0 ? base.history : appendHistory(base.history, this.history);
    const own = this.ownWorld;
    if (own !== null) {
      // An in-place step from the world the last one finished (`reset` let it go otherwise).
      own.locals = this.locals;
      own.status = this.status;
      own.channels = this.channels;
      own.partition = this.partition;
      own.used = this.used;
      own.inputs = this.inputs;
      own.history = history;
      own.digests = this.digests;
      own.order = this.order;
      own.sumHi = sumHi;
      own.sumLo = sumLo;
      return own;
    }
    const made = {
      locals: this.locals,
      status: this.status,
      channels: this.channels,
      partition: this.partition,
      used: this.used,
      inputs: this.inputs,
      history,
      digests: this.digests,
      order: this.order,
      sumHi,
      sumLo,
    };
    if (this.reuse === Reuse.InPlace) this.ownWorld = made;
    return made;
  }
}
