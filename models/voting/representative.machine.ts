/**
 * A representative: one copy of the file, with its version number, its value and its votes.
 *
 * Source: Gifford, "Weighted Voting for Replicated Data" (SOSP 1979), §3: each representative
 * holds a version number and the file's contents; a front end locks representatives (Gifford's
 * lock manager: a lock belongs to one transaction), reads their version numbers, and installs a
 * new version with its commit, which releases the lock. A weak representative holds no votes: it
 * takes no lock, answers with its copy like a cache, and takes any install newer than its copy.
 *
 * Simplified: one lock mode (a read locks like a write; Gifford's shared read locks only let more
 * reads run together); a lock that is busy is refused rather than queued (the client backs off),
 * so no deadlock can form. The copy and the lock are on stable storage: a crash loses what was in
 * flight to the representative, not its version (see `recoverInput` in model.ts).
 */
import { setup } from 'xstate';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import type {
  Busy,
  Granted,
  Install,
  Installed,
  Lock,
  LockHolder,
  Release,
  RepresentativeInput,
} from './messages.ts';

/** A representative's state: its copy, its votes, and who holds its lock. */
export type RepresentativeContext = {
  readonly votes: number;
  readonly version: number;
  readonly value: number | null;
  /** The operation that installed the copy. */
  readonly writer: string | null;
  /** The attempt holding the lock, or null. */
  readonly holder: LockHolder | null;
};

/** Every event a representative handles: the clients' messages. */
export type RepresentativeEvent = Lock | Install | Release;

const kit = roleKit<{
  context: RepresentativeContext;
  events: RepresentativeEvent;
  sends: Outgoing<Granted | Busy | Installed>;
  input: RepresentativeInput;
}>();

/** Whether `event` comes from the attempt holding the lock. */
const fromHolder = (context: RepresentativeContext, event: { op: string; attempt: number }) =>
  context.holder !== null &&
  context.holder.op === event.op &&
  context.holder.attempt === event.attempt;

/**
 * The representative machine: a voting copy is `free` or `locked`; a weak one (no votes) is a
 * `cache`. It starts in whichever its (recovered) input says.
 */
export const representative = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    // Grants the lock (or grants again to its holder): answers with the copy.
    grant: kit.on('Lock', ({ context, event: { op, attempt, from }, out }) => {
      const { version, value, votes } = context;
      out.send(from, { type: 'Granted', op, attempt, version, value, votes });
      return votes === 0 ? {} : { holder: { op, attempt } };
    }),
    refuse: kit.on('Lock', ({ event: { op, attempt, from }, out }) => {
      out.send(from, { type: 'Busy', op, attempt });
    }),
    release: kit.on('Release', () => ({ holder: null })),
    // Installs the new version and releases the lock (Gifford's commit of the write).
    install: kit.on('Install', ({ event: { op, version, value }, out }) => {
      out.observe('install', { op, version, value });
      return { version, value, writer: op, holder: null };
    }),
    acknowledge: kit.on('Install', ({ event: { op, attempt, from }, out }) => {
      out.send(from, { type: 'Installed', op, attempt });
    }),
  },
  guards: {
    isWeak: ({ context }) => context.votes === 0,
    isLocked: ({ context }) => context.holder !== null,
    holdsLock: kit.when(['Lock', 'Release', 'Install'], ({ context, event }) =>
      fromHolder(context, event),
    ),
    // A resend of the install that made the copy (its acknowledgement was lost).
    isDuplicate: kit.when('Install', ({ context, event }) => event.op === context.writer),
    isNewer: kit.when('Install', ({ context, event }) => event.version > context.version),
  },
}).createMachine({
  id: 'voting-representative',
  context: ({ input }) => ({
    votes: input.votes,
    version: input.version ?? 0,
    value: input.value ?? null,
    writer: input.writer ?? null,
    holder: input.holder ?? null,
  }),
  initial: 'starting',
  states: {
    starting: {
      always: [
        { guard: 'isWeak', target: 'cache' },
        { guard: 'isLocked', target: 'locked' },
        { target: 'free' },
      ],
    },
    free: {
      on: {
        Lock: { target: 'locked', actions: 'grant' },
        Install: { guard: 'isDuplicate', actions: 'acknowledge' },
      },
    },
    locked: {
      on: {
        Lock: [{ guard: 'holdsLock', actions: 'grant' }, { actions: 'refuse' }],
        Release: { guard: 'holdsLock', target: 'free', actions: 'release' },
        Install: [
          { guard: 'holdsLock', target: 'free', actions: ['install', 'acknowledge'] },
          { guard: 'isDuplicate', actions: 'acknowledge' },
        ],
      },
    },
    cache: {
      on: {
        Lock: { actions: 'grant' },
        Install: [
          { guard: 'isNewer', actions: ['install', 'acknowledge'] },
          { actions: 'acknowledge' },
        ],
      },
    },
  },
});
