/**
 * What an experiment yields: named series of {x, y} rows and how to plot them. Experiments run a
 * protocol's logic at a scale or over a range the engines do not check (experiments/<protocol>/);
 * output.ts writes them as CSV, JSON and SVG.
 */

/** One plotted row. */
export interface Row {
  readonly x: number;
  readonly y: number;
}

/** A named curve. */
export interface Series {
  readonly name: string;
  readonly rows: readonly Row[];
}

/** An experiment's result: its series and axis labels. */
export interface Experiment {
  readonly name: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Plot y on a log scale (path lengths that span three orders of magnitude). */
  readonly logY?: boolean;
  readonly series: readonly Series[];
}
