/**
 * Freenet node logic: one event's work on a node's state (node.state.ts), emitting messages and
 * observations through a sink. Shared by the xstate machine (node.machine.ts, over the JSON state)
 * and the large-scale simulator (simulator/, over mutable maps). See node.machine.ts for the source
 * and the simplifications.
 */
import type { Json } from '../kernel/json.ts';
import { locationOf, verifies } from './keys.ts';
import type {
  Announce,
  DataReply,
  DataRequest,
  FreenetEvent,
  Insert,
  InsertClear,
  InsertData,
  InsertRequest,
  Item,
  Request,
  RequestFailed,
} from './messages.ts';
import type { NodeState, Pending } from './node.state.ts';

/** Where a step's effects go: messages to send and observations for the properties. */
export interface Sink {
  send(to: number, msg: Record<string, Json>): void;
  observe(kind: string, fields: Record<string, Json>): void;
}

/** The decisions a mutant can swap: each gets what the correct node decides on. */
export type GuardName = 'isLoop' | 'isCollision' | 'backtracks' | 'cachesReply' | 'verifies';
/** Decides a guard: the correct node returns `arg`; a mutant overrides one guard. */
export type Decide = (guard: GuardName, arg: boolean) => boolean;

/** The correct node's decisions. */
export const correct: Decide = (_, arg) => arg;

/** What a corrupting node answers with: data no key verifies. */
const FORGED: Item = { data: 'forged', proof: '' };

/** `p` in `phase` with `tried` (an explicit literal: the simulator's hottest allocation). */
function moved(p: Pending, phase: Pending['phase'], tried: readonly number[]): Pending {
  const { id, kind, key, htl, upstream, data, proof } = p;
  return { id, kind, key, htl, upstream, phase, tried, data, proof };
}

/** Runs one event through the node logic. */
export function stepNode(state: NodeState, event: FreenetEvent, decide: Decide, sink: Sink): void {
  new Step(state, decide, sink).run(event);
}

/** Runs a node's start-up: a joining node announces itself. */
export function startNode(state: NodeState, decide: Decide, sink: Sink): void {
  new Step(state, decide, sink).join();
}

class Step {
  constructor(
    readonly s: NodeState,
    readonly decide: Decide,
    readonly out: Sink,
  ) {}

  run(e: FreenetEvent): void {
    switch (e.type) {
      case 'request':
      case 'insert':
        return this.start(e);
      case 'DataRequest':
      case 'InsertRequest':
        return this.arrive(e);
      case 'DataReply':
        return this.reply(e);
      case 'RequestFailed':
        return this.failed(e);
      case 'InsertClear':
        return this.cleared(e);
      case 'InsertData':
        return this.insertData(e);
      case 'Announce':
        return this.announced(e);
      case 'Welcome':
        return this.s.addNeighbour(e.from);
      case 'timeout':
        return this.timeout();
      case 'leave':
        return this.leave();
    }
  }

  /** A client's request or insert: a signed insert must verify before anything else. */
  start(e: Request | Insert): void {
    const data = e.type === 'insert' ? e.data : '';
    const proof = e.type === 'insert' ? e.proof : '';
    this.out.observe(e.type, { id: e.id, key: e.key, htl: e.htl, data });
    if (e.type === 'insert' && !this.decide('verifies', verifies(e.key, data, proof))) {
      return this.out.observe('refused', { id: e.id, key: e.key });
    }
    const kind = e.type;
    this.handle({
      id: e.id,
      kind,
      key: e.key,
      htl: e.htl,
      upstream: null,
      phase: 'route',
      tried: [],
      data,
      proof,
    });
  }

