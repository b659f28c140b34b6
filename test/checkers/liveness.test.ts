import { describe, expect, test } from 'vitest';
import { shrinkLivelock, shrinkPrefix } from '../../checkers/liveness.ts';
import { runRandom } from '../../checkers/random.ts';
import { renderMermaid } from '../../checkers/report/mermaid.ts';
import { renderTextChart } from '../../checkers/report/text-chart.ts';
import { traceChart } from '../../checkers/report/trace-chart.ts';
import { replay } from '../../checkers/replay.ts';
import type { Action } from '../../models/kernel/action.ts';
import { livelockProtocol, livelockSystem } from '../fixtures/livelock-protocol.ts';

const start: Action = { type: 'input', node: 0, event: { type: 'start' } };
const note: Action = { type: 'input', node: 0, event: { type: 'note' } };
const DRAIN = 200;

describe('shrinkPrefix', () => {
  test('drops what the livelock does not need', () => {
    const sys = livelockSystem('forever', true);
    // The drain hands waiting client inputs over itself: the livelock needs no schedule at all.
    expect(shrinkPrefix(sys, [note, start], DRAIN)).toEqual([]);
  });

  test('keeps a prefix that quiesces as it is (nothing to drop it to)', () => {
    const sys = livelockSystem('bounded');
    expect(shrinkPrefix(sys, [start], DRAIN)).toEqual([start]);
  });
});

describe('shrinkLivelock', () => {
  test('a world that comes back: the prefix, one turn, a state loop', () => {
    const sys = livelockSystem('forever');
    const { actions, violation } = shrinkLivelock(sys, { actions: [start], drainStart: 1 }, DRAIN);
    expect(actions.map((a) => a.type)).toEqual(['input', 'deliver', 'deliver']);
    expect(violation).toMatchObject({ property: 'quiescence', step: 3 });
    expect(violation.loop).toEqual({ from: 1, kind: 'state' });
    expect(violation.message).toBe(
      'livelock: the state after step 3 is the state after step 1, so steps 2-3 repeat forever and the system never quiesces',
    );
  });

  test('the prefix keeps what fairness owes: a waiting input and its message are handled first', () => {
    // Without them the loop would starve the `note` input (or its Note): not a livelock.
    const sys = livelockSystem('forever', true);
    const { actions, violation } = shrinkLivelock(
      sys,
      { actions: [note, start], drainStart: 2 },
      DRAIN,
    );
    expect(actions).toHaveLength(5);
    expect(actions[2]).toEqual({ type: 'deliver', from: 0, to: 0, msg: { type: 'Note' } });
    expect(violation.loop).toEqual({ from: 3, kind: 'state' });
  });

  test('a model that counts up: the steps that repeat, a pattern loop', () => {
    const sys = livelockSystem('counting');
    const { actions, violation } = shrinkLivelock(sys, { actions: [start], drainStart: 1 }, DRAIN);
    expect(actions).toHaveLength(3);
    expect(violation.loop).toEqual({ from: 1, kind: 'pattern', drain: DRAIN });
    expect(violation.message).toMatch(/^livelock: steps 2-3 repeat \(the same steps/);
  });
});

describe('the random engine on a livelock', () => {
  for (const [variant, kind] of [
    ['forever', 'state'],
    ['counting', 'pattern'],
  ] as const) {
    test(`${variant}: a short trace with a ${kind} loop that replays`, () => {
      const v = livelockProtocol.variants.find((x) => x.name === variant)!;
      const result = runRandom(livelockProtocol, v, { runs: 5, seed: 1 });
      expect(result.ok).toBe(false);
      const trace = result.trace!;
      expect(trace.actions).toHaveLength(3);
      expect(trace.violation?.loop?.kind).toBe(kind);
      const again = replay(trace, livelockSystem(variant));
      expect(again.divergence).toBeNull();
      expect(again.violation?.loop).toEqual(trace.violation?.loop);

      const chart = traceChart(trace, again.steps);
      const text = renderTextChart(chart);
      expect(text).toMatch(/^↻ 2 /m);
      expect(text).toMatch(/^✗ 3 /m);
      expect(text).toContain('↻ steps 2-3 repeat forever');
      expect(renderMermaid(chart)).toMatch(/\n {2}loop repeats[^\n]*\n {4}%% step 2\n/);
    });
  }

  test('a loop that does not close does not replay', () => {
    const v = livelockProtocol.variants.find((x) => x.name === 'forever')!;
    const trace = runRandom(livelockProtocol, v, { runs: 5, seed: 1 }).trace!;
    const moved = {
      ...trace,
      violation: { ...trace.violation!, loop: { from: 0, kind: 'state' as const } },
    };
    const again = replay(moved, livelockSystem('forever'));
    expect(again.divergence?.reason).toBe(
      'the trace ends without its livelock: the system has not quiesced, but the state after step 3 is not the state after step 0',
    );
  });

  test('a pattern whose system quiesces does not replay', () => {
    const v = livelockProtocol.variants.find((x) => x.name === 'counting')!;
    const trace = runRandom(livelockProtocol, v, { runs: 5, seed: 1 }).trace!;
    const bounded = { ...trace, variant: 'bounded' };
    const again = replay(bounded, livelockSystem('bounded'));
    expect(again.divergence).not.toBeNull();
  });
});
