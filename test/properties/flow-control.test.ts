import { describe, expect, it } from 'vitest';
import type {
  CheckedProperty,
  History,
  Observation,
  PropertyContext,
} from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import {
  checkCreditRespected,
  checkQueueBounded,
  creditRespected,
  queueBounded,
} from '../../properties/flow-control.ts';

/** Servent `node` sends walker `guid` to `to`, under a grant of `credit` tokens per connection. */
const walk = (node: number, guid: string, to: number, credit = 1): Observation => ({
  node,
  kind: 'walk',
  guid,
  from: -1,
  ttl: 3,
  hops: 0,
  checkEvery: 2,
  credit,
  to: [to],
});
const credited = (node: number, from: number): Observation => ({ node, kind: 'credited', from });
const queued = (node: number, guid: string, bound = 1): Observation => ({
  node,
  kind: 'queued',
  guid,
  hops: 1,
  bound,
});
const ended = (node: number, guid: string): Observation => ({
  node,
  kind: 'walk-end',
  guid,
  why: 'dropped',
});

describe('credit-respected', () => {
  it('is a safety property', () => {
    expect(creditRespected).toMatchObject({ name: 'credit-respected', kind: 'safety' });
  });

  it('holds while every walker sent on a connection had a token: granted, or returned since', () => {
    const history = [
      walk(0, 'a', 1),
      walk(0, 'b', 2),
      credited(0, 1),
      walk(0, 'c', 1),
      credited(0, 1),
      walk(0, 'd', 1, 2),
      walk(0, 'e', 1, 2),
      walk(1, 'a', 0),
    ];
    expect(checkCreditRespected(history)).toBeNull();
    expect(checkCreditRespected([])).toBeNull();
  });

  it('is violated by a walker sent on a connection without a token, naming both ends', () => {
    const v = checkCreditRespected([walk(0, 'a', 1), walk(0, 'b', 2), walk(0, 'c', 1)]);
    expect(v).toMatchObject({ property: 'credit-respected', nodes: [0, 1], messages: ['c'] });
    expect(v?.message).toBe(
      'node 0 sent walker c to 1 without a token: 2 sent, 0 returned, 1 granted',
    );
  });

  it('is violated by a token counted for no walker sent', () => {
    const v = checkCreditRespected([walk(0, 'a', 1), credited(0, 1), credited(0, 1)]);
    expect(v?.message).toBe('node 0 counted a token from 1 for no walker it had sent there');
  });

  it('starts a connection afresh when it closes, and a servent afresh when it goes', () => {
    const unlink: Observation = { node: 0, kind: 'unlink', peer: 1 };
    const leave: Observation = { node: 0, kind: 'leave' };
    expect(checkCreditRespected([walk(0, 'a', 1), unlink, walk(0, 'b', 1)])).toBeNull();
    expect(checkCreditRespected([walk(0, 'a', 1), leave, walk(0, 'b', 1)])).toBeNull();
  });

  it('skips walkers sent without flow control (no credit field)', () => {
    const plain: Observation = { node: 0, kind: 'walk', guid: 'a', to: [1] };
    expect(checkCreditRespected([plain, plain, plain])).toBeNull();
  });
});

describe('queue-bounded', () => {
  it('is a safety property', () => {
    expect(queueBounded).toMatchObject({ name: 'queue-bounded', kind: 'safety' });
  });

  it('holds while the walkers queued and not yet sent on or ended stay within the bound', () => {
    const history = [
      queued(1, 'a'),
      walk(1, 'a', 2),
      queued(1, 'b'),
      ended(1, 'b'),
      queued(1, 'c', 2),
      queued(1, 'd', 2),
      queued(2, 'a'),
    ];
    expect(checkQueueBounded(history)).toBeNull();
  });

  it('is violated by a queue beyond its bound, naming the walkers waiting', () => {
    const v = checkQueueBounded([queued(1, 'a'), walk(2, 'a', 1), queued(1, 'b')]);
    expect(v).toMatchObject({ property: 'queue-bounded', nodes: [1], messages: ['a', 'b'] });
    expect(v?.message).toBe('node 1 queued walker b: 2 walkers waiting, bound 1');
  });

  it('empties the queue of a servent that crashed', () => {
    const crash: Observation = { node: 1, kind: 'crash' };
    expect(checkQueueBounded([queued(1, 'a'), crash, queued(1, 'b')])).toBeNull();
  });
});

const CONTEXT: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };

describe('the flow-control monitors', () => {
  it('answer as the checks on every prefix of the violating histories', () => {
    const histories: History[] = [
      [walk(0, 'a', 1), walk(0, 'b', 2), walk(0, 'c', 1)],
      [walk(0, 'a', 1), credited(0, 1), credited(0, 1)],
      [walk(0, 'a', 1), { node: 0, kind: 'unlink', peer: 1 }, walk(0, 'b', 1)],
      [walk(0, 'a', 1), { node: 0, kind: 'leave' }, walk(0, 'b', 1)],
      [queued(1, 'a'), walk(2, 'a', 1), queued(1, 'b')],
      [queued(1, 'a'), { node: 1, kind: 'crash' }, queued(1, 'b')],
      [queued(1, 'a'), walk(1, 'a', 2), queued(1, 'b'), ended(1, 'b'), queued(1, 'c', 2)],
    ];
    const cases = histories.flatMap((h) =>
      [creditRespected, queueBounded].map((p): [CheckedProperty, History] => [p, h]),
    );
    for (const [p, h] of cases) expectMonitorAgrees(p, h, CONTEXT);
  });
});
