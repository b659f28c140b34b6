/**
 * Jepsen's own history files (docs/history-format.md, "Jepsen histories"): EDN as Jepsen writes
 * `history.edn`, and the JSON elle-cli reads, one op map per line or one vector (array) of them.
 * Each `:invoke` is paired with the next completion of its process: `:ok` gives a committed
 * transaction with the completion's value (which carries the reads), `:fail` an aborted one, `:info`
 * or no completion at all an `unknown` one (it may have committed; only its writes are kept, since
 * what it read is not known). Ops of the `:nemesis` process are skipped; any other `:f` than `:txn`
 * is an error. The result is the same `TxnRecord`s a JSON-lines history gives, with `invoke` and
 * `complete` times from `:time` (or `:index` when some op has no `:time`).
 */
import { DEFAULT_ANOMALY_LIMIT } from './check.ts';
import { HistoryFileError } from '../json-lines.ts';
import { decodeHistory, opForms, type Syntax } from './jepsen-forms.ts';
import { describe, readOp, Unsupported, type JepsenValue, type RawOp } from './jepsen-ops.ts';
import {
  checkTransactions,
  HistoryInputError,
  type HistoryStyle,
  type Scalar,
  type TxnOp,
  type TxnRecord,
} from './transactions.ts';
import type { SerializabilityReport } from './anomaly.ts';
import type { ParsedHistory } from './history-file.ts';

/** The Jepsen formats: EDN, and the JSON elle-cli reads. */
export type JepsenFormat = 'edn' | 'elle-json';

/** A Jepsen history read as transaction records, with the line of each (its invoke's). */
export interface JepsenHistory extends ParsedHistory {
  /** How many nemesis ops were skipped. */
  readonly skipped: number;
}

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

/** One client op of the history. */
interface Op {
  readonly line: number;
  readonly type: 'invoke' | 'ok' | 'fail' | 'info';
  readonly process: Scalar;
  readonly value: JepsenValue | undefined;
  readonly time: number | undefined;
  readonly index: number | undefined;
}

/**
 * Reads a Jepsen history (its bytes, which must be UTF-8, or its text) into transaction records.
 * Throws a HistoryFileError at the first op that does not fit, and for a history without a
 * transaction.
 */
export function parseJepsenHistory(
  input: string | Uint8Array,
  format: JepsenFormat,
): JepsenHistory {
  const syntax: Syntax = format === 'edn' ? 'edn' : 'json';
  const name = (field: string) => (syntax === 'edn' ? `:${field}` : field);
  const ops: Op[] = [];
  let skipped = 0;
  for (const form of opForms(decodeHistory(input), syntax)) {
    const op = clientOp(readOp(form, syntax), name);
    if (op === null) skipped++;
    else ops.push(op);
  }
  const clock = ops.every((o) => o.time !== undefined)
    ? 'time'
    : ops.every((o) => o.index !== undefined)
      ? 'index'
      : null;
  const records = pair(ops, clock, name);
  if (records.length === 0) {
    const why =
      skipped > 0 ? `the history has only nemesis ops (${skipped})` : 'the history is empty';
    throw new HistoryFileError(null, `no transactions: ${why}`);
  }
  return { records: records.map((r) => r.record), lines: records.map((r) => r.line), skipped };
}

/**
 * Reads and checks a Jepsen history: `parseJepsenHistory`, then `checkTransactions`, whose input
 * errors (a style mixed, an element appended twice…) become HistoryFileErrors at the op's line.
 */
export function checkJepsenFile(
  input: string | Uint8Array,
  format: JepsenFormat,
  limit = DEFAULT_ANOMALY_LIMIT,
): { style: HistoryStyle; report: SerializabilityReport } {
  const { records, lines } = parseJepsenHistory(input, format);
  try {
    return checkTransactions(records, limit);
  } catch (e) {
    if (e instanceof HistoryInputError) throw new HistoryFileError(lines[e.index]!, e.message);
    throw e;
  }
}

