/**
 * The liveness verdict on the graph a breadth-first safety search records (what `check` runs by
 * default) against the pass with a search of its own, on every variant of every protocol with a
 * liveness property, at its full bounded configuration: the same graph and the same lasso. Slow:
 * it searches each configuration twice. (The default tier compares the configurations of up to
 * 15,000 states, test/checkers/exhaustive/fair-cycles.test.ts.)
 */
import { expect, test } from 'vitest';
import { livenessProperties } from '../../checkers/exhaustive/fair-cycles.ts';
import { protocols } from '../../models/index.ts';
import { boundedParams } from '../../models/kernel/protocol.ts';
import { System } from '../../models/kernel/system.ts';
import { sameAsOwnSearch } from '../helpers/liveness.ts';

const cases = protocols.flatMap((protocol) =>
  protocol.variants
    .filter(
      (variant) =>
        livenessProperties(
          new System(protocol, variant, boundedParams(protocol, variant, protocol.nodes.default)),
        ).length > 0,
    )
    .map((variant) => ({ name: `${protocol.name}/${variant.name}`, protocol, variant })),
);

test.each(cases)('$name: the recorded graph gives the same liveness verdict', (c) => {
  // A variant whose safety search finds a violation has no liveness verdict to compare.
  if (!sameAsOwnSearch(c.protocol, c.variant)) expect(c.variant.breaks).toBeDefined();
});
