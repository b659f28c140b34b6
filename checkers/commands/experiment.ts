/**
 * `groupcheck experiment <protocol>`: a protocol's experiments at a scale or over a range the
 * engines do not check, written as files (CSV, JSON, SVG, and a markdown table where there is one).
 * - `freenet`: the simulator's three experiments (Clarke et al. 2001, section 5) and the discovery
 *   rate of the model's own scenarios (`--nodes`, `--steps`);
 * - `diffusion`: makespan, speed-up and re-dispatches against the number of workers, for whole
 *   requests and request parts, with crashes and slow workers (`--param maxWorkers=…`, `requests`,
 *   `trials`, `crashRate`, `slowFraction`, `slowFactor`);
 * - `voting`: the probability that a read or a write cannot gather its quorum (Gifford 1979's
 *   examples, exact and Monte Carlo) and blocking against p on 3- and 5-copy suites (`--param
 *   p=0.01`, `samples`, `points`);
 * - `multicast`: link stress, relative delay penalty and resource usage of unicast, IP multicast
 *   (DVMRP's tree) and a Narada overlay on Waxman and transit-stub underlays of up to 1,000
 *   routers, as the group grows and as members churn (`--param topology=waxman`, `routers`,
 *   `groups`, `trials`, `churn`, `churnGroup`, `repairRounds`, `rounds`, `ttl`);
 * - `gnutella`: 1,000 to 100,000 servents on random, power-law, small-world and grid overlays:
 *   flooding, expanding ring and k random walkers as Lv et al. (ICS 2002) measure them, traffic
 *   against TTL, slow peers with and without reflectors, Napster's index load (`--param
 *   nodes=100000`, `topology`, `replication`, `degree`, `queries`, `ttl`, `walkers`, `walkSteps`,
 *   `check`, `objects`, `alpha`, `ratio`, `latency`).
 */
import { mkdirSync } from 'node:fs';
import type { Experiment } from '../../experiments/experiment.ts';
import { writeExperiment, writeText } from '../../experiments/output.ts';
import type { Json } from '../../models/kernel/json.ts';
import { parseParams } from '../params/override.ts';
import { parseCount, UsageError } from '../usage-error.ts';

/** Where the files go by default: `results/<protocol>` (experiments/ holds the code). */
export const DEFAULT_OUT = 'results/<protocol>';

/** Options as the command line gives them (strings, unparsed). */
export interface ExperimentArgs {
  readonly nodes?: string;
  readonly seed?: string;
  /** Timesteps of learning per node. */
  readonly steps?: string;
  readonly out?: string;
  /** `key=value` settings of the experiment (`--param`). */
  readonly param?: readonly string[];
}

/** What an experiment run gives: its series, tables to write beside them, lines to print. */
interface Outcome {
  readonly experiments: readonly Experiment[];
  readonly tables: readonly { name: string; text: string }[];
  readonly lines: readonly string[];
}

/** A protocol's experiments, from the parsed seed and the raw arguments. */
type Runner = (
  seed: number,
  args: ExperimentArgs,
  params: Record<string, Json>,
) => Promise<Outcome>;

