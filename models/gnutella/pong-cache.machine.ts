/**
 * Enhancement: pong caching (the seed: "pong caching for suppression of ping propagation trades
 * stale view of overlay for improved bandwidth efficiency"; the 0.6 ping/pong scheme of Rohrs,
 * 2001). A servent keeps the Pongs it has seen (relayed or got), each with the tick of its own
 * clock it got it on. A Ping it would pass on (TTL left after the decrement) is answered instead
 * from the cache when the cache holds fresh Pongs (of hosts other than the pinger, the connection
 * it came on and itself): its own Pong and one per cached host, and the Ping goes no further. A
 * Ping on its last hop is answered as by the plain servent. The servent repeats its host
 * discovery (its user's ping, a joiner's first ping) `repeat` times, one tick apart, and answers
 * a repeat from its own cache when it holds fresh Pongs. An entry older than `maxAge` ticks
 * expires (the `expires` guard; the mutant keeps it). The clock (the kernel's timer: it fires when
 * nothing else can happen) runs while a repeat is due or an entry may still be served, so time
 * passes between floods, never within one.
 *
 * Observations besides the servent's: `cache {maxAge}` at start, `pong-cached {host}` when it
 * caches a Pong, `tick {epoch}` when the clock advances, `cached-pong {host, age}` when a repeat is answered from the cache, `route {…, to:
 * [], cached: true}` and `reply {…, servent: host, cached: true, age}` when a Ping is answered
 * from the cache (properties/pong-caching.ts).
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import { serventGuards } from './servent-guards.ts';
import type { Ping, Pong, ServentEvent, ServentInput } from './messages.ts';
import {
  acceptConnect,
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

/** A cached Pong: `[host, files, tick got]`. */
export type CachedPong = readonly [number, number, number];

/** The pong-caching servent's state: the plain servent's, its clock, cache and repeats due. */
export type PongCacheContext = ServentContext & {
  readonly maxAge: number;
  readonly repeat: number;
  readonly epoch: number;
  /** Cached Pongs, one per host (the latest), in the order got. */
  readonly pongs: readonly CachedPong[];
  /** Host discoveries to repeat: `[ttl, repeats left]`. */
  readonly repeats: readonly (readonly [number, number])[];
};

/** A clock tick: time passes. */
export interface Tick {
  readonly type: 'tick';
  readonly from: number;
}

/** The guards the pong cache asks besides the servent's. */
type PongCacheGuard = ServentGuard | 'expires';

const kit = roleKit<{
  context: PongCacheContext;
  events: ServentEvent | Tick;
  sends: ServentSend;
  guards: PongCacheGuard;
  input: ServentInput;
}>();

/** A plain servent handler as an action over the pong-caching context. */
function act<K extends ServentEvent['type']>(kind: K, logic: Handler<K>) {
  return kit.on(kind, ({ context, event, out }) => {
    const state = new JsonState(context);
    logic(state, event, out);
    return state.changes();
  });
}

/** The cached Pongs a Ping from `from` originated by `origin` may be answered with. */
function servable(context: PongCacheContext, origin: number, from: number): CachedPong[] {
  return context.pongs.filter(([h]) => h !== origin && h !== from && h !== context.self);
}

/**
 * A Ping at a pong-caching servent: answered from the cache when it would be passed on and the
 * cache holds Pongs to send; else as by the plain servent.
 */
function pingAtCache(
  context: PongCacheContext,
  state: JsonState,
  e: Ping,
  out: ServentEffects,
): void {
  const cached = servable(context, originOf(e.guid), e.from);
  const next = forwardedHeader(e.ttl, e.hops, out.check('decrementsTtl', { type: 'Ping' }));
  if (cached.length === 0 || next.ttl <= 0) return receivePing(state, e, out);
  const { guid, type, from, ttl, hops } = e;
  if (out.check('isDuplicate', { guid, type })) return;
  state.markRoute(guid, type, from);
  const sent = { sentTtl: next.ttl, sentHops: next.hops };
  out.observe('route', { guid, type, from, ttl, hops, ...sent, to: [], cached: true });
  const back = replyTtl(hops);
  if (out.check('answersPing', { guid })) {
    out.observe('reply', { guid, type: 'Pong', to: from, ttl: back });
    const files = state.sharedKeys().length;
    out.send(from, { type: 'Pong', guid, ttl: back, hops: 0, host: state.self, files });
  }
  for (const [host, files, got] of cached) {
    const age = context.epoch - got;
    out.observe('reply', {
      guid,
      type: 'Pong',
      to: from,
      ttl: back,
      servent: host,
      cached: true,
      age,
    });
    out.send(from, { type: 'Pong', guid, ttl: back, hops: 0, host, files });
  }
}

