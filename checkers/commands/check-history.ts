import pc from 'picocolors';
import type { SerializabilityReport } from '../../properties/serializability/anomaly.ts';
import { HistoryFileError } from '../../properties/serializability/history-file.ts';
import {
  checkHistoryInput,
  detectFormat,
  HISTORY_FORMATS,
  type KnownFormat,
} from '../../properties/serializability/jepsen-format.ts';
import type { HistoryStyle } from '../../properties/serializability/transactions.ts';
import { readInput, type StdinReader } from '../trace.ts';
import { UsageError } from '../usage-error.ts';
import {
  checkLinearizableInput,
  inputError,
  LINEARIZABLE_SPECS,
  printLinearizability,
  type LinearizabilityVerdict,
} from './linearizable.ts';

/** The consistency models `check-history` knows. */
export const HISTORY_MODELS = ['serializable', 'linearizable'] as const;

/** The version of the `check-history --json` shape; a change of shape changes it. */
export const HISTORY_JSON_VERSION = 1;

/** What `check-history --model serializable --json` prints: every anomaly, none left out. */
export interface HistoryVerdict extends SerializabilityReport {
  /** `HISTORY_JSON_VERSION`. */
  readonly version: number;
  /** The file, or `<stdin>`. */
  readonly file: string;
  readonly model: 'serializable';
  /** The file's format, as given or detected (`jsonl`, `edn`, `elle-json`). */
  readonly format: KnownFormat;
  readonly style: HistoryStyle;
}

/** What `check-history --model linearizable --json` prints. */
export interface LinearizabilityJson extends LinearizabilityVerdict {
  /** `HISTORY_JSON_VERSION`. */
  readonly version: number;
  /** The file, or `<stdin>`. */
  readonly file: string;
  readonly model: 'linearizable';
}

/** The values of `--format` (`auto` detects the format: docs/history-format.md). */
export { HISTORY_FORMATS };

/** The options of `check-history`. */
export interface CheckHistoryOptions {
  /** `serializable` or `linearizable`. */
  readonly model: string;
  /** Print one JSON object (every anomaly) on stdout, the verdict line on stderr. */
  readonly json: boolean;
  /** `auto` (default), `jsonl`, `edn` or `elle-json`. */
  readonly format?: string;
  /** With `linearizable`: `register`, `counter` or `kv`. */
  readonly spec?: string;
  /** How `-` reads standard input (default: the process's). */
  readonly stdin?: StdinReader;
}

/**
 * `groupcheck check-history --model serializable|linearizable [--format F] FILE` (`-`: standard
 * input, whose format is sniffed from its contents): checks a history of transactions for
 * serializability, or of operations for linearizability against `--spec`
 * (docs/history-format.md). Exit 0 when it holds, 1 when it does not (text: the anomalies with
 * their dependency cycles, at most 100; or the operation that cannot be placed), 2 when the input
 * cannot be read or does not fit the format (a UsageError naming the file and line). With `json`,
 * stdout holds the one JSON object alone and the verdict goes to `err`.
 */
export function checkHistoryCommand(
  file: string,
  options: CheckHistoryOptions,
  out: (line: string) => void,
  err: (line: string) => void = () => {},
): number {
  const format = options.format ?? 'auto';
  if (!(HISTORY_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${HISTORY_FORMATS.join(', ')}, not '${format}'`);
  }
  const model = HISTORY_MODELS.find((m) => m === options.model);
  if (model === undefined) {
    throw new UsageError(`--model must be one of ${HISTORY_MODELS.join(', ')}`);
  }
  if (model === 'linearizable' && options.spec === undefined) {
    throw new UsageError(`--model linearizable needs --spec (${LINEARIZABLE_SPECS.join(', ')})`);
  }
  if (model === 'serializable' && options.spec !== undefined) {
    throw new UsageError('--spec applies to --model linearizable only');
  }
  const { name, bytes } = readInput(file, options.stdin);
  const status = options.json ? err : out;
  try {
    const known = format === 'auto' ? detectFormat(name, bytes) : (format as KnownFormat);
    if (model === 'linearizable') {
      const v = checkLinearizableInput(bytes, known, options.spec!);
      if (options.json) {
        const json: LinearizabilityJson = {
          version: HISTORY_JSON_VERSION,
          file: name,
          model,
          ...v,
        };
        out(JSON.stringify(json, null, 2));
        status(
          v.linearizable ? `${pc.green('✓')} linearizable` : `${pc.red('✗')} not linearizable`,
        );
      } else printLinearizability(name, v, out);
      return v.linearizable ? 0 : 1;
    }
    const read = checkHistoryInput(name, bytes, known, options.json ? Infinity : undefined);
    const verdict: HistoryVerdict = {
      version: HISTORY_JSON_VERSION,
      file: name,
      model,
      format: read.format,
      style: read.style,
      ...read.report,
    };
    if (options.json) {
      out(JSON.stringify(verdict, null, 2));
      status(verdictLine(verdict));
    } else printVerdict(verdict, out);
    return verdict.serializable ? 0 : 1;
  } catch (e) {
    if (e instanceof HistoryFileError) throw inputError(name, e);
    throw e;
  }
}

/** The verdict in one line: `✓ serializable`, or `✗ not serializable: 2 anomalies (G1a 1, …)`. */
function verdictLine(v: HistoryVerdict): string {
  if (v.serializable) return `${pc.green('✓')} serializable`;
  const total = Object.values(v.counts).reduce((a, b) => a + b, 0);
  const counts = Object.entries(v.counts)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  return `${pc.red('✗')} not serializable: ${total} ${total === 1 ? 'anomaly' : 'anomalies'} (${counts})`;
}

function printVerdict(v: HistoryVerdict, out: (line: string) => void): void {
  out(
    `${v.file}: ${v.style} history, ${v.transactions} transactions (${v.committed} committed, ` +
      `${v.aborted} aborted), ${v.edges} dependency edges`,
  );
  const strongest =
    `strongest model: ${v.strongest}` +
    (v.realtime ? '' : ' (no invoke/complete times: real-time order not checked)');
  out(verdictLine(v));
  out(strongest);
  if (v.serializable) return;
  const total = Object.values(v.counts).reduce((a, b) => a + b, 0);
  for (const a of v.anomalies) {
    out(`  ${pc.bold(a.summary)}`);
    for (const step of a.cycle ?? []) {
      const key = step.key === null ? '' : `(${step.key})`;
      out(`    ${step.from} -${step.kind}${key}-> ${step.to}: ${step.why}`);
    }
  }
  if (total > v.anomalies.length) out(`  … and ${total - v.anomalies.length} more`);
}
