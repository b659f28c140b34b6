/**
 * Freenet node logic as a pure step over a copy of the node's state, shared by the xstate machine
 * (node.machine.ts) and the large-scale simulator (simulator/). See node.machine.ts for the source
 * and the simplifications.
 */
import type { Json } from '../kernel/json.ts';
import { distance, verifies } from './keys.ts';
import type {
  DataReply,
  DataRequest,
  FreenetEvent,
  Insert,
  InsertReply,
  InsertRequest,
  Neighbour,
  Request,
  RequestFailed,
} from './messages.ts';

/** A request or insert this node forwarded and waits on. */
export interface Pending {
  readonly id: string;
  readonly kind: 'request' | 'insert';
  readonly key: string;
  /** The insert's data (empty for a request). */
  readonly data: string;
  readonly htl: number;
  /** Where the answer goes: the previous node, or null at the origin. */
  readonly upstream: number | null;
  /** Neighbours already tried, in order. */
  readonly tried: readonly number[];
}

/** A Freenet node's state. */
export interface FreenetContext {
  readonly self: number;
  readonly neighbours: readonly Neighbour[];
  readonly capacity: number;
  /** Whether this node answers requests for content-hash keys with forged data. */
  readonly corrupt: boolean;
  /** Datastore `[key, data]`, least recently used first. */
  readonly store: readonly (readonly [string, string])[];
  /** Routing table `[key, node]`, least recently used first. */
  readonly routes: readonly (readonly [string, number])[];
  /** Request and insert ids handled (loop detection). */
  readonly seen: readonly string[];
  readonly pending: readonly Pending[];
}

/** An effect a step emits: a message to send or an observation for the properties. */
export type Effect = { type: 'send' | 'observe'; params: Record<string, Json> };
/** Decides a guard (the machine's `check`; a mutant swaps one guard). */
export type Check = (guard: { type: string; params?: Record<string, Json> }) => boolean;

/**
 * One transition's work on a draft of the context, emitting effects in order. Pure: the context is
 * copied, never mutated, so the machine and the simulator both drive it.
 */
export class Step {
  store: [string, string][];
  routes: [string, number][];
  seen: string[];
  pending: Pending[];
  readonly out: Effect[] = [];

  constructor(
    readonly ctx: FreenetContext,
    readonly check: Check,
  ) {
    this.store = ctx.store.map(([k, d]) => [k, d]);
    this.routes = ctx.routes.map(([k, n]) => [k, n]);
    this.seen = [...ctx.seen];
    this.pending = [...ctx.pending];
  }

  send(to: number, msg: Record<string, Json>): void {
    this.out.push({ type: 'send', params: { to, msg } });
  }

  observe(kind: string, fields: Record<string, Json>): void {
    this.out.push({ type: 'observe', params: { kind, ...fields } });
  }

  held(key: string): string | undefined {
    const i = this.store.findIndex(([k]) => k === key);
    if (i < 0) return undefined;
    const entry = this.store.splice(i, 1)[0]!;
    this.store.push(entry); // a hit makes it most recently used
    return entry[1];
  }

  /** Stores data unless the key is held (a collision keeps the existing data); LRU beyond capacity. */
  keep(key: string, data: string): void {
    const i = this.store.findIndex(([k]) => k === key);
    if (this.check({ type: 'isCollision', params: { held: i >= 0 } })) return;
    if (i >= 0) this.store.splice(i, 1);
    this.store.push([key, data]);
    this.observe('store', { key, data });
    while (this.store.length > this.ctx.capacity) {
      const [evicted] = this.store.shift()!;
      this.observe('evict', { key: evicted });
    }
  }

  learn(key: string, node: number): void {
    this.routes = this.routes.filter(([k]) => k !== key);
    this.routes.push([key, node]);
    while (this.routes.length > this.ctx.capacity) this.routes.shift();
  }

