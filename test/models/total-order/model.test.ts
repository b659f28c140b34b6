import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRandom } from '../../../checkers/random.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';
import { randomBreaks } from '../../helpers/liveness.ts';

const protocol = totalOrderProtocol;
const correct = protocol.variants.filter((v) => v.breaks === undefined);
const mutants = protocol.variants.filter((v) => v.breaks !== undefined);
const propertyNames = protocol.properties.map((p) => p.name);

describe('total-order protocol definition', () => {
  it('has both algorithms and at least three mutants, each breaking a promised property', () => {
    expect(correct.map((v) => v.name)).toEqual(['sequencer', 'lamport']);
    expect(mutants.length).toBeGreaterThanOrEqual(3);
    for (const m of mutants) expect(propertyNames).toContain(m.breaks);
  });

  it('configures n members over lossy FIFO channels with one client input per multicast', () => {
    const config = totalOrderProtocol.configure({
      members: 3,
      multicasts: [2, 0],
      drops: 2,
      duplicates: 1,
      timeouts: 0,
    });
    expect(config.network).toBe('fifo');
    expect(config.nodes.map((n) => n.name)).toEqual(['p0', 'p1', 'p2']);
    expect(config.inputs).toEqual([
      { node: 2, event: { type: 'multicast', id: 'm0' } },
      { node: 0, event: { type: 'multicast', id: 'm1' } },
    ]);
    expect(config.faults).toEqual({ drop: 2, duplicate: 1, timeout: 0 });
  });

  it('explores lossy channels by default: the bounded configuration and the generator drop', () => {
    expect(totalOrderProtocol.definition.bounded(3).drops).toBe(1);
    const drawn = fc.sample(totalOrderProtocol.definition.scenarios({ minNodes: 2, maxNodes: 5 }), {
      numRuns: 200,
      seed: 1,
    });
    expect(Math.max(...drawn.map((p) => p.drops))).toBeGreaterThan(0);
  });

  it('rejects parameters whose multicast origin is not a member', () => {
    const parsed = totalOrderProtocol.paramsSchema.safeParse({
      members: 2,
      multicasts: [5],
      drops: 0,
      duplicates: 0,
      timeouts: 0,
    });
    expect(parsed.success).toBe(false);
  });
});

describe.each(correct)('correct variant $name', (variant) => {
  it('holds for 1,000 random scenarios of 2 to 5 members', () => {
    const result = runRandom(protocol, variant, { runs: 1000, seed: 7 });
    expect(result.trace?.violation ?? null).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.runs).toBe(1000);
  });

  it('holds for 300 scenarios of exactly 5 members', () => {
    expect(runRandom(protocol, variant, { runs: 300, seed: 11, nodes: 5 }).ok).toBe(true);
  });
});

describe.each(mutants)('mutant $name', (variant) => {
  it('is caught with the default budget, breaking its declared property', () => {
    const result = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed: 1 });
    expect(result.ok).toBe(false);
    expect(result.trace?.violation?.property).toBe(randomBreaks(protocol, variant));
  });

  it('shrinks to a short trace that replays to the same violation', () => {
    const lengths: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const { trace } = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed });
      expect(trace).not.toBeNull();
      const replayed = replay(trace!, traceSystem(trace!));
      expect(replayed.divergence).toBeNull();
      expect(replayed.violation?.property).toBe(randomBreaks(protocol, variant));
      expect(replayed.violation?.step).toBe(trace!.actions.length);
      lengths.push(trace!.actions.length);
    }
    lengths.sort((a, b) => a - b);
    expect(lengths[2]).toBeLessThanOrEqual(30);
  });
});