/** The cache with the Pong `e` added (replacing its host's older entry). */
function cachePong(context: PongCacheContext, e: Pong): CachedPong[] {
  return [...context.pongs.filter(([h]) => h !== e.host), [e.host, e.files, context.epoch]];
}

/** Whether the clock has something to do: a repeat due, or an entry not yet past its bound. */
function clockRuns(context: PongCacheContext): boolean {
  return (
    context.repeats.length > 0 ||
    context.pongs.some(([, , got]) => context.epoch - got <= context.maxAge)
  );
}

const common = {
  search: { actions: 'search' },
  ping: { actions: ['ping', 'scheduleRepeats'] },
  Ping: { actions: 'receivePing' },
  Pong: { actions: ['receivePong', 'cachePong'] },
  Query: { actions: 'receiveQuery' },
  QueryHit: { actions: 'receiveQueryHit' },
  Push: { actions: 'receivePush' },
  Connect: { actions: 'acceptConnect' },
  Disconnect: { actions: 'disconnected' },
  leave: { actions: 'leave' },
  tick: { guard: 'clockRuns', actions: 'tick' },
} as const;

/** The pong-caching servent. */
export const pongCacheServent = setup({
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
    ping: act('ping', ping),
    scheduleRepeats: kit.on('ping', ({ context, event }) =>
      context.repeat > 0 ? { repeats: [...context.repeats, [event.ttl, context.repeat]] } : {},
    ),
    receivePing: kit.on('Ping', ({ context, event, out }) => {
      const state = new JsonState(context);
      pingAtCache(context, state, event, out);
      return state.changes();
    }),
    receivePong: act('Pong', receivePong),
    cachePong: kit.on('Pong', ({ context, event, out }) => {
      out.observe('pong-cached', { host: event.host });
      return { pongs: cachePong(context, event) };
    }),
    receiveQuery: act('Query', receiveQuery),
    receiveQueryHit: act('QueryHit', receiveQueryHit),
    receivePush: act('Push', receivePush),
    acceptConnect: act('Connect', acceptConnect),
    connected: kit.on('ConnectOk', ({ context, event, out }) => {
      const state = new JsonState(context);
      state.addNeighbour(event.from);
      out.observe('link', { peer: event.from });
      if (context.pingTtl === 0) return state.changes();
      ping(state, { type: 'ping', ttl: context.pingTtl, from: -1 }, out);
      const repeats = context.repeat > 0 ? [[context.pingTtl, context.repeat] as const] : [];
      return { ...state.changes(), repeats: [...context.repeats, ...repeats] };
    }),
    disconnected: act('Disconnect', disconnected),
    leave: act('leave', leave),
    tick: kit.on('tick', ({ context, out }) => {
      const epoch = context.epoch + 1;
      const pongs = context.pongs.filter(
        ([, , got]) => !out.check('expires', { age: epoch - got }),
      );
      out.observe('tick', { epoch });
      const state = new JsonState(context);
      for (const [ttl] of context.repeats) {
        if (pongs.length === 0) ping(state, { type: 'ping', ttl, from: -1 }, out);
        for (const [host, , got] of pongs) out.observe('cached-pong', { host, age: epoch - got });
      }
      const repeats = context.repeats
        .map(([ttl, left]) => [ttl, left - 1] as const)
        .filter(([, left]) => left > 0);
      return { ...state.changes(), epoch, pongs, repeats };
    }),
  },
  guards: {
    ...serventGuards,
    // An entry older than the bound is dropped (the mutant keeps it).
    expires: ({ context }, { age }: { age: number }) => age > context.maxAge,
    clockRuns: ({ context }) => clockRuns(context),
  },
}).createMachine({
  id: 'gnutella-pong-cache-servent',
  context: ({ input }) => ({
    ...freshContext(input),
    maxAge: input.cache?.maxAge ?? 1,
    repeat: input.cache?.repeat ?? 2,
    epoch: 0,
    pongs: [],
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
