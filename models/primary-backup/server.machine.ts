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
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
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
  acknowledged,
  append,
  applyCounter,
  commit,
  countVote,
  handOffView,
  hasQuorum,
  initialServer,
  install,
  promise,
  quorumView,
  record,
  serve,
  startViewChange,
  type Apply,
  type Done,
  type ServerContext,
  type ServerGuard,
  type ServerMessage,
} from './replica.ts';

/** Every event a server handles: client requests, the servers' messages, its suspicion timer. */
export type ServerEvent =
  Request | Update | Ack | Commit | StartViewChange | DoViewChange | StartView | Timeout;

const kit = roleKit<{
  context: ServerContext;
  events: ServerEvent;
  sends: ServerMessage;
  guards: ServerGuard;
  input: ServerInput;
}>();

/** Whether a StartView may be installed: not older than the promise, newer than the view. */
const acceptable = (context: ServerContext, event: StartView) =>
  event.view >= context.promised && event.view > context.view;

/**
 * The primary-backup server machine replicating the state machine `apply` (every server runs it;
 * view 0's master is server 0). States: `master`, `slave`, and `viewchange`, which is `collecting`
 * (a coordinator counting DoViewChange promises) or `promised` (a server that promised a view and
 * waits for its StartView). Another protocol replicates its own state in this group by passing
 * its `Apply` (models/napster replicates its index so).
 */
export function replicaServer(apply: Apply) {
  return setup({
    types: kit.types,
    actions: {
      ...kit.effects,
      receiveRequest: kit.on('Request', ({ context, event, out }) =>
        serve(record(context, event, true), out, apply),
      ),
      recordRequest: kit.on('Request', ({ context, event }) => record(context, event, false)),
      receiveAck: kit.on('Ack', ({ context, event, out }) =>
        acknowledged(context, event.from, event.length, out, apply),
      ),
      append: kit.on('Update', ({ context, event, out }) => append(context, event.entry, out)),
      commit: kit.on('Commit', ({ context, event, out }) =>
        commit(context, event.upTo, out, apply),
      ),
      startViewChange: kit.on('timeout', ({ context, out }) => startViewChange(context, out)),
      promise: kit.on('StartViewChange', ({ context, event, out }) =>
        promise(context, event.view, event.from, out),
      ),
      countVote: kit.on('DoViewChange', ({ context, event }) => countVote(context, event)),
      // The coordinator is the lowest promiser: it installs the quorum's view as its master.
      startView: kit.step(({ context, out }) => install(context, quorumView(context), out, apply)),
      handOffView: kit.step(({ context, out }) => handOffView(context, out)),
      install: kit.on('StartView', ({ context, event, out }) =>
        install(context, event, out, apply),
      ),
    },
    guards: {
      // The two decisions a mutant swaps (asked from inside the steps, through `out.check`).
      isDuplicate: (_, p: { entry: Entry; done: Done | undefined }) =>
        p.done !== undefined && p.done.r >= p.entry.r,
      allAcked: (_, p: { length: number; members: readonly number[]; acked: readonly number[] }) =>
        p.members.every((m) => (p.acked[m] ?? 0) >= p.length),
      // Event guards.
      isFromMaster: kit.when(
        ['Update', 'Commit'],
        ({ context, event }) => event.view === context.view && event.from === context.members[0],
      ),
      isCurrentView: kit.when('Ack', ({ context, event }) => event.view === context.view),
      isNewerView: kit.when(
        'StartViewChange',
        ({ context, event }) => event.view > context.promised,
      ),
      // A promise counts when it is for the view being collected, from a new voter.
      isVote: kit.when(
        'DoViewChange',
        ({ context, event }) =>
          event.view === context.promised && !context.votes.includes(event.from),
      ),
      hasQuorum: ({ context }) => hasQuorum(context),
      leadsNewView: ({ context }) => hasQuorum(context) && context.votes[0] === context.self,
      acceptsView: kit.when('StartView', ({ context, event }) => acceptable(context, event)),
      leadsView: kit.when(
        'StartView',
        ({ context, event }) => acceptable(context, event) && event.members[0] === context.self,
      ),
      hasRequests: ({ context }) => context.requests.length > 0,
      leadsInstalledView: ({ context }) => context.members[0] === context.self,
    },
  }).createMachine({
    id: 'primary-backup-server',
    context: ({ input }) => initialServer(input.self, input.n),
    initial: 'slave',
    // Handled the same way whatever the state: view changes preempt everything older.
    on: {
      StartViewChange: { guard: 'isNewerView', target: '.viewchange.promised', actions: 'promise' },
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
          timeout: {
            guard: 'hasRequests',
            target: 'viewchange.collecting',
            actions: 'startViewChange',
          },
        },
      },
      viewchange: {
        initial: 'promised',
        on: {
          Request: { actions: 'recordRequest' },
          timeout: { guard: 'hasRequests', target: '.collecting', actions: 'startViewChange' },
        },
        states: {
          // Proposed a view (StartViewChange) and counts the promises (DoViewChange) for it.
          collecting: {
            always: [
              {
                guard: 'leadsNewView',
                target: '#primary-backup-server.master',
                actions: 'startView',
              },
              { guard: 'hasQuorum', target: 'promised', actions: 'handOffView' },
            ],
            on: { DoViewChange: { guard: 'isVote', actions: 'countVote' } },
          },
          // Promised a view (sent DoViewChange, or handed a quorum's view on): waits for StartView.
          promised: {},
        },
      },
    },
  });
}

/** The primary-backup server machine of the counter store. */
export const server = replicaServer(applyCounter);
