/**
 * The engines' interruptible forms (which give the event loop a turn, so Ctrl-C can stop them)
 * find exactly what the plain forms find when nothing interrupts them.
 */
import { describe, expect, it } from 'vitest';
import { runExhaustive, runExhaustiveAsync } from '../../checkers/exhaustive/search.ts';
import { runRandom, runRandomAsync } from '../../checkers/random.ts';
import { totalOrder, variantOf } from './helpers.ts';

describe('interruptible engines, not interrupted', () => {
  it.each(['lamport-no-wait', 'sequencer'])('random: the same result for %s', async (name) => {
    const options = { runs: 300, seed: 42 };

    const plain = runRandom(totalOrder, variantOf(name), options);
    const async = await runRandomAsync(totalOrder, variantOf(name), options);

    expect(async).toEqual(plain);
    expect(plain.interrupted).toBe(false);
  });

  it.each(['bfs', 'dfs'] as const)('exhaustive (%s): the same result', async (strategy) => {
    const variant = variantOf('sequencer-no-seqcheck');

    const plain = runExhaustive(totalOrder, variant, { strategy });
    const async = await runExhaustiveAsync(totalOrder, variant, { strategy });

    expect(async).toEqual(plain);
  });

  it('random: an aborted signal stops before the first scenario', async () => {
    const controller = new AbortController();
    controller.abort();

    const r = await runRandomAsync(totalOrder, variantOf('sequencer'), {
      runs: 1000,
      seed: 1,
      signal: controller.signal,
    });

    expect(r).toMatchObject({ ok: true, runs: 0, interrupted: true, trace: null });
  });
});
