import { canonicalJson, isJson, type Json } from '../models/kernel/json.ts';
import type { History, Observation, CheckedProperty, Verdict } from '../models/kernel/spec.ts';
import { clip, oneLine } from './json-lines.ts';

/**
 * A sequential specification: the object's initial state and what an operation does to a state.
 * `step` answers null when the operation cannot happen in that state.
 */
export interface SequentialSpec<S, I, O> {
  /** The initial state. */
  readonly init: S;
  /** The next state and the operation's output, or null if it cannot run in `state`. */
  readonly step: (state: S, input: I) => { readonly state: S; readonly output: O } | null;
  /**
   * The independent object an operation acts on (a key of a store): linearizability is local
   * (Herlihy & Wing), so each object is checked alone. Default: one object.
   */
  readonly partition?: (input: I) => string;
  /** A string equal for equal states, for memoization (default: canonical JSON). */
  readonly key?: (state: S) => string;
  /** Whether an observed output is the one the specification gives (default: canonical JSON). */
  readonly equal?: (observed: O, specified: O) => boolean;
  /** One short line for an operation and its output (undefined: no answer seen), for reports. */
  readonly describe?: (input: I, output: O | undefined) => string;
}

/** One operation of a concurrent history: its input, its output if one came back, its interval. */
export interface Operation<I, O> {
  /** Operation id (`c0.1`). */
  readonly id: string;
  /** The node (client) that invoked it. */
  readonly node: number;
  readonly input: I;
  /** Its output, or undefined when it is pending or its outcome is unknown (`info`). */
  readonly output: O | undefined;
  /** When it was invoked (a position in the history). */
  readonly call: number;
  /** When it returned, or Infinity when it did not (it may take effect at any later time, or never). */
  readonly ret: number;
}

/** A checker's answer: linearizable, or the first operation whose result no order explains. */
export type LinearizabilityResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** The operation whose return first makes the history non-linearizable. */
      readonly op: string;
      /** That operation, then the others on its object invoked before it returned (call order). */
      readonly ops: readonly string[];
      /** Their nodes, ascending. */
      readonly nodes: readonly number[];
      /** One line naming them with their inputs and outputs. */
      readonly message: string;
    };

/**
 * How operations are read from observations: which kinds, and how inputs and outputs are built.
 * A reader throws a ReaderError for an observation it cannot read (an unknown operation, a value
 * of the wrong type): `operations` reports it with the observation's position.
 */
export interface HistoryReader<I, O> {
  /** The input of an `invoke` observation. */
  readonly input: (o: Observation) => I;
  /** The output of an `ok` observation. */
  readonly output: (o: Observation) => O;
}

/** What a HistoryReader throws for an observation it cannot read: why, in one line. */
export class ReaderError extends Error {}

/**
 * An observation of a history that is not an operation the checker can read: `index` is its
 * position in the history (0-based); the message says why and shows the observation.
 */
export class OperationInputError extends Error {
  /** The offending observation's position; `message` is made one line. */
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(oneLine(message));
  }
}

/** One observation, as compact JSON (at most 200 characters), for error messages. */
export function showObservation(o: unknown): string {
  let text: string;
  try {
    text = canonicalJson(o);
  } catch {
    // Not JSON (a NaN, an undefined field…): show what there is.
    text = Object.entries(o as object)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
    text = `{${text}}`;
  }
  return clip(text, 200);
}

/**
 * The default reader: the input is the `invoke` observation's own fields, the output `value`
 * (null when it has none). Both must be JSON (no NaN, no infinity).
 */
export const defaultReader: HistoryReader<Json, Json> = {
  input: ({ node: _node, kind: _kind, op: _op, ...input }) => {
    if (!isJson(input)) throw new ReaderError('an invocation’s fields must be JSON');
    return input;
  },
  output: (o) => {
    const value = o['value'] ?? null;
    if (!isJson(value)) throw new ReaderError('an ok’s value must be JSON');
    return value;
  },
};

/**
 * The operations of a history, Jepsen-style: `invoke` starts operation `op`; `ok` completes it with
 * an output; `fail` says it did not take effect (it is dropped); `info`, or no answer at all, leaves
 * it pending (it may have taken effect). Observations of other kinds, answers to unknown
 * operations and repeated invocations are ignored. Sorted by invocation.
 *
 * Throws an OperationInputError, naming the observation's position and showing it, when the reader
 * cannot read an invocation or an answer (a ReaderError), an answer's output is a number that is
 * not finite, or an operation's node is not a non-negative integer.
 */