  /** The untried neighbour closest to the key, by its routing entries and its location. */
  candidate(p: Pending): number | undefined {
    const score = (n: Neighbour) =>
      Math.min(
        distance(p.key, n.location),
        ...this.routes.filter(([, to]) => to === n.node).map(([k]) => distance(p.key, k)),
      );
    const open = this.ctx.neighbours
      .filter((n) => n.node !== p.upstream && !p.tried.includes(n.node))
      .map((n) => [score(n), n.node] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return open[0]?.[1];
  }

  /** Takes on a new request or insert: answer locally, or forward it. */
  handle(p: Pending): void {
    this.seen.push(p.id);
    this.observe('handle', { id: p.id });
    if (p.kind === 'request') {
      // Forging a KSK would need its signature, which is not modelled: the liar forges CHKs.
      if (this.ctx.corrupt && p.upstream !== null && p.key.startsWith('c')) {
        this.observe('corrupt', { id: p.id, key: p.key });
        return this.succeed(p, 'forged');
      }
      const data = this.held(p.key);
      if (data !== undefined) return this.succeed(p, data);
    } else {
      const i = this.store.findIndex(([k]) => k === p.key);
      if (this.check({ type: 'isCollision', params: { held: i >= 0 } })) {
        return this.placed(p, this.held(p.key)!, true);
      }
    }
    this.tryNext(p);
  }

  /** Forwards to the next-closest untried neighbour, or gives up when HTL or candidates run out. */
  tryNext(p: Pending): void {
    const next = p.htl > 1 ? this.candidate(p) : undefined;
    this.pending = this.pending.filter((q) => q.id !== p.id);
    if (next === undefined) return this.deadEnd(p);
    this.pending.push({ ...p, tried: [...p.tried, next] });
    const type = p.kind === 'request' ? 'DataRequest' : 'InsertRequest';
    const msg = { type, id: p.id, key: p.key, htl: p.htl - 1 };
    this.send(next, p.kind === 'request' ? msg : { ...msg, data: p.data });
  }

  /** Nowhere left to go: a request fails upstream, an insert is placed here. */
  deadEnd(p: Pending): void {
    if (p.kind === 'insert') {
      this.keep(p.key, p.data);
      return this.placed(p, p.data, false);
    }
    this.answer(p);
    if (p.upstream === null) this.observe('not-found', { id: p.id, key: p.key });
    else this.send(p.upstream, { type: 'RequestFailed', id: p.id });
  }

  succeed(p: Pending, data: string): void {
    this.answer(p);
    if (p.upstream === null) this.observe('found', { id: p.id, key: p.key, data });
    else this.send(p.upstream, { type: 'DataReply', id: p.id, key: p.key, data });
  }

  placed(p: Pending, data: string, collision: boolean): void {
    this.answer(p);
    if (p.upstream === null) this.observe('inserted', { id: p.id, key: p.key, data, collision });
    else this.send(p.upstream, { type: 'InsertReply', id: p.id, key: p.key, data, collision });
  }

  answer(p: Pending): void {
    this.pending = this.pending.filter((q) => q.id !== p.id);
    this.observe('answer', { id: p.id });
  }

  /** A reply came back along the reverse path: cache it, learn the route, pass it on. */
  reply(event: DataReply | InsertReply): void {
    const p = this.pending.find((q) => q.id === event.id);
    if (p === undefined) return;
    const ok = verifies(event.key, event.data);
    if (event.type === 'DataReply' && !this.check({ type: 'verifies', params: { ok } })) {
      this.observe('reject', { id: p.id, key: p.key, by: event.from });
      return this.tryNext(p);
    }
    if (event.type === 'InsertReply' || this.check({ type: 'cachesReply' })) {
      this.keep(event.key, event.data);
      this.learn(event.key, event.from);
    }
    if (event.type === 'InsertReply') return this.placed(p, event.data, event.collision);
    if (p.upstream !== null) this.observe('relay', { id: p.id, key: p.key });
    this.succeed(p, event.data);
  }

  failed(event: RequestFailed): void {
    const p = this.pending.find((q) => q.id === event.id);
    if (p === undefined) return;
    if (this.check({ type: 'backtracks' })) this.tryNext(p);
    else this.deadEnd(p);
  }

  /** A request or insert arrived from a neighbour: a loop if its id was seen before. */
  arrive(event: DataRequest | InsertRequest): void {
    if (this.check({ type: 'isLoop', params: { seen: this.seen.includes(event.id) } })) {
      return this.send(event.from, { type: 'RequestFailed', id: event.id });
    }
    const data = event.type === 'InsertRequest' ? event.data : '';
    const kind = event.type === 'InsertRequest' ? 'insert' : 'request';
    this.handle({
      id: event.id,
      kind,
      key: event.key,
      data,
      htl: event.htl,
      upstream: event.from,
      tried: [],
    });
  }

  start(event: Request | Insert): void {
    const data = event.type === 'insert' ? event.data : '';
    this.observe(event.type, { id: event.id, key: event.key, htl: event.htl, data });
    this.handle({
      id: event.id,
      kind: event.type,
      key: event.key,
      data,
      htl: event.htl,
      upstream: null,
      tried: [],
    });
  }
}

/** Runs one event through the node logic: the next context and the effects, in order. */
export function stepNode(
  context: FreenetContext,
  event: FreenetEvent,
  check: Check,
): { context: FreenetContext; out: readonly Effect[] } {
  const step = new Step(context, check);
  if (event.type === 'request' || event.type === 'insert') step.start(event);
  else if (event.type === 'DataRequest' || event.type === 'InsertRequest') step.arrive(event);
  else if (event.type === 'DataReply' || event.type === 'InsertReply') step.reply(event);
  else step.failed(event);
  const next = {
    ...context,
    store: step.store,
    routes: step.routes,
    seen: step.seen,
    pending: step.pending,
  };
  return { context: next, out: step.out };
}
