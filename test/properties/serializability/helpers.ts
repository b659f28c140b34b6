/**
 * Builders for hand-written transaction histories: `ok('t1', 0, ['append', 'x', 1])` is a committed
 * transaction t1 of process 0. Shared by the serializability checker's tests.
 */
import type { Anomaly } from '../../../properties/serializability/anomaly.ts';
import {
  checkTransactions,
  type Scalar,
  type TxnOp,
  type TxnRecord,
} from '../../../properties/serializability/transactions.ts';

/** A committed transaction. */
export function ok(id: string, process: Scalar | undefined, ...ops: TxnOp[]): TxnRecord {
  return process === undefined
    ? { id, status: 'committed', ops }
    : { id, process, status: 'committed', ops };
}

/** An aborted transaction. */
export function aborted(id: string, ...ops: TxnOp[]): TxnRecord {
  return { id, status: 'aborted', ops };
}

/** The anomalies found, as `name: t1 t2` strings (in report order). */
export function anomalies(records: readonly TxnRecord[]): string[] {
  return checkTransactions(records).report.anomalies.map(
    (a: Anomaly) => `${a.name}: ${a.txns.join(' ')}`,
  );
}

/** The one cycle found, as `t1 -rw(x)-> t2 -wr(y)-> t1`. */
export function cycleOf(records: readonly TxnRecord[]): string {
  const cycles = checkTransactions(records).report.anomalies.filter((a) => a.cycle !== undefined);
  if (cycles.length !== 1) throw new Error(`expected one cycle, found ${cycles.length}`);
  return cycles[0]!.summary.slice(cycles[0]!.summary.indexOf(':') + 2);
}
