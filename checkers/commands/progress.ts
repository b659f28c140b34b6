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
