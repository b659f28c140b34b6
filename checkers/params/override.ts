/**
 * `--param key=value`: a protocol's parameters set on the command line. The overrides are checked
 * up front (known keys, then the protocol's schema on the bounded configuration they change), each
 * error as one line; then the exhaustive engine explores `{ ...bounded(n), ...overrides }` and the
 * random engine applies them to every parameter set it draws, skipping those the schema rejects.
 */
import type { Json, JsonObject } from '../../models/kernel/json.ts';
import type { Protocol } from '../../models/kernel/protocol.ts';
import { UsageError } from '../usage-error.ts';

/** One `--param key=value`, parsed. */
export interface ParamOverride {
  /** The parameter's name. */
  readonly key: string;
  /** The value: JSON when it parses as JSON (`3`, `[0,1]`, `true`), else the text itself. */
  readonly value: Json;
  /** What the user wrote, for error messages. */
  readonly text: string;
}

/** Parses one `key=value`; throws a `UsageError` when there is no `=` or no key. */
export function parseParam(text: string): ParamOverride {
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || key === '') {
    throw new UsageError(`--param takes key=value (e.g. --param members=3), not '${text}'`);
  }
  const raw = text.slice(eq + 1);
  let value: Json;
  try {
    value = JSON.parse(raw) as Json;
  } catch {
    value = raw;
  }
  return { key, value, text };
}

/** Parses every `--param`; a key given twice is an error. */
export function parseParams(texts: readonly string[]): ParamOverride[] {
  const parsed = texts.map(parseParam);
  const seen = new Set<string>();
  for (const p of parsed) {
    if (seen.has(p.key)) throw new UsageError(`--param ${p.key} is given more than once`);
    seen.add(p.key);
  }
  return parsed;
}

/** A protocol's parameters with their values in its bounded configuration at its default node count. */
export function defaultParameters(protocol: Protocol): JsonObject {
  return protocol.bounded(protocol.nodes.default);
}

/**
 * The names `--param` accepts: the bounded configuration's keys, then any other key the schema's
 * object shape declares (an optional parameter the bounded configuration leaves out).
 */
export function parameterNames(protocol: Protocol): string[] {
  const names = Object.keys(defaultParameters(protocol));
  const schema: object = protocol.paramsSchema;
  const shape = 'shape' in schema && typeof schema.shape === 'object' ? (schema.shape ?? {}) : {};
  for (const key of Object.keys(shape)) if (!names.includes(key)) names.push(key);
  return names;
}

/** Consecutive random draws the schema may reject before `--param` is declared unsatisfiable. */
export const MAX_REJECTED_DRAWS = 10_000;

/**
 * `protocol` with `overrides` applied: its bounded configuration is `{ ...bounded(n), ...overrides }`
 * and its scenarios are the drawn parameters with the overrides applied (`map`), those the schema
 * rejects skipped (`filter`), so fast-check still shrinks them. Its manifest is left out: pinned
 * figures are for the unchanged configurations.
 */
export function withOverrides(protocol: Protocol, overrides: JsonObject): Protocol {
  if (Object.keys(overrides).length === 0) return protocol;
  const { manifest: _pinned, ...rest } = protocol;
  const fits = (p: JsonObject) => protocol.paramsSchema.safeParse(p).success;
  return {
    ...rest,
    bounded: (nodes) => ({ ...protocol.bounded(nodes), ...overrides }),
    variants: protocol.variants.map((v) =>
      v.bounded === undefined
        ? v
        : { ...v, bounded: (nodes: number) => ({ ...v.bounded!(nodes), ...overrides }) },
    ),
    scenarios: (bounds) => {
      let rejected = 0;
      return protocol
        .scenarios(bounds)
        .map((p): JsonObject => ({ ...p, ...overrides }))
        .filter((p) => {
          if (fits(p)) {
            rejected = 0;
            return true;
          }
          if (++rejected >= MAX_REJECTED_DRAWS) {
            throw new UsageError(
              `--param: none of ${MAX_REJECTED_DRAWS} parameter sets drawn for ${protocol.name} fit ${JSON.stringify(overrides)}`,
            );
          }
          return false;
        });
    },
  };
}

/** A protocol ready to check with `--param`: the overridden protocol and the node count it fixes. */
export interface Overridden {
  /** The protocol with the overrides applied (`withOverrides`). */
  readonly protocol: Protocol;
  /** The node count: `--nodes`, or the value of the parameter `--nodes` sets; absent: neither. */
  readonly nodes?: number;
}

