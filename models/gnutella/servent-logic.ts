/**
 * Gnutella 0.4 servent logic: what a servent does with each descriptor, as pure functions over a
 * servent state (`ServentState`) and the kit's `Effects` (send, observe, ask a named guard). The
 * xstate machine (servent.machine.ts) runs each handler as the named action of its event's
 * transition over the JSON state (`JsonState`); the at-scale simulator (experiments/gnutella/)
 * runs the same handlers over its own mutable `ServentState`, through `stepServent`, and a
 * differential test compares the two.
 *
 * **Stable API** (the simulator and its differential test depend on it; keep these names and
 * signatures, add only): `ORIGIN`, `guidOf`, `originOf`, `floodTargets`, `forwardedHeader`, `replyTtl`,
 * `ServentState`, `ServentContext`, `freshContext`, `JsonState`, `ServentGuardParams`,
 * `ServentGuard`, `ServentSend`, `ServentEffects`, `decisions`, `decide`, `handlers`,
 * `stepServent` and the handler functions. Enhancement variants add guards and optional state;
 * they do not change what the plain servent does.
 *
 * The rules (spec v0.4, section "Descriptor routing"):
 * - A request (Ping, Query) whose GUID this servent has seen is dropped. Otherwise the servent
 *   remembers the connection it came on, passes it to every other connection with TTL − 1 and
 *   Hops + 1 while that TTL stays above 0, and answers it: every servent with a Pong, a servent
 *   sharing the key with a QueryHit, sent back on the connection the request came on with
 *   TTL = the request's Hops + 1 (the distance back) and Hops 0.
 * - A reply (Pong, QueryHit) is passed only to the connection its request came on (the reverse
 *   path), with TTL − 1 and Hops + 1; a reply whose GUID the servent never saw as a request, or
 *   whose TTL is spent, is dropped. At the request's originator it is consumed.
 * - A Push for servent S is passed only to the connection a QueryHit from S came on; at S it is
 *   consumed (S would open a connection out to the requester). A requester sends a Push for every
 *   hit from a firewalled servent.
 *
 * Observations (what the properties in properties/gnutella-routing.ts and
 * properties/horizon-discovery.ts read): `servent {neighbours, shares}` at start; `query {guid,
 * key, ttl, search, to}` and `ping {guid, ttl, to}` at an originator; `route {guid, type, from, ttl, hops,
 * sentTtl, sentHops, to}` when a servent takes on a new request (`to` the connections it passes
 * it to, maybe none; a Push's also names its `servent`; `skipped` the connections query routing
 * left out of a last hop); `reply {guid, type, to, ttl}` when it answers one; `relay {guid, type,
 * servent, from, ttl, hops, sentTtl, sentHops, to}` when it passes a reply on; `hit {guid, key,
 * servent, from}` and `pong {guid, host, from}` at the originator; `push {guid, servent, to, ttl}`
 * when a requester sends a Push, `pushed {guid, requester}` at its target; `link {peer}` and
 * `unlink {peer}` when a connection opens or closes.
 */
import type { Effects, Outgoing } from '../kernel/step.ts';
import type {
  Connect,
  ConnectOk,
  DescriptorType,
  Disconnect,
  GnutellaMessage,
  Leave,
  Ping,
  PingEvent,
  Pong,
  Push,
  Query,
  QueryHit,
  RequestType,
  SearchEvent,
  ServentEvent,
  ServentInput,
} from './messages.ts';

/** The route-table entry of a request this servent originated (no connection to pass replies to). */
export const ORIGIN = -1;

/**
 * The 16-byte descriptor id the `counter`-th descriptor originated by servent `node` carries, as
 * 32 hex digits: bytes 0-1 the servent, 2-3 the counter, byte 8 all ones (how 0.4-era servents
 * marked "new" GUIDs), the rest zero. Deterministic, unique per (servent, counter).
 */
