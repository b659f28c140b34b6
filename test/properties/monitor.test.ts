import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import {
  answerOn,
  monitor,
  reachedOnce,
  setWith,
  untilViolation,
  violated,
} from '../../properties/monitor.ts';

const o = (kind: string, node = 0): Observation => ({ node, kind });

describe('monitor helpers', () => {
  it('answerOn folds a whole history and answers in the context given', () => {
    const count = monitor<number, boolean>({
      start: 0,
      step: (k, x) => (x.kind === 'a' ? k + 1 : k),
      answer: (k, context) => k >= context.nodes,
    });
    const history = [o('a'), o('b'), o('a')];
    expect(answerOn(count, history, { nodes: 2, up: [true, true] })).toBe(true);
    expect(answerOn(count, history, { nodes: 3, up: [true, true, true] })).toBe(false);
  });

  it('untilViolation keeps the first violation, whatever follows', () => {
    const once = untilViolation<readonly number[]>([], (seen, x) =>
      seen.includes(x.node)
        ? violated({ property: 'once', message: `node ${x.node}`, nodes: [x.node], messages: [] })
        : [...seen, x.node],
    );
    expect(answerOn(once, [o('a', 0), o('a', 1)])).toBeNull();
    const v = answerOn(once, [o('a', 0), o('a', 1), o('a', 1), o('a', 0)]);
    expect(v?.message).toBe('node 1');
    // Pure: a state folded further leaves the one it came from as it was.
    const first = once.step(once.start, o('a', 0));
    once.step(first, o('a', 0));
    expect(once.answer(first, { nodes: 1, up: [true] })).toBeNull();
  });

  it('reachedOnce stays reached', () => {
    const found = reachedOnce((x) => x.kind === 'found');
    expect(answerOn(found, [o('a')])).toBe(false);
    expect(answerOn(found, [o('found'), o('a')])).toBe(true);
  });
});

describe('setWith', () => {
  it('adds to a copy, and gives the set itself back when the member is there', () => {
    const a: ReadonlySet<number> = new Set([1]);
    const b = setWith(a, 2);
    expect([...a]).toEqual([1]);
    expect([...b]).toEqual([1, 2]);
    expect(setWith(b, 1)).toBe(b);
  });
});
