/** Bad input from the user: reported as one line, exit code 2. */
export class UsageError extends Error {}

/** Parses a non-negative integer option, or throws a `UsageError` naming the option. */
export function parseCount(option: string, text: string, min = 0): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${option} must be an integer of at least ${min}, not '${text}'`);
  }
  return value;
}
