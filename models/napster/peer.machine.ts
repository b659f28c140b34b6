/**
 * A Napster peer: both a client and a server (the seed's proxy, "a node that plays the role of
 * both a client and a server"). As a client it logs in to the index with the files it shares,
 * searches it, downloads a listed file directly from the peer holding it, and logs out; as a
 * server it answers other peers' downloads while it is logged in.
 *
 * Phases (machine states): `idle`, `requesting` (an index request outstanding: login, logout or
 * search), `fetching` (a download outstanding). One operation at a time; inputs that arrive
 * meanwhile wait in a queue, so a peer's operations are sequential (a linearizability process).
 * Serving downloads goes on in every phase.
 *
 * Index requests are numbered and go to the index server believed to be the master (server 0 at
 * first, then whoever answered); on a timeout the peer sends the request again, to every index
 * server when the index is replicated (it cannot tell a slow master from a crashed one, as a
 * primary-backup client), and gives up after `attempts` sends (`failed`). A download is asked
 * again likewise, and given up after `attempts` asks (`getFailed`, no answer).
 *
 * Source: the seed's Napster and proxies; Saroiu, Gummadi, Gribble (MMCN 2002), section 2.
 */
import { setup } from 'xstate';
import { everyone } from '../kernel/effects.ts';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import { opId } from '../primary-backup/messages.ts';
import { fileList } from './index-state.ts';
import {
  contents,
  type File,
  type Get,
  type GetFile,
  type Hit,
  type IndexOperation,
  type Login,
  type Logout,
  type PeerInput,
  type Reply,
  type Request,
  type Search,
  type Timeout,
  type Unavailable,
} from './messages.ts';

/** An operation a peer was asked to run: an index operation with its argument, or a download. */
export type Call = { readonly op: IndexOperation | 'get'; readonly arg: string };

/** A peer's state. */
export interface PeerContext extends PeerInput {
  /** The index server it believes is the master. */
  readonly master: number;
  /** Its last request number (the outstanding one while requesting). */
  readonly r: number;
  /** The outstanding operation (requesting or fetching). */
  readonly pending: Call | null;
  /** How many times the outstanding index request was sent. */
  readonly tries: number;
  /** The peer a download was asked of. */
  readonly source: number;
  /** Operations asked for while another was outstanding, in order. */
  readonly queue: readonly Call[];
  /** Whether it serves its files (from its login to its logout). */
  readonly sharing: boolean;
  /** Its latest search's hits. */
  readonly hits: readonly Hit[];
}

/** Every event a peer handles: its inputs, index replies, other peers' transfers, its timer. */
export type PeerEvent =
  Login | Logout | Search | GetFile | Reply | Get | File | Unavailable | Timeout;

/**
 * The guards a peer's steps ask by name: whether the index is replicated (retry everywhere), and
 * whether a search is sent to every replica at once (a mutant's read optimisation), and whether a
 * retry counts against the peer's attempts (a mutant forgets to).
 */
export type PeerGuard = 'replicatedIndex' | 'readsAnyReplica' | 'countsRetry';

const kit = roleKit<{
  context: PeerContext;
  events: PeerEvent;
  sends: Outgoing<Request | Get | File | Unavailable>;
  guards: PeerGuard;
  input: PeerInput;
}>();

/** The lowest other peer `hits` list for `file`, or -1. */
export function sourceOf(c: Pick<PeerContext, 'self' | 'hits'>, file: string): number {
  const listed = c.hits.filter((h) => h.file === file && h.peer !== c.self).map((h) => h.peer);
  return listed.length === 0 ? -1 : Math.min(...listed);
}

/** Reads a search's answer (a `Reply` value) as hits; anything else reads as none. */
export function hitsOf(value: unknown): Hit[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => {
    if (typeof v !== 'object' || v === null) return [];
    const { peer, file } = v as { peer?: unknown; file?: unknown };
    return typeof peer === 'number' && typeof file === 'string' ? [{ peer, file }] : [];
  });
}

const call = (op: Call['op'], arg: string): Call => ({ op, arg });

