/**
 * Enhancement: query routing (the seed: "query routing requires that peers share information about
 * resources in order to construct routing tables"; the Query Routing Protocol of LimeWire, Rohrs
 * 2001, adopted in Gnutella 0.6). Every servent hashes the keys it shares into a small table of
 * slots (qrt.ts) and sends it over each connection as it opens: the tables of the connections open
 * at the start were exchanged before the run (they are in the servent's input, `tables`); a joining
 * servent and its host exchange theirs (`RouteTableUpdate`) once the handshake is done. (Sending
 * every table at the start as a message would multiply the states the checker explores by
 * hundreds, for interleavings that only delay routing: a Query meeting a missing table floods.)
 * A Query's last hop (passed on with TTL 1: the neighbour will answer but not pass it on) goes only
 * to neighbours whose table has the key's slot, or whose table has not arrived yet; elsewhere the
 * servent floods as usual. A table never misses a key its servent shares, so routing never hides a
 * hit; two keys in one slot (a false positive) only cost a message.
 *
 * Observations besides the servent's: a `route` leaving neighbours out names them in `skipped`
 * (properties/query-routing.ts).
 */
import { setup } from 'xstate';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import { serventGuards } from './servent-guards.ts';
import type { ServentEvent, ServentInput } from './messages.ts';
import { slotOf, tableOf } from './qrt.ts';
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
  type ServentGuardParams,
  type ServentSend,
} from './servent-logic.ts';

/** A servent's query routing table, sent to a neighbour. */
export interface RouteTableUpdate {
  readonly type: 'RouteTableUpdate';
  readonly slots: readonly number[];
  readonly from: number;
}

/** The query-routing servent's state: the plain servent's and its neighbours' tables. */
export type QrpContext = ServentContext & {
  readonly tables: readonly (readonly [number, readonly number[]])[];
};

const kit = roleKit<{
  context: QrpContext;
  events: ServentEvent | RouteTableUpdate;
  sends: ServentSend | Outgoing<RouteTableUpdate>;
  guards: ServentGuard;
  input: ServentInput;
}>();

/** A plain servent handler as an action over the query-routing context. */
function act<K extends ServentEvent['type']>(kind: K, logic: Handler<K>) {
  return kit.on(kind, ({ context, event, out }) => {
    const state = new JsonState(context);
    logic(state, event, out);
    return state.changes();
  });
}

const common = {
  search: { actions: 'search' },
  ping: { actions: 'ping' },
  Ping: { actions: 'receivePing' },
  Pong: { actions: 'receivePong' },
  Query: { actions: 'receiveQuery' },
  QueryHit: { actions: 'receiveQueryHit' },
  Push: { actions: 'receivePush' },
  Connect: { actions: ['acceptConnect', 'sendTableBack'] },
  Disconnect: { actions: 'disconnected' },
  leave: { actions: 'leave' },
  RouteTableUpdate: { actions: 'learnTable' },
} as const;

/** The query-routing servent. */
export const qrpServent = setup({
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
    sendTableBack: kit.on(['Connect', 'ConnectOk'], ({ context, event, out }) => {
      out.send(event.from, { type: 'RouteTableUpdate', slots: tableOf(context.shares) });
    }),
    learnTable: kit.on('RouteTableUpdate', ({ context, event }) => ({
      tables: [...context.tables.filter(([n]) => n !== event.from), [event.from, event.slots]],
    })),
  },
  guards: {
    ...serventGuards,
    // The last hop goes where the table may hold the key, or where no table has come yet.
    sendsLastHop: ({ context }, { peer, key }: ServentGuardParams['sendsLastHop']) => {
      const table = context.tables.find(([n]) => n === peer);
      return table === undefined || table[1].includes(slotOf(key));
    },
  },
}).createMachine({
  id: 'gnutella-qrp-servent',
  context: ({ input }) => ({ ...freshContext(input), tables: input.tables ?? [] }),
  entry: 'start',
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'isJoining', target: 'joining' }, { target: 'online' }],
    },
    joining: {
      on: { ...common, ConnectOk: { target: 'online', actions: ['connected', 'sendTableBack'] } },
    },
    online: { on: common },
  },
});