const RUNNERS: Record<string, Runner> = {
  freenet: async (seed, args, params) => {
    if (Object.keys(params).length > 0)
      throw new UsageError('freenet takes --nodes and --steps, not --param');
    const { discoveryRate } = await import('../../experiments/freenet/discovery-rate.ts');
    const { experimentOptions, runExperiments } =
      await import('../../experiments/freenet/path-length.ts');
    const nodes = parseCount('--nodes', args.nodes ?? '1000', 20);
    if (nodes > 100_000) throw new UsageError(`--nodes must be at most 100000, not '${nodes}'`);
    const steps = parseCount('--steps', args.steps ?? '10', 1);
    if (steps > 1000) throw new UsageError(`--steps must be at most 1000, not '${steps}'`);
    // The model's scenarios run at a size the kernel explores (5 nodes) whatever --nodes says;
    // their count follows --nodes (200 per point at the default 1,000), so small runs stay quick.
    const perPoint = Math.min(200, Math.max(20, Math.round(nodes / 5)));
    const experiments = [
      ...runExperiments(experimentOptions(nodes, seed, steps)),
      discoveryRate(seed, 5, perPoint),
    ];
    return { experiments, tables: [], lines: [] };
  },
  diffusion: async (seed, args, params) => {
    onlyParams('diffusion', args);
    const { diffusionReport, diffusionOptionsSchema } =
      await import('../../experiments/diffusion/speedup.ts');
    const options = validated('diffusion', diffusionOptionsSchema, { seed, ...params });
    const { experiments, table } = diffusionReport(options);
    return { experiments, tables: [{ name: 'diffusion-table.md', text: table }], lines: [table] };
  },
  voting: async (seed, args, params) => {
    onlyParams('voting', args);
    const { votingReport, votingOptionsSchema } = await import('../../experiments/voting/index.ts');
    const options = validated('voting', votingOptionsSchema, { seed, ...params });
    const report = votingReport(options);
    return {
      experiments: report.experiments,
      tables: [
        { name: 'voting-availability.md', text: report.table },
        { name: 'voting-availability.csv', text: report.csv },
        { name: 'voting-availability.json', text: report.json },
      ],
      lines: [report.table],
    };
  },
  multicast: async (seed, args, params) => {
    onlyParams('multicast', args);
    const { multicastReport, multicastOptionsSchema } =
      await import('../../experiments/multicast/index.ts');
    const options = validated('multicast', multicastOptionsSchema, { seed, ...params });
    const report = multicastReport(options);
    return {
      experiments: report.experiments,
      tables: [
        { name: 'multicast-table.md', text: report.table },
        { name: 'multicast-points.csv', text: report.csv },
        { name: 'multicast-points.json', text: report.json },
      ],
      lines: [report.table],
    };
  },
  gnutella: async (seed, args, params) => {
    onlyParams('gnutella', args);
    const { gnutellaReport, gnutellaOptionsSchema } =
      await import('../../experiments/gnutella/index.ts');
    const report = gnutellaReport(
      validated('gnutella', gnutellaOptionsSchema, { seed, ...params }),
    );
    return {
      experiments: report.experiments,
      tables: [
        { name: 'gnutella-table.md', text: report.table },
        { name: 'gnutella-table.csv', text: report.csv },
        { name: 'gnutella-table.json', text: report.json },
      ],
      lines: [report.table],
    };
  },
};

/** Protocols with experiments. */
export const EXPERIMENTS = Object.keys(RUNNERS);

/** `--nodes` and `--steps` are Freenet's: another protocol's settings are `--param`s. */
function onlyParams(protocol: string, args: ExperimentArgs): void {
  for (const [flag, value] of [
    ['--nodes', args.nodes],
    ['--steps', args.steps],
  ] as const) {
    if (value !== undefined)
      throw new UsageError(`${flag} is freenet's; ${protocol} takes --param`);
  }
}

/** A zod object schema, as far as `validated` needs it. */
interface Settings<T> {
  readonly shape: object;
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** `input` checked with `schema`: an unknown key or its first problem as one line. */
function validated<T>(protocol: string, schema: Settings<T>, input: Record<string, Json>): T {
  const known = Object.keys(schema.shape).filter((k) => k !== 'seed');
  const unknown = Object.keys(input).find((k) => k !== 'seed' && !known.includes(k));
  if (unknown !== undefined)
    throw new UsageError(
      `--param ${unknown}: ${protocol} has no such setting (its settings: ${known.join(', ')})`,
    );
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
  throw new UsageError(`--param ${where}${issue.message}`);
}

/** Runs the experiments of `protocol` and writes their files; resolves to the exit code. */
export async function experimentCommand(
  protocol: string,
  args: ExperimentArgs,
  out: (line: string) => void,
): Promise<number> {
  const runner = RUNNERS[protocol];
  if (runner === undefined) {
    throw new UsageError(`no experiment for '${protocol}' (have: ${EXPERIMENTS.join(', ')})`);
  }
  const seed = parseCount('--seed', args.seed ?? '1');
  const params = Object.fromEntries(parseParams(args.param ?? []).map((p) => [p.key, p.value]));
  const dir = args.out ?? DEFAULT_OUT.replace('<protocol>', protocol);
  // A bad --out is the user's: one line, not a stack trace, and before minutes of simulation.
  const writable = <T>(write: () => T): T => {
    try {
      return write();
    } catch (err) {
      throw new UsageError(`cannot write to ${dir}: ${(err as Error).message.split('\n')[0]}`);
    }
  };
  writable(() => mkdirSync(dir, { recursive: true }));
  const outcome = await runner(seed, args, params);
  for (const e of outcome.experiments) {
    const files = writable(() => writeExperiment(dir, e));
    const summary = e.series
      .map((s) => `${s.name}: ${s.rows.map((r) => `${r.x}→${r.y}`).join(' ')}`)
      .join('; ');
    out(`${e.name}: ${summary}`);
    out(`  wrote ${files.join(', ')}`);
  }
  for (const t of outcome.tables) out(`  wrote ${writable(() => writeText(dir, t.name, t.text))}`);
  for (const line of outcome.lines) out(line.trimEnd());
  return 0;
}
