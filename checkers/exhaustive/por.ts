import { truncate } from '../../models/kernel/lists.ts';
import { FAULT_KINDS, type FaultKind } from '../../models/kernel/protocol.ts';
import type { System } from '../../models/kernel/system.ts';
import { actingNode, MoveKind, Status, type Move, type World } from '../../models/kernel/world.ts';

const fault = (kind: FaultKind): number => FAULT_KINDS.indexOf(kind);
const F_CRASH = fault('crash');
const F_RECOVER = fault('recover');
const F_JOIN = fault('join');
const F_LEAVE = fault('leave');
const F_PARTITION = fault('partition');

/**
 * Partial-order reduction for safety (`--por`): persistent sets built from what the kernel knows.
 *
 * At a world `w`, the reduced search takes only the enabled moves of a set S of nodes (a node's
 * moves: deliveries to it, drops and duplicates on its incoming channels, its inputs, choices and
 * timeouts, its crash and its leave) when they form a persistent set: no sequence of moves of nodes
 * outside S can enable a new move of a member or fail to commute with one. S grows from one node
 * until these hold, and the smallest set found is taken:
 * - no partition can begin or end (a cut or a heal changes what a member can receive);
 * - every node outside S that may still take a step (it has an enabled move, or it is down or out
 *   with a recover or join left, or a node outside S that may send to it may) and that may send to
 *   a member (the configuration's declared `links`, or everyone) finds its channel to that member
 *   non-empty, on a FIFO network: what it sends then queues behind a head only the member's own
 *   moves remove; otherwise it joins S (on an unordered network every such sender joins);
 * - a node a member's move sends to and that could come back (recover or rejoin) before the message
 *   lands joins S: a send to a down node is lost and to an up one is not, so the order would show;
 * - no member's move makes an observation whose order across nodes a `global` property reads;
 * - among the moves is a key move that stays enabled whatever the others do (a delivery, effective
 *   on a duplicating network, or an input), so the world is not idle and no timer expiry intrudes.
 * Then the members' moves commute with every sequence of other nodes' moves (observations are part of a
 * world's identity per node, not in their order across nodes), so every run of the full graph is a
 * prefix, up to the order of independent moves, of a run of the reduced one, and every quiescent
 * world of the full graph is reached exactly. The engine adds the cycle proviso: a world one of
 * whose reduced successors was stored already is expanded fully, so no move is put off forever
 * round a cycle. What this preserves: quiescent worlds (quiescence properties), and safety
 * violations and `sometimes` witnesses of history properties that stay violated or reached as the
 * history grows (the ones groupcheck ships). `always` invariants read worlds, which a reduced search
 * does not all visit: a protocol that has one is searched without reduction.
 */
export class Reducer {
  private readonly n: number;
  private readonly fifo: boolean;
  private readonly duplicating: boolean;
  /** Per node: may take a step (scratch, per world). */
  private readonly active: Uint8Array;
  /** Per node: could come back up (scratch, per world). */
  private readonly revivable: Uint8Array;
  /** Per node: in the set being built (scratch). */
  private readonly inSet: Uint8Array;
  /** Per node: its enabled moves' indices into the move list (scratch, per world). */
  private readonly own: number[][];

  private constructor(private readonly sys: System) {
    this.n = sys.n;
    this.fifo = sys.config.network === 'fifo';
    this.duplicating = sys.config.network === 'duplicating';
    this.active = new Uint8Array(this.n);
    this.revivable = new Uint8Array(this.n);
    this.inSet = new Uint8Array(this.n);
    this.own = Array.from({ length: this.n }, () => []);
  }

  /** A reducer for `sys`, or why none applies (a protocol with `always` invariants). */
  static of(sys: System): Reducer | string {
    if (sys.hasInvariants) {
      return `${sys.protocol.name} has an \`always\` invariant, which reads every world: partial-order reduction does not preserve it`;
    }
    return new Reducer(sys);
  }

  /**
   * The indices (into `moves`, the world's enabled moves in the engine's order) of the smallest
   * persistent set found, or null when none falls short of every move (expand everything).
   */
  reduce(w: World, moves: readonly Move[]): number[] | null {
    const { n, sys } = this;
    const used = w.used;
    const budget = sys.budget;
    if (w.partition !== 0) return null;
    if (n > 1 && used[F_PARTITION]! < budget[F_PARTITION]!) return null;
    const left = (k: number) => used[k]! < budget[k]!;
    const crash = left(F_CRASH);
    const recover = left(F_RECOVER);
    const join = left(F_JOIN);
    const leave = left(F_LEAVE);
    for (let x = 0; x < n; x++) {
      const s = w.status[x];
      this.revivable[x] =
        (s === Status.Down && recover) ||
        (s === Status.Out && join) ||
        (s === Status.Up && ((crash && recover) || (leave && join)))
          ? 1
          : 0;
      truncate(this.own[x]!);
    }
    for (let i = 0; i < moves.length; i++) {
      const node = ownerOf(moves[i]!);
      if (node >= 0) this.own[node]!.push(i);
    }
    let best: number[] | null = null;
    for (let p = 0; p < n; p++) {
      if (this.own[p]!.length === 0) continue;
      const set = this.persistentSet(w, moves, p);
      if (set !== null && set.length < moves.length && (best === null || set.length < best.length))
        best = set;
    }
    return best;
  }

