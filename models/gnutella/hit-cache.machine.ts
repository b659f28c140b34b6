/**
 * Enhancement: query-hit caching (the seed: "query-hit caching for suppression of query propagation
 * - trades stale view for improved bandwidth efficiency - good for power-law networks - how to
 * discover new nodes?"). A servent caches the QueryHits it routes or gets (keyword → responder),
 * each with the tick of its own clock it got it on. A Query it would pass on (TTL left after the
 * decrement) for a key with fresh cached hits (of responders other than the requester and itself)
 * is answered from the cache instead: its own QueryHit if it shares the key, and one per cached
 * responder, back on the Query's connection, and the Query goes no further. A servent repeats its
 * user's searches `repeat` times, one tick apart, answering a repeat from its own cache while it
 * holds fresh hits for the key. An entry older than `maxAge` ticks expires (the `expires` guard;
 * the mutant keeps it), so a search floods again within the bound and finds copies at servents
 * that joined since (how new nodes are discovered); an entry naming a neighbour that closed its
 * connection is dropped. The clock is the kernel's timer, as in pong-cache.machine.ts.
 *
 * Observations besides the servent's: `cache {maxAge}` at start, `hit-cached {key, servent}` when
 * it caches a hit, `tick {epoch}` when the clock advances, `cached-hit {search, key, servent}` when
 * a repeat is answered from the cache, `route {…, to: [], cached: true}` and `reply {…, servent,
 * key, cached: true}` when a Query is answered from the cache (properties/hit-caching.ts).
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import { serventGuards } from './servent-guards.ts';
import type { Query, QueryHit, ServentEvent, ServentInput } from './messages.ts';
import {
  acceptConnect,
  connected,
  disconnected,
  forwardedHeader,
  freshContext,
  JsonState,
  leave,
  originOf,
  ping,
  receivePing,
  receivePong,
  receivePush,
  receiveQuery,
  receiveQueryHit,
  replyTtl,
  search,
  start,
  type Handler,
  type ServentContext,
  type ServentEffects,
  type ServentGuard,
  type ServentSend,
} from './servent-logic.ts';

/** A cached QueryHit: `[key, servent, firewalled, tick got]`. */
export type CachedHit = readonly [string, number, boolean, number];

/** A search to repeat: `[search id, key, ttl, repeats left]`. */
export type Repeat = readonly [string, string, number, number];

/** The query-hit-caching servent's state: the plain servent's, its clock, cache and repeats due. */
export type HitCacheContext = ServentContext & {
  readonly maxAge: number;
  readonly repeat: number;
  readonly epoch: number;
  /** Cached hits, one per key and responder (the latest), in the order got. */
  readonly hits: readonly CachedHit[];
  readonly repeats: readonly Repeat[];
};

/** A clock tick: time passes. */
export interface Tick {
  readonly type: 'tick';
  readonly from: number;
}

/** The guards the hit cache asks besides the servent's. */
type HitCacheGuard = ServentGuard | 'expires';

const kit = roleKit<{
  context: HitCacheContext;
  events: ServentEvent | Tick;
  sends: ServentSend;
  guards: HitCacheGuard;
  input: ServentInput;
}>();

/** A plain servent handler as an action over the hit-caching context. */
function act<K extends ServentEvent['type']>(kind: K, logic: Handler<K>) {
  return kit.on(kind, ({ context, event, out }) => {
    const state = new JsonState(context);
    logic(state, event, out);
    return state.changes();
  });
}

/**
 * A Query at a hit-caching servent: answered from the cache when it would be passed on and the
 * cache holds hits for its key; else as by the plain servent.
 */
function queryAtCache(context: HitCacheContext, state: JsonState, e: Query, out: ServentEffects) {
  const origin = originOf(e.guid);
  const cached = context.hits.filter(([k, s]) => k === e.key && s !== origin && s !== context.self);
  const next = forwardedHeader(e.ttl, e.hops, out.check('decrementsTtl', { type: 'Query' }));
  if (cached.length === 0 || next.ttl <= 0) return receiveQuery(state, e, out);
  const { guid, type, from, ttl, hops, key } = e;
  if (out.check('isDuplicate', { guid, type })) return;
  state.markRoute(guid, type, from);
  const sent = { sentTtl: next.ttl, sentHops: next.hops };
  out.observe('route', { guid, type, from, ttl, hops, ...sent, to: [], cached: true });
  const back = replyTtl(hops);
  const answer = (servent: number, firewalled: boolean, extra: object) => {
    out.observe('reply', { guid, type: 'QueryHit', to: from, ttl: back, ...extra });
    out.send(from, { type: 'QueryHit', guid, ttl: back, hops: 0, key, servent, firewalled });
  };
  if (state.shares(key)) answer(state.self, state.firewalled, {});
  for (const [, servent, firewalled, got] of cached) {
    answer(servent, firewalled, { servent, key, cached: true, age: context.epoch - got });
  }
}

