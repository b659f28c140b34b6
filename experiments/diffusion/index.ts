/**
 * `diffusionExperiments(options)`: the diffusion performance experiment (speedup.ts) as the
 * `Experiment` objects `groupcheck experiment diffusion` writes; with `out`, it writes their CSV,
 * JSON and SVG there itself, and the table of every measure as `diffusion-table.md`.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Experiment } from '../experiment.ts';
import { writeExperiment } from '../output.ts';
import { diffusionReport, type DiffusionOptions } from './speedup.ts';

export { DEFAULTS, diffusionReport, type DiffusionOptions } from './speedup.ts';

/** The experiments for `options`; written into `options.out` when it is given. */
export function diffusionExperiments(options: DiffusionOptions & { out?: string }): Experiment[] {
  const { out, ...rest } = options;
  const { experiments, table } = diffusionReport(rest);
  if (out !== undefined) {
    for (const e of experiments) writeExperiment(out, e);
    writeFileSync(path.join(out, 'diffusion-table.md'), table);
  }
  return experiments;
}
