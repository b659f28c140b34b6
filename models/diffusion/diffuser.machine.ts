/**
 * The diffuser of a server group for performance: the diffusion mechanism (it hands out whole
 * requests or request parts to the workers) and the consolidation mechanism (it combines the parts'
 * results and answers the client once).
 *
 * Source: the seed's "Groups to Enhance Performance" (server groups process different requests in
 * parallel; diffusion of whole requests, whose consolidation is trivial since "servers send result
 * directly to client", or of request parts, combined by a consolidation mechanism; "Coordination":
 * "Data consistency semantics may impose constraints on the order in which requests or request
 * parts can be processed"). The re-dispatch on timeout and the discarding of a late answer from a
 * worker presumed dead follow the backup tasks of MapReduce (Dean & Ghemawat, OSDI 2004, section
 * 3.3: the master re-executes a failed worker's tasks and ignores a completion for a task already
 * completed).
 *
 * Simplified: one diffuser, which hosts the consolidator and holds the data items (a single point
 * of failure: the properties excuse what its crash leaves pending); requests that touch the same
 * data item are serialized whole (the item is held from the first part's dispatch to the answer),
 * which is the seed's serialization, not serializability; one timer re-dispatches every
 * outstanding part; workers are stateless.
 */
import { not, setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import {
  acceptRequest,
  decisions,
  hasOutstanding,
  initialDiffuser,
  redispatch,
  takeDone,
  type DiffuserContext,
  type DiffuserEvent,
  type DiffuserGuard,
  type DiffuserSend,
} from './diffuser.step.ts';
import type { DiffuserInput } from './messages.ts';
import { machineGuards } from './policies.ts';

const kit = roleKit<{
  context: DiffuserContext;
  events: DiffuserEvent;
  sends: DiffuserSend;
  guards: DiffuserGuard;
  input: DiffuserInput;
}>();

/** The diffuser machine: `idle`, or `serving` while parts are outstanding (its timer armed). */
export const diffuser = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    acceptRequest: kit.on('Request', ({ context, event, out }) =>
      acceptRequest(context, event, out),
    ),
    takeDone: kit.on('Done', ({ context, event, out }) => takeDone(context, event, out)),
    redispatch: kit.on('timeout', ({ context, out }) => redispatch(context, out)),
  },
  guards: {
    ...machineGuards(decisions),
    // Swapped off by the mutant that never re-dispatches.
    redispatches: () => true,
    hasOutstanding: ({ context }) => hasOutstanding(context),
  },
}).createMachine({
  id: 'diffuser',
  context: ({ input }) => initialDiffuser(input),
  initial: 'idle',
  states: {
    idle: {
      on: {
        Request: { target: 'serving', actions: 'acceptRequest' },
        Done: { actions: 'takeDone' },
      },
    },
    serving: {
      always: { guard: not('hasOutstanding'), target: 'idle' },
      on: {
        Request: { actions: 'acceptRequest' },
        Done: { actions: 'takeDone' },
        timeout: { guard: 'redispatches', actions: 'redispatch' },
      },
    },
  },
});
