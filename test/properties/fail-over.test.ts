import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { failOver, failsOver } from '../../properties/fail-over.ts';

const crash: Observation = { node: 0, kind: 'crash' };
const install = (node: number, view: number): Observation => ({ node, kind: 'install', view });
const ok = (view: number): Observation => ({ node: 3, kind: 'ok', op: 'c0.1', value: 1, view });

describe('fail-over property', () => {
  it('is a sometimes property named fail-over', () => {
    expect(failOver).toMatchObject({ name: 'fail-over', kind: 'sometimes' });
    expect(failOver.reached).toBe(failsOver);
  });

  it('is reached by a crash, a new view, and an answer in it, in that order', () => {
    expect(failsOver([ok(0), crash, install(1, 1), install(2, 1), ok(1)])).toBe(true);
  });

  it('is not reached without a crash, before the view, or in another view', () => {
    expect(failsOver([])).toBe(false);
    expect(failsOver([install(1, 1), ok(1)])).toBe(false);
    expect(failsOver([install(1, 1), crash, ok(1)])).toBe(false);
    expect(failsOver([crash, install(1, 1), ok(0)])).toBe(false);
    expect(failsOver([crash, ok(1), install(1, 1)])).toBe(false);
  });
});

const event = fc.constantFrom<Observation>(
  crash,
  install(1, 1),
  install(2, 2),
  ok(0),
  ok(1),
  ok(2),
);

describe('failsOver, property-based', () => {
  test.prop([fc.array(event, { maxLength: 10 })])(
    'is reached exactly when some crash < install(w) < ok(w) in order',
    (history: History) => {
      const expected = history.some(
        (c, i) =>
          c.kind === 'crash' &&
          history.some(
            (v, j) =>
              j > i &&
              v.kind === 'install' &&
              history.some((a, k) => k > j && a.kind === 'ok' && a.view === v.view),
          ),
      );
      expect(failsOver(history)).toBe(expected);
    },
  );

  test.prop([fc.array(event, { maxLength: 10 }), fc.array(event, { maxLength: 5 })])(
    'once reached, stays reached as the history grows',
    (history, more) => {
      fc.pre(failsOver(history));
      expect(failsOver([...history, ...more])).toBe(true);
    },
  );
});