  /**
   * The smallest set of nodes containing `p` whose enabled moves form a persistent set in `w` (see
   * the class comment), as those moves' indices; null if there is none short of every node. A node
   * that may send to a member on an empty channel (any channel, on an unordered network) joins the
   * set, until none is left outside.
   */
  private persistentSet(w: World, moves: readonly Move[], p: number): number[] | null {
    const { n, sys } = this;
    const links = sys.links;
    const inSet = this.inSet;
    inSet.fill(0);
    const members = [p];
    inSet[p] = 1;
    let key = false;
    for (let checked = 0; ;) {
      for (; checked < members.length; checked++) {
        const verdict = this.admissible(w, moves, members[checked]!, members);
        if (verdict === null) return null;
        key ||= verdict;
      }
      this.markActive(w, moves);
      for (let x = 0; x < n; x++) {
        if (inSet[x] === 1 || this.active[x] === 0) continue;
        for (const q of members) {
          if (links[x * n + q] === 0) continue;
          if (this.fifo && w.channels[x * n + q]!.length > 0) continue;
          inSet[x] = 1;
          members.push(x);
          break;
        }
      }
      if (checked === members.length) break;
    }
    if (!key) return null;
    const out: number[] = [];
    for (const q of members) for (const i of this.own[q]!) out.push(i);
    return out.sort((a, b) => a - b);
  }

  /**
   * Whether node `q`'s enabled moves may be in a persistent set: null if not (one makes an
   * observation a global property orders), else whether one of them is a key move (a delivery,
   * effective on a duplicating network, or an input). A node one of them sends to that could come
   * back joins the set (`members`): its crash and recovery must not come between.
   */
  private admissible(
    w: World,
    moves: readonly Move[],
    q: number,
    members: number[],
  ): boolean | null {
    let key = false;
    for (const i of this.own[q]!) {
      const m = moves[i]!;
      if (m.kind === MoveKind.Input) key = true;
      else if (m.kind === MoveKind.Deliver && !this.duplicating) key = true;
      const out = this.sys.outcome(w, m);
      if (m.kind === MoveKind.Deliver && this.duplicating && out !== null && out.effective)
        key = true;
      if (m.kind === MoveKind.Crash || m.kind === MoveKind.Leave) {
        if (this.observesGlobal(m.kind === MoveKind.Crash ? 'crash' : 'leave')) return null;
      }
      if (out === null) continue;
      for (let s = 0; s < out.sends.length; s += 2) {
        const to = out.sends[s]!;
        if (this.revivable[to] === 1 && this.inSet[to] === 0) {
          this.inSet[to] = 1;
          members.push(to);
        }
      }
      for (const o of out.observations) if (this.observesGlobal(o.kind)) return null;
    }
    return key;
  }

  /** Whether a global property orders observations of `kind`. */
  private observesGlobal(kind: string): boolean {
    const g = this.sys.globalKinds;
    return g !== null && (g === 'all' || g.has(kind));
  }

  /**
   * Marks the nodes outside the set that may take a step along moves of nodes outside it: those
   * with an enabled move or able to come back, then (closing over the links) any node outside the
   * set that is up or could come back and that such a node may send to.
   */
  private markActive(w: World, moves: readonly Move[]): void {
    const { n, inSet } = this;
    const active = this.active;
    const stack: number[] = [];
    for (let x = 0; x < n; x++) {
      const on = inSet[x] === 0 && (this.own[x]!.length > 0 || this.revivable[x] === 1);
      active[x] = on ? 1 : 0;
      if (on) stack.push(x);
    }
    // A world-wide move (a timer expiry) has no single owner: anyone may then step.
    if (moves.some((m) => ownerOf(m) < 0)) {
      for (let x = 0; x < n; x++) active[x] = inSet[x] === 0 ? 1 : 0;
      return;
    }
    const links = this.sys.links;
    while (stack.length > 0) {
      const x = stack.pop()!;
      for (let y = 0; y < n; y++) {
        if (inSet[y] === 1 || active[y] === 1 || links[x * n + y] === 0) continue;
        if (w.status[y] !== Status.Up && this.revivable[y] === 0) continue;
        active[y] = 1;
        stack.push(y);
      }
    }
  }
}

/**
 * The node whose local moves `m` is one of: its acting node, or for a drop or a duplicate the
 * receiver of the channel it touches; -1 for a world-wide move.
 */
function ownerOf(m: Move): number {
  return m.kind === MoveKind.Drop || m.kind === MoveKind.Duplicate ? m.b : actingNode(m);
}
