/**
 * A Freenet node: datastore, routing table, and depth-first key-closest routing with backtracking.
 *
 * Source: Clarke, Sandberg, Wiley, Hong, "Freenet: A Distributed Anonymous Information Storage and
 * Retrieval System", Designing Privacy Enhancing Technologies, LNCS 2009, 2001, sections 3.2-3.3;
 * the seed's Freenet slides. A node looks locally, then forwards to the untried neighbour whose
 * routing entries (or location) are closest to the key; a loop (request id seen before), HTL expiry
 * or a dead end answers `RequestFailed`, and the previous node tries its next-closest candidate.
 * Data travels back along the reverse path; every node on it caches it and learns a route. Inserts
 * route the same way: a node holding the key returns the existing data (collision); otherwise the
 * insert stops when HTL runs out or no candidate is left, and the data is stored along the path.
 * Every node checks the data of a content-hash key against the key, so a corrupting node's forgery
 * is dropped like a failure and the request continues elsewhere.
 *
 * Simplified: no joins by announcement, no failures or timeouts, no signed-subspace keys, no
 * probabilistic HTL or source-address rewriting; the data is stored on the insert's way back rather
 * than sent in a second pass after the all-clear; a node never replaces data it holds.
 */
import { enqueueActions, setup } from 'xstate';
import { effects } from '../kernel/effects.ts';
import type { FreenetEvent, NodeInput } from './messages.ts';
import { Step, type Check, type FreenetContext } from './node.step.ts';

export type { FreenetContext, Pending } from './node.step.ts';

/** The Freenet node machine (every node runs it). */
export const freenetNode = setup({
  types: { context: {} as FreenetContext, events: {} as FreenetEvent, input: {} as NodeInput },
  actions: {
    ...effects,
    step: enqueueActions(({ context, event, enqueue, check }) => {
      const step = new Step(context, check as unknown as Check);
      if (event.type === 'request' || event.type === 'insert') step.start(event);
      else if (event.type === 'DataRequest' || event.type === 'InsertRequest') step.arrive(event);
      else if (event.type === 'DataReply' || event.type === 'InsertReply') step.reply(event);
      else step.failed(event);
      for (const effect of step.out) enqueue(effect as never);
      enqueue.assign({
        store: step.store,
        routes: step.routes,
        seen: step.seen,
        pending: step.pending,
      });
    }),
  },
  guards: {
    // Each swaps to a mutant alone: the params carry what the guard decides on.
    isLoop: (_, params: unknown) => (params as { seen: boolean }).seen,
    isCollision: (_, params: unknown) => (params as { held: boolean }).held,
    backtracks: () => true,
    cachesReply: () => true,
    verifies: (_, params: unknown) => (params as { ok: boolean }).ok,
  },
}).createMachine({
  id: 'freenet-node',
  context: ({ input }) => ({
    self: input.self,
    neighbours: input.neighbours,
    capacity: input.capacity,
    corrupt: input.corrupt,
    store: [],
    routes: [],
    seen: [],
    pending: [],
  }),
  initial: 'node',
  states: {
    node: {
      on: {
        request: { actions: 'step' },
        insert: { actions: 'step' },
        DataRequest: { actions: 'step' },
        DataReply: { actions: 'step' },
        RequestFailed: { actions: 'step' },
        InsertRequest: { actions: 'step' },
        InsertReply: { actions: 'step' },
      },
    },
  },
});
