/**
 * The step functions of a server: its data manager (items updated in place, with before-images
 * for undo) and its lock manager (shared and exclusive locks, a queue of waiting requests, and the
 * deadlock policy applied to every request that has to wait). Pure: each takes a copy of the
 * server's context, changes it, and reports sends and observations into an Outbox. The rules that
 * variants swap (lock compatibility, locking reads, holding locks, dying, wounding, reporting waits)
 * are guards, evaluated by name.
 *
 * Source: Bernstein, Hadzilacos, Goodman 1987, chapter 3 (lock managers, strict 2PL, lock
 * conversion, deadlocks) and chapter 6 (in-place updates with before-images); Rosenkrantz, Stearns,
 * Lewis 1978 (wait-die, wound-wait). Simplified: no fair queue (a waiter is served as soon as it is
 * compatible).
 */
import type { Mode } from './messages.ts';
import type { Guard, Outbox } from './outbox.ts';

/** A granted lock. */
export interface Holder {
  readonly txn: string;
  readonly item: string;
  readonly mode: Mode;
  /** The transaction's timestamp (for wait-die and wound-wait). */
  readonly ts: number;
  /** Its client's node (to wound it). */
  readonly client: number;
}

/** A read or write waiting for its lock (or, within one step, about to be served). */
export interface Request {
  readonly txn: string;
  readonly ts: number;
  readonly client: number;
  readonly item: string;
  readonly op: 'r' | 'w';
  /** The value to write (null for a read). */
  readonly value: string | null;
  /** Whether it has been seen to wait (its `wait` observation is made once). */
  blocked: boolean;
  /** The holders last reported to the deadlock detector, or null if never reported. */
  reported: string[] | null;
}

/** A before-image, kept until the transaction commits or aborts. */
export interface UndoRecord {
  readonly txn: string;
  readonly item: string;
  readonly value: string | null;
}

/** A transaction that died here (wait-die), to be told when the holders it died for are gone. */
export interface Deferred {
  readonly txn: string;
  readonly client: number;
  readonly blockers: readonly string[];
}

/** A server's state. */
export interface ServerContext {
  /** The deadlock detector's node. */
  readonly detector: number;
  /** The items it holds and their values (null: the initial value). */
  store: Record<string, string | null>;
  /** Granted locks, sorted by item then transaction (one per pair, the strongest mode). */
  holders: Holder[];
  /** Requests waiting, oldest first. */
  waiting: Request[];
  /** Before-images, sorted by transaction then item (first write of each pair only). */
  undo: UndoRecord[];
  /** Transactions already wounded (wound-wait), so each is wounded once. */
  wounded: string[];
  /** Transactions that died here and wait to restart, sorted by transaction. */
  deferred: Deferred[];
}

/** Whether `held` already covers `mode` (X covers both). */
const covers = (held: Mode, mode: Mode) => held === 'X' || mode === 'S';

/** A new request: queued, then the queue is served. */
export function request(c: ServerContext, r: Request, out: Outbox, guard: Guard): void {
  c.waiting.push(r);
  serve(c, out, guard);
}

/** `txn` committed: its writes stay, its locks go. */
export function commit(c: ServerContext, txn: string, out: Outbox, guard: Guard): void {
  c.undo = c.undo.filter((u) => u.txn !== txn);
  release(c, txn, null, out);
  serve(c, out, guard);
}

/** `txn` aborted: its before-images come back, its waiting request and its locks go. */
export function abort(c: ServerContext, txn: string, out: Outbox, guard: Guard): void {
  for (const u of c.undo) if (u.txn === txn) c.store[u.item] = u.value;
  c.undo = c.undo.filter((u) => u.txn !== txn);
  for (const r of c.waiting) if (r.txn === txn) unblocked(c, r, out);
  c.waiting = c.waiting.filter((r) => r.txn !== txn);
  release(c, txn, null, out);
  serve(c, out, guard);
}

/** Non-strict 2PL: `txn` reached its lock point, so its locks go before it ends. */
export function unlock(c: ServerContext, txn: string, out: Outbox, guard: Guard): void {
  release(c, txn, null, out);
  serve(c, out, guard);
}

/**
 * Serves the queue until nothing changes: a request whose lock is held or compatible runs; one
 * that must wait meets the deadlock policy (die, wound its holders, or report its wait).
 */
function serve(c: ServerContext, out: Outbox, guard: Guard): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const r of c.waiting) {
      if (step(c, r, out, guard)) {
        c.waiting = c.waiting.filter((w) => w !== r);
        changed = true;
        break;
      }
    }
  }
}

