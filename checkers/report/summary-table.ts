import Table from 'cli-table3';
import pc from 'picocolors';
import type { CheckResult } from '../commands/check.ts';

/** The `check --all` summary: one row per variant, whether its outcome was the expected one. */
export function summaryTable(results: readonly CheckResult[]): string {
  const table = new Table({
    head: [
      'protocol',
      'variant',
      'expects',
      'outcome',
      'scenarios',
      'steps',
      'steps/s',
      'trace',
      '',
    ],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const r of results) {
    const v = r.violations[0];
    const rate = r.elapsedMs === 0 ? '-' : String(Math.round(r.steps / (r.elapsedMs / 1000)));
    table.push([
      r.protocol,
      r.variant,
      r.breaks === null ? 'holds' : `breaks ${r.breaks}`,
      v === undefined ? 'held' : `violated ${v.property}`,
      String(r.runs),
      String(r.steps),
      rate,
      v === undefined ? '' : `${v.actions} actions`,
      r.expected ? pc.green('✓') : pc.red('✗ unexpected'),
    ]);
  }
  return table.toString();
}
