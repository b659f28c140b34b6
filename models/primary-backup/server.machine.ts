/**
 * A primary-backup server: master, slave, or between views.
 *
 * Source: Budhiraja, Marzullo, Schneider, Toueg, "The primary-backup approach" (1993): the master
 * (their primary) executes a request, sends the update to the slaves (backups), waits for their
 * acknowledgements, then replies; Alsberg & Day (ICSE 1976): clients retry, and a table of each
 * client's last request number and reply turns a retry of an executed request into a re-reply.
 * The seed's "Groups to Enhance Availability": one group name hides master and slaves, fail-over
 * must neither repeat nor miss actions. View change simplified from Viewstamped Replication (Oki &
 * Liskov 1988; Liskov & Cowling 2012): see replica.ts.
 *
 * Simplified: one request in flight at a time (the master queues the others); commit waits for
 * every member of the view, and a view holds the majority that promised it. Suspicions are
 * timeouts, enabled only when a server has a reason: it holds a client request (a client's retry
 * goes to every server) that it has not seen executed. So a healthy idle group is quiescent, and a
 * crashed slave, which blocks its master's commits, is dropped by the view change the retry
 * provokes. A server left out of a view waits until the next view change; no recovery, no joins.
 */
import { enqueueActions, setup } from 'xstate';
import { effects } from '../kernel/effects.ts';
import type {
  Ack,
  Commit,
  DoViewChange,
  Entry,
  Request,
  ServerInput,
  StartView,
  StartViewChange,
  Timeout,
  Update,
} from './messages.ts';
import {
  initialServer,
  majority,
  ServerStep,
  type Decisions,
  type Done,
  type ServerContext,
} from './replica.ts';

type Event = Request | Update | Ack | Commit | StartViewChange | DoViewChange | StartView | Timeout;

/** What a step action gets from xstate (loosely typed: the helper is shared by every action). */
interface StepArgs {
  readonly context: ServerContext;
  readonly event: Event;
  readonly check: (guard: never) => boolean;
  readonly enqueue: { (action: never): void; assign: (context: never) => void };
}

/**
 * An xstate action running one `ServerStep` method. The decisions a mutant swaps are asked through
 * `check`, so `machine.provide({ guards })` reaches them.
 */
function step(body: (s: ServerStep, event: Event) => void) {
  return enqueueActions<ServerContext, Event, undefined, Event, never, never, never>(
    ({ context, event, check, enqueue }: StepArgs) => {
      const decide: Decisions = {
        isDuplicate: (entry, done) =>
          check({ type: 'isDuplicate', params: { entry, done } } as never),
        allAcked: (length, members, acked) =>
          check({ type: 'allAcked', params: { length, members, acked } } as never),
      };
      const s = new ServerStep(context, decide);
      body(s, event);
      for (const e of s.effects) enqueue(e as never);
      enqueue.assign(s.context as never);
    },
  );
}

/** The primary-backup server machine (every server runs it; view 0's master is server 0). */
export const server = setup({
  types: {
    context: {} as ServerContext,
    events: {} as Event,
    input: {} as ServerInput,
  },
  actions: {
    ...effects,
    receiveRequest: step((s, e) => {
      s.record(e as Request, true);
      s.serve();
    }),
    recordRequest: step((s, e) => s.record(e as Request, false)),
    receiveAck: step((s, e) => s.acknowledged((e as Ack).from, (e as Ack).length)),
    append: step((s, e) => s.append((e as Update).entry)),
    commit: step((s, e) => s.commit((e as Commit).upTo)),
    startViewChange: step((s) => s.startViewChange()),
    promise: step((s, e) => s.promise((e as StartViewChange).view, (e as StartViewChange).from)),
    countVote: step((s, e) => s.countVote(e as DoViewChange)),
    install: step((s, e) => s.install(e as StartView)),
  },
  guards: {
    // The two decisions a mutant swaps (asked from inside the actions, through `check`).
    isDuplicate: (_, p: { entry: Entry; done: Done | undefined }) =>
      p.done !== undefined && p.done.r >= p.entry.r,
    allAcked: (_, p: { length: number; members: readonly number[]; acked: readonly number[] }) =>
      p.members.every((m) => (p.acked[m] ?? 0) >= p.length),
    // Event guards.
    isFromMaster: ({ context, event }) => {
      const e = event as Update | Commit;
      return e.view === context.view && e.from === context.members[0];
    },
    isCurrentView: ({ context, event }) => (event as Ack).view === context.view,
    isNewerView: ({ context, event }) => (event as StartViewChange).view > context.promised,
    isVote: ({ context, event }) => isVote(context, event as DoViewChange),
    makesMeMaster: ({ context, event }) => {
      const e = event as DoViewChange;
      const votes = context.votes.length + 1;
      return (
        isVote(context, e) &&
        votes >= majority(context.n) &&
        Math.min(e.from, ...context.votes) === context.self
      );
    },
    acceptsView: ({ context, event }) => {
      const e = event as StartView;
      return e.view >= context.promised && e.view > context.view;
    },
    leadsView: ({ context, event }) => {
      const e = event as StartView;
      return e.view >= context.promised && e.view > context.view && e.members[0] === context.self;
    },
    hasRequests: ({ context }) => context.requests.length > 0,
    leadsInstalledView: ({ context }) => context.members[0] === context.self,
  },
}).createMachine({
  id: 'primary-backup-server',
  context: ({ input }) => initialServer(input.self, input.n),
  initial: 'slave',
  // Handled the same way whatever the state: view changes preempt everything older.
  on: {
    StartViewChange: { guard: 'isNewerView', target: '.viewchange', actions: 'promise' },
    StartView: [
      { guard: 'leadsView', target: '.master', actions: 'install' },
      { guard: 'acceptsView', target: '.slave', actions: 'install' },
    ],
  },
  states: {
    master: {
      on: {
        Request: { actions: 'receiveRequest' },
        Ack: { guard: 'isCurrentView', actions: 'receiveAck' },
      },
    },
    slave: {
      // View 0 is installed by configuration: its master starts here and takes over at once.
      always: { guard: 'leadsInstalledView', target: 'master' },
      on: {
        Request: { actions: 'recordRequest' },
        Update: { guard: 'isFromMaster', actions: 'append' },
        Commit: { guard: 'isFromMaster', actions: 'commit' },
        timeout: { guard: 'hasRequests', target: 'viewchange', actions: 'startViewChange' },
      },
    },
    viewchange: {
      on: {
        Request: { actions: 'recordRequest' },
        DoViewChange: [
          { guard: 'makesMeMaster', target: 'master', actions: 'countVote' },
          { guard: 'isVote', actions: 'countVote' },
        ],
        timeout: { guard: 'hasRequests', actions: 'startViewChange' },
      },
    },
  },
});

/** Whether a promise counts: for the view this server is collecting, from a new voter. */
function isVote(context: ServerContext, e: DoViewChange): boolean {
  return e.view === context.promised && context.votes.length > 0 && !context.votes.includes(e.from);
}
