import { afterEach, describe, expect, it } from 'vitest';
import { STACK_VARIABLE, stackLines, stacksWanted } from '../../checkers/stack.ts';

describe('stacks on request', () => {
  afterEach(() => {
    delete process.env[STACK_VARIABLE];
  });

  it('are wanted only when GROUPCHECK_STACK is 1', () => {
    expect(stacksWanted()).toBe(false);
    process.env[STACK_VARIABLE] = '0';
    expect(stacksWanted()).toBe(false);
    process.env[STACK_VARIABLE] = '1';
    expect(stacksWanted()).toBe(true);
  });

  it("give an error's stack, then each cause's, and nothing for a non-error", () => {
    const root = new TypeError('x is undefined');
    const e = new Error('wrapped', { cause: new Error('middle', { cause: root }) });

    const lines = stackLines(e);

    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Error: wrapped\n\s+at /);
    expect(lines[1]).toMatch(/^caused by Error: middle\n/);
    expect(lines[2]).toMatch(/^caused by TypeError: x is undefined\n/);
    expect(stackLines('a string')).toEqual([]);
  });

  it('stop after ten causes (a cycle of causes ends)', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;

    expect(stackLines(a)).toHaveLength(10);
  });
});