/** The client op of `raw`, or null for a nemesis op. */
function clientOp(raw: RawOp, name: (field: string) => string): Op | null {
  const get = (field: string) => raw.fields.get(field);
  const index = get('index');
  const at = typeof index === 'number' ? `op ${index}: ` : '';
  const fail = (message: string): never => {
    throw new HistoryFileError(raw.line, `${at}${message}`);
  };
  const process = get('process');
  if (process === 'nemesis') return null;
  const type = get('type');
  if (typeof type !== 'string' || !TYPES.has(type)) {
    const hint = raw.fields.has('status') ? ' (a JSON-lines transaction? use --format jsonl)' : '';
    fail(`${name('type')} must be invoke, ok, fail or info, not ${describe(type)}${hint}`);
  }
  if (process === undefined) fail(`${name('process')} is missing`);
  if (typeof process !== 'string' && typeof process !== 'number') {
    fail(`${name('process')} must be an integer or a name, not ${describe(process)}`);
  }
  const f = get('f');
  if (f !== undefined && f !== 'txn') {
    fail(`${name('f')} ${describe(f)} is not txn: only transaction histories are checked`);
  }
  const time = get('time');
  for (const [field, v] of [
    ['time', time],
    ['index', index],
  ] as const) {
    if (v !== undefined && !(typeof v === 'number' && v >= 0)) {
      fail(`${name(field)} must be a non-negative integer, not ${describe(v)}`);
    }
  }
  return {
    line: raw.line,
    type: type as Op['type'],
    process: process as Scalar,
    value: get('value'),
    time: time as number | undefined,
    index: index as number | undefined,
  };
}

/** A record under construction and the line that names it. */
interface Slot {
  record: TxnRecord;
  readonly line: number;
}

/** Pairs invocations with completions by process, in the order of the invocations. */
function pair(
  ops: readonly Op[],
  clock: 'time' | 'index' | null,
  name: (f: string) => string,
): Slot[] {
  const slots: Slot[] = [];
  const pending = new Map<Scalar, { op: Op; slot: Slot; ops: TxnOp[] }>();
  const completionOnly = !ops.some((o) => o.type === 'invoke');
  const when = (o: Op) => (clock === null ? undefined : o[clock]);
  for (const op of ops) {
    const at = op.index === undefined ? '' : `op ${op.index}: `;
    const fail = (message: string): never => {
      throw new HistoryFileError(op.line, `${at}${message}`);
    };
    const ctx = { fail, name, committed: op.type === 'ok' };
    const id = op.index === undefined ? undefined : `op${op.index}`;
    if (op.type === 'invoke') {
      const open = pending.get(op.process);
      if (open !== undefined) {
        fail(
          `process ${String(op.process)} invokes again while its invoke at line ${open.op.line} has no completion`,
        );
      }
      const ops = txnOps(op.value, { ...ctx, committed: false });
      const slot: Slot = { record: unknown(id, op.process, ops), line: op.line };
      slots.push(slot);
      pending.set(op.process, { op, slot, ops });
      continue;
    }
    const open = pending.get(op.process);
    if (open === undefined) {
      if (!completionOnly) fail(`process ${String(op.process)} completes an op it never invoked`);
      const ops = txnOps(op.value, ctx);
      slots.push({ record: completed(id, op, ops), line: op.line });
      continue;
    }
    pending.delete(op.process);
    const value =
      op.value === undefined || (op.value === null && op.type !== 'ok') ? open.op.value : op.value;
    const ops = txnOps(value, ctx);
    matchInvoke(ops, open.ops, open.op.line, fail);
    const invoke = when(open.op);
    const complete = when(op);
    if (op.type !== 'info' && invoke !== undefined && complete !== undefined) {
      if (complete < invoke)
        fail(
          `completes at ${clock} ${complete}, before its invoke (${invoke}, line ${open.op.line})`,
        );
      open.slot.record = { ...completed(open.slot.record.id, op, ops), invoke, complete };
    } else {
      open.slot.record = completed(open.slot.record.id, op, ops);
    }
  }
  return slots;
}

