/**
 * The simulator's node state: `NodeState` (models/freenet/node.state.ts) over mutable structures,
 * for speed. It behaves exactly like the machine's `JsonState` (a differential test runs the
 * machine and this state on the same events): the datastore is a `Map` whose insertion order is the
 * LRU order (a touch is a delete and a set; the first key is the oldest), the routing table a
 * `RouteTable`, the neighbours flat arrays of nodes and positions, and the pending entries and seen
 * ids short lists (the simulator runs one client operation at a time and forgets the ids after it).
 * A backup (`keep`, `rollback`) copies each part only when it first changes, so a probe can be
 * undone for little more than the nodes it changed.
 */
import { locationOf, positionOf } from '../../models/freenet/keys.ts';
import type { Item, Neighbour } from '../../models/freenet/messages.ts';
import {
  freshContext,
  type FreenetContext,
  type NodeState,
  type Pending,
} from '../../models/freenet/node.state.ts';
import { RouteTable } from './route-table.ts';

/** Seen ids beyond this many are kept in a set too. */
const SHORT = 8;

/** The key `candidate` was last asked about, and its position (a request asks every node). */
let lastKey = '';
let lastTarget = NaN;

/** The parts of a state as they were when the backup started (a part is copied when it changes). */
interface Backup {
  store?: Map<string, Item>;
  routes?: RouteTable;
  neighbours?: readonly [Neighbour[], number[], number[]];
  seen?: string[];
  pendings?: Pending[];
}

/** A node's state, mutated in place. */
export class FastState implements NodeState {
  readonly self: number;
  readonly corrupt: boolean;
  readonly announce: number;
  private readonly capacity: number;
  private readonly routeCapacity: number;
  /** Neighbours as the context has them, and their nodes and positions for routing. */
  private neighbours: Neighbour[];
  private nNode: number[];
  private nPos: number[];
  private store: Map<string, Item>;
  private routes = new RouteTable();
  /** Ids seen, in the order (and with the repeats) the context keeps; past a few, also a set. */
  private seenList: string[] = [];
  private seenSet: Set<string> | null = null;
  /** Pending entries, oldest first (ids are unique). */
  private pendings: Pending[];
  private backup: Backup | null = null;

  /** A state holding `ctx` (copied: the context is not changed). */
  constructor(ctx: FreenetContext) {
    this.self = ctx.self;
    this.corrupt = ctx.corrupt;
    this.announce = ctx.announce;
    this.capacity = ctx.capacity;
    this.routeCapacity = ctx.routeCapacity;
    this.neighbours = [...ctx.neighbours];
    this.nNode = ctx.neighbours.map((n) => n.node);
    this.nPos = ctx.neighbours.map((n) => positionOf(n.location));
    this.store = new Map(ctx.store.map(([key, data, proof]) => [key, { data, proof }]));
    for (const [key, node] of ctx.routes) this.routes.set(key, node);
    for (const id of ctx.seen) this.markSeen(id);
    this.pendings = [...ctx.pending];
  }

  /** The same state as JSON: what `JsonState.context()` would hold after the same events. */
  toContext(): FreenetContext {
    const { self, capacity, routeCapacity, corrupt, announce } = this;
    return {
      self,
      neighbours: [...this.neighbours],
      capacity,
      routeCapacity,
      corrupt,
      announce,
      store: Array.from(this.store, ([key, item]) => [key, item.data, item.proof] as const),
      routes: this.routes.entries(),
      seen: [...this.seenList],
      pending: [...this.pendings],
    };
  }

  /** A deep copy, with no backup (items and pending entries are immutable, so they are shared). */
  clone(): FastState {
    const { self, capacity, routeCapacity, corrupt, announce } = this;
    const copy = new FastState(
      freshContext({ self, capacity, routeCapacity, corrupt, announce, neighbours: [] }),
    );
    copy.neighbours = [...this.neighbours];
    copy.nNode = [...this.nNode];
    copy.nPos = [...this.nPos];
    copy.store = new Map(this.store);
    copy.routes = this.routes.clone();
    copy.seenList = [...this.seenList];
    copy.seenSet = this.seenSet === null ? null : new Set(this.seenSet);
    copy.pendings = [...this.pendings];
    return copy;
  }

  /** Starts a backup: `rollback` will put the state back as it is now. */
  keep(): void {
    this.backup = {};
  }

