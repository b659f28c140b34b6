/**
 * Reads a concurrent history from a file, for the linearizability checker: JSON lines, one
 * observation per line (docs/history-format.md, "Linearizability histories"), read as every history
 * file is (`json-lines.ts`: UTF-8, exact numbers). Errors name their line; a file without an
 * operation is refused.
 *
 * ```json
 * {"node":0,"kind":"invoke","op":"a","f":"write","key":"x","value":1}
 * {"node":0,"kind":"ok","op":"a","value":1}
 * ```
 */
import type { Observation } from '../models/kernel/spec.ts';
import { HistoryFileError, readJsonLines } from './json-lines.ts';
import {
  checkOperations,
  OperationInputError,
  operations,
  type HistoryReader,
  type LinearizabilityResult,
  type Operation,
  type SequentialSpec,
} from './linearizability.ts';

export { HistoryFileError } from './json-lines.ts';

/** The observations of a history file, and the line of each. */
export interface ParsedObservations {
  /** One observation per non-blank line. */
  readonly history: readonly Observation[];
  /** The line number of each observation. */
  readonly lines: readonly number[];
}

/**
 * Parses a history file (its bytes, or its text) into observations: each line an object with
 * `node` (a non-negative integer), `kind` (a non-empty string) and, if present, `op` (a string);
 * other fields are the operation's. Throws a HistoryFileError at the first line that does not fit,
 * and for a file with no line at all (`no observations`).
 */
export function parseObservations(input: string | Uint8Array): ParsedObservations {
  const history: Observation[] = [];
  const lines: number[] = [];
  for (const { line, value } of readJsonLines(input)) {
    const problem = observationProblem(value);
    if (problem !== null) throw new HistoryFileError(line, problem);
    history.push(value as Observation);
    lines.push(line);
  }
  if (history.length === 0)
    throw new HistoryFileError(null, 'no observations: the history is empty');
  return { history, lines };
}

/** Why `json` is not an observation, or null. */
function observationProblem(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return 'expected an object {"node":…,"kind":…}';
  }
  const o = json as Record<string, unknown>;
  if (!Number.isSafeInteger(o['node']) || (o['node'] as number) < 0) {
    return 'node: expected a non-negative integer';
  }
  if (typeof o['kind'] !== 'string' || o['kind'] === '') return 'kind: expected a non-empty string';
  if ('op' in o && typeof o['op'] !== 'string') return 'op: expected a string';
  return null;
}

/**
 * The operations of a history file (`operations` over `parseObservations`), with the reader's
 * complaints (an unknown operation, an `ok` without a value…) as HistoryFileErrors at their line.
 * A history with observations but no operation is refused (`no operations`).
 */
export function readOperations<I, O>(
  input: string | Uint8Array,
  reader: HistoryReader<I, O>,
): Operation<I, O>[] {
  return operationsAtLines(parseObservations(input), reader);
}

/**
 * The operations of observations read from a file (`operations`), with the reader's complaints as
 * HistoryFileErrors at their line; no operation at all is refused (`no operations`).
 */
export function operationsAtLines<I, O>(
  { history, lines }: ParsedObservations,
  reader: HistoryReader<I, O>,
): Operation<I, O>[] {
  let ops: Operation<I, O>[];
  try {
    ops = operations(history, reader);
  } catch (e) {
    if (e instanceof OperationInputError) throw new HistoryFileError(lines[e.index]!, e.message);
    throw e;
  }
  if (ops.length === 0) {
    throw new HistoryFileError(
      null,
      'no operations: no line invokes one ("kind":"invoke" with an "op")',
    );
  }
  return ops;
}

/** Checks a history file for linearizability against `spec` (`readOperations`, `checkOperations`). */
export function checkLinearizabilityFile<S, I, O>(
  input: string | Uint8Array,
  spec: SequentialSpec<S, I, O>,
  reader: HistoryReader<I, O>,
): LinearizabilityResult {
  return checkOperations(readOperations(input, reader), spec);
}
