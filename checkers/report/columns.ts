/** Plain-text table helpers: aligned columns, short numbers and durations. */

/** Columns between two cells. */
const GAP = '  ';

/** Display width of plain text (every character here is one column wide). */
const width = (text: string) => [...text].length;

/**
 * Lines of `rows` with every column padded to its widest cell, separated by two spaces; `right`
 * says which columns are right-aligned. A row given as a string is a heading, printed as is.
 */
export function alignColumns(
  rows: readonly (readonly string[] | string)[],
  right: readonly boolean[],
): string[] {
  const widths: number[] = [];
  for (const r of rows) {
    if (typeof r === 'string') continue;
    r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  }
  return rows.map((r) => {
    if (typeof r === 'string') return r;
    const cells = r.map((cell, i) => {
      const pad = ' '.repeat((widths[i] ?? 0) - width(cell));
      return right[i] === true ? pad + cell : cell + pad;
    });
    return cells.join(GAP).trimEnd();
  });
}

/** `text` cut to `max` columns, ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A count in at most five characters: exact below 10,000, else three digits and k, M or G. */
export function compactCount(n: number): string {
  const value = Math.round(n);
  if (value < 10_000) return String(value);
  for (const [unit, size] of [
    ['k', 1e3],
    ['M', 1e6],
    ['G', 1e9],
  ] as const) {
    const scaled = value / size;
    if (scaled < 999.5 || unit === 'G') {
      return `${scaled < 99.95 ? scaled.toPrecision(3) : Math.round(scaled)}${unit}`;
    }
  }
  return String(value);
}

/** A wall time in at most seven characters: `412 ms`, `3.4 s`, `42 s`, `12m 05s`, `26h 40m`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  const minutes = Math.round(whole / 60);
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
