/**
 * Enhancement: bandwidth capacity matching by pong filtering (the seed: "bandwidth capacity
 * matching to group participants based on pong filtering"). Every servent has a bandwidth class
 * (the `classes` parameter: 0 a modem … 3 a T1; in the 0.6 network it travels in the Pong's
 * bandwidth extension, here every servent's input holds the classes). A servent floods a Ping as
 * usual but answers it only if the Ping's originator (read from its GUID, `originOf`) is of its
 * own class, so a servent discovers only hosts like itself and connects to them, and the Pongs a
 * mismatched host would have sent are saved.
 *
 * Observations besides the servent's: `class {class}` when a servent starts
 * (properties/capacity-matching.ts).
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
  originOf,
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

/** The capacity-matching servent's state: the plain servent's and every servent's class. */
export type CapacityContext = ServentContext & { readonly classes: readonly number[] };

/** The class of servent `node` (1, broadband, where none is given). */
export function classOf(classes: readonly number[], node: number): number {
  return classes[node] ?? 1;
}

const kit = roleKit<{
  context: CapacityContext;
  events: ServentEvent;
  sends: ServentSend;
  guards: ServentGuard;
  input: ServentInput;
}>();

/** A plain servent handler as an action over the capacity context. */
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
  Connect: { actions: 'acceptConnect' },
  Disconnect: { actions: 'disconnected' },
  leave: { actions: 'leave' },
} as const;

/** The capacity-matching servent. */
export const capacityServent = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    start: kit.step(({ context, out }) => {
      const state = new JsonState(context);
      start(state, out);
      out.observe('class', { class: classOf(context.classes, context.self) });
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
    ...serventGuards,
    // Pong filtering: answer only a Ping from a servent of this servent's class.
    answersPing: ({ context }, { guid }: ServentGuardParams['answersPing']) =>
      classOf(context.classes, originOf(guid)) === classOf(context.classes, context.self),
  },
}).createMachine({
  id: 'gnutella-capacity-servent',
  context: ({ input }) => ({ ...freshContext(input), classes: input.classes ?? [] }),
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
