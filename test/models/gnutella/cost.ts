/**
 * Test helper: the fewest and the most descriptors a variant sends over every run of a
 * configuration that ends quiet, found by the exhaustive engine (a quiescence "property" that
 * records the count and never fails). The enhancement tests compare them with plain flooding.
 */
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { gnutellaProtocol, type GnutellaParams } from '../../../models/gnutella/model.ts';
import type { CheckedProperty, History } from '../../../models/kernel/spec.ts';
import { descriptorsSent } from '../../../properties/gnutella-cost.ts';

/**
 * The range of descriptors of `types` sent over every quiet end of `params` under `variant`, or of
 * what `count` counts in the history instead.
 */
export function costRange(
  variant: string,
  params: GnutellaParams,
  types: readonly string[],
  count?: (history: History) => number,
): { readonly min: number; readonly max: number } {
  let min = Infinity;
  let max = -Infinity;
  const measure: CheckedProperty = {
    name: 'measure',
    statement: 'records the descriptors sent',
    kind: 'quiescence',
    check: (history: History) => {
      const { byType } = descriptorsSent(history);
      const n = count?.(history) ?? types.reduce((sum, t) => sum + (byType[t] ?? 0), 0);
      min = Math.min(min, n);
      max = Math.max(max, n);
      return null;
    },
  };
  const v = gnutellaProtocol.variants.find((x) => x.name === variant)!;
  const r = runExhaustive({ ...gnutellaProtocol, properties: [measure] }, v, { params });
  if (!r.complete) throw new Error(`search of ${variant} incomplete: ${String(r.stopped)}`);
  return { min, max };
}
