import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import {
  checkOperationsComplete,
  operationsComplete,
} from '../../properties/operations-complete.ts';

const invoke = (op: string, node = 0): Observation => ({ node, kind: 'invoke', op, f: 'incr' });
const done = (kind: 'ok' | 'fail' | 'info', op: string, node = 0): Observation => ({
  node,
  kind,
  op,
});
const up = (...nodes: boolean[]) => ({ nodes: nodes.length, up: nodes });

describe('operations-complete', () => {
  it('is a liveness (leads-to) quiescence property', () => {
    expect(operationsComplete).toMatchObject({
      name: 'operations-complete',
      kind: 'quiescence',
      liveness: true,
    });
  });

  it('holds when every operation invoked completed with ok, fail or info', () => {
    const history = [
      invoke('c0:1'),
      invoke('c1:1', 1),
      done('ok', 'c0:1'),
      invoke('c0:2'),
      done('fail', 'c1:1', 1),
      done('info', 'c0:2'),
    ];
    expect(checkOperationsComplete(history, up(true, true))).toBeNull();
    expect(checkOperationsComplete([], up(true))).toBeNull();
  });

  it('is violated by an open operation of a live client, naming the first', () => {
    const history = [invoke('c0:1'), invoke('c1:1', 1), done('ok', 'c0:1'), invoke('c0:2')];
    const v = checkOperationsComplete(history, up(true, true));
    expect(v).toMatchObject({ property: 'operations-complete', nodes: [1], messages: ['c1:1'] });
    expect(v?.message).toBe('node 1 invoked c1:1, which never completed');
  });

  it('excuses the open operation of a client that is down', () => {
    expect(checkOperationsComplete([invoke('c0:1', 1)], up(true, false))).toBeNull();
    expect(checkOperationsComplete([invoke('c0:1', 1)], up(false, true))).not.toBeNull();
  });

  it('skips observations without an op', () => {
    const history: Observation[] = [{ node: 0, kind: 'invoke', req: 'r0' }];
    expect(checkOperationsComplete(history, up(true))).toBeNull();
  });
});
