import type {
  InvariantProperty,
  Property,
  PropertyContext,
  WorldView,
  Observation,
} from './spec.ts';
import type { Action, Payload } from './action.ts';
import type { Json, JsonObject } from './json.ts';
import { digestStep, LocalTable, observationHash, type Outcome } from './local-table.ts';
import { channelCanDeliver, channelDeliverable, channelDuplicate, ChannelOp } from './network.ts';
import { checkedConfig, MAX_NODES } from './config-schema.ts';
import { Draft, orderStep, type GlobalKinds, type KernelObservation } from './draft.ts';
import { DIGEST_BASE } from './hash.ts';
import type { HistoryList } from './observation.ts';
import { peekAgain, peekFingerprint, type PeekSource } from './peek.ts';
import { actionToMove, moveToAction } from './move-codec.ts';
import { componentSums, type Fingerprint, type HashSource } from './fingerprint.ts';
import {
  FAULT_KINDS,
  type Config,
  type FaultKind,
  type Protocol,
  type Role,
  type Variant,
} from './protocol.ts';
import { sameInts, truncate } from './lists.ts';
import { MoveKind, Reuse, Status, type Move, type World } from './world.ts';
import {
  guardedProperty,
  MODEL_ERROR,
  ModelError,
  modelErrorObservation,
  modelCall,
  modelErrorProperty,
  thrownText,
} from './model-error.ts';

const EMPTY: readonly number[] = Object.freeze([]);
/** The events of a role that declares no timeouts or no choices. */
const NO_EVENTS: readonly Payload[] = Object.freeze([]);
const fault = (kind: FaultKind): number => FAULT_KINDS.indexOf(kind);
const F_DROP = fault('drop');
const F_DUP = fault('duplicate');
const F_CRASH = fault('crash');
const F_RECOVER = fault('recover');
const F_JOIN = fault('join');
const F_LEAVE = fault('leave');
const F_PARTITION = fault('partition');
const F_TIMEOUT = fault('timeout');
/**
 * The kinds of the observations the kernel itself records (`kernelObs`, and a failed step's):
 * they name no node but their observer's.
 */
export const KERNEL_KINDS: ReadonlySet<string> = new Set([
  'crash',
  'recover',
  'join',
  'leave',
  MODEL_ERROR,
]);

/** Moves are kept by `c` in chunks of `CHUNK` (event ids and input indices are small and dense). */
const CHUNK_BITS = 8;
const CHUNK = 1 << CHUNK_BITS;
/**
 * Every move made so far but partitions, by kind, `a` and `b` (each + 1), then by `c` in chunks:
 * arrays with no holes the engine would have to look up in a dictionary (see `sharedMove`).
 */
const moves = new Array<((Move | undefined)[] | undefined)[] | undefined>(
  (MoveKind.Expire + 1) * 32 * 32,
).fill(undefined);
/** Every partition move made so far, by its side mask (up to 2^30: too sparse for an array). */
const partitions = new Map<number, Move>();

/**
 * The move `{ kind, a, b, c }`: one shared object per distinct move, for every system (moves are
 * never mutated). Listing a world's enabled moves then allocates nothing, and a random run's
 * scenarios, each a system of its own, reuse the moves of the ones before.
 */
function sharedMove(kind: MoveKind, a: number, b: number, c: number): Move {
  if (kind === MoveKind.Partition) {
    let m = partitions.get(c);
    if (m === undefined) {
      m = { kind, a, b, c };
      partitions.set(c, m);
    }
    return m;
  }
  const at = (kind * 32 + a + 1) * 32 + b + 1;
  const chunks = (moves[at] ??= []);
  const hi = c >>> CHUNK_BITS;
  let chunk = chunks[hi];
  if (chunk === undefined) {
    while (chunks.length < hi) chunks.push(undefined);
    chunk = new Array<Move | undefined>(CHUNK).fill(undefined);
    chunks[hi] = chunk;
  }
  let m = chunk[c & (CHUNK - 1)];
  if (m === undefined) {
    m = { kind, a, b, c };
    chunk[c & (CHUNK - 1)] = m;
  }
  return m;
}

/** The observations the kernel records for each node index (they depend on nothing else). */
const KERNEL_OBSERVATIONS = Array.from({ length: MAX_NODES }, (_, node) => {
  const kernel = (kind: string): KernelObservation => {
    const obs: Observation = { node, kind };
    const hash = observationHash(obs);
    return { obs, hash, ...digestStep([hash]) };
  };
  return {
    crash: kernel('crash'),
    recover: kernel('recover'),
    join: kernel('join'),
    leave: kernel('leave'),
  };
});

