/**
 * Enhancement: reflectors / ultrapeers (the seed: "reflector proxies to protect low bandwidth
 * participants"; the Gnutella 0.6 ultrapeer proposal, Singla and Rohrs 2002). Leaves connect only
 * to ultrapeers and upload the keys they share when they connect (here: in the ultrapeer's input,
 * `leafIndex`); an ultrapeer floods Pings and Queries only among ultrapeers, never to its leaves,
 * and answers a Query with a QueryHit for each leaf sharing the key (the hit names the leaf, so a
 * Push reaches it through the ultrapeer); its own searches find its leaves' keys at once. The
 * ultrapeers must be connected among themselves (the schema checks it). A leaf thus sees only its own traffic: the replies to
 * its own requests and Pushes addressed to it. Joining servents are ultrapeers (a joining leaf's
 * upload is not modelled).
 *
 * Observations besides the servent's: `leaf {}` when a leaf starts (properties/ultrapeer.ts), and
 * `reply {…, servent}` naming the leaf an ultrapeer answers for.
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import { serventGuards } from './servent-guards.ts';
import type { Query, ServentEvent, ServentInput } from './messages.ts';
import {
  acceptConnect,
  connected,
  disconnected,
  freshContext,
  guidOf,
  JsonState,
  ORIGIN,
  leave,
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
  type ServentGuardParams,
  type ServentSend,
} from './servent-logic.ts';

/** The ultrapeer variant's servent state: the plain servent's, whether it is a leaf, its leaves. */
export type UltrapeerContext = ServentContext & {
  readonly leaf: boolean;
  readonly leafIndex: readonly (readonly [number, readonly string[]])[];
};

const kit = roleKit<{
  context: UltrapeerContext;
  events: ServentEvent;
  sends: ServentSend;
  guards: ServentGuard;
  input: ServentInput;
}>();

/** A plain servent handler as an action over the ultrapeer context. */
function act<K extends ServentEvent['type']>(kind: K, logic: Handler<K>) {
  return kit.on(kind, ({ context, event, out }) => {
    const state = new JsonState(context);
    logic(state, event, out);
    return state.changes();
  });
}

/** A Query at an ultrapeer: handled as by any servent, then answered for each leaf sharing the key. */
function queryAtUltrapeer(
  context: UltrapeerContext,
  state: JsonState,
  e: Query,
  out: ServentEffects,
): void {
  const fresh = !out.check('isDuplicate', { guid: e.guid, type: 'Query' });
  receiveQuery(state, e, out);
  if (!fresh) return;
  for (const [leaf, keys] of context.leafIndex) {
    if (leaf === e.from || !keys.includes(e.key)) continue;
    const ttl = replyTtl(e.hops);
    state.markServent(leaf, leaf);
    out.observe('reply', { guid: e.guid, type: 'QueryHit', to: e.from, ttl, servent: leaf });
    const { guid, key } = e;
    out.send(e.from, {
      type: 'QueryHit',
      guid,
      ttl,
      hops: 0,
      key,
      servent: leaf,
      firewalled: true,
    });
  }
}

/**
 * An ultrapeer's own search: its leaves sharing the key are hits at once (a firewalled leaf gets
 * its Push directly).
 */
function localHits(
  context: UltrapeerContext,
  state: JsonState,
  key: string,
  out: ServentEffects,
): void {
  const guid = guidOf(state.self, state.context().counter - 1);
  for (const [leaf, keys] of context.leafIndex) {
    if (!keys.includes(key)) continue;
    state.markServent(leaf, leaf);
    out.observe('hit', { guid, key, servent: leaf, from: leaf });
    const push = state.nextGuid();
    state.markRoute(push, 'Push', ORIGIN);
    out.observe('push', { guid: push, servent: leaf, to: leaf, ttl: 1 });
    const requester = state.self;
    out.send(leaf, { type: 'Push', guid: push, ttl: 1, hops: 0, servent: leaf, requester, key });
  }
}

const common = {
  search: { actions: 'search' },
  ping: { actions: 'ping' },
  Ping: { actions: 'receivePing' },
  Pong: { actions: 'receivePong' },
  Query: { actions: 'receiveQuery' },
  QueryHit: { actions: 'receiveQueryHit' },
  Push: { actions: 'receivePush' },
  Connect: { actions: 'acceptConnect' },
  Disconnect: { actions: 'disconnected' },
  leave: { actions: 'leave' },
} as const;

/** The ultrapeer-variant servent (a leaf or an ultrapeer, by its input). */
export const ultrapeerServent = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    start: kit.step(({ context, out }) => {
      const state = new JsonState(context);
      start(state, out);
      if (context.leaf) out.observe('leaf');
      return state.changes();
    }),
    search: kit.on('search', ({ context, event, out }) => {
      const state = new JsonState(context);
      search(state, event, out);
      localHits(context, state, event.key, out);
      return state.changes();
    }),
    ping: act('ping', ping),
    receivePing: act('Ping', receivePing),
    receivePong: act('Pong', receivePong),
    receiveQuery: kit.on('Query', ({ context, event, out }) => {
      const state = new JsonState(context);
      queryAtUltrapeer(context, state, event, out);
      return state.changes();
    }),
    receiveQueryHit: act('QueryHit', receiveQueryHit),
    receivePush: act('Push', receivePush),
    acceptConnect: act('Connect', acceptConnect),
    connected: act('ConnectOk', connected),
    disconnected: act('Disconnect', disconnected),
    leave: act('leave', leave),
  },
  guards: {
    ...serventGuards,
    // An ultrapeer keeps floods from its leaves.
    floodsTo: ({ context }, { peer }: ServentGuardParams['floodsTo']) =>
      !context.leafIndex.some(([leaf]) => leaf === peer),
  },
}).createMachine({
  id: 'gnutella-ultrapeer-servent',
  context: ({ input }) => ({
    ...freshContext(input),
    leaf: input.leaf ?? false,
    leafIndex: input.leafIndex ?? [],
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
