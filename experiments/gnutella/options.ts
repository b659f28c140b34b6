/**
 * The settings of `groupcheck experiment gnutella` (`--param key=value`), as a zod schema: a bad
 * value is refused with a message naming the valid values or the bounds. The defaults follow the
 * setup of Lv, Cao, Cohen, Li and Shenker (ICS 2002): about 10,000 nodes of average degree about
 * 4, 100 objects queried with a Zipf-like distribution (α = 1.2), copies averaging 1% of the nodes
 * per object, 16 walkers checking back every 4 steps, and Gnutella's default TTL of 7. The
 * flow-controlled walk's settings (Gia's, Chawathe et al., SIGCOMM 2003, have no single value):
 * 2 tokens per connection and a queue of 4 walkers per servent.
 */
import { z } from 'zod';
import { TOPOLOGIES, type Topology } from './graph.ts';
import { REPLICATIONS, type Replication } from './objects.ts';

const topologies = [...TOPOLOGIES, 'all'] as const;
const replications = [...REPLICATIONS, 'all'] as const;
/** A bound's message (the command line prefixes the setting's name). */
const range = (lo: number, hi: number, what = '') => ({
  error: `must be ${what}between ${lo} and ${hi}`,
});

/** An integer setting's message. */
const WHOLE = { error: 'must be a whole number' };

/** An optional whole-number setting from `lo` to `hi` (`what` says what it counts, in messages). */
const whole = (lo: number, hi: number, what = '') =>
  z
    .number()
    .int(WHOLE)
    .min(lo, range(lo, hi, what))
    .max(hi, range(lo, hi, what))
    .optional();

/** A list's message, naming the value given and the valid ones. */
const oneOf = (values: readonly string[]) => ({
  error: (issue: { input?: unknown }) =>
    `must be one of ${values.join(', ')} (not '${String(issue.input)}')`,
});

/** The options' schema (`seed` and every setting; each setting has a default). */
export const gnutellaOptionsSchema = z
  .strictObject({
    seed: z.number().int().nonnegative(),
    nodes: whole(1000, 100000),
    topology: z.enum(topologies, oneOf(topologies)).optional(),
    replication: z.enum(replications, oneOf(replications)).optional(),
    degree: z
      .number({ error: 'must be a number (the average degree)' })
      .min(2, range(2, 20, 'an average degree '))
      .max(20, range(2, 20, 'an average degree '))
      .optional(),
    queries: whole(1, 100000),
    ttl: whole(1, 20),
    walkers: whole(1, 256),
    walkSteps: whole(1, 100000, 'a walker’s TTL in steps, '),
    check: whole(1, 64, 'the steps between check-backs, '),
    objects: whole(1, 10000),
    alpha: z.number().min(0, range(0, 3)).max(3, range(0, 3)).optional(),
    ratio: z
      .number()
      .gt(0, { error: 'must be above 0 (copies per object / nodes)' })
      .max(1, { error: 'must be at most 1 (copies per object / nodes)' })
      .optional(),
    latency: whole(1, 100),
    credit: whole(1, 64, 'the tokens per connection, '),
    queue: whole(1, 256, 'the walkers a servent may queue, '),
  })
  .refine((o) => o.topology !== 'grid' || o.degree === undefined || o.degree === 4, {
    error: 'degree: a grid has degree 4 (2 and 3 on its edges); leave degree out for topology=grid',
  });

/** The options as given (every setting optional). */
export type GnutellaOptions = z.infer<typeof gnutellaOptionsSchema>;

/** The options with every default filled in and the selections expanded. */
export interface Settings {
  readonly seed: number;
  readonly nodes: number;
  readonly topologies: readonly Topology[];
  readonly replications: readonly Replication[];
  readonly degree: number;
  readonly queries: number;
  readonly ttl: number;
  readonly walkers: number;
  readonly walkSteps: number;
  readonly check: number;
  readonly objects: number;
  readonly alpha: number;
  readonly ratio: number;
  readonly latency: number;
  /** Flow control: tokens each servent grants each neighbour, and the bound on its queue. */
  readonly credit: number;
  readonly queue: number;
}

/** The defaults (the paper's setup where it has one). */
export const DEFAULTS = {
  nodes: 10_000,
  degree: 4,
  queries: 500,
  ttl: 7,
  walkers: 16,
  walkSteps: 1024,
  check: 4,
  objects: 100,
  alpha: 1.2,
  ratio: 0.01,
  latency: 1,
  credit: 2,
  queue: 4,
} as const;

/** Validates `options` (throws zod's error on a bad one) and fills in the defaults. */
export function settingsOf(options: { seed: number } & Partial<GnutellaOptions>): Settings {
  const o = gnutellaOptionsSchema.parse(options);
  const topology = o.topology ?? 'all';
  const replication = o.replication ?? 'all';
  return {
    seed: o.seed,
    nodes: o.nodes ?? DEFAULTS.nodes,
    topologies: topology === 'all' ? TOPOLOGIES : [topology],
    replications: replication === 'all' ? REPLICATIONS : [replication],
    degree: o.degree ?? DEFAULTS.degree,
    queries: o.queries ?? DEFAULTS.queries,
    ttl: o.ttl ?? DEFAULTS.ttl,
    walkers: o.walkers ?? DEFAULTS.walkers,
    walkSteps: o.walkSteps ?? DEFAULTS.walkSteps,
    check: o.check ?? DEFAULTS.check,
    objects: o.objects ?? DEFAULTS.objects,
    alpha: o.alpha ?? DEFAULTS.alpha,
    ratio: o.ratio ?? DEFAULTS.ratio,
    latency: o.latency ?? DEFAULTS.latency,
    credit: o.credit ?? DEFAULTS.credit,
    queue: o.queue ?? DEFAULTS.queue,
  };
}
