/**
 * What a primary-backup server does to its replicated state, as pure steps: execute committed
 * entries, serve requests, commit once the slaves acknowledge, count view-change votes, install a
 * view. The xstate wiring (states master, slave, viewchange) is in server.machine.ts.
 *
 * Source: Budhiraja, Marzullo, Schneider, Toueg, "The primary-backup approach", in Mullender (ed.),
 * Distributed Systems, 2nd ed., 1993 (the master executes, updates the backups, waits for their
 * acknowledgements, then replies); Alsberg & Day, "A principle for resilient sharing of distributed
 * resources", ICSE 1976 (a primary and backups, duplicate requests recognised by request number).
 * The view change is a simplified Viewstamped Replication one (Oki & Liskov 1988; Liskov & Cowling
 * 2012): a majority of servers must promise a new view, and the new view starts from the most
 * up-to-date log among them (latest installed view first, then longest).
 */
import type { ObserveParams, SendParams } from '../kernel/effects.ts';
import { others } from '../kernel/effects.ts';
import { opId, type DoViewChange, type Entry, type Request, type StartView } from './messages.ts';

/** The last request a client had executed, and its result: one row of the duplicate table. */
export interface Done {
  /** The client's request number. */
  readonly r: number;
  /** What the request answered. */
  readonly value: number;
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
  /** The key-value store. */
  readonly store: Readonly<Record<string, number>>;
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

/** The decisions a mutant may swap, asked through xstate's `check` so `provide` reaches them. */
export interface Decisions {
  /** Whether the duplicate table says request `entry` was executed already. */
  readonly isDuplicate: (entry: Entry, done: Done | undefined) => boolean;
  /** Whether every other member has acknowledged `length` log entries. */
  readonly allAcked: (
    length: number,
    members: readonly number[],
    acked: readonly number[],
  ) => boolean;
}

/** An effect for the kernel: `send` or `observe`. */
export type Effect =
  | { readonly type: 'send'; readonly params: SendParams }
  | { readonly type: 'observe'; readonly params: ObserveParams };

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
 * One step of one server: a working copy of its context and the effects it produced. Methods
 * mutate the copy; `context` and `effects` are what the xstate action assigns and enqueues.
 */
export class ServerStep {
  private c: { -readonly [K in keyof ServerContext]: ServerContext[K] };
  /** The effects, in order. */
  readonly effects: Effect[] = [];

  constructor(
    context: ServerContext,
    private readonly decide: Decisions,
  ) {
    this.c = { ...context };
  }

  /** The context after the step. */
  get context(): ServerContext {
    return this.c;
  }

  private send(to: number | readonly number[], msg: SendParams['msg']): void {
    this.effects.push({ type: 'send', params: { to, msg } });
  }

  private observe(params: ObserveParams): void {
    this.effects.push({ type: 'observe', params });
  }

  private get master(): number {
    return this.c.members[0]!;
  }

  private get slaves(): number[] {
    return this.c.members.filter((m) => m !== this.c.self);
  }

  /**
   * Remembers a client request (a retry names it again). A slave skips one it has executed; the
   * master keeps it, for `serve` to answer from the duplicate table.
   */
  record(request: Request, master: boolean): void {
    const { client, r, f, key, from } = request;
    if (!master && (this.c.table[client]?.r ?? 0) >= r) return;
    if (this.c.requests.some((e) => same(e, client, r))) return;
    this.c.requests = [...this.c.requests, { client, r, f, key, at: from }];
  }

  /** Executes the log up to `upTo`; the master also replies to each entry's client. */
  private execute(upTo: number, reply: boolean): void {
    const end = Math.min(upTo, this.c.log.length);
    if (end <= this.c.committed) return;
    const store = { ...this.c.store };
    const table = { ...this.c.table };
    for (let i = this.c.committed; i < end; i++) {
      const e = this.c.log[i]!;
      const value = (store[e.key] ?? 0) + (e.f === 'incr' ? 1 : 0);
      if (e.f === 'incr') store[e.key] = value;
      table[e.client] = { r: e.r, value };
      this.observe({ kind: 'apply', op: opId(e.client, e.r) });
      if (reply) this.send(e.at, { type: 'Reply', r: e.r, value, view: this.c.view });
    }
    this.c.committed = end;
    this.c.store = store;
    this.c.table = table;
    this.c.requests = this.c.requests.filter((e) => (table[e.client]?.r ?? 0) < e.r);
  }

