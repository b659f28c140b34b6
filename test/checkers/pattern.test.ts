import { describe, expect, test } from 'vitest';
import { findPattern, patternHolds, stepShape } from '../../checkers/pattern.ts';

describe('stepShape', () => {
  test('keeps the type, the nodes and the message type, not the fields', () => {
    const a = stepShape({ type: 'deliver', from: 0, to: 1, msg: { type: 'Tok', hops: 1 } });
    const b = stepShape({ type: 'deliver', from: 0, to: 1, msg: { type: 'Tok', hops: 7 } });
    expect(a).toBe(b);
    expect(a).not.toBe(stepShape({ type: 'deliver', from: 1, to: 0, msg: { type: 'Tok' } }));
    expect(stepShape({ type: 'input', node: 2, event: { type: 'submit', txn: 't0' } })).toBe(
      'input 2 submit',
    );
    expect(stepShape({ type: 'crash', node: 3 })).toBe('crash 3');
    expect(stepShape({ type: 'expire' })).toBe('expire');
  });
});

describe('findPattern', () => {
  const shapes = (text: string) => [...text];

  test('finds the turn and where it starts', () => {
    expect(findPattern(shapes('xyabababab'), 0)).toEqual({ start: 2, period: 2 });
    expect(findPattern(shapes('abcabcabc'), 0)).toEqual({ start: 0, period: 3 });
  });

  test('prefers the shortest trace that shows one whole turn', () => {
    // Period 1 starts late (the final "aaa"); period 3 shows a turn after 3 steps.
    expect(findPattern(shapes('abaabaabaaaa'), 0)).toEqual({ start: 8, period: 1 });
    expect(findPattern(shapes('aabaabaab'), 0)).toEqual({ start: 0, period: 3 });
  });

  test('starts no earlier than asked', () => {
    expect(findPattern(shapes('abababab'), 2)).toEqual({ start: 2, period: 2 });
    expect(findPattern(shapes('ababab'), 2)).toBeNull();
  });

  test('needs three turns and a repetition that reaches the end', () => {
    expect(findPattern(shapes('abab'), 0)).toBeNull();
    expect(findPattern(shapes('abcdefg'), 0)).toBeNull();
    expect(findPattern(shapes('abababx'), 0)).toBeNull();
    expect(findPattern([], 0)).toBeNull();
  });
});

describe('patternHolds', () => {
  test('a tail that goes on turn after turn', () => {
    expect(patternHolds(['a', 'b'], ['a', 'b', 'a'])).toBe(true);
    expect(patternHolds(['a', 'b'], [])).toBe(true);
    expect(patternHolds(['a', 'b'], ['a', 'a'])).toBe(false);
  });
});
