/**
 * What the Freenet node logic (node.step.ts) needs of a node's state, and the JSON form the xstate
 * machine keeps. The simulator implements the same interface over mutable maps
 * (experiments/freenet/fast-state.ts); a differential test runs it and the machine on the same
 * events and compares every effect and the resulting JSON, so the two cannot drift apart.
 */
import { locationOf, positionOf } from './keys.ts';
import type { Item, Neighbour, NodeInput } from './messages.ts';

/** A request or insert this node took on and has not answered yet. */
export interface Pending {
  readonly id: string;
  readonly kind: 'request' | 'insert';
  readonly key: string;
  readonly htl: number;
  /** Where the answer goes: the previous node, or null at the origin. */
  readonly upstream: number | null;
  /**
   * `route`: looking for the key (or, for an insert, for a collision); `clear`: an insert whose
   * "all clear" passed this node, waiting for its data.
   */
  readonly phase: 'route' | 'clear';
  /**
   * `route`: the nodes tried, in order (the last is the one waited on); `clear`: where the data goes
   * next (empty at the end of the path).
   */
  readonly tried: readonly number[];
  /** At an insert's origin: the data and its proof (empty elsewhere). */
  readonly data: string;
  readonly proof: string;
}

/** A Freenet node's state as plain JSON (the xstate machine's context). */
export interface FreenetContext {
  readonly self: number;
  /** Permanent links: configured, or learned by announcement. */
  readonly neighbours: readonly Neighbour[];
  /** Datastore capacity. */
  readonly capacity: number;
  /** Routing-table capacity. */
  readonly routeCapacity: number;
  /** Whether this node forges replies to requests and alters the data it passes on. */
  readonly corrupt: boolean;
  /** A joining node's announcement HTL (0: it does not announce). */
  readonly announce: number;
  /** Datastore `[key, data, proof]`, least recently used first. */
  readonly store: readonly (readonly [string, string, string])[];
  /** Routing table `[key, node]`, least recently used first. */
  readonly routes: readonly (readonly [string, number])[];
  /** Request, insert and announcement ids taken on (loop detection). */
  readonly seen: readonly string[];
  /** Requests and inserts taken on and not answered, oldest first. */
  readonly pending: readonly Pending[];
}

/** A node's state when it starts: its input, an empty datastore and routing table, nothing seen. */
export function freshContext(input: NodeInput): FreenetContext {
  return {
    self: input.self,
    neighbours: input.neighbours,
    capacity: input.capacity,
    routeCapacity: input.routeCapacity ?? input.capacity,
    corrupt: input.corrupt,
    announce: input.announce ?? 0,
    store: [],
    routes: [],
    seen: [],
    pending: [],
  };
}

/** The node state operations the logic uses. Every order (LRU, pending) is part of the contract. */
export interface NodeState {
  readonly self: number;
  readonly corrupt: boolean;
  readonly announce: number;
  /** The configured (or first learned) neighbour a joining node announces itself to. */
  firstNeighbour(): number | undefined;
  seen(id: string): boolean;
  markSeen(id: string): void;
  /** Whether the datastore holds `key` (no LRU touch). */
  holds(key: string): boolean;
  /** The item under `key`, made most recently used; undefined if not held. */
  lookup(key: string): Item | undefined;
  /** Stores `key` as most recently used (replacing any item); returns the key evicted, if any. */
  put(key: string, item: Item): string | undefined;
  /** Routes `key` to `node`, most recently used (one entry per key; LRU beyond capacity). */
  learn(key: string, node: number): void;
  /** Adds a permanent neighbour (no-op if known). */
  addNeighbour(node: number): void;
  /**
   * The node to try next for `key`: of the neighbours (by location) and routing entries (by key),
   * the one closest to `key` whose node is not this one, `upstream` or in `tried`; ties go to the
   * lower node index.
   */
  candidate(key: string, upstream: number | null, tried: readonly number[]): number | undefined;
  pending(id: string): Pending | undefined;
  /** Records `p`, replacing the entry with its id (the entry moves to the end). */
  setPending(p: Pending): void;
  dropPending(id: string): void;
  /** The pending entries, oldest first (a copy: the caller may change the state meanwhile). */
  allPending(): readonly Pending[];
}