/** A transaction whose outcome is not known: its writes (what it read is not known). */
function unknown(id: string | undefined, process: Scalar, ops: readonly TxnOp[]): TxnRecord {
  const writes = ops.filter((o) => o[0] !== 'r');
  return id === undefined
    ? { process, status: 'unknown', ops: writes }
    : { id, process, status: 'unknown', ops: writes };
}

/** The record a completion gives. */
function completed(id: Scalar | undefined, op: Op, ops: readonly TxnOp[]): TxnRecord {
  if (op.type === 'info')
    return unknown(id === undefined ? undefined : String(id), op.process, ops);
  const status = op.type === 'ok' ? 'committed' : 'aborted';
  return id === undefined
    ? { process: op.process, status, ops }
    : { id, process: op.process, status, ops };
}

/** Checks that a completion's micro-ops are its invocation's, with the reads filled in. */
function matchInvoke(
  ops: readonly TxnOp[],
  invoked: readonly TxnOp[],
  line: number,
  fail: (message: string) => never,
): void {
  const bad = ops.length !== invoked.length ? 0 : ops.findIndex((o, i) => !sameMop(o, invoked[i]!));
  if (ops.length !== invoked.length || bad >= 0) {
    fail(
      ops.length !== invoked.length
        ? `the completion has ${ops.length} micro-ops, its invoke (line ${line}) ${invoked.length}`
        : `micro-op ${bad} of the completion is not its invoke's (line ${line})`,
    );
  }
}

function sameMop(a: TxnOp, b: TxnOp): boolean {
  return a[0] === b[0] && a[1] === b[1] && (a[0] === 'r' || a[2] === b[2]);
}

/** How micro-ops are read: where errors go, how fields are named, whether reads are final. */
interface MopContext {
  readonly fail: (message: string) => never;
  readonly name: (field: string) => string;
  /** A committed transaction's reads are what it read; an invocation's are placeholders. */
  readonly committed: boolean;
}

/** The micro-ops of a txn value: `[[:append :x 1] [:r :x [1 2]] [:w :y 3]]`. */
function txnOps(value: JepsenValue | undefined, ctx: MopContext): TxnOp[] {
  const { fail, name } = ctx;
  if (!Array.isArray(value)) {
    return fail(
      `${name('value')} must be a vector of micro-ops [f key value], not ${describe(value)}`,
    );
  }
  return (value as readonly JepsenValue[]).map((mop, i) => {
    const where = `${name('value')}[${i}]`;
    if (!Array.isArray(mop) || mop.length !== 3) {
      return fail(`${where}: a micro-op is [f key value], not ${describe(mop)}`);
    }
    const [f, key, v] = mop as readonly JepsenValue[];
    if (f !== 'append' && f !== 'r' && f !== 'w') {
      return fail(`${where}: unknown micro-op ${describe(f)} (expected append, r or w)`);
    }
    const k = scalar(key, `${where} key`, fail);
    if (f !== 'r')
      return [f, k, scalar(v, `${where} ${f === 'w' ? 'value' : 'element'}`, fail)] as const;
    if (v === null || !ctx.committed) return ['r', k, null] as const;
    if (!Array.isArray(v)) return ['r', k, scalar(v, `${where} read`, fail)] as const;
    return [
      'r',
      k,
      (v as readonly JepsenValue[]).map((e, j) => scalar(e, `${where} read[${j}]`, fail)),
    ] as const;
  });
}

/** A key, element or value: a string (or keyword) or a safe integer. */
function scalar(v: JepsenValue | undefined, where: string, fail: (m: string) => never): Scalar {
  if (typeof v === 'string' || typeof v === 'number') return v;
  const what = v instanceof Unsupported ? v.what : describe(v);
  return fail(`${where}: ${what}: expected an integer, a string or a keyword`);
}
