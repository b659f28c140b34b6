/**
 * What a primary-backup server does to its replicated state, as pure steps: execute committed
 * entries, serve requests, commit once the slaves acknowledge, count view-change votes, install a
 * view. Each step takes the server's context and the kit's `Effects` (models/kernel/step.ts) and
 * returns the context after it; the xstate wiring (states master, slave, viewchange) is in
 * server.machine.ts.
 *
 * Source: Budhiraja, Marzullo, Schneider, Toueg, "The primary-backup approach", in Mullender (ed.),
 * Distributed Systems, 2nd ed., 1993 (the master executes, updates the backups, waits for their
 * acknowledgements, then replies); Alsberg & Day, "A principle for resilient sharing of distributed
 * resources", ICSE 1976 (a primary and backups, duplicate requests recognised by request number).
 * The view change is a simplified Viewstamped Replication one (Oki & Liskov 1988; Liskov & Cowling
 * 2012): a majority of servers must promise a new view, and the new view starts from the most
 * up-to-date log among them (latest installed view first, then longest).
 */
import { others } from '../kernel/effects.ts';
import type { Json } from '../kernel/json.ts';
import type { Effects, Outgoing } from '../kernel/step.ts';
import {
  opId,
  type Ack,
  type Commit,
  type DoViewChange,
  type Entry,
  type Reply,
  type Request,
  type StartView,
  type StartViewChange,
  type Update,
} from './messages.ts';

/** The last request a client had executed, and its result: one row of the duplicate table. */
export interface Done {
  /** The client's request number. */
  readonly r: number;
  /** What the request answered. */
  readonly value: Json;
}

/** A server's state for a view change: the last view it installed, its log and commit point. */
export interface Report {
  /** The last view installed (VR's "last normal view"). */
  readonly normal: number;
  /** The log. */
  readonly log: readonly Entry[];
  /** How much of it is known committed. */
  readonly committed: number;
}

/** A server's state. The store and the duplicate table are the executed log prefix's result. */
export interface ServerContext {
  /** This server's index. */
  readonly self: number;
  /** Number of servers. */
  readonly n: number;
  /** The view installed last (0: every server, master 0). */
  readonly view: number;
  /** The highest view promised (at least `view`): older views' messages are ignored. */
  readonly promised: number;
  /** The installed view's members, ascending; the first is the master. */
  readonly members: readonly number[];
  /** The replicated log: committed entries first, then those awaiting acknowledgement. */
  readonly log: readonly Entry[];
  /** How many log entries are committed and executed here. */
  readonly committed: number;
  /** The replicated store (the counter store's counters, or another state machine's: `Apply`). */
  readonly store: Store;
  /** The duplicate-request table, by client name. */
  readonly table: Readonly<Record<string, Done>>;
  /** Client requests received and not executed yet (the master's queue; a slave's suspicion). */
  readonly requests: readonly Entry[];
  /** Master: the log length each server acknowledged in this view. */
  readonly acked: readonly number[];
  /** View-change coordinator: who promised `promised` so far (empty when not collecting). */
  readonly votes: readonly number[];
  /** View-change coordinator: the most up-to-date state reported so far. */
  readonly best: Report | null;
}

/** The messages a server sends. */
export type ServerMessage = Outgoing<
  Reply | Update | Ack | Commit | StartViewChange | DoViewChange | StartView
>;

/**
 * The guards a server's steps ask by name, so a mutant's `provide({ guards })` reaches them:
 * `isDuplicate` (params `{ entry, done }`: the duplicate table says `entry` was executed already)
 * and `allAcked` (params `{ length, members, acked }`: every other member holds `length` entries).
 */
export type ServerGuard = 'isDuplicate' | 'allAcked';

/** What a server's step may do besides changing its context. */
export type ServerEffects = Effects<ServerMessage, ServerGuard>;

/** A view as StartView carries it: number, members (lowest is master), log, commit point. */
export type NewView = Pick<StartView, 'view' | 'members' | 'log' | 'committed'>;

/** The replicated store: each key's value (the counter store's counters; any state machine's). */
export type Store = Readonly<Record<string, number>>;

/**
 * The replicated state machine: applies one committed log entry to the store, answering its
 * value. Every replica applies the same entries in the same order, so it must be deterministic.
 * The servers run `applyCounter` unless given another (see server.machine.ts `replicaServer`).
 */
export type Apply = (store: Store, entry: Entry) => { readonly store: Store; readonly value: Json };