/**
 * Checks `overrides` against `protocol` and applies them. Errors, each a one-line `UsageError`: an
 * unknown key; the parameter `--nodes` sets and `--nodes` disagreeing; the schema rejecting the
 * bounded configuration at the chosen node count with the overrides applied (an error about an
 * overridden key first); that parameter outside the protocol's node range.
 */
export function resolveOverrides(
  protocol: Protocol,
  overrides: readonly ParamOverride[],
  nodes?: number,
): Overridden {
  const names = parameterNames(protocol);
  for (const o of overrides) {
    if (!names.includes(o.key)) {
      throw new UsageError(
        `unknown parameter '${o.key}' for ${protocol.name} (its parameters: ${names.join(', ')})`,
      );
    }
  }
  const { min, max, param } = protocol.nodes;
  const fixing = overrides.find((o) => o.key === param);
  if (fixing !== undefined && nodes !== undefined && fixing.value !== nodes) {
    throw new UsageError(
      `--param ${fixing.text} and --nodes ${nodes} disagree: ${param} is what --nodes sets`,
    );
  }
  const fixed =
    typeof fixing?.value === 'number' && Number.isInteger(fixing.value) ? fixing.value : undefined;
  const inRange = fixed !== undefined && fixed >= min && fixed <= max;
  const n = inRange ? fixed : (nodes ?? protocol.nodes.default);
  const values: JsonObject = Object.fromEntries(overrides.map((o) => [o.key, o.value]));
  const parsed = protocol.paramsSchema.safeParse({ ...protocol.bounded(n), ...values });
  const issues = parsed.success ? [] : parsed.error.issues;
  const where = (path: readonly PropertyKey[]) =>
    path.length === 0 ? '' : `${path.map(String).join('.')}: `;
  const own = issues.find((i) => overrides.some((o) => o.key === String(i.path[0])));
  if (own !== undefined) {
    const o = overrides.find((x) => x.key === String(own.path[0]))!;
    throw new UsageError(`--param ${o.text}: ${where(own.path)}${own.message}`);
  }
  if (fixing !== undefined && !inRange) {
    const counts = protocol.nodes.counts === undefined ? '' : ` (${protocol.nodes.counts})`;
    throw new UsageError(
      `--param ${fixing.text}: ${param} is what --nodes counts${counts}, ${min} to ${max} for ${protocol.name}`,
    );
  }
  const first = issues[0];
  if (first !== undefined) {
    const all = overrides.map((o) => `--param ${o.text}`).join(' ');
    throw new UsageError(`${all}: ${where(first.path)}${first.message}`);
  }
  const count = fixed ?? nodes;
  return {
    protocol: withOverrides(protocol, values),
    ...(count === undefined ? {} : { nodes: count }),
  };
}

/**
 * `check`'s targets with `--param` applied: the raw `key=value` texts parsed, checked against the
 * one protocol the targets share, and that protocol replaced by its overridden copy; `nodes` is the
 * node count to check with. No `--param`: the targets as they are. With `--all`: an error.
 */
export function applyParams<T extends { readonly protocol: Protocol }>(
  targets: readonly T[],
  options: {
    readonly all: boolean;
    readonly paramArgs?: readonly string[];
    readonly nodes?: number;
  },
): { targets: readonly T[]; nodes?: number } {
  const texts = options.paramArgs ?? [];
  const same = options.nodes === undefined ? {} : { nodes: options.nodes };
  if (texts.length === 0) return { targets, ...same };
  const overrides = parseParams(texts);
  if (options.all) {
    throw new UsageError("--param sets one protocol's parameters: not with --all");
  }
  const names = [...new Set(targets.map((t) => t.protocol.name))];
  if (names.length > 1) {
    throw new UsageError(`--param sets one protocol's parameters, not ${names.join(', ')}'s`);
  }
  const protocol = targets[0]?.protocol;
  if (protocol === undefined) return { targets, ...same };
  const resolved = resolveOverrides(protocol, overrides, options.nodes);
  return {
    targets: targets.map((t) => ({ ...t, protocol: resolved.protocol })),
    ...(resolved.nodes === undefined ? {} : { nodes: resolved.nodes }),
  };
}
