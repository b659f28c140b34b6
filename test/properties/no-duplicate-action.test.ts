import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { checkNoDuplicateAction, noDuplicateAction } from '../../properties/no-duplicate-action.ts';

const apply = (node: number, op: string): Observation => ({ node, kind: 'apply', op });

describe('no-duplicate-action property', () => {
  it('is a safety property named no-duplicate-action', () => {
    expect(noDuplicateAction).toMatchObject({ name: 'no-duplicate-action', kind: 'safety' });
    expect(noDuplicateAction.check).toBe(checkNoDuplicateAction);
  });
});

describe('checkNoDuplicateAction on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkNoDuplicateAction([])).toBeNull();
  });

  it('holds when every replica executes each request once, whatever the retries', () => {
    const history: History = [
      { node: 3, kind: 'invoke', op: 'c0.1' },
      apply(0, 'c0.1'),
      apply(1, 'c0.1'),
      { node: 3, kind: 'invoke', op: 'c0.1' },
      apply(2, 'c0.1'),
      apply(0, 'c0.2'),
    ];

    expect(checkNoDuplicateAction(history)).toBeNull();
  });

  it('skips other kinds and observations without a string op', () => {
    const history: History = [
      apply(0, 'c0.1'),
      { node: 0, kind: 'apply' },
      { node: 0, kind: 'apply', op: 1 },
      { node: 0, kind: 'apply', op: 1 },
      { node: 0, kind: 'ok', op: 'c0.1' },
      { node: 0, kind: 'ok', op: 'c0.1' },
    ];

    expect(checkNoDuplicateAction(history)).toBeNull();
  });
});

describe('checkNoDuplicateAction on histories that violate it', () => {
  it('reports a replica executing a retried request again', () => {
    const history = [apply(0, 'c0.1'), apply(1, 'c0.1'), apply(0, 'c0.2'), apply(0, 'c0.1')];

    expect(checkNoDuplicateAction(history)).toEqual({
      property: 'no-duplicate-action',
      message: 'node 0 executed c0.1 twice',
      nodes: [0],
      messages: ['c0.1'],
    });
  });

  it('reports the first repetition in history order', () => {
    const history = [apply(1, 'a'), apply(2, 'b'), apply(2, 'b'), apply(1, 'a')];

    expect(checkNoDuplicateAction(history)).toMatchObject({ nodes: [2], messages: ['b'] });
  });
});

const executions = fc.array(fc.record({ node: fc.nat(3), op: fc.nat(5) }), { maxLength: 30 });

/** Keeps each (node, op) pair's first execution only. */
function once(es: readonly { node: number; op: number }[]): Observation[] {
  const seen = new Set<string>();
  return es.flatMap(({ node, op }) => {
    const key = `${node}/${op}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [apply(node, `op${op}`)];
  });
}

describe('checkNoDuplicateAction, property-based', () => {
  test.prop([executions])('holds when each replica executes each request once', (es) => {
    expect(checkNoDuplicateAction(once(es))).toBeNull();
  });

  test.prop([executions.filter((es) => es.length > 0), fc.nat(), fc.nat()])(
    'reports an execution repeated later, at that replica',
    (es, pick, shift) => {
      const history = once(es);
      const from = pick % history.length;
      const at = from + 1 + (shift % (history.length - from));
      const copy = history[from]!;
      const broken = [...history.slice(0, at), copy, ...history.slice(at)];

      expect(checkNoDuplicateAction(broken)).toEqual({
        property: 'no-duplicate-action',
        message: `node ${copy.node} executed ${copy.op} twice`,
        nodes: [copy.node],
        messages: [copy.op],
      });
    },
  );
});
