import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { checkHonestCut, honestCut } from '../../properties/subscription-cut.ts';

const sequence = (seq: number, topic = 'a'): Observation => ({
  node: 1,
  kind: 'sequence',
  topic,
  seq,
});
const at = (kind: string, fields: Record<string, number> = {}, topic = 'a'): Observation => ({
  node: 4,
  kind,
  topic,
  ...fields,
});

describe('honest-cut', () => {
  it('is a global safety property reading publications and (un)subscriptions', () => {
    expect(honestCut).toMatchObject({ name: 'honest-cut', kind: 'safety', scope: 'global' });
    expect(honestCut.reads).toContain('sequence');
  });

  it('holds when every cut lies between its request and its acknowledgement', () => {
    const history: History = [
      sequence(0),
      at('subscribe'),
      sequence(1),
      at('subscribed', { from: 2 }),
      sequence(2),
      sequence(0, 'b'),
      at('unsubscribe'),
      sequence(3),
      at('unsubscribed', { until: 3 }),
    ];
    expect(checkHonestCut(history)).toBeNull();
  });

  it('holds with any cut in between (the service picks the moment)', () => {
    for (const from of [1, 2]) {
      const history = [sequence(0), at('subscribe'), sequence(1), at('subscribed', { from })];
      expect(checkHonestCut(history)).toBeNull();
    }
  });

  it('reports a join whose window starts before its request', () => {
    const history = [sequence(0), at('subscribe'), at('subscribed', { from: 0 })];
    expect(checkHonestCut(history)).toEqual({
      property: 'honest-cut',
      message:
        "node 4's subscription to a took effect at #0, but 1 event(s) were published before its request and 1 before its acknowledgement",
      nodes: [4],
      messages: ['a'],
    });
  });

  it('reports a join whose cut is after its acknowledgement', () => {
    const history = [at('subscribe'), sequence(0), at('subscribed', { from: 2 })];
    expect(checkHonestCut(history)?.message).toContain('took effect at #2');
  });

  it('reports a leave whose cut leaves out what was published before it was asked', () => {
    const history = [
      at('subscribe'),
      at('subscribed', { from: 0 }),
      sequence(0),
      at('unsubscribe'),
      at('unsubscribed', { until: 0 }),
    ];
    expect(checkHonestCut(history)?.message).toBe(
      "node 4's unsubscription to a took effect at #0, but 1 event(s) were published before its request and 1 before its acknowledgement",
    );
  });

  it('counts publications per topic', () => {
    const history = [sequence(0, 'b'), at('subscribe'), at('subscribed', { from: 0 })];
    expect(checkHonestCut(history)).toBeNull();
  });
});
