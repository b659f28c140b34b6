/**
 * A client (Gifford's front end) of a file suite under weighted voting.
 *
 * Source: Gifford, "Weighted Voting for Replicated Data" (SOSP 1979), §3: to read, collect the
 * votes of representatives until the read quorum r is reached and take the copy with the highest
 * version number; to write, collect a write quorum w, learn the current version number from it and
 * install version + 1 with the new value on the quorum. Locks at the representatives serialize the
 * clients: a read and a write lock quorums that intersect (r + w > V), and so do two writes
 * (2w > V), so no two of them run at once and a write's quorum holds the latest version.
 *
 * A client runs one operation at a time (inputs that arrive meanwhile wait in a queue). It asks
 * every representative at once; a busy one refuses. When the votes still possible cannot reach the
 * quorum it releases what it holds and backs off (a timer), then tries again as a new attempt; a
 * silent representative (crashed, partitioned, or a lost message) is asked again on a timeout. It
 * gives up after `retries` timeouts (a parameter): a read or an unstarted write fails, a write whose Install went
 * out has an unknown outcome (`info`). A client that restarts after a crash reports the operation
 * it was running as of unknown outcome (`info`): its operation counter is on stable storage.
 */
import { and, not, setup } from 'xstate';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import {
  opId,
  type Busy,
  type ClientInput,
  type FileOperation,
  type Granted,
  type Install,
  type Installed,
  type Invoke,
  type Lock,
  type Release,
  type Timeout,
} from './messages.ts';

/** An operation a client was asked to run. */
export type Call = { readonly f: FileOperation; readonly value?: number };

/** The operation running: its id and what it does. */
export type Running = { readonly id: string; readonly f: FileOperation; readonly value?: number };

/** A copy as a representative reported it. */
export type Copy = { readonly version: number; readonly value: number | null };

/** A client's state. */
export type ClientContext = {
  readonly name: string;
  readonly votes: readonly number[];
  readonly r: number;
  readonly w: number;
  /** How many timeouts an operation may take (resends and retries) before the client gives up. */
  readonly retries: number;
  /** The order in which it asks representatives (its preferred ones first). */
  readonly order: readonly number[];
  /** Representatives asked in this attempt. */
  readonly asked: readonly number[];
  /** Its last operation number. */
  readonly seq: number;
  /** Operations invoked while one runs, in order. */
  readonly queue: readonly Call[];
  /** The running operation, or null. */
  readonly op: Running | null;
  /** The running operation's attempt, from 1. */
  readonly attempt: number;
  /** Timeouts the running operation has taken. */
  readonly tries: number;
  /** Representatives that granted this attempt (their locks are held). */
  readonly grants: readonly number[];
  /** Representatives that refused this attempt. */
  readonly busy: readonly number[];
  /** The copy this attempt takes: the highest version granted. */
  readonly best: Copy | null;
  /** The highest version granted in this attempt (a write installs the next one). */
  readonly top: number;
  /** The highest version its own finished operations saw (a blind writer's guess). */
  readonly known: number;
  /** The version a write is installing. */
  readonly version: number;
  /** Representatives that acknowledged the install. */
  readonly acked: readonly number[];
  /** The operation lost in a crash, to report as of unknown outcome on restarting (else null). */
  readonly lost: string | null;
};

/** Every event a client handles: its inputs, the representatives' answers, its timer. */
export type ClientEvent = Invoke | Granted | Busy | Installed | Timeout;

/** Which votes a quorum test counts: granted, granted or still unanswered, or acknowledged. */
export type Count = 'granted' | 'reachable' | 'acked';

/** Total votes of the suite. */
export function totalVotes(votes: readonly number[]): number {
  return votes.reduce((a, b) => a + b, 0);
}

/** The votes of `reps`. */
function votesOf(context: ClientContext, reps: readonly number[]): number {
  return reps.reduce((sum, rep) => sum + (context.votes[rep] ?? 0), 0);
}

