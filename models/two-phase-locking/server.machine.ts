/**
 * A server: the data manager of the items it holds, with their lock manager. Strict two-phase
 * locking: a read takes a shared lock, a write an exclusive one (upgrading a shared lock), items are
 * updated in place with a before-image kept for undo, and every lock is held until the transaction
 * commits or aborts. A request that conflicts waits in the lock manager's queue and meets the
 * deadlock policy (deadlock-policies.ts): its wait is reported to the deadlock detector (wait-for
 * graph, the default), or decided locally (wait-die, wound-wait; a transaction killed by wait-die
 * restarts once the holders it died for have released the item).
 *
 * States: `serving` (no request waits) and `blocking` (some request waits for a lock); in
 * `blocking`, every release (Commit, Abort, Unlock) serves the queue again. One transition per
 * message kind; the logic is in data-manager.ts.
 *
 * Source: Bernstein, Hadzilacos, Goodman, "Concurrency Control and Recovery in Database Systems",
 * Addison-Wesley 1987, chapter 3 (basic and strict 2PL, distributed 2PL, deadlock detection and
 * prevention); Rosenkrantz, Stearns, Lewis, "System level concurrency control for distributed
 * database systems", ACM TODS 3(2), 1978 (wait-die, wound-wait).
 *
 * The lock queue is fair: a request waits behind every earlier conflicting request, conversions
 * (S to X) first (Gray's lock queues; BHG chapter 3). That, not the restarts' age, is what keeps the
 * oldest transaction from starving: restarts already keep their timestamp, yet when a newcomer
 * compatible with the holders was granted past an earlier conflicting waiter (the
 * `barging-waiters` mutant), transactions that read then upgrade one item, killed as deadlock
 * victims or wounded, restarted and retook their shared locks before the oldest's upgrade was
 * served, forever: keeping an age only decides who is killed, never who is served next, so only
 * the queue's order can guarantee that the oldest waiter is eventually granted.
 *
 * Simplified: no crashes or message loss (so no logging or atomic commitment: the client's commit
 * decision is final and every server learns it over a FIFO channel); one request per transaction at
 * a time. Properties: properties/serializability.ts, lock-compatibility.ts, lock-fairness.ts,
 * locked-operations.ts (every read and write it serves, observed as `fetch` and `install`, is made
 * under the lock it needs), transaction-progress.ts.
 */
import { match } from 'ts-pattern';
import { not, setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import {
  abortTxn,
  commitTxn,
  compatibleModes,
  coversMode,
  queueRequest,
  readWithoutLock,
  serveWaiting,
  unlockTxn,
  type CompatibleParams,
  type CoversParams,
  type Operation,
  type ServerContext,
  type ServerGuard,
  type ServerMessage,
} from './data-manager.ts';
import { waitForGraph } from './deadlock-policies.ts';
import type { Read, ServerEvent, Write } from './messages.ts';

/** A server's input: the items it holds and the detector's node. */
export interface ServerInput {
  /** The items this server holds. */
  readonly items: readonly string[];
  /** The deadlock detector's node. */
  readonly detector: number;
}

const kit = roleKit<{
  context: ServerContext;
  events: ServerEvent;
  sends: ServerMessage;
  guards: ServerGuard;
  input: ServerInput;
}>();

/** The operation a Read or Write asks for. */
const operationOf = (event: Read | Write): Operation =>
  match(event)
    .with({ type: 'Read' }, (e) => ({ ...common(e), op: 'r' as const, value: null }))
    .with({ type: 'Write' }, (e) => ({ ...common(e), op: 'w' as const, value: e.value }))
    .exhaustive();

const common = (e: Read | Write) => ({ txn: e.txn, ts: e.ts, client: e.from, item: e.item });

/** A request for a lock: queued, then the queue is served (it runs, waits, or dies). */
const request = ['queueRequest', 'serveWaiting'] as const;

/** The server machine (data manager and lock manager). */
export const server = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    queueRequest: kit.on(['Read', 'Write'], ({ context, event }) =>
      queueRequest(context, operationOf(event)),
    ),
    serveWaiting: kit.step(({ context, out }) => serveWaiting(context, out)),
    readWithoutLock: kit.on('Read', ({ context, event, out }) =>
      readWithoutLock(context, operationOf(event), out),
    ),
    commitTxn: kit.on('Commit', ({ context, event, out }) => commitTxn(context, event.txn, out)),
    abortTxn: kit.on('Abort', ({ context, event, out }) => abortTxn(context, event.txn, out)),
    unlockTxn: kit.on('Unlock', ({ context, event, out }) => unlockTxn(context, event.txn, out)),
  },
  guards: {
    /** A read takes a shared lock (the read-without-lock mutant serves it as is). */
    locksReads: () => true,
    /** Whether `mode` can be granted next to the other holders' `held` modes. */
    compatible: (_, { mode, held }: CompatibleParams) => compatibleModes(mode, held),
    /** A lock the requester holds covers its request (a write by a shared holder must upgrade). */
    covers: (_, { held, mode }: CoversParams) => coversMode(held, mode),
    /** A request waits behind the conflicting requests queued ahead of it (the fair queue). */
    queuesBehindWaiters: () => true,
    /** Locks are kept after an operation (two-phase; the non-2PL mutant releases at once). */
    holdsLocks: () => true,
    /** A second write of an item keeps the before-image of the transaction's first write. */
    keepsFirstImage: () => true,
    /** The deadlock policy's guards: `dies`, `wounds`, `reportsWaits` (deadlock-policies.ts). */
    ...waitForGraph,
    /** Some request waits in the lock manager's queue. */
    hasWaiting: ({ context }) => context.waiting.length > 0,
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
      always: { guard: 'hasWaiting', target: 'blocking' },
      on: {
        Read: [{ guard: 'locksReads', actions: request }, { actions: 'readWithoutLock' }],
        Write: { actions: request },
        Commit: { actions: 'commitTxn' },
        Abort: { actions: 'abortTxn' },
        Unlock: { actions: 'unlockTxn' },
      },
    },
    blocking: {
      always: { guard: not('hasWaiting'), target: 'serving' },
      on: {
        Read: [{ guard: 'locksReads', actions: request }, { actions: 'readWithoutLock' }],
        Write: { actions: request },
        Commit: { actions: ['commitTxn', 'serveWaiting'] },
        Abort: { actions: ['abortTxn', 'serveWaiting'] },
        Unlock: { actions: ['unlockTxn', 'serveWaiting'] },
      },
    },
  },
});
