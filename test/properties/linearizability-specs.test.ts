import { describe, expect, it } from 'vitest';
import {
  counterReader,
  counterSpec,
  registerReader,
  registerSpec,
} from '../../properties/linearizability-specs.ts';
import { checkOperations, operations } from '../../properties/linearizability.ts';
import type { Observation } from '../../models/kernel/spec.ts';

const o = (node: number, kind: string, op: string, rest: object = {}) =>
  ({ node, kind, op, ...rest }) as Observation;

describe('register and counter specifications', () => {
  it('a cas succeeds only on its expected value', () => {
    expect(registerSpec.step(1, { f: 'cas', key: '', expected: 1, value: 2 })).toEqual({
      state: 2,
      output: null,
    });
    expect(registerSpec.step(1, { f: 'cas', key: '', expected: 3, value: 2 })).toBeNull();
  });

  it('registers of different keys are independent objects', () => {
    const history = [
      o(0, 'invoke', 'a', { f: 'write', key: 'x', value: 1 }),
      o(0, 'ok', 'a', { f: 'write' }),
      o(1, 'invoke', 'b', { f: 'read', key: 'y' }),
      o(1, 'ok', 'b', { f: 'read', value: null }),
      o(1, 'invoke', 'c', { f: 'read', key: 'x' }),
      o(1, 'ok', 'c', { f: 'read', value: null }),
    ];
    const result = checkOperations(operations(history, registerReader), registerSpec);
    expect(result).toMatchObject({
      ok: false,
      op: 'c',
      message: 'not linearizable: c read(x) → null, with a write(x, 1)',
    });
  });

  it('a counter read sees every add that completed before it', () => {
    const history = [
      o(0, 'invoke', 'a', { f: 'add', value: 5 }),
      o(0, 'ok', 'a', { f: 'add' }),
      o(1, 'invoke', 'b', { f: 'add', value: -2 }),
      o(1, 'invoke', 'c', { f: 'read' }),
      o(1, 'ok', 'c', { f: 'read', value: 3 }),
    ];
    expect(checkOperations(operations(history, counterReader), counterSpec)).toEqual({ ok: true });
    const stale = [
      ...history.slice(0, 3),
      o(1, 'ok', 'b', { f: 'add' }),
      o(2, 'invoke', 'd', { f: 'read' }),
      o(2, 'ok', 'd', { f: 'read', value: 5 }),
    ];
    expect(checkOperations(operations(stale, counterReader), counterSpec)).toMatchObject({
      ok: false,
      op: 'd',
    });
  });
});
