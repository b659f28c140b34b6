/**
 * Reads a history file: JSON lines, one transaction per line (docs/history-format.md). The bytes
 * must be UTF-8 and numbers are read exactly (`../json-lines.ts`); each record is validated with
 * zod (`record.ts`). Blank lines are skipped; the first line that does not fit stops the reading
 * with its line number, a file without a transaction is refused, and nothing is guessed.
 */
import { HistoryFileError, readJsonLines } from '../json-lines.ts';
import { DEFAULT_ANOMALY_LIMIT } from './check.ts';
import { recordProblem } from './record.ts';
import {
  checkTransactions,
  HistoryInputError,
  type HistoryStyle,
  type TxnRecord,
} from './transactions.ts';
import type { SerializabilityReport } from './anomaly.ts';

export { HistoryFileError } from '../json-lines.ts';

/** The transactions of a history file, and the line of each. */
export interface ParsedHistory {
  /** One record per non-blank line. */
  readonly records: readonly TxnRecord[];
  /** The line number of each record. */
  readonly lines: readonly number[];
}

/**
 * Parses a history file (its bytes, or its text); throws a HistoryFileError at the first line that
 * does not fit, and for a file with no transaction at all (`no transactions`: a check pointed at
 * the wrong file must not pass).
 */
export function parseHistory(input: string | Uint8Array): ParsedHistory {
  const records: TxnRecord[] = [];
  const lines: number[] = [];
  for (const { line, value } of readJsonLines(input)) {
    const problem = recordProblem(value);
    if (problem !== null) throw new HistoryFileError(line, problem);
    records.push(value as TxnRecord);
    lines.push(line);
  }
  if (records.length === 0) {
    throw new HistoryFileError(null, 'no transactions: the history is empty');
  }
  return { records, lines };
}

/**
 * Reads and checks a history file: `parseHistory`, then `checkTransactions`, whose input errors
 * (a style mixed, an element appended twice, an id reused) become HistoryFileErrors at their line.
 */
export function checkHistoryFile(
  input: string | Uint8Array,
  limit = DEFAULT_ANOMALY_LIMIT,
): { style: HistoryStyle; report: SerializabilityReport } {
  const { records, lines } = parseHistory(input);
  try {
    return checkTransactions(records, limit);
  } catch (e) {
    if (e instanceof HistoryInputError) throw new HistoryFileError(lines[e.index]!, e.message);
    throw e;
  }
}
