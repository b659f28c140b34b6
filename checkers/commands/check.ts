import { comparePin, type PinComparison } from '../pins.ts';
import pc from 'picocolors';
import { findProtocol, knownProtocols, protocols } from '../../models/index.ts';
import { registeredProtocols } from '../../models/registry.ts';
import type { Protocol, Variant } from '../../models/kernel/protocol.ts';
import { emitJunit } from '../report/junit.ts';
import { summaryTable } from '../report/summary-table.ts';
import { renderTextChart } from '../report/text-chart.ts';
import { traceChart } from '../report/trace-chart.ts';
import { execute } from '../replay.ts';
import { traceSystem } from '../trace-system.ts';
import { assertWritable, writeTrace, type Trace } from '../trace.ts';
import { applyParams, parseParams } from '../params/override.ts';
import type { JsonObject } from '../../models/kernel/json.ts';
import { caughtBreaking } from '../caught.ts';
import { randomShare, type Shard } from '../shard.ts';
import { UsageError } from '../usage-error.ts';
import { runEngine, type EngineIo, type EngineOptions, type ExhaustiveFigures } from './engines.ts';
import { EXIT_INTERRUPTED } from './interrupt.ts';

export { EXIT_INTERRUPTED } from './interrupt.ts';

/** Exit code of `check` when a bounded search stopped early without finding a violation. */
export const EXIT_INCOMPLETE = 3;

/** The largest `--seed`: fast-check's seeds are 32-bit. */
export const MAX_SEED = 2 ** 32 - 1;
/** The largest `--runs`. */
export const MAX_RUNS = 1_000_000_000;
/** The most `--workers`. */
export const MAX_WORKERS = 64;

/** The version of the `check --json` shape (`CheckReport`). */
export const CHECK_JSON_VERSION = 1;

/** Where `check` prints, and how it learns to stop. */
export interface CheckIo extends EngineIo {
  /** Results: text, or the one JSON object. */
  readonly out: (line: string) => void;
  /** Status: a trace that could not be written. */
  readonly err: (line: string) => void;
}

/**
 * What `check --json` prints: one object of this shape, whatever the number of results. Within a
 * version fields are only ever added, never removed or changed.
 */
export interface CheckReport {
  /** `CHECK_JSON_VERSION`; a change of shape changes it. */
  readonly version: number;
  /** The parameters set with `--param` (`{}` without): every result was checked with them. */
  readonly params: JsonObject;
  /** Whether the exit code is 0. */
  readonly ok: boolean;
  /** Whether Ctrl-C stopped the run (then `results` holds the checks run so far). */
  readonly interrupted: boolean;
  /** Whether it was `--all` (success: every outcome as expected, mutants caught). */
  readonly all: boolean;
  /** This run's shard of a run split over machines (`--shard i/n`), or null. */
  readonly shard: Shard | null;
  /** One per protocol, variant and engine checked, in order. */
  readonly results: readonly CheckResult[];
}

/** Options of `groupcheck check`, parsed and validated. */
export interface CheckOptions extends Omit<EngineOptions, 'engine'> {
  /** The engines to run, each on every selected variant. */
  readonly engines: readonly EngineOptions['engine'][];
  /** Protocol name (absent with `all`). */
  readonly protocol?: string;
  /** Several protocols by name (those a protocol file defines), instead of `protocol`. */
  readonly protocols?: readonly string[];
  /** Check every protocol. */
  readonly all: boolean;
  /** Also run the mutants, each expected to break its declared property. */
  readonly mutants: boolean;
  /** Variant name. */
  readonly variant?: string;
  /** Where to write a counterexample trace (single variant only). */
  readonly traceOut?: string;
  /** `--param key=value` texts: the one protocol's parameters (see params/override.ts). */
  readonly paramArgs?: readonly string[];
  /** Print one JSON object instead of text. */
  readonly json: boolean;
  /** A JUnit XML report: to `out` (atomically), else alone on stdout instead of text. */
  readonly junit?: { readonly out?: string };
}

/** A violation as `check` reports it, with where its trace went. */
export interface ReportedViolation {
  readonly property: string;
  readonly message: string;
  readonly nodes: readonly number[];
  readonly messages: readonly string[];
  readonly step: number;
  /** Actions in the trace (0 when there is none, e.g. an unreachable `sometimes`). */
  readonly actions: number;
  /** The trace file, or null. */
  readonly trace: string | null;
  /** Why the trace could not be written, or null. */
  readonly traceError: string | null;
}