/** The kernel observation of a failed step of `node` (model-error.ts). */
function failure(node: number, error: string): KernelObservation {
  const obs = modelErrorObservation(node, error);
  const hash = observationHash(obs);
  return { obs, hash, ...digestStep([hash]) };
}

/**
 * Each protocol's properties, guarded (a check that throws is a `model-error` violation), and the
 * built-in `model-error` after them, and whether any is an `always` invariant: once per protocol.
 */
const checked = new WeakMap<
  Protocol,
  { readonly properties: readonly Property[]; readonly hasInvariants: boolean }
>();

/**
 * One protocol variant under one configuration, compiled for the engines: the world's initial
 * state, its enabled moves and their effects. This is the kernel's semantics; every engine and the
 * replayer go through it, so they cannot disagree on what a step means.
 */
export class System implements PeekSource {
  /** The concrete configuration. */
  readonly config: Config;
  /**
   * The properties every engine checks: the protocol's, then the built-in `model-error` (a node's
   * step failed, model-error.ts).
   */
  readonly properties: readonly Property[];
  /**
   * Whether a property is an `always` invariant, which reads every world (a run must keep its
   * worlds, and partial-order reduction does not preserve it).
   */
  readonly hasInvariants: boolean;
  /** Number of nodes. */
  readonly n: number;
  /** The interning, memoizing xstate adapter. */
  readonly table: LocalTable;
  private readonly roles: readonly Role[];
  /** Per node: whether its role has guarded receives (it is handed only messages it takes). */
  private readonly guarded: readonly boolean[];
  private readonly timeoutIds: readonly (readonly number[])[];
  private readonly choiceIds: readonly (readonly number[])[];
  /** The interned event id of each client input. */
  readonly inputIds: readonly number[];
  /** For each input, the earlier inputs identical to it (bitmask): they must be consumed first. */
  private readonly twinMask: readonly number[];
  /** Each fault kind's budget, indexed like `FAULT_KINDS`. */
  readonly budget: readonly number[];
  /** The interned id of the `leave` event a leaving node handles. */
  readonly leaveId: number;
  /** `links[from * n + to]`: whether `from` may send to `to` (all true when undeclared). */
  readonly links: Uint8Array;
  /** Where world fingerprints get their component hashes. */
  readonly hashes: HashSource;
  private readonly draft: Draft;
  /**
   * The last world `enabled` listed and whether it is quiescent: `enabled` finds out on its way
   * (whether anything but time can pass, and then whether a timer is due), and the engines ask
   * `quiescent` about the same world next (the depth-first search: 1-2% of its time scanning the
   * channels again).
   */
  private readonly lastListed = { world: null as World | null, quiescent: false };
  /** Whether the network is duplicating (its channels never empty). */
  private readonly duplicating: boolean;
  /** Observation kinds kept out of a world's identity (the protocol's declaration), or null. */
  private readonly outside: ReadonlySet<string> | null;
  /** `digestOf`'s answer when every observation is inside the identity (refilled, not made). */
  private readonly wholeDigest = { mul: 1, add: 0 };
  /** Per outcome, its digest update over the observations inside the identity (memo). */
  private readonly insideDigest = new WeakMap<Outcome, { mul: number; add: number }>();
  /** Which observations' order across nodes worlds keep (what `global` properties read). */
  readonly globalKinds: GlobalKinds;
  private readonly kernelObs: readonly Record<
    'crash' | 'recover' | 'join' | 'leave',
    KernelObservation
  >[];

