import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import {
  checkExactlyOnceAnswer,
  checkNoPendingRequest,
  exactlyOnceAnswer,
  noPendingRequest,
  requestAnswered,
} from '../../properties/exactly-once-answer.ts';

const invoke = (req: string, node = 0): Observation => ({ node, kind: 'invoke', req, input: 'a' });
const answer = (req: string, node = 0): Observation => ({ node, kind: 'answer', req, result: 'A' });
const allUp = { nodes: 4, up: [true, true, true, true] };

describe('exactly-once-answer', () => {
  it('is a safety property', () => {
    expect(exactlyOnceAnswer).toMatchObject({ name: 'exactly-once-answer', kind: 'safety' });
  });

  it('holds when each request made is answered once, in any order, or not yet', () => {
    const history: History = [invoke('r0'), invoke('r1'), answer('r1'), answer('r0'), invoke('r2')];
    expect(checkExactlyOnceAnswer(history)).toBeNull();
    expect(checkExactlyOnceAnswer([])).toBeNull();
  });

  it('is violated by a second answer to a request (a late answer taken)', () => {
    const v = checkExactlyOnceAnswer([invoke('r0'), answer('r0'), invoke('r1'), answer('r0')]);
    expect(v).toMatchObject({ property: 'exactly-once-answer', messages: ['r0'], nodes: [0] });
    expect(v?.message).toContain('a second time');
  });

  it('is violated by an answer to a request never made', () => {
    expect(checkExactlyOnceAnswer([answer('r9')])?.message).toContain('never made');
  });
});

describe('no-pending-request', () => {
  it('is a quiescence property', () => {
    expect(noPendingRequest([1])).toMatchObject({ name: 'no-pending-request', kind: 'quiescence' });
  });

  it('holds when every request is answered', () => {
    expect(checkNoPendingRequest([invoke('r0'), answer('r0')], allUp)).toBeNull();
  });

  it('is violated by a request still pending, naming it', () => {
    const v = checkNoPendingRequest([invoke('r0'), invoke('r1'), answer('r0')], allUp);
    expect(v).toMatchObject({ property: 'no-pending-request', messages: ['r1'] });
  });

  it('excuses requests of a crashed client, or all when an essential node is down', () => {
    const history = [invoke('r0', 0)];
    expect(checkNoPendingRequest(history, { nodes: 2, up: [false, true] })).toBeNull();
    expect(checkNoPendingRequest(history, { nodes: 2, up: [true, false] }, [1])).toBeNull();
    expect(checkNoPendingRequest(history, { nodes: 2, up: [true, false] }, [])).not.toBeNull();
    const p = noPendingRequest([1]);
    expect(p.kind === 'quiescence' && p.check(history, { nodes: 2, up: [true, false] })).toBeNull();
  });
});

describe('request-answered', () => {
  it('is reached by a history with an answer, not by one without', () => {
    expect(requestAnswered.reached([invoke('r0'), answer('r0')], allUp)).toBe(true);
    expect(requestAnswered.reached([invoke('r0')], allUp)).toBe(false);
  });
});