/** A copy-on-write view of a JSON context: the machine's node state. */
export class JsonState implements NodeState {
  private store: (readonly [string, string, string])[] | null = null;
  private routes: (readonly [string, number])[] | null = null;
  private seenIds: string[] | null = null;
  private pendings: Pending[] | null = null;
  private neighbours: Neighbour[] | null = null;

  constructor(readonly ctx: FreenetContext) {}

  get self(): number {
    return this.ctx.self;
  }

  get corrupt(): boolean {
    return this.ctx.corrupt;
  }

  get announce(): number {
    return this.ctx.announce;
  }

  /** The next context: the original with every changed part replaced. */
  context(): FreenetContext {
    return { ...this.ctx, ...this.changes() };
  }

  /** The parts of the context that changed (what a step returns to the machine). */
  changes(): Partial<FreenetContext> {
    const changed: { -readonly [K in keyof FreenetContext]?: FreenetContext[K] } = {};
    if (this.neighbours !== null) changed.neighbours = this.neighbours;
    if (this.store !== null) changed.store = this.store;
    if (this.routes !== null) changed.routes = this.routes;
    if (this.seenIds !== null) changed.seen = this.seenIds;
    if (this.pendings !== null) changed.pending = this.pendings;
    return changed;
  }

  firstNeighbour(): number | undefined {
    return (this.neighbours ?? this.ctx.neighbours)[0]?.node;
  }

  seen(id: string): boolean {
    return (this.seenIds ?? this.ctx.seen).includes(id);
  }

  markSeen(id: string): void {
    (this.seenIds ??= [...this.ctx.seen]).push(id);
  }

  holds(key: string): boolean {
    return (this.store ?? this.ctx.store).some(([k]) => k === key);
  }

  lookup(key: string): Item | undefined {
    if (!this.holds(key)) return undefined;
    const store = (this.store ??= [...this.ctx.store]);
    const i = store.findIndex(([k]) => k === key);
    const entry = store.splice(i, 1)[0]!;
    store.push(entry);
    return { data: entry[1], proof: entry[2] };
  }

  put(key: string, item: Item): string | undefined {
    const store = (this.store ??= [...this.ctx.store]);
    const i = store.findIndex(([k]) => k === key);
    if (i >= 0) store.splice(i, 1);
    store.push([key, item.data, item.proof]);
    return store.length > this.ctx.capacity ? store.shift()![0] : undefined;
  }

  learn(key: string, node: number): void {
    const routes = (this.routes ??= [...this.ctx.routes]);
    const i = routes.findIndex(([k]) => k === key);
    if (i >= 0) routes.splice(i, 1);
    routes.push([key, node]);
    if (routes.length > this.ctx.routeCapacity) routes.shift();
  }

  addNeighbour(node: number): void {
    const known = this.neighbours ?? this.ctx.neighbours;
    if (node === this.ctx.self || known.some((n) => n.node === node)) return;
    (this.neighbours ??= [...this.ctx.neighbours]).push({ node, location: locationOf(node) });
  }

  candidate(key: string, upstream: number | null, tried: readonly number[]): number | undefined {
    const target = positionOf(key);
    let best = -1;
    let bestScore = Infinity;
    const consider = (node: number, k: string) => {
      if (node === this.ctx.self || node === upstream || tried.includes(node)) return;
      const score = Math.abs(positionOf(k) - target);
      if (score < bestScore || (score === bestScore && node < best)) {
        best = node;
        bestScore = score;
      }
    };
    for (const n of this.neighbours ?? this.ctx.neighbours) consider(n.node, n.location);
    for (const [k, node] of this.routes ?? this.ctx.routes) consider(node, k);
    return best < 0 ? undefined : best;
  }

  pending(id: string): Pending | undefined {
    return (this.pendings ?? this.ctx.pending).find((p) => p.id === id);
  }

  setPending(p: Pending): void {
    this.dropPending(p.id);
    this.pendings!.push(p);
  }

  dropPending(id: string): void {
    this.pendings = (this.pendings ?? this.ctx.pending).filter((p) => p.id !== id);
  }

  allPending(): readonly Pending[] {
    return [...(this.pendings ?? this.ctx.pending)];
  }
}