  /**
   * Compiles `variant` of `protocol` for the parameters `params`. Pass the `table` of an earlier
   * system of the same variant to share its memo. `hashing: false` skips maintaining world
   * fingerprints (the random engine's scenarios never look at them).
   */
  constructor(
    readonly protocol: Protocol,
    readonly variant: Variant,
    readonly params: JsonObject,
    table: LocalTable = new LocalTable(),
    hashing = true,
  ) {
    const configure = () => `${protocol.name}: configure(${JSON.stringify(params)})`;
    this.config = checkedConfig(
      modelCall(configure, () => protocol.configure(params)),
      configure,
    );
    const nodes = this.config.nodes;
    this.n = nodes.length;
    this.roles = nodes.map((node) => {
      const role = variant.roles[node.role];
      if (role === undefined)
        throw new ModelError(`variant ${variant.name} has no role ${node.role}`);
      return role;
    });
    this.guarded = this.roles.map((r) => r.guardedReceives === true);
    this.table = table;
    this.timeoutIds = this.roles.map((r) => this.table.environmentIds(r.timeouts ?? NO_EVENTS));
    this.choiceIds = this.roles.map((r) => this.table.environmentIds(r.choices ?? NO_EVENTS));
    this.inputIds = this.config.inputs.map((i) => {
      if (i.node < 0 || i.node >= this.n)
        throw new ModelError(`client input to unknown node ${i.node}`);
      return this.table.eventId(-1, i.event);
    });
    this.twinMask = this.config.inputs.map((input, i) =>
      this.config.inputs.reduce(
        (mask, other, j) =>
          j < i && other.node === input.node && this.inputIds[j] === this.inputIds[i]
            ? mask | (1 << j)
            : mask,
        0,
      ),
    );
    this.budget = FAULT_KINDS.map((k) => this.config.faults[k] ?? 0);
    this.leaveId = this.table.eventId(-1, { type: 'leave' });
    this.links = linkMatrix(this.n, this.config.links);
    this.duplicating = this.config.network === 'duplicating';
    if (hashing) table.keepHashes();
    this.hashes = {
      snapHash: table.snapHash,
      eventHash: table.eventHash,
      fifo: this.config.network === 'fifo',
    };
    this.globalKinds = globalKinds(protocol);
    const outside = protocol.observationsOutsideIdentity ?? [];
    this.outside = outside.length === 0 ? null : new Set(outside);
    this.draft = new Draft(hashing ? this.hashes : null, this.globalKinds, this.outside);
    this.kernelObs = KERNEL_OBSERVATIONS.slice(0, this.n);
    let compiled = checked.get(protocol);
    if (compiled === undefined) {
      const properties = [...protocol.properties.map(guardedProperty), modelErrorProperty];
      compiled = { properties, hasInvariants: properties.some((p) => p.kind === 'always') };
      checked.set(protocol, compiled);
    }
    this.properties = compiled.properties;
    this.hasInvariants = compiled.hasInvariants;
  }

  /** A node's display name. */
  name(node: number): string {
    return this.config.nodes[node]?.name ?? `n${node}`;
  }

  /** The initial world: every node that is not `out` started from its input. */
  initial(): World {
    const n = this.n;
    const empty = {
      locals: new Array<number>(n).fill(-1),
      status: this.config.nodes.map((node) => (node.out ? Status.Out : Status.Up)),
      channels: new Array<readonly number[]>(n * n).fill(EMPTY),
      partition: 0,
      used: new Array<number>(FAULT_KINDS.length).fill(0),
      inputs: 0,
      history: null,
      digests: new Array<number>(n).fill(0),
      order: 0,
      sumHi: 0,
      sumLo: 0,
    };
    if (this.draft.hashing) Object.assign(empty, componentSums(this.hashes, empty));
    const draft = this.draft.reset(empty);
    for (let node = 0; node < n; node++) {
      if (empty.status[node] === Status.Up)
        this.run(draft, node, this.start(node, this.config.nodes[node]!.input));
    }
    return draft.finish();
  }

