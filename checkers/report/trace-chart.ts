import type { Trace } from '../trace-format.ts';
import type { Chart, ChartStep } from './chart.ts';

/** The chart of a trace whose steps have been replayed. */
export function traceChart(trace: Trace, steps: readonly ChartStep[]): Chart {
  return {
    title: `${trace.protocol} / ${trace.variant} / ${trace.engine}${trace.seed === null ? '' : ` seed ${trace.seed}`}`,
    nodes: trace.nodes,
    steps,
    violation: trace.violation,
  };
}
