import { describe, expect, it } from 'vitest';
import { caughtBreaking } from '../../checkers/caught.ts';
import { answerProtocol } from '../fixtures/answer-protocol.ts';
import { totalOrderProtocol } from '../../models/total-order/model.ts';

describe('caughtBreaking', () => {
  it('counts the declared property, and nothing else, for a safety property', () => {
    expect(caughtBreaking(totalOrderProtocol, 'integrity', { property: 'integrity' })).toBe(true);
    expect(caughtBreaking(totalOrderProtocol, 'integrity', { property: 'total-order' })).toBe(
      false,
    );
    expect(
      caughtBreaking(totalOrderProtocol, 'integrity', { property: 'quiescence', loop: {} }),
    ).toBe(false);
    expect(caughtBreaking(totalOrderProtocol, 'integrity', null)).toBe(false);
  });

  it('counts a livelock (quiescence with a loop) for a liveness property, not a stuck run', () => {
    const loop = { from: 2, kind: 'state' };
    expect(caughtBreaking(answerProtocol, 'answered', { property: 'answered', loop })).toBe(true);
    expect(caughtBreaking(answerProtocol, 'answered', { property: 'quiescence', loop })).toBe(true);
    expect(caughtBreaking(answerProtocol, 'answered', { property: 'quiescence' })).toBe(false);
  });
});
