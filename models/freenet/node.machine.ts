/**
 * A Freenet node: datastore, routing table, and depth-first key-closest routing with backtracking.
 *
 * Source: Clarke, Sandberg, Wiley, Hong, "Freenet: A Distributed Anonymous Information Storage and
 * Retrieval System", Designing Privacy Enhancing Technologies, LNCS 2009, 2001, sections 2-3; the
 * seed's Freenet slides. The logic is in node.step.ts; this machine runs it over the JSON state.
 *
 * - **Requests.** A node looks in its datastore, then forwards to the candidate closest to the key:
 *   its neighbours by location and the nodes of its routing table by the keys they are routed for.
 *   A loop (an id seen before), HTL expiry or a dead end answers `RequestFailed`, and the previous
 *   node tries its next-closest candidate (backtracking). Data travels back along the reverse path
 *   with the address of its source; every node on the way verifies it against the key, caches it
 *   and routes the key to the source from then on (which is how the network learns shortcuts).
 * - **Inserts.** The key routes the same way; a node holding it answers with the existing data
 *   (collision), which travels back like a reply. When HTL runs out with no collision, an "all
 *   clear" travels back; the inserter's node then stores the data and sends it along the cleared
 *   path, where every node verifies it, stores it and routes the key to the inserter.
 * - **Keys and integrity.** Content-hash, keyword-signed and signed-subspace keys (keys.ts); a
 *   corrupting node answers with forged data, which the next node rejects (the request continues
 *   elsewhere); an insert with a bad signature is refused at its origin and at every node.
 * - **Joins, leaves, failures.** A joining node announces itself to a neighbour it knows; the
 *   announcement routes towards its location and every node on the way adds it as a neighbour and
 *   welcomes it. A leaving node fails what it holds upstream. A crashed node goes silent: a timer
 *   makes the node waiting on it try its next candidate.
 *
 * Simplified: the announcement does not assign the new node's key by a commit-reveal among the
 * path, and no node rewrites the data source to itself; the permanent neighbours are never evicted
 * (only routing entries are); there is no probabilistic HTL.
 */
import { enqueueActions, setup } from 'xstate';
import type { Json } from '../kernel/json.ts';
import { effects } from '../kernel/effects.ts';
import type { FreenetEvent, NodeInput } from './messages.ts';
import { freshContext, JsonState, type FreenetContext } from './node.state.ts';
import { startNode, stepNode, type Decide, type Sink } from './node.step.ts';

export type { FreenetContext, Pending } from './node.state.ts';

type Enqueue = (action: { type: string; params: Record<string, Json> }) => void;
type Check = (guard: { type: string; params: { arg: boolean } }) => boolean;

/** Runs the node logic on the machine's context, enqueueing its effects and the new context. */
function run(
  context: FreenetContext,
  enqueue: Enqueue & { assign: (c: FreenetContext) => void },
  check: Check,
  go: (state: JsonState, decide: Decide, sink: Sink) => void,
): void {
  const state = new JsonState(context);
  const sink: Sink = {
    send: (to, msg) => enqueue({ type: 'send', params: { to, msg } }),
    observe: (kind, fields) => enqueue({ type: 'observe', params: { kind, ...fields } }),
  };
  go(state, (type, arg) => check({ type, params: { arg } }), sink);
  enqueue.assign(state.context());
}

const arg = (_: unknown, params: unknown) => (params as { arg: boolean }).arg;

/** The Freenet node machine (every node runs it). */
export const freenetNode = setup({
  types: { context: {} as FreenetContext, events: {} as FreenetEvent, input: {} as NodeInput },
  actions: {
    ...effects,
    step: enqueueActions(({ context, event, enqueue, check }) =>
      run(context, enqueue as never, check as unknown as Check, (s, d, o) =>
        stepNode(s, event, d, o),
      ),
    ),
    join: enqueueActions(({ context, enqueue, check }) =>
      run(context, enqueue as never, check as unknown as Check, startNode),
    ),
  },
  guards: {
    // Each gets what the correct node decides on; a mutant swaps one for a constant.
    isLoop: arg,
    isCollision: arg,
    backtracks: arg,
    cachesReply: arg,
    verifies: arg,
  },
}).createMachine({
  id: 'freenet-node',
  context: ({ input }) => freshContext(input),
  initial: 'node',
  entry: 'join',
  states: {
    node: {
      on: {
        request: { actions: 'step' },
        insert: { actions: 'step' },
        DataRequest: { actions: 'step' },
        DataReply: { actions: 'step' },
        RequestFailed: { actions: 'step' },
        InsertRequest: { actions: 'step' },
        InsertClear: { actions: 'step' },
        InsertData: { actions: 'step' },
        Announce: { actions: 'step' },
        Welcome: { actions: 'step' },
        timeout: { actions: 'step' },
        leave: { actions: 'step' },
      },
    },
  },
});
