import Table from 'cli-table3';
import pc from 'picocolors';
import type { CheckResult } from '../commands/check.ts';

/** The `check --all` summary: one row per variant, whether its outcome was the expected one. */
export function summaryTable(results: readonly CheckResult[]): string {
  const table = new Table({
    head: [
      'protocol',
      'variant',
      'engine',
      'expects',
      'outcome',
      'explored',
      'steps',
      'per second',
      'trace',
      'pinned',
      '',
    ],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: [
      'left',
      'left',
      'left',
      'left',
      'left',
      'right',
      'right',
      'right',
      'right',
      'left',
      'left',
    ],
  });
  for (const r of results) {
    const v = r.violations[0];
    const exhaustive = r.exhaustive !== undefined;
    const perSecond =
      r.elapsedMs === 0 ? 0 : (exhaustive ? r.runs : r.steps) / (r.elapsedMs / 1000);
    const outcome = v !== undefined ? `violated ${v.property}` : r.complete ? 'held' : 'incomplete';
    table.push([
      r.protocol,
      r.variant,
      r.engine,
      r.breaks === null ? 'holds' : `breaks ${r.breaks}`,
      outcome,
      `${r.runs} ${exhaustive ? 'states' : 'scenarios'}`,
      `${r.steps} ${exhaustive ? 'transitions' : 'steps'}`,
      `${Math.round(perSecond)} ${exhaustive ? 'states' : 'steps'}`,
      v === undefined ? '' : `${v.actions} actions`,
      r.pin === null ? '' : r.pin.matches ? pc.green('✓') : pc.red(`✗ ${r.pin.pinned}`),
      r.expected ? pc.green('✓') : pc.red('✗ unexpected'),
    ]);
  }
  return table.toString();
}