  /**
   * The enabled moves of `w`, benign ones (deliver, input, choose, heal) into `benign` and faults
   * (timeout, drop, duplicate, crash, recover, join, leave, partition) into `faults`, each in a
   * fixed order. Both arrays are cleared first. With `faults` null only the benign moves are
   * listed (the same list): a random schedule's step that picks a benign move, and the drain, need
   * no more.
   */
  enabled(w: World, benign: Move[], faults: Move[] | null): void {
    truncate(benign);
    if (faults !== null) truncate(faults);
    const { n, budget } = this;
    const kind = this.config.network;
    const { status, used, channels } = w;
    const canDrop = faults !== null && used[F_DROP]! < budget[F_DROP]!;
    const duplicating = kind === 'duplicating';
    const canDup = faults !== null && !duplicating && used[F_DUP]! < budget[F_DUP]!;
    // On a duplicating network: whether some copy would change its (up) receiver (see `idle`).
    let useful = false;
    for (let from = 0; from < n; from++) {
      for (let to = 0; to < n; to++) {
        const channel = channels[from * n + to]!;
        const len = channel.length;
        if (len === 0) continue;
        const up = status[to] === Status.Up;
        const open = up && !this.cut(w.partition, from, to);
        // The deliverable messages (channelDeliverable), without building the list: a queue's
        // head, or each distinct message of a sorted bag or set once.
        for (let i = 0; i < (kind === 'fifo' ? 1 : len); i++) {
          const c = channel[i]!;
          if (i > 0 && c === channel[i - 1]) continue;
          const taken = up && this.takes(w, to, c);
          if (open && taken) benign.push(sharedMove(MoveKind.Deliver, from, to, c));
          if (duplicating && taken && !useful) useful = this.table.step(w.locals[to]!, c).effective;
          if (canDrop) faults!.push(sharedMove(MoveKind.Drop, from, to, c));
          if (canDup) faults!.push(sharedMove(MoveKind.Duplicate, from, to, c));
        }
      }
    }
    const inputs = this.config.inputs;
    for (let i = 0; i < inputs.length; i++) {
      // Of identical waiting inputs (same node, same event) only the first is offered: taking
      // either gives the same action, and a trace must replay to the same world.
      if ((w.inputs & (1 << i)) === 0 && (w.inputs & this.twinMask[i]!) === this.twinMask[i]!) {
        if (status[inputs[i]!.node] === Status.Up)
          benign.push(sharedMove(MoveKind.Input, inputs[i]!.node, -1, i));
      }
    }
    for (let node = 0; node < n; node++) {
      if (status[node] !== Status.Up) continue;
      const choices = this.choiceIds[node]!;
      for (let k = 0; k < choices.length; k++) {
        const c = choices[k]!;
        if (this.table.step(w.locals[node]!, c).effective)
          benign.push(sharedMove(MoveKind.Choose, node, -1, c));
      }
    }
    if (w.partition !== 0) benign.push(sharedMove(MoveKind.Heal, -1, -1, 0));
    // Time passes only when nothing else can happen; then every due timer fires, free. Outside a
    // duplicating network (whose channels never empty) that is exactly when no benign move but a
    // choice was found above. The due timers are listed once, for both uses.
    let idle = true;
    if (duplicating) idle = w.partition === 0 && !useful && !this.inputWaiting(w);
    else for (let i = 0; i < benign.length && idle; i++) idle = benign[i]!.kind === MoveKind.Choose;
    this.lastListed.world = w;
    if (faults === null) {
      const due = idle && this.timeouts(w, null);
      if (due) benign.push(sharedMove(MoveKind.Expire, -1, -1, 0));
      this.lastListed.quiescent = idle && !due;
      return;
    }
    const early = used[F_TIMEOUT]! < budget[F_TIMEOUT]!;
    this.lastListed.quiescent = false;
    if (idle || early) {
      const start = faults.length;
      const due = this.timeouts(w, faults);
      if (due && idle) benign.push(sharedMove(MoveKind.Expire, -1, -1, 0));
      this.lastListed.quiescent = idle && !due;
      if (!early) truncate(faults, start);
    }
    for (let node = 0; node < n; node++) {
      const s = status[node];
      if (s === Status.Up && used[F_CRASH]! < budget[F_CRASH]!)
        faults.push(sharedMove(MoveKind.Crash, node, -1, 0));
      if (s === Status.Down && used[F_RECOVER]! < budget[F_RECOVER]!)
        faults.push(sharedMove(MoveKind.Recover, node, -1, 0));
      if (s === Status.Out && used[F_JOIN]! < budget[F_JOIN]!)
        faults.push(sharedMove(MoveKind.Join, node, -1, 0));
      if (s === Status.Up && used[F_LEAVE]! < budget[F_LEAVE]!)
        faults.push(sharedMove(MoveKind.Leave, node, -1, 0));
    }
    if (w.partition === 0 && used[F_PARTITION]! < budget[F_PARTITION]! && n > 1) {
      const all = (1 << n) - 1;
      for (let side = 1; side < all; side += 2)
        faults.push(sharedMove(MoveKind.Partition, -1, -1, side));
    }
  }

  /**
   * The timeouts that would do something now (budget not consulted), appended to `out`; with
   * `out` null, it stops at the first. Whether there was one.
   */
  timeouts(w: World, out: Move[] | null): boolean {
    let due = false;
    for (let node = 0; node < this.n; node++) {
      if (w.status[node] !== Status.Up) continue;
      const timers = this.timeoutIds[node]!;
      for (let k = 0; k < timers.length; k++) {
        const c = timers[k]!;
        if (!this.table.step(w.locals[node]!, c).effective) continue;
        if (out === null) return true;
        out.push(sharedMove(MoveKind.Timeout, node, -1, c));
        due = true;
      }
    }
    return due;
  }

