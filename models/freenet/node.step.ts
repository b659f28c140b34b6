/**
 * Freenet node logic: what a node does with each kind of event, one function per kind, on a node
 * state (node.state.ts) and through the kit's `Effects` (send, observe, ask a named guard). The
 * xstate machine (node.machine.ts) runs each function as the named action of its event's
 * transition, over the JSON state; the large-scale simulator (experiments/freenet/) runs the same
 * functions over mutable maps, through `stepNode`. See node.machine.ts for the source and the
 * simplifications.
 */
import type { Effects, Outgoing } from '../kernel/step.ts';
import { locationOf, verifies } from './keys.ts';
import type {
  Announce,
  DataReply,
  DataRequest,
  FreenetEvent,
  FreenetMessage,
  Insert,
  InsertClear,
  InsertData,
  InsertRequest,
  Item,
  Leave,
  Request,
  RequestFailed,
  Timeout,
  Welcome,
} from './messages.ts';
import type { NodeState, Pending } from './node.state.ts';

/** What a node sends: its messages as written, without the `from` the network adds. */
export type FreenetSend = Outgoing<FreenetMessage>;

/** What the node asks each named guard about (a mutant or a variant swaps one guard). */
export interface FreenetGuardParams {
  /** A request or insert arrives: was its id seen here before (a loop)? */
  readonly isLoop: { readonly id: string };
  /**
   * An insert arrives, or data is to be stored: does the datastore already hold the key? `held`
   * is what the datastore holds as the step sees it: one step may store two items (a timer clearing
   * two inserts of one key), and a guard asked from inside it sees only the state before it.
   */
  readonly isCollision: { readonly key: string; readonly held: boolean };
  /** Data arrives (a reply, or a client's signed insert): does it verify? */
  readonly verifies: Item & { readonly key: string };
  /** An insert's data arrives from upstream, on its cleared path: does it verify? */
  readonly verifiesInsertData: Item & { readonly key: string };
  /** A failure came back from the node waited on: try the next-closest candidate? */
  readonly backtracks: { readonly id: string };
  /** Backtracking from `from`'s failure: is `from` crossed off, so that another node is tried? */
  readonly crossesOff: { readonly id: string; readonly from: number };
  /** That failure was an HTL expiry: try the next-closest candidate even so? */
  readonly backtracksOnExpiry: { readonly id: string };
  /** A verified reply passes this node: cache it and route its key to the source? */
  readonly cachesReply: { readonly key: string };
}

/** The guards the node logic asks by name. */
export type FreenetGuard = keyof FreenetGuardParams;

/** The effects the node logic works through: the kit's `Effects` for this role. */
export type NodeEffects = Effects<FreenetSend, FreenetGuard>;

/**
 * The correct node's decisions, on its state. The machine's guards are these, run on its context
 * (the state before the step: each is asked before the step changes what it reads, or is handed
 * it); other runners (the simulator) answer `check` with `decide`.
 */
export const decisions: {
  readonly [G in FreenetGuard]: (state: NodeState, params: FreenetGuardParams[G]) => boolean;
} = {
  isLoop: (state, { id }) => state.seen(id),
  isCollision: (_, { held }) => held,
  verifies: (_, { key, data, proof }) => verifies(key, data, proof),
  verifiesInsertData: (_, { key, data, proof }) => verifies(key, data, proof),
  backtracks: () => true,
  crossesOff: () => true,
  // Clarke et al. 2001, section 3.2: when hops-to-live run out the search ends there.
  backtracksOnExpiry: () => false,
  cachesReply: () => true,
};

/** The correct node's answer to the guard `guard` asked with `params`, on `state`. */
export function decide<G extends FreenetGuard>(
  state: NodeState,
  guard: G,
  params: object,
): boolean {
  return decisions[guard](state, params as FreenetGuardParams[G]);
}

/** Asks a guard with the params it takes. */
function ask<G extends FreenetGuard>(
  out: NodeEffects,
  guard: G,
  params: FreenetGuardParams[G],
): boolean {
  return out.check(guard, params);
}

/** What a corrupting node answers with: data no key verifies. */
const FORGED: Item = { data: 'forged', proof: '' };

/** What a corrupting node passes on instead of data it forwards: altered data, the proof kept. */
function altered(item: Item): Item {
  return { data: item.data === 'forged' ? 'forged2' : 'forged', proof: item.proof };
}

/** `p` in `phase` with `tried` (an explicit literal: the simulator's hottest allocation). */
function moved(p: Pending, phase: Pending['phase'], tried: readonly number[]): Pending {
  const { id, kind, key, htl, upstream, data, proof } = p;
  return { id, kind, key, htl, upstream, phase, tried, data, proof };
}

