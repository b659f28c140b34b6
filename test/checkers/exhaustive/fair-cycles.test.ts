import { describe, expect, it } from 'vitest';
import { checkFairCycles, livenessProperties } from '../../../checkers/exhaustive/fair-cycles.ts';
import { Search } from '../../../checkers/exhaustive/search.ts';
import { boundedParams } from '../../../models/kernel/protocol.ts';
import { protocols } from '../../../models/index.ts';
import { sameAsOwnSearch } from '../../helpers/liveness.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { System } from '../../../models/kernel/system.ts';
import { answerProtocol } from '../../fixtures/answer-protocol.ts';
import { livelockProtocol } from '../../fixtures/livelock-protocol.ts';

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

describe('the graph a breadth-first safety search records', () => {
  it('gives the pass the verdict and the lasso its own search would, on every variant it fits', () => {
    let compared = 0;
    let lassos = 0;
    for (const protocol of [...protocols, answerProtocol, livelockProtocol]) {
      for (const variant of protocol.variants) {
        const sys = new System(
          protocol,
          variant,
          boundedParams(protocol, variant, protocol.nodes.default),
        );
        if (livenessProperties(sys).length === 0) continue;
        if (!sameAsOwnSearch(protocol, variant, 15_000)) continue;
        compared++;
        if (variant.breaks !== undefined) lassos++;
      }
    }
    // The configurations within the bound (19 of them), livelocking mutants among them (the slow
    // tier compares every one, test/slow/fair-cycles.test.ts).
    expect(compared).toBeGreaterThanOrEqual(15);
    expect(lassos).toBeGreaterThanOrEqual(5);
  });

  it('is not recorded where the pass searches on its own (depth-first, or without liveness)', () => {
    const variant = answerProtocol.variants.find((v) => v.name === 'bounces')!;
    for (const options of [{ strategy: 'dfs' as const }, { liveness: false }]) {
      const search = new Search(new System(answerProtocol, variant, { spin: false }), options);
      search.run();
      expect(search.graph).toBeNull();
    }
  });
});
