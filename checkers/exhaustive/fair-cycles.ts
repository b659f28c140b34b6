import { historyArray } from '../../models/kernel/observation.ts';
import type { CheckedProperty } from '../../models/kernel/spec.ts';
import type { System } from '../../models/kernel/system.ts';
import { isBenign, MoveKind, type Move, type World } from '../../models/kernel/world.ts';
import { worldFingerprint } from '../../models/kernel/fingerprint.ts';
import type { StepViolation } from '../evaluate.ts';
import { loopProblem } from '../lasso.ts';
import { useful } from '../scenario.ts';
import { buildTrace, type Trace } from '../trace.ts';
import { FingerprintIndex } from './fingerprint-index.ts';
import { ChunkPool, Frontier } from './frontier.ts';
import { truncate } from '../../models/kernel/lists.ts';
import { Growable } from './growable.ts';

/**
 * Liveness under weak fairness in the exhaustive engine. A `quiescence` property marked `liveness`
 * is a leads-to property ("every request is eventually answered"): its check, which names what is
 * still owed, must pass at quiescence (as every quiescence property) and may not fail forever on a
 * run that never quiesces. Observations are part of a world's identity, so the history is the same
 * in every world of a cycle of the state graph: what the check finds owed there stays owed for as
 * long as the run goes round. The pass builds the graph of the bounded configuration, splits it
 * into strongly connected components (Tarjan), and keeps the fair ones: weak fairness, as for the
 * random engine's livelocks (lasso.ts), on deliveries and client inputs: one possible in every
 * world of the component must be taken inside it. An SCC holding a fair cycle is exactly one where
 * that holds for the SCC as a whole (a cycle through all its worlds and edges is then fair, and if
 * the SCC fails, every cycle in it fails the same way), so no nested search is needed. Faults never
 * lie on a cycle (their budgets only grow). A violation is a lasso: the shortest path to the
 * component, then a fair cycle through it, with `loop` marking the cycle, replayable.
 */
export interface FairCycleResult {
  /** The lasso of the first violated liveness property (the shortest prefix), or null. */
  readonly trace: Trace | null;
  /** Worlds and edges of the graph. */
  readonly states: number;
  readonly edges: number;
  /** Components with a cycle, and those of them that are fair. */
  readonly cycles: number;
  readonly fairCycles: number;
  /** Why the pass stopped before the end (a state bound), or null. */
  readonly stopped: string | null;
}

/** The liveness properties of `sys`'s protocol. */
export function livenessProperties(sys: System): CheckedProperty[] {
  return sys.properties.filter(
    (p): p is CheckedProperty => p.kind === 'quiescence' && p.liveness === true,
  );
}

/** Options of the pass. */
export interface FairCycleOptions {
  /** Stop (incomplete) beyond this many worlds. */
  readonly maxStates?: number;
}

/**
 * The graph of the reachable worlds: successor lists, move identities, fairness sets. Worlds are
 * numbered in breadth-first order (the order they are first reached, a world's moves in listed
 * order), and world i's edges are appended when world i is expanded: by the pass below, or by a
 * breadth-first safety search as it goes (search.ts), which numbers and expands its worlds in
 * exactly that order, so that the liveness check needs no search of its own.
 */
export class StateGraph {
  readonly parent = new Growable((n) => new Int32Array(n));
  readonly parentMove = new Growable((n) => new Int32Array(n));
  /** Per world: the start of its edges in `target`/`label` (CSR, filled in BFS order). */
  readonly edgeStart = new Growable((n) => new Int32Array(n));
  readonly target = new Growable((n) => new Int32Array(n));
  /** The move's identity (an interned key), -1 for a fault. */
  readonly label = new Growable((n) => new Int32Array(n));
  /** Per world: the start of its fair moves (deliveries and inputs that would do something). */
  readonly fairStart = new Growable((n) => new Int32Array(n));
  readonly fair = new Growable((n) => new Int32Array(n));
  readonly quiescent: boolean[] = [];
  readonly keys = new Map<number, number>();
  /** Each world's number, by fingerprint. */
  readonly ids = new FingerprintIndex();

