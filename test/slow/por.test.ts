/**
 * Partial-order reduction on every protocol's bounded configuration (issue 16: with `--por` every
 * mutant is still caught and every `sometimes` property still reached): each variant is searched
 * depth-first with the reduction; a mutant's counterexample replays to the same violation; a
 * correct variant holds with every witness reached, in no more states than its unreduced pin.
 * Mutants that break a liveness property are left out: their lasso comes from the liveness pass,
 * which explores unreduced. Slow: it searches every variant's configuration again.
 */
import { describe, expect, test } from 'vitest';
import { runExhaustive } from '../../checkers/exhaustive/search.ts';
import { replay } from '../../checkers/replay.ts';
import { traceSystem } from '../../checkers/trace-system.ts';
import { protocols } from '../../models/index.ts';

const cases = protocols.flatMap((protocol) =>
  protocol.variants
    .filter((variant) => {
      const broken = protocol.properties.find((p) => p.name === variant.breaks);
      return !(broken?.kind === 'quiescence' && broken.liveness === true);
    })
    .map((variant) => ({ protocol, variant, name: `${protocol.name}/${variant.name}` })),
);

describe('--por on every bounded configuration', () => {
  test.each(cases)('$name', ({ protocol, variant }) => {
    const r = runExhaustive(protocol, variant, { por: true, strategy: 'dfs', liveness: false });
    if (variant.breaks !== undefined) {
      expect(r.trace, 'the mutant is caught').not.toBeNull();
      const again = replay(r.trace!, traceSystem(r.trace!, undefined, protocol));
      expect(again.divergence).toBeNull();
      expect(again.violation?.property).toBe(r.trace!.violation?.property);
      return;
    }
    expect(r.trace).toBeNull();
    expect(r.complete).toBe(true);
    expect(r.witnesses.filter((w) => w.depth === null).map((w) => w.property)).toEqual([]);
    const config = protocol.manifest?.configurations.find(
      (c) => c.nodes === protocol.nodes.default,
    );
    const pin = config?.pins.find((p) => p.variant === variant.name);
    if (pin !== undefined) expect(r.distinct).toBeLessThanOrEqual(pin.distinct);
  });
});
