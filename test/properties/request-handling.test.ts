import { describe, expect, it } from 'vitest';
import type { History } from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import {
  checkHandledOnce,
  checkNonePending,
  handledOnce,
  nonePending,
} from '../../properties/request-handling.ts';

const handle = (node: number, id: string) => ({ node, kind: 'handle', id });
const answer = (node: number, id: string) => ({ node, kind: 'answer', id });

describe('request-handling properties', () => {
  it('are handled-once (safety) and none-pending (quiescence)', () => {
    expect(handledOnce).toMatchObject({ name: 'handled-once', kind: 'safety' });
    expect(nonePending).toMatchObject({
      name: 'none-pending',
      kind: 'quiescence',
      liveness: true,
    });
  });
});

describe('on histories that satisfy them', () => {
  const history: History = [
    handle(0, 'r0'),
    handle(1, 'r0'),
    handle(1, 'i0'),
    answer(1, 'r0'),
    answer(1, 'i0'),
    answer(0, 'r0'),
  ];

  it('hold on the empty history', () => {
    expect(checkHandledOnce([])).toBeNull();
    expect(checkNonePending([])).toBeNull();
  });

  it('hold when each node handles each request once and answers it', () => {
    expect(checkHandledOnce(history)).toBeNull();
    expect(checkNonePending(history)).toBeNull();
  });

  it('forget a node that crashed or left: it comes back as a new incarnation', () => {
    for (const kind of ['crash', 'leave']) {
      const gone = { node: 0, kind };
      expect(
        checkHandledOnce([handle(0, 'r0'), gone, handle(0, 'r0'), answer(0, 'r0')]),
      ).toBeNull();
      expect(
        checkNonePending([handle(0, 'r0'), handle(1, 'r0'), gone, answer(1, 'r0')]),
      ).toBeNull();
    }
  });
});

describe('on histories that violate them', () => {
  it('handled-once reports a node handling a looping request again', () => {
    expect(checkHandledOnce([handle(0, 'r0'), handle(1, 'r0'), handle(0, 'r0')])).toEqual({
      property: 'handled-once',
      message: 'node 0 handled request r0 twice',
      nodes: [0],
      messages: ['r0'],
    });
  });

  it('another node’s crash forgets nothing', () => {
    const crash = { node: 1, kind: 'crash' };
    expect(checkHandledOnce([handle(0, 'r0'), crash, handle(0, 'r0')])?.nodes).toEqual([0]);
    expect(checkNonePending([handle(0, 'r0'), crash])?.nodes).toEqual([0]);
    expect(checkNonePending([handle(0, 'r0'), { node: 0, kind: 'join' }])?.nodes).toEqual([0]);
  });

  it('none-pending reports a request handled and never answered', () => {
    expect(checkNonePending([handle(0, 'r0'), handle(1, 'r0'), answer(1, 'r0')])).toEqual({
      property: 'none-pending',
      message: 'node 0 never answered request r0',
      nodes: [0],
      messages: ['r0'],
    });
  });
});

describe('the handled-once and none-pending monitors', () => {
  it('answer as the checks on every prefix of violating histories', () => {
    const context = { nodes: 2, up: [true, true] };
    const history: History = [
      handle(0, 'r0'),
      handle(1, 'r1'),
      answer(0, 'r0'),
      { node: 1, kind: 'crash' },
      handle(1, 'r1'),
      handle(0, 'r0'),
    ];
    expectMonitorAgrees(handledOnce, history, context);
    expectMonitorAgrees(nonePending, history, context);
  });
});
