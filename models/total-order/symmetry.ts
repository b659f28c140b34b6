import type { Payload } from '../kernel/action.ts';
import type { Json } from '../kernel/json.ts';
import type { Config, Symmetry } from '../kernel/protocol.ts';
import type { LamportContext, Stamped } from './lamport.machine.ts';

/**
 * Node symmetry of the total-order models: members other than member 0 (the sequencer, in the
 * sequencer algorithm) that no client multicasts from are interchangeable. Node indices live in
 * `self`, in Lamport's `heard` (indexed by member) and in its pending messages' `origin`; messages
 * carry none (the kernel renames `from`).
 */
export const totalOrderSymmetry: Symmetry = {
  classes: (config: Config) => {
    const origins = new Set(config.inputs.map((i) => i.node));
    const free = config.nodes.map((_, i) => i).filter((i) => i !== 0 && !origins.has(i));
    return [free];
  },
  renameContext: (context: Json, perm: readonly number[]) => {
    const c = context as unknown as LamportContext;
    const renamed: Record<string, unknown> = { ...c, self: perm[c.self]! };
    if (Array.isArray(c.heard)) {
      const heard = c.heard.slice();
      c.heard.forEach((h, q) => (heard[perm[q]!] = h));
      const pending = c.pending
        .map((p): Stamped => ({ ...p, origin: perm[p.origin]! }))
        .sort((a, b) => a.ts - b.ts || a.origin - b.origin);
      Object.assign(renamed, { heard, pending });
    }
    return renamed as Json;
  },
  renameMessage: (msg: Payload) => msg,
};
