import { expect } from 'vitest';
import type {
  CheckedProperty,
  History,
  PropertyContext,
  SometimesProperty,
} from '../../models/kernel/spec.ts';
import { answerOn } from '../../properties/monitor.ts';

/**
 * Expects `p` to have a monitor that answers as its check (or `reached`) on every prefix of
 * `history`, in `context`.
 */
export function expectMonitorAgrees(
  p: CheckedProperty | SometimesProperty,
  history: History,
  context: PropertyContext,
): void {
  expect(p.monitor).toBeDefined();
  for (let k = 0; k <= history.length; k++) {
    const prefix = history.slice(0, k);
    const direct = p.kind === 'sometimes' ? p.reached(prefix, context) : p.check(prefix, context);
    expect(answerOn<unknown>(p.monitor!, prefix, context)).toEqual(direct);
  }
}
