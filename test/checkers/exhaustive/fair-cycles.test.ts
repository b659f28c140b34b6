import { describe, expect, it } from 'vitest';
import { checkFairCycles } from '../../../checkers/exhaustive/fair-cycles.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { System } from '../../../models/kernel/system.ts';
import { answerProtocol } from '../../fixtures/answer-protocol.ts';

const system = (variant: string, spin = true) =>
  new System(
    answerProtocol,
    answerProtocol.variants.find((v) => v.name === variant)!,
    { spin },
  );

describe('checkFairCycles', () => {
  it('finds no violation when every request is answered', () => {
    const r = checkFairCycles(system('answers', false))!;
    expect(r.trace).toBeNull();
    expect(r.stopped).toBeNull();
  });

  it('finds a fair cycle in which the request stays owed, as a lasso that replays', () => {
    const r = checkFairCycles(system('bounces', false))!;
    expect(r.fairCycles).toBeGreaterThan(0);
    const trace = r.trace!;
    expect(trace.violation?.property).toBe('answered');
    expect(trace.violation?.loop?.kind).toBe('state');
    expect(trace.violation?.message).toMatch(/forever: steps \d+-\d+ repeat/);
    const again = replay(trace, traceSystem(trace, undefined, answerProtocol));
    expect(again.divergence).toBeNull();
    expect(again.violation?.property).toBe('answered');
  });

  it('does not blame a cycle that starves a delivery possible throughout it (weak fairness)', () => {
    const r = checkFairCycles(system('spins'))!;
    expect(r.cycles).toBeGreaterThan(0);
    expect(r.trace).toBeNull();
  });

  it('refuses a lasso whose loop was edited to be unfair', () => {
    const trace = checkFairCycles(system('bounces', false))!.trace!;
    const loop = trace.violation!.loop!;
    const shifted = { ...trace, violation: { ...trace.violation!, loop: { ...loop, from: 0 } } };
    expect(
      replay(shifted, traceSystem(shifted, undefined, answerProtocol)).divergence,
    ).not.toBeNull();
  });

  it('is skipped for a protocol without liveness properties', () => {
    const bare = { ...answerProtocol, properties: [] };
    const sys = new System(bare, answerProtocol.variants[0]!, { spin: false });
    expect(checkFairCycles(sys)).toBeNull();
  });

  it('stops at a state bound, incomplete', () => {
    const r = checkFairCycles(system('spins'), { maxStates: 2 })!;
    expect(r.stopped).toMatch(/state bound/);
  });
});
