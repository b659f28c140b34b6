import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pc from 'picocolors';
import { findProtocol, protocols } from '../../models/index.ts';
import type { Protocol, Variant } from '../../models/kernel/protocol.ts';
import { runRandom } from '../random.ts';
import { summaryTable } from '../report/summary-table.ts';
import { renderTextChart } from '../report/text-chart.ts';
import { traceChart } from '../report/trace-chart.ts';
import { execute, traceSystem } from '../replay.ts';
import { writeTrace, type Trace } from '../trace.ts';
import { UsageError } from '../usage-error.ts';
import { progressReporter } from './progress.ts';

/** Options of `groupcheck check`, parsed and validated. */
export interface CheckOptions {
  /** Protocol name (absent with `all`). */
  readonly protocol?: string;
  /** Check every protocol. */
  readonly all: boolean;
  /** With `all` (or no `variant`): also run the mutants and expect each to be caught. */
  readonly mutants: boolean;
  /** Variant name. */
  readonly variant?: string;
  /** Engine name. */
  readonly engine: string;
  /** Scenarios per variant (default: the protocol's). */
  readonly runs?: number;
  /** Seed. */
  readonly seed: number;
  /** Fixed node count. */
  readonly nodes?: number;
  /** Where to write a counterexample trace (single variant only). */
  readonly traceOut?: string;
  /** Print one JSON object instead of text. */
  readonly json: boolean;
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
  /** Whether the outcome is the expected one (a correct variant held; a mutant broke its property). */
  readonly expected: boolean;
  readonly runs: number;
  readonly steps: number;
  readonly elapsedMs: number;
  /** Local transitions answered from the memo, as a share of all. */
  readonly memoHitRate: number;
  readonly violations: readonly {
    readonly property: string;
    readonly message: string;
    readonly nodes: readonly number[];
    readonly messages: readonly string[];
    readonly step: number;
    readonly actions: number;
    readonly trace: string;
  }[];
}

/** `groupcheck check`: exit 0 when every outcome is as expected, 1 otherwise. */
export function checkCommand(options: CheckOptions, out: (line: string) => void): number {
  if (options.engine !== 'random') {
    throw new UsageError(`unknown engine '${options.engine}' (available: random)`);
  }
  const targets = selectTargets(options);
  const results: CheckResult[] = [];
  for (const { protocol, variant } of targets) {
    const { result, trace } = checkVariant(
      protocol,
      variant,
      options,
      targets.length === 1 ? options.traceOut : undefined,
    );
    results.push(result);
    if (!options.json && targets.length === 1) printSingle(result, trace, out);
  }
  // With --all the question is "did everything go as expected" (mutants caught); otherwise it is
  // "did every property hold", so checking a mutant exits 1.
  const ok = options.all ? results.every((r) => r.expected) : results.every((r) => r.ok);
  if (options.json) {
    out(JSON.stringify(targets.length === 1 ? results[0] : { ok, results }, null, 2));
  } else if (targets.length > 1) {
    out(summaryTable(results));
    const all = results.every((r) => r.expected);
    out(
      all
        ? pc.green(`all ${results.length} checks as expected`)
        : pc.red('some checks did not go as expected'),
    );
  }
  return ok ? 0 : 1;
}

