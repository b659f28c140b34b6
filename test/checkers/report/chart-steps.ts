import type { ChartStep } from '../../../checkers/report/chart.ts';
import type { Action } from '../../../models/kernel/action.ts';
import type { Observation } from '../../../models/kernel/spec.ts';

/** A chart step: an action and what it observed. */
export const step = (action: Action, ...observations: Observation[]): ChartStep => ({
  action,
  observations,
});

/** A sequencer's `Order` payload. */
export const order = (id: string, seq: number) => ({ type: 'Order', id, seq });