/** The votes counted by `count` in `context`. */
export function counted(context: ClientContext, count: Count): number {
  if (count === 'granted') return votesOf(context, context.grants);
  if (count === 'acked') return votesOf(context, context.acked);
  const silent = context.votes.map((_, rep) => rep).filter((rep) => !context.busy.includes(rep));
  return votesOf(context, silent);
}

/** The quorum the running operation needs: r to read, w to write. */
export function needed(context: ClientContext): number {
  return context.op?.f === 'write' ? context.w : context.r;
}

/** The representatives asked in this attempt that have not answered. */
function silent(context: ClientContext): number[] {
  return context.asked.filter(
    (rep) => !context.grants.includes(rep) && !context.busy.includes(rep),
  );
}

/**
 * The representatives to ask next, in the client's order: the fewest unasked ones that, with the
 * votes granted (and those still awaited, unless `silentLost`), make up the quorum.
 */
export function toAsk(context: ClientContext, silentLost: boolean): number[] {
  let have = counted(context, 'granted') + (silentLost ? 0 : votesOf(context, silent(context)));
  const more: number[] = [];
  for (const rep of context.order) {
    if (have >= needed(context)) break;
    if (context.asked.includes(rep)) continue;
    more.push(rep);
    have += context.votes[rep] ?? 0;
  }
  return more;
}

const kit = roleKit<{
  context: ClientContext;
  events: ClientEvent;
  sends: Outgoing<Lock | Install | Release>;
  guards: 'isHigher' | 'readsVersion';
  input: ClientInput;
}>();

/** The quorum tests the transitions make, by what they count. */
const QUORUM = {
  granted: { type: 'quorum', params: { count: 'granted' } },
  reachable: { type: 'quorum', params: { count: 'reachable' } },
  acked: { type: 'quorum', params: { count: 'acked' } },
} as const;

const fresh = { asked: [], grants: [], busy: [], best: null, top: 0, acked: [] } as const;

/**
 * The client machine: `idle`, `locking` (collecting votes), `installing` (a write's new version),
 * or `backingOff` (the quorum could not be reached: locks released, waiting to try again).
 */