  /** The interned identity of move `m` (the same delivery or input in any world). */
  key(m: Move): number {
    // kind < 16, nodes < 31 (and -1): 14 bits. An id below 2^16 makes a key below 2^30, a small
    // integer (a fast map key); a larger one a key at least 2^32, exact below 2^53.
    const head = (m.kind * 32 + (m.a + 1)) * 32 + (m.b + 1);
    const k =
      m.c >= 0 && m.c < 1 << 16 ? head * (1 << 16) + m.c : (head + 1) * 2 ** 32 + (m.c >>> 0);
    let id = this.keys.get(k);
    if (id === undefined) {
      id = this.keys.size;
      this.keys.set(k, id);
    }
    return id;
  }

  /** The worlds numbered so far. */
  get size(): number {
    return this.parent.length;
  }

  /**
   * Numbers a new world by its fingerprint (stored in `ids` already or not), reached from world
   * `parent` by its move `move`.
   */
  number(hi: number, lo: number, parent: number, move: number): number {
    const id = this.parent.push(parent);
    this.parentMove.push(move);
    this.ids.put(hi, lo, id);
    return id;
  }

  /**
   * Starts the expansion of the next world, `w`, whose enabled moves `sys` listed last (benign
   * ones first): its quiescence and its fair moves. Its edges follow (`edge`).
   */
  expand(sys: System, w: World, moves: readonly Move[]): void {
    this.edgeStart.push(this.target.length);
    this.fairStart.push(this.fair.length);
    this.quiescent.push(sys.quiescent(w));
    for (let k = 0; k < moves.length; k++) {
      const m = moves[k]!;
      if ((m.kind === MoveKind.Deliver || m.kind === MoveKind.Input) && useful(sys, w, m))
        this.fair.push(this.key(m));
    }
  }

  /** The next edge of the world being expanded: move `m`, to world `to`. */
  edge(m: Move, to: number): void {
    this.target.push(to);
    this.label.push(isBenign(m.kind) ? this.key(m) : -1);
  }

  /** Closes the last world's edges (once, after the last expansion). */
  close(): void {
    this.edgeStart.push(this.target.length);
    this.fairStart.push(this.fair.length);
  }
}

/** Runs the pass over `sys`'s reachable worlds; null when the protocol has no liveness property. */
export function checkFairCycles(
  sys: System,
  options: FairCycleOptions = {},
): FairCycleResult | null {
  const properties = livenessProperties(sys);
  if (properties.length === 0) return null;
  const g = new StateGraph();
  const fp = { hi: 0, lo: 0 };
  const init = sys.initial();
  worldFingerprint(init, fp);
  g.number(fp.hi, fp.lo, -1, -1);
  // The levels are packed (frontier.ts); histories are not needed (the check replays its prefix).
  const pool = new ChunkPool();
  let frontier = new Frontier(sys.n, sys.budget, pool);
  let spare = new Frontier(sys.n, sys.budget, pool);
  frontier.push(init, 0);
  let stopped: string | null = null;
  const benign: Move[] = [];
  const faults: Move[] = [];
  const moves: Move[] = [];
  let expanded = 0;
  while (frontier.length > 0 && stopped === null) {
    const next = spare.clear();
    for (let i = 0; i < frontier.length; i++) {
      const w = frontier.world(i);
      frontier.release(i);
      sys.enabled(w, benign, faults);
      truncate(moves);
      for (const m of benign) moves.push(m);
      for (const m of faults) moves.push(m);
      g.expand(sys, w, moves);
      for (let k = 0; k < moves.length; k++) {
        const m = moves[k]!;
        let to: number;
        if (sys.selfLoop(w, m)) {
          // A delivery that changes nothing leads back to this world (search.ts's self-loop).
          to = expanded;
        } else {
          // The successor's fingerprint without building it where the kernel can (peek.ts).
          const peeked = sys.peek(w, m, fp);
          const w2 = peeked ? null : sys.apply(w, m);
          if (w2 !== null) worldFingerprint(w2, fp);
          to = g.ids.get(fp.hi, fp.lo);
          if (to < 0) {
            to = g.number(fp.hi, fp.lo, expanded, k);
            next.push(w2 ?? sys.apply(w, m), to);
          }
        }
        g.edge(m, to);
      }
      expanded++;
      if (options.maxStates !== undefined && g.size > options.maxStates) {
        stopped = `state bound reached (${options.maxStates} distinct states)`;
        break;
      }
    }
    spare = frontier;
    frontier = next;
  }
  return fairCyclesOf(sys, g, expanded, stopped);
}

