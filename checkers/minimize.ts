import type { Action } from '../models/kernel/action.ts';
import type { LocalTable } from '../models/kernel/local-table.ts';
import type { Protocol, Variant } from '../models/kernel/protocol.ts';
import { System } from '../models/kernel/system.ts';
import { firstViolation, QUIESCENCE } from './evaluate.ts';
import { execute } from './replay.ts';
import { buildTrace, type Trace } from './trace.ts';

/**
 * Shortens a failing trace one action at a time (DSLabs-style trace minimization, after
 * fast-check's shrinking): an action is dropped when the rest still replays and still violates
 * the same property; repeated until no single action can go. The result ends at the violation.
 */
export function minimize(
  protocol: Protocol,
  variant: Variant,
  trace: Trace,
  table: LocalTable,
): Trace {
  const target = trace.violation;
  if (target === null || target.property === QUIESCENCE) return trace;
  const system = () => new System(protocol, variant, trace.config, table);
  const attempt = (actions: readonly Action[]) => {
    const sys = system();
    const r = execute(sys, actions);
    if (r.divergence !== null) return null;
    const v = firstViolation(sys, r.worlds);
    return v !== null && v.property === target.property ? actions.slice(0, v.step) : null;
  };
  let actions = trace.actions.slice(0, target.step);
  for (let changed = true; changed;) {
    changed = false;
    for (let i = actions.length - 1; i >= 0 && i < actions.length; i--) {
      const shorter = attempt([...actions.slice(0, i), ...actions.slice(i + 1)]);
      if (shorter !== null) {
        actions = shorter;
        changed = true;
      }
    }
  }
  const sys = system();
  const { worlds } = execute(sys, actions);
  return buildTrace(sys, trace.engine, trace.seed, actions, worlds, firstViolation(sys, worlds));
}
