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
 * Shortens a failing trace (DSLabs-style trace minimization, after fast-check's shrinking): actions
 * are dropped (`dropWhile`) while the rest still replays and still violates the same property. The
 * result ends at the violation.
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
  const actions = dropWhile(trace.actions.slice(0, target.step), attempt);
  const sys = system();
  const { worlds } = execute(sys, actions);
  return buildTrace(sys, trace.engine, trace.seed, actions, worlds, firstViolation(sys, worlds));
}

/**
 * Drops items while `shorter` accepts what is left (it returns the list to go on with, possibly cut
 * shorter still, or null to refuse): runs of items first, halving their length down to single
 * items (delta debugging), then, when no single item can go and the list is short, every pair
 * (some steps only go in pairs: a message sent and the delivery that depends on it, a retry and
 * its answer); repeated until nothing can go.
 */
export function dropWhile<T>(
  items: readonly T[],
  shorter: (kept: readonly T[]) => readonly T[] | null,
): T[] {
  let out = [...items];
  const without = (at: number, size: number, other = -1) =>
    out.filter((_, k) => (k < at || k >= at + size) && k !== other);
  const tryDrop = (kept: T[]) => {
    const next = shorter(kept);
    if (next === null) return false;
    out = [...next];
    return true;
  };
  let size = Math.max(1, out.length >> 1);
  for (;;) {
    let changed = false;
    for (let at = out.length - size; at >= 0; at = Math.min(at, out.length) - size) {
      if (tryDrop(without(at, size))) changed = true;
    }
    if (size > 1) {
      size >>= 1;
      continue;
    }
    if (changed) continue;
    if (out.length > PAIR_LIMIT) return out;
    changed = false;
    pairs: for (let i = out.length - 1; i > 0; i--) {
      for (let j = i - 1; j >= 0; j--) {
        if (tryDrop(without(i, 1, j))) {
          changed = true;
          break pairs;
        }
      }
    }
    if (!changed) return out;
  }
}
