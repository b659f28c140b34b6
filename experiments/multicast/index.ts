/**
 * `multicastReport(options)`: the multicast experiment (issue 14) — on Waxman and transit-stub
 * underlays of 100 to 1,000 routers, one packet from a source to a group by unicast, by IP
 * multicast (DVMRP's reverse-path tree) and by a Narada overlay, with link stress, relative delay
 * penalty and resource usage as the group grows and as members churn. It returns the plotted
 * experiments and the tables; `multicastExperiments` also writes them into `out`.
 */
import type { Experiment } from '../experiment.ts';
import { writeExperiment, writeText } from '../output.ts';
import { multicastOptionsSchema, type MulticastInput, type MulticastOptions } from './options.ts';
import { experimentsOf, sweep, tableOf, type Sweep } from './report.ts';

export {
  multicastOptionsSchema,
  MULTICAST_DEFAULTS,
  type MulticastInput,
  type MulticastOptions,
} from './options.ts';

/** What the experiment gives: plots, the measured rows, the table as Markdown, CSV and JSON. */
export interface MulticastReport {
  readonly experiments: readonly Experiment[];
  readonly options: MulticastOptions;
  readonly sweep: Sweep;
  /** The tables as Markdown (for the docs and the console). */
  readonly table: string;
  /** Every measured point as CSV (one row per topology, group, scheme) and as JSON. */
  readonly csv: string;
  readonly json: string;
}

/** Runs the experiment for `options` (see options.ts for the settings and their defaults). */
export function multicastReport(options: MulticastInput): MulticastReport {
  const o = multicastOptionsSchema.parse(options);
  const s = sweep(o);
  return {
    experiments: experimentsOf(s, o),
    options: o,
    sweep: s,
    table: tableOf(s, o),
    csv: csvOf(s),
    json: `${JSON.stringify({ options: o, ...s }, null, 2)}\n`,
  };
}

/** The files `multicastExperiments` writes beside the plots. */
export const TABLE_FILES = ['multicast-table.md', 'multicast-points.csv', 'multicast-points.json'];

/** The experiments for `options`; written, with the tables, into `options.out` when given. */
export function multicastExperiments(options: MulticastInput & { out?: string }): Experiment[] {
  const { out, ...rest } = options;
  const report = multicastReport(rest);
  if (out !== undefined) {
    for (const e of report.experiments) writeExperiment(out, e);
    const [md, csv, json] = TABLE_FILES as [string, string, string];
    writeText(out, md, report.table);
    writeText(out, csv, report.csv);
    writeText(out, json, report.json);
  }
  return [...report.experiments];
}

/** Every point as CSV: growth rows (churn empty) and churn rows, one line per scheme. */
function csvOf(s: Sweep): string {
  const head =
    'topology,members,churn,scheme,meanStress,maxStress,resource,resourceRatio,rdpMedian,rdp90,reached,forwarded';
  const line = (
    t: string,
    members: number,
    churn: string,
    scheme: string,
    m: Sweep['growth'][number]['schemes']['ip'],
  ) =>
    [t, members, churn, scheme, m.meanStress, m.maxStress, m.resource, m.resourceRatio]
      .concat([m.rdpMedian, m.rdp90, m.reached, m.forwarded])
      .join(',');
  const lines = [head];
  for (const r of s.growth) {
    for (const [scheme, m] of Object.entries(r.schemes)) {
      lines.push(line(r.topology, r.members, '', scheme, m));
    }
  }
  for (const r of s.churn) {
    lines.push(line(r.topology, r.members, String(r.churn), 'overlay-repaired', r.repaired));
    lines.push(line(r.topology, r.members, String(r.churn), 'overlay-refined', r.refined));
    lines.push(line(r.topology, r.members, String(r.churn), 'ip', r.ip));
  }
  return `${lines.join('\n')}\n`;
}
