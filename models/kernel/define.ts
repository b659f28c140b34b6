/**
 * Typed protocol definitions: `defineProtocol` and `defineRole`, the way to write a protocol with
 * no casts, inside this repository or in a user's own project.
 *
 * The parameters type is inferred from the zod schema (`z.infer<typeof schema>`: no hand-written
 * interface, no index signature), and every function of the definition (`configure`, `scenarios`,
 * `bounded`) is checked against it. A role's `recoverInput` sees the machine's own context and
 * input types. What comes out is a plain `Protocol`: the engines, the CLI and `groupcheck/vitest`
 * take it as it is.
 *
 * ```ts
 * const params = z.strictObject({ members: z.number().int().min(2).max(5) });
 * export default defineProtocol({
 *   name: 'ack-transfer',
 *   paramsSchema: params,
 *   configure: (p) => ({ network: 'unordered', nodes: …, inputs: [], faults: {} }),
 *   bounded: (members) => ({ members }),
 *   scenarios: ({ minNodes, maxNodes }) => fc.record({ members: fc.integer({ min: minNodes, max: maxNodes }) }),
 *   …
 * });
 * ```
 */
import type * as fc from 'fast-check';
import type { AnyStateMachine, ContextFrom, InputFrom } from 'xstate';
import { z } from 'zod';
import type { Payload } from './action.ts';
import { hotSchema } from './hot-schema.ts';
import { toJsonObject, type Json } from './json.ts';
import type { Config, Protocol, Role, ScenarioBounds } from './protocol.ts';

/**
 * `T` if it is plain JSON (numbers, strings, booleans, null, arrays and objects of them; `undefined`
 * only as an optional field, which JSON leaves out), else a type that shows which field is not.
 */
export type JsonShaped<T> = unknown extends T
  ? never // `unknown` (or `any`) may hold anything: not known to be JSON
  : Json extends T
    ? T // as wide as any JSON (a free-form field): nothing to look into
    : T extends string | number | boolean | null | undefined
      ? T
      : T extends readonly (infer U)[]
        ? readonly JsonShaped<U>[]
        : T extends (...args: never[]) => unknown
          ? never
          : T extends object
            ? { readonly [K in keyof T]: JsonShaped<T[K]> }
            : never;

/**
 * `T` read-only all the way down: what the typed functions take and give (the engines never change
 * parameters), so a schema's mutable arrays and a hand-written type's `readonly` ones both fit.
 */
export type Frozen<T> = Json extends T
  ? T
  : T extends string | number | boolean | null | undefined
    ? T
    : { readonly [K in keyof T]: Frozen<T[K]> };

/** The parameters a schema describes, as the typed functions see them (read-only). */
export type ParamsOf<S extends z.ZodType> = Frozen<z.output<S>>;

/**
 * Everything a protocol is, typed by its parameters `P`: the fields of `Protocol` with `P` in
 * place of plain JSON (see `Protocol` for what each field means). `P` is inferred from
 * `paramsSchema` alone, so the other functions are checked against the schema, not the other way
 * round.
 */
export interface ProtocolDefinition<P> extends Omit<
  Protocol,
  'paramsSchema' | 'configure' | 'scenarios' | 'bounded' | 'nodes'
> {
  /** Validates parameters (from a trace, a file or `--param`); its output type is `P`. */
  readonly paramsSchema: z.ZodType<P>;
  /** Turns parameters into a concrete system (a function of `Frozen<P>` fits too). */
  readonly configure: (params: NoInfer<P>) => Config;
  /** The parameters fast-check generates for a node count within `bounds`. */
  readonly scenarios: (bounds: ScenarioBounds) => fc.Arbitrary<Frozen<NoInfer<P>>>;
  /** The bounded configuration the exhaustive engine explores for `nodes` nodes. */
  readonly bounded: (nodes: number) => Frozen<NoInfer<P>>;
  /**
   * Node-count bounds and the default for `--nodes`; `param` names the parameter `--nodes` sets
   * (so `--param <it>=3` and `--nodes 3` mean the same), and `counts` says in words what it counts.
   */
  readonly nodes: {
    readonly min: number;
    readonly max: number;
    readonly default: number;
    readonly param?: keyof NoInfer<P> & string;
    readonly counts?: string;
  };
}

