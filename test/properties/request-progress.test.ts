import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import { checkRequestProgress, requestProgress } from '../../properties/request-progress.ts';

const invoke = (req: string, node = 0): Observation => ({ node, kind: 'invoke', req });
const answer = (req: string, node = 0): Observation => ({ node, kind: 'answer', req });
const up = (...nodes: boolean[]) => ({ nodes: nodes.length, up: nodes });

describe('request-progress', () => {
  it('is a liveness (leads-to) quiescence property', () => {
    expect(requestProgress([1])).toMatchObject({
      name: 'request-progress',
      kind: 'quiescence',
      liveness: true,
    });
  });

  it('holds when every request made was answered', () => {
    const history = [invoke('r0'), invoke('r1'), answer('r1'), answer('r0')];
    expect(checkRequestProgress(history, up(true, true), [1])).toBeNull();
    expect(checkRequestProgress([], up(true))).toBeNull();
  });

  it('is violated by a request of a live client never answered, naming the first', () => {
    const history = [invoke('r0'), invoke('r1', 2), answer('r0')];
    const v = checkRequestProgress(history, up(true, true, true), [1]);
    expect(v).toMatchObject({ property: 'request-progress', nodes: [2], messages: ['r1'] });
    expect(v?.message).toBe('r1, made by node 2, is never answered');
  });

  it('excuses a request whose client is down, or when an essential node is down', () => {
    expect(checkRequestProgress([invoke('r0')], up(false, true), [1])).toBeNull();
    expect(checkRequestProgress([invoke('r0')], up(true, false), [1])).toBeNull();
    expect(checkRequestProgress([invoke('r0')], up(true, false), [])).not.toBeNull();
    expect(requestProgress([1]).check([invoke('r0')], up(true, false))).toBeNull();
    expect(requestProgress([1]).check([invoke('r0')], up(true, true))).not.toBeNull();
  });

  it('skips observations without a request id', () => {
    const history: Observation[] = [{ node: 0, kind: 'invoke', op: 'c0.1' }];
    expect(checkRequestProgress(history, up(true))).toBeNull();
  });
});
