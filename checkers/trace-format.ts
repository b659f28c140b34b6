import { z } from 'zod';
import type { Action } from '../models/kernel/action.ts';
import type { JsonObject } from '../models/kernel/json.ts';
import type { StepViolation } from './evaluate.ts';

/** The trace format's name, as written in every trace file. */
export const TRACE_FORMAT = 'groupcheck-trace';
/** The trace format's version; a reader refuses other versions. */
export const TRACE_VERSION = 1;

/**
 * A reproducible run: which system, which actions, what went wrong. Every engine writes it and
 * `groupcheck replay` re-executes it. See docs/trace-format.md.
 */
export interface Trace {
  /** Always `groupcheck-trace`. */
  readonly format: typeof TRACE_FORMAT;
  /** Always 1 for this reader. */
  readonly version: typeof TRACE_VERSION;
  /** Protocol name. */
  readonly protocol: string;
  /** For a user's protocol: the module defining it, relative to where `check` ran (`/`-separated). */
  readonly module?: string;
  /** Variant name. */
  readonly variant: string;
  /** The engine that found it (`random`, `exhaustive`…). */
  readonly engine: string;
  /** The engine's seed (the random engine's fast-check seed), if any. */
  readonly seed: number | null;
  /** The protocol parameters (what `Protocol.configure` turns into a system). */
  readonly config: JsonObject;
  /** Node display names, by index (informational; replay uses the config). */
  readonly nodes: readonly string[];
  /** The actions, in order. */
  readonly actions: readonly Action[];
  /** A fingerprint of the world after each action, so replay can tell where a changed model diverges. */
  readonly states: readonly string[];
  /** The violation the trace demonstrates, with the 1-based step where it shows; null for a clean run. */
  readonly violation: StepViolation | null;
}

const json: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(json),
    z.record(z.string(), json),
  ]),
);
const payload = z.object({ type: z.string() }).catchall(json);
const node = z.number().int().nonnegative();
const link = { from: node, to: node, msg: payload };

/** The schema of an action in a trace. */
export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('deliver'), ...link }),
  z.strictObject({ type: z.literal('drop'), ...link }),
  z.strictObject({ type: z.literal('duplicate'), ...link }),
  z.strictObject({ type: z.literal('crash'), node }),
  z.strictObject({ type: z.literal('recover'), node }),
  z.strictObject({ type: z.literal('join'), node }),
  z.strictObject({ type: z.literal('leave'), node }),
  z.strictObject({ type: z.literal('partition'), side: z.array(node).min(1) }),
  z.strictObject({ type: z.literal('heal') }),
  z.strictObject({ type: z.literal('expire') }),
  z.strictObject({ type: z.literal('timeout'), node, event: payload }),
  z.strictObject({ type: z.literal('choose'), node, event: payload }),
  z.strictObject({ type: z.literal('input'), node, event: payload }),
]);

/** The schema of a whole trace file. */
export const traceSchema = z
  .strictObject({
    format: z.literal(TRACE_FORMAT).describe('always "groupcheck-trace"'),
    version: z.literal(TRACE_VERSION).describe('the trace format version; readers refuse others'),
    protocol: z.string().min(1).describe('protocol name, as `groupcheck list` shows it'),
    module: z
      .string()
      .min(1)
      .optional()
      .describe(
        "for a user's protocol: the module that defines it (a protocol or config file, relative to the directory check ran in), loaded again by replay",
      ),
    variant: z.string().min(1).describe('variant name (a correct algorithm or a mutant)'),
    engine: z.string().min(1).describe('the engine that found the trace: random, exhaustive...'),
    seed: z.number().int().nullable().describe("the engine's seed, or null"),
    config: z
      .record(z.string(), json)
      .describe("the protocol's parameters (validated by the protocol on replay)"),
    nodes: z.array(z.string()).describe('node display names by index (informational)'),
    actions: z
      .array(actionSchema)
      .describe('the steps, in order; nodes are indices into the configuration'),
    states: z
      .array(z.string().regex(/^[0-9a-f]{16}$/))
      .describe(
        'fingerprint of the world after each action (64-bit hex), to detect a changed model',
      ),
    violation: z
      .strictObject({
        property: z.string().describe('the violated property'),
        message: z.string().describe('one line: what went wrong'),
        nodes: z.array(node).describe('the nodes involved'),
        messages: z.array(z.string()).describe('the messages (requests, keys...) involved'),
        step: z
          .number()
          .int()
          .nonnegative()
          .describe('1-based step after which the violation shows'),
        loop: z
          .discriminatedUnion('kind', [
            z.strictObject({ from: z.number().int().nonnegative(), kind: z.literal('state') }),
            z.strictObject({
              from: z.number().int().nonnegative(),
              kind: z.literal('pattern'),
              drain: z.number().int().positive(),
            }),
          ])
          .optional()
          .describe(
            'a livelock: steps from+1..step repeat (state: the last world is the one after step ' +
              'from; pattern: a fair drain of `drain` more steps neither quiesces nor leaves the pattern)',
          ),
      })
      .nullable()
      .describe('the violation the trace demonstrates, or null for a clean run'),
  })
  .refine((t) => t.states.length === t.actions.length, {
    message: 'states must hold one fingerprint per action',
    path: ['states'],
  })
  .describe('A groupcheck counterexample trace (see docs/trace-format.md)');

/** The trace format as a JSON Schema (draft 2020-12), for tools outside groupcheck. */
export function traceJsonSchema(): unknown {
  return z.toJSONSchema(traceSchema, { io: 'input' });
}