/**
 * A protocol as the engines take it, with its typed definition kept (`definition.configure`,
 * `definition.scenarios` and `definition.bounded` take and give `P`, for tests of the model).
 */
export interface DefinedProtocol<P> extends Protocol {
  /** The typed definition it was made from. */
  readonly definition: ProtocolDefinition<P>;
}

/** Nothing more when `P` is plain JSON; otherwise a type error that says so. */
export type JsonParams<P> = [P] extends [JsonShaped<P>]
  ? unknown
  : { readonly paramsSchema: 'the parameters must be plain JSON (a trace records them)' };

/**
 * A protocol from its typed definition, with no casts: `P` (the parameters) is what `paramsSchema`
 * outputs and must be plain JSON (a trace records it). The protocol the engines get checks every
 * parameter set with the schema before `configure` sees it, so the typed functions only ever get
 * parameters of their own type.
 */
export function defineProtocol<P extends object>(
  definition: ProtocolDefinition<P> & JsonParams<P>,
): DefinedProtocol<P> {
  const { paramsSchema, configure, scenarios, bounded } = definition;
  // Where the parameters type is forgotten: `P` is JSON-shaped (checked above), and each set of
  // parameters the engines get is checked to be a JSON object at run time, not cast.
  const erase = (p: Frozen<P>) => toJsonObject(p, `${definition.name}'s parameters`);
  // The random engine configures every scenario: the schema is compiled once that adds up.
  const params = hotSchema(paramsSchema);
  const protocol: DefinedProtocol<P> = {
    ...definition,
    definition,
    paramsSchema,
    configure: (p) => configure(params.parse(p)),
    scenarios: (bounds) => scenarios(bounds).map(erase),
    bounded: (nodes) => erase(bounded(nodes)),
  };
  defined.add(protocol);
  return protocol;
}

/** The protocols `defineProtocol` made (how a loaded module's exports are recognised). */
const defined = new WeakSet<object>();

/** Whether `value` was made by `defineProtocol` (in this copy of groupcheck). */
export function isDefinedProtocol(value: unknown): value is Protocol {
  return typeof value === 'object' && value !== null && defined.has(value);
}

/** A role's options, typed by its machine's context and input. */
export interface RoleOptions<M extends AnyStateMachine> {
  /** Timer events the world may fire (each consumes the `timeout` budget) when the node reacts. */
  readonly timeouts?: readonly Payload[];
  /** Local nondeterministic choices the world may take when the node reacts to them. */
  readonly choices?: readonly Payload[];
  /**
   * What a crashed node restarts with, from its last context and its configured input (default:
   * its configured input, i.e. amnesia). Both must be plain JSON.
   */
  readonly recoverInput?: (lastContext: ContextFrom<M>, input: InputFrom<M>) => InputFrom<M>;
  /**
   * Guarded receives (TLA+'s enabling condition on a receive): a message the machine has no
   * enabled transition for stays in flight, and delivering it is not a step, until the machine
   * takes it. Default `false`: such a message is consumed and ignored, as a real node would.
   */
  readonly guardedReceives?: boolean;
}

/** A role: `machine` and its typed options (see `RoleOptions`). */
export function defineRole<M extends AnyStateMachine>(
  machine: M,
  options: RoleOptions<M> = {},
): Role {
  const { recoverInput, ...rest } = options;
  return {
    machine,
    ...rest,
    ...(recoverInput === undefined
      ? {}
      : {
          // The kernel keeps contexts and inputs as JSON; the machine's own types say what they are.
          recoverInput: (last: Json, input: Json) =>
            recoverInput(last as ContextFrom<M>, input as InputFrom<M>) as Json,
        }),
  };
}

/** A zod schema of any plain-JSON value (for a parameter that holds free-form JSON). */
export const jsonValueSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);

/** A zod schema of an event or message payload: a `type` and plain-JSON fields. */
export const payloadSchema: z.ZodType<Payload> = z
  .object({ type: z.string() })
  .catchall(jsonValueSchema);