/** A client's request: look in the datastore, else route it towards the key. */
export function startRequest(state: NodeState, e: Request, out: NodeEffects): void {
  out.observe('request', { id: e.id, key: e.key, htl: e.htl, data: '' });
  const p = origin(e.id, 'request', e.key, e.htl, '', '');
  new Step(state, out).handle(p);
}

/** A client's insert: refused unless its data verifies against the key, else routed on. */
export function startInsert(state: NodeState, e: Insert, out: NodeEffects): void {
  const { id, key, data, proof } = e;
  out.observe('insert', { id, key, htl: e.htl, data });
  if (!ask(out, 'verifies', { key, data, proof })) return out.observe('refused', { id, key });
  new Step(state, out).handle(origin(id, 'insert', key, e.htl, data, proof));
}

/** A request or insert taken on at its origin. */
function origin(
  id: string,
  kind: Pending['kind'],
  key: string,
  htl: number,
  data: string,
  proof: string,
): Pending {
  return { id, kind, key, htl, upstream: null, phase: 'route', tried: [], data, proof };
}

/** A request from a neighbour: refused if seen before (a loop), else answered or forwarded. */
export function forwardRequest(state: NodeState, e: DataRequest, out: NodeEffects): void {
  new Step(state, out).arrive(e, 'request');
}

/** An insert's first pass from a neighbour: refused if seen before, else collides or goes on. */
export function forwardInsert(state: NodeState, e: InsertRequest, out: NodeEffects): void {
  new Step(state, out).arrive(e, 'insert');
}

/**
 * Data came back along the reverse path (from any node tried: a late answer still counts): verify
 * it, cache it, learn a route to its source, pass it on. Forged data is dropped like a failure.
 */
export function relayReply(state: NodeState, e: DataReply, out: NodeEffects): void {
  const step = new Step(state, out);
  const p = step.waiting(e.id, e.from, 'route', false);
  if (p === undefined) return;
  if (!ask(out, 'verifies', { key: e.key, data: e.data, proof: e.proof })) {
    out.observe('reject', { id: p.id, key: p.key, by: e.from });
    return step.tryNext(p);
  }
  if (ask(out, 'cachesReply', { key: e.key })) {
    step.keep(e.key, e);
    state.learn(e.key, e.source);
  }
  if (p.upstream !== null && p.kind === 'request') out.observe('relay', { id: p.id, key: p.key });
  step.found(p, p.upstream === null ? e : step.passOn(p, e), e.source);
}

/**
 * The node waited on failed (only the current one counts): backtrack to the next-closest
 * candidate. A failure because hops-to-live ran out downstream goes straight back to the requester
 * (the paper), unless `backtracksOnExpiry` (the seed) makes it a failure like any other.
 */
export function backtrack(state: NodeState, e: RequestFailed, out: NodeEffects): void {
  const step = new Step(state, out);
  const p = step.waiting(e.id, e.from, 'route', true);
  if (p === undefined) return;
  if (e.expired && !ask(out, 'backtracksOnExpiry', { id: e.id })) step.deadEnd(p, true);
  else if (!ask(out, 'backtracks', { id: e.id })) step.deadEnd(p, false);
  else if (ask(out, 'crossesOff', { id: e.id, from: e.from })) step.tryNext(p);
  else
    step.tryNext(
      moved(
        p,
        p.phase,
        p.tried.filter((n) => n !== e.from),
      ),
    );
}

/** An insert's "all clear" from the node waited on: passed upstream; at the origin, data follows. */
export function relayAllClear(state: NodeState, e: InsertClear, out: NodeEffects): void {
  const step = new Step(state, out);
  const p = step.waiting(e.id, e.from, 'route', true);
  if (p !== undefined && p.kind === 'insert') step.clear(p, e.from);
}

/**
 * The insert's data, following the cleared path: verify it against the key (forged data is dropped
 * there: not stored, not passed on), store it, learn the inserter, pass it on.
 */
export function propagateInsert(state: NodeState, e: InsertData, out: NodeEffects): void {
  const p = state.pending(e.id);
  if (p === undefined || p.phase !== 'clear' || p.upstream !== e.from) return;
  const step = new Step(state, out);
  step.answer(p);
  if (!ask(out, 'verifiesInsertData', { key: e.key, data: e.data, proof: e.proof })) {
    return out.observe('reject', { id: p.id, key: p.key, by: e.from });
  }
  step.keep(e.key, e);
  state.learn(e.key, e.source);
  const next = p.tried[0];
  if (next !== undefined) step.forwardData(next, e.id, e.key, step.passOn(p, e), e.source);
}