/** The outcome of checking one variant, as `--json` prints it. */
export interface CheckResult {
  readonly protocol: string;
  readonly variant: string;
  /** `correct`, or `mutant` (expected to violate `breaks`). */
  readonly kind: 'correct' | 'mutant';
  readonly breaks: string | null;
  readonly engine: string;
  readonly seed: number;
  /** Whether every property held. */
  readonly ok: boolean;
  /** Whether the budget or state space was fully covered (false: a bound stopped the search). */
  readonly complete: boolean;
  /** Why the search stopped early, if it did. */
  readonly stopped: string | null;
  /** Whether the outcome is the expected one (a correct variant held; a mutant broke its property). */
  readonly expected: boolean;
  /** Scenarios run (random) or distinct states (exhaustive). */
  readonly runs: number;
  /** World steps (random) or transitions (exhaustive). */
  readonly steps: number;
  readonly elapsedMs: number;
  /** Local transitions answered from the memo, as a share of all (random). */
  readonly memoHitRate: number;
  /** Exhaustive-search figures. */
  readonly exhaustive?: ExhaustiveFigures;
  /** Random: the scheduler, PCT's depth and whether swarm testing was on. */
  readonly random?: {
    readonly scheduler: string;
    readonly depth: number | null;
    readonly swarm: boolean;
  };
  readonly violations: readonly ReportedViolation[];
  /** The exhaustive figures next to the manifest's pin (null: nothing pinned to compare). */
  readonly pin: PinComparison | null;
}

/**
 * `groupcheck check`. A single protocol: exit 1 on a violation, 3 when a bound stopped an
 * exhaustive search first, else 0. `--all`: exit 0 when every outcome was the expected one.
 */
export async function checkCommand(options: CheckOptions, io: CheckIo): Promise<number> {
  const { out } = io;
  if (options.traceOut !== undefined) assertWritable(options.traceOut);
  const chosen = applyParams(selectTargets(options), options);
  const overrides: JsonObject = Object.fromEntries(
    parseParams(options.paramArgs ?? []).map((p) => [p.key, p.value]),
  );
  const targets = chosen.targets.flatMap((t) =>
    options.engines.map((engine) => ({ ...t, engine })),
  );
  const results: CheckResult[] = [];
  const machine = options.json || (options.junit !== undefined && options.junit.out === undefined);
  for (const { protocol, variant, engine } of targets) {
    if (io.signal?.aborted === true) break;
    const single = targets.length === 1;
    const traceOut = single ? options.traceOut : undefined;
    const { result, trace } = await checkVariant(
      protocol,
      variant,
      { ...options, ...(chosen.nodes === undefined ? {} : { nodes: chosen.nodes }), engine },
      io,
      traceOut,
    );
    results.push(result);
    if (!machine && single) printSingle(result, trace, overrides, options.shard ?? null, out);
  }
  const interrupted = io.signal?.aborted === true;
  let code = exitCode(options, results, interrupted);
  if (options.junit !== undefined && !emitJunit(results, options.junit.out, out, io.err))
    code = code === 0 ? 2 : code;
  if (options.json) {
    const report: CheckReport = {
      version: CHECK_JSON_VERSION,
      params: overrides,
      ok: code === 0,
      interrupted,
      all: options.all,
      shard: options.shard ?? null,
      results,
    };
    out(JSON.stringify(report, null, 2));
  } else if (!machine && targets.length > 1) {
    out(summaryTable(results));
    const all = results.every((r) => r.expected);
    out(
      interrupted
        ? pc.yellow(`interrupted after ${results.length} of ${targets.length} checks`)
        : all
          ? pc.green(`all ${results.length} checks as expected`)
          : pc.red('some checks did not go as expected'),
    );
  }
  return code;
}

/**
 * `check`'s exit code (and `merge`'s): 130 after Ctrl-C. With --all the question is "did everything go as expected" (mutants caught);
 * otherwise it is "did every property hold", so checking a mutant exits 1.
 */
export function exitCode(
  options: Pick<CheckOptions, 'all'>,
  results: readonly Pick<CheckResult, 'ok' | 'complete' | 'expected'>[],
  interrupted: boolean,
): number {
  if (interrupted) return EXIT_INTERRUPTED;
  if (options.all) return results.every((r) => r.expected) ? 0 : 1;
  if (results.some((r) => !r.ok)) return 1;
  return results.every((r) => r.complete) ? 0 : EXIT_INCOMPLETE;
}