  /** Puts the state back as it was at `keep`, and ends the backup. */
  rollback(): void {
    const b = this.backup;
    if (b === null) return;
    this.backup = null;
    if (b.store) this.store = b.store;
    if (b.routes) this.routes = b.routes;
    if (b.neighbours) [this.neighbours, this.nNode, this.nPos] = b.neighbours;
    if (b.seen) {
      this.seenList = b.seen;
      this.seenSet = b.seen.length > SHORT ? new Set(b.seen) : null;
    }
    if (b.pendings) this.pendings = b.pendings;
  }

  /**
   * Forgets the ids seen. The simulator calls it once the network is quiet after a client
   * operation: ids are never reused, so this changes no decision, and keeps the lists short.
   */
  clearSeen(): void {
    if (this.seenList.length === 0) return;
    if (this.backup !== null) this.backup.seen ??= [...this.seenList];
    this.seenList.length = 0;
    this.seenSet = null;
  }

  firstNeighbour(): number | undefined {
    return this.nNode[0];
  }

  seen(id: string): boolean {
    return this.seenSet === null ? this.seenList.includes(id) : this.seenSet.has(id);
  }

  markSeen(id: string): void {
    if (this.backup !== null) this.backup.seen ??= [...this.seenList];
    this.seenList.push(id);
    if (this.seenSet !== null) this.seenSet.add(id);
    else if (this.seenList.length > SHORT) this.seenSet = new Set(this.seenList);
  }

  holds(key: string): boolean {
    return this.store.has(key);
  }

  lookup(key: string): Item | undefined {
    const item = this.store.get(key);
    if (item === undefined) return undefined;
    if (this.backup !== null) this.backup.store ??= new Map(this.store);
    this.store.delete(key);
    this.store.set(key, item);
    return item;
  }

  put(key: string, item: Item): string | undefined {
    if (this.backup !== null) this.backup.store ??= new Map(this.store);
    const store = this.store;
    store.delete(key);
    store.set(key, { data: item.data, proof: item.proof });
    if (store.size <= this.capacity) return undefined;
    const oldest = store.keys().next().value!;
    store.delete(oldest);
    return oldest;
  }

  learn(key: string, node: number): void {
    if (this.backup !== null) this.backup.routes ??= this.routes.clone();
    this.routes.set(key, node);
    if (this.routes.size > this.routeCapacity) this.routes.dropOldest();
  }

  addNeighbour(node: number): void {
    if (node === this.self || this.nNode.includes(node)) return;
    if (this.backup !== null)
      this.backup.neighbours ??= [[...this.neighbours], [...this.nNode], [...this.nPos]];
    const location = locationOf(node);
    this.neighbours.push({ node, location });
    this.nNode.push(node);
    this.nPos.push(positionOf(location));
  }

  candidate(key: string, upstream: number | null, tried: readonly number[]): number | undefined {
    if (key !== lastKey) {
      lastKey = key;
      lastTarget = positionOf(key);
    }
    const target = lastTarget;
    const self = this.self;
    let best = -1;
    let bestScore = Infinity;
    // The closest by (distance, node) among the allowed: the scan order does not matter.
    for (let pass = 0; pass < 2; pass++) {
      const nodes = pass === 0 ? this.nNode : this.routes.nodes;
      const positions = pass === 0 ? this.nPos : this.routes.positions;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i]!;
        const score = Math.abs(positions[i]! - target);
        if (!(score < bestScore || (score === bestScore && node < best))) continue;
        if (node === self || node === upstream || tried.includes(node)) continue;
        best = node;
        bestScore = score;
      }
    }
    return best < 0 ? undefined : best;
  }

  pending(id: string): Pending | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : this.pendings[i];
  }

  setPending(p: Pending): void {
    if (this.backup !== null) this.backup.pendings ??= [...this.pendings];
    const list = this.pendings;
    const i = this.indexOf(p.id);
    if (i >= 0 && i === list.length - 1)
      list[i] = p; // already last (the usual case)
    else {
      if (i >= 0) list.splice(i, 1);
      list.push(p);
    }
  }

  dropPending(id: string): void {
    const i = this.indexOf(id);
    if (i < 0) return;
    if (this.backup !== null) this.backup.pendings ??= [...this.pendings];
    this.pendings.splice(i, 1);
  }

  allPending(): readonly Pending[] {
    return [...this.pendings];
  }

  /** Where the entry `id` is in the pending list (-1: nowhere). */
  private indexOf(id: string): number {
    const list = this.pendings;
    for (let i = 0; i < list.length; i++) if (list[i]!.id === id) return i;
    return -1;
  }
}
