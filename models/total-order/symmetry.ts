import type { Payload } from '../kernel/action.ts';
import type { Json } from '../kernel/json.ts';
import type { Config, Symmetry } from '../kernel/protocol.ts';
import type { LamportContext, Stamped } from './lamport.machine.ts';

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
    const c = context as unknown as LamportContext & Record<string, unknown>;
    const renamed: Record<string, unknown> = { ...c, self: perm[c.self]! };
    for (const field of PER_MEMBER) {
      const values = c[field];
      if (!Array.isArray(values) || values.length === 0) continue;
      const moved = values.slice();
      values.forEach((v, q) => (moved[perm[q]!] = v));
      renamed[field] = moved;
    }
    if (Array.isArray(c.pending) && typeof c.pending[0] === 'object') {
      renamed['pending'] = c.pending
        .map((p): Stamped => ({ ...p, origin: perm[p.origin]! }))
        .sort((a, b) => a.ts - b.ts || a.origin - b.origin);
    }
    return renamed as Json;
  },
  renameMessage: (msg: Payload) => msg,
};
