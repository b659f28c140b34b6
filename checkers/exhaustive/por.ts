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
 * At a world `w`, the reduced search takes only the enabled moves of one node `p` (deliveries to
 * it, drops and duplicates on its incoming channels, its inputs, choices and timeouts, its crash
 * and its leave) when that set is persistent: no sequence of moves of other nodes can enable a new
 * move of `p` or fail to commute with one of its moves. The conditions, each checked here:
 * - no partition can begin or end (a cut or a heal changes what `p` can receive);
 * - every other node that may still take a step (it has an enabled move, or it is down or out with
 *   a recover or join left, or a node that may send to it may) and that may send to `p` (the
 *   configuration's declared `links`, or everyone) finds its channel to `p` non-empty, on a FIFO
 *   network: what it sends then queues behind a head that only `p`'s own moves remove (on an
 *   unordered network any such sender rules `p` out);
 * - no move of `p` sends to a node that could come back (recover or rejoin) before the message
 *   lands: a send to a down node is lost and to an up one is not, so the order would show;
 * - no move of `p` makes an observation whose order across nodes a `global` property reads;
 * - among `p`'s moves is a key move that stays enabled whatever the others do (a delivery, effective
 *   on a duplicating network, or an input), so the world is not idle and no timer expiry intrudes.
 * Then `p`'s moves commute with every sequence of other nodes' moves (observations are part of a
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
  /** Per node: its enabled moves' indices into the move list (scratch, per world). */
  private readonly own: number[][];

  private constructor(private readonly sys: System) {
    this.n = sys.n;
    this.fifo = sys.config.network === 'fifo';
    this.duplicating = sys.config.network === 'duplicating';
    this.active = new Uint8Array(this.n);
    this.revivable = new Uint8Array(this.n);
    this.own = Array.from({ length: this.n }, () => []);
  }

  /** A reducer for `sys`, or why none applies (a protocol with `always` invariants). */
  static of(sys: System): Reducer | string {
    if (sys.protocol.properties.some((p) => p.kind === 'always')) {
      return `${sys.protocol.name} has an \`always\` invariant, which reads every world: partial-order reduction does not preserve it`;
    }
    return new Reducer(sys);
  }

  /**
   * The indices (into `moves`, the world's enabled moves in the engine's order) of a persistent
   * set, smallest first found, or null when no node's moves form one (expand everything).
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
      this.own[x]!.length = 0;
    }
    for (let i = 0; i < moves.length; i++) {
      const node = ownerOf(moves[i]!);
      if (node >= 0) this.own[node]!.push(i);
    }
    let best: number[] | null = null;
    for (let p = 0; p < n; p++) {
      const mine = this.own[p]!;
      if (mine.length === 0 || (best !== null && mine.length >= best.length)) continue;
      if (mine.length === moves.length) continue;
      if (this.persistent(w, moves, p)) best = mine;
    }
    return best === null ? null : best.slice();
  }

  /** Whether node `p`'s enabled moves form a persistent set in `w` (see the class comment). */
  private persistent(w: World, moves: readonly Move[], p: number): boolean {
    const { sys } = this;
    let key = false;
    for (const i of this.own[p]!) {
      const m = moves[i]!;
      if (m.kind === MoveKind.Input) key = true;
      else if (m.kind === MoveKind.Deliver && !this.duplicating) key = true;
      const out = sys.outcome(w, m);
      if (m.kind === MoveKind.Deliver && this.duplicating && out !== null && out.effective)
        key = true;
      if (m.kind === MoveKind.Crash || m.kind === MoveKind.Leave) {
        if (this.observesGlobal(m.kind === MoveKind.Crash ? 'crash' : 'leave')) return false;
      }
      if (out === null) continue;
      for (let s = 0; s < out.sends.length; s += 2) {
        if (this.revivable[out.sends[s]!] === 1) return false;
      }
      for (const o of out.observations) if (this.observesGlobal(o.kind)) return false;
    }
    if (!key) return false;
    this.markActive(w, moves, p);
    const { n } = this;
    const links = sys.links;
    for (let x = 0; x < n; x++) {
      if (x === p || this.active[x] === 0 || links[x * n + p] === 0) continue;
      if (!this.fifo || w.channels[x * n + p]!.length === 0) return false;
    }
    return true;
  }

  /** Whether a global property orders observations of `kind`. */
  private observesGlobal(kind: string): boolean {
    const g = this.sys.globalKinds;
    return g !== null && (g === 'all' || g.has(kind));
  }

  /**
   * Marks the nodes other than `p` that may take a step along moves of nodes other than `p`: those
   * with an enabled move or able to come back, then (closing over the links) any node that is up
   * or could come back and that such a node may send to.
   */
  private markActive(w: World, moves: readonly Move[], p: number): void {
    const { n } = this;
    const active = this.active;
    const stack: number[] = [];
    for (let x = 0; x < n; x++) {
      const on = x !== p && (this.own[x]!.length > 0 || this.revivable[x] === 1);
      active[x] = on ? 1 : 0;
      if (on) stack.push(x);
    }
    // A world-wide move (a timer expiry) has no single owner: anyone may then step.
    if (moves.some((m) => ownerOf(m) < 0)) {
      for (let x = 0; x < n; x++) if (x !== p) active[x] = 1;
      return;
    }
    const links = this.sys.links;
    while (stack.length > 0) {
      const x = stack.pop()!;
      for (let y = 0; y < n; y++) {
        if (y === p || active[y] === 1 || links[x * n + y] === 0) continue;
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