/**
 * An announcement: add the joining node as a neighbour, welcome it, and pass the announcement on
 * towards its location while HTL lasts (no answer is awaited, so a loop just ends it).
 */
export function relayAnnouncement(state: NodeState, e: Announce, out: NodeEffects): void {
  if (state.seen(e.id) || e.node === state.self) return;
  state.markSeen(e.id);
  state.addNeighbour(e.node);
  out.observe('welcome', { joiner: e.node });
  out.send(e.node, { type: 'Welcome' });
  if (e.htl <= 1) return;
  const next = state.candidate(locationOf(e.node), e.from, [e.node]);
  if (next !== undefined)
    out.send(next, { type: 'Announce', id: e.id, node: e.node, htl: e.htl - 1 });
}

/** A node that took in this node's announcement: it becomes a neighbour. */
export function learnNeighbour(state: NodeState, e: Welcome): void {
  state.addNeighbour(e.from);
}

/**
 * A timer: every node still waited on is given up on (crashed, left, or only slow) and the next
 * candidate tried; an insert whose data never came is dropped.
 */
export function giveUpWaiting(state: NodeState, _: Timeout, out: NodeEffects): void {
  const step = new Step(state, out);
  for (const p of state.allPending()) {
    out.observe('timeout', { id: p.id });
    if (p.phase === 'clear') step.answer(p);
    else step.tryNext(p);
  }
}

/** Leaving: every request and insert waiting here fails upstream (or at the client). */
export function failUpstream(state: NodeState, _: Leave, out: NodeEffects): void {
  const step = new Step(state, out);
  for (const p of state.allPending()) {
    step.answer(p);
    if (p.phase === 'clear') continue;
    if (p.upstream !== null) {
      out.send(p.upstream, { type: 'RequestFailed', id: p.id, expired: false });
    } else {
      const kind = p.kind === 'request' ? 'not-found' : 'not-inserted';
      out.observe(kind, { id: p.id, key: p.key });
    }
  }
}

/** Start-up of a joining node: announce itself to its first neighbour. */
export function announceSelf(state: NodeState, out: NodeEffects): void {
  const seed = state.firstNeighbour();
  if (state.announce <= 0 || seed === undefined) return;
  const id = `a${state.self}`;
  state.markSeen(id);
  out.send(seed, { type: 'Announce', id, node: state.self, htl: state.announce });
}

/** A kind of event's node logic. */
export type Handler<K extends FreenetEvent['type']> = (
  state: NodeState,
  event: Extract<FreenetEvent, { type: K }>,
  out: NodeEffects,
) => void;

/**
 * The node logic of each kind of event: the action of that kind's transition in the machine. Every
 * kind must have one (a new kind of event that the node forgets fails to compile, as a ts-pattern
 * `.exhaustive()` would, without a matcher's cost on the simulator's hot path).
 */
export const handlers: { readonly [K in FreenetEvent['type']]: Handler<K> } = {
  request: startRequest,
  insert: startInsert,
  DataRequest: forwardRequest,
  InsertRequest: forwardInsert,
  DataReply: relayReply,
  RequestFailed: backtrack,
  InsertClear: relayAllClear,
  InsertData: propagateInsert,
  Announce: relayAnnouncement,
  Welcome: learnNeighbour,
  timeout: giveUpWaiting,
  leave: failUpstream,
};

/** Runs one event through the node logic of its kind (what the simulator does for each message). */
export function stepNode(state: NodeState, event: FreenetEvent, out: NodeEffects): void {
  run(event.type, state, event, out);
}

/** Runs the handler of `kind` (the kind of `event`: one argument each, so they correlate). */
function run<K extends FreenetEvent['type']>(
  kind: K,
  state: NodeState,
  event: Extract<FreenetEvent, { type: K }>,
  out: NodeEffects,
): void {
  handlers[kind](state, event, out);
}

/** The steps shared by several kinds of event: routing, answering, storing. */
class Step {
  constructor(
    readonly s: NodeState,
    readonly out: NodeEffects,
  ) {}

  /** A request or insert from a neighbour: refused if its id was seen before (a loop). */
  arrive(e: DataRequest | InsertRequest, kind: Pending['kind']): void {
    if (ask(this.out, 'isLoop', { id: e.id })) {
      return this.out.send(e.from, { type: 'RequestFailed', id: e.id, expired: false });
    }
    const { id, key, htl, from } = e;
    const p: Pending = {
      id,
      kind,
      key,
      htl,
      upstream: from,
      phase: 'route',
      tried: [],
      data: '',
      proof: '',
    };
    this.handle(p);
  }

