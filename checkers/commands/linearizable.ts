import pc from 'picocolors';
import { keyValueReader, keyValueSpec } from '../../properties/key-value-spec.ts';
import { HistoryFileError } from '../../properties/json-lines.ts';
import {
  operationsAtLines,
  parseObservations,
  type ParsedObservations,
} from '../../properties/linearizability-file.ts';
import { readJepsenObservations } from '../../properties/linearizability-jepsen.ts';
import {
  counterReader,
  counterSpec,
  registerReader,
  registerSpec,
} from '../../properties/linearizability-specs.ts';
import {
  checkOperations,
  type HistoryReader,
  type Operation,
  type SequentialSpec,
} from '../../properties/linearizability.ts';
import type { Observation } from '../../models/kernel/spec.ts';
import type { KnownFormat } from '../../properties/serializability/jepsen-format.ts';
import { UsageError } from '../usage-error.ts';

/** The sequential specifications `check-history --model linearizable --spec` knows. */
export const LINEARIZABLE_SPECS = ['register', 'counter', 'kv'] as const;

/** One of `LINEARIZABLE_SPECS`. */
export type LinearizableSpec = (typeof LINEARIZABLE_SPECS)[number];

/** A non-linearizable history's first failure, as `--json` prints it. */
export interface LinearizabilityViolation {
  /** The operation whose return first makes the history non-linearizable. */
  readonly op: string;
  /** The line of that return: the smallest non-linearizable prefix is the history up to it. */
  readonly line: number;
  /** The operations of that prefix on the operation's object (itself first). */
  readonly ops: readonly string[];
  /** Their processes (nodes), ascending. */
  readonly nodes: readonly number[];
  /** One line naming them with their inputs and outputs. */
  readonly message: string;
}

/** What `check-history --model linearizable --json` prints (with `version`, `file`, `model`). */
export interface LinearizabilityVerdict {
  readonly spec: LinearizableSpec;
  /** The format read: `jsonl` (observations), `edn` or `elle-json` (Jepsen ops). */
  readonly format: KnownFormat;
  readonly linearizable: boolean;
  /** Operations read (failed ones dropped). */
  readonly operations: number;
  /** Of which pending: no answer, or `info`. */
  readonly pending: number;
  /** Independent objects (keys) checked apart. */
  readonly objects: number;
  /** Null when linearizable. */
  readonly violation: LinearizabilityViolation | null;
}

/** A spec with its reader, types erased for the command. */
interface Checker {
  readonly spec: SequentialSpec<unknown, unknown, unknown>;
  readonly reader: HistoryReader<unknown, unknown>;
}

const CHECKERS: Record<LinearizableSpec, Checker> = {
  register: { spec: registerSpec, reader: registerReader } as unknown as Checker,
  counter: { spec: counterSpec, reader: counterReader } as unknown as Checker,
  kv: { spec: keyValueSpec, reader: keyValueReader } as unknown as Checker,
};

/** Completions carry their invocation's `f` (a JSON-lines `ok` need not repeat it). */
function withF(history: readonly Observation[]): Observation[] {
  const f = new Map<string, Observation[string]>();
  return history.map((o) => {
    const id = o['op'];
    if (typeof id !== 'string') return o;
    if (o.kind === 'invoke') {
      if (!f.has(id) && o['f'] !== undefined) f.set(id, o['f']);
      return o;
    }
    const known = f.get(id);
    return 'f' in o || known === undefined ? o : { ...o, f: known };
  });
}

/**
 * Checks a history for linearizability against `spec`: `bytes` in `format` (jsonl: observations,
 * docs/history-format.md; edn or elle-json: Jepsen ops). Throws a HistoryFileError for input that
 * does not fit, and a UsageError for an unknown spec.
 */
export function checkLinearizableInput(
  bytes: Uint8Array,
  format: KnownFormat,
  spec: string,
): LinearizabilityVerdict {
  const known = LINEARIZABLE_SPECS.find((s) => s === spec);
  if (known === undefined) {
    throw new UsageError(`--spec must be one of ${LINEARIZABLE_SPECS.join(', ')}, not '${spec}'`);
  }
  const parsed: ParsedObservations =
    format === 'jsonl'
      ? parseObservations(bytes)
      : readJepsenObservations(bytes, format === 'edn' ? 'edn' : 'json');
  const { spec: s, reader } = CHECKERS[known];
  const ops = operationsAtLines({ history: withF(parsed.history), lines: parsed.lines }, reader);
  const result = checkOperations(ops, s);
  const objects = new Set(ops.map((op) => s.partition?.(op.input) ?? '')).size;
  const base = {
    spec: known,
    format,
    operations: ops.length,
    pending: ops.filter((op) => op.ret === Infinity).length,
    objects,
  };
  if (result.ok) return { ...base, linearizable: true, violation: null };
  const culprit = ops.find((op: Operation<unknown, unknown>) => op.id === result.op)!;
  return {
    ...base,
    linearizable: false,
    violation: {
      op: result.op,
      line: parsed.lines[culprit.ret]!,
      ops: result.ops,
      nodes: result.nodes,
      message: result.message.replace(/^not linearizable: /, ''),
    },
  };
}

/** Prints a linearizability verdict as text (`name`: the file, or `<stdin>`). */
export function printLinearizability(
  name: string,
  v: LinearizabilityVerdict,
  out: (line: string) => void,
): void {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  out(
    `${name}: ${plural(v.operations, 'operation')} (${v.pending} pending) on ` +
      `${plural(v.objects, 'object')}, ${v.spec} spec`,
  );
  if (v.violation === null) {
    out(`${pc.green('✓')} linearizable`);
    return;
  }
  const x = v.violation;
  out(`${pc.red('✗')} not linearizable: operation ${x.op} cannot be placed`);
  out(`  smallest non-linearizable prefix: lines 1-${x.line} (up to ${x.op}'s answer)`);
  out(`  ${x.message}`);
}

/** A HistoryFileError as the one-line UsageError of `check-history`. */
export function inputError(name: string, e: HistoryFileError): UsageError {
  return new UsageError(`${name}${e.line === null ? '' : `:${e.line}`}: ${e.message}`);
}
