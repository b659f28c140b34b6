/**
 * A Freenet node: datastore, routing table, and depth-first key-closest routing with backtracking.
 *
 * Source: Clarke, Sandberg, Wiley, Hong, "Freenet: A Distributed Anonymous Information Storage and
 * Retrieval System", Designing Privacy Enhancing Technologies, LNCS 2009, 2001, sections 2-3; the
 * seed's Freenet slides. The logic is in node.step.ts, one function per kind of event; this machine
 * runs each as the named action of its event's transition, over the JSON state.
 *
 * - **Requests.** A node looks in its datastore, then forwards to the candidate closest to the key:
 *   its neighbours by location and the nodes of its routing table by the keys they are routed for.
 *   A loop (an id seen before), HTL expiry or a dead end answers `RequestFailed`, and the previous
 *   node tries its next-closest candidate (backtracking). After an HTL expiry this machine, the
 *   default variant `freenet`, follows the paper (section 3.2): the failure goes straight back to
 *   the requester, no further node tried. The seed's rule ("TTL expiry generates a failure reply;
 *   failure messages cause the receiving node to try another candidate") is the correct variant
 *   `seed-expiry-backtracks`, which swaps the `backtracksOnExpiry` guard to backtrack then too. Data travels
 *   back along the reverse path with the address of its source; every node on the way verifies it
 *   against the key, caches it and routes the key to the source from then on (which is how the
 *   network learns shortcuts).
 * - **Inserts.** The key routes the same way; a node holding it answers with the existing data
 *   (collision), which travels back like a reply. When HTL runs out with no collision, an "all
 *   clear" travels back; the inserter's node then stores the data and sends it along the cleared
 *   path, where every node verifies it, stores it and routes the key to the inserter.
 * - **Keys and integrity.** Content-hash, keyword-signed and signed-subspace keys (keys.ts); a
 *   corrupting node answers requests with forged data, which the next node rejects (the request
 *   continues elsewhere), and alters the data it passes on: an insert's data down its cleared path
 *   and a collision's data back up; the next node checks it against the key and drops it (the
 *   insert ends there). An insert with a bad signature is refused at its origin and at every node.
 * - **Joins, leaves, failures.** A joining node announces itself to a neighbour it knows; the
 *   announcement routes towards its location and every node on the way adds it as a neighbour and
 *   welcomes it. A leaving node fails what it holds upstream. A crashed node goes silent: a timer
 *   makes the node waiting on it try its next candidate.
 *
 * Simplified: the announcement does not assign the new node's key by a commit-reveal among the
 * path, and no node rewrites the data source to itself; the permanent neighbours are never evicted
 * (only routing entries are); there is no probabilistic HTL. Properties: properties/key-discovery.ts,
 * insert-collision.ts, request-handling.ts, reverse-path-caching.ts, content-integrity.ts.
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import type { FreenetEvent, NodeInput } from './messages.ts';
import { freshContext, JsonState, type FreenetContext } from './node.state.ts';
import {
  announceSelf,
  backtrack,
  decisions,
  failUpstream,
  forwardInsert,
  forwardRequest,
  giveUpWaiting,
  learnNeighbour,
  propagateInsert,
  relayAllClear,
  relayAnnouncement,
  relayReply,
  startInsert,
  startRequest,
  type FreenetGuard,
  type FreenetGuardParams,
  type FreenetSend,
  type Handler,
} from './node.step.ts';

export type { FreenetContext, Pending } from './node.state.ts';

const kit = roleKit<{
  context: FreenetContext;
  events: FreenetEvent;
  sends: FreenetSend;
  guards: FreenetGuard;
  input: NodeInput;
}>();

/** The node logic of one kind of event as its action: run on the JSON state, returns changes. */
function act<K extends FreenetEvent['type']>(kind: K, logic: Handler<K>) {
  return kit.on(kind, ({ context, event, out }) => {
    const state = new JsonState(context);
    logic(state, event, out);
    return state.changes();
  });
}

/** A decision of the node logic (node.step.ts), asked of the machine's context. */
function onContext<G extends FreenetGuard>(guard: G) {
  return ({ context }: { context: FreenetContext }, params: FreenetGuardParams[G]): boolean =>
    decisions[guard](new JsonState(context), params);
}

/** The Freenet node machine (every node runs it). */
export const freenetNode = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    announceSelf: kit.step(({ context, out }) => {
      const state = new JsonState(context);
      announceSelf(state, out);
      return state.changes();
    }),
    startRequest: act('request', startRequest),
    startInsert: act('insert', startInsert),
    forwardRequest: act('DataRequest', forwardRequest),
    forwardInsert: act('InsertRequest', forwardInsert),
    relayReply: act('DataReply', relayReply),
    backtrack: act('RequestFailed', backtrack),
    relayAllClear: act('InsertClear', relayAllClear),
    propagateInsert: act('InsertData', propagateInsert),
    relayAnnouncement: act('Announce', relayAnnouncement),
    learnNeighbour: act('Welcome', learnNeighbour),
    giveUpWaiting: act('timeout', giveUpWaiting),
    failUpstream: act('leave', failUpstream),
  },
  guards: {
    // Asked by name from inside the actions; a mutant or a variant swaps one for a constant.
    isLoop: onContext('isLoop'),
    isCollision: onContext('isCollision'),
    verifies: onContext('verifies'),
    verifiesInsertData: onContext('verifiesInsertData'),
    backtracks: onContext('backtracks'),
    crossesOff: onContext('crossesOff'),
    backtracksOnExpiry: onContext('backtracksOnExpiry'),
    cachesReply: onContext('cachesReply'),
    isWaiting: ({ context }) => context.pending.length > 0,
  },
}).createMachine({
  id: 'freenet-node',
  context: ({ input }) => freshContext(input),
  initial: 'node',
  entry: 'announceSelf',
  states: {
    node: {
      on: {
        request: { actions: 'startRequest' },
        insert: { actions: 'startInsert' },
        DataRequest: { actions: 'forwardRequest' },
        InsertRequest: { actions: 'forwardInsert' },
        DataReply: { actions: 'relayReply' },
        RequestFailed: { actions: 'backtrack' },
        InsertClear: { actions: 'relayAllClear' },
        InsertData: { actions: 'propagateInsert' },
        Announce: { actions: 'relayAnnouncement' },
        Welcome: { actions: 'learnNeighbour' },
        timeout: { guard: 'isWaiting', actions: 'giveUpWaiting' },
        leave: { actions: 'failUpstream' },
      },
    },
  },
});
