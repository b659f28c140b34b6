import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';
import { observedTransactions } from './serializability/observations.ts';
import { checkRegister } from './serializability/register.ts';

/**
 * Checks that the committed transactions a history records (see serializability/observations.ts)
 * are serializable in an order that respects each client's order, with no aborted or intermediate
 * read: the first anomaly found, by Adya's name, with its dependency cycle and the operations that
 * make each edge. Which anomaly is reported first: direct ones (G1a, G1b…) before cycles.
 */
export function checkSerializability(history: History): Verdict {
  const observed = observedTransactions(history);
  if (!observed.anyCommitted) return null;
  const report = checkRegister(observed.history, 1);
  const anomaly = report.anomalies[0];
  if (anomaly === undefined) return null;
  const why = anomaly.cycle?.map((step) => step.why).join(' | ');
  const nodes = [...new Set(anomaly.txns.map((t) => observed.nodeOf.get(t)!))].sort(
    (a, b) => a - b,
  );
  return {
    property: 'serializability',
    message: why === undefined ? anomaly.summary : `${anomaly.summary} (${why})`,
    nodes,
    messages: anomaly.txns,
  };
}

/**
 * Serializability (Adya's PL-3 with per-client order): no G0, G1a, G1b, G1c, G-single, G2-item,
 * nor any of Elle's other anomalies (lost-update, internal, future-read…).
 */
export const serializability: CheckedProperty = {
  name: 'serializability',
  statement:
    'The committed transactions are equivalent to a serial order that respects each client, and ' +
    'none read an aborted or intermediate write (no G0, G1a, G1b, G1c, G-single, G2-item, nor Elle’s lost-update, internal or future-read).',
  kind: 'safety',
  check: checkSerializability,
};
