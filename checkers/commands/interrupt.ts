/** Exit code after Ctrl-C: 128 + SIGINT's number, as shells report a process the signal ended. */
export const EXIT_INTERRUPTED = 130;

/** Shows the terminal's cursor again (a progress bar hides it). */
const SHOW_CURSOR = '\x1b[?25h';

/**
 * Runs `body` with an abort signal that the first SIGINT (Ctrl-C) raises, so a search can stop and
 * report what it has; a second SIGINT exits at once with code 130, the cursor shown again.
 */
export async function withInterrupt<T>(body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => {
    if (!controller.signal.aborted) return controller.abort();
    if (process.stderr.isTTY) process.stderr.write(`${SHOW_CURSOR}\n`);
    process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', onSigint);
  try {
    return await body(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
