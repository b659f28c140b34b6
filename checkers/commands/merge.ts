/**
 * `groupcheck merge REPORT...`: the `check --shard i/n --json` reports of a run split over
 * machines, combined into the verdict of the whole run. Per protocol, variant and engine: a
 * violation any shard found is the run's (the shortest counterexample kept, its trace file named),
 * coverage is united (scenarios and world steps add up; an exhaustive shard searched the whole space
 * in its own order, so distinct states are the most any shard stored, and a `sometimes` property is
 * unreached only if no shard reached it), and a shard that is missing, interrupted or stopped by a
 * bound makes the whole incomplete. The exit code is `check`'s for the same results.
 */
import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import { z } from 'zod';
import { summaryTable } from '../report/summary-table.ts';
import type { Shard } from '../shard.ts';
import { UsageError } from '../usage-error.ts';
import {
  CHECK_JSON_VERSION,
  exitCode,
  type CheckReport,
  type CheckResult,
  type ReportedViolation,
} from './check.ts';

const violationSchema = z.looseObject({
  property: z.string(),
  message: z.string(),
  actions: z.number(),
  trace: z.string().nullable(),
});

const resultSchema = z.looseObject({
  protocol: z.string(),
  variant: z.string(),
  kind: z.enum(['correct', 'mutant']),
  breaks: z.string().nullable(),
  engine: z.string(),
  seed: z.number(),
  ok: z.boolean(),
  complete: z.boolean(),
  stopped: z.string().nullable(),
  runs: z.number(),
  steps: z.number(),
  elapsedMs: z.number(),
  expected: z.boolean(),
  violations: z.array(violationSchema),
  exhaustive: z
    .looseObject({
      distinct: z.number(),
      transitions: z.number(),
      depth: z.number(),
      witnesses: z.array(z.object({ property: z.string(), depth: z.number().nullable() })),
    })
    .optional(),
});

const reportSchema = z.looseObject({
  version: z.literal(CHECK_JSON_VERSION),
  params: z.record(z.string(), z.unknown()),
  interrupted: z.boolean(),
  all: z.boolean(),
  shard: z.object({ index: z.number().int(), count: z.number().int() }).nullable(),
  results: z.array(resultSchema),
});

/** A shard report as `merge` reads it. */
type ShardReport = z.infer<typeof reportSchema> & { readonly file: string; readonly shard: Shard };

/** What `merge --json` prints: a check report of the whole run, and which shards it had. */
export interface MergedReport extends CheckReport {
  /** The shard count, and the shards whose reports were given. */
  readonly merged: { readonly count: number; readonly present: readonly number[] };
}

