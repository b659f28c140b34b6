import type { JsonObject } from '../../models/kernel/json.ts';
import { boundedParams, type Protocol, type Variant } from '../../models/kernel/protocol.ts';
import { worldFingerprint, type Fingerprint } from '../../models/kernel/fingerprint.ts';
import { PEEK_SUMS, peekCommutes, touchesCommute } from '../../models/kernel/peek.ts';
import { truncate } from '../../models/kernel/lists.ts';
import { finish, mix } from '../../models/kernel/hash.ts';
import { LocalTable } from '../../models/kernel/local-table.ts';
import { System } from '../../models/kernel/system.ts';
import { Reuse, type Move, type World } from '../../models/kernel/world.ts';
import type {
  InvariantProperty,
  Observation,
  SometimesProperty,
} from '../../models/kernel/spec.ts';
import { UsageError } from '../usage-error.ts';
import type { StepViolation } from '../evaluate.ts';
import { buildTrace, type Trace } from '../trace.ts';
import { mergeCoverage, roleCoverage, type RoleCoverage } from './coverage.ts';
import { ExactStore } from './exact-store.ts';
import { CompactList } from './compact-list.ts';
import type { SharedFingerprintStore } from './shared-store.ts';
import { BitstateStore } from './bitstate.ts';
import { FingerprintIndex } from './fingerprint-index.ts';
import { checkFairCycles, fairCyclesOf, livenessProperties, StateGraph } from './fair-cycles.ts';
import { ChunkPool, Frontier } from './frontier.ts';
import { HistoryAnswers } from './monitors.ts';
import { collisionProbability, FingerprintStore } from './store.ts';
import { Symmetrizer } from './symmetry.ts';
import { Reducer } from './por.ts';
import { minimize } from '../minimize.ts';

/** Options of the exhaustive engine. */
export interface ExhaustiveOptions {
  /** Breadth-first (shortest counterexamples, the default) or depth-first (less memory). */
  readonly strategy?: 'bfs' | 'dfs';
  /** Node count (default: the protocol's default). */
  readonly nodes?: number;
  /** Explore these parameters instead of the protocol's bounded configuration. */
  readonly params?: JsonObject;
  /** Do not expand worlds at this depth. */
  readonly maxDepth?: number;
  /** Stop after this many distinct states. */
  readonly maxStates?: number;
  /** Stop after this much wall time. */
  readonly maxSeconds?: number;
  /** Stop when the process's resident memory exceeds this. */
  readonly maxMemoryMb?: number;
  /** Store full canonical worlds instead of fingerprints (no collisions; small models). */
  readonly exact?: boolean;
  /** Explore one representative per orbit of the protocol's node symmetry. */
  readonly symmetry?: boolean;
  /**
   * Partial-order reduction (por.ts): expand a world through a persistent set of one node's moves
   * where one exists, with the cycle proviso. Breadth-first, one thread, no symmetry. Preserves
   * quiescent worlds, and violations and witnesses of history properties that stay violated or
   * reached as the history grows; a protocol with an `always` invariant is searched unreduced.
   */
  readonly por?: boolean;
  /**
   * Answer history properties from their monitors where they have one (the default), or read every
   * history whole (`false`; differential tests compare the two). Measured by `bench/monitors.ts`:
   * depth-first 1.8-2.4 times as fast on Freenet and 2-7 times on Gnutella, breadth-first 1.2 on
   * Freenet and 1.6-4.5 on Gnutella. Breadth-first keeps a level's worth of states: on Freenet
   * about half again the peak memory of reading histories.
   */
  readonly monitors?: boolean;
  /** Worker threads (default 1: this thread only). */
  readonly workers?: number;
  /**
   * Swarm verification (Holzmann, Joshi, Groce): search depth-first, trying each world's enabled
   * moves in a pseudo-random order drawn from this seed (absent: their fixed order). Independent
   * searches with different seeds, each bounded, cover different parts of a space too big for one.
   */
  readonly order?: number;
  /**
   * Store states as bits of a 2^bitstate-bit table (Spin's bitstate hashing: three bits per state
   * from its fingerprint) instead of a fingerprint table: far less memory per state, and a state
   * whose bits are all set already is wrongly taken as seen (the omission probability is reported).
   */
  readonly bitstate?: number;
  /**
   * Whether the liveness pass follows a complete search that found nothing (default true; it only
   * runs when the protocol has `liveness` properties). A second search of the same configuration,
   * say depth-first to compare counts, can leave it out.
   */
  readonly liveness?: boolean;
  /** Called every 16,384 distinct states. */
  readonly onProgress?: (progress: ExhaustiveProgress) => void;
  /** Stops the search (checked every 1,024 transitions), which then reports `interrupted`. */
  readonly signal?: AbortSignal;
}

/** A progress report. */
export interface ExhaustiveProgress {
  readonly distinct: number;
  readonly transitions: number;
  readonly queue: number;
  readonly depth: number;
}

/** A reachability witness: the shortest path found to a world where a `sometimes` property holds. */
export interface Witness {
  readonly property: string;
  readonly statement: string;
  /** Its depth, or null if never reached. */
  readonly depth: number | null;
  readonly trace: Trace | null;
}

/** What an exhaustive search found. */
export interface ExhaustiveResult {
  /** The parameters explored. */
  readonly params: System['params'];
  /** Whether every reachable world was explored (no bound was hit, no violation stopped it). */
  readonly complete: boolean;
  /** Why the search stopped early, if it did. */
  readonly stopped: string | null;
  /** Distinct states stored. */
  readonly distinct: number;
  /** Successor worlds generated. */
  readonly transitions: number;
  /** Greatest depth reached. */
  readonly depth: number;
  /** The counterexample (shortest, with BFS), or null. */
  readonly trace: Trace | null;
  /** One per `sometimes` property. */
  readonly witnesses: readonly Witness[];
  /** Bytes of the state store per distinct state (fingerprints, or canonical strings when exact). */
  readonly bytesPerState: number;
  /** Bytes of the BFS parent pointers per distinct state (what rebuilds a shortest trace). */
  readonly traceBytesPerState: number;
  /** The estimated chance of a fingerprint collision (0 in exact mode). */
  readonly collisionProbability: number;
  /** Which machine states and transitions the search exercised. */
  readonly coverage: readonly RoleCoverage[];
  /**
   * The liveness pass, when the protocol has `liveness` properties and the search was complete:
   * the state graph's worlds and edges, its cycles and how many of them are fair.
   */
  readonly liveness?: {
    readonly states: number;
    readonly edges: number;
    readonly cycles: number;
    readonly fairCycles: number;
  };
  /**
   * With `por`: worlds expanded through a persistent set (`reduced`) and fully (`full`), or why
   * the reduction did not apply (`off`).
   */
  readonly por?: { readonly reduced: number; readonly full: number; readonly off: string | null };
}

