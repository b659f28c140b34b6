import type { Action } from '../models/kernel/action.ts';
import type { LocalTable } from '../models/kernel/local-table.ts';
import type { Protocol, Variant } from '../models/kernel/protocol.ts';
import { System } from '../models/kernel/system.ts';
import { firstViolation, QUIESCENCE } from './evaluate.ts';
import { execute } from './replay.ts';
import { buildTrace, type Trace } from './trace.ts';

/** Longest trace whose pairs of actions the minimizer tries to drop together. */
const PAIR_LIMIT = 60;

/**
 * Shortens a failing trace (DSLabs-style trace minimization, after fast-check's shrinking): an
 * action, or failing that a pair of actions, is dropped when the rest still replays and still
 * violates the same property; repeated until nothing can go. The result ends at the violation.
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
  const without = (drop: readonly number[]) => actions.filter((_, k) => !drop.includes(k));
  for (let changed = true; changed;) {
    changed = false;
    for (let i = actions.length - 1; i >= 0 && i < actions.length; i--) {
      const shorter = attempt(without([i]));
      if (shorter !== null) {
        actions = shorter;
        changed = true;
      }
    }
    // Some steps only go in pairs (a message sent and the delivery that depends on it, a retry and
    // its answer): when no single action can go, try every pair, on traces short enough to afford it.
    if (changed || actions.length > PAIR_LIMIT) continue;
    pairs: for (let i = actions.length - 1; i > 0; i--) {
      for (let j = i - 1; j >= 0; j--) {
        const shorter = attempt(without([i, j]));
        if (shorter !== null) {
          actions = shorter;
          changed = true;
          break pairs;
        }
      }
    }
  }
  const sys = system();
  const { worlds } = execute(sys, actions);
  return buildTrace(sys, trace.engine, trace.seed, actions, worlds, firstViolation(sys, worlds));
}