  /** A request or insert from a neighbour: refused if its id was seen before (a loop). */
  arrive(e: DataRequest | InsertRequest): void {
    if (this.decide('isLoop', this.s.seen(e.id))) {
      return this.out.send(e.from, { type: 'RequestFailed', id: e.id, expired: false });
    }
    const kind = e.type === 'DataRequest' ? 'request' : 'insert';
    this.handle({
      id: e.id,
      kind,
      key: e.key,
      htl: e.htl,
      upstream: e.from,
      phase: 'route',
      tried: [],
      data: '',
      proof: '',
    });
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
    } else if (this.decide('isCollision', this.s.holds(p.key))) {
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

  forwardData(to: number, id: string, key: string, item: Item, source: number): void {
    this.out.send(to, { type: 'InsertData', id, key, data: item.data, proof: item.proof, source });
  }

  /** Found the data (or, for an insert, a collision with it): the answer goes upstream. */
  found(p: Pending, item: Item, source: number): void {
    this.answer(p);
    const { id, key } = p;
    if (p.upstream !== null) {
      const reply = { type: 'DataReply', id, key, data: item.data, proof: item.proof, source };
      return this.out.send(p.upstream, reply);
    }
    if (p.kind === 'request')
      this.out.observe('found', { id, key, data: item.data, proof: item.proof });
    else this.out.observe('inserted', { id, key, data: item.data, collision: true });
  }

  answer(p: Pending): void {
    this.s.dropPending(p.id);
    this.out.observe('answer', { id: p.id });
  }

  /** Stores an item unless the key is held (a collision keeps the existing data); LRU beyond. */
  keep(key: string, item: Item): void {
    if (this.decide('isCollision', this.s.holds(key))) return;
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

  /**
   * Data came back along the reverse path (from any node tried: a late answer still counts): verify
   * it, cache it, learn a route to its source, pass it on. Forged data is dropped like a failure.
   */
  reply(e: DataReply): void {
    const p = this.waiting(e.id, e.from, 'route', false);
    if (p === undefined) return;
    if (!this.decide('verifies', verifies(e.key, e.data, e.proof))) {
      this.out.observe('reject', { id: p.id, key: p.key, by: e.from });
      return this.tryNext(p);
    }
    if (this.decide('cachesReply', true)) {
      this.keep(e.key, e);
      this.s.learn(e.key, e.source);
    }
    if (p.upstream !== null && p.kind === 'request')
      this.out.observe('relay', { id: p.id, key: p.key });
    this.found(p, e, e.source);
  }

  /**
   * The node waited on failed (only the current one counts): try the next-closest candidate, unless
   * hops-to-live ran out downstream, which goes straight back to the requester.
   */
  failed(e: RequestFailed): void {
    const p = this.waiting(e.id, e.from, 'route', true);
    if (p === undefined) return;
    if (e.expired) this.deadEnd(p, true);
    else if (this.decide('backtracks', true)) this.tryNext(p);
    else this.deadEnd(p, false);
  }

  cleared(e: InsertClear): void {
    const p = this.waiting(e.id, e.from, 'route', true);
    if (p !== undefined && p.kind === 'insert') this.clear(p, e.from);
  }

  /** The insert's data, following the cleared path: verify, store, learn the inserter, pass on. */
  insertData(e: InsertData): void {
    const p = this.s.pending(e.id);
    if (p === undefined || p.phase !== 'clear' || p.upstream !== e.from) return;
    this.answer(p);
    if (!this.decide('verifies', verifies(e.key, e.data, e.proof))) {
      return this.out.observe('reject', { id: p.id, key: p.key, by: e.from });
    }
    this.keep(e.key, e);
    this.s.learn(e.key, e.source);
    const next = p.tried[0];
    if (next !== undefined) this.forwardData(next, e.id, e.key, e, e.source);
  }

  /**
   * A timer: every node still waited on is given up on (crashed, left, or only slow) and the next
   * candidate tried; an insert whose data never came is dropped.
   */
  timeout(): void {
    for (const p of this.s.allPending()) {
      this.out.observe('timeout', { id: p.id });
      if (p.phase === 'clear') this.answer(p);
      else this.tryNext(p);
    }
  }

  /** Leaving: every request and insert waiting here fails upstream (or at the client). */
  leave(): void {
    for (const p of this.s.allPending()) {
      this.answer(p);
      if (p.phase === 'clear') continue;
      if (p.upstream !== null) {
        this.out.send(p.upstream, { type: 'RequestFailed', id: p.id, expired: false });
      } else
        this.out.observe(p.kind === 'request' ? 'not-found' : 'not-inserted', {
          id: p.id,
          key: p.key,
        });
    }
  }

  /** Start-up of a joining node: announce itself to its first neighbour. */
  join(): void {
    const seed = this.s.firstNeighbour();
    if (this.s.announce <= 0 || seed === undefined) return;
    const id = `a${this.s.self}`;
    this.s.markSeen(id);
    this.out.send(seed, { type: 'Announce', id, node: this.s.self, htl: this.s.announce });
  }

  /**
   * An announcement: add the joining node as a neighbour, welcome it, and pass the announcement on
   * towards its location while HTL lasts (no answer is awaited, so a loop just ends it).
   */
  announced(e: Announce): void {
    if (this.s.seen(e.id) || e.node === this.s.self) return;
    this.s.markSeen(e.id);
    this.s.addNeighbour(e.node);
    this.out.observe('welcome', { joiner: e.node });
    this.out.send(e.node, { type: 'Welcome' });
    if (e.htl <= 1) return;
    const next = this.s.candidate(locationOf(e.node), e.from, [e.node]);
    if (next !== undefined)
      this.out.send(next, { type: 'Announce', id: e.id, node: e.node, htl: e.htl - 1 });
  }
}
