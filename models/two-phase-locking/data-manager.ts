/**
 * The step logic of a server: its data manager (items updated in place, with before-images for
 * undo) and its lock manager (shared and exclusive locks, a queue of waiting requests, and the
 * deadlock policy applied to every request that has to wait). Pure: each function takes the
 * server's state and the kit's `Effects` (where it sends and observes), and returns the new state;
 * it never changes the state it was given. The rules that variants swap (lock compatibility,
 * whether a held lock covers a request, holding locks, keeping the first before-image, dying,
 * wounding, reporting waits) are guards, asked by name through `out.check`.
 *
 * The queue is fair (first come, first served, conversions first), as Gray's lock queues are
 * (Gray, Lorie, Putzolu, Traiger, "Granularity of locks and degrees of consistency", 1976; Gray,
 * "Notes on database operating systems", 1978): a request is granted only if it is compatible with
 * the granted locks AND with every request waiting ahead of it; otherwise it waits behind them, and
 * it waits for them (they are in its wait-for set, reported to the detector and weighed by wait-die
 * and wound-wait like holders). A conversion (S to X by a holder) goes ahead of every new request,
 * after earlier conversions: it already holds the item, so nothing behind it could be granted
 * anyway. Without this (the `barging-waiters` mutant), a compatible newcomer overtakes an earlier
 * conflicting waiter, and readers that keep restarting starve the oldest transaction's upgrade
 * forever (a livelock) even though restarts keep their age.
 *
 * Source: Bernstein, Hadzilacos, Goodman 1987, chapter 3 (lock managers, strict 2PL, lock
 * conversion, deadlocks, starvation) and chapter 6 (in-place updates with before-images);
 * Rosenkrantz, Stearns, Lewis 1978 (wait-die, wound-wait).
 */
import { match } from 'ts-pattern';
import type { Effects, Outgoing } from '../kernel/step.ts';
import type { Die, Mode, ReadOk, Retry, Unblocked, WaitsFor, WriteOk, Wound } from './messages.ts';

/** A transaction a request waits for: a conflicting holder, or a conflicting request ahead. */
interface Blocker {
  /** The transaction (attempt). */
  readonly txn: string;
  /** Its timestamp. */
  readonly ts: number;
  /** Its client's node (to wound it). */
  readonly client: number;
}

/** A granted lock. */
export interface Holder {
  /** The holding transaction (attempt). */
  readonly txn: string;
  /** The item locked. */
  readonly item: string;
  /** Its mode (the strongest granted). */
  readonly mode: Mode;
  /** The transaction's timestamp (for wait-die and wound-wait). */
  readonly ts: number;
  /** Its client's node (to wound it). */
  readonly client: number;
}

/** A read or write as it arrives: what the client asked for. */
export interface Operation {
  /** The transaction (attempt) asking. */
  readonly txn: string;
  /** Its timestamp. */
  readonly ts: number;
  /** Its client's node, where the answer goes. */
  readonly client: number;
  /** The item. */
  readonly item: string;
  /** Read or write. */
  readonly op: 'r' | 'w';
  /** The value to write (null for a read). */
  readonly value: string | null;
}

/** An operation in the lock manager's queue, waiting for its lock (or about to be served). */
export interface Request extends Operation {
  /** Whether it has been seen to wait (its `wait` observation is made once). */
  readonly blocked: boolean;
  /** The holders last reported to the deadlock detector, or null if never reported. */
  readonly reported: readonly string[] | null;
}

/** A before-image, kept until the transaction commits or aborts. */
export interface UndoRecord {
  /** The writing transaction. */
  readonly txn: string;
  /** The item written. */
  readonly item: string;
  /** Its value before the transaction's first write. */
  readonly value: string | null;
}

/** A transaction that died here (wait-die), to be told when the holders it died for are gone. */
export interface Deferred {
  /** The transaction (attempt) that died. */
  readonly txn: string;
  /** Its client's node, told to `Retry`. */
  readonly client: number;
  /** The transactions it died for (holders, or requests ahead) that have not ended yet, sorted. */
  readonly blockers: readonly string[];
}