/** The counter store: `incr` adds one to a key and answers the new value, `read` answers it. */
export const applyCounter: Apply = (store, e) => {
  const value = (store[e.key] ?? 0) + (e.f === 'incr' ? 1 : 0);
  return { store: e.f === 'incr' ? { ...store, [e.key]: value } : store, value };
};

/** How many servers make a majority. */
export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** The smallest view number above `promised` that `self` may propose (views are unique by owner). */
export function nextView(promised: number, self: number, n: number): number {
  return promised + 1 + ((((self - promised - 1) % n) + n) % n);
}

/** Whether entry `e` is client `client`'s request `r`. */
function same(e: Entry, client: string, r: number): boolean {
  return e.client === client && e.r === r;
}

/** Whether `a` is more up to date than `b`: a later installed view, then a longer log. */
function fresher(a: Report, b: Report): boolean {
  return a.normal > b.normal || (a.normal === b.normal && a.log.length > b.log.length);
}

/** The installed view's master. */
function masterOf(c: ServerContext): number {
  return c.members[0]!;
}

/** The installed view's members other than this server. */
function slavesOf(c: ServerContext): number[] {
  return c.members.filter((m) => m !== c.self);
}

/** The initial state: view 0 holds every server, with server 0 as master. */
export function initialServer(self: number, n: number): ServerContext {
  return {
    self,
    n,
    view: 0,
    promised: 0,
    members: Array.from({ length: n }, (_, i) => i),
    log: [],
    committed: 0,
    store: {},
    table: {},
    requests: [],
    acked: Array.from({ length: n }, () => 0),
    votes: [],
    best: null,
  };
}

/**
 * Remembers a client request (a retry names it again). A slave skips one it has executed; the
 * master keeps it, for `serve` to answer from the duplicate table.
 */
export function record(
  c: ServerContext,
  request: Omit<Request, 'type'>,
  master: boolean,
): ServerContext {
  const { client, r, f, key, from } = request;
  if (!master && (c.table[client]?.r ?? 0) >= r) return c;
  if (c.requests.some((e) => same(e, client, r))) return c;
  return { ...c, requests: [...c.requests, { client, r, f, key, at: from }] };
}

/** Executes the log up to `upTo`; the master also replies to each entry's client. */
function execute(
  c: ServerContext,
  upTo: number,
  reply: boolean,
  out: ServerEffects,
  apply: Apply,
): ServerContext {
  const end = Math.min(upTo, c.log.length);
  if (end <= c.committed) return c;
  let store = c.store;
  const table = { ...c.table };
  for (let i = c.committed; i < end; i++) {
    const e = c.log[i]!;
    const applied = apply(store, e);
    store = applied.store;
    const value = applied.value;
    table[e.client] = { r: e.r, value };
    out.observe('apply', { op: opId(e.client, e.r) });
    if (reply) out.send(e.at, { type: 'Reply', r: e.r, value, view: c.view });
  }
  const requests = c.requests.filter((e) => (table[e.client]?.r ?? 0) < e.r);
  return { ...c, committed: end, store, table, requests };
}

/** Master: commits the whole log once every slave holds it (`allAcked`), then tells them. */
function tryCommit(c: ServerContext, out: ServerEffects, apply: Apply): ServerContext {
  const length = c.log.length;
  if (length <= c.committed) return c;
  const members = slavesOf(c);
  if (!out.check('allAcked', { length, members, acked: c.acked })) return c;
  const next = execute(c, length, true, out, apply);
  out.send(members, { type: 'Commit', view: c.view, upTo: length });
  return next;
}

/**
 * Master: while nothing awaits acknowledgement, takes the next queued request; one the duplicate
 * table knows (`isDuplicate`) is answered from it, any other is appended and sent to the slaves.
 */
export function serve(
  context: ServerContext,
  out: ServerEffects,
  apply: Apply = applyCounter,
): ServerContext {
  let c = context;
  while (c.log.length <= c.committed) {
    const [entry, ...rest] = c.requests;
    if (entry === undefined) break;
    c = { ...c, requests: rest };
    const done = c.table[entry.client];
    if (out.check('isDuplicate', { entry, done })) {
      if (done?.r === entry.r) {
        out.send(entry.at, { type: 'Reply', r: entry.r, value: done.value, view: c.view });
      }
      continue;
    }
    c = { ...c, log: [...c.log, entry] };
    out.send(slavesOf(c), { type: 'Update', view: c.view, entry });
    c = tryCommit(c, out, apply);
  }
  return c;
}

