import type { ExhaustiveProgress } from '../exhaustive/search.ts';
import cliProgress from 'cli-progress';

/** The part of a writable stream that progress reports use. */
export interface ProgressStream {
  /** A terminal gets a redrawn bar; anything else, plain lines. */
  readonly isTTY?: boolean;
  /** Terminal width. */
  readonly columns?: number;
  write(text: string): boolean;
}

/** Where progress goes and how often. */
export interface ProgressOptions {
  /** Default: standard error. */
  readonly stream?: ProgressStream;
  /**
   * Without a terminal, the least time between two lines, in ms (default: the
   * `GROUPCHECK_PROGRESS_MS` environment variable, else `DEFAULT_PROGRESS_MS`).
   */
  readonly intervalMs?: number;
  /**
   * Whether this runs in CI, where a terminal still gets plain lines (default: whether the `CI`
   * environment variable is set).
   */
  readonly ci?: boolean;
}

/** Without a terminal, a progress line at most this often (ms), the first one this long after the start. */
export const DEFAULT_PROGRESS_MS = 5000;

/** A progress report on stderr while a variant is checked. */
export interface Progress {
  /** Reports the scenarios run and world steps taken so far. */
  readonly update: (runs: number, steps: number) => void;
  /** Removes a bar (and shows the cursor again). */
  readonly stop: () => void;
}

interface Settings {
  readonly stream: ProgressStream;
  /** A redrawn bar or line (a terminal outside CI), or plain lines. */
  readonly redraw: boolean;
  /** Whether a plain line is due now; if so, the seconds since the start. */
  readonly due: () => number | null;
}

function settings(options: ProgressOptions): Settings {
  const stream = options.stream ?? process.stderr;
  const fromEnv = process.env['GROUPCHECK_PROGRESS_MS'];
  const intervalMs =
    options.intervalMs ??
    (fromEnv !== undefined && /^\d+$/.test(fromEnv) ? Number(fromEnv) : DEFAULT_PROGRESS_MS);
  const start = performance.now();
  let last = start;
  return {
    stream,
    redraw: stream.isTTY === true && !(options.ci ?? process.env['CI'] !== undefined),
    due: () => {
      const now = performance.now();
      if (now - last < intervalMs) return null;
      last = now;
      return (now - start) / 1000;
    },
  };
}

/** `n` per second over `seconds`, rounded. */
const perSecond = (n: number, seconds: number) => (seconds <= 0 ? 0 : Math.round(n / seconds));

/**
 * Progress of `total` scenarios labelled `label`: on a terminal a bar (the cursor hidden while it
 * shows), otherwise a plain line once every interval (TLC style), e.g.
 * `total-order/lamport: 350/1000 scenarios, 38412 world steps, 8120 steps/s, 5 s`.
 */
export function progressReporter(
  label: string,
  total: number,
  options: ProgressOptions = {},
): Progress {
  const s = settings(options);
  if (!s.redraw) {
    return {
      update: (runs, steps) => {
        const seconds = s.due();
        if (seconds === null) return;
        s.stream.write(
          `${label}: ${runs}/${total} scenarios, ${steps} world steps, ` +
            `${perSecond(steps, seconds)} steps/s, ${Math.round(seconds)} s\n`,
        );
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: s.stream as NodeJS.WritableStream,
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
 * Progress of a search of unknown size: on a terminal one status line redrawn at most four times
 * a second, otherwise a plain line once every interval, e.g. `total-order/lamport: 748980 states
 * generated, 186113 distinct, queue 310, depth 21, 40213 distinct/s, 5 s`. Call with null to
 * clear a redrawn line.
 */
export function progressLine(
  label: string,
  options: ProgressOptions = {},
): (p: ExhaustiveProgress | null) => void {
  const s = settings(
    options.intervalMs === undefined && isRedrawn(options)
      ? { ...options, intervalMs: 250 }
      : options,
  );
  return (p) => {
    if (p === null) {
      if (s.redraw) s.stream.write('\r\x1b[2K');
      return;
    }
    const seconds = s.due();
    if (seconds === null) return;
    // Parallel workers report their shared store's size alone.
    const search =
      p.transitions === 0
        ? `${p.distinct} distinct`
        : `${p.transitions} states generated, ${p.distinct} distinct, queue ${p.queue}, depth ${p.depth}`;
    const figures = `${search}, ${perSecond(p.distinct, seconds)} distinct/s, ${Math.round(seconds)} s`;
    s.stream.write(s.redraw ? `\r\x1b[2K${label}: ${figures}` : `${label}: ${figures}\n`);
  };
}

function isRedrawn(options: ProgressOptions): boolean {
  return (options.stream ?? process.stderr).isTTY === true && process.env['CI'] === undefined;
}
