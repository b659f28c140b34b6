/**
 * A client and its transaction manager: runs the transactions submitted to it one after another
 * (so a client's transactions are ordered), each operation at the server holding the item; commits,
 * or rolls back if the client chose to; aborts and restarts an attempt that a lock manager kills
 * (wait-die), wounds (wound-wait) or the detector picks as a deadlock victim.
 *
 * States are the transaction's phases: `idle` (nothing to run); `growing` (acquiring locks: an
 * operation is out, `requesting`, and each answer is `answered` by the next operation or the lock
 * point); `shrinking` (the lock point is passed: Commit or Abort goes to every server touched, which
 * releases the locks; non-strict 2PL releases them here first, with Unlock); `aborted` (killed by
 * wait-die: waits for the server's Retry); `restarting` (a new attempt begins). `answered`,
 * `shrinking` and `restarting` are passed through within one step (no message waits there).
 * A request that waits for a lock is not visible here: a lock manager tells its client nothing
 * until it grants (or kills) it, so the waiting phase is the server's (`blocking`).
 *
 * Source: Bernstein, Hadzilacos, Goodman 1987, chapters 1 and 3 (transaction managers, strict
 * two-phase locking: locks are released by the commit or abort itself); Rosenkrantz, Stearns, Lewis
 * 1978 (a restarted transaction keeps its timestamp).
 *
 * Simplified: the commit decision is the client's alone (servers never refuse a commit: without
 * crashes there is nothing for two-phase commit to do); a rollback is decided by a choice while the
 * transaction runs and happens once its operations are done. Properties: properties/serializability.ts.
 */
import { match } from 'ts-pattern';
import { and, setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import type { ClientEvent, Die, Victim, Wound } from './messages.ts';
import {
  abortAttempt,
  answered,
  beginNext,
  chooseRollBack,
  commit,
  enqueue,
  hasMoreOperations,
  restart,
  rollBack,
  sendOperation,
  unlockAll,
  type ClientContext,
  type ClientGuard,
  type ClientMessage,
} from './transaction-manager.ts';

/** A client's input: the server node holding each item. */
export interface ClientInput {
  /** The server node holding each item. */
  readonly home: Readonly<Record<string, number>>;
}

const kit = roleKit<{
  context: ClientContext;
  events: ClientEvent;
  sends: ClientMessage;
  guards: ClientGuard;
  input: ClientInput;
}>();

/** Why a kill aborts the attempt, as its `abort` observation says. */
const reasonOf = (event: Die | Wound | Victim) =>
  match(event)
    .with({ type: 'Die' }, () => 'die')
    .with({ type: 'Wound' }, () => 'wounded')
    .with({ type: 'Victim' }, () => 'deadlock')
    .exhaustive();

/** The client machine (transaction manager). */
export const client = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    enqueue: kit.on('submit', ({ context, event, out }) => {
      const { txn, ts, ops, mayAbort } = event;
      return enqueue(context, { txn, ts, ops, mayAbort }, out);
    }),
    beginNext: kit.step(({ context, out }) => beginNext(context, out)),
    sendOperation: kit.step(({ context, out }) => sendOperation(context, out)),
    recordRead: kit.on('ReadOk', ({ context, event, out }) => answered(context, event.value, out)),
    recordWrite: kit.on('WriteOk', ({ context, out }) => answered(context, null, out)),
    abortAttempt: kit.on(['Die', 'Wound', 'Victim'], ({ context, event, out }) =>
      abortAttempt(context, reasonOf(event), out),
    ),
    restart: kit.step(({ context, out }) => restart(context, out)),
    chooseRollBack: kit.on('chooseAbort', ({ context }) => chooseRollBack(context)),
    unlockAll: kit.step(({ context, out }) => unlockAll(context, out)),
    commit: kit.step(({ context, out }) => commit(context, out)),
    rollBack: kit.step(({ context, out }) => rollBack(context, out)),
  },
  guards: {
    /** The message is about the attempt running now (not a late one about an earlier attempt). */
    isCurrent: kit.when(
      ['ReadOk', 'WriteOk', 'Die', 'Retry', 'Wound', 'Victim'],
      ({ context, event }) => context.cur !== null && context.cur.id === event.txn,
    ),
    /** The running transaction may still be rolled back. */
    canRollBack: ({ context }) =>
      context.cur !== null && context.cur.spec.mayAbort && !context.cur.doomed,
    /** A submitted transaction waits to begin. */
    hasQueued: ({ context }) => context.queue.length > 0,
    /** The running attempt has operations left to send. */
    hasMoreOperations: ({ context }) => hasMoreOperations(context),
    /** The client chose to roll the running transaction back. */
    isDoomed: ({ context }) => context.cur?.doomed === true,
    /** Strict 2PL: locks go with the commit or abort, not at the lock point. */
    strict: () => true,
    /** Locks held at the servers visited so far are kept while the transaction locks at the next. */
    holdsLocksAcrossServers: () => true,
    /**
     * Wait-die's Die aborts the attempt (which restarts on Retry); the `die-as-busy` mutant takes
     * it for a busy signal and sends the same operation again, keeping its locks.
     */
    abortsOnDie: () => true,
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => ({ home: input.home, queue: [], cur: null }),
  initial: 'idle',
  states: {
    idle: {
      always: { guard: 'hasQueued', target: 'growing', actions: 'beginNext' },
      on: { submit: { actions: 'enqueue' } },
    },
    growing: {
      initial: 'requesting',
      states: {
        requesting: {
          entry: 'sendOperation',
          on: {
            ReadOk: { guard: 'isCurrent', target: 'answered', actions: 'recordRead' },
            WriteOk: { guard: 'isCurrent', target: 'answered', actions: 'recordWrite' },
          },
        },
        answered: {
          always: [
            { guard: 'hasMoreOperations', target: 'requesting' },
            { guard: 'strict', target: '#client.shrinking' },
            { target: '#client.shrinking', actions: 'unlockAll' },
          ],
        },
      },
      on: {
        submit: { actions: 'enqueue' },
        chooseAbort: { guard: 'canRollBack', actions: 'chooseRollBack' },
        Die: [
          { guard: and(['isCurrent', 'abortsOnDie']), target: 'aborted', actions: 'abortAttempt' },
          { guard: 'isCurrent', target: '.requesting', reenter: true },
        ],
        Wound: { guard: 'isCurrent', target: 'restarting', actions: 'abortAttempt' },
        Victim: { guard: 'isCurrent', target: 'restarting', actions: 'abortAttempt' },
      },
    },
    shrinking: {
      always: [
        { guard: 'isDoomed', target: 'idle', actions: 'rollBack' },
        { target: 'idle', actions: 'commit' },
      ],
    },
    aborted: {
      on: {
        submit: { actions: 'enqueue' },
        chooseAbort: { guard: 'canRollBack', actions: 'chooseRollBack' },
        Retry: { guard: 'isCurrent', target: 'restarting' },
      },
    },
    restarting: {
      always: { target: 'growing', actions: 'restart' },
    },
  },
});
