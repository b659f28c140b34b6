/**
 * What a protocol's `configure` must return, as a zod schema: the kernel checks every
 * configuration with it before it builds a system, so a malformed one (a misspelt field, a network
 * kind that does not exist, a negative budget, an input to no node) is a `ModelError` that says
 * where, not a `TypeError` from deep inside the kernel or, worse, a run of something else.
 */
import { z } from 'zod';
import { FAULT_KINDS, type Config, type FaultKind } from './protocol.ts';
import { hotSchema } from './hot-schema.ts';
import { ModelError } from './model-error.ts';

/** Most nodes a configuration has. */
export const MAX_NODES = 30;
/** Most client inputs a configuration has (one bit each in a world). */
export const MAX_INPUTS = 30;

/** A node index or a budget. */
const natural = z.number().int().nonnegative();

/** The schema of a `Config`. Node inputs and events are the model's own JSON: not looked into. */
export const configSchema = z.strictObject({
  network: z.enum(['fifo', 'unordered', 'duplicating']),
  nodes: z
    .array(
      z.strictObject({
        role: z.string(),
        name: z.string(),
        input: z.unknown(),
        out: z.boolean().optional(),
      }),
    )
    .min(1, `a configuration has 1 to ${MAX_NODES} nodes`)
    .max(MAX_NODES, `a configuration has 1 to ${MAX_NODES} nodes`),
  inputs: z
    .array(z.strictObject({ node: natural, event: z.looseObject({ type: z.string() }) }))
    .max(MAX_INPUTS, `a configuration has at most ${MAX_INPUTS} client inputs`),
  faults: z.strictObject(
    Object.fromEntries(FAULT_KINDS.map((k) => [k, natural.optional()])) as Record<
      FaultKind,
      z.ZodOptional<typeof natural>
    >,
  ),
  links: z.array(z.array(natural)).optional(),
});

/** `configSchema` for the checks of every configuration: compiled once a process checks many. */
const hot = hotSchema(configSchema);

/**
 * `config` if it is a configuration as `configSchema` describes; else a `ModelError` saying, in
 * one line, that `what` returned an invalid one and where (`nodes[2].role: …`). What needs the
 * variant or the node count (a role, an input's or a link's node) the system checks as it builds.
 */
export function checkedConfig(config: unknown, what: () => string): Config {
  if (hot.accepts(config)) return config as Config;
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path
      .map((key, i) =>
        typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`,
      )
      .join('');
    const where = path === '' ? '' : `${path}: `;
    throw new ModelError(`${what()} returned an invalid configuration: ${where}${issue.message}`);
  }
  return config as Config;
}