export function operations<I, O>(history: History, reader: HistoryReader<I, O>): Operation<I, O>[] {
  const open = new Map<string, { o: Observation; call: number }>();
  const done: Operation<I, O>[] = [];
  const seen = new Set<string>();
  const read = <T>(at: number, o: Observation, f: (o: Observation) => T): T => {
    let value: T;
    try {
      value = f(o);
    } catch (e) {
      if (!(e instanceof ReaderError)) throw e;
      throw new OperationInputError(at, `${e.message}: ${showObservation(o)}`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new OperationInputError(at, `read as ${value}: ${showObservation(o)}`);
    }
    return value;
  };
  const inputs = new Map<string, I>();
  const close = (id: string, output: O | undefined, ret: number) => {
    const { o, call } = open.get(id)!;
    open.delete(id);
    done.push({ id, node: o.node, input: inputs.get(id)!, output, call, ret });
  };
  history.forEach((o, at) => {
    const id = o['op'];
    if (typeof id !== 'string') return;
    if (o.kind === 'invoke') {
      if (seen.has(id)) return;
      seen.add(id);
      if (!Number.isSafeInteger(o.node) || o.node < 0) {
        throw new OperationInputError(
          at,
          `node must be a non-negative integer: ${showObservation(o)}`,
        );
      }
      // Read at once, so an unreadable invocation is reported even if its operation fails.
      inputs.set(id, read(at, o, reader.input));
      open.set(id, { o, call: at });
    } else if (!open.has(id)) return;
    else if (o.kind === 'ok') close(id, read(at, o, reader.output), at);
    else if (o.kind === 'info') close(id, undefined, Infinity);
    else if (o.kind === 'fail') open.delete(id);
  });
  for (const id of [...open.keys()]) close(id, undefined, Infinity);
  return done.sort((a, b) => a.call - b.call);
}

/**
 * Checks that a concurrent history is linearizable with respect to `spec`: there is one order of
 * the operations, consistent with real time (an operation that returned before another was invoked
 * comes first), in which every returned output is the specification's. Pending operations may be
 * placed anywhere after their invocation, or left out.
 *
 * The search is Wing & Gong's (1993): repeatedly linearize some operation invoked before every
 * not yet linearized operation has returned, and backtrack; with Lowe's memoization (2017), as in
 * Porcupine: a (set of linearized operations, state) pair that failed once is not tried again.
 * Each object of `spec.partition` is checked alone. On failure, reports the first operation, in
 * return order, whose return makes the history non-linearizable.
 */
export function checkOperations<S, I, O>(
  ops: readonly Operation<I, O>[],
  spec: SequentialSpec<S, I, O>,
): LinearizabilityResult {
  const objects = new Map<string, Operation<I, O>[]>();
  for (const op of ops) {
    const object = spec.partition?.(op.input) ?? '';
    const list = objects.get(object);
    if (list === undefined) objects.set(object, [op]);
    else list.push(op);
  }
  for (const list of objects.values()) {
    if (linearizable(list, spec)) continue;
    return culprit(list, spec);
  }
  return { ok: true };
}

/** Whether one object's operations (sorted by invocation) are linearizable. */
function linearizable<S, I, O>(
  ops: readonly Operation<I, O>[],
  spec: SequentialSpec<S, I, O>,
): boolean {
  const key = spec.key ?? canonicalJson;
  const equal = spec.equal ?? ((a: O, b: O) => canonicalJson(a) === canonicalJson(b));
  const returned = ops.filter((op) => op.ret !== Infinity).length;
  const linearized = new Uint8Array(ops.length);
  const failed = new Set<string>();
  const search = (state: S, mask: bigint, count: number): boolean => {
    if (count === returned) return true;
    const memo = `${mask}|${key(state)}`;
    if (failed.has(memo)) return false;
    // Only an operation invoked before the earliest pending return can come next.
    let horizon = Infinity;
    for (let i = 0; i < ops.length; i++) {
      if (linearized[i] === 0 && ops[i]!.ret < horizon) horizon = ops[i]!.ret;
    }
    for (let i = 0; i < ops.length && ops[i]!.call < horizon; i++) {
      if (linearized[i] === 1) continue;
      const op = ops[i]!;
      const next = spec.step(state, op.input);
      if (next === null) continue;
      if (op.output !== undefined && !equal(op.output, next.output)) continue;
      linearized[i] = 1;
      const ok = search(
        next.state,
        mask | (1n << BigInt(i)),
        count + (op.ret === Infinity ? 0 : 1),
      );
      linearized[i] = 0;
      if (ok) return true;
    }
    failed.add(memo);
    return false;
  };
  return search(spec.init, 0n, 0);
}

/** The first operation, in return order, whose return makes one object's history fail. */
function culprit<S, I, O>(
  ops: readonly Operation<I, O>[],
  spec: SequentialSpec<S, I, O>,
): LinearizabilityResult {
  const byReturn = ops.filter((op) => op.ret !== Infinity).sort((a, b) => a.ret - b.ret);
  for (const last of byReturn) {
    // The history as it stood when `last` returned: later answers not yet seen.
    const prefix = ops
      .filter((op) => op.call < last.ret)
      .map((op) => (op.ret > last.ret ? { ...op, output: undefined, ret: Infinity } : op));
    if (linearizable(prefix, spec)) continue;
    const involved = [last, ...prefix.filter((op) => op.id !== last.id)];
    const show = (op: Operation<I, O>) =>
      `${op.id} ${(spec.describe ?? describeJson)(op.input, op.output)}`;
    const [first, ...rest] = involved;
    return {
      ok: false,
      op: last.id,
      ops: involved.map((op) => op.id),
      nodes: [...new Set(involved.map((op) => op.node))].sort((a, b) => a - b),
      message:
        `not linearizable: ${show(first!)}` +
        (rest.length === 0 ? '' : `, with ${rest.map(show).join(', ')}`),
    };
  }
  throw new Error('a non-linearizable history has an operation whose return breaks it');
}

function describeJson(input: unknown, output: unknown): string {
  return `${canonicalJson(input)} → ${output === undefined ? '?' : canonicalJson(output)}`;
}

/**
 * Linearizability of the client-visible history against `spec`, as a safety property. It reads
 * the real-time order of observations across clients, so it is `global` in scope.
 */
export function linearizability<S, I, O>(
  spec: SequentialSpec<S, I, O>,
  reader: HistoryReader<I, O>,
): CheckedProperty {
  const check = (history: History): Verdict => {
    const result = checkOperations(operations(history, reader), spec);
    if (result.ok) return null;
    const { message, nodes, ops } = result;
    return { property: 'linearizability', message, nodes, messages: ops };
  };
  return {
    name: 'linearizability',
    statement:
      'Some order of the clients’ operations, consistent with real time, explains every answer.',
    kind: 'safety',
    scope: 'global',
    // Only the client operations' order across nodes matters to it, not the servers' chatter.
    reads: ['invoke', 'ok', 'info', 'fail'],
    check,
  };
}