  /**
   * The world after `m`, which must be enabled in `w`, its arrays where `reuse` says (new ones by
   * default; see `Reuse`). `sumHi` and `sumLo`: its component sums, when a peek at this very step
   * found them (`PEEK_SUMS`), so that they are not hashed again.
   */
  apply(w: World, m: Move, reuse = Reuse.None, sumHi?: number, sumLo?: number): World {
    const n = this.n;
    const kind = this.config.network;
    const d = this.draft.reset(w, reuse);
    // An in-place step refills `w` itself: what `enabled` last found of it is stale.
    if (reuse === Reuse.InPlace) this.lastListed.world = null;
    if (sumHi !== undefined && sumLo !== undefined) d.knownSums(sumHi, sumLo);
    const ch = m.a * n + m.b;
    switch (m.kind) {
      case MoveKind.Deliver:
        d.change(ch, ChannelOp.Deliver, kind, m.c);
        this.run(d, m.b, this.table.step(w.locals[m.b]!, m.c));
        break;
      case MoveKind.Drop:
        d.change(ch, ChannelOp.Remove, kind, m.c);
        d.useFault(F_DROP);
        break;
      case MoveKind.Duplicate:
        d.setChannel(ch, channelDuplicate(kind, w.channels[ch]!, m.c));
        d.useFault(F_DUP);
        break;
      case MoveKind.Input:
        d.inputs |= 1 << m.c;
        this.run(d, m.a, this.table.step(w.locals[m.a]!, this.inputIds[m.c]!));
        break;
      case MoveKind.Timeout:
        d.useFault(F_TIMEOUT);
        this.run(d, m.a, this.table.step(w.locals[m.a]!, m.c));
        break;
      case MoveKind.Expire:
        for (let node = 0; node < n; node++) {
          if (d.statusOf(node) !== Status.Up) continue;
          const timers = this.timeoutIds[node]!;
          for (let k = 0; k < timers.length; k++) {
            const c = timers[k]!;
            const out = this.table.step(d.localOf(node), c);
            if (out.effective) this.run(d, node, out);
          }
        }
        break;
      case MoveKind.Choose:
        this.run(d, m.a, this.table.step(w.locals[m.a]!, m.c));
        break;
      case MoveKind.Heal:
        d.partition = 0;
        break;
      case MoveKind.Partition:
        d.partition = m.c;
        d.useFault(F_PARTITION);
        break;
      case MoveKind.Crash:
        d.useFault(F_CRASH);
        d.setStatus(m.a, Status.Down);
        d.isolate(m.a, n);
        d.observe(m.a, this.kernelObs[m.a]!.crash);
        break;
      case MoveKind.Recover:
      case MoveKind.Join: {
        const recover = m.kind === MoveKind.Recover;
        d.useFault(recover ? F_RECOVER : F_JOIN);
        const started = this.restart(w, m.a, recover);
        if (typeof started === 'string') {
          // It cannot start: the step fails, and the node stays down (or out).
          d.observe(m.a, failure(m.a, started));
          break;
        }
        d.setStatus(m.a, Status.Up);
        d.observe(m.a, this.kernelObs[m.a]![recover ? 'recover' : 'join']);
        this.run(d, m.a, started);
        break;
      }
      case MoveKind.Leave:
        // The node handles `leave` (its goodbyes are observed and sent), then it is out.
        d.useFault(F_LEAVE);
        this.run(d, m.a, this.table.step(w.locals[m.a]!, this.leaveId));
        d.observe(m.a, this.kernelObs[m.a]!.leave);
        d.setStatus(m.a, Status.Out);
        d.isolate(m.a, n);
        break;
    }
    return d.finish();
  }

  /**
   * Whether `m` leads from `w` back to `w`: a delivery on a duplicating network (the message stays
   * in flight) that changes nothing at its receiver. Not progress, owed to no one, and a successor
   * the exhaustive engines need neither peek at nor build.
   */
  selfLoop(w: World, m: Move): boolean {
    return (
      this.duplicating &&
      m.kind === MoveKind.Deliver &&
      !this.table.step(w.locals[m.b]!, m.c).effective
    );
  }

  /** Whether `m` is enabled in `w` (same answer as `enabled`, by construction). */
  isEnabled(w: World, m: Move): boolean {
    const benign: Move[] = [];
    const faults: Move[] = [];
    this.enabled(w, benign, faults);
    const same = (x: Move) => x.kind === m.kind && x.a === m.a && x.b === m.b && x.c === m.c;
    return benign.some(same) || faults.some(same);
  }

