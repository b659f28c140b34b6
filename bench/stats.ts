/** The median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `measure` `times` times and returns every sample (the first is a warm-up when `warmup`). */
export function samples<T>(times: number, measure: () => T, warmup = true): T[] {
  if (warmup) measure();
  return Array.from({ length: times }, measure);
}

/** A number with thousands separators, for tables. */
export function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** CPU milliseconds (user and system) that `f` takes. */
export function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