export function guidOf(node: number, counter: number): string {
  const bytes = new Array<number>(16).fill(0);
  bytes[0] = (node >> 8) & 0xff;
  bytes[1] = node & 0xff;
  bytes[2] = (counter >> 8) & 0xff;
  bytes[3] = counter & 0xff;
  bytes[8] = 0xff;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The servent that originated the descriptor with GUID `guid` (the inverse of `guidOf`). */
export function originOf(guid: string): number {
  return parseInt(guid.slice(0, 4), 16);
}

/** The connections a flooded descriptor goes to: every neighbour but the one it came from. */
export function floodTargets(neighbours: readonly number[], from: number): number[] {
  return neighbours.filter((n) => n !== from);
}

/**
 * The header a servent passes on for a descriptor that arrived with `ttl` and `hops`: TTL − 1
 * (unless `decrements` is false: the mutant) and Hops + 1.
 */
export function forwardedHeader(
  ttl: number,
  hops: number,
  decrements = true,
): { readonly ttl: number; readonly hops: number } {
  return { ttl: decrements ? ttl - 1 : ttl, hops: hops + 1 };
}

/** The TTL of a reply to a request that arrived with `hops`: the distance back to its originator. */
export function replyTtl(hops: number): number {
  return hops + 1;
}

/** A servent's state as plain JSON (the xstate machine's context). */
export interface ServentContext {
  readonly self: number;
  /** Open connections, ascending. */
  readonly neighbours: readonly number[];
  readonly shares: readonly string[];
  readonly firewalled: boolean;
  /** A joining servent's known host, or null. */
  readonly known: number | null;
  /** TTL of the Ping a joining servent sends once connected (0: none). */
  readonly pingTtl: number;
  /** Descriptors originated so far (the next GUID's counter). */
  readonly counter: number;
  /** Requests seen, in arrival order: `[guid, type, connection it came on or ORIGIN]`. */
  readonly routes: readonly (readonly [string, RequestType, number])[];
  /** Push routes: `[servent, connection its first QueryHit came on]`, in arrival order. */
  readonly servents: readonly (readonly [number, number])[];
}

/** A servent's context when it starts: its input, nothing seen. */
export function freshContext(input: ServentInput): ServentContext {
  return {
    self: input.self,
    neighbours: [...input.neighbours].sort((a, b) => a - b),
    shares: input.shares,
    firewalled: input.firewalled,
    known: input.known,
    pingTtl: input.pingTtl,
    counter: 0,
    routes: [],
    servents: [],
  };
}

/** What the servent logic needs of a servent's state. Every order is part of the contract. */
export interface ServentState {
  readonly self: number;
  readonly firewalled: boolean;
  readonly known: number | null;
  readonly pingTtl: number;
  /** Open connections, ascending. */
  neighbours(): readonly number[];
  /** Whether the servent shares `key`. */
  shares(key: string): boolean;
  /** The keys it shares, in input order. */
  sharedKeys(): readonly string[];
  /** The connection request `guid` of `type` came on (ORIGIN if originated here), if seen. */
  routeOf(guid: string, type: RequestType): number | undefined;
  /** Records that request `guid` of `type` came on `from` (appended, even if already seen). */
  markRoute(guid: string, type: RequestType, from: number): void;
  /** The connection the first QueryHit from `servent` came on, if any. */
  serventRoute(servent: number): number | undefined;
  /** Records `servent`'s QueryHit came on `from`, unless a route to it is known. */
  markServent(servent: number, from: number): void;
  /** A fresh GUID (advances the counter). */
  nextGuid(): string;
  /** Opens a connection (no-op if open); the list stays ascending. */
  addNeighbour(node: number): void;
  /** Closes a connection (no-op if closed). */
  removeNeighbour(node: number): void;
}

/** A copy-on-write view of a JSON context: the machine's servent state. */
export class JsonState implements ServentState {
  private nbrs: number[] | null = null;
  private routeList: (readonly [string, RequestType, number])[] | null = null;
  private serventList: (readonly [number, number])[] | null = null;
  private count: number | null = null;

  constructor(readonly ctx: ServentContext) {}

  get self(): number {
    return this.ctx.self;
  }

  get firewalled(): boolean {
    return this.ctx.firewalled;
  }

  get known(): number | null {
    return this.ctx.known;
  }

  get pingTtl(): number {
    return this.ctx.pingTtl;
  }

  /** The next context: the original with every changed part replaced. */
  context(): ServentContext {
    return { ...this.ctx, ...this.changes() };
  }

  /** The parts of the context that changed (what a step returns to the machine). */
  changes(): Partial<ServentContext> {
    const changed: { -readonly [K in keyof ServentContext]?: ServentContext[K] } = {};
    if (this.nbrs !== null) changed.neighbours = this.nbrs;
    if (this.routeList !== null) changed.routes = this.routeList;
    if (this.serventList !== null) changed.servents = this.serventList;
    if (this.count !== null) changed.counter = this.count;
    return changed;
  }

  neighbours(): readonly number[] {
    return this.nbrs ?? this.ctx.neighbours;
  }

  shares(key: string): boolean {
    return this.ctx.shares.includes(key);
  }

  sharedKeys(): readonly string[] {
    return this.ctx.shares;
  }

  routeOf(guid: string, type: RequestType): number | undefined {
    return (this.routeList ?? this.ctx.routes).find(([g, t]) => g === guid && t === type)?.[2];
  }

  markRoute(guid: string, type: RequestType, from: number): void {
    (this.routeList ??= [...this.ctx.routes]).push([guid, type, from]);
  }

  serventRoute(servent: number): number | undefined {
    return (this.serventList ?? this.ctx.servents).find(([s]) => s === servent)?.[1];
  }

  markServent(servent: number, from: number): void {
    if (this.serventRoute(servent) !== undefined) return;
    (this.serventList ??= [...this.ctx.servents]).push([servent, from]);
  }

  nextGuid(): string {
    const counter = this.count ?? this.ctx.counter;
    this.count = counter + 1;
    return guidOf(this.ctx.self, counter);
  }

  addNeighbour(node: number): void {
    const now = this.neighbours();
    if (now.includes(node)) return;
    this.nbrs = [...now, node].sort((a, b) => a - b);
  }

  removeNeighbour(node: number): void {
    const now = this.neighbours();
    if (now.includes(node)) this.nbrs = now.filter((n) => n !== node);
  }
}

/** What a servent sends: its messages as written, without the `from` the network adds. */
export type ServentSend = Outgoing<GnutellaMessage>;

/** What the servent asks each named guard (a mutant swaps one). */
export interface ServentGuardParams {
  /** A request arrives: was its GUID (of this type) seen before? Then it is dropped. */
  readonly isDuplicate: { readonly guid: string; readonly type: RequestType };
  /** A descriptor is passed on: is its TTL decremented? */
  readonly decrementsTtl: { readonly type: DescriptorType };
  /** A reply is passed on: only back along its request's path (else flooded: the mutant)? */
  readonly routesReplyBack: { readonly type: 'Pong' | 'QueryHit' };
  /**
   * A Query is passed on for its last hop (TTL 1: `peer` will answer but not pass it on): is it
   * sent to `peer`? The plain servent always sends; query routing (qrp.machine.ts) sends only where
   * the peer's routing table may hold `key`.
   */
  readonly sendsLastHop: { readonly peer: number; readonly key: string };
  /**
   * A Ping or Query is flooded: does it go to `peer`? The plain servent floods to every other
   * connection; an ultrapeer (ultrapeer.machine.ts) keeps floods from its leaves.
   */
  readonly floodsTo: { readonly peer: number };
  /**
   * A Ping was taken on: is it answered with a Pong? The plain servent always answers; capacity
   * matching (capacity.machine.ts) answers only a Ping from a servent of its own bandwidth class.
   */
  readonly answersPing: { readonly guid: string };
}

/** The guards the servent logic asks by name. */
export type ServentGuard = keyof ServentGuardParams;

/** The effects the servent logic works through. */
export type ServentEffects = Effects<ServentSend, ServentGuard>;

/**
 * The correct servent's decisions, on its state: the machine's guards run these on its context;
 * other runners (the simulator) answer `check` with `decide`.
 */
export const decisions: {
  readonly [G in ServentGuard]: (state: ServentState, params: ServentGuardParams[G]) => boolean;
} = {
  isDuplicate: (state, { guid, type }) => state.routeOf(guid, type) !== undefined,
  decrementsTtl: () => true,
  routesReplyBack: () => true,
  sendsLastHop: () => true,
  floodsTo: () => true,
  answersPing: () => true,
};

/** The correct servent's answer to `guard` asked with `params`, on `state`. */
export function decide<G extends ServentGuard>(
  state: ServentState,
  guard: G,
  params: object,
): boolean {
  return decisions[guard](state, params as ServentGuardParams[G]);
}

/** Asks a guard with the params it takes. */
function ask<G extends ServentGuard>(
  out: ServentEffects,
  guard: G,
  params: ServentGuardParams[G],
): boolean {
  return out.check(guard, params);
}

/** Start-up: report the servent's links and shares; a joining servent connects to its known host. */
export function start(state: ServentState, out: ServentEffects): void {
  out.observe('servent', { neighbours: [...state.neighbours()], shares: [...state.sharedKeys()] });
  if (state.known !== null) out.send(state.known, { type: 'Connect' });
}

/** The connections an originated Ping or Query goes to (all, unless `floodsTo` says otherwise). */
function floodable(state: ServentState, out: ServentEffects): number[] {
  return state.neighbours().filter((peer) => ask(out, 'floodsTo', { peer }));
}

/** A user's search: a fresh GUID, flooded to every connection with Hops 0. */
export function search(state: ServentState, e: SearchEvent, out: ServentEffects): void {
  const guid = state.nextGuid();
  state.markRoute(guid, 'Query', ORIGIN);
  const to = floodable(state, out);
  out.observe('query', { guid, key: e.key, ttl: e.ttl, search: e.id, to });
  out.send(to, { type: 'Query', guid, ttl: e.ttl, hops: 0, key: e.key });
}

/** A user's host discovery: a fresh Ping, flooded to every connection. */
export function ping(state: ServentState, e: PingEvent, out: ServentEffects): void {
  originatePing(state, e.ttl, out);
}

/** Sends a fresh Ping with `ttl` to every connection. */
function originatePing(state: ServentState, ttl: number, out: ServentEffects): void {
  const guid = state.nextGuid();
  state.markRoute(guid, 'Ping', ORIGIN);
  const to = floodable(state, out);
  out.observe('ping', { guid, ttl, to });
  out.send(to, { type: 'Ping', guid, ttl, hops: 0 });
}

/**
 * Takes on a flooded request (Ping or Query) unless its GUID was seen: remembers where it came
 * from and passes it to every other connection while TTL lasts. Returns false for a duplicate.
 */
function flood(state: ServentState, e: Ping | Query, out: ServentEffects): boolean {
  const { guid, type, from, ttl, hops } = e;
  if (ask(out, 'isDuplicate', { guid, type })) return false;
  const next = forwardedHeader(ttl, hops, ask(out, 'decrementsTtl', { type }));
  const all =
    next.ttl > 0
      ? floodTargets(state.neighbours(), from).filter((peer) => ask(out, 'floodsTo', { peer }))
      : [];
  const last = e.type === 'Query' && next.ttl === 1 ? e.key : null;
  const skipped =
    last === null ? [] : all.filter((peer) => !ask(out, 'sendsLastHop', { peer, key: last }));
  const to = skipped.length === 0 ? all : all.filter((peer) => !skipped.includes(peer));
  state.markRoute(guid, type, from);
  out.observe('route', {
    guid,
    type,
    from,
    ttl,
    hops,
    sentTtl: next.ttl,
    sentHops: next.hops,
    to,
    ...(skipped.length > 0 ? { skipped } : {}),
  });
  const { from: _, ...sent } = e;
  out.send(to, { ...sent, ttl: next.ttl, hops: next.hops });
  return true;
}

/** A Ping: flooded on, and answered with a Pong back on its connection (unless `answersPing` says not). */
export function receivePing(state: ServentState, e: Ping, out: ServentEffects): void {
  if (!flood(state, e, out) || !ask(out, 'answersPing', { guid: e.guid })) return;
  const ttl = replyTtl(e.hops);
  out.observe('reply', { guid: e.guid, type: 'Pong', to: e.from, ttl });
  const files = state.sharedKeys().length;
  out.send(e.from, { type: 'Pong', guid: e.guid, ttl, hops: 0, host: state.self, files });
}

/** A Query: flooded on, and answered with a QueryHit back on its connection if the key is shared. */
export function receiveQuery(state: ServentState, e: Query, out: ServentEffects): void {
  if (!flood(state, e, out) || !state.shares(e.key)) return;
  const ttl = replyTtl(e.hops);
  out.observe('reply', { guid: e.guid, type: 'QueryHit', to: e.from, ttl });
  out.send(e.from, {
    type: 'QueryHit',
    guid: e.guid,
    ttl,
    hops: 0,
    key: e.key,
    servent: state.self,
    firewalled: state.firewalled,
  });
}

/**
 * Passes a reply on towards its request's originator: to the connection the request came on (or,
 * in the flooding mutant, to every other connection). Returns ORIGIN when it is consumed here (this
 * servent originated the request), else undefined.
 */
function routeBack(
  state: ServentState,
  e: Pong | QueryHit,
  servent: number,
  out: ServentEffects,
): number | undefined {
  const request = e.type === 'Pong' ? 'Ping' : 'Query';
  const back = state.routeOf(e.guid, request);
  if (back === ORIGIN) return ORIGIN;
  const next = forwardedHeader(e.ttl, e.hops, ask(out, 'decrementsTtl', { type: e.type }));
  if (next.ttl <= 0) return undefined;
  const reverse = back !== undefined && state.neighbours().includes(back) ? [back] : [];
  const to = ask(out, 'routesReplyBack', { type: e.type })
    ? reverse
    : floodTargets(state.neighbours(), e.from);
  if (to.length === 0) return undefined;
  const { guid, type, from, ttl, hops } = e;
  out.observe('relay', {
    guid,
    type,
    servent,
    from,
    ttl,
    hops,
    sentTtl: next.ttl,
    sentHops: next.hops,
    to,
  });
  const { from: _, ...sent } = e;
  out.send(to, { ...sent, ttl: next.ttl, hops: next.hops });
  return undefined;
}

/** A Pong: passed back along its Ping's path; at the Ping's originator, a host learned. */
export function receivePong(state: ServentState, e: Pong, out: ServentEffects): void {
  if (routeBack(state, e, e.host, out) === ORIGIN) {
    out.observe('pong', { guid: e.guid, host: e.host, from: e.from });
  }
}

/**
 * A QueryHit: the responder's route learned (for Pushes), then passed back along its Query's path;
 * at the Query's originator, a hit (and a Push if the responder is firewalled).
 */
export function receiveQueryHit(state: ServentState, e: QueryHit, out: ServentEffects): void {
  state.markServent(e.servent, e.from);
  if (routeBack(state, e, e.servent, out) !== ORIGIN) return;
  out.observe('hit', { guid: e.guid, key: e.key, servent: e.servent, from: e.from });
  if (!e.firewalled) return;
  const guid = state.nextGuid();
  const ttl = e.ttl + e.hops;
  state.markRoute(guid, 'Push', ORIGIN);
  out.observe('push', { guid, servent: e.servent, to: e.from, ttl });
  const { servent, key } = e;
  out.send(e.from, { type: 'Push', guid, ttl, hops: 0, servent, requester: state.self, key });
}

/** A Push: at its target, consumed; elsewhere passed to the connection its servent's hit came on. */
export function receivePush(state: ServentState, e: Push, out: ServentEffects): void {
  const { guid, from, ttl, hops } = e;
  if (ask(out, 'isDuplicate', { guid, type: 'Push' })) return;
  const next = forwardedHeader(ttl, hops, ask(out, 'decrementsTtl', { type: 'Push' }));
  const route = state.serventRoute(e.servent);
  const here = e.servent === state.self;
  const to = !here && next.ttl > 0 && route !== undefined ? [route] : [];
  state.markRoute(guid, 'Push', from);
  if (here) return out.observe('pushed', { guid, requester: e.requester, key: e.key });
  out.observe('route', {
    guid,
    type: 'Push',
    servent: e.servent,
    from,
    ttl,
    hops,
    sentTtl: next.ttl,
    sentHops: next.hops,
    to,
  });
  const { from: _, ...sent } = e;
  out.send(to, { ...sent, ttl: next.ttl, hops: next.hops });
}

/** A joining servent connects: the host opens the link and accepts. */
export function acceptConnect(state: ServentState, e: Connect, out: ServentEffects): void {
  state.addNeighbour(e.from);
  out.observe('link', { peer: e.from });
  out.send(e.from, { type: 'ConnectOk' });
}

/** The host accepted: the link is open; the joiner pings to discover hosts. */
export function connected(state: ServentState, e: ConnectOk, out: ServentEffects): void {
  state.addNeighbour(e.from);
  out.observe('link', { peer: e.from });
  if (state.pingTtl > 0) originatePing(state, state.pingTtl, out);
}

/** A neighbour closed its connection. */
export function disconnected(state: ServentState, e: Disconnect, out: ServentEffects): void {
  if (!state.neighbours().includes(e.from)) return;
  state.removeNeighbour(e.from);
  out.observe('unlink', { peer: e.from });
}

/** Leaving: every connection is closed. */
export function leave(state: ServentState, _: Leave, out: ServentEffects): void {
  out.send(state.neighbours(), { type: 'Disconnect' });
}

/** A kind of event's servent logic. */
export type Handler<K extends ServentEvent['type']> = (
  state: ServentState,
  event: Extract<ServentEvent, { type: K }>,
  out: ServentEffects,
) => void;

/** The servent logic of each kind of event (a kind the servent forgets fails to compile). */
export const handlers: { readonly [K in ServentEvent['type']]: Handler<K> } = {
  search,
  ping,
  Ping: receivePing,
  Pong: receivePong,
  Query: receiveQuery,
  QueryHit: receiveQueryHit,
  Push: receivePush,
  Connect: acceptConnect,
  ConnectOk: connected,
  Disconnect: disconnected,
  leave,
};

/** Runs one event through the servent logic of its kind (what the simulator does per message). */
export function stepServent(state: ServentState, event: ServentEvent, out: ServentEffects): void {
  run(event.type, state, event, out);
}

/** Runs the handler of `kind` (the kind of `event`). */
function run<K extends ServentEvent['type']>(
  kind: K,
  state: ServentState,
  event: Extract<ServentEvent, { type: K }>,
  out: ServentEffects,
): void {
  handlers[kind](state, event, out);
}
