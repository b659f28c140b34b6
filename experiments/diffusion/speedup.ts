/**
 * The diffusion performance experiment: makespan and speed-up against the number of workers, for
 * whole requests (round-robin, least-loaded) and request parts, with workers that crash at a given
 * rate and a tail of slow workers, against the same workload run serially. Each point is the mean
 * of several trials; a trial fixes the workload and each worker's fate (slowness, crash times) from
 * the seed, so adding workers keeps the fates of the first ones and the curves are comparable.
 */
import {
  leastLoaded,
  requestParts,
  roundRobin,
  type Policy,
} from '../../models/diffusion/policies.ts';
import { z } from 'zod';
import type { Experiment, Row, Series } from '../experiment.ts';
import { Rng } from '../rng.ts';
import { serialTime, simulate, type SimSetting } from './sim.ts';

/** The experiment's knobs (every one has a default). */
export interface DiffusionOptions {
  /** The seed: the same seed gives the same files, byte for byte. */
  readonly seed: number;
  /** Largest number of workers (the sweep runs 1..maxWorkers). */
  readonly maxWorkers?: number;
  /** Requests in the workload. */
  readonly requests?: number;
  /** Trials averaged per point. */
  readonly trials?: number;
  /** Crashes per worker per time unit (exponential inter-crash times). */
  readonly crashRate?: number;
  /** Fraction of workers that are slow. */
  readonly slowFraction?: number;
  /** How many times longer a slow worker takes. */
  readonly slowFactor?: number;
}

/** The defaults: 64 requests, 5 trials, 1 crash per 2,000 time units per worker, 10% slow (×5). */
export const DEFAULTS: Required<Omit<DiffusionOptions, 'seed'>> = {
  maxWorkers: 32,
  requests: 64,
  trials: 5,
  crashRate: 0.0005,
  slowFraction: 0.1,
  slowFactor: 5,
};

/**
 * The options' schema: what `measure` accepts (a bad value gets a one-line message naming it, for
 * the command line to print).
 */
export const diffusionOptionsSchema = z.strictObject({
  seed: z.number().int().nonnegative(),
  maxWorkers: z
    .number()
    .int()
    .min(1, { error: 'at least one worker: a server group needs a worker' })
    .max(256)
    .optional(),
  requests: z.number().int().min(1).max(10_000).optional(),
  trials: z.number().int().min(1).max(1000).optional(),
  crashRate: z
    .number()
    .min(0)
    .max(0.01, { error: 'at most 0.01 crashes per worker per unit' })
    .optional(),
  slowFraction: z.number().min(0).max(1).optional(),
  slowFactor: z.number().min(1).max(100).optional(),
});

/** Fixed costs: message latency, per-part set-up, the re-dispatch deadline, crash repair time. */
const LATENCY = 1;
const STARTUP = 2;
const TIMEOUT_FACTOR = 2;
const REPAIR = 200;

/** The label of the fault-free mode. */
const FAULT_FREE = 'request parts, no crash or slow worker';

/** The modes measured, with their labels; the last one without faults, to show what they cost. */
const MODES: readonly {
  readonly label: string;
  readonly policy: Policy;
  readonly faults: boolean;
}[] = [
  { label: 'whole requests, round-robin', policy: roundRobin, faults: true },
  { label: 'whole requests, least-loaded', policy: leastLoaded, faults: true },
  { label: 'request parts (one per worker)', policy: requestParts, faults: true },
  { label: FAULT_FREE, policy: requestParts, faults: false },
];

/**
 * A workload: mostly requests of 20 to 99 items, one in ten of 200 to 399 (a tail of large ones),
 * as strings of letters.
 */
export function workload(rng: Rng, count: number): string[] {
  return Array.from({ length: count }, () => {
    const size = rng.next() < 0.1 ? 200 + rng.int(200) : 20 + rng.int(80);
    return Array.from({ length: size }, () => String.fromCharCode(97 + rng.int(26))).join('');
  });
}

/** A worker's fate in one trial: its slowness and its crash times up to `horizon`. */
function fate(rng: Rng, o: Required<DiffusionOptions>, horizon: number) {
  const slowness = rng.next() < o.slowFraction ? o.slowFactor : 1;
  const crashes: number[] = [];
  if (o.crashRate > 0) {
    for (let t = -Math.log(1 - rng.next()) / o.crashRate; t < horizon;) {
      crashes.push(t);
      t += REPAIR - Math.log(1 - rng.next()) / o.crashRate;
    }
  }
  return { slowness, crashes };
}

/** One point per mode and worker count: mean makespan, re-dispatches and late answers. */
export interface Measure {
  readonly mode: string;
  readonly workers: number;
  readonly makespan: number;
  readonly speedup: number;
  readonly redispatches: number;
  readonly lateAnswers: number;
}

