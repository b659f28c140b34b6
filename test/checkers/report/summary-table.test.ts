/**
 * The `check --all` summary table: at most 100 columns for a whole suite's rows, with units on its
 * figures and a time column.
 */
import fs from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkCommand, type CheckResult } from '../../../checkers/commands/check.ts';
import { summaryTable } from '../../../checkers/report/summary-table.ts';
import { useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();

/** Every line of the table, colour codes stripped, and its widest line's width. */
function measure(results: readonly CheckResult[]) {
  const lines = stripVTControlCharacters(summaryTable(results)).split('\n');
  return { lines, width: Math.max(...lines.map((l) => [...l].length)) };
}

describe('summaryTable', () => {
  it('fits 100 columns for every protocol, variant and engine, with units and a time column', async () => {
    let table = '';
    const dir = tmp('suite');
    fs.mkdirSync(dir);
    const cwd = process.cwd();
    process.chdir(dir); // mutants write their traces to ./traces
    try {
      await checkCommand(
        {
          all: true,
          mutants: true,
          engines: ['random', 'exhaustive'],
          strategy: 'bfs',
          seed: 1,
          json: false,
          symmetry: false,
          exact: false,
          runs: 5,
          maxStates: 300,
        },
        { out: (line) => (table += `${line}\n`), err: () => {} },
      );
    } finally {
      process.chdir(cwd);
    }
    const lines = stripVTControlCharacters(table).trimEnd().split('\n');

    const widths = lines.map((l) => [...l].length);
    expect(Math.max(...widths), lines.join('\n')).toBeLessThanOrEqual(100);
    const head = lines.find((l) => l.includes('variant'))!;
    expect(head).toMatch(/\btime\b/);
    expect(table).toMatch(/\d+ steps\/s/);
    expect(table).toMatch(/\d+ states\/s/);
  });

  it('fits 100 columns with the longest names and the largest figures', () => {
    const big: CheckResult = {
      protocol: 'virtual-synchrony',
      variant: 'seed-expiry-backtracks-x',
      kind: 'mutant',
      breaks: 'conflict-serializability',
      engine: 'exhaustive',
      seed: 4294967295,
      ok: false,
      complete: false,
      stopped: null,
      expected: false,
      runs: 999_999_999,
      steps: 9_999_999_999,
      elapsedMs: 86_400_000,
      memoHitRate: 0,
      violations: [
        {
          property: 'conflict-serializability',
          message: '',
          nodes: [],
          messages: [],
          step: 1,
          actions: 1234,
          trace: 'traces/x.json',
          traceError: null,
        },
      ],
      pin: { matches: false, pinned: '1532767 states, 9999999 transitions, depth 99', found: '' },
    };

    expect(measure([big]).width).toBeLessThanOrEqual(100);
  });
});
