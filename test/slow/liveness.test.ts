/**
 * A real livelock, shrunk: two-phase locking whose lock queue lets compatible newcomers barge past
 * waiters (the `barging-waiters` mutant) with its `lock-fairness` property taken away, so the only
 * thing left to notice is that transactions restart forever. The random engine must shrink the
 * 5,000-step drain to a short prefix plus one turn of the loop (restarted transactions carry a new
 * incarnation, so the loop is a `pattern` one) and the trace must replay. Slow: every scenario
 * fast-check tries while shrinking runs a full drain.
 */
import { describe, expect, test } from 'vitest';
import { runRandom } from '../../checkers/random.ts';
import { replay } from '../../checkers/replay.ts';
import { renderTextChart } from '../../checkers/report/text-chart.ts';
import { traceChart } from '../../checkers/report/trace-chart.ts';
import { findProtocol } from '../../models/index.ts';
import { System } from '../../models/kernel/system.ts';
import type { Protocol } from '../../models/kernel/protocol.ts';

describe('a two-phase-locking livelock', () => {
  test('shrinks to a prefix and one turn that replays', () => {
    const full = findProtocol('two-phase-locking')!;
    const protocol: Protocol = {
      ...full,
      properties: full.properties.filter((p) => p.name !== 'lock-fairness'),
    };
    const variant = protocol.variants.find((v) => v.name === 'barging-waiters')!;
    const result = runRandom(protocol, variant, { runs: 20_000, seed: 1 });
    expect(result.ok).toBe(false);
    const trace = result.trace!;
    expect(trace.violation?.property).toBe('quiescence');
    expect(trace.violation?.loop?.kind).toBe('pattern');
    expect(trace.actions.length).toBeLessThanOrEqual(40);
    const system = new System(protocol, variant, trace.config);
    const again = replay(trace, system);
    expect(again.divergence).toBeNull();
    const chart = renderTextChart(traceChart(trace, again.steps));
    expect(chart).toMatch(/↻ steps \d+-\d+ repeat forever/);
  });
});
