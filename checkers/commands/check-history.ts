import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import type { SerializabilityReport } from '../../properties/serializability/anomaly.ts';
import { HistoryFileError } from '../../properties/serializability/history-file.ts';
import {
  checkHistoryInput,
  HISTORY_FORMATS,
  type HistoryFormat,
  type KnownFormat,
} from '../../properties/serializability/jepsen-format.ts';
import type { HistoryStyle } from '../../properties/serializability/transactions.ts';
import { UsageError } from '../usage-error.ts';

/** The consistency models `check-history` knows. */
export const HISTORY_MODELS = ['serializable'] as const;

/** What `check-history --json` prints. */
export interface HistoryVerdict extends SerializabilityReport {
  readonly file: string;
  readonly model: string;
  /** The file's format, as given or detected (`jsonl`, `edn`, `elle-json`). */
  readonly format: KnownFormat;
  readonly style: HistoryStyle;
}

/** The values of `--format` (`auto` detects the format: docs/history-format.md). */
export { HISTORY_FORMATS };

/**
 * `groupcheck check-history --model serializable [--format F] FILE`: checks a history of
 * transactions (docs/history-format.md): our JSON lines, or Jepsen's EDN or elle-cli's JSON. Exit
 * 0 when no anomaly is found, 1 when one is (each is printed with its dependency cycle), 2 when the
 * file cannot be read, is not UTF-8, holds no transaction, or a line does not fit the format (a
 * UsageError naming the file and line).
 */
export function checkHistoryCommand(
  file: string,
  options: { readonly model: string; readonly json: boolean; readonly format?: string },
  out: (line: string) => void,
): number {
  const format = options.format ?? 'auto';
  if (!(HISTORY_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${HISTORY_FORMATS.join(', ')}, not '${format}'`);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let verdict: HistoryVerdict;
  try {
    const read = checkHistoryInput(file, bytes, format as HistoryFormat);
    verdict = {
      file,
      model: options.model,
      format: read.format,
      style: read.style,
      ...read.report,
    };
  } catch (e) {
    if (e instanceof HistoryFileError) {
      throw new UsageError(`${file}${e.line === null ? '' : `:${e.line}`}: ${e.message}`);
    }
    throw e;
  }
  if (options.json) out(JSON.stringify(verdict, null, 2));
  else printVerdict(verdict, out);
  return verdict.serializable ? 0 : 1;
}

function printVerdict(v: HistoryVerdict, out: (line: string) => void): void {
  out(
    `${v.file}: ${v.style} history, ${v.transactions} transactions (${v.committed} committed, ` +
      `${v.aborted} aborted), ${v.edges} dependency edges`,
  );
  const strongest =
    `strongest model: ${v.strongest}` +
    (v.realtime ? '' : ' (no invoke/complete times: real-time order not checked)');
  if (v.serializable) {
    out(`${pc.green('✓')} serializable`);
    out(strongest);
    return;
  }
  const total = Object.values(v.counts).reduce((a, b) => a + b, 0);
  const counts = Object.entries(v.counts)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  out(
    `${pc.red('✗')} not serializable: ${total} ${total === 1 ? 'anomaly' : 'anomalies'} (${counts})`,
  );
  out(strongest);
  for (const a of v.anomalies) {
    out(`  ${pc.bold(a.summary)}`);
    for (const step of a.cycle ?? []) {
      const key = step.key === null ? '' : `(${step.key})`;
      out(`    ${step.from} -${step.kind}${key}-> ${step.to}: ${step.why}`);
    }
  }
  if (total > v.anomalies.length) out(`  … and ${total - v.anomalies.length} more`);
}
