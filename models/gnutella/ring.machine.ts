/**
 * Enhancement: the expanding ring (the seed: "expanding ring using incrementally expanding TTL";
 * Lv, Cao, Cohen, Li, Shenker, "Search and Replication in Unstructured Peer-to-Peer Networks", ICS
 * 2002, section 4.1). A search floods a Query with TTL 1; when the ring has gone quiet (the timer
 * fires: nothing left to deliver) without a hit, it floods a new Query, with a fresh GUID, one hop
 * further, up to the search's TTL; a hit ends it. Every other descriptor is handled as by the plain
 * servent (servent-logic.ts). Lv et al. grow the TTL by 2 from 1; here by 1, so every ring of a
 * small network is explored.
 *
 * Observations besides the servent's: `ring {search, ttl, max}` when a round starts, `ring-end
 * {search, found}` when the search ends (properties/expanding-ring.ts).
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import { serventGuards } from './servent-guards.ts';
import type { SearchEvent, ServentEvent, ServentInput } from './messages.ts';
import {
  acceptConnect,
  connected,
  disconnected,
  freshContext,
  guidOf,
  JsonState,
  leave,
  ping,
  receivePing,
  receivePong,
  receivePush,
  receiveQuery,
  receiveQueryHit,
  search,
  start,
  type Handler,
  type ServentContext,
  type ServentEffects,
  type ServentGuard,
  type ServentSend,
} from './servent-logic.ts';

/** A search in progress: its current round's TTL and GUID, and the TTL it may grow to. */
export interface Ring {
  readonly search: string;
  readonly key: string;
  readonly ttl: number;
  readonly max: number;
  readonly guid: string;
}

/** The expanding-ring servent's state: the plain servent's and its searches in progress. */
export type RingContext = ServentContext & { readonly rings: readonly Ring[] };

/** A timer: the ring has gone quiet. */
export interface Timeout {
  readonly type: 'timeout';
  readonly from: number;
}

/** The guards the ring asks besides the servent's. */
type RingGuard = ServentGuard | 'stopsOnHit';

const kit = roleKit<{
  context: RingContext;
  events: ServentEvent | Timeout;
  sends: ServentSend;
  guards: RingGuard;
  input: ServentInput;
}>();

/** Floods round `ttl` of `search` and returns its ring entry (or null after the last round). */
function round(
  state: JsonState,
  e: { readonly search: string; readonly key: string; readonly max: number },
  ttl: number,
  out: ServentEffects,
): Ring | null {
  out.observe('ring', { search: e.search, ttl, max: e.max });
  const event: SearchEvent = { type: 'search', id: e.search, key: e.key, ttl, from: -1 };
  search(state, event, out);
  const guid = guidOf(state.self, state.context().counter - 1);
  return ttl < e.max ? { search: e.search, key: e.key, ttl, max: e.max, guid } : null;
}

/** A plain servent handler as an action over the ring's context. */
function act<K extends ServentEvent['type']>(kind: K, logic: Handler<K>) {
  return kit.on(kind, ({ context, event, out }) => {
    const state = new JsonState(context);
    logic(state, event, out);
    return state.changes();
  });
}

const common = {
  ping: { actions: 'ping' },
  Ping: { actions: 'receivePing' },
  Pong: { actions: 'receivePong' },
  Query: { actions: 'receiveQuery' },
  QueryHit: { actions: ['receiveQueryHit', 'closeRing'] },
  Push: { actions: 'receivePush' },
  Connect: { actions: 'acceptConnect' },
  Disconnect: { actions: 'disconnected' },
  leave: { actions: 'leave' },
  search: { actions: 'startRing' },
  timeout: { guard: 'ringPending', actions: 'expandRings' },
} as const;

/** The expanding-ring servent. */
export const ringServent = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    start: kit.step(({ context, out }) => {
      const state = new JsonState(context);
      start(state, out);
      return state.changes();
    }),
    ping: act('ping', ping),
    receivePing: act('Ping', receivePing),
    receivePong: act('Pong', receivePong),
    receiveQuery: act('Query', receiveQuery),
    receiveQueryHit: act('QueryHit', receiveQueryHit),
    receivePush: act('Push', receivePush),
    acceptConnect: act('Connect', acceptConnect),
    connected: act('ConnectOk', connected),
    disconnected: act('Disconnect', disconnected),
    leave: act('leave', leave),
    startRing: kit.on('search', ({ context, event, out }) => {
      const state = new JsonState(context);
      const ring = round(state, { search: event.id, key: event.key, max: event.ttl }, 1, out);
      if (ring === null) out.observe('ring-end', { search: event.id, found: false });
      return {
        ...state.changes(),
        rings: ring === null ? context.rings : [...context.rings, ring],
      };
    }),
    closeRing: kit.on('QueryHit', ({ context, event, out }) => {
      const ring = context.rings.find((r) => r.guid === event.guid);
      if (ring === undefined || !out.check('stopsOnHit', { search: ring.search })) return;
      out.observe('ring-end', { search: ring.search, found: true });
      return { rings: context.rings.filter((r) => r !== ring) };
    }),
    expandRings: kit.on('timeout', ({ context, out }) => {
      const state = new JsonState(context);
      const rings: Ring[] = [];
      for (const r of context.rings) {
        const next = round(state, r, r.ttl + 1, out);
        if (next !== null) rings.push(next);
        else out.observe('ring-end', { search: r.search, found: false });
      }
      return { ...state.changes(), rings };
    }),
  },
  guards: {
    ...serventGuards,
    stopsOnHit: () => true,
    ringPending: ({ context }) => context.rings.length > 0,
  },
}).createMachine({
  id: 'gnutella-ring-servent',
  context: ({ input }) => ({ ...freshContext(input), rings: [] }),
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