/** A server's state. */
export interface ServerContext {
  /** The deadlock detector's node. */
  readonly detector: number;
  /** The items it holds and their values (null: the initial value). */
  readonly store: Readonly<Record<string, string | null>>;
  /** Granted locks, sorted by item then transaction (one per pair, the strongest mode). */
  readonly holders: readonly Holder[];
  /** Requests waiting, oldest first. */
  readonly waiting: readonly Request[];
  /** Before-images, sorted by transaction then item (first write of each pair only). */
  readonly undo: readonly UndoRecord[];
  /** Transactions already wounded (wound-wait), so each is wounded once, sorted. */
  readonly wounded: readonly string[];
  /** Transactions that died here and wait to restart, sorted by transaction. */
  readonly deferred: readonly Deferred[];
}

/** What a server sends: answers and kills to clients, waits to the detector. */
export type ServerMessage = Outgoing<ReadOk | WriteOk | Die | Retry | Wound | WaitsFor | Unblocked>;

/** The guards the lock manager asks by name while it serves its queue. */
export type ServerGuard =
  | 'compatible'
  | 'covers'
  | 'queuesBehindWaiters'
  | 'holdsLocks'
  | 'keepsFirstImage'
  | 'dies'
  | 'wounds'
  | 'reportsWaits';

/** Where a server's steps send, observe and ask their guards. */
export type ServerEffects = Effects<ServerMessage, ServerGuard>;

/** The `compatible` guard's params: the mode asked for, and the modes the other holders hold. */
export interface CompatibleParams {
  /** The mode requested. */
  readonly mode: Mode;
  /** The modes of the item's other holders. */
  readonly held: readonly Mode[];
}

/** The `covers` guard's params: the mode a transaction holds on the item, and the mode it asks for. */
export interface CoversParams {
  /** The mode the requester already holds on the item. */
  readonly held: Mode;
  /** The mode requested. */
  readonly mode: Mode;
}

/**
 * The `dies` guard's params: the requester's timestamp and those of the transactions it would wait
 * for (the conflicting holders and the conflicting requests queued ahead of it).
 */
export interface DiesParams {
  /** The requester's timestamp. */
  readonly ts: number;
  /** The timestamps of the transactions it would wait for. */
  readonly holders: readonly number[];
}

/**
 * The `wounds` guard's params: the requester's timestamp and that of one transaction it would wait
 * for (a conflicting holder, or a conflicting request queued ahead of it).
 */
export interface WoundsParams {
  /** The requester's timestamp. */
  readonly ts: number;
  /** The holder's timestamp. */
  readonly holder: number;
}

/** Whether a held lock already covers a request (X covers both; S covers reads only). */
export function coversMode(held: Mode, mode: Mode): boolean {
  return held === 'X' || mode === 'S';
}

/** String order for sorting (state must not depend on the order things happened in). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lock compatibility: S with S only. */
export function compatibleModes(mode: Mode, held: readonly Mode[]): boolean {
  return mode === 'S' ? held.every((m) => m === 'S') : held.length === 0;
}

/** Whether two lock modes conflict (only S and S do not). */
const conflicts = (a: Mode, b: Mode) => a === 'X' || b === 'X';

/** The lock mode a request asks for. */
const modeOf = (r: Operation): Mode => (r.op === 'r' ? 'S' : 'X');

/** Whether a request is a conversion: an X request by a holder of an S lock on the item. */
function isConversion(s: ServerContext, r: Operation): boolean {
  return r.op === 'w' && s.holders.some((h) => h.txn === r.txn && h.item === r.item);
}

/**
 * The requests queued ahead of the `i`th waiter for the same item that it conflicts with: every
 * earlier one, except that conversions go ahead of every request that is not one (Gray 1978).
 */
export function conflictingAhead(s: ServerContext, i: number): readonly Request[] {
  const r = s.waiting[i]!;
  const converts = isConversion(s, r);
  return s.waiting.filter((w, k) => {
    if (k === i || w.item !== r.item || w.txn === r.txn) return false;
    if (!conflicts(modeOf(w), modeOf(r))) return false;
    const before = isConversion(s, w);
    return before === converts ? k < i : before;
  });
}

/** A new operation joins the end of the queue (it waits until `serveWaiting` serves it). */
export function queueRequest(s: ServerContext, op: Operation): ServerContext {
  return { ...s, waiting: [...s.waiting, { ...op, blocked: false, reported: null }] };
}

/**
 * Serves the queue until nothing changes: a request whose lock is held or compatible runs; one
 * that must wait meets the deadlock policy (die, wound its holders, or report its wait).
 */
