import type { Action } from '../../models/kernel/action.ts';
import type { Observation } from '../../models/kernel/spec.ts';
import type { StepViolation } from '../evaluate.ts';

/** One replayed step, as the renderers draw it: the action and what the nodes observed during it. */
export interface ChartStep {
  /** The action taken. */
  readonly action: Action;
  /** Observations the step produced (`deliver`, `crash`, …), `node` filled in. */
  readonly observations: readonly Observation[];
}

/** Everything a message sequence chart needs. */
export interface Chart {
  /** Title line: protocol, variant, engine. */
  readonly title: string;
  /** Node display names, by index. */
  readonly nodes: readonly string[];
  /** The steps, in order. */
  readonly steps: readonly ChartStep[];
  /** The violation and the 1-based step where it shows (and a livelock's loop), if any. */
  readonly violation: StepViolation | null;
}
