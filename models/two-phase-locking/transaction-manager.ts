/**
 * The step functions of a client's transaction manager: it runs its submitted transactions one at
 * a time, sends each operation to the server holding the item and waits for the answer, then
 * commits (or rolls back, if the client chose to) and tells every server it touched. When a lock
 * manager or the deadlock detector aborts the transaction (wait-die's die, wound-wait's wound, a
 * deadlock victim), it aborts everywhere and restarts it as a new attempt with the same timestamp
 * (after a death, once the server that killed it says so).
 * Pure, like data-manager.ts: each takes a copy of the context and reports into an Outbox.
 *
 * Source: Bernstein, Hadzilacos, Goodman 1987, chapter 1 (transaction managers and data managers);
 * Rosenkrantz, Stearns, Lewis 1978 (restarts keep their timestamp). Simplified: one operation in
 * flight per transaction; the commit decision is final at the client (no atomic commitment).
 */
import type { TxnSpec } from './messages.ts';
import type { Guard, Outbox } from './outbox.ts';

/** The transaction a client is running. */
export interface Running {
  /** As submitted. */
  readonly spec: TxnSpec;
  /** This attempt's name: `t0`, then `t0#2`, `t0#3`… after restarts. */
  readonly id: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The operation awaiting its answer. */
  next: number;
  /** The servers sent an operation so far, ascending. */
  touched: number[];
  /** Whether the client chose to roll it back at the end. */
  doomed: boolean;
  /** Whether it died (wait-die) and waits for the server's word to restart. */
  dead: boolean;
}

/** A client's state. */
export interface ClientContext {
  /** The server node holding each item. */
  readonly home: Readonly<Record<string, number>>;
  /** Transactions submitted and not started, in order. */
  queue: TxnSpec[];
  /** The transaction running, if any. */
  cur: Running | null;
}

/** A transaction is submitted: it runs after the client's earlier ones. */
export function submit(c: ClientContext, spec: TxnSpec, out: Outbox): void {
  out.observe('submit', { txn: spec.txn });
  c.queue.push(spec);
  if (c.cur === null) startNext(c, out);
}

/** An operation's answer (`value`: what a read returned) for the running attempt. */
export function answered(c: ClientContext, value: string | null, out: Outbox, guard: Guard): void {
  const cur = c.cur!;
  const op = cur.spec.ops[cur.next]!;
  const item = op.slice(1);
  if (op[0] === 'r') out.observe('read', { txn: cur.id, item, value });
  else out.observe('write', { txn: cur.id, item, value: writeValue(cur) });
  cur.next++;
  if (cur.next < cur.spec.ops.length) sendOperation(c, out);
  else finish(c, out, guard);
}

/**
 * The running attempt must abort (`reason`: die, wounded, deadlock) and restart: at once, or for a
 * death (wait-die) once the server says the holders it died for are gone (see `retry`).
 */
export function kill(c: ClientContext, reason: string, out: Outbox): void {
  const cur = c.cur!;
  out.observe('abort', { txn: cur.id, reason });
  out.send(cur.touched, { type: 'Abort', txn: cur.id });
  if (reason === 'die') cur.dead = true;
  else retry(c, out);
}

/** The killed attempt restarts, as a new attempt with the same timestamp. */
export function retry(c: ClientContext, out: Outbox): void {
  const cur = c.cur!;
  begin(c, cur.spec, cur.attempt + 1, cur.doomed, out);
}

/** The client decides to roll the running transaction back once its operations are done. */
export function rollBack(c: ClientContext): void {
  c.cur!.doomed = true;
}

/** The value an attempt's write writes: unique, so a read names its writer. */
function writeValue(cur: Running): string {
  return `${cur.id}.${cur.next}`;
}

function startNext(c: ClientContext, out: Outbox): void {
  const spec = c.queue.shift();
  if (spec !== undefined) begin(c, spec, 1, false, out);
}

function begin(c: ClientContext, spec: TxnSpec, attempt: number, doomed: boolean, out: Outbox) {
  const id = attempt === 1 ? spec.txn : `${spec.txn}#${attempt}`;
  c.cur = { spec, id, attempt, next: 0, touched: [], doomed, dead: false };
  out.observe('begin', { txn: id, ts: spec.ts });
  sendOperation(c, out);
}

function sendOperation(c: ClientContext, out: Outbox): void {
  const cur = c.cur!;
  const op = cur.spec.ops[cur.next]!;
  const item = op.slice(1);
  const server = c.home[item]!;
  if (!cur.touched.includes(server)) cur.touched = [...cur.touched, server].sort((a, b) => a - b);
  const { id: txn, spec } = cur;
  if (op[0] === 'r') out.send(server, { type: 'Read', txn, ts: spec.ts, item });
  else out.send(server, { type: 'Write', txn, ts: spec.ts, item, value: writeValue(cur) });
}

/**
 * All operations done: the commit point (or the rollback). Strict 2PL sends only Commit or Abort,
 * which release the locks; non-strict 2PL first releases them at the lock point (Unlock).
 */
function finish(c: ClientContext, out: Outbox, guard: Guard): void {
  const { id: txn, touched, doomed } = c.cur!;
  if (!guard('strict')) out.send(touched, { type: 'Unlock', txn });
  if (doomed) {
    out.observe('abort', { txn, reason: 'rollback' });
    out.send(touched, { type: 'Abort', txn });
  } else {
    out.observe('commit', { txn });
    out.send(touched, { type: 'Commit', txn });
  }
  c.cur = null;
  startNext(c, out);
}
