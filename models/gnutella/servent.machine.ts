/**
 * A Gnutella 0.4 servent: it floods Pings and Queries to its connections, drops descriptors whose
 * GUID it has seen, decrements TTL and increments Hops, and routes Pongs, QueryHits and Pushes back
 * along the reverse path only. Joining servents connect to a known host; leaving ones close their
 * connections; crashed ones go silent.
 *
 * Phases (machine states): `joining` (a joining servent waiting for its known host to accept) and
 * `online`.
 *
 * Source: "The Gnutella Protocol Specification v0.4" (Clip2, 2001), sections on the descriptor
 * header and descriptor routing; the seed's Gnutella slides. The logic is in servent-logic.ts (pure,
 * shared with the simulator in experiments/gnutella/); this machine runs each handler as the named
 * action of its event's transition over the JSON state.
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import { serventGuards } from './servent-guards.ts';
import type { ServentEvent, ServentInput } from './messages.ts';
import {
  acceptConnect,
  connected,
  disconnected,
  freshContext,
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
  type ServentGuard,
  type ServentSend,
} from './servent-logic.ts';

const kit = roleKit<{
  context: ServentContext;
  events: ServentEvent;
  sends: ServentSend;
  guards: ServentGuard;
  input: ServentInput;
}>();

/** A kind's servent logic as its action: run on the JSON state, returns the changes. */
function act<K extends ServentEvent['type']>(kind: K, logic: Handler<K>) {
  return kit.on(kind, ({ context, event, out }) => {
    const state = new JsonState(context);
    logic(state, event, out);
    return state.changes();
  });
}

/** The handlers every phase takes. */
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

/** The servent machine (every servent runs it). */
export const servent = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    start: kit.step(({ context, out }) => {
      const state = new JsonState(context);
      start(state, out);
      return state.changes();
    }),
    search: act('search', search),
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
  },
  guards: {
    // Asked by name from inside the actions; a mutant swaps one.
    ...serventGuards,
  },
}).createMachine({
  id: 'gnutella-servent',
  context: ({ input }) => freshContext(input),
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