/** Master: a slave holds `length` entries of this view's log; commit, then serve the next. */
export function acknowledged(
  c: ServerContext,
  from: number,
  length: number,
  out: ServerEffects,
  apply: Apply = applyCounter,
): ServerContext {
  const acked = [...c.acked];
  acked[from] = Math.max(acked[from] ?? 0, length);
  return serve(tryCommit({ ...c, acked }, out, apply), out, apply);
}

/** Slave: appends the master's update and acknowledges it. */
export function append(c: ServerContext, entry: Entry, out: ServerEffects): ServerContext {
  const log = [...c.log, entry];
  out.send(masterOf(c), { type: 'Ack', view: c.view, length: log.length });
  return { ...c, log };
}

/** Slave: executes what the master committed. */
export function commit(
  c: ServerContext,
  upTo: number,
  out: ServerEffects,
  apply: Apply = applyCounter,
): ServerContext {
  return execute(c, upTo, false, out, apply);
}

/**
 * Suspicion (StartViewChange): proposes the next view of this server's own, votes for it itself,
 * and asks everyone else for their state.
 */
export function startViewChange(c: ServerContext, out: ServerEffects): ServerContext {
  const view = nextView(c.promised, c.self, c.n);
  out.send(others(c.n, c.self), { type: 'StartViewChange', view });
  return {
    ...c,
    promised: view,
    votes: [c.self],
    best: { normal: c.view, log: c.log, committed: c.committed },
  };
}

/**
 * Promises `view` to its proposer (DoViewChange, with this server's state): older views' updates
 * are ignored from now on, and a collection of its own is abandoned.
 */
export function promise(
  c: ServerContext,
  view: number,
  proposer: number,
  out: ServerEffects,
): ServerContext {
  out.send(proposer, {
    type: 'DoViewChange',
    view,
    normal: c.view,
    log: c.log,
    committed: c.committed,
  });
  return { ...c, promised: view, votes: [], best: null };
}

/** Coordinator: counts a promise, keeping the most up-to-date state reported so far. */
export function countVote(c: ServerContext, vote: Omit<DoViewChange, 'type'>): ServerContext {
  const mine = c.best!;
  const best: Report = {
    ...(fresher(vote, mine) ? { normal: vote.normal, log: vote.log } : mine),
    committed: Math.max(mine.committed, vote.committed),
  };
  return { ...c, votes: [...c.votes, vote.from].sort((a, b) => a - b), best };
}

/** Coordinator: whether a majority has promised the view it collects for. */
export function hasQuorum(c: ServerContext): boolean {
  return c.votes.length >= majority(c.n);
}

/**
 * The view a quorum of promises makes: the promisers, the lowest of them master, starting from
 * the most up-to-date log they reported.
 */
export function quorumView(c: ServerContext): NewView {
  const best = c.best!;
  return { view: c.promised, members: c.votes, log: best.log, committed: best.committed };
}

/**
 * Coordinator, not the lowest promiser: hands the new view (StartView) to its master, and stops
 * collecting; it waits for that master's StartView like any other promiser.
 */
export function handOffView(c: ServerContext, out: ServerEffects): ServerContext {
  const view = quorumView(c);
  out.send(view.members[0]!, { type: 'StartView', ...view });
  return { ...c, votes: [], best: null };
}

/**
 * Installs a view: adopts its log (whose executed prefix is this server's, since a committed
 * entry reached every member of its view and so the majority that promised any later one),
 * executes what is known committed, then the master hands the view on to its slaves (StartView)
 * and each slave acknowledges the log it now holds.
 */
export function install(
  c: ServerContext,
  v: NewView,
  out: ServerEffects,
  apply: Apply = applyCounter,
): ServerContext {
  const master = v.members[0] === c.self;
  let next: ServerContext = {
    ...c,
    view: v.view,
    promised: v.view,
    members: v.members,
    log: v.log,
    acked: c.acked.map(() => 0),
    votes: [],
    best: null,
  };
  const log = v.log.map((e) => opId(e.client, e.r));
  out.observe('install', { view: v.view, members: [...v.members], log });
  if (master) {
    const view = { view: v.view, members: v.members, log: v.log, committed: v.committed };
    out.send(slavesOf(next), { type: 'StartView', ...view });
  }
  next = execute(next, v.committed, master, out, apply);
  if (!master) {
    out.send(masterOf(next), { type: 'Ack', view: v.view, length: v.log.length });
    return next;
  }
  return serve(tryCommit(next, out, apply), out, apply);
}