  /** Whether the message `msg` on channel `from`→`to` can be delivered in `w`. */
  canDeliver(w: World, from: number, to: number, msg: number): boolean {
    if (w.status[to] !== Status.Up || this.cut(w.partition, from, to)) return false;
    return (
      channelCanDeliver(this.config.network, w.channels[from * this.n + to]!, msg) &&
      this.takes(w, to, msg)
    );
  }

  /**
   * Whether `w` has quiesced: idle (see `idle`), and no timer that would do anything.
   */
  quiescent(w: World): boolean {
    if (w === this.lastListed.world) return this.lastListed.quiescent;
    return this.idle(w) && !this.timeouts(w, null);
  }

  /**
   * Whether nothing but time can pass in `w`: the network whole, nothing deliverable that would
   * change anything, and no client input waiting at an up node.
   */
  idle(w: World): boolean {
    if (w.partition !== 0) return false;
    const kind = this.config.network;
    for (let ch = 0; ch < w.channels.length; ch++) {
      const channel = w.channels[ch]!;
      const to = ch % this.n;
      if (channel.length === 0 || w.status[to] !== Status.Up) continue;
      // A duplicating network never empties: it has quiesced once no copy would change anything.
      // A node with guarded receives waits for nothing it would not take now.
      if (kind !== 'duplicating') {
        if (!this.guarded[to]) return false;
        if (channelDeliverable(kind, channel).some((msg) => this.takes(w, to, msg))) return false;
        continue;
      }
      for (let i = 0; i < channel.length; i++) {
        const msg = channel[i]!;
        if (this.takes(w, to, msg) && this.table.step(w.locals[to]!, msg).effective) return false;
      }
    }
    return !this.inputWaiting(w);
  }

  /** Whether a client input waits at an up node. */
  private inputWaiting(w: World): boolean {
    const inputs = this.config.inputs;
    for (let i = 0; i < inputs.length; i++) {
      if ((w.inputs & (1 << i)) === 0 && w.status[inputs[i]!.node] === Status.Up) return true;
    }
    return false;
  }

  /**
   * Whether `b` differs from `a` in its history alone: the nodes, the messages in flight, the
   * partition, the faults used and the inputs handed over are the same. A step from `a` to such a
   * `b` is enabled again in `b` and can repeat forever, each time adding observations: a bounded
   * configuration that is not bounded, while the observations are part of a world's identity.
   */
  onlyHistoryChanged(a: World, b: World): boolean {
    if (a.history === b.history || a.partition !== b.partition || a.inputs !== b.inputs)
      return false;
    if (!sameInts(a.locals, b.locals) || !sameInts(a.status, b.status) || !sameInts(a.used, b.used))
      return false;
    for (let i = 0; i < a.channels.length; i++)
      if (!sameInts(a.channels[i]!, b.channels[i]!)) return false;
    return true;
  }

  /** What `always` invariants see of `w`. */
  worldView(w: World): WorldView {
    const names = ['up', 'down', 'out'] as const;
    const nodes = w.locals.map((id, i) => {
      const view = id < 0 ? { value: null, context: null } : this.table.snapshotView(id);
      return {
        role: this.config.nodes[i]!.role,
        status: names[w.status[i]!]!,
        value: view.value,
        context: view.context,
      };
    });
    const inFlight = () =>
      w.channels.flatMap((ch, k) =>
        ch.map((id) => ({
          from: Math.floor(k / this.n),
          to: k % this.n,
          msg: this.table.event(id).payload,
        })),
      );
    return { nodes, inFlight };
  }

  /** What properties see of `w`. */
  propertyContext(w: World): PropertyContext {
    return { nodes: this.n, up: w.status.map((s) => s === Status.Up) };
  }

  /** A move as the action a trace records. */
  toAction(m: Move): Action {
    return moveToAction(this, m);
  }

  /**
   * The move an action stands for in `w`, or why it cannot be taken there (a replayed trace that
   * no longer matches the model).
   */
  resolve(w: World, action: Action): Move | string {
    const move = actionToMove(this, w, action);
    if (typeof move === 'string') return move;
    return this.isEnabled(w, move) ? move : 'it is not enabled';
  }