export function serveWaiting(state: ServerContext, out: ServerEffects): ServerContext {
  let s = state;
  for (let i = 0; i < s.waiting.length;) {
    const [next, kept] = tryRequest(s, i, out);
    if (kept === null) {
      // It left the queue (served, or died): start over, earlier waiters may now be served.
      s = { ...next, waiting: next.waiting.filter((_, k) => k !== i) };
      i = 0;
    } else {
      s = { ...next, waiting: next.waiting.map((r, k) => (k === i ? kept : r)) };
      i++;
    }
  }
  return s;
}

/** The read-without-lock mutant's read: served at once, with no lock taken or checked. */
export function readWithoutLock(
  s: ServerContext,
  op: Operation,
  out: ServerEffects,
): ServerContext {
  return execute(s, { ...op, blocked: false, reported: null }, out);
}

/** `txn` committed: its writes stay (its before-images go), its locks go. */
export function commitTxn(s: ServerContext, txn: string, out: ServerEffects): ServerContext {
  return release({ ...s, undo: s.undo.filter((u) => u.txn !== txn) }, txn, null, out);
}

/** `txn` aborted: its before-images come back, its waiting request and its locks go. */
export function abortTxn(s: ServerContext, txn: string, out: ServerEffects): ServerContext {
  const store = { ...s.store };
  for (const u of s.undo) if (u.txn === txn) store[u.item] = u.value;
  for (const r of s.waiting) if (r.txn === txn) unblocked(s, r, out);
  return release(
    {
      ...s,
      store,
      undo: s.undo.filter((u) => u.txn !== txn),
      waiting: s.waiting.filter((r) => r.txn !== txn),
    },
    txn,
    null,
    out,
  );
}

/** Non-strict 2PL: `txn` reached its lock point, so its locks go before it ends. */
export function unlockTxn(s: ServerContext, txn: string, out: ServerEffects): ServerContext {
  return release(s, txn, null, out);
}

/**
 * Tries the `i`th waiting request: the state after it, and the request as it stays in the queue
 * (null if it left: served, or died). It is granted if its mode is compatible with the other
 * holders' and (fair queue) no conflicting request waits ahead of it; otherwise it waits for both.
 */
function tryRequest(
  s: ServerContext,
  i: number,
  out: ServerEffects,
): [ServerContext, Request | null] {
  const r = s.waiting[i]!;
  const mode = modeOf(r);
  const mine = s.holders.find((h) => h.txn === r.txn && h.item === r.item);
  const cover: CoversParams | null = mine === undefined ? null : { held: mine.mode, mode };
  if (cover !== null && out.check('covers', cover)) return [execute(s, r, out), null];
  const others = s.holders.filter((h) => h.item === r.item && h.txn !== r.txn);
  const held: Mode[] = others.map((h) => h.mode);
  // The barging-waiters mutant lets a newcomer overtake the waiters ahead of it.
  const ahead = out.check('queuesBehindWaiters') ? conflictingAhead(s, i) : [];
  if (ahead.length === 0 && out.check('compatible', { mode, held } satisfies CompatibleParams)) {
    return [execute(grant(s, r, mode, out), r, out), null];
  }
  // What it waits for: the conflicting holders, then the conflicting requests ahead (one each).
  const conflicting: Blocker[] = others.filter((h) => conflicts(h.mode, mode));
  for (const w of ahead) if (!conflicting.some((b) => b.txn === w.txn)) conflicting.push(w);
  const dies: DiesParams = { ts: r.ts, holders: conflicting.map((h) => h.ts) };
  if (out.check('dies', dies)) return [die(s, r, conflicting, out), null];
  let wounded = s.wounded;
  for (const h of conflicting) {
    const wounds: WoundsParams = { ts: r.ts, holder: h.ts };
    if (!wounded.includes(h.txn) && out.check('wounds', wounds)) {
      wounded = [...wounded, h.txn].sort();
      out.send(h.client, { type: 'Wound', txn: h.txn });
    }
  }
  const holders = conflicting.map((h) => h.txn).sort();
  let kept = r;
  if (!r.blocked) {
    kept = { ...kept, blocked: true };
    out.observe('wait', { txn: r.txn, item: r.item, mode, holders });
  }
  if (out.check('reportsWaits') && (r.reported === null || r.reported.join() !== holders.join())) {
    kept = { ...kept, reported: holders };
    out.send(s.detector, {
      type: 'WaitsFor',
      txn: r.txn,
      ts: r.ts,
      client: r.client,
      item: r.item,
      holders,
    });
  }
  return [{ ...s, wounded }, kept];
}

