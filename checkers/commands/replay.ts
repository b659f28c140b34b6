import pc from 'picocolors';
import { renderMermaid } from '../report/mermaid.ts';
import { renderTextChart } from '../report/text-chart.ts';
import { traceChart } from '../report/trace-chart.ts';
import { replay, traceSystem } from '../replay.ts';
import { readTrace } from '../trace.ts';
import { UsageError } from '../usage-error.ts';

/** Exit code of `replay` when the trace no longer reproduces. */
export const EXIT_DIVERGED = 3;

/**
 * `groupcheck replay FILE`: re-executes a trace and prints its chart. Exit 1 when the recorded
 * violation reproduces, 0 when a clean trace replays clean, 3 when the trace diverges (naming the
 * step), 2 when the file is unreadable or invalid.
 */
export function replayCommand(
  file: string,
  format: string,
  out: (line: string) => void,
  err: (line: string) => void,
): number {
  if (format !== 'text' && format !== 'mermaid') {
    throw new UsageError(`--format must be text or mermaid, not '${format}'`);
  }
  const trace = readTrace(file);
  const result = replay(trace, traceSystem(trace));
  if (result.divergence !== null) {
    err(
      `groupcheck: ${file} diverges at step ${result.divergence.step}: ${result.divergence.reason}`,
    );
    return EXIT_DIVERGED;
  }
  const chart = traceChart(trace, result.steps);
  out(format === 'mermaid' ? renderMermaid(chart) : renderTextChart(chart));
  if (result.violation === null) {
    out(pc.green(`replayed ${trace.actions.length} actions: no violation, as recorded`));
    return 0;
  }
  out(pc.red(`reproduced: ${result.violation.property} at step ${result.violation.step}`));
  return 1;
}
