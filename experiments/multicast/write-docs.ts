/**
 * Writes the default multicast experiment (seed 1) into docs/experiments/, the files prefixed
 * `multicast-`: `npx tsx experiments/multicast/write-docs.ts [dir]` (about 20 s). The same files as
 * `groupcheck experiment multicast --seed 1 --out docs/experiments` once the lead wires it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { multicastReport, TABLE_FILES } from './index.ts';
import { writeExperiment, writeText } from '../output.ts';

/** Runs the default experiment and writes its plots, series and tables into `dir`. */
export function writeMulticastDocs(dir: string): string[] {
  const report = multicastReport({ seed: 1 });
  const files = report.experiments.flatMap((e) => writeExperiment(dir, e));
  const [md, csv, json] = TABLE_FILES as [string, string, string];
  files.push(writeText(dir, md, report.table));
  files.push(writeText(dir, csv, report.csv));
  files.push(writeText(dir, json, report.json));
  return files;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
) {
  for (const f of writeMulticastDocs(process.argv[2] ?? 'docs/experiments'))
    console.log(`wrote ${f}`);
}
