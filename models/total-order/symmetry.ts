import type { Payload } from '../kernel/action.ts';
import { isJsonObject, type Json, type JsonObject } from '../kernel/json.ts';
import type { Config, Symmetry } from '../kernel/protocol.ts';
import { movedByNode } from '../kernel/renaming.ts';

/** The fields of a member's context that hold one entry per member, indexed by member. */
const PER_MEMBER = ['heard', 'taken', 'confirmed', 'acked'] as const;

/**
 * Node symmetry of the total-order models: members other than member 0 (the sequencer, in the
 * sequencer algorithm) that no client multicasts from are interchangeable. Node indices live in
 * `self`, in the per-member arrays (Lamport's `heard`, its stream's `taken` and `confirmed`, the
 * sequencer's `acked`) and in Lamport's pending messages' `origin`; messages carry none (the kernel
 * renames `from`).
 */
export const totalOrderSymmetry: Symmetry = {
  classes: (config: Config) => {
    const origins = new Set(config.inputs.map((i) => i.node));
    const free = config.nodes.map((_, i) => i).filter((i) => i !== 0 && !origins.has(i));
    return [free];
  },
  renameContext: (context: Json, perm: readonly number[]) => {
    if (!isJsonObject(context) || typeof context['self'] !== 'number') return context;
    const renamed: { [field: string]: Json } = { ...context, self: perm[context['self']]! };
    for (const field of PER_MEMBER) {
      const values = context[field];
      if (!Array.isArray(values) || values.length === 0) continue;
      renamed[field] = movedByNode(values, perm);
    }
    // Lamport's pending messages name their origin; keep them in (ts, origin) order.
    const pending = context['pending'];
    if (Array.isArray(pending) && pending.every(isStamped)) {
      renamed['pending'] = pending
        .map((p) => ({ ...p, origin: perm[p.origin]! }))
        .sort((a, b) => a.ts - b.ts || a.origin - b.origin);
    }
    return renamed;
  },
  renameMessage: (msg: Payload) => msg,
};

/** A pending Lamport message (`Stamped`): numeric `ts` and `origin`. */
function isStamped(value: Json): value is JsonObject & { ts: number; origin: number } {
  return (
    isJsonObject(value) && typeof value['ts'] === 'number' && typeof value['origin'] === 'number'
  );
}