/** Tries one request; true if it left the queue (served, or died). */
function step(c: ServerContext, r: Request, out: Outbox, guard: Guard): boolean {
  const mode: Mode = r.op === 'r' ? 'S' : 'X';
  const mine = c.holders.find((h) => h.txn === r.txn && h.item === r.item);
  if ((mine !== undefined && covers(mine.mode, mode)) || (r.op === 'r' && !guard('locksReads'))) {
    execute(c, r, out, guard);
    return true;
  }
  const others = c.holders.filter((h) => h.item === r.item && h.txn !== r.txn);
  if (guard('compatible', { mode, held: others.map((h) => h.mode) })) {
    grant(c, r, mode, out);
    execute(c, r, out, guard);
    return true;
  }
  const conflicting = mode === 'X' ? others : others.filter((h) => h.mode === 'X');
  const holderTs = conflicting.map((h) => h.ts);
  if (guard('dies', { ts: r.ts, holders: holderTs })) {
    unblocked(c, r, out);
    out.send(r.client, { type: 'Die', txn: r.txn });
    // Restarting at once could meet the same holders and die again, forever (cyclic restart):
    // the restart waits until they are gone. It holds no lock meanwhile, so no deadlock.
    const blockers = conflicting.map((h) => h.txn).sort();
    c.deferred = [...c.deferred, { txn: r.txn, client: r.client, blockers }].sort((a, b) =>
      cmp(a.txn, b.txn),
    );
    return true;
  }
  for (const h of conflicting) {
    if (!c.wounded.includes(h.txn) && guard('wounds', { ts: r.ts, holder: h.ts })) {
      c.wounded = [...c.wounded, h.txn].sort();
      out.send(h.client, { type: 'Wound', txn: h.txn });
    }
  }
  const holders = conflicting.map((h) => h.txn).sort();
  if (!r.blocked) {
    r.blocked = true;
    out.observe('wait', { txn: r.txn, item: r.item, mode, holders });
  }
  if (guard('reportsWaits') && (r.reported === null || r.reported.join() !== holders.join())) {
    r.reported = holders;
    out.send(c.detector, {
      type: 'WaitsFor',
      txn: r.txn,
      ts: r.ts,
      client: r.client,
      item: r.item,
      holders,
    });
  }
  return false;
}

/** Grants `mode` on the request's item (an upgrade replaces the S lock). */
function grant(c: ServerContext, r: Request, mode: Mode, out: Outbox): void {
  const kept = c.holders.filter((h) => !(h.txn === r.txn && h.item === r.item));
  kept.push({ txn: r.txn, item: r.item, mode, ts: r.ts, client: r.client });
  c.holders = kept.sort((a, b) => cmp(a.item, b.item) || cmp(a.txn, b.txn));
  out.observe('grant', { txn: r.txn, item: r.item, mode });
}

/** Runs a read or an in-place write and answers the client. */
function execute(c: ServerContext, r: Request, out: Outbox, guard: Guard): void {
  unblocked(c, r, out);
  if (r.op === 'r') {
    out.send(r.client, { type: 'ReadOk', txn: r.txn, item: r.item, value: c.store[r.item]! });
  } else {
    if (!c.undo.some((u) => u.txn === r.txn && u.item === r.item)) {
      c.undo = [...c.undo, { txn: r.txn, item: r.item, value: c.store[r.item]! }].sort(
        (a, b) => cmp(a.txn, b.txn) || cmp(a.item, b.item),
      );
    }
    c.store[r.item] = r.value;
    out.observe('install', { txn: r.txn, item: r.item, value: r.value });
    out.send(r.client, { type: 'WriteOk', txn: r.txn, item: r.item });
  }
  // Two-phase locking keeps every lock until the end; the non-2PL mutant lets go at once.
  if (!guard('holdsLocks')) release(c, r.txn, r.item, out);
}

/** Releases `txn`'s locks (on `item` only, unless null). */
function release(c: ServerContext, txn: string, item: string | null, out: Outbox): void {
  for (const h of c.holders) {
    if (h.txn === txn && (item === null || h.item === item))
      out.observe('release', { txn, item: h.item });
  }
  c.holders = c.holders.filter((h) => !(h.txn === txn && (item === null || h.item === item)));
  if (item !== null) return;
  c.wounded = c.wounded.filter((t) => t !== txn);
  const deferred: Deferred[] = [];
  for (const d of c.deferred) {
    const blockers = d.blockers.filter((b) => b !== txn);
    if (blockers.length > 0) deferred.push({ ...d, blockers });
    else out.send(d.client, { type: 'Retry', txn: d.txn });
  }
  c.deferred = deferred;
}

/** Tells the detector a reported wait is over. */
function unblocked(c: ServerContext, r: Request, out: Outbox): void {
  if (r.reported !== null) out.send(c.detector, { type: 'Unblocked', txn: r.txn, item: r.item });
  r.reported = null;
}

/** String order for sorting (state must not depend on the order things happened in). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lock compatibility: S with S only. */
export function compatibleModes(mode: Mode, held: readonly Mode[]): boolean {
  return mode === 'S' ? held.every((m) => m === 'S') : held.length === 0;
}
