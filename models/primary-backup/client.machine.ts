/**
 * A client of the primary-backup server group.
 *
 * Source: Alsberg & Day, "A principle for resilient sharing of distributed resources" (ICSE 1976),
 * and Budhiraja, Marzullo, Schneider, Toueg, "The primary-backup approach" (1993): a client names
 * the group, sends each request, numbered, to the server it believes is the master, and on a
 * timeout sends it again to every server (it cannot tell a slow master from a crashed one). The
 * seed's server groups model: "server group hides individual servers from clients".
 *
 * Simplified: a client has one request outstanding at a time (inputs that arrive meanwhile wait in
 * a queue), so its operations are sequential, as linearizability's processes are; it learns the
 * master from whoever replies.
 */
import { and, setup } from 'xstate';
import { everyone } from '../kernel/effects.ts';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import {
  opId,
  type ClientInput,
  type Invoke,
  type Operation,
  type Reply,
  type Request,
  type Timeout,
} from './messages.ts';

/** An operation a client was asked to run. */
export type Invocation = { readonly f: Operation; readonly key: string };

/** A client's state. */
export interface ClientContext {
  /** Its name (`c0`). */
  readonly name: string;
  /** Number of servers. */
  readonly servers: number;
  /** The server it believes is the master. */
  readonly master: number;
  /** Its last request number (the outstanding one while waiting). */
  readonly r: number;
  /** The outstanding request's operation, while waiting. */
  readonly outstanding: Invocation | null;
  /** Operations invoked while waiting, in order. */
  readonly queue: readonly Invocation[];
}

/** Every event a client handles: its inputs, the servers' replies, its retry timer. */
export type ClientEvent = Invoke | Reply | Timeout;

const kit = roleKit<{
  context: ClientContext;
  events: ClientEvent;
  sends: Outgoing<Request>;
  input: ClientInput;
}>();

/** The client machine: `idle`, or `waiting` for the answer to its outstanding request. */
export const client = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    enqueueCall: kit.on('invoke', ({ context, event: { f, key } }) => ({
      queue: [...context.queue, { f, key }],
    })),
    // Learns the master from whoever answered (the transition then issues any queued call).
    answer: kit.on('Reply', ({ context, event: { value, view, from }, out }) => {
      out.observe('ok', { op: opId(context.name, context.r), value, view });
      return { master: from, outstanding: null };
    }),
    // Issues the first queued call as request r + 1, to the master it believes in.
    issue: kit.on(['invoke', 'Reply'], ({ context, out }) => {
      const [call, ...rest] = context.queue;
      if (call === undefined) return; // never: the transitions issue only with a call queued
      const r = context.r + 1;
      const { name, master } = context;
      out.observe('invoke', { op: opId(name, r), ...call });
      out.send(master, { type: 'Request', client: name, r, ...call });
      return { r, outstanding: call, queue: rest };
    }),
    // A slow master and a crashed one look the same: ask every server, so the slaves suspect.
    retry: kit.on('timeout', ({ context, out }) => {
      const { name, r, outstanding, servers } = context;
      out.send(everyone(servers), { type: 'Request', client: name, r, ...outstanding! });
    }),
  },
  guards: {
    isAnswer: kit.when('Reply', ({ context, event }) => event.r === context.r),
    hasQueued: ({ context }) => context.queue.length > 0,
  },
}).createMachine({
  id: 'primary-backup-client',
  context: ({ input }) => ({
    name: input.name,
    servers: input.servers,
    master: 0,
    r: 0,
    outstanding: null,
    queue: [],
  }),
  initial: 'idle',
  states: {
    idle: {
      on: { invoke: { target: 'waiting', actions: ['enqueueCall', 'issue'] } },
    },
    waiting: {
      on: {
        invoke: { actions: 'enqueueCall' },
        Reply: [
          { guard: and(['isAnswer', 'hasQueued']), actions: ['answer', 'issue'] },
          { guard: 'isAnswer', target: 'idle', actions: 'answer' },
        ],
        timeout: { actions: 'retry' },
      },
    },
  },
});
