import { describe, expect, it } from 'vitest';
import { allDelivered, everyMulticastDeliveredEverywhere } from '../../properties/all-delivered.ts';
import { context, deliver, multicast } from './group-histories.ts';

describe('all-delivered (sometimes)', () => {
  it('is a sometimes property over the same predicate', () => {
    expect(allDelivered.kind).toBe('sometimes');
    expect(allDelivered.reached).toBe(everyMulticastDeliveredEverywhere);
  });

  it('is reached once two multicasts are delivered by every node', () => {
    const history = [multicast(0, 'a'), multicast(1, 'b'), deliver(0, 'a'), deliver(1, 'a')];
    history.push(deliver(0, 'b'), deliver(1, 'b'));
    expect(everyMulticastDeliveredEverywhere(history, context(true, true))).toBe(true);
  });

  it('is not reached while some node misses a message', () => {
    const history = [
      multicast(0, 'a'),
      multicast(1, 'b'),
      deliver(0, 'a'),
      deliver(1, 'a'),
      deliver(0, 'b'),
    ];
    expect(everyMulticastDeliveredEverywhere(history, context(true, true))).toBe(false);
  });

  it('is not reached with fewer than two multicasts, however delivered', () => {
    const history = [multicast(0, 'a'), deliver(0, 'a'), deliver(1, 'a')];
    expect(everyMulticastDeliveredEverywhere(history, context(true, true))).toBe(false);
    expect(everyMulticastDeliveredEverywhere([], context(true))).toBe(false);
  });
});