function selectTargets(options: CheckOptions): { protocol: Protocol; variant: Variant }[] {
  if (options.all) {
    if (options.protocol !== undefined || options.variant !== undefined) {
      throw new UsageError('--all checks every protocol: give no protocol or --variant with it');
    }
    if (options.traceOut !== undefined)
      throw new UsageError('--trace-out needs a single variant, not --all');
    return protocols.flatMap((protocol) =>
      protocol.variants
        .filter((v) => options.mutants || v.breaks === undefined)
        .map((variant) => ({ protocol, variant })),
    );
  }
  if (options.protocol === undefined)
    throw new UsageError('name a protocol, or use --all (see: groupcheck list)');
  const protocol = findProtocol(options.protocol);
  if (protocol === undefined) {
    throw new UsageError(
      `unknown protocol '${options.protocol}' (known: ${protocols.map((p) => p.name).join(', ')})`,
    );
  }
  if (
    options.nodes !== undefined &&
    (options.nodes < protocol.nodes.min || options.nodes > protocol.nodes.max)
  ) {
    throw new UsageError(
      `--nodes for ${protocol.name} must be ${protocol.nodes.min} to ${protocol.nodes.max}`,
    );
  }
  if (options.variant !== undefined) {
    const variant = protocol.variants.find((v) => v.name === options.variant);
    if (variant === undefined) {
      const known = protocol.variants.map((v) => v.name).join(', ');
      throw new UsageError(
        `protocol ${protocol.name} has no variant '${options.variant}' (known: ${known})`,
      );
    }
    return [{ protocol, variant }];
  }
  const chosen = protocol.variants.filter((v) => options.mutants || v.breaks === undefined);
  if (chosen.length > 1 && options.traceOut !== undefined) {
    throw new UsageError('--trace-out needs a single variant: add --variant');
  }
  return chosen.map((variant) => ({ protocol, variant }));
}

function checkVariant(
  protocol: Protocol,
  variant: Variant,
  options: CheckOptions,
  traceOut?: string,
): { result: CheckResult; trace: Trace | null } {
  const runs = options.runs ?? protocol.defaultRuns;
  const progress = progressReporter(`${protocol.name}/${variant.name}`, runs);
  const start = performance.now();
  const found = runRandom(protocol, variant, {
    runs,
    seed: options.seed,
    ...(options.nodes === undefined ? {} : { nodes: options.nodes }),
    onProgress: progress.update,
  });
  const elapsedMs = Math.round(performance.now() - start);
  progress.stop();
  const violations = [];
  if (found.trace !== null && found.trace.violation !== null) {
    const path = traceOut ?? `traces/${protocol.name}.${variant.name}.trace.json`;
    mkdirSync(dirname(path), { recursive: true });
    writeTrace(path, found.trace);
    violations.push({ ...found.trace.violation, actions: found.trace.actions.length, trace: path });
  }
  const { hits, misses } = found.memo;
  const mutant = variant.breaks !== undefined;
  const result: CheckResult = {
    protocol: protocol.name,
    variant: variant.name,
    kind: mutant ? 'mutant' : 'correct',
    breaks: variant.breaks ?? null,
    engine: 'random',
    seed: options.seed,
    ok: found.ok,
    expected: mutant ? violations[0]?.property === variant.breaks : found.ok,
    runs: found.runs,
    steps: found.steps,
    elapsedMs,
    memoHitRate: hits + misses === 0 ? 0 : hits / (hits + misses),
    violations,
  };
  return { result, trace: found.trace };
}

function printSingle(result: CheckResult, trace: Trace | null, out: (line: string) => void): void {
  const head = `${result.protocol} / ${result.variant}  engine=${result.engine} seed=${result.seed}`;
  out(pc.bold(head));
  const rate = result.elapsedMs === 0 ? 0 : Math.round(result.steps / (result.elapsedMs / 1000));
  const figures = `${result.runs} scenarios, ${result.steps} world steps, ${result.elapsedMs} ms, ${rate} steps/s`;
  const v = result.violations[0];
  if (v === undefined) {
    out(`${pc.green('✓')} every property held (${figures})`);
    return;
  }
  out(`${pc.red('✗')} ${pc.bold(v.property)} violated (${figures})`);
  out(`  ${v.message}`);
  if (trace !== null) {
    out('');
    out(renderTextChart(traceChart(trace, execute(traceSystem(trace), trace.actions).steps)));
    out('');
  }
  out(`trace (${v.actions} actions): ${v.trace}`);
  out(`replay it: npx groupcheck replay ${v.trace}`);
}
