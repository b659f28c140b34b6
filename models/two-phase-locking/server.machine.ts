/**
 * A server: the data manager of the items it holds, with their lock manager. Strict two-phase
 * locking: a read takes a shared lock, a write an exclusive one (upgrading a shared lock), items are
 * updated in place with a before-image kept for undo, and every lock is held until the transaction
 * commits or aborts. A request that conflicts waits; by default its wait is reported to the
 * deadlock detector (wait-for graph); the wait-die and wound-wait variants decide locally instead
 * (a transaction killed by wait-die restarts once the holders it died for have released the item).
 *
 * Source: Bernstein, Hadzilacos, Goodman, "Concurrency Control and Recovery in Database Systems",
 * Addison-Wesley 1987, chapter 3 (basic and strict 2PL, distributed 2PL, deadlock detection and
 * prevention); Rosenkrantz, Stearns, Lewis, "System level concurrency control for distributed
 * database systems", ACM TODS 3(2), 1978 (wait-die, wound-wait).
 *
 * Simplified: no crashes or message loss (so no logging or atomic commitment: the client's commit
 * decision is final and every server learns it over a FIFO channel); a waiting request is granted as
 * soon as it is compatible with the holders (no fair queue); one request per transaction at a time.
 * Properties: properties/serializability.ts, lock-compatibility.ts, transaction-progress.ts.
 */
import { enqueueActions, setup } from 'xstate';
import { effects } from '../kernel/effects.ts';
import {
  abort,
  commit,
  compatibleModes,
  request,
  unlock,
  type ServerContext,
} from './data-manager.ts';
import type { Mode, Read, ServerEvent, Write } from './messages.ts';
import { Outbox, type Guard } from './outbox.ts';

/** A server's input: the items it holds and the detector's node. */
export interface ServerInput {
  /** The items this server holds. */
  readonly items: readonly string[];
  /** The deadlock detector's node. */
  readonly detector: number;
}

/** The server machine (data manager and lock manager). */
export const server = setup({
  types: {
    context: {} as ServerContext,
    events: {} as ServerEvent,
    input: {} as ServerInput,
  },
  actions: {
    ...effects,
    handle: enqueueActions(({ context, event, enqueue, check }) => {
      const c = structuredClone(context) as ServerContext;
      const out = new Outbox();
      const guard: Guard = (type, params) => check({ type, params } as never);
      switch (event.type) {
        case 'Read':
        case 'Write': {
          const e = event as Read | Write;
          const value = e.type === 'Write' ? e.value : null;
          const op = e.type === 'Write' ? 'w' : 'r';
          const r = { txn: e.txn, ts: e.ts, client: e.from, item: e.item, op, value } as const;
          request(c, { ...r, blocked: false, reported: null }, out, guard);
          break;
        }
        case 'Commit':
          commit(c, event.txn, out, guard);
          break;
        case 'Abort':
          abort(c, event.txn, out, guard);
          break;
        case 'Unlock':
          unlock(c, event.txn, out, guard);
          break;
      }
      for (const effect of out.effects) enqueue(effect as never);
      enqueue.assign(c);
    }),
  },
  guards: {
    /** A read takes a shared lock (the read-without-lock mutant serves it as is). */
    locksReads: () => true,
    /** Whether `mode` can be granted next to the other holders' `held` modes. */
    compatible: (_, params: unknown) => {
      const { mode, held } = params as { mode: Mode; held: Mode[] };
      return compatibleModes(mode, held);
    },
    /** Locks are kept after an operation (two-phase; the non-2PL mutant releases at once). */
    holdsLocks: () => true,
    /** Wait-die: a requester younger than a conflicting holder dies. Off by default. */
    dies: (_, _params: unknown) => false,
    /** Wound-wait: a requester older than a holder wounds it. Off by default. */
    wounds: (_, _params: unknown) => false,
    /** A waiting request is reported to the deadlock detector (the wait-for-graph policy). */
    reportsWaits: () => true,
  },
}).createMachine({
  id: 'server',
  context: ({ input }) => ({
    detector: input.detector,
    store: Object.fromEntries(input.items.map((item) => [item, null])),
    holders: [],
    waiting: [],
    undo: [],
    wounded: [],
    deferred: [],
  }),
  initial: 'serving',
  states: {
    serving: {
      on: {
        Read: { actions: 'handle' },
        Write: { actions: 'handle' },
        Commit: { actions: 'handle' },
        Abort: { actions: 'handle' },
        Unlock: { actions: 'handle' },
      },
    },
  },
});

/** Wait-die (Rosenkrantz et al. 1978): an older requester waits, a younger one dies. */
export function waitDie(_: unknown, params: unknown): boolean {
  const { ts, holders } = params as { ts: number; holders: number[] };
  return holders.some((h) => ts > h);
}

/** Wound-wait (Rosenkrantz et al. 1978): an older requester wounds a younger holder. */
export function woundWait(_: unknown, params: unknown): boolean {
  const { ts, holder } = params as { ts: number; holder: number };
  return ts < holder;
}
