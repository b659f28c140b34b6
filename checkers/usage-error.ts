/** Bad input from the user: reported as one line, exit code 2. */
export class UsageError extends Error {}

/**
 * Parses an integer option in `[min, max]`, or throws a `UsageError` naming the option and its
 * range. Only plain decimal digits are accepted: `1e3`, `0x10` and `-1` are not counts.
 */
export function parseCount(option: string, text: string, min = 0, max?: number): number {
  const value = Number(text);
  const inRange =
    /^\d+$/.test(text.trim()) &&
    Number.isSafeInteger(value) &&
    value >= min &&
    (max === undefined || value <= max);
  if (!inRange) {
    const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${option} must be an integer ${range}, not '${text}'`);
  }
  return value;
}
