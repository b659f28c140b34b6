/**
 * A client of the performance server group: it sends each request to the diffuser (the group's
 * well-known name: the "server group hides individual servers from clients") and takes the first
 * answer to each; a second answer to the same request (a late answer from a worker the diffuser
 * presumed dead, or a duplicated message) is discarded. Requests are independent: several may be
 * outstanding at once.
 *
 * Source: the seed's "Server Groups Model" and "High Performance Service Architecture".
 */
import { setup } from 'xstate';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import type { Answer, ClientInput, Issue, Request } from './messages.ts';

/** A client's state. */
export interface ClientContext {
  /** The diffuser's node index. */
  readonly diffuser: number;
  /** Requests sent and not yet answered. */
  readonly pending: readonly string[];
}

const kit = roleKit<{
  context: ClientContext;
  events: Issue | Answer;
  sends: Outgoing<Request>;
  input: ClientInput;
}>();

/** The client machine: always `serving`, with its outstanding requests in the context. */
export const client = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    issue: kit.on('request', ({ context, event: { req, input, key }, out }) => {
      out.observe('invoke', { req, input, key });
      out.send(context.diffuser, { type: 'Request', req, input, key });
      return { pending: [...context.pending, req] };
    }),
    answer: kit.on('Answer', ({ context, event: { req, result }, out }) => {
      out.observe('answer', { req, result });
      return { pending: context.pending.filter((r) => r !== req) };
    }),
  },
  guards: {
    // A late or duplicated answer: its request is no longer outstanding.
    isAnswered: kit.when('Answer', ({ context, event }) => !context.pending.includes(event.req)),
  },
}).createMachine({
  id: 'diffusion-client',
  context: ({ input }) => ({ diffuser: input.diffuser, pending: [] }),
  initial: 'serving',
  states: {
    serving: {
      on: {
        request: { actions: 'issue' },
        Answer: [{ guard: 'isAnswered' }, { actions: 'answer' }],
      },
    },
  },
});