/** A found path: the move indices (into benign-then-faults enabled lists) from the initial world. */
export type Path = readonly number[];

/** What one thread of a parallel search found (plain data: it crosses threads). */
export interface PartialResult {
  readonly distinct: number;
  readonly transitions: number;
  readonly depth: number;
  readonly stopped: string | null;
  readonly violation: { readonly v: StepViolation; readonly path: Path } | null;
  readonly found: readonly { readonly property: string; readonly path: Path }[];
  readonly coverage: readonly RoleCoverage[];
}

class Stop extends Error {}

/** A seeded in-place shuffle (Fisher-Yates over a mulberry32 stream): the same seed, the same orders. */
function seededShuffle(seed: number): (indices: number[]) => number[] {
  let state = seed >>> 0;
  const next = () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (indices) => {
    for (let i = indices.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    return indices;
  };
}

/**
 * The exhaustive engine: every interleaving and every budgeted fault of the protocol's bounded
 * configuration, breadth-first or depth-first, with fingerprinted (or exact) state storage. Safety
 * properties are checked on every new world whose history grew, quiescence properties on every
 * quiesced world, and `sometimes` properties are looked for everywhere.
 */
export function runExhaustive(
  protocol: Protocol,
  variant: Variant,
  options: ExhaustiveOptions = {},
): ExhaustiveResult {
  const nodes = options.nodes ?? protocol.nodes.default;
  const params = options.params ?? boundedParams(protocol, variant, nodes);
  const sys = new System(protocol, variant, params, new LocalTable());
  const search = new Search(sys, options);
  return withLiveness(sys, search.run(), options, search.graph);
}

/**
 * The result with the liveness pass folded in (fair-cycles.ts): after a complete search that found
 * no violation, the protocol's `liveness` properties are checked on the fair cycles of the same
 * configuration; a violation there is the result's counterexample (a lasso). Not after a shard's
 * swarm order or a bitstate table, whose searches may omit worlds. The graph is the one the search
 * recorded as it went (`graph`, a plain breadth-first search's), else a search of its own builds it.
 */
export function withLiveness(
  sys: System,
  r: ExhaustiveResult,
  options: ExhaustiveOptions,
  graph: StateGraph | null = null,
): ExhaustiveResult {
  if (!r.complete || r.trace !== null) return r;
  if (options.order !== undefined || options.bitstate !== undefined) return r;
  if (options.liveness === false) return r;
  const fair =
    graph !== null
      ? fairCyclesOf(sys, graph, graph.size, null)
      : checkFairCycles(
          new System(sys.protocol, sys.variant, r.params),
          options.maxStates === undefined ? {} : { maxStates: options.maxStates },
        );
  if (fair === null) return r;
  const liveness = {
    states: fair.states,
    edges: fair.edges,
    cycles: fair.cycles,
    fairCycles: fair.fairCycles,
  };
  return {
    ...r,
    complete: fair.stopped === null && fair.trace === null,
    stopped: fair.stopped,
    trace: fair.trace,
    liveness,
  };
}

/**
 * `runExhaustive`, giving the event loop a turn every 50 ms so that a signal (Ctrl-C) can stop it;
 * the same options give the same result.
 */
export async function runExhaustiveAsync(
  protocol: Protocol,
  variant: Variant,
  options: ExhaustiveOptions = {},
): Promise<ExhaustiveResult> {
  const nodes = options.nodes ?? protocol.nodes.default;
  const params = options.params ?? boundedParams(protocol, variant, nodes);
  const sys = new System(protocol, variant, params, new LocalTable());
  const search = new Search(sys, options);
  return withLiveness(sys, await search.runAsync(), options, search.graph);
}

/** A fingerprint's key in the depth-first stack set: 53 of its bits. */
function stackKey(fp: Fingerprint): number {
  return (fp.hi & 0x1fffff) * 0x100000000 + (fp.lo >>> 0);
}

/**
 * The worlds on the depth-first stack, by key, with multiplicity. Two worlds sharing a key only
 * make the reduction expand a world fully when it need not: never unsound.
 */
class StackSet {
  private readonly counts = new Map<number, number>();

  /** Adds a key. */
  add(key: number): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Removes one copy of a key. */
  delete(key: number): void {
    const c = this.counts.get(key)!;
    if (c <= 1) this.counts.delete(key);
    else this.counts.set(key, c - 1);
  }

  /** Whether a key is on the stack. */
  has(key: number): boolean {
    return this.counts.has(key);
  }
}

/** What a search knows of a successor before it is built (`lookUp`). */
enum Successor {
  /** A self-loop: back to the world expanded. */
  Same,
  /** Its fingerprint peeked, not looked up yet. */
  Peeked,
  /** Peeked and new (stored now). */
  New,
  /** Peeked and stored already. */
  Seen,
  /** To be built and then looked up (no peek covers its move, or the store needs the world). */
  Build,
}

/**
 * A world expanded by depth-first search, kept while its successors are searched: its moves and,
 * by move index, what a peek found of each (`ok`: a change to the component sums that a successor
 * may reuse for the same move, `peekAgain`; the change, the fault the move uses, and the channels
 * it touched as a mask, -1 where no peek found them).
 */
interface Frame {
  moves: Move[];
  readonly ok: boolean[];
  readonly dHi: number[];
  readonly dLo: number[];
  readonly fault: number[];
  readonly touched: number[];
}

/**
 * The index of `item` in `list`, which holds it at most once, searched from `from` on and then
 * from the start (`indexOf`, started where it is likely to be), or -1.
 */
export function indexFrom<T>(list: readonly T[], item: T, from: number): number {
  for (let j = from; j < list.length; j++) if (list[j] === item) return j;
  for (let j = 0; j < from && j < list.length; j++) if (list[j] === item) return j;
  return -1;
}

/** The reason an aborted search reports. */
export const INTERRUPTED = 'interrupted';

/** One search over one system: the engine's state, shared by the single- and multi-threaded runs. */
export class Search {
  private readonly fp: Fingerprint = { hi: 0, lo: 0 };
  private readonly store:
    FingerprintStore | SharedFingerprintStore | ExactStore | BitstateStore | FingerprintIndex;
  private readonly symmetry: Symmetrizer | null;
  // Breadth-first, a world's parent is stored before it and parents never decrease: about a byte
  // a state each (compact-list.ts).
  private readonly parents = new CompactList(true);
  private readonly moveIndex = new CompactList(false);
  private readonly sometimes: SometimesProperty[];
  private readonly invariants: InvariantProperty[];
  private readonly found = new Map<string, { path: Path }>();
  private distinct = 0;
  private transitions = 0;
  private depth = 0;
  private queued = 0;
  private stopped: string | null = null;
  private violation: { v: StepViolation; path: Path } | null = null;
  private readonly started = performance.now();
  /** The list `movesOnce` fills (the depth-first search trades it for a frame's). */
  private benign: Move[] = [];
  private readonly faults: Move[] = [];
  private readonly extraCoverage: (readonly RoleCoverage[])[] = [];
  /** Swarm order: permutes a world's move indices in place (null: their fixed order). */
  private readonly shuffle: ((indices: number[]) => number[]) | null;
  /** Partial-order reduction (`por`), or null. */
  private readonly reducer: Reducer | null;
  /** Why `por` was asked for and not applied, or null. */
  private readonly porOff: string | null = null;
  /** With `por`: the fingerprints of the next level's worlds (see `expand`). */
  private level: FingerprintStore | null = null;
  /** With `por`: worlds expanded through a persistent set, and fully. */
  private readonly expanded = { reduced: 0, full: 0 };
  /** Whether successors are looked up before they are built (see `successor`). */
  private readonly peeks: boolean;
  /**
   * The histories whose safety and `sometimes` verdicts were computed, and those checked at
   * quiescence (see `firstWith`); null when the protocol keeps observations out of the digests.
   */
  private readonly historiesChecked: FingerprintStore | null;
  private readonly quiescentChecked: FingerprintStore | null;
  /** The history properties' answers, from their monitors where they have one. */
  private readonly answers: HistoryAnswers;
  /** The breadth-first levels' free chunks (frontier.ts). */
  private readonly chunks = new ChunkPool();
  /** What `lookUp` found of a world's successors, by position (reused, grown as needed). */
  private readonly wholeScratch = {
    state: [] as Successor[],
    hi: [] as number[],
    lo: [] as number[],
    sumHi: [] as number[],
    sumLo: [] as number[],
  };
  /** The one move `successor` looks up (reused). */
  private readonly oneMove: Move[] = [];
  /**
   * The state graph a plain breadth-first search records as it goes, for the liveness pass
   * (`withLiveness`) to analyse without a search of its own; its numbering (`ids`) is then the
   * search's store. Null when the pass will not run on it (no liveness property, or a search that
   * stores or orders worlds otherwise: see `recordsGraph`).
   */
  readonly graph: StateGraph | null;
  /** The worlds `wholeDfsSteps` expands, by depth (reused). */
  private readonly frames: Frame[] = [];
  /** The stored index of the world being checked (breadth-first), for `atPath`. */
  private at = 0;
  /** Whether another thread said stop (for a shared store's doubling, which waits). */
  private readonly halted = (): boolean => this.halt?.() === true;
  /** The table the workers of a parallel search share (`store`), or null on one thread. */
  private readonly shared: SharedFingerprintStore | null;
  /** The path to world `at`: one closure for the whole search (asked for only on a failure). */
  private readonly atPath = (): Path => this.pathOf(this.at);

  constructor(
    private readonly sys: System,
    private readonly options: ExhaustiveOptions,
    shared?: SharedFingerprintStore,
    private readonly halt?: () => boolean,
  ) {
    this.shared = shared ?? null;
    this.store =
      shared ??
      (options.exact
        ? new ExactStore(sys)
        : options.bitstate !== undefined
          ? new BitstateStore(options.bitstate)
          : new FingerprintStore());
    this.shuffle = options.order === undefined ? null : seededShuffle(options.order);
    this.peeks =
      (this.store instanceof FingerprintStore || this.shared !== null) && !options.symmetry;
    const digestsTell = (sys.protocol.observationsOutsideIdentity ?? []).length === 0;
    this.historiesChecked = digestsTell ? new FingerprintStore() : null;
    this.quiescentChecked = digestsTell ? new FingerprintStore() : null;
    this.answers = new HistoryAnswers(sys.properties, options.monitors ?? true);
    this.symmetry = options.symmetry ? Symmetrizer.of(sys) : null;
    if (options.por === true && (options.symmetry === true || options.order !== undefined))
      throw new UsageError(
        '--por does not combine with --symmetry or --shard (a swarm order): use it alone',
      );
    const reducer = options.por === true ? Reducer.of(sys) : null;
    this.reducer = reducer instanceof Reducer ? reducer : null;
    if (typeof reducer === 'string') this.porOff = reducer;
    if (this.reducer !== null) this.level = new FingerprintStore();
    this.invariants = sys.properties.filter((p): p is InvariantProperty => p.kind === 'always');
    this.sometimes = sys.properties.filter((p): p is SometimesProperty => p.kind === 'sometimes');
    this.graph = this.recordsGraph() ? new StateGraph() : null;
    if (this.graph !== null) this.store = this.graph.ids;
  }

  /** Runs the whole search on this thread. */
  run(): ExhaustiveResult {
    this.guarded(() => (this.depthFirst() ? this.dfs() : void this.bfs()));
    return this.result();
  }

  /** Runs the whole search on this thread, letting the event loop run every 50 ms. */
  async runAsync(): Promise<ExhaustiveResult> {
    const steps = this.depthFirst() ? this.dfsSteps() : this.bfsSteps();
    let last = performance.now();
    try {
      while (steps.next().done !== true) {
        if (performance.now() - last < 50) continue;
        await new Promise((resolve) => setImmediate(resolve));
        last = performance.now();
      }
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
    return this.result();
  }

  /** An empty breadth-first level for this system's worlds. */
  private newLevel(): Frontier {
    return new Frontier(this.sys.n, this.sys.budget, this.chunks);
  }

  /** Whether the search is depth-first: asked for, or a swarm order (which only DFS has). */
  private depthFirst(): boolean {
    return this.options.strategy === 'dfs' || this.options.order !== undefined;
  }

  /** Every 1,024 transitions: a point where the search may pause, and where a signal stops it. */
  private pausePoint(): boolean {
    if ((this.transitions & 1023) !== 0) return false;
    if (this.options.signal?.aborted === true) this.stop(INTERRUPTED);
    return true;
  }

  /** Runs a search's steps to the end, without pausing. */
  private drain<T>(steps: Generator<void, T>): T {
    for (;;) {
      const r = steps.next();
      if (r.done === true) return r.value;
    }
  }

  /** Stores `w`; true if new. */
  private add(w: World): boolean {
    if (this.store instanceof ExactStore) {
      // A reduction reads the fingerprint (its stack and next level); an exact store does not.
      if (this.reducer !== null) this.fingerprintOf(w);
      return this.store.add(this.symmetry === null ? w : this.symmetry.canonicalKey(w));
    }
    const fp =
      this.symmetry === null ? worldFingerprint(w, this.fp) : this.symmetry.fingerprint(w, this.fp);
    return this.store.add(fp.hi, fp.lo);
  }

  /** Refuses a model whose step from `parent` to `w` only adds observations (see `onlyHistoryChanged`). */
  private unbounded(parent: World, w: World): never {
    const added: Observation[] = [];
    for (let h = w.history; h !== null && h !== parent.history; h = h.rest) added.unshift(h.last);
    const nodes = [...new Set(added.map((o) => this.sys.name(o.node)))].join(', ');
    const kinds = [...new Set(added.map((o) => o.kind))];
    const list = kinds.map((k) => `'${k}'`).join(', ');
    throw new UsageError(
      `${this.sys.protocol.name}: the bounded configuration is unbounded: ${nodes} observes ${list} ` +
        'on a step that changes nothing else (a redelivered message, say), so it can repeat ' +
        "forever and every repeat is a new state, as observations are part of a world's " +
        `identity. Observe what a node did once, or declare ${list} in the protocol's ` +
        'observationsOutsideIdentity',
    );
  }

  /** Checks a newly stored world (history properties, witnesses) and the bounds. */
  private visit(w: World, parent: World | null, path: () => Path): void {
    this.distinct++;
    if (this.invariants.length > 0) {
      const view = this.sys.worldView(w);
      for (const p of this.invariants) {
        const v = p.check(view);
        if (v !== null) return this.fail(v, path());
      }
    }
    if (w.history !== (parent?.history ?? null) && w.history !== null) {
      if (this.firstWith(this.historiesChecked, w)) this.checkHistory(w, path);
      if (parent !== null && this.sys.onlyHistoryChanged(parent, w)) this.unbounded(parent, w);
    }
    this.afterVisit();
  }

  /** Checks `w`'s history: safety properties, and the `sometimes` properties not reached yet. */
  private checkHistory(w: World, path: () => Path): void {
    const answers = this.answers.at(w.history);
    const context = this.sys.propertyContext(w);
    const properties = this.sys.properties;
    for (let i = 0; i < properties.length; i++) {
      const p = properties[i]!;
      if (p.kind === 'safety') {
        const v = answers.verdict(i, p, context);
        if (v !== null) return this.fail(v, path());
      } else if (
        p.kind === 'sometimes' &&
        !this.found.has(p.name) &&
        answers.reached(i, p, context)
      ) {
        this.found.set(p.name, { path: path() });
      }
    }
  }

  /**
   * Whether `w` is the first world with its history that `checked` sees (adding it), or there is no
   * such memo. A world's history is known, as far as properties can tell, by each node's history
   * digest and the global-order digest (the same assumption that makes them a world's identity);
   * with the statuses (what a property's context holds besides the node count; the kernel observes
   * every status change, so they are there for safety only), they decide every
   * history property's verdict, so worlds that differ only in local states or messages in flight
   * share it: a verdict is computed once per distinct history (issue 16, item 1).
   */
  private firstWith(checked: FingerprintStore | null, w: World): boolean {
    if (checked === null) return true;
    let hi = mix(0x6a09e667, w.order);
    let lo = mix(0xbb67ae85, w.order);
    for (let i = 0; i < w.digests.length; i++) {
      hi = mix(mix(hi, w.digests[i]!), w.status[i]!);
      lo = mix(mix(lo, w.status[i]!), w.digests[i]!);
    }
    return checked.add(finish(hi), finish(lo));
  }

  /** The bounds, checked after each new world. */
  private afterVisit(): void {
    if ((this.distinct & 16383) === 0) this.checkBounds();
    // Workers share one table: the bound and the table's room are the table's, checked at every
    // state (a table that fills up between two checks would leave its probes no empty slot), and
    // a doubling of it waits for every worker to get here.
    const shared = this.shared;
    if (shared?.sync(this.halted) === true) throw new Stop();
    const max = this.options.maxStates;
    if (max !== undefined && (shared?.size ?? this.distinct) >= max)
      this.stop(`state bound reached (${max} distinct states)`);
    if (shared?.full === true) {
      this.stop('the shared fingerprint store is full (raise --max-states to size it larger)');
    }
  }

  /** Checks quiescence properties on a world about to be expanded. */
  private quiescence(w: World, path: () => Path): void {
    if (!this.sys.quiescent(w)) return;
    if (!this.firstWith(this.quiescentChecked, w)) return;
    const answers = this.answers.at(w.history);
    const context = this.sys.propertyContext(w);
    const properties = this.sys.properties;
    for (let i = 0; i < properties.length; i++) {
      const p = properties[i]!;
      if (p.kind !== 'quiescence') continue;
      const v = answers.verdict(i, p, context);
      if (v !== null) return this.fail(v, path());
    }
  }

  private fail(v: Omit<StepViolation, 'step'>, path: Path): never {
    this.violation = { v: { ...v, step: path.length }, path };
    throw new Stop();
  }

  private checkBounds(): void {
    const o = this.options;
    if (this.halted()) throw new Stop();
    if (this.shared?.full === true) {
      this.stop('the shared fingerprint store is full (raise --max-states to size it larger)');
    }
    this.options.onProgress?.({
      distinct: this.distinct,
      transitions: this.transitions,
      queue: this.queued,
      depth: this.depth,
    });
    if (o.maxSeconds !== undefined && performance.now() - this.started > o.maxSeconds * 1000) {
      this.stop(`time bound reached (${o.maxSeconds} s)`);
    }
    if (o.maxMemoryMb !== undefined && process.memoryUsage.rss() > o.maxMemoryMb * 1024 * 1024) {
      this.stop(`memory bound reached (${o.maxMemoryMb} MB resident)`);
    }
  }

  private stop(reason: string): never {
    this.stopped = reason;
    throw new Stop();
  }

  /** The enabled moves of `w` in a fresh array: benign ones, then faults. */
  private moves(w: World): Move[] {
    return this.movesOnce(w).slice();
  }

  /**
   * The enabled moves of `w`, benign ones then faults, in a list the search refills for the next
   * world (breadth-first search lists a world's moves only while it expands that world).
   */
  private movesOnce(w: World): Move[] {
    const { benign, faults } = this;
    this.sys.enabled(w, benign, faults);
    for (let i = 0; i < faults.length; i++) benign.push(faults[i]!);
    return benign;
  }

  /**
   * Breadth-first search. With `frontierLimit`, stops expanding once a whole level holds at least
   * that many worlds and returns that level (with the paths to it) for parallel workers to share.
   */
  bfs(frontierLimit = Infinity): { worlds: World[]; paths: Path[] } | null {
    return this.drain(this.bfsSteps(frontierLimit));
  }

  /** `bfs`, pausing (yielding) every 1,024 transitions. */
  private *bfsSteps(
    frontierLimit = Infinity,
  ): Generator<void, { worlds: World[]; paths: Path[] } | null> {
    const init = this.sys.initial();
    this.add(init);
    this.parents.push(-1);
    this.moveIndex.push(-1);
    const graph = this.graph;
    graph?.number(this.fp.hi, this.fp.lo, -1, -1);
    // One closure for the whole search (a property asks for the path only when it fails): `at` is
    // the stored index of the world being checked.
    this.at = 0;
    const path = this.atPath;
    this.visit(init, null, path);
    let frontier = this.newLevel();
    // Two levels serve the whole search, each cleared for reuse: a level's arrays keep the room
    // they grew to, where fresh ones would be allocated, zeroed and collected at every depth.
    let spare = this.newLevel();
    frontier.push(init, 0);
    for (this.depth = 0; frontier.length > 0; this.depth++) {
      if (frontier.length >= frontierLimit) {
        const worlds: World[] = [];
        const paths: Path[] = [];
        for (let i = 0; i < frontier.length; i++) {
          worlds.push(frontier.world(i));
          paths.push(this.pathOf(frontier.index(i)));
        }
        return { worlds, paths };
      }
      const next = spare.clear();
      for (let i = 0; i < frontier.length; i++) {
        // A view: valid while its successors are found and pushed (before the next is viewed).
        const w = frontier.view(i);
        const index = frontier.index(i);
        frontier.release(i);
        this.queued = frontier.length - i + next.length;
        this.at = index;
        const moves = this.movesOnce(w);
        graph?.expand(this.sys, w, moves);
        this.quiescence(w, path);
        if (moves.length === 0) continue;
        if (this.options.maxDepth !== undefined && this.depth >= this.options.maxDepth) {
          this.stop(`depth bound reached (${this.options.maxDepth})`);
        }
        if (this.reducer === null) {
          // Every successor looked up first (see `lookUp`), then the new ones built and queued.
          this.lookUp(w, moves, null);
          for (let j = 0; j < moves.length; j++) {
            // Built in scratch arrays: the level copies it out when it is pushed, below.
            const w2 = this.lookedUp(w, moves[j]!, j, Reuse.Scratch);
            this.transitions++;
            if (graph !== null) this.numbered(graph, j, index, w2 !== null);
            if (w2 !== null) this.queue(w, w2, j, index, next);
            if (this.pausePoint()) yield;
          }
          if (graph !== null) this.recordEdges(graph, moves, index);
          continue;
        }
        const chosen = this.reducer.reduce(w, moves);
        const count = chosen === null ? moves.length : chosen.length;
        // Whether a successor was expanded already (stored, and not in the next level).
        let stale = false;
        for (let j = 0; j < count; j++) {
          if (!this.expand(w, moves, chosen === null ? j : chosen[j]!, index, next)) stale = true;
          if (this.pausePoint()) yield;
        }
        if (chosen === null) {
          this.expanded.full++;
          continue;
        }
        // The cycle proviso: a reduced successor expanded already may close a cycle round which the
        // moves left out would be put off forever, so this world is expanded fully. (Of the worlds
        // on a cycle, the one expanded last has such a successor: every cycle has a full world.)
        if (!stale) {
          this.expanded.reduced++;
          continue;
        }
        this.expanded.full++;
        for (let k = 0; k < moves.length; k++) {
          if (chosen.includes(k)) continue;
          this.expand(w, moves, k, index, next);
          if (this.pausePoint()) yield;
        }
      }
      spare = frontier;
      frontier = next;
      if (this.level !== null) this.level = new FingerprintStore();
    }
    this.depth = Math.max(0, this.depth - 1);
    return null;
  }

  /**
   * Whether this search records the state graph for the liveness pass (`graph`): it is
   * breadth-first, the protocol has a liveness property, and it stores every world by its
   * fingerprint, on one thread, unreduced and in the listed order. Then it numbers and expands its
   * worlds as the pass's own search would (fair-cycles.ts).
   */
  private recordsGraph(): boolean {
    return (
      !this.depthFirst() &&
      this.options.liveness !== false &&
      this.store instanceof FingerprintStore &&
      this.peeks &&
      this.symmetry === null &&
      this.reducer === null &&
      livenessProperties(this.sys).length > 0
    );
  }

  /**
   * After world `index`'s move at position `k` was looked up (`lookedUp`): its successor's
   * fingerprint kept in the scratch where no peek put it (one built was fingerprinted by `add`,
   * into `fp`), and the successor numbered in `graph` if it is new, as it is queued.
   */
  private numbered(graph: StateGraph, k: number, index: number, isNew: boolean): void {
    const found = this.wholeScratch;
    if (found.state[k] === Successor.Build) {
      found.hi[k] = this.fp.hi;
      found.lo[k] = this.fp.lo;
    }
    if (isNew) graph.number(found.hi[k]!, found.lo[k]!, index, k);
  }

  /**
   * The edges of world `index` by `moves` into `graph`, once every new successor is numbered (one
   * stored while looking up a later move, `lookUp`, may be reached first by a move no peek covers).
   */
  private recordEdges(graph: StateGraph, moves: readonly Move[], index: number): void {
    const found = this.wholeScratch;
    for (let k = 0; k < moves.length; k++) {
      const self = found.state[k] === Successor.Same;
      graph.edge(moves[k]!, self ? index : graph.ids.get(found.hi[k]!, found.lo[k]!));
    }
  }

  /**
   * Applies move `k` of `moves` to `w` (stored index `index`): counts the transition, and stores,
   * checks and queues the successor if it is new. Returns whether the successor is still to be
   * expanded: new, or (with `por`) stored while this level is expanded, so in the next level. False
   * means it was expanded already (or is in this level): the cycle proviso's stale successor.
   */
  private expand(
    w: World,
    moves: readonly Move[],
    k: number,
    index: number,
    next: Frontier,
  ): boolean {
    const m = moves[k]!;
    // A self-loop leads back to `w`, in this level: expanded already, for the cycle proviso.
    if (this.sys.selfLoop(w, m)) {
      this.transitions++;
      return false;
    }
    // Built in scratch arrays: the level copies it out when it is pushed, below.
    const w2 = this.successor(w, m, Reuse.Scratch);
    this.transitions++;
    // With `por`, `this.fp` is the successor's: a stored one is still to expand if in the next level.
    if (w2 === null) return this.level !== null && this.level.has(this.fp.hi, this.fp.lo);
    this.level?.add(this.fp.hi, this.fp.lo);
    this.queue(w, w2, k, index, next);
    return true;
  }

  /**
   * Stores the parent (stored index `index`) and move `k` of new successor `w2` of `w`, checks it,
   * and pushes it to the next level.
   */
  private queue(w: World, w2: World, k: number, index: number, next: Frontier): void {
    const child = this.parents.push(index);
    this.moveIndex.push(k);
    this.at = child;
    this.visit(w2, w, this.atPath);
    next.push(w2, child);
  }

  /**
   * Depth-first search from `root`, reached by `prefix` (the initial world when both are absent).
   * A given root has been stored and visited already (by the thread that shared it); its quiescence
   * and its successors are this search's to check.
   */
  dfs(root?: World, prefix: Path = []): void {
    this.drain(this.dfsSteps(root, prefix));
  }

  /** `dfs`, pausing (yielding) every 1,024 transitions. */
  private dfsSteps(root?: World, prefix: Path = []): Generator<void, void> {
    return this.reducer === null
      ? this.wholeDfsSteps(root, prefix)
      : this.reducedDfsSteps(root, prefix);
  }

  /**
   * Depth-first search expanding each world whole, as Stateright's depth-first search does:
   * the fingerprints of all its successors are found first (peeked, not built), then looked up in
   * the store one after the other, so that the lookups, each a likely cache miss in a large table,
   * overlap instead of waiting in turn; then the new successors are built, visited and pushed, and
   * searched in turn, the first first. It stores and checks the same worlds as a search that
   * descends at each new successor (`reducedDfsSteps`); a world may be first reached by another
   * path. A reduction needs that other search: its cycle proviso asks whether a successor is on
   * the stack, which is only the path to the world expanded when worlds are stored as they are
   * expanded.
   */
  private *wholeDfsSteps(root?: World, prefix: Path = []): Generator<void, void> {
    const start = root ?? this.sys.initial();
    const shuffle = this.shuffle;
    // Frame d: the new successors of the world expanded at depth d, the moves to them, and how many
    // of them have been searched. `open` frames lead to the world being expanded.
    const kids: World[][] = [];
    const via: number[][] = [];
    const next: number[] = [];
    let open = 0;
    // The move to the successor being visited, or -1 while the expanded world itself is checked.
    let visiting = -1;
    const path = (): Path => {
      const out = prefix.slice();
      for (let d = 0; d < open; d++) out.push(via[d]![next[d]! - 1]!);
      if (visiting >= 0) out.push(visiting);
      return out;
    };
    if (root === undefined) {
      this.add(start);
      this.visit(start, null, path);
    }
    let w = start;
    for (;;) {
      const depth = prefix.length + open;
      const moves = this.movesOnce(w);
      this.quiescence(w, path);
      const count = moves.length;
      if (count > 0 && this.options.maxDepth !== undefined && depth >= this.options.maxDepth) {
        this.stop(`depth bound reached (${this.options.maxDepth})`);
      }
      const order = shuffle === null ? null : shuffle(moves.map((_, i) => i));
      // What the peeks at the world this one came from found may serve for its moves too.
      const frame = (this.frames[open] ??= {
        moves: [],
        ok: [],
        dHi: [],
        dLo: [],
        fault: [],
        touched: [],
      });
      // The frame keeps this very list; the next world's moves go into the frame's old one.
      this.benign = frame.moves;
      frame.moves = moves;
      const parent = open === 0 ? null : this.frames[open - 1]!;
      const by = parent === null ? -1 : via[open - 1]![next[open - 1]! - 1]!;
      this.lookUp(w, moves, order, parent, by, frame);
      // The new ones built, checked and pushed.
      const found = (kids[open] ??= []);
      const moved = (via[open] ??= []);
      truncate(found);
      truncate(moved);
      for (let i = 0; i < count; i++) {
        const k = order === null ? i : order[i]!;
        const w2 = this.lookedUp(w, moves[k]!, i, Reuse.None);
        this.transitions++;
        if (w2 !== null) {
          visiting = k;
          this.visit(w2, w, path);
          visiting = -1;
          found.push(w2);
          moved.push(k);
          if (depth + 1 > this.depth) this.depth = depth + 1;
        }
        if (this.pausePoint()) yield;
      }
      next[open] = 0;
      open++;
      // The next world: the first unsearched successor of the deepest frame that has one.
      for (;;) {
        if (open === 0) return;
        const d = open - 1;
        if (next[d]! < kids[d]!.length) {
          w = kids[d]![next[d]!++]!;
          break;
        }
        truncate(kids[d]!);
        open--;
      }
      this.queued = open;
    }
  }

  /**
   * Looks up the successors of `w` by `moves` (in `order`, else as listed) before building any:
   * each one's fingerprint peeked where a peek covers its move, then those looked up in the store
   * one after the other, so that the lookups, each a likely cache miss in a large table, overlap
   * instead of waiting in turn. What it finds is in `wholeScratch`, by position, for `lookedUp`.
   * Depth-first, `w` came from `parent`'s world by its move at index `by`: a move that commutes
   * with it (`peekCommutes`, or `touchesCommute` by what the peeks there touched) changes the
   * component sums as it did there, so its peek is redone from that change (`peekAgain`); and
   * what the peeks found is kept in `frame` for `w`'s successors.
   */
  private lookUp(
    w: World,
    moves: readonly Move[],
    order: readonly number[] | null,
    parent: Frame | null = null,
    by = -1,
    frame: Frame | null = null,
  ): void {
    const { sys, fp } = this;
    const found = this.wholeScratch;
    const count = moves.length;
    const byMove = parent === null ? null : parent.moves[by]!;
    const byTouched = parent === null ? -1 : parent.touched[by]!;
    // Where the last move was found in the parent's list: the lists keep one order, so the next
    // is most often just after it.
    let cursor = 0;
    for (let i = 0; i < count; i++) {
      const k = order === null ? i : order[i]!;
      const m = moves[k]!;
      if (frame !== null) {
        frame.ok[k] = false;
        frame.touched[k] = -1;
      }
      if (sys.selfLoop(w, m)) {
        found.state[i] = Successor.Same;
        continue;
      }
      if (!this.peeks) {
        found.state[i] = Successor.Build;
        continue;
      }
      let p = -1;
      if (parent !== null) {
        // The static rule needs only the moves; the other, the parent's peek of this move too.
        const statically = peekCommutes(m, byMove!);
        if (statically || byTouched !== -1) {
          const q = indexFrom(parent.moves, m, cursor);
          if (q >= 0 && (statically || touchesCommute(m, byMove!, parent.touched[q]!, byTouched)))
            p = q;
        }
      }
      if (p >= 0) cursor = p + 1;
      if (p >= 0 && parent!.ok[p]!)
        sys.peekAgain(
          w,
          parent!.fault[p]!,
          parent!.dHi[p]!,
          parent!.dLo[p]!,
          parent!.touched[p]!,
          fp,
        );
      else if (!sys.peek(w, m, fp)) {
        found.state[i] = Successor.Build;
        continue;
      }
      found.state[i] = Successor.Peeked;
      found.hi[i] = fp.hi;
      found.lo[i] = fp.lo;
      found.sumHi[i] = PEEK_SUMS.sumHi;
      found.sumLo[i] = PEEK_SUMS.sumLo;
      if (frame !== null) {
        frame.ok[k] = PEEK_SUMS.sameGlobals;
        frame.dHi[k] = (PEEK_SUMS.sumHi - w.sumHi) | 0;
        frame.dLo[k] = (PEEK_SUMS.sumLo - w.sumLo) | 0;
        frame.fault[k] = PEEK_SUMS.fault;
        frame.touched[k] = PEEK_SUMS.touched;
      }
    }
    const store = this.store as FingerprintStore | SharedFingerprintStore | FingerprintIndex;
    for (let i = 0; i < count; i++) {
      if (found.state[i] === Successor.Peeked)
        found.state[i] = store.add(found.hi[i]!, found.lo[i]!) ? Successor.New : Successor.Seen;
    }
  }

  /**
   * The successor at position `i` of the last `lookUp` (of `w` by `m`) if it is new, built (its
   * arrays where `reuse` says), else null. One that no peek covered is built and looked up now.
   */
  private lookedUp(w: World, m: Move, i: number, reuse: Reuse): World | null {
    const found = this.wholeScratch;
    const state = found.state[i];
    if (state === Successor.New)
      return this.sys.apply(w, m, reuse, found.sumHi[i]!, found.sumLo[i]!);
    if (state !== Successor.Build) return null;
    const built = this.sys.apply(w, m, reuse);
    return this.add(built) ? built : null;
  }

  /**
   * `dfs` with a reduction: descending at each new successor, so that the stack is the path to the
   * world expanded (a swarm order with a reduction orders its moves too).
   */
  private *reducedDfsSteps(root?: World, prefix: Path = []): Generator<void, void> {
    const start = root ?? this.sys.initial();
    const taken: number[] = [];
    // With a swarm order or a reduction, level i tries moves orders[i][0], orders[i][1], ...; a
    // path records the moves' own indices, so traces replay as without one.
    const orders: number[][] = [];
    const { shuffle, reducer } = this;
    const ordered = shuffle !== null || reducer !== null;
    // With a reduction: which levels are expanded fully, and the worlds on the stack (the cycle
    // proviso: a reduced successor on the stack closes a cycle, so its level is expanded fully).
    const full: boolean[] = [];
    const stack = new StackSet();
    const path = !ordered
      ? () => [...prefix, ...taken]
      : () => [...prefix, ...taken.map((t, i) => orders[i]![t]!)];
    const order = (w: World, moves: Move[]) => {
      if (reducer !== null) {
        const chosen = reducer.reduce(w, moves);
        full.push(chosen === null);
        orders.push(chosen ?? moves.map((_, i) => i));
        if (chosen === null) this.expanded.full++;
        else this.expanded.reduced++;
        stack.add(stackKey(this.fingerprintOf(w)));
      } else if (shuffle !== null) orders.push(shuffle(moves.map((_, i) => i)));
      return moves;
    };
    if (root === undefined) {
      this.add(start);
      this.visit(start, null, path);
    }
    this.quiescence(start, path);
    const worlds: World[] = [start];
    const pending: Move[][] = [order(start, this.moves(start))];
    taken.push(-1);
    while (pending.length > 0) {
      const top = pending.length - 1;
      const moves = pending[top]!;
      const k = ++taken[top]!;
      if (k >= (ordered ? orders[top]!.length : moves.length)) {
        pending.pop();
        taken.pop();
        const done = worlds.pop()!;
        if (ordered) orders.pop();
        if (reducer !== null) {
          full.pop();
          stack.delete(stackKey(this.fingerprintOf(done)));
        }
        continue;
      }
      if (this.options.maxDepth !== undefined && prefix.length + top >= this.options.maxDepth) {
        this.stop(`depth bound reached (${this.options.maxDepth})`);
      }
      const w = worlds[top]!;
      const m = moves[ordered ? orders[top]![k]! : k]!;
      if (this.sys.selfLoop(w, m)) {
        // Back to `w`, on the stack: with a reduction, the cycle proviso expands it fully.
        this.transitions++;
        if (this.pausePoint()) yield;
        if (reducer !== null && !full[top]!)
          this.expandFully(orders[top]!, moves.length, top, full);
        continue;
      }
      const w2 = this.successor(w, m);
      this.transitions++;
      if (this.pausePoint()) yield;
      if (w2 === null) {
        // With a reduction, `this.fp` is the successor's (see `successor`).
        if (reducer !== null && !full[top]! && stack.has(stackKey(this.fp)))
          this.expandFully(orders[top]!, moves.length, top, full);
        continue;
      }
      // `taken` holds exactly the moves to w2 here, so `path` is w2's path.
      this.visit(w2, w, path);
      // Moves first: on a duplicating network `enabled` tells `quiescent` whether w2 is idle.
      const moves2 = this.moves(w2);
      this.quiescence(w2, path);
      worlds.push(w2);
      pending.push(order(w2, moves2));
      taken.push(-1);
      this.queued = pending.length;
      if (prefix.length + pending.length - 1 > this.depth)
        this.depth = prefix.length + pending.length - 1;
    }
  }

  /** Depth-first with a reduction: the world at `top` takes the moves its persistent set left out. */
  private expandFully(chosen: number[], moves: number, top: number, full: boolean[]): void {
    for (let i = 0; i < moves; i++) if (!chosen.includes(i)) chosen.push(i);
    full[top] = true;
    this.expanded.reduced--;
    this.expanded.full++;
  }

  /** A world's fingerprint (its orbit's, with symmetry), into `this.fp`. */
  private fingerprintOf(w: World): Fingerprint {
    return this.symmetry === null
      ? worldFingerprint(w, this.fp)
      : this.symmetry.fingerprint(w, this.fp);
  }

  /**
   * The successor of `w` by `m` if it is new (stored now), else null, its arrays where `reuse`
   * says: `lookUp` and `lookedUp` for one move. `this.fp` holds its fingerprint either way (with an
   * exact store, only under a reduction, which reads it).
   */
  private successor(w: World, m: Move, reuse = Reuse.None): World | null {
    this.oneMove[0] = m;
    this.lookUp(w, this.oneMove, null);
    return this.lookedUp(w, m, 0, reuse);
  }

  /** Runs `body`, turning a bound or a violation into the search's recorded outcome. */
  guarded(body: () => void): void {
    try {
      body();
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
  }

  /** What the search has found so far, for a worker to report. */
  partial(): PartialResult {
    return {
      distinct: this.distinct,
      transitions: this.transitions,
      depth: this.depth,
      stopped: this.stopped,
      violation: this.violation,
      found: [...this.found].map(([property, { path }]) => ({ property, path })),
      coverage: roleCoverage(this.sys),
    };
  }

  /** Folds in what a worker found. */
  merge(p: PartialResult): void {
    this.transitions += p.transitions;
    this.depth = Math.max(this.depth, p.depth);
    this.stopped ??= p.stopped;
    if (
      p.violation !== null &&
      (this.violation === null || p.violation.path.length < this.violation.path.length)
    ) {
      this.violation = p.violation;
    }
    for (const { property, path } of p.found) {
      const mine = this.found.get(property);
      if (mine === undefined || path.length < mine.path.length) this.found.set(property, { path });
    }
    this.extraCoverage.push(p.coverage);
  }

  /** The move indices from the initial world to stored state `index` (BFS). */
  private pathOf(index: number): Path {
    const out: number[] = [];
    for (let i = index; i > 0; i = this.parents.get(i)) out.push(this.moveIndex.get(i));
    return out.reverse();
  }

  /** The world a path leads to from the initial world. */
  replayPath(path: Path): World {
    let w = this.sys.initial();
    for (const k of path) w = this.sys.apply(w, this.moves(w)[k]!);
    return w;
  }

  /** Re-runs a path from the initial world into a trace. */
  private trace(path: Path, violation: StepViolation | null): Trace {
    let w = this.sys.initial();
    const worlds = [w];
    const actions = [];
    for (const k of path) {
      const m = this.moves(w)[k]!;
      actions.push(this.sys.toAction(m));
      w = this.sys.apply(w, m);
      worlds.push(w);
    }
    return buildTrace(this.sys, 'exhaustive', null, actions, worlds, violation);
  }

  /**
   * The counterexample of a violation: breadth-first, the shortest path; depth-first (whose path is
   * whatever the search order made it, far longer with `por`), that path minimized as the random
   * engine's traces are (actions dropped while the same property still fails).
   */
  private counterexample(found: { v: StepViolation; path: Path }): Trace {
    const trace = this.trace(found.path, found.v);
    if (!this.depthFirst()) return trace;
    return minimize(this.sys.protocol, this.sys.variant, trace, this.sys.table);
  }

  /** The result, once the search (and any workers) are done. */
  result(): ExhaustiveResult {
    const fingerprints = !(this.store instanceof ExactStore);
    const parents = this.options.strategy === 'dfs' ? 0 : this.parents.bytes + this.moveIndex.bytes;
    const per = (bytes: number) => (this.store.size === 0 ? 0 : bytes / this.store.size);
    return {
      params: this.sys.params,
      complete: this.stopped === null && this.violation === null,
      stopped: this.stopped,
      // Worlds stored and checked: a search stopped early may have stored a few successors of the
      // world it was expanding (`lookUp`) that it did not check. Threads sharing a table count it.
      distinct: this.shared?.size ?? this.distinct,
      transitions: this.transitions,
      depth: this.depth,
      trace: this.violation === null ? null : this.counterexample(this.violation),
      witnesses: this.sometimes.map((p) => {
        const hit = this.found.get(p.name);
        return {
          property: p.name,
          statement: p.statement,
          depth: hit === undefined ? null : hit.path.length,
          trace: hit === undefined ? null : this.trace(hit.path, null),
        };
      }),
      bytesPerState: per(this.store.bytes),
      traceBytesPerState: per(parents),
      collisionProbability:
        this.store instanceof BitstateStore
          ? this.store.omissionProbability()
          : fingerprints
            ? collisionProbability(this.store.size, this.transitions)
            : 0,
      coverage: mergeCoverage([roleCoverage(this.sys), ...this.extraCoverage]),
      ...(this.options.por === true ? { por: { ...this.expanded, off: this.porOff } } : {}),
    };
  }
}
