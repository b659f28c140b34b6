import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that every request part is consolidated at most once, and is a part of its request: each
 * `consolidate {req, part, of}` names a part below `of` that the same consolidator has not
 * consolidated before (a late answer from a worker presumed dead, or a duplicated one, must be
 * discarded). Reports the first one that breaks it; observations without a string `req` and a
 * numeric `part` are skipped.
 */
export function checkPartsConsolidated(history: History): Verdict {
  const seen = new Set<string>();
  for (const o of history) {
    const { req, part, of } = o;
    if (o.kind !== 'consolidate' || typeof req !== 'string' || typeof part !== 'number') continue;
    const id = `${o.node}/${req}/${part}`;
    const outside = typeof of === 'number' && (part < 0 || part >= of);
    if (seen.has(id) || outside) {
      const what = outside ? `a part ${req} does not have (of ${String(of)})` : 'a second time';
      return {
        property: 'parts-consolidated',
        message: `node ${o.node} consolidated part ${part} of ${req} ${what}`,
        nodes: [o.node],
        messages: [req],
      };
    }
    seen.add(id);
  }
  return null;
}

/** Every part consolidated at most once (exactly once with consolidated-result's answer). */
export const partsConsolidated: CheckedProperty = {
  name: 'parts-consolidated',
  statement: 'Each part of a request is consolidated at most once, and only a part it has.',
  kind: 'safety',
  check: checkPartsConsolidated,
};
