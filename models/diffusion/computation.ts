/**
 * The computation the server group performs, chosen so that a wrong combination shows: a request's
 * result is the ordered concatenation of its items, each mapped (upper-cased). Parts are
 * contiguous slices, so consolidating them out of order, twice or without one of them gives a
 * string that differs from the sequential result. Pure and shared by the roles, the properties'
 * configuration and the simulator.
 */

/** What a worker computes on a slice of a request: each item (character) upper-cased. */
export function compute(slice: string): string {
  return slice.toUpperCase();
}

/**
 * `input` cut into at most `k` contiguous, non-empty slices of nearly equal length, in order (one
 * slice for an empty input). Their concatenation is `input`.
 */
export function slices(input: string, k: number): string[] {
  const n = Math.max(1, Math.min(k, input.length));
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = start + Math.floor(input.length / n) + (i < input.length % n ? 1 : 0);
    out.push(input.slice(start, end));
    start = end;
  }
  return out;
}