  /** Master: commits the whole log once every slave holds it, then tells them. */
  private tryCommit(): void {
    const length = this.c.log.length;
    if (length <= this.c.committed) return;
    if (!this.decide.allAcked(length, this.slaves, this.c.acked)) return;
    this.execute(length, true);
    const slaves = this.slaves;
    if (slaves.length > 0) this.send(slaves, { type: 'Commit', view: this.c.view, upTo: length });
  }

  /**
   * Master: while nothing awaits acknowledgement, takes the next queued request; one the duplicate
   * table knows is answered from it, any other is appended and sent to the slaves.
   */
  serve(): void {
    while (this.c.log.length <= this.c.committed && this.c.requests.length > 0) {
      const [e, ...rest] = this.c.requests as [Entry, ...Entry[]];
      this.c.requests = rest;
      const done = this.c.table[e.client];
      if (this.decide.isDuplicate(e, done)) {
        if (done?.r === e.r) {
          this.send(e.at, { type: 'Reply', r: e.r, value: done.value, view: this.c.view });
        }
        continue;
      }
      this.c.log = [...this.c.log, e];
      const slaves = this.slaves;
      if (slaves.length > 0) this.send(slaves, { type: 'Update', view: this.c.view, entry: e });
      this.tryCommit();
    }
  }

  /** Master: a slave holds `length` entries of this view's log. */
  acknowledged(from: number, length: number): void {
    const acked = [...this.c.acked];
    acked[from] = Math.max(acked[from] ?? 0, length);
    this.c.acked = acked;
    this.tryCommit();
    this.serve();
  }

  /** Slave: appends the master's update and acknowledges it. */
  append(entry: Entry): void {
    this.c.log = [...this.c.log, entry];
    this.send(this.master, { type: 'Ack', view: this.c.view, length: this.c.log.length });
  }

  /** Slave: executes what the master committed. */
  commit(upTo: number): void {
    this.execute(upTo, false);
  }

  /** Suspicion: proposes the next view of this server's own, and asks everyone for their state. */
  startViewChange(): void {
    const { self, n, promised } = this.c;
    const view = nextView(promised, self, n);
    this.c.promised = view;
    this.c.votes = [self];
    this.c.best = { normal: this.c.view, log: this.c.log, committed: this.c.committed };
    this.send(others(n, self), { type: 'StartViewChange', view });
  }

  /** Promises `view` to its proposer: older views' updates are ignored from now on. */
  promise(view: number, proposer: number): void {
    this.c.promised = view;
    this.c.votes = [];
    this.c.best = null;
    this.send(proposer, {
      type: 'DoViewChange',
      view,
      normal: this.c.view,
      log: this.c.log,
      committed: this.c.committed,
    });
  }

  /**
   * Coordinator: counts a promise. With a majority, the promisers are the new view and the lowest
   * of them its master: this server installs it if it is the master, else hands it to the master.
   */
  countVote(vote: DoViewChange): void {
    const votes = [...this.c.votes, vote.from].sort((a, b) => a - b);
    const mine = this.c.best!;
    const best: Report = {
      ...(fresher(vote, mine) ? { normal: vote.normal, log: vote.log } : mine),
      committed: Math.max(mine.committed, vote.committed),
    };
    if (votes.length < majority(this.c.n)) {
      this.c.votes = votes;
      this.c.best = best;
      return;
    }
    const start = {
      view: this.c.promised,
      members: votes,
      log: best.log,
      committed: best.committed,
    };
    if (votes[0] === this.c.self) this.install(start);
    else {
      this.send(votes[0]!, { type: 'StartView', ...start });
      this.c.votes = [];
      this.c.best = null;
    }
  }

  /**
   * Installs a view: adopts its log (whose executed prefix is this server's, since a committed
   * entry reached every member of its view and so the majority that promised any later one),
   * executes what is known committed, then the master hands the view on to its slaves and each
   * slave acknowledges the log it now holds.
   */
  install(v: Pick<StartView, 'view' | 'members' | 'log' | 'committed'>): void {
    const master = v.members[0] === this.c.self;
    Object.assign(this.c, {
      view: v.view,
      promised: v.view,
      members: v.members,
      log: v.log,
      acked: this.c.acked.map(() => 0),
      votes: [],
      best: null,
    });
    const log = v.log.map((e) => opId(e.client, e.r));
    this.observe({ kind: 'install', view: v.view, members: [...v.members], log });
    if (master) {
      const view = { view: v.view, members: v.members, log: v.log, committed: v.committed };
      const slaves = this.slaves;
      if (slaves.length > 0) this.send(slaves, { type: 'StartView', ...view });
    }
    this.execute(v.committed, master);
    if (master) {
      this.tryCommit();
      this.serve();
    } else {
      this.send(this.master, { type: 'Ack', view: v.view, length: v.log.length });
    }
  }
}
