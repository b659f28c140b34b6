import pc from 'picocolors';
import type { CheckResult } from '../commands/check.ts';
import { alignColumns, compactCount, duration, truncate } from './columns.ts';

/** The widest the summary gets, in columns (names longer than their column are cut with `…`). */
export const SUMMARY_WIDTH = 100;

const HEAD = ['', 'variant', 'outcome', 'explored', 'rate', 'time', 'trace'];
const RIGHT = [false, false, false, true, true, true, true];

/**
 * The `check --all` summary, at most 100 columns wide: a heading per protocol and engine, then one
 * row per variant: whether its outcome was the expected one (✓/✗), the outcome, what was explored
 * (scenarios run, or distinct states), the rate (world steps/s, or states/s), the wall time, and the
 * counterexample's length in actions. Exhaustive runs that differ from their manifest pin are listed
 * under the table.
 */
export function summaryTable(results: readonly CheckResult[]): string {
  const groups = new Map<string, CheckResult[]>();
  for (const r of results) {
    const key = `${r.protocol} · ${r.engine}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows: (readonly string[] | string)[] = [HEAD];
  for (const [heading, members] of groups) {
    rows.push(heading);
    for (const r of members) rows.push(row(r));
  }
  const lines = alignColumns(rows, RIGHT).map((line, i) =>
    i === 0 ? pc.bold(line) : colour(line),
  );
  return [...lines, ...pinLines(results)].join('\n');
}

function row(r: CheckResult): string[] {
  const v = r.violations[0];
  const exhaustive = r.exhaustive !== undefined;
  const seconds = r.elapsedMs / 1000;
  const rate = seconds === 0 ? 0 : (exhaustive ? r.runs : r.steps) / seconds;
  const outcome =
    v !== undefined
      ? `broke ${v.property}`
      : r.complete
        ? 'held'
        : r.stopped === 'interrupted'
          ? 'interrupted'
          : 'incomplete';
  return [
    r.expected ? '✓' : '✗',
    truncate(r.variant, 22),
    truncate(outcome, 26),
    `${compactCount(r.runs)} ${exhaustive ? 'states' : 'runs'}`,
    `${compactCount(rate)} ${exhaustive ? 'states/s' : 'steps/s'}`,
    duration(r.elapsedMs),
    v === undefined || v.actions === 0 ? '' : String(v.actions),
  ];
}

function colour(line: string): string {
  if (line.startsWith('✓')) return `${pc.green('✓')}${line.slice(1)}`;
  if (line.startsWith('✗')) return `${pc.red('✗')}${line.slice(1)}`;
  return pc.bold(line);
}

function pinLines(results: readonly CheckResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    if (r.pin === null || r.pin.matches) continue;
    lines.push(pc.red(`pin ✗ ${r.protocol} / ${r.variant}, ${r.engine}`));
    lines.push(`  pinned ${r.pin.pinned}`, `  found  ${r.pin.found}`);
  }
  const compared = results.filter((r) => r.pin !== null).length;
  if (compared > 0 && lines.length === 0) lines.push(`pins: ${compared} as in the manifests`);
  return lines;
}