/**
 * The liveness verdict on graph `g` of `sys`'s worlds, of which the first `expanded` were expanded
 * (all of them unless the graph was cut short, `stopped` saying why): its fair cycles, and the
 * lasso of the first violated liveness property with the shortest prefix. Null when the protocol
 * has no liveness property.
 */
export function fairCyclesOf(
  sys: System,
  g: StateGraph,
  expanded: number,
  stopped: string | null,
): FairCycleResult | null {
  const properties = livenessProperties(sys);
  if (properties.length === 0) return null;
  g.close();
  let cycles = 0;
  let fairCycles = 0;
  let best = null as { trace: Trace; prefix: number } | null;
  stronglyConnected(g, expanded, (component) => {
    const inside = new Set(component);
    cycles++;
    if (component.some((s) => g.quiescent[s]) || !isFair(g, component, inside)) return;
    fairCycles++;
    let entry = component[0]!;
    for (const s of component) if (s < entry) entry = s;
    const prefix = pathTo(g, entry);
    if (best !== null && prefix.length >= best.prefix) return;
    const worldAt = replayPath(sys, prefix);
    const history = historyArray(worldAt.history);
    const context = sys.propertyContext(worldAt);
    for (const p of properties) {
      const v = p.check(history, context);
      if (v === null) continue;
      const trace = lasso(sys, g, prefix, entry, inside, v, p.name);
      if (trace !== null) best = { trace, prefix: prefix.length };
      break;
    }
  });
  return {
    trace: best?.trace ?? null,
    states: g.size,
    edges: g.target.length,
    cycles,
    fairCycles,
    stopped,
  };
}

/**
 * The SCCs of the expanded worlds' graph over benign edges (iterative Tarjan), calling `visit`
 * with each component of more than one world or with a benign self-loop (the others hold no
 * cycle). The work stack and the bookkeeping are typed arrays: the pass runs over every world of
 * the configuration, most of them components of their own.
 */
function stronglyConnected(g: StateGraph, n: number, visit: (component: number[]) => void): void {
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  // The depth-first work stack: a world and the next of its edges to follow.
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  let depth = 0;
  let counter = 0;
  const { edgeStart, target, label } = g;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    workNode[0] = root;
    workEdge[0] = edgeStart.get(root);
    depth = 1;
    order[root] = low[root] = counter++;
    stack[top++] = root;
    onStack[root] = 1;
    while (depth > 0) {
      const v = workNode[depth - 1]!;
      const e = workEdge[depth - 1]!;
      if (e < edgeStart.get(v + 1)) {
        workEdge[depth - 1] = e + 1;
        const w = target.get(e);
        if (label.get(e) < 0 || w >= n) continue; // faults, and worlds past a bound
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[top++] = w;
          onStack[w] = 1;
          workNode[depth] = w;
          workEdge[depth] = edgeStart.get(w);
          depth++;
        } else if (onStack[w] === 1) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      depth--;
      if (depth > 0) {
        const u = workNode[depth - 1]!;
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] !== order[v]) continue;
      if (stack[top - 1] === v) {
        // A component of one world: a cycle only through a self-loop.
        top--;
        onStack[v] = 0;
        if (selfLoop(g, v)) visit([v]);
        continue;
      }
      const component: number[] = [];
      let w: number;
      do {
        w = stack[--top]!;
        onStack[w] = 0;
        component.push(w);
      } while (w !== v);
      visit(component);
    }
  }
}

/** Whether world `s` has a benign edge to itself (a one-world component with a cycle). */
function selfLoop(g: StateGraph, s: number): boolean {
  for (let e = g.edgeStart.get(s); e < g.edgeStart.get(s + 1); e++) {
    if (g.label.get(e) >= 0 && g.target.get(e) === s) return true;
  }
  return false;
}

/** The fair moves possible in every world of `worlds`. */
function alwaysPossible(g: StateGraph, worlds: Iterable<number>): Set<number> {
  let always: Set<number> | null = null;
  for (const s of worlds) {
    const here = new Set<number>();
    for (let f = g.fairStart.get(s); f < g.fairStart.get(s + 1); f++) {
      const k = g.fair.get(f);
      if (always === null || always.has(k)) here.add(k);
    }
    always = here;
    if (always.size === 0) break;
  }
  return always ?? new Set();
}

