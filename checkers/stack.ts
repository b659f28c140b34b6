/**
 * Where an error was thrown, on request: `GROUPCHECK_STACK=1` makes an internal error or a model
 * error print its stack and its causes', and `replay` print where a trace's failed step threw (a
 * line of the user's machine), which the trace itself does not record (its text is all that is
 * deterministic).
 */

/** The environment variable that asks for stacks. */
export const STACK_VARIABLE = 'GROUPCHECK_STACK';

/** Whether stacks were asked for. */
export function stacksWanted(): boolean {
  return process.env[STACK_VARIABLE] === '1';
}

/** The stack of `e`, then of each error in its `cause` chain (nothing for a non-error). */
export function stackLines(e: unknown): string[] {
  const out: string[] = [];
  for (let cur: unknown = e; cur instanceof Error && out.length < 10; cur = cur.cause) {
    out.push(cur === e ? String(cur.stack) : `caused by ${String(cur.stack)}`);
  }
  return out;
}