function selectTargets(options: CheckOptions): { protocol: Protocol; variant: Variant }[] {
  const pick = (protocol: Protocol) =>
    protocol.variants
      .filter((v) => options.mutants || v.breaks === undefined)
      .map((variant) => ({ protocol, variant }));
  if (options.all) {
    if (options.protocol !== undefined || options.variant !== undefined) {
      throw new UsageError('--all checks every protocol: give no protocol or --variant with it');
    }
    if (options.traceOut !== undefined)
      throw new UsageError('--trace-out needs a single variant, not --all');
    if (options.nodes !== undefined)
      throw new UsageError('--nodes needs a single protocol, not --all');
    // With users' protocols loaded (a config, --load), --all means theirs.
    const loaded = registeredProtocols();
    return (loaded.length > 0 ? loaded : protocols).flatMap(pick);
  }
  if (options.protocols !== undefined && options.protocols.length > 1) {
    if (
      options.variant !== undefined ||
      options.traceOut !== undefined ||
      options.nodes !== undefined
    )
      throw new UsageError(
        `the file defines ${options.protocols.length} protocols (${options.protocols.join(', ')}): --variant, --nodes and --trace-out need one; name it instead of the file`,
      );
    return options.protocols.map((name) => findProtocol(name)!).flatMap(pick);
  }
  const name = options.protocol ?? options.protocols?.[0];
  if (name === undefined)
    throw new UsageError('name a protocol, or use --all (see: groupcheck list)');
  const protocol = findProtocol(name);
  if (protocol === undefined) {
    const known = knownProtocols()
      .map((p) => p.name)
      .join(', ');
    throw new UsageError(
      `unknown protocol '${name}' (known: ${known}; a file of your own: groupcheck check ./my-protocol.ts)`,
    );
  }
  const { min, max } = protocol.nodes;
  if (options.nodes !== undefined && (options.nodes < min || options.nodes > max)) {
    throw new UsageError(`--nodes for ${protocol.name} must be ${min} to ${max}`);
  }
  if (options.symmetry && protocol.symmetry === undefined) {
    throw new UsageError(
      `protocol ${protocol.name} declares no node symmetry, so --symmetry cannot apply`,
    );
  }
  if (options.variant === undefined) {
    const chosen = pick(protocol);
    if ((chosen.length > 1 || options.engines.length > 1) && options.traceOut !== undefined) {
      throw new UsageError('--trace-out needs a single variant: add --variant');
    }
    return chosen;
  }
  const variant = protocol.variants.find((v) => v.name === options.variant);
  if (variant === undefined) {
    const known = protocol.variants.map((v) => v.name).join(', ');
    throw new UsageError(
      `protocol ${protocol.name} has no variant '${options.variant}' (known: ${known})`,
    );
  }
  if (options.engines.length > 1 && options.traceOut !== undefined) {
    throw new UsageError('--trace-out needs a single engine: --engine all runs two');
  }
  return [{ protocol, variant }];
}

async function checkVariant(
  protocol: Protocol,
  variant: Variant,
  options: CheckOptions & EngineOptions,
  io: CheckIo,
  traceOut?: string,
): Promise<{ result: CheckResult; trace: Trace | null }> {
  const start = performance.now();
  const found = await runEngine(protocol, variant, options, io);
  const elapsedMs = Math.round(performance.now() - start);
  const violations: ReportedViolation[] = [];
  if (found.trace !== null && found.trace.violation !== null) {
    const path = traceOut ?? `traces/${protocol.name}.${variant.name}.${options.engine}.trace.json`;
    // The violation is the result: a trace that cannot be written is reported, never lost with it.
    let written: { trace: string | null; traceError: string | null };
    try {
      writeTrace(path, found.trace);
      written = { trace: path, traceError: null };
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      written = { trace: null, traceError: e.message };
      io.err(`groupcheck: ${e.message}`);
    }
    violations.push({ ...found.trace.violation, actions: found.trace.actions.length, ...written });
  }
  for (const u of found.unreached) {
    const message = `never reached in a complete search: ${u.statement}`;
    violations.push({
      property: u.property,
      message,
      nodes: [],
      messages: [],
      step: 0,
      actions: 0,
      trace: null,
      traceError: null,
    });
  }
  const mutant = variant.breaks !== undefined;
  const ok = violations.length === 0;
  const result: CheckResult = {
    protocol: protocol.name,
    variant: variant.name,
    kind: mutant ? 'mutant' : 'correct',
    breaks: variant.breaks ?? null,
    engine: options.engine,
    // A random shard runs from its own seed (seed + i - 1): the one its trace replays with.
    seed:
      options.engine === 'random' && options.shard !== undefined
        ? randomShare(options.seed, 1, options.shard).seed
        : options.seed,
    ok,
    complete: found.complete,
    stopped: found.stopped,
    expected: mutant
      ? caughtBreaking(protocol, variant.breaks!, found.trace?.violation ?? violations[0])
      : ok && found.complete,
    runs: found.runs,
    steps: found.steps,
    elapsedMs,
    memoHitRate: found.memoHitRate,
    ...(found.exhaustive === undefined ? {} : { exhaustive: found.exhaustive }),
    ...(options.engine === 'random'
      ? {
          random: {
            scheduler: options.scheduler ?? 'uniform',
            depth: options.scheduler === 'pct' ? (options.depth ?? 3) : null,
            swarm: options.swarm === true,
          },
        }
      : {}),
    violations,
    pin:
      found.exhaustive === undefined
        ? null
        : comparePin(protocol, variant, options, {
            complete: found.complete,
            distinct: found.exhaustive.distinct,
            transitions: found.exhaustive.transitions,
            depth: found.exhaustive.depth,
            traceLength: found.trace?.actions.length ?? null,
          }),
  };
  return { result, trace: found.trace };
}

