/**
 * A client and its transaction manager: runs the transactions submitted to it one after another
 * (so a client's transactions are ordered), each operation at the server holding the item; commits,
 * or rolls back if the client chose to; aborts and restarts an attempt that a lock manager kills
 * (wait-die), wounds (wound-wait) or the detector picks as a deadlock victim.
 *
 * Source: Bernstein, Hadzilacos, Goodman 1987, chapters 1 and 3 (transaction managers, strict
 * two-phase locking: locks are released by the commit or abort itself); Rosenkrantz, Stearns, Lewis
 * 1978 (a restarted transaction keeps its timestamp).
 *
 * Simplified: the commit decision is the client's alone (servers never refuse a commit: without
 * crashes there is nothing for two-phase commit to do); a rollback is decided by a choice while the
 * transaction runs and happens once its operations are done. Properties: properties/serializability.ts.
 */
import { enqueueActions, setup } from 'xstate';
import { effects } from '../kernel/effects.ts';
import type { ClientEvent, ReadOk, Submit } from './messages.ts';
import { Outbox, type Guard } from './outbox.ts';
import {
  answered,
  kill,
  retry,
  rollBack,
  submit,
  type ClientContext,
} from './transaction-manager.ts';

/** A client's input: the server node holding each item. */
export interface ClientInput {
  /** The server node holding each item. */
  readonly home: Readonly<Record<string, number>>;
}

const reasons: Readonly<Record<string, string>> = {
  Die: 'die',
  Wound: 'wounded',
  Victim: 'deadlock',
};

/** Whether the event names the client's current attempt. */
function about(context: ClientContext, event: ClientEvent): boolean {
  return context.cur !== null && context.cur.id === (event as { txn?: string }).txn;
}

/** The client machine (transaction manager). */
export const client = setup({
  types: {
    context: {} as ClientContext,
    events: {} as ClientEvent,
    input: {} as ClientInput,
  },
  actions: {
    ...effects,
    handle: enqueueActions(({ context, event, enqueue, check }) => {
      const c = structuredClone(context) as ClientContext;
      const out = new Outbox();
      const guard: Guard = (type, params) => check({ type, params } as never);
      switch (event.type) {
        case 'submit': {
          // Client inputs come with `from: -1` added by the kernel: keep only the transaction.
          const { type: _type, from: _from, ...spec } = event as Submit & { from: number };
          submit(c, spec, out);
          break;
        }
        case 'ReadOk':
          answered(c, (event as ReadOk).value, out, guard);
          break;
        case 'WriteOk':
          answered(c, null, out, guard);
          break;
        case 'Die':
        case 'Wound':
        case 'Victim':
          kill(c, reasons[event.type]!, out);
          break;
        case 'Retry':
          retry(c, out);
          break;
        case 'chooseAbort':
          rollBack(c);
          break;
      }
      for (const effect of out.effects) enqueue(effect as never);
      enqueue.assign(c);
    }),
  },
  guards: {
    /** The message is about the attempt running now (not a late answer to an aborted one). */
    isCurrent: ({ context, event }) => about(context, event) && !context.cur!.dead,
    /** The message lets the attempt that died restart. */
    isDead: ({ context, event }) => about(context, event) && context.cur!.dead,
    /** The running transaction may still be rolled back. */
    canRollBack: ({ context }) =>
      context.cur !== null && context.cur.spec.mayAbort && !context.cur.doomed,
    /** Strict 2PL: locks go with the commit or abort, not at the lock point. */
    strict: () => true,
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => ({ home: input.home, queue: [], cur: null }),
  initial: 'running',
  states: {
    running: {
      on: {
        submit: { actions: 'handle' },
        ReadOk: { guard: 'isCurrent', actions: 'handle' },
        WriteOk: { guard: 'isCurrent', actions: 'handle' },
        Die: { guard: 'isCurrent', actions: 'handle' },
        Retry: { guard: 'isDead', actions: 'handle' },
        Wound: { guard: 'isCurrent', actions: 'handle' },
        Victim: { guard: 'isCurrent', actions: 'handle' },
        chooseAbort: { guard: 'canRollBack', actions: 'handle' },
      },
    },
  },
});