/**
 * Wait-die's death: the requester is told to die. Restarting at once could meet the same holders
 * and die again, forever (cyclic restart): the restart waits until they are gone (`Retry`). It
 * holds no lock meanwhile, so no deadlock.
 */
function die(
  s: ServerContext,
  r: Request,
  conflicting: readonly Blocker[],
  out: ServerEffects,
): ServerContext {
  unblocked(s, r, out);
  // A request seen waiting leaves the queue here: say so (its client learns it only later).
  if (r.blocked) out.observe('withdraw', { txn: r.txn, item: r.item });
  out.send(r.client, { type: 'Die', txn: r.txn });
  const blockers = conflicting.map((h) => h.txn).sort();
  // One entry per attempt (an attempt that asks again after dying, as no correct client does,
  // replaces its entry rather than piling up copies).
  const earlier = s.deferred.filter((d) => d.txn !== r.txn);
  const deferred = [...earlier, { txn: r.txn, client: r.client, blockers }];
  return { ...s, deferred: deferred.sort((a, b) => cmp(a.txn, b.txn)) };
}

/** Grants `mode` on the request's item (an upgrade replaces the S lock). */
function grant(s: ServerContext, r: Request, mode: Mode, out: ServerEffects): ServerContext {
  const kept = s.holders.filter((h) => !(h.txn === r.txn && h.item === r.item));
  kept.push({ txn: r.txn, item: r.item, mode, ts: r.ts, client: r.client });
  out.observe('grant', { txn: r.txn, item: r.item, mode });
  return { ...s, holders: kept.sort((a, b) => cmp(a.item, b.item) || cmp(a.txn, b.txn)) };
}

/**
 * Runs a read or an in-place write and answers the client; `fetch` and `install` observe the data
 * operation itself (the lock rule is checked against them, properties/locked-operations.ts). A
 * write keeps the item's before-image from the transaction's first write of it: undo must restore
 * the value from before the transaction, not from before its last write (`keepsFirstImage`).
 */
function execute(state: ServerContext, r: Request, out: ServerEffects): ServerContext {
  unblocked(state, r, out);
  const current = state.store[r.item] ?? null;
  const s = match(r.op)
    .with('r', () => {
      out.observe('fetch', { txn: r.txn, item: r.item, value: current });
      out.send(r.client, { type: 'ReadOk', txn: r.txn, item: r.item, value: current });
      return state;
    })
    .with('w', () => {
      const mine = (u: UndoRecord) => u.txn === r.txn && u.item === r.item;
      const kept = state.undo.some(mine) && out.check('keepsFirstImage');
      const undo = kept
        ? state.undo
        : [
            ...state.undo.filter((u) => !mine(u)),
            { txn: r.txn, item: r.item, value: current },
          ].sort((a, b) => cmp(a.txn, b.txn) || cmp(a.item, b.item));
      out.observe('install', { txn: r.txn, item: r.item, value: r.value });
      out.send(r.client, { type: 'WriteOk', txn: r.txn, item: r.item });
      return { ...state, undo, store: { ...state.store, [r.item]: r.value } };
    })
    .exhaustive();
  // Two-phase locking keeps every lock until the end; the non-2PL mutant lets go at once.
  return out.check('holdsLocks') ? s : release(s, r.txn, r.item, out);
}

/**
 * Releases `txn`'s locks (on `item` only, unless null). Releasing them all also ends its wound
 * and tells the transactions that died for it (and for nobody else still holding) to retry.
 */
function release(
  s: ServerContext,
  txn: string,
  item: string | null,
  out: ServerEffects,
): ServerContext {
  const mine = (h: Holder) => h.txn === txn && (item === null || h.item === item);
  for (const h of s.holders) if (mine(h)) out.observe('release', { txn, item: h.item });
  const holders = s.holders.filter((h) => !mine(h));
  if (item !== null) return { ...s, holders };
  const deferred: Deferred[] = [];
  for (const d of s.deferred) {
    const blockers = d.blockers.filter((b) => b !== txn);
    if (blockers.length > 0) deferred.push({ ...d, blockers });
    else out.send(d.client, { type: 'Retry', txn: d.txn });
  }
  return { ...s, holders, wounded: s.wounded.filter((t) => t !== txn), deferred };
}

/** Tells the detector that a reported wait is over. */
function unblocked(s: ServerContext, r: Request, out: ServerEffects): void {
  if (r.reported !== null) out.send(s.detector, { type: 'Unblocked', txn: r.txn, item: r.item });
}
