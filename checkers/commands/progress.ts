import type { ExhaustiveProgress } from '../exhaustive/search.ts';
import cliProgress from 'cli-progress';

/** A progress line on stderr while a variant is checked; silent unless stderr is a terminal. */
export interface Progress {
  /** Reports the scenarios run and world steps taken so far. */
  readonly update: (runs: number, steps: number) => void;
  /** Removes the line. */
  readonly stop: () => void;
}

/** A progress bar for `total` scenarios labelled `label`. */
export function progressReporter(label: string, total: number): Progress {
  if (!process.stderr.isTTY || process.env['CI'] !== undefined)
    return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
      format: `${label} [{bar}] {value}/{total} scenarios, {steps} steps`,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { steps: 0 });
  return {
    update: (runs, steps) => bar.update(Math.min(runs, total), { steps }),
    stop: () => bar.stop(),
  };
}

/**
 * A one-line status on stderr for searches of unknown size (states, transitions, queue, depth,
 * states/s), redrawn at most four times a second; silent unless stderr is a terminal. Call with
 * null to clear it.
 */
export function progressLine(label: string): (p: ExhaustiveProgress | null) => void {
  if (!process.stderr.isTTY || process.env['CI'] !== undefined) return () => {};
  const start = performance.now();
  let last = 0;
  return (p) => {
    if (p === null) {
      process.stderr.write('\r\x1b[2K');
      return;
    }
    const now = performance.now();
    if (now - last < 250) return;
    last = now;
    const rate = Math.round(p.distinct / ((now - start) / 1000));
    process.stderr.write(
      `\r\x1b[2K${label}: ${p.distinct} states, ${p.transitions} transitions, queue ${p.queue}, depth ${p.depth}, ${rate} states/s`,
    );
  };
}
