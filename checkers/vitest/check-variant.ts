import { caughtBreaking } from '../caught.ts';
import os from 'node:os';
import path from 'node:path';
import type { JsonObject } from '../../models/kernel/json.ts';
import type { Protocol, Variant } from '../../models/kernel/protocol.ts';
import type { Frozen, ProtocolDefinition } from '../../models/kernel/define.ts';
import { runExhaustive } from '../exhaustive/search.ts';
import { runRandom } from '../random.ts';
import { renderTextChart } from '../report/text-chart.ts';
import { traceChart } from '../report/trace-chart.ts';
import { replay } from '../replay.ts';
import { traceSystem } from '../trace-system.ts';
import { writeTrace, type Trace } from '../trace.ts';

/** The engines `describeProtocol` can run. */
export type VitestEngine = 'random' | 'exhaustive';

/** The budgets and knobs of `describeProtocol` and `checkVariant`. */
export interface CheckVariantOptions<P = unknown> {
  /** Random engine: scenarios per variant (default: the protocol's `defaultRuns`). */
  readonly runs?: number;
  /** Random engine: fast-check seed (default 1); the same seed gives the same scenarios. */
  readonly seed?: number;
  /** Node count (default: the protocol's range for random, its default for exhaustive). */
  readonly nodes?: number;
  /** Fixed parameters instead of generated ones (random) or the bounded configuration (exhaustive). */
  readonly params?: unknown extends P ? JsonObject : Frozen<P>;
  /** Random engine: longest generated schedule before the drain. */
  readonly maxSteps?: number;
  /** Exhaustive engine: stop after this many distinct states. */
  readonly maxStates?: number;
  /** Exhaustive engine: do not expand worlds at this depth. */
  readonly maxDepth?: number;
  /** Exhaustive engine: stop after this much wall time. */
  readonly maxSeconds?: number;
  /** Where counterexample traces are written (default: `<tmpdir>/groupcheck-vitest`). */
  readonly out?: string;
}

/** The verdict on one variant under one engine: whether the test passes, and why not. */
export interface Verdict {
  /** A correct variant: no property failed; a mutant: it broke the property it declares. */
  readonly ok: boolean;
  /** One line when it passes; the full failure report (chart, trace file, replay command) if not. */
  readonly message: string;
  /** The counterexample found, if any (also for a caught mutant). */
  readonly trace: Trace | null;
  /** Where the trace was written (only for a failing verdict with a trace), or null. */
  readonly file: string | null;
}

/** The default directory for counterexample traces. */
export function defaultOutDir(): string {
  return path.join(os.tmpdir(), 'groupcheck-vitest');
}

/** What an engine found, with a line saying how to run it again. */
interface Found {
  readonly trace: Trace | null;
  readonly figures: string;
}

function runEngine(
  protocol: Protocol,
  variant: Variant,
  engine: VitestEngine,
  o: Omit<CheckVariantOptions, 'params'> & { readonly params?: unknown },
): Found {
  // The protocol checks them with its schema before its `configure` sees them.
  const params = o.params === undefined ? {} : { params: o.params as JsonObject };
  const nodes = o.nodes === undefined ? {} : { nodes: o.nodes };
  if (engine === 'random') {
    const runs = o.runs ?? protocol.defaultRuns;
    const seed = o.seed ?? 1;
    const maxSteps = o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps };
    const r = runRandom(protocol, variant, { runs, seed, ...nodes, ...params, ...maxSteps });
    const shrunk = r.trace === null ? '' : `, failed at scenario ${r.runs}, ${r.shrinks} shrinks`;
    const n = o.nodes === undefined ? '' : ` nodes=${o.nodes}`;
    return {
      trace: r.trace,
      figures: `random engine: fast-check seed=${seed} runs=${runs}${n}${shrunk} (the same seed and runs reproduce it)`,
    };
  }
  const r = runExhaustive(protocol, variant, {
    ...nodes,
    ...params,
    ...(o.maxStates === undefined ? {} : { maxStates: o.maxStates }),
    ...(o.maxDepth === undefined ? {} : { maxDepth: o.maxDepth }),
    ...(o.maxSeconds === undefined ? {} : { maxSeconds: o.maxSeconds }),
  });
  const stopped = r.complete || r.stopped === null ? '' : `, stopped: ${r.stopped}`;
  return {
    trace: r.trace,
    figures: `exhaustive engine: ${r.distinct} distinct states, depth ${r.depth}${stopped}`,
  };
}

/**
 * The failure report of a counterexample: the violated property and its message, how the engine
 * found it, the replayed text chart, and the trace file with the command that replays it. The
 * trace is written atomically; if it cannot be, the report says why instead.
 */
function failureReport(
  protocol: Protocol,
  trace: Trace,
  headline: string,
  figures: string,
  out: string,
): { message: string; file: string | null } {
  const v = trace.violation;
  const lines = [headline];
  if (v !== null) lines.push(`${v.property} violated: ${v.message}`);
  lines.push(figures, '');
  const run = replay(trace, traceSystem(trace, undefined, protocol));
  lines.push(renderTextChart(traceChart(trace, run.steps)), '');
  const file = path.join(out, `${trace.protocol}-${trace.variant}-${trace.engine}.trace.json`);
  try {
    writeTrace(file, trace);
  } catch (e) {
    lines.push(`trace (${trace.actions.length} actions): not written (${(e as Error).message})`);
    return { message: lines.join('\n'), file: null };
  }
  lines.push(`trace (${trace.actions.length} actions): ${file}`);
  lines.push(`replay it: npx groupcheck replay ${file}`);
  return { message: lines.join('\n'), file };
}

/** A protocol, with the typed definition `defineProtocol` keeps (so `params` is typed by it). */
export type TypedProtocol<P> = Protocol & { readonly definition?: ProtocolDefinition<P> };

/**
 * Checks one variant of a protocol with one engine, as a `describeProtocol` test does, without
 * vitest: a correct variant passes when every property holds; a mutant passes when the engine
 * catches it breaking the property it declares (`breaks`). A failing verdict's message names the
 * violated property and its message, the seed (random) or the search figures (exhaustive), the
 * text chart, the trace file (written atomically under `out`) and `npx groupcheck replay <file>`.
 */
export function checkVariant<P = unknown>(
  protocol: TypedProtocol<P>,
  variant: Variant,
  engine: VitestEngine,
  options: CheckVariantOptions<P> = {},
): Verdict {
  const p: Protocol = protocol;
  const found = runEngine(p, variant, engine, options);
  const label = `${p.name} / ${variant.name} (${engine})`;
  const trace = found.trace;
  const broke = trace?.violation?.property ?? null;
  const out = options.out ?? defaultOutDir();
  if (variant.breaks === undefined) {
    if (trace === null) {
      return { ok: true, message: `${label}: every property held`, trace: null, file: null };
    }
    const report = failureReport(p, trace, `${label}: a property failed`, found.figures, out);
    return { ok: false, trace, ...report };
  }
  if (trace === null) {
    const message = `${label}: mutant not caught: ${variant.breaks} was never violated\n${found.figures}`;
    return { ok: false, message, trace: null, file: null };
  }
  if (caughtBreaking(p, variant.breaks, trace.violation)) {
    return { ok: true, message: `${label}: caught breaking ${broke}`, trace, file: null };
  }
  const headline = `${label}: the mutant should break ${variant.breaks}, but broke ${broke}`;
  return { ok: false, trace, ...failureReport(p, trace, headline, found.figures, out) };
}