/** The cache with the hit `e` added (replacing its older entry for the key and responder). */
function cacheHit(context: HitCacheContext, e: QueryHit): CachedHit[] {
  const others = context.hits.filter(([k, s]) => k !== e.key || s !== e.servent);
  return [...others, [e.key, e.servent, e.firewalled, context.epoch]];
}

/** Whether the clock has something to do: a repeat due, or an entry not yet past its bound. */
function clockRuns(context: HitCacheContext): boolean {
  return (
    context.repeats.length > 0 ||
    context.hits.some(([, , , got]) => context.epoch - got <= context.maxAge)
  );
}

const common = {
  search: { actions: ['search', 'scheduleRepeats'] },
  ping: { actions: 'ping' },
  Ping: { actions: 'receivePing' },
  Pong: { actions: 'receivePong' },
  Query: { actions: 'receiveQuery' },
  QueryHit: { actions: ['receiveQueryHit', 'cacheHit'] },
  Push: { actions: 'receivePush' },
  Connect: { actions: 'acceptConnect' },
  Disconnect: { actions: ['disconnected', 'forgetPeer'] },
  leave: { actions: 'leave' },
  tick: { guard: 'clockRuns', actions: 'tick' },
} as const;

/** The query-hit-caching servent. */
export const hitCacheServent = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    start: kit.step(({ context, out }) => {
      const state = new JsonState(context);
      start(state, out);
      out.observe('cache', { maxAge: context.maxAge });
      return state.changes();
    }),
    search: act('search', search),
    scheduleRepeats: kit.on('search', ({ context, event }) =>
      context.repeat > 0
        ? { repeats: [...context.repeats, [event.id, event.key, event.ttl, context.repeat]] }
        : {},
    ),
    ping: act('ping', ping),
    receivePing: act('Ping', receivePing),
    receivePong: act('Pong', receivePong),
    receiveQuery: kit.on('Query', ({ context, event, out }) => {
      const state = new JsonState(context);
      queryAtCache(context, state, event, out);
      return state.changes();
    }),
    receiveQueryHit: act('QueryHit', receiveQueryHit),
    cacheHit: kit.on('QueryHit', ({ context, event, out }) => {
      out.observe('hit-cached', { key: event.key, servent: event.servent });
      return { hits: cacheHit(context, event) };
    }),
    receivePush: act('Push', receivePush),
    acceptConnect: act('Connect', acceptConnect),
    connected: act('ConnectOk', connected),
    disconnected: act('Disconnect', disconnected),
    // A neighbour that closed its connection has left: its hits are no longer served.
    forgetPeer: kit.on('Disconnect', ({ context, event }) =>
      context.hits.some(([, s]) => s === event.from)
        ? { hits: context.hits.filter(([, s]) => s !== event.from) }
        : {},
    ),
    leave: act('leave', leave),
    tick: kit.on('tick', ({ context, out }) => {
      const epoch = context.epoch + 1;
      const hits = context.hits.filter(
        ([, , , got]) => !out.check('expires', { age: epoch - got }),
      );
      out.observe('tick', { epoch });
      const state = new JsonState(context);
      for (const [id, key, ttl] of context.repeats) {
        const fresh = hits.filter(([k]) => k === key);
        if (fresh.length === 0) search(state, { type: 'search', id, key, ttl, from: -1 }, out);
        for (const [, servent, , got] of fresh) {
          out.observe('cached-hit', { search: id, key, servent, age: epoch - got });
        }
      }
      const repeats = context.repeats
        .map(([id, key, ttl, left]) => [id, key, ttl, left - 1] as const)
        .filter(([, , , left]) => left > 0);
      return { ...state.changes(), epoch, hits, repeats };
    }),
  },
  guards: {
    ...serventGuards,
    // An entry older than the bound is dropped (the mutant keeps it).
    expires: ({ context }, { age }: { age: number }) => age > context.maxAge,
    clockRuns: ({ context }) => clockRuns(context),
  },
}).createMachine({
  id: 'gnutella-hit-cache-servent',
  context: ({ input }) => ({
    ...freshContext(input),
    maxAge: input.cache?.maxAge ?? 1,
    repeat: input.cache?.repeat ?? 2,
    epoch: 0,
    hits: [],
    repeats: [],
  }),
  entry: 'start',
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'isJoining', target: 'joining' }, { target: 'online' }],
    },
    joining: {
      on: { ...common, ConnectOk: { target: 'online', actions: 'connected' } },
    },
    online: { on: common },
  },
});
