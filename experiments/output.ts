/** Writes an experiment's series (CSV, JSON) and plot (SVG), each atomically. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Experiment } from './experiment.ts';
import { plot } from './plot.ts';

/** The experiment's series as CSV: one `series,x,y` row per point. */
export function toCsv(e: Experiment): string {
  const lines = ['series,x,y'];
  for (const s of e.series) for (const r of s.rows) lines.push(`"${s.name}",${r.x},${r.y}`);
  return `${lines.join('\n')}\n`;
}

// A reader never sees a half-written file: write beside it, then rename over it.
function writeAtomic(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/** Writes `<name>.csv`, `<name>.json` and `<name>.svg` into `dir`; returns the paths. */
export function writeExperiment(dir: string, e: Experiment): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    [`${e.name}.csv`, toCsv(e)],
    [`${e.name}.json`, `${JSON.stringify(e, null, 2)}\n`],
    [`${e.name}.svg`, plot(e)],
  ];
  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    writeAtomic(file, text);
    return file;
  });
}

/** Writes `text` as `dir/name` atomically (a table beside the series); returns the file's path. */
export function writeText(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeAtomic(file, text);
  return file;
}