export const client = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    enqueue: kit.on('invoke', ({ context, event: { f, value } }) => ({
      queue: [...context.queue, value === undefined ? { f } : { f, value }],
    })),
    // Starts the first queued operation: asks every representative for its lock.
    begin: kit.step(({ context, out }) => {
      const [call, ...queue] = context.queue;
      if (call === undefined) return; // never: the transitions begin only with a call queued
      const seq = context.seq + 1;
      const op: Running = { id: opId(context.name, seq), ...call };
      out.observe('invoke', { op: op.id, ...call });
      const asked = toAsk({ ...context, op, ...fresh }, false);
      out.send(asked, { type: 'Lock', op: op.id, attempt: 1 });
      return { seq, queue, op, attempt: 1, tries: 0, ...fresh, asked };
    }),
    // A vote: the lock is held; the copy is taken if its version is the highest so far.
    recordGrant: kit.on('Granted', ({ context, event: { from, version, value }, out }) => {
      const higher = context.best === null || out.check('isHigher', { version });
      return {
        grants: [...context.grants, from],
        best: higher ? { version, value } : context.best,
        top: Math.max(context.top, version),
      };
    }),
    // A refusal: ask further representatives if the quorum is now out of reach of those asked.
    recordBusy: kit.on('Busy', ({ context, event: { from }, out }) => {
      const next = { ...context, busy: [...context.busy, from] };
      const more = toAsk(next, false);
      if (context.op !== null) {
        out.send(more, { type: 'Lock', op: context.op.id, attempt: context.attempt });
      }
      return { busy: next.busy, asked: [...context.asked, ...more] };
    }),
    // A refusal answered by asking the busy representative again (the spinning mutant's way).
    askAgain: kit.on('Busy', ({ context, event: { from }, out }) => {
      if (context.op !== null) {
        out.send(from, { type: 'Lock', op: context.op.id, attempt: context.attempt });
      }
    }),
    // A lock this attempt does not use (a late grant, or one of an abandoned attempt).
    releaseStale: kit.on('Granted', ({ event: { op, attempt, from }, out }) => {
      out.send(from, { type: 'Release', op, attempt });
    }),
    releaseAll: kit.step(({ context, out }) => {
      const { op, attempt } = context;
      if (op !== null) out.send(context.grants, { type: 'Release', op: op.id, attempt });
      return { grants: [] };
    }),
    answerRead: kit.step(({ context, out }) => {
      const { op, best } = context;
      if (op === null) return;
      const version = best?.version ?? 0;
      out.observe('ok', { op: op.id, f: 'read', value: best?.value ?? null, version });
      return { op: null, known: Math.max(context.known, version) };
    }),
    // Installs version + 1 of the highest version the write quorum holds.
    startInstall: kit.step(({ context, out }) => {
      const { op, attempt, grants } = context;
      if (op === null || op.value === undefined) return;
      const current = out.check('readsVersion') ? context.top : context.known;
      const version = current + 1;
      out.send(grants, { type: 'Install', op: op.id, attempt, version, value: op.value });
      return { version };
    }),
    recordAck: kit.on('Installed', ({ context, event: { from } }) => ({
      acked: [...context.acked, from],
    })),
    answerWrite: kit.step(({ context, out }) => {
      const { op, version } = context;
      if (op === null) return;
      out.observe('ok', { op: op.id, f: 'write', value: op.value ?? null, version });
      return { op: null, known: Math.max(context.known, version) };
    }),
    // Asks the silent representatives again, and others as if the silent ones were gone.
    resendLocks: kit.on('timeout', ({ context, out }) => {
      const { op, attempt } = context;
      const more = toAsk(context, true);
      if (op !== null)
        out.send([...silent(context), ...more], { type: 'Lock', op: op.id, attempt });
      return { tries: context.tries + 1, asked: [...context.asked, ...more] };
    }),
    resendInstall: kit.on('timeout', ({ context, out }) => {
      const { op, attempt, version } = context;
      const waiting = context.grants.filter((rep) => !context.acked.includes(rep));
      if (op !== null && op.value !== undefined) {
        out.send(waiting, { type: 'Install', op: op.id, attempt, version, value: op.value });
      }
      return { tries: context.tries + 1 };
    }),
    retry: kit.on('timeout', ({ context, out }) => {
      const { op } = context;
      const attempt = context.attempt + 1;
      const asked = toAsk({ ...context, ...fresh }, false);
      if (op !== null) out.send(asked, { type: 'Lock', op: op.id, attempt });
      return { attempt, tries: context.tries + 1, ...fresh, asked };
    }),
    fail: kit.step(({ context, out }) => {
      if (context.op !== null) out.observe('fail', { op: context.op.id });
      return { op: null };
    }),
    unknown: kit.step(({ context, out }) => {
      if (context.op !== null) out.observe('info', { op: context.op.id });
      return { op: null };
    }),
    // Restarted after a crash: the operation it was running has an unknown outcome.
    reportLost: kit.step(({ context, out }) => {
      if (context.lost !== null) out.observe('info', { op: context.lost });
      return { lost: null };
    }),
  },
  guards: {
    isRead: ({ context }) => context.op?.f === 'read',
    isWrite: ({ context }) => context.op?.f === 'write',
    hasQueued: ({ context }) => context.queue.length > 0,
    hasLost: ({ context }) => context.lost !== null,
    canRetry: ({ context }) => context.tries < context.retries,
    // This attempt's answer from a representative that has not answered it yet.
    isNewAnswer: kit.when(
      ['Granted', 'Busy'],
      ({ context, event }) =>
        isCurrent(context, event) &&
        !context.grants.includes(event.from) &&
        !context.busy.includes(event.from),
    ),
    // A grant this attempt already holds (the answer to a resent Lock): keep the lock.
    isHeld: kit.when(
      'Granted',
      ({ context, event }) => isCurrent(context, event) && context.grants.includes(event.from),
    ),
    // A refusal is taken as such: the client goes around the busy representative, or backs off
    // (swapped off by the mutant that spins on a busy lock, asking again until it is granted).
    goesAround: () => true,
    isNewAck: kit.when(
      'Installed',
      ({ context, event }) => isCurrent(context, event) && !context.acked.includes(event.from),
    ),
    // The votes counted reach the running operation's quorum: r to read, w to write.
    quorum: ({ context }, { count }: { count: Count }) =>
      counted(context, count) >= needed(context),
    // A copy of a higher version than the one taken so far.
    isHigher: ({ context }, { version }: { version: number }) =>
      version > (context.best?.version ?? -1),
    // A write learns the current version from its quorum's copies.
    readsVersion: () => true,
  },
}).createMachine({
  id: 'voting-client',
  context: ({ input }) => ({
    name: input.name,
    votes: input.votes,
    r: input.r,
    w: input.w,
    order: input.order,
    retries: input.retries,
    seq: input.seq ?? 0,
    queue: [],
    op: null,
    attempt: 0,
    tries: 0,
    ...fresh,
    known: 0,
    version: 0,
    lost: input.lost ?? null,
  }),
  initial: 'starting',
  on: {
    invoke: { actions: 'enqueue' },
    Granted: [{ guard: 'isHeld' }, { actions: 'releaseStale' }],
  },
  states: {
    starting: {
      always: [{ guard: 'hasLost', target: 'idle', actions: 'reportLost' }, { target: 'idle' }],
    },
    idle: {
      on: { invoke: { target: 'locking', actions: ['enqueue', 'begin'] } },
    },
    locking: {
      on: {
        Granted: [
          { guard: 'isNewAnswer', target: 'locking', actions: 'recordGrant' },
          { guard: 'isHeld' },
          { actions: 'releaseStale' },
        ],
        Busy: [
          { guard: and(['isNewAnswer', 'goesAround']), target: 'locking', actions: 'recordBusy' },
          { guard: 'isNewAnswer', actions: 'askAgain' },
        ],
        timeout: [
          { guard: 'canRetry', actions: 'resendLocks' },
          { target: 'next', actions: ['releaseAll', 'fail'] },
        ],
      },
      always: [
        {
          guard: and(['isRead', QUORUM.granted]),
          target: 'next',
          actions: ['releaseAll', 'answerRead'],
        },
        {
          guard: and(['isWrite', QUORUM.granted]),
          target: 'installing',
          actions: 'startInstall',
        },
        {
          guard: not(QUORUM.reachable),
          target: 'backingOff',
          actions: 'releaseAll',
        },
      ],
    },
    installing: {
      on: {
        Installed: { guard: 'isNewAck', target: 'installing', actions: 'recordAck' },
        timeout: [
          { guard: 'canRetry', actions: 'resendInstall' },
          { target: 'next', actions: 'unknown' },
        ],
      },
      always: {
        guard: QUORUM.acked,
        target: 'next',
        actions: 'answerWrite',
      },
    },
    backingOff: {
      on: {
        timeout: [
          { guard: 'canRetry', target: 'locking', actions: 'retry' },
          { target: 'next', actions: 'fail' },
        ],
      },
    },
    next: {
      always: [{ guard: 'hasQueued', target: 'locking', actions: 'begin' }, { target: 'idle' }],
    },
  },
});

/** Whether `event` answers the running operation's current attempt. */
function isCurrent(context: ClientContext, event: { op: string; attempt: number }): boolean {
  return context.op !== null && event.op === context.op.id && event.attempt === context.attempt;
}