  /**
   * What the node-local move `m` would do in `w` (its next snapshot, sends and observations),
   * without applying it: a delivery, input, choice, timeout or leave; null for any other move.
   */
  outcome(w: World, m: Move): Outcome | null {
    switch (m.kind) {
      case MoveKind.Deliver:
        return this.table.step(w.locals[m.b]!, m.c);
      case MoveKind.Input:
        return this.table.step(w.locals[m.a]!, this.inputIds[m.c]!);
      case MoveKind.Timeout:
      case MoveKind.Choose:
        return this.table.step(w.locals[m.a]!, m.c);
      case MoveKind.Leave:
        return this.table.step(w.locals[m.a]!, this.leaveId);
      default:
        return null;
    }
  }

  /**
   * What move `m` of a running node threw in `w`, if it failed that way (model-error.ts): the
   * error with its stack. Undefined for any other move or failure.
   */
  thrownBy(w: World, m: Move): unknown {
    const out = this.outcome(w, m);
    return out === null ? undefined : this.table.thrownBy(out);
  }

  /** The network kind (for `peekFingerprint`). */
  get network(): Config['network'] {
    return this.config.network;
  }

  /** Fault-kind indices `peekFingerprint` counts. */
  readonly faultIndex = { timeout: F_TIMEOUT, drop: F_DROP, duplicate: F_DUP };

  /** The outcome of a node in snapshot `local` taking event `event` (memoized). */
  step(local: number, event: number): Outcome {
    return this.table.step(local, event);
  }

  /** The event id of client input `i`. */
  inputEvent(i: number): number {
    return this.inputIds[i]!;
  }

  /** Whether `from` may send to `to`. */
  linked(from: number, to: number): boolean {
    return this.links[from * this.n + to] === 1;
  }

  /** The global-order digest after `node` observes what `out` observes. */
  orderAfter(order: number, node: number, out: Outcome): number {
    return orderStep(order, node, out.observations, out.obsHashes, this.globalKinds, this.outside);
  }

  /**
   * The fingerprint of the world after `m`, into `out`, without building it (peek.ts); false for
   * a move it does not cover (apply it instead).
   */
  peek(w: World, m: Move, out: Fingerprint): boolean {
    return this.draft.hashing && peekFingerprint(this, w, m, out);
  }

  /**
   * The fingerprint of the world after a move from `w`, into `out`, from the change to the
   * component sums (`dHi`, `dLo`), the fault (-1: none) and the channels touched (a mask) a peek
   * of the same move from another world found, where the move commutes with what lies between
   * (peek.ts, `peekAgain`).
   */
  peekAgain(
    w: World,
    fault: number,
    dHi: number,
    dLo: number,
    touched: number,
    out: Fingerprint,
  ): void {
    peekAgain(this, w, fault, dHi, dLo, touched, out);
  }

  /** Whether `to` would be handed message `msg` now: always, unless its role guards receives. */
  private takes(w: World, to: number, msg: number): boolean {
    return !this.guarded[to]! || this.table.accepts(w.locals[to]!, msg);
  }

  /** Whether a partition separates `from` and `to`. */
  private cut(partition: number, from: number, to: number): boolean {
    return partition !== 0 && ((partition >>> from) & 1) !== ((partition >>> to) & 1);
  }

  private start(node: number, input: Json): Outcome {
    const role = this.config.nodes[node]!.role;
    return this.table.start(node, role, this.roles[node]!.machine, input);
  }

  private startInput(w: World, node: number, recover: boolean): Json {
    const input = this.config.nodes[node]!.input;
    const hook = this.roles[node]!.recoverInput;
    if (!recover || hook === undefined || w.locals[node]! < 0) return input;
    return hook(this.table.snapshotView(w.locals[node]!).context, input);
  }

  /**
   * The outcome of `node` starting again as it recovers or joins, or why it cannot (its role's
   * `recoverInput` or its machine threw).
   */
  private restart(w: World, node: number, recover: boolean): Outcome | string {
    let input: Json;
    try {
      input = this.startInput(w, node, recover);
    } catch (e) {
      return `${this.name(node)} cannot recover: its role's recoverInput threw: ${thrownText(e)}`;
    }
    try {
      return this.start(node, input);
    } catch (e) {
      if (e instanceof ModelError) return e.message;
      throw e;
    }
  }