/** Whether every fair move possible throughout the component is taken inside it. */
function isFair(g: StateGraph, component: readonly number[], inside: Set<number>): boolean {
  const always = alwaysPossible(g, component);
  if (always.size === 0) return true;
  for (const s of component) {
    for (let e = g.edgeStart.get(s); e < g.edgeStart.get(s + 1); e++) {
      if (inside.has(g.target.get(e))) always.delete(g.label.get(e));
    }
  }
  return always.size === 0;
}

/** Edge indices (move indices into `enabled`'s benign-then-faults list) from world 0 to `s`. */
function pathTo(g: StateGraph, s: number): number[] {
  const path: number[] = [];
  for (let x = s; x > 0; x = g.parent.get(x)) path.push(g.parentMove.get(x));
  return path.reverse();
}

/** The world a path of move indices leads to. */
function replayPath(sys: System, path: readonly number[]): World {
  let w = sys.initial();
  const benign: Move[] = [];
  const faults: Move[] = [];
  for (const k of path) {
    sys.enabled(w, benign, faults);
    w = sys.apply(w, [...benign, ...faults][k]!);
  }
  return w;
}

/**
 * The edges (as move indices) of a shortest path from `from` to a world satisfying `goal`, inside
 * the component, and that world; null if none.
 */
function walk(
  g: StateGraph,
  from: number,
  inside: Set<number>,
  goal: (edge: number, to: number) => boolean,
): { moves: number[]; end: number } | null {
  const back = new Map<number, [number, number]>([[from, [-1, -1]]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i]!;
    for (let e = g.edgeStart.get(s); e < g.edgeStart.get(s + 1); e++) {
      const t = g.target.get(e);
      if (g.label.get(e) < 0 || !inside.has(t)) continue;
      const seen = back.has(t);
      if (!seen) back.set(t, [s, e - g.edgeStart.get(s)]);
      if (goal(e, t)) {
        const moves = [e - g.edgeStart.get(s)];
        for (let x = s; x !== from;) {
          const [p, k] = back.get(x)!;
          moves.push(k);
          x = p;
        }
        return { moves: moves.reverse(), end: t };
      }
      if (!seen) queue.push(t);
    }
  }
  return null;
}

/**
 * A fair cycle from `entry` back to it, as move indices: it takes, for each fair move possible
 * throughout the worlds it visits, an edge with that move; repeated until the visited worlds ask
 * for nothing more. Then the lasso's trace; null if the cycle cannot be made fair (not expected).
 */
function lasso(
  sys: System,
  g: StateGraph,
  prefix: readonly number[],
  entry: number,
  inside: Set<number>,
  v: NonNullable<ReturnType<CheckedProperty['check']>>,
  property: string,
): Trace | null {
  let cycle: number[] = [];
  let at = entry;
  const visited = [entry];
  const taken = new Set<number>();
  for (let round = 0; round <= inside.size + 1; round++) {
    const owed = [...alwaysPossible(g, visited)].filter((k) => !taken.has(k));
    const goal = owed[0];
    if (goal === undefined && cycle.length > 0 && at === entry) break;
    const step =
      goal === undefined
        ? walk(g, at, inside, (_, t) => t === entry)
        : walk(g, at, inside, (e) => g.label.get(e) === goal);
    if (step === null) return null;
    for (const k of step.moves) {
      const s = visited[visited.length - 1]!;
      const e = g.edgeStart.get(s) + k;
      taken.add(g.label.get(e));
      visited.push(g.target.get(e));
    }
    cycle = cycle.concat(step.moves);
    at = step.end;
  }
  if (at !== entry) return null;
  const path = [...prefix, ...cycle];
  let w = sys.initial();
  const worlds = [w];
  const actions = [];
  const benign: Move[] = [];
  const faults: Move[] = [];
  for (const k of path) {
    sys.enabled(w, benign, faults);
    const m = [...benign, ...faults][k]!;
    actions.push(sys.toAction(m));
    w = sys.apply(w, m);
    worlds.push(w);
  }
  const from = prefix.length;
  if (loopProblem(sys, worlds, actions, { start: from, end: path.length }) !== null) return null;
  const violation: StepViolation = {
    ...v,
    property,
    message: `${v.message}, forever: steps ${from + 1}-${path.length} repeat (a fair cycle)`,
    step: path.length,
    loop: { from, kind: 'state' },
  };
  return buildTrace(sys, 'exhaustive', null, actions, worlds, violation);
}