/** The peer machine. */
export const peer = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    enqueueLogin: kit.on('login', ({ context }) => ({
      queue: [...context.queue, call('login', '')],
    })),
    enqueueLogout: kit.on('logout', ({ context }) => ({
      queue: [...context.queue, call('logout', '')],
    })),
    enqueueSearch: kit.on('search', ({ context, event }) => ({
      queue: [...context.queue, call('search', event.keyword)],
    })),
    enqueueGet: kit.on('get', ({ context, event }) => ({
      queue: [...context.queue, call('get', event.file)],
    })),
    // Sends the first queued index operation as request r + 1 to the believed master.
    issue: kit.step(({ context, out }) => {
      const [next, ...queue] = context.queue;
      if (next === undefined || next.op === 'get') return;
      const r = context.r + 1;
      const q = opId(context.name, r);
      const key = next.op === 'login' ? fileList(context.files) : next.arg;
      const servers = out.check('replicatedIndex') ? everyone(context.indexes) : [0];
      if (next.op === 'login') out.observe('login', { q, files: [...context.files] });
      if (next.op === 'logout') out.observe('logout', { q });
      if (next.op === 'search') out.observe('search', { q, keyword: next.arg, servers });
      // A search goes to the master; a mutant spreads reads over every replica.
      const spread = next.op === 'search' && out.check('readsAnyReplica');
      const to = spread ? everyone(context.indexes) : context.master;
      out.send(to, { type: 'Request', client: context.name, r, f: next.op, key });
      const sharing = next.op === 'login' ? true : next.op === 'logout' ? false : context.sharing;
      return { r, pending: next, tries: 1, queue, sharing };
    }),
    // Asks the listed peer for the file directly.
    startGet: kit.step(({ context, out }) => {
      const [next, ...queue] = context.queue;
      if (next === undefined) return;
      const source = sourceOf(context, next.arg);
      out.observe('get', { file: next.arg, peer: source });
      out.send(source, { type: 'Get', file: next.arg });
      return { pending: next, source, tries: 1, queue };
    }),
    // No search listed the file: nothing to download from.
    skipGet: kit.step(({ context, out }) => {
      const [next, ...queue] = context.queue;
      out.observe('noSource', { file: next?.arg ?? '' });
      return { queue };
    }),
    answer: kit.on('Reply', ({ context, event, out }) => {
      const q = opId(context.name, context.r);
      const op = context.pending?.op;
      // The master is whoever answered, except a read spread over every replica (a mutant's).
      const spread = op === 'search' && out.check('readsAnyReplica');
      const done = { pending: null, master: spread ? context.master : event.from };
      if (op === 'login') out.observe('loggedIn', { q });
      if (op === 'logout') out.observe('loggedOut', { q });
      if (op !== 'search') return done;
      const hits = hitsOf(event.value);
      out.observe('found', { q, hits: hits.map((h) => ({ ...h })) });
      return { ...done, hits };
    }),
    // A slow master and a crashed one look the same: send the request again.
    retry: kit.on('timeout', ({ context, out }) => {
      const { name, r, pending, files } = context;
      if (pending === null || pending.op === 'get') return;
      const key = pending.op === 'login' ? fileList(files) : pending.arg;
      const servers = out.check('replicatedIndex') ? everyone(context.indexes) : [0];
      out.send(servers, { type: 'Request', client: name, r, f: pending.op, key });
      return { tries: out.check('countsRetry') ? context.tries + 1 : context.tries };
    }),
    giveUp: kit.on('timeout', ({ context, out }) => {
      const servers = out.check('replicatedIndex') ? everyone(context.indexes) : [0];
      const op = context.pending?.op ?? '';
      out.observe('failed', { q: opId(context.name, context.r), op, servers });
      return { pending: null };
    }),
    // Serves a download while logged in and sharing the file; refuses it otherwise.
    serve: kit.on('Get', ({ context, event, out }) => {
      if (context.sharing && context.files.includes(event.file)) {
        out.send(event.from, {
          type: 'File',
          file: event.file,
          data: contents(event.file, context.name),
        });
      } else {
        out.send(event.from, { type: 'Unavailable', file: event.file });
      }
    }),
    got: kit.on('File', ({ event, out }) => {
      out.observe('got', { file: event.file, peer: event.from, data: event.data });
      return { pending: null };
    }),
    refused: kit.on('Unavailable', ({ event, out }) => {
      out.observe('getFailed', { file: event.file, peer: event.from, reason: 'unavailable' });
      return { pending: null };
    }),
    // A slow peer and a crashed one look the same: ask again (a duplicate answer is ignored).
    askAgain: kit.on('timeout', ({ context, out }) => {
      out.send(context.source, { type: 'Get', file: context.pending?.arg ?? '' });
      return { tries: context.tries + 1 };
    }),
    noAnswer: kit.on('timeout', ({ context, out }) => {
      const file = context.pending?.arg ?? '';
      out.observe('getFailed', { file, peer: context.source, reason: 'no answer' });
      return { pending: null };
    }),
  },
  guards: {
    replicatedIndex: () => false,
    readsAnyReplica: () => false,
    countsRetry: () => true,
    isAnswer: kit.when('Reply', ({ context, event }) => event.r === context.r),
    mayRetry: ({ context }) => context.tries < context.attempts,
    isTransfer: kit.when(
      ['File', 'Unavailable'],
      ({ context, event }) => event.from === context.source && event.file === context.pending?.arg,
    ),
    nextIsListedGet: ({ context }) =>
      context.queue[0]?.op === 'get' && sourceOf(context, context.queue[0].arg) >= 0,
    nextIsGet: ({ context }) => context.queue[0]?.op === 'get',
    hasQueued: ({ context }) => context.queue.length > 0,
  },
}).createMachine({
  id: 'napster-peer',
  context: ({ input }) => ({
    ...input,
    master: 0,
    r: 0,
    pending: null,
    tries: 0,
    source: -1,
    queue: [],
    sharing: false,
    hits: [],
  }),
  initial: 'idle',
  on: {
    login: { actions: 'enqueueLogin' },
    logout: { actions: 'enqueueLogout' },
    search: { actions: 'enqueueSearch' },
    get: { actions: 'enqueueGet' },
    Get: { actions: 'serve' },
  },
  states: {
    idle: {
      always: [
        { guard: 'nextIsListedGet', target: 'fetching', actions: 'startGet' },
        { guard: 'nextIsGet', actions: 'skipGet' },
        { guard: 'hasQueued', target: 'requesting', actions: 'issue' },
      ],
    },
    requesting: {
      on: {
        Reply: { guard: 'isAnswer', target: 'idle', actions: 'answer' },
        timeout: [
          { guard: 'mayRetry', actions: 'retry' },
          { target: 'idle', actions: 'giveUp' },
        ],
      },
    },
    fetching: {
      on: {
        File: { guard: 'isTransfer', target: 'idle', actions: 'got' },
        Unavailable: { guard: 'isTransfer', target: 'idle', actions: 'refused' },
        timeout: [
          { guard: 'mayRetry', actions: 'askAgain' },
          { target: 'idle', actions: 'noAnswer' },
        ],
      },
    },
  },
});
