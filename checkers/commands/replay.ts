import pc from 'picocolors';
import { itfText, toItf } from '../export/itf.ts';
import { shivizEvents, shivizLog } from '../export/shiviz.ts';
import { writeFileAtomic } from '../export/write-file.ts';
import { renderViewer } from '../report/html/page.ts';
import { renderMermaid } from '../report/mermaid.ts';
import { renderTextChart } from '../report/text-chart.ts';
import { traceChart } from '../report/trace-chart.ts';
import { findProtocol } from '../../models/index.ts';
import { loadModule } from '../load.ts';
import { replay, type Replay } from '../replay.ts';
import { traceSystem } from '../trace-system.ts';
import { readTrace, STDIN_NAME, STDIN_PATH, type StdinReader, type Trace } from '../trace.ts';
import { UsageError } from '../usage-error.ts';
import { STACK_VARIABLE, stackLines, stacksWanted } from '../stack.ts';
import { MODEL_ERROR } from '../../models/kernel/model-error.ts';

/** Exit code of `replay` when the trace no longer reproduces. */
export const EXIT_DIVERGED = 3;

/** What `replay --format` prints (or writes to `--out`). */
export const REPLAY_FORMATS = ['text', 'mermaid', 'itf', 'shiviz', 'html'] as const;

/** One of `REPLAY_FORMATS`. */
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

/** The options of `replay`. */
export interface ReplayOptions {
  /** What to print: the text chart (default), Mermaid, ITF, a ShiViz log or the HTML viewer. */
  readonly format: string;
  /** Where to write the output instead of stdout (atomically). */
  readonly out?: string;
  /** How `-` reads standard input (default: the process's). */
  readonly stdin?: StdinReader;
}

/** The document of a replayed trace in a format. */
function render(format: ReplayFormat, file: string, trace: Trace, run: Replay): string {
  switch (format) {
    case 'text':
      return renderTextChart(traceChart(trace, run.steps));
    case 'mermaid':
      return renderMermaid(traceChart(trace, run.steps));
    case 'itf':
      return itfText(toItf(trace, run, file)).trimEnd();
    case 'shiviz':
      return shivizLog(shivizEvents(trace, run)).trimEnd();
    case 'html':
      return renderViewer(trace, run).trimEnd();
  }
}

/**
 * `groupcheck replay FILE` (`-`: standard input): re-executes a trace and prints its chart, or exports it (`--format`
 * mermaid, itf, shiviz, html). Exit 1 when the recorded violation reproduces, 0 when a clean trace
 * replays clean, 3 when the trace diverges (naming the step), 2 when the file is unreadable or
 * invalid. The text chart is followed by its verdict on stdout; every other format is printed
 * alone on stdout (or written to `--out`), with the verdict on stderr.
 */
export async function replayCommand(
  file: string,
  options: ReplayOptions,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const format = REPLAY_FORMATS.find((f) => f === options.format);
  if (format === undefined) {
    throw new UsageError(`--format must be ${REPLAY_FORMATS.join(', ')}, not '${options.format}'`);
  }
  const trace = options.stdin === undefined ? readTrace(file) : readTrace(file, options.stdin);
  const name = file === STDIN_PATH ? STDIN_NAME : file;
  // A user's protocol: load the module the trace names, unless --load or a config already did.
  if (trace.module !== undefined && findProtocol(trace.protocol) === undefined)
    await loadModule(trace.module);
  const run = replay(trace, traceSystem(trace));
  if (run.divergence !== null) {
    err(`groupcheck: ${name} diverges at step ${run.divergence.step}: ${run.divergence.reason}`);
    return EXIT_DIVERGED;
  }
  const document = render(format, name, trace, run);
  const status = format === 'text' && options.out === undefined ? out : err;
  if (options.out === undefined) out(document);
  else {
    writeFileAtomic(options.out, `${document}\n`);
    err(`wrote ${options.out}`);
  }
  if (run.violation === null) {
    status(pc.green(`replayed ${trace.actions.length} actions: no violation, as recorded`));
    return 0;
  }
  status(pc.red(`reproduced: ${run.violation.property} at step ${run.violation.step}`));
  if (run.violation.property === MODEL_ERROR) whereItThrew(trace, run, err);
  return 1;
}

/**
 * A failed step's error is kept as text in the trace; the stack of the throw, on this replay, is
 * printed when asked for (`GROUPCHECK_STACK=1`), or how to ask for it.
 */
function whereItThrew(trace: Trace, run: Replay, err: (line: string) => void): void {
  const step = run.violation!.step;
  const before = run.worlds[step - 1];
  const action = trace.actions[step - 1];
  if (before === undefined || action === undefined) return;
  const move = run.system.resolve(before, action);
  const thrown = typeof move === 'string' ? undefined : run.system.thrownBy(before, move);
  if (!(thrown instanceof Error)) return;
  if (!stacksWanted()) {
    err(`(${STACK_VARIABLE}=1 prints where step ${step} threw)`);
    return;
  }
  err(`where step ${step} threw:`);
  for (const stack of stackLines(thrown)) err(stack);
}
