/**
 * The multicast experiment's settings and their schema: `groupcheck experiment multicast --param
 * key=value` checks each with it, and a bad value gets a one-line message naming it.
 */
import { z } from 'zod';
import { TOPOLOGIES } from './underlay.ts';

/** The topology setting: one generator or both. */
export const TOPOLOGY_CHOICES = [...TOPOLOGIES, 'both'] as const;

/** The defaults: both topologies, 1,000 routers, groups of 16 to 256, three trials per point. */
export const MULTICAST_DEFAULTS = {
  topology: 'both',
  routers: 1000,
  groups: [16, 32, 64, 128, 256],
  trials: 3,
  churn: [0, 0.1, 0.25, 0.5],
  churnGroup: 128,
  repairRounds: 3,
  rounds: 20,
  ttl: 255,
} as const;

/** The options' schema (every setting but the seed has a default). */
export const multicastOptionsSchema = z.strictObject({
  seed: z.number().int().nonnegative(),
  topology: z
    .enum(TOPOLOGY_CHOICES, {
      error: (issue) =>
        `unknown topology ${JSON.stringify(issue.input)} (valid: ${TOPOLOGY_CHOICES.join(', ')})`,
    })
    .default(MULTICAST_DEFAULTS.topology),
  routers: z
    .number()
    .int()
    .min(100, { error: 'at least 100 routers (the underlays are 100 to 1,000 routers)' })
    .max(1000, { error: 'at most 1,000 routers' })
    .default(MULTICAST_DEFAULTS.routers),
  groups: z
    .array(
      z
        .number()
        .int()
        .min(2, { error: 'a group needs a source and a receiver: at least 2 members' })
        .max(512, { error: 'at most 512 members in a group' }),
    )
    .min(1, { error: 'give at least one group size, e.g. [16,64]' })
    .default([...MULTICAST_DEFAULTS.groups]),
  trials: z.number().int().min(1).max(50).default(MULTICAST_DEFAULTS.trials),
  churn: z
    .array(
      z
        .number()
        .min(0, { error: 'a churn fraction is at least 0' })
        .max(0.9, { error: 'a churn fraction is at most 0.9 (the source stays)' }),
    )
    .default([...MULTICAST_DEFAULTS.churn]),
  churnGroup: z
    .number()
    .int()
    .min(4, { error: 'churn needs a group of at least 4 members' })
    .max(512)
    .default(MULTICAST_DEFAULTS.churnGroup),
  repairRounds: z.number().int().min(0).max(50).default(MULTICAST_DEFAULTS.repairRounds),
  rounds: z
    .number()
    .int()
    .min(0, { error: 'Narada refinement rounds are at least 0 (0: the bootstrap mesh as joined)' })
    .max(200)
    .default(MULTICAST_DEFAULTS.rounds),
  ttl: z
    .number()
    .int()
    .min(0, { error: 'a TTL is at least 0' })
    .max(255, { error: 'a TTL is at most 255' })
    .default(MULTICAST_DEFAULTS.ttl),
});

/** The options as given (defaults optional). */
export type MulticastInput = z.input<typeof multicastOptionsSchema>;

/** The options with every default filled in. */
export type MulticastOptions = z.output<typeof multicastOptionsSchema>;
