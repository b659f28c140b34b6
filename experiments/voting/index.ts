/**
 * `votingExperiments(options)`: the availability analysis of weighted voting (availability.ts) as
 * the `Experiment` objects `groupcheck experiment voting` writes (blocking probability against p on
 * a 3- and a 5-copy suite), and the table of Gifford's examples; with `out`, it writes their CSV,
 * JSON and SVG there itself, and the table as `voting-availability.md`, `.csv` and `.json`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Experiment } from '../experiment.ts';
import { writeExperiment } from '../output.ts';
import {
  availabilityTable,
  blockingCurves,
  csvTable,
  GIFFORD_EXAMPLES,
  markdownTable,
  votingOptionsSchema,
  type TableRow,
  type VotingOptions,
} from './availability.ts';

export { votingOptionsSchema, type VotingOptions } from './availability.ts';

/** What the analysis gives: the plotted experiments, the table's rows and its text forms. */
export interface VotingReport {
  readonly experiments: readonly Experiment[];
  readonly rows: readonly TableRow[];
  /** The table as markdown (for notes.md and the console). */
  readonly table: string;
  /** The table as CSV and as JSON. */
  readonly csv: string;
  readonly json: string;
}

/** The analysis for `options` (defaults: p = 0.01, a million draws, 51 points on the p axis). */
export function votingReport(options: { seed: number } & Partial<VotingOptions>): VotingReport {
  const { seed, p, samples, points } = votingOptionsSchema.parse(options);
  const rows = availabilityTable(GIFFORD_EXAMPLES, p, samples, seed);
  return {
    experiments: [blockingCurves(3, points), blockingCurves(5, points)],
    rows,
    table: markdownTable(rows),
    csv: csvTable(rows),
    // Lists of numbers on one line, as prettier lays out JSON.
    json: `${JSON.stringify(rows, null, 2).replace(/\[\s+([-\d.,\s]+?)\s+\]/g, (_, list: string) => `[${list.split(/,\s*/).join(', ')}]`)}\n`,
  };
}

/** The experiments for `options`; written, with the table, into `options.out` when it is given. */
export function votingExperiments(
  options: { seed: number; out?: string } & Partial<VotingOptions>,
): Experiment[] {
  const { out, ...rest } = options;
  const report = votingReport(rest);
  if (out !== undefined) {
    for (const e of report.experiments) writeExperiment(out, e);
    writeFileSync(path.join(out, 'voting-availability.md'), report.table);
    writeFileSync(path.join(out, 'voting-availability.csv'), report.csv);
    writeFileSync(path.join(out, 'voting-availability.json'), report.json);
  }
  return [...report.experiments];
}