/** Runs the sweep; returns the serial baseline and every measure. */
export function measure(options: DiffusionOptions): { serial: number; measures: Measure[] } {
  const o: Required<DiffusionOptions> = { ...DEFAULTS, ...diffusionOptionsSchema.parse(options) };
  const trials = Array.from({ length: o.trials }, (_, t) => {
    const requests = workload(new Rng(o.seed * 1000 + t), o.requests);
    const serial = serialTime(requests, STARTUP);
    // Every worker's fate over a horizon no run reaches: the serial time at the slowest speed.
    const fates = Array.from({ length: o.maxWorkers }, (_, w) =>
      fate(new Rng(o.seed * 1_000_003 + t * 7919 + w), o, serial * o.slowFactor * 4),
    );
    return { requests, serial, fates };
  });
  const serial = mean(trials.map((t) => t.serial));
  const measures: Measure[] = [];
  for (const { label, policy, faults } of MODES) {
    for (let workers = 1; workers <= o.maxWorkers; workers++) {
      const runs = trials.map((t) => {
        const fates = t.fates.slice(0, workers);
        const setting: SimSetting = {
          policy,
          requests: t.requests,
          split: workers,
          slowness: fates.map((f) => (faults ? f.slowness : 1)),
          crashes: fates.map((f) => (faults ? f.crashes : [])),
          repair: REPAIR,
          latency: LATENCY,
          startup: STARTUP,
          timeoutFactor: TIMEOUT_FACTOR,
        };
        return { ...simulate(setting), serial: t.serial };
      });
      measures.push({
        mode: label,
        workers,
        makespan: round(mean(runs.map((r) => r.makespan))),
        speedup: round(mean(runs.map((r) => r.serial / r.makespan))),
        redispatches: round(mean(runs.map((r) => r.redispatches))),
        lateAnswers: round(mean(runs.map((r) => r.lateAnswers))),
      });
    }
  }
  return { serial: round(serial), measures };
}

/**
 * The experiments from a sweep's measures: `diffusion-makespan` (with the serial baseline),
 * `diffusion-speedup` and `diffusion-redispatches`, against the number of workers.
 */
export function experimentsOf(
  serial: number,
  measures: readonly Measure[],
  options: DiffusionOptions,
): Experiment[] {
  const o = { ...DEFAULTS, ...options };
  const series = (y: (m: Measure) => number): Series[] =>
    MODES.map(({ label }) => ({
      name: label,
      rows: measures.filter((m) => m.mode === label).map((m): Row => ({ x: m.workers, y: y(m) })),
    }));
  const xs = Array.from({ length: o.maxWorkers }, (_, i) => i + 1);
  const setting =
    `${o.requests} requests, ${o.crashRate} crashes/worker/unit, ` +
    `${Math.round(o.slowFraction * 100)}% slow ×${o.slowFactor}`;
  const faulty = (list: Series[]) => list.filter((s) => s.name !== FAULT_FREE);
  return [
    {
      name: 'diffusion-makespan',
      title: `Makespan against workers (${setting})`,
      xLabel: 'workers',
      yLabel: 'makespan (time units)',
      logY: true,
      // The plotter has four colours: the fault-free run is in the speed-up plot and the table.
      series: [
        {
          name: 'serial baseline (one worker, no faults)',
          rows: xs.map((x) => ({ x, y: serial })),
        },
        ...faulty(series((m) => m.makespan)),
      ],
    },
    {
      name: 'diffusion-speedup',
      title: `Speed-up over the serial run (${setting})`,
      xLabel: 'workers',
      yLabel: 'serial time / makespan (ideal: N)',
      series: series((m) => m.speedup),
    },
    {
      name: 'diffusion-redispatches',
      title: `Parts dispatched again after a timeout (${setting})`,
      xLabel: 'workers',
      yLabel: 're-dispatches per run',
      series: faulty(series((m) => m.redispatches)),
    },
  ];
}

/** The sweep's experiments and its table, from one run of the simulator. */
export function diffusionReport(options: DiffusionOptions): {
  experiments: Experiment[];
  table: string;
} {
  const { serial, measures } = measure(options);
  return { experiments: experimentsOf(serial, measures, options), table: table(serial, measures) };
}

/** The measures as a Markdown table, at the worker counts 1, 2, 4, 8, 16, 32 (those present). */
export function table(serial: number, measures: readonly Measure[]): string {
  const shown = measures.filter((m) => [1, 2, 4, 8, 16, 32].includes(m.workers));
  const lines = [
    `Serial baseline: ${serial} time units.`,
    '',
    '| mode | workers | makespan | speed-up | re-dispatches | late answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...shown.map(
      (m) =>
        `| ${m.mode} | ${m.workers} | ${m.makespan} | ${m.speedup} | ${m.redispatches} | ${m.lateAnswers} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
