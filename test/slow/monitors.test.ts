/**
 * Property monitors over whole bounded configurations: the fast tier's differential test
 * (test/checkers/exhaustive/monitors.test.ts) stops each search at 20,000 states; here every
 * variant of every protocol with a monitored property, mutants included, is searched to the end,
 * breadth- and depth-first, with monitors and again reading every history, and both must give the
 * same counts, verdicts, counterexamples and witnesses. Slow: Freenet's configuration has 429,365
 * states (about a minute in all).
 */
import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../checkers/exhaustive/search.ts';
import { protocols } from '../../models/index.ts';
import { boundedParams } from '../../models/kernel/protocol.ts';
import { searchOutcome } from '../fixtures/search-outcome.ts';

const monitored = protocols.filter((p) =>
  p.properties.some((q) => q.kind !== 'always' && q.monitor !== undefined),
);

describe('property monitors on whole bounded configurations', () => {
  it.each(monitored.flatMap((p) => p.variants.map((v) => [p.name, v.name] as const)))(
    '%s %s: the same outcome with and without monitors',
    (name, variantName) => {
      const protocol = monitored.find((p) => p.name === name)!;
      const variant = protocol.variants.find((v) => v.name === variantName)!;
      const params = boundedParams(protocol, variant, protocol.nodes.default);
      for (const strategy of ['bfs', 'dfs'] as const) {
        const options = { params, liveness: false, strategy } as const;
        const on = runExhaustive(protocol, variant, { ...options, monitors: true });
        const off = runExhaustive(protocol, variant, { ...options, monitors: false });
        expect(on.complete || on.trace !== null).toBe(true);
        expect(searchOutcome(on)).toEqual(searchOutcome(off));
      }
    },
  );
});