  /** Takes on a request or insert: answer from the datastore (or collide), or forward it. */
  handle(p: Pending): void {
    this.s.markSeen(p.id);
    this.out.observe('handle', { id: p.id });
    if (p.kind === 'request') {
      if (this.s.corrupt && p.upstream !== null) {
        this.out.observe('corrupt', { id: p.id, key: p.key });
        return this.found(p, FORGED, this.s.self);
      }
      const item = this.s.lookup(p.key);
      if (item !== undefined) return this.found(p, item, this.s.self);
    } else if (ask(this.out, 'isCollision', { key: p.key, held: this.s.holds(p.key) })) {
      const held = this.s.lookup(p.key);
      if (held !== undefined) return this.found(p, held, this.s.self);
    }
    this.tryNext(p);
  }

  /** Forwards to the closest untried candidate, or ends here when HTL or candidates run out. */
  tryNext(p: Pending): void {
    if (p.htl <= 1) return this.deadEnd(p, true);
    const next = this.s.candidate(p.key, p.upstream, p.tried);
    if (next === undefined) return this.deadEnd(p, false);
    this.s.setPending(moved(p, p.phase, [...p.tried, next]));
    const type = p.kind === 'request' ? 'DataRequest' : 'InsertRequest';
    this.out.send(next, { type, id: p.id, key: p.key, htl: p.htl - 1 });
  }

  /**
   * Nowhere left to go (`expired`: because hops-to-live ran out): a request fails upstream; an
   * insert is all clear from here.
   */
  deadEnd(p: Pending, expired: boolean): void {
    if (p.kind === 'insert') return this.clear(p, null);
    this.answer(p);
    if (p.upstream === null) this.out.observe('not-found', { id: p.id, key: p.key });
    else this.out.send(p.upstream, { type: 'RequestFailed', id: p.id, expired });
  }

  /**
   * An insert is all clear at this node, with `next` the node it came back from (null at the end of
   * the path): the origin stores the data and sends it along the path; others wait for it.
   */
  clear(p: Pending, next: number | null): void {
    const tried = next === null ? [] : [next];
    if (p.upstream !== null) {
      this.s.setPending(moved(p, 'clear', tried));
      return this.out.send(p.upstream, { type: 'InsertClear', id: p.id });
    }
    this.answer(p);
    this.keep(p.key, p);
    this.out.observe('inserted', { id: p.id, key: p.key, data: p.data, collision: false });
    if (next !== null) this.forwardData(next, p.id, p.key, p, this.s.self);
  }

  /**
   * The data this node passes on for `p`: `item` itself, or, at a corrupting node, `item` altered
   * (it keeps the genuine data for itself; the next node's check must catch the change).
   */
  passOn(p: Pending, item: Item): Item {
    if (!this.s.corrupt) return item;
    this.out.observe('corrupt', { id: p.id, key: p.key });
    return altered(item);
  }

  /** Sends an insert's data one hop down its cleared path. */
  forwardData(to: number, id: string, key: string, item: Item, source: number): void {
    this.out.send(to, { type: 'InsertData', id, key, data: item.data, proof: item.proof, source });
  }

  /** Found the data (or, for an insert, a collision with it): the answer goes upstream. */
  found(p: Pending, item: Item, source: number): void {
    this.answer(p);
    const { id, key } = p;
    const { data, proof } = item;
    if (p.upstream !== null) {
      return this.out.send(p.upstream, { type: 'DataReply', id, key, data, proof, source });
    }
    if (p.kind === 'request') this.out.observe('found', { id, key, data, proof });
    else this.out.observe('inserted', { id, key, data, collision: true });
  }

  /** The request or insert `p` is answered here: it is no longer pending. */
  answer(p: Pending): void {
    this.s.dropPending(p.id);
    this.out.observe('answer', { id: p.id });
  }

  /** Stores an item unless the key is held (a collision keeps the existing data); LRU beyond. */
  keep(key: string, item: Item): void {
    if (ask(this.out, 'isCollision', { key, held: this.s.holds(key) })) return;
    const evicted = this.s.put(key, item);
    this.out.observe('store', { key, data: item.data, proof: item.proof });
    if (evicted !== undefined) this.out.observe('evict', { key: evicted });
  }

  /** The pending entry an answer from `from` is for, if it is still waited on in `phase`. */
  waiting(
    id: string,
    from: number,
    phase: Pending['phase'],
    current: boolean,
  ): Pending | undefined {
    const p = this.s.pending(id);
    if (p === undefined || p.phase !== phase) return undefined;
    const ok = current ? p.tried.at(-1) === from : p.tried.includes(from);
    return ok ? p : undefined;
  }
}
