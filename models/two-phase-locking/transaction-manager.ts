/**
 * The step logic of a client's transaction manager: it runs its submitted transactions one at a
 * time, sends each operation to the server holding the item and waits for the answer, then commits
 * (or rolls back, if the client chose to) and tells every server it touched. When a lock manager or
 * the deadlock detector aborts the transaction (wait-die's die, wound-wait's wound, a deadlock
 * victim), it aborts everywhere and restarts it as a new attempt with the same timestamp (after a
 * death, once the server that killed it says so). Which of these happens when is the client
 * machine's (client.machine.ts): its states are the transaction's phases.
 * Pure, like data-manager.ts: each function takes the context and the kit's `Effects`, and returns
 * the context fields it changes.
 *
 * Source: Bernstein, Hadzilacos, Goodman 1987, chapter 1 (transaction managers and data managers);
 * Rosenkrantz, Stearns, Lewis 1978 (restarts keep their timestamp). Simplified: one operation in
 * flight per transaction; the commit decision is final at the client (no atomic commitment).
 */
import type { Effects, Outgoing } from '../kernel/step.ts';
import type { Abort, Commit, Read, TxnSpec, Unlock, Write } from './messages.ts';

/** The transaction a client is running (one attempt of it). */
export interface Running {
  /** As submitted. */
  readonly spec: TxnSpec;
  /** This attempt's name: `t0`, then `t0#2`, `t0#3`… after restarts. */
  readonly id: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The operation sent and awaiting its answer (all answered: the operations' count). */
  readonly next: number;
  /** The servers sent an operation so far, ascending. */
  readonly touched: readonly number[];
  /** Whether the client chose to roll it back at the end. */
  readonly doomed: boolean;
}

/** A client's state. */
export interface ClientContext {
  /** The server node holding each item. */
  readonly home: Readonly<Record<string, number>>;
  /** Transactions submitted and not started, in order. */
  readonly queue: readonly TxnSpec[];
  /** The transaction running, if any. */
  readonly cur: Running | null;
}

/** What a client sends: operations to the data managers, and the end of each transaction. */
export type ClientMessage = Outgoing<Read | Write | Commit | Abort | Unlock>;

/** The guards a client's steps ask by name. */
export type ClientGuard = 'holdsLocksAcrossServers';

/** Where a client's steps send, observe and ask their guards. */
export type ClientEffects = Effects<ClientMessage, ClientGuard>;

/** What a step changes. */
type Changes = Partial<ClientContext>;

/** A transaction is submitted: it runs after the client's earlier ones. */
export function enqueue(c: ClientContext, spec: TxnSpec, out: ClientEffects): Changes {
  out.observe('submit', { txn: spec.txn });
  return { queue: [...c.queue, spec] };
}

/** The first queued transaction begins (its first attempt). */
export function beginNext(c: ClientContext, out: ClientEffects): Changes {
  const [spec, ...queue] = c.queue;
  return { queue, cur: begin(spec!, 1, false, out) };
}

/**
 * The running attempt's next operation goes to the server holding its item. Two-phase locking is
 * global: the locks held at the servers already visited stay held while the transaction locks at
 * another (`holdsLocksAcrossServers`; each server's own locking being two-phase is not enough).
 */
export function sendOperation(c: ClientContext, out: ClientEffects): Changes {
  const cur = c.cur!;
  const op = cur.spec.ops[cur.next]!;
  const item = op.slice(1);
  const server = c.home[item]!;
  const arrives = !cur.touched.includes(server);
  if (arrives && cur.touched.length > 0 && !out.check('holdsLocksAcrossServers')) {
    out.send(cur.touched, { type: 'Unlock', txn: cur.id });
  }
  const touched = arrives ? [...cur.touched, server].sort((a, b) => a - b) : cur.touched;
  const { id: txn, spec } = cur;
  if (op[0] === 'r') out.send(server, { type: 'Read', txn, ts: spec.ts, item });
  else out.send(server, { type: 'Write', txn, ts: spec.ts, item, value: writeValue(cur) });
  return { cur: { ...cur, touched } };
}

/** The running attempt's operation was answered (`value`: what a read returned). */
export function answered(c: ClientContext, value: string | null, out: ClientEffects): Changes {
  const cur = c.cur!;
  const op = cur.spec.ops[cur.next]!;
  const item = op.slice(1);
  if (op[0] === 'r') out.observe('read', { txn: cur.id, item, value });
  else out.observe('write', { txn: cur.id, item, value: writeValue(cur) });
  return { cur: { ...cur, next: cur.next + 1 } };
}

/** Whether the running attempt has operations left to send. */
export function hasMoreOperations(c: ClientContext): boolean {
  return c.cur !== null && c.cur.next < c.cur.spec.ops.length;
}

/**
 * The running attempt is killed (`reason`: die, wounded, deadlock): it aborts at every server it
 * touched. It restarts later (`restart`): at once, or after a death once the server says so.
 */
export function abortAttempt(c: ClientContext, reason: string, out: ClientEffects): void {
  const cur = c.cur!;
  out.observe('abort', { txn: cur.id, reason });
  out.send(cur.touched, { type: 'Abort', txn: cur.id });
}

/** The killed attempt restarts, as a new attempt with the same timestamp. */
export function restart(c: ClientContext, out: ClientEffects): Changes {
  const cur = c.cur!;
  return { cur: begin(cur.spec, cur.attempt + 1, cur.doomed, out) };
}

/** The client decides to roll the running transaction back once its operations are done. */
export function chooseRollBack(c: ClientContext): Changes {
  return { cur: { ...c.cur!, doomed: true } };
}

/** Non-strict 2PL: at the lock point every lock is released, before the commit or rollback. */
export function unlockAll(c: ClientContext, out: ClientEffects): void {
  const { id: txn, touched } = c.cur!;
  out.send(touched, { type: 'Unlock', txn });
}

/** The commit point: every server touched learns it (and releases the locks). */
export function commit(c: ClientContext, out: ClientEffects): Changes {
  const { id: txn, touched } = c.cur!;
  out.observe('commit', { txn });
  out.send(touched, { type: 'Commit', txn });
  return { cur: null };
}

/** The client's rollback: every server touched undoes the writes (and releases the locks). */
export function rollBack(c: ClientContext, out: ClientEffects): Changes {
  const { id: txn, touched } = c.cur!;
  out.observe('abort', { txn, reason: 'rollback' });
  out.send(touched, { type: 'Abort', txn });
  return { cur: null };
}

/** The value an attempt's write writes: unique, so a read names its writer. */
function writeValue(cur: Running): string {
  return `${cur.id}.${cur.next}`;
}

/** A new attempt of `spec`, nothing sent yet. */
function begin(spec: TxnSpec, attempt: number, doomed: boolean, out: ClientEffects): Running {
  const id = attempt === 1 ? spec.txn : `${spec.txn}#${attempt}`;
  out.observe('begin', { txn: id, ts: spec.ts });
  return { spec, id, attempt, next: 0, touched: [], doomed };
}
