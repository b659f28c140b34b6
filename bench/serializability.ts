/**
 * The serializability checker's throughput (issue 5): a generated list-append history of a
 * million transactions, serializable and with planted cycles, checked from its in-memory columns
 * (as Elle's published figures are, on parsed histories); and the same kind of history end to end
 * from JSON lines (parse, validate, intern, check), as `check-history` runs it. Medians over several
 * runs after a warm-up, with the process's memory afterwards. Never asserted in tests.
 */
import Table from 'cli-table3';
import {
  checkListAppend,
  type ListAppendHistory,
} from '../properties/serializability/list-append.ts';
import { parseHistory } from '../properties/serializability/history-file.ts';
import { syntheticListAppend } from '../properties/serializability/synthetic.ts';
import { checkTransactions } from '../properties/serializability/transactions.ts';
import { READ } from '../properties/serializability/txn-history.ts';
import { fmt, median, samples } from './stats.ts';

/** One row of the benchmark. */
export interface SerializabilityBenchRow {
  readonly history: string;
  readonly transactions: number;
  readonly operations: number;
  readonly txnsPerSecond: number;
  readonly spread: string;
  readonly anomalies: string;
  readonly memory: NodeJS.MemoryUsage;
}

/** Checks a generated history `repeats` times; the verdict must match what was planted. */
function measure(
  label: string,
  h: ListAppendHistory,
  planted: number,
  repeats: number,
  check: () => { serializable: boolean; counts: Readonly<Record<string, number>> },
): SerializabilityBenchRow {
  let verdict = check();
  const rates = samples(repeats, () => {
    const start = performance.now();
    verdict = check();
    return h.txnCount / ((performance.now() - start) / 1000);
  });
  const found = Object.values(verdict.counts).reduce((a, b) => a + b, 0);
  if (verdict.serializable !== (planted === 0) || found !== planted) {
    throw new Error(`${label}: planted ${planted} cycles, the checker found ${found}`);
  }
  return {
    history: label,
    transactions: h.txnCount,
    operations: h.opStart[h.txnCount]!,
    txnsPerSecond: median(rates),
    spread: `${fmt(Math.min(...rates))}-${fmt(Math.max(...rates))}`,
    anomalies:
      found === 0
        ? 'none'
        : Object.entries(verdict.counts)
            .map(([name, n]) => `${name} ${n}`)
            .join(', '),
    memory: process.memoryUsage(),
  };
}

/** The history as the JSON lines `check-history` reads. */
export function jsonLines(h: ListAppendHistory): string {
  const lines: string[] = [];
  for (let t = 0; t < h.txnCount; t++) {
    const ops: unknown[] = [];
    for (let o = h.opStart[t]!; o < h.opStart[t + 1]!; o++) {
      const key = h.opKey[o]!;
      ops.push(
        h.opKind[o] === READ
          ? ['r', key, Array.from(h.readPool.subarray(h.opArg[o]!, h.opArg[o]! + h.opLen[o]!))]
          : ['append', key, h.opArg[o]!],
      );
    }
    const status = h.status[t] === 1 ? 'committed' : 'aborted';
    lines.push(JSON.stringify({ id: t, process: h.process[t], status, ops }));
  }
  return lines.join('\n');
}

/** Rows for a history of `txns` transactions (`jsonTxns` for the end-to-end row). */
export function benchSerializability(
  txns: number,
  jsonTxns: number,
  repeats: number,
): SerializabilityBenchRow[] {
  const rows: SerializabilityBenchRow[] = [];
  for (const planted of [0, 8]) {
    const h = syntheticListAppend({ txns, seed: 1, planted });
    const label = planted === 0 ? 'serializable' : `${planted} planted cycles`;
    rows.push(measure(label, h, planted, repeats, () => checkListAppend(h)));
  }
  const small = syntheticListAppend({ txns: jsonTxns, seed: 2, planted: 4 });
  const text = jsonLines(small);
  rows.push(
    measure('JSON lines, 4 cycles', small, 4, repeats, () => {
      return checkTransactions(parseHistory(text).records).report;
    }),
  );
  return rows;
}

/** Prints the benchmark's table (called from bench/main.ts). */
export function printSerializabilityBench(repeats: number, quick: boolean): void {
  const txns = 1_000_000;
  const jsonTxns = quick ? 100_000 : 200_000;
  console.log(
    `\nserializability checker: generated list-append histories (Elle-style, 1-4 operations per ` +
      `transaction), median of ${repeats} checks after a warm-up; memory after the runs\n`,
  );
  const table = new Table({
    head: [
      'history',
      'transactions',
      'operations',
      'txns/s',
      '(min-max)',
      'anomalies found',
      'rss MB',
      'heap MB',
      'buffers MB',
    ],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left', 'right', 'right', 'right'],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: [], border: [] },
  });
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  for (const row of benchSerializability(txns, jsonTxns, repeats)) {
    table.push([
      row.history,
      fmt(row.transactions),
      fmt(row.operations),
      fmt(row.txnsPerSecond),
      row.spread,
      row.anomalies,
      mb(row.memory.rss),
      mb(row.memory.heapUsed),
      mb(row.memory.arrayBuffers),
    ]);
  }
  console.log(table.toString());
}