/** Reads and validates one shard report; a problem is one usage-error line. */
function readReport(file: string): ShardReport {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON: give the output of check --shard i/n --json`);
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new UsageError(
      `${file} is not a check --json report of this version${where}: ${issue.message}`,
    );
  }
  const { shard } = parsed.data;
  if (shard === null)
    throw new UsageError(`${file} is not a shard: run check --shard i/n --json to make one`);
  return { ...parsed.data, shard, file };
}

/** The key of a check within a run. */
const keyOf = (r: { protocol: string; variant: string; engine: string }) =>
  `${r.protocol}\u0000${r.variant}\u0000${r.engine}`;

/** The reports, checked to be shards of one run: same count, options and parameters, no repeats. */
function sameRun(reports: readonly ShardReport[]): void {
  const [first] = reports;
  if (first === undefined) throw new UsageError('merge needs at least one report');
  const seen = new Map<number, string>();
  for (const r of reports) {
    if (r.shard.count !== first.shard.count)
      throw new UsageError(
        `${r.file} is shard ${r.shard.index}/${r.shard.count}, ${first.file} one of ${first.shard.count}: not the same run`,
      );
    const twin = seen.get(r.shard.index);
    if (twin !== undefined)
      throw new UsageError(
        `${r.file} and ${twin} are both shard ${r.shard.index}/${r.shard.count}`,
      );
    seen.set(r.shard.index, r.file);
    if (r.all !== first.all || JSON.stringify(r.params) !== JSON.stringify(first.params))
      throw new UsageError(
        `${r.file} was run with other options than ${first.file} (--all, --param): not the same run`,
      );
    for (const x of r.results) {
      // A random shard's seed is the run's seed + i - 1; the exhaustive engine's is the run's own.
      const base = x.engine === 'random' ? x.seed - (r.shard.index - 1) : x.seed;
      const other = first.results.find((y) => keyOf(y) === keyOf(x));
      const otherBase =
        other === undefined
          ? base
          : other.engine === 'random'
            ? other.seed - (first.shard.index - 1)
            : other.seed;
      if (otherBase !== base)
        throw new UsageError(
          `${r.file} ran ${x.protocol}/${x.variant} from another --seed than ${first.file}: not the same run`,
        );
    }
  }
}

/** One check's results from the shards that ran it, as one result. */
function mergeResults(
  parts: readonly { shard: number; result: ShardReport['results'][number] }[],
  count: number,
): CheckResult {
  const results = parts.map((p) => p.result);
  const head = results[0]!;
  const exhaustive = head.engine !== 'random';
  const everywhere = parts.length === count;
  // A violation any shard found (its counterexample), the shortest per property.
  const found = new Map<string, ReportedViolation>();
  for (const r of results) {
    for (const v of r.violations as unknown as ReportedViolation[]) {
      if (v.actions === 0 && v.trace === null) continue; // an unreached `sometimes`: below
      const best = found.get(v.property);
      if (best === undefined || v.actions < best.actions) found.set(v.property, v);
    }
  }
  const violations = [...found.values()].sort((a, b) => a.actions - b.actions);
  const complete = everywhere && results.every((r) => r.complete);
  if (exhaustive && complete && violations.length === 0) {
    // Unreached only if no shard reached it (each complete shard searched the whole space).
    const unreached = head.violations.filter(
      (v) =>
        v.actions === 0 &&
        v.trace === null &&
        results.every((r) => r.violations.some((w) => w.property === v.property)),
    );
    violations.push(...(unreached as unknown as ReportedViolation[]));
  }
  const ok = violations.length === 0;
  const mutant = head.kind === 'mutant';
  const stopped = everywhere
    ? (results.find((r) => r.stopped !== null)?.stopped ?? null)
    : `${count - parts.length} of ${count} shards missing`;
  const figures = results.map((r) => r.exhaustive).filter((x) => x !== undefined);
  return {
    ...(head as unknown as CheckResult),
    ok,
    complete,
    stopped,
    // A mutant is caught when a shard caught it as it declares (each shard judged that with the
    // protocol at hand, livelocks of liveness properties included).
    expected: mutant ? results.some((r) => r.expected === true) : ok && complete,
    runs: exhaustive
      ? Math.max(...results.map((r) => r.runs))
      : results.reduce((s, r) => s + r.runs, 0),
    steps: results.reduce((s, r) => s + r.steps, 0),
    elapsedMs: Math.max(...results.map((r) => r.elapsedMs)),
    violations,
    pin: null,
    ...(figures.length === 0
      ? {}
      : {
          exhaustive: {
            ...(head.exhaustive as unknown as NonNullable<CheckResult['exhaustive']>),
            distinct: Math.max(...figures.map((x) => x.distinct)),
            transitions: figures.reduce((s, x) => s + x.transitions, 0),
            depth: Math.max(...figures.map((x) => x.depth)),
            witnesses: head.exhaustive!.witnesses.map((w) => {
              const depths = figures
                .map((x) => x.witnesses.find((y) => y.property === w.property)?.depth ?? null)
                .filter((d): d is number => d !== null);
              return {
                property: w.property,
                depth: depths.length === 0 ? null : Math.min(...depths),
              };
            }),
          },
        }),
  };
}

/** Merges the shard reports in `files`; prints the summary (or JSON); resolves to the exit code. */
export function mergeCommand(
  files: readonly string[],
  json: boolean,
  out: (line: string) => void,
): number {
  const reports = files.map(readReport).sort((a, b) => a.shard.index - b.shard.index);
  sameRun(reports);
  const count = reports[0]!.shard.count;
  const groups = new Map<string, { shard: number; result: ShardReport['results'][number] }[]>();
  for (const r of reports) {
    for (const result of r.results) {
      const key = keyOf(result);
      groups.set(key, [...(groups.get(key) ?? []), { shard: r.shard.index, result }]);
    }
  }
  const results = [...groups.values()].map((parts) => mergeResults(parts, count));
  const present = reports.map((r) => r.shard.index);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter(
    (i) => !present.includes(i),
  );
  const interrupted = reports.some((r) => r.interrupted);
  const all = reports[0]!.all;
  const code = exitCode({ all }, results, interrupted);
  if (json) {
    const report: MergedReport = {
      version: CHECK_JSON_VERSION,
      params: reports[0]!.params as CheckReport['params'],
      ok: code === 0,
      interrupted,
      all,
      shard: null,
      results,
      merged: { count, present },
    };
    out(JSON.stringify(report, null, 2));
    return code;
  }
  out(summaryTable(results));
  if (missing.length > 0)
    out(pc.yellow(`missing shards: ${missing.map((i) => `${i}/${count}`).join(', ')}`));
  const what = all ? 'as expected' : 'held';
  out(
    code === 0
      ? pc.green(
          `merged ${present.length} of ${count} shards: all ${results.length} checks ${what}`,
        )
      : pc.red(`merged ${present.length} of ${count} shards: exit ${code}`),
  );
  return code;
}