/** What the state store risks: a fingerprint collision, a bitstate omission, or nothing (exact). */
function storeRisk(x: ExhaustiveFigures): string {
  const p = x.collisionProbability.toExponential(1);
  if (x.storage === 'exact') return '';
  return x.storage === 'bitstate'
    ? `, P(bitstate omission) ≈ ${p}`
    : `, P(fingerprint collision) ≈ ${p}`;
}

function printSingle(
  result: CheckResult,
  trace: Trace | null,
  overrides: JsonObject,
  shardOf: Shard | null,
  out: (line: string) => void,
): void {
  const seed = result.engine === 'random' ? ` seed=${result.seed}` : '';
  const shard = shardOf === null ? '' : ` shard=${shardOf.index}/${shardOf.count}`;
  const params = Object.entries(overrides)
    .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
    .join('');
  out(
    pc.bold(
      `${result.protocol} / ${result.variant}  engine=${result.engine}${seed}${shard}${params}`,
    ),
  );
  const x = result.exhaustive;
  const figures =
    x === undefined
      ? `${result.runs} scenarios, ${result.steps} world steps, ${result.elapsedMs} ms, ${rate(result.steps, result.elapsedMs)} steps/s`
      : `${x.distinct} distinct states, ${x.transitions} transitions, depth ${x.depth}, ${result.elapsedMs} ms, ` +
        `${Math.round(x.statesPerSecond)} states/s${storeRisk(x)}`;
  const v = result.violations[0];
  if (v === undefined) {
    if (result.complete) out(`${pc.green('✓')} every property held (${figures})`);
    else
      out(
        `${pc.yellow('?')} incomplete: ${result.stopped}; no violation found so far (${figures})`,
      );
  } else {
    out(`${pc.red('✗')} ${pc.bold(v.property)} violated (${figures})`);
    out(`  ${v.message}`);
  }
  if (x !== undefined) {
    for (const w of x.witnesses)
      out(
        `  sometimes ${w.property}: ${w.depth === null ? 'not reached' : `reached at depth ${w.depth}`}`,
      );
    for (const line of x.coverage) out(`  coverage ${line}`);
    const por = x.por;
    if (por !== undefined)
      out(
        por.off === null
          ? `  partial-order reduction: ${por.reduced} worlds expanded through a persistent set, ${por.full} fully`
          : `  partial-order reduction off: ${por.off}`,
      );
    const l = x.liveness;
    if (l !== undefined)
      out(
        `  liveness (weak fairness): ${l.states} states, ${l.edges} edges, ${l.cycles} cycles, ${l.fairCycles} fair`,
      );
  }
  const pin = result.pin;
  if (pin !== null) {
    out(
      pin.matches
        ? `  manifest: ${pc.green('✓')} as pinned (${pin.pinned})`
        : `  manifest: ${pc.red('✗')} pins ${pin.pinned}, found ${pin.found} (a deliberate change? re-pin: npx tsx scripts/pins.ts ${result.protocol})`,
    );
  }
  if (trace?.violation != null && v !== undefined) {
    out('');
    out(renderTextChart(traceChart(trace, execute(traceSystem(trace), trace.actions).steps)));
    out('');
    if (v.trace === null) out(`trace (${v.actions} actions): not written (${v.traceError})`);
    else {
      out(`trace (${v.actions} actions): ${v.trace}`);
      out(`replay it: npx groupcheck replay ${v.trace}`);
    }
  }
}

function rate(steps: number, ms: number): number {
  return ms === 0 ? 0 : Math.round(steps / (ms / 1000));
}
