/**
 * `groupcheck experiment freenet`: the simulator's three experiments (Clarke et al. 2001, section
 * 5) and the discovery rate of the model's own scenarios, written as files.
 */
import { mkdirSync } from 'node:fs';
import { discoveryRate } from '../../experiments/freenet/discovery-rate.ts';
import { experimentOptions, runExperiments } from '../../experiments/freenet/path-length.ts';
import { writeExperiment } from '../../experiments/output.ts';
import { parseCount, UsageError } from '../usage-error.ts';

/** Where the files go by default (experiments/ holds the experiments' code, not their output). */
export const DEFAULT_OUT = 'results/freenet';

/** Protocols with a large-scale simulator. */
export const EXPERIMENTS = ['freenet'];

/** Options as the command line gives them (strings, unparsed). */
export interface ExperimentArgs {
  readonly nodes?: string;
  readonly seed?: string;
  /** Timesteps of learning per node. */
  readonly steps?: string;
  readonly out?: string;
}

/** Runs the experiments of `protocol` and writes their files; resolves to the exit code. */
export function experimentCommand(
  protocol: string,
  args: ExperimentArgs,
  out: (line: string) => void,
): number {
  if (!EXPERIMENTS.includes(protocol)) {
    throw new UsageError(`no experiment for '${protocol}' (have: ${EXPERIMENTS.join(', ')})`);
  }
  const nodes = parseCount('--nodes', args.nodes ?? '1000', 20);
  if (nodes > 100_000) throw new UsageError(`--nodes must be at most 100000, not '${nodes}'`);
  const seed = parseCount('--seed', args.seed ?? '1');
  const steps = parseCount('--steps', args.steps ?? '10', 1);
  if (steps > 1000) throw new UsageError(`--steps must be at most 1000, not '${steps}'`);
  const dir = args.out ?? DEFAULT_OUT;
  // A bad --out is the user's: one line, not a stack trace, and before minutes of simulation.
  const writable = <T>(write: () => T): T => {
    try {
      return write();
    } catch (err) {
      throw new UsageError(`cannot write to ${dir}: ${(err as Error).message.split('\n')[0]}`);
    }
  };
  writable(() => mkdirSync(dir, { recursive: true }));
  // The model's scenarios run at a size the kernel explores (5 nodes) whatever --nodes says; their
  // count follows --nodes (200 per point at the default 1,000), so small runs stay quick.
  const perPoint = Math.min(200, Math.max(20, Math.round(nodes / 5)));
  const experiments = [
    ...runExperiments(experimentOptions(nodes, seed, steps)),
    discoveryRate(seed, 5, perPoint),
  ];
  for (const e of experiments) {
    const files = writable(() => writeExperiment(dir, e));
    const summary = e.series
      .map((s) => `${s.name}: ${s.rows.map((r) => `${r.x}→${r.y}`).join(' ')}`)
      .join('; ');
    out(`${e.name}: ${summary}`);
    out(`  wrote ${files.join(', ')}`);
  }
  return 0;
}