  /** Applies a local outcome of `node` to a draft: its next snapshot, its sends, its observations. */
  private run(draft: Draft, node: number, out: Outcome): void {
    const { sends } = out;
    const n = this.n;
    for (let i = 0; i < sends.length; i += 2) {
      const to = sends[i]!;
      if (to < n && this.links[node * n + to] === 1) continue;
      // The step fails instead (model-error.ts): the node keeps its snapshot and sends nothing.
      const msg = this.table.event(sends[i + 1]!).payload.type;
      const where =
        to >= n
          ? `node ${to}, which does not exist`
          : `${this.name(to)}, outside the links its configuration declares`;
      draft.observe(node, failure(node, `${this.name(node)} sent ${msg} to ${where}`));
      return;
    }
    draft.setLocal(node, out.next);
    const kind = this.config.network;
    for (let i = 0; i < sends.length; i += 2) {
      const to = sends[i]!;
      if (draft.statusOf(to) !== Status.Up) continue;
      draft.change(node * this.n + to, ChannelOp.Send, kind, sends[i + 1]!);
    }
    if (out.observations.length === 0) return;
    const { mul, add } = this.digestOf(out);
    draft.record(node, out.observations, out.obsHashes, mul, add);
  }

  /**
   * Each node's history digest and the global-order digest that `history` gives, recomputed from
   * its observations, with node `i` renamed `perm[i]` and each observation's content hash given by
   * `hashOf` (default: its own; a renaming hashes the renamed observation): what a world whose
   * history is the renamed one holds (symmetry reduction renames worlds whose observations name
   * nodes, or whose global order is kept: its salt is the observer's index). With the identity and
   * the default `hashOf`, a world's own `digests` and `order`. `start`, the digests an earlier
   * cell of the same list gives under the same renaming, saves folding the observations up to it.
   */
  historyDigests(
    history: HistoryList | null,
    perm: readonly number[],
    hashOf: (observation: Observation) => number = observationHash,
    start: HistoryDigests | null = null,
  ): HistoryDigests {
    const digests = start === null ? new Array<number>(this.n).fill(0) : start.digests.slice();
    let order = start === null ? 0 : start.order;
    const pending: Observation[] = [];
    const from = start === null ? null : start.list;
    for (let cur = history; cur !== null && cur !== from; cur = cur.rest) pending.push(cur.last);
    const outside = this.outside;
    const one = [pending[0]!];
    const oneHash = [0];
    for (let i = pending.length - 1; i >= 0; i--) {
      const o = pending[i]!;
      const node = perm[o.node]!;
      const hash = hashOf(o);
      one[0] = o;
      oneHash[0] = hash;
      order = orderStep(order, node, one, oneHash, this.globalKinds, outside);
      // The kernel's own observations count in their node's digest whatever the declaration.
      if (outside?.has(o.kind) === true && !KERNEL_KINDS.has(o.kind)) continue;
      digests[node] = (Math.imul(digests[node]!, DIGEST_BASE) + hash) | 0;
    }
    return { list: history, digests, order };
  }

  /**
   * How an outcome's observations update its node's digest: those inside the identity only. Read
   * it at once: with every observation inside, it is one object refilled at each call.
   */
  digestOf(out: Outcome): { readonly mul: number; readonly add: number } {
    const outside = this.outside;
    if (outside === null) {
      this.wholeDigest.mul = out.digestMul;
      this.wholeDigest.add = out.digestAdd;
      return this.wholeDigest;
    }
    let d = this.insideDigest.get(out);
    if (d === undefined) {
      d = digestStep(out.obsHashes.filter((_, i) => !outside.has(out.observations[i]!.kind)));
      this.insideDigest.set(out, d);
    }
    return d;
  }
}

/** The digests a history list gives (`System.historyDigests`). */
export interface HistoryDigests {
  /** The list they are of. */
  readonly list: HistoryList | null;
  /** Each node's history digest, by (renamed) node. */
  readonly digests: readonly number[];
  /** The global-order digest. */
  readonly order: number;
}

/** The links matrix of `n` nodes: the declared links, or every pair when none are declared. */
function linkMatrix(n: number, links: Config['links']): Uint8Array {
  const m = new Uint8Array(n * n).fill(links === undefined ? 1 : 0);
  if (links === undefined) return m;
  if (links.length !== n) throw new ModelError(`links name ${links.length} nodes, not ${n}`);
  links.forEach((tos, from) => {
    for (const to of tos) {
      if (to >= n) throw new ModelError(`node ${from} links to node ${to}, which does not exist`);
      m[from * n + to] = 1;
    }
  });
  return m;
}

/** The observation kinds whose cross-node order some `global` property reads. */
function globalKinds(protocol: Protocol): GlobalKinds {
  const global = protocol.properties.filter(
    (p): p is Exclude<Property, InvariantProperty> => p.kind !== 'always' && p.scope === 'global',
  );
  if (global.length === 0) return null;
  if (global.some((p) => p.reads === undefined)) return 'all';
  return new Set(global.flatMap((p) => p.reads!));
}
