import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRandom, scenarioArbitrary } from '../../../checkers/random.ts';
import { runScenario } from '../../../checkers/scenario.ts';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { historyArray } from '../../../models/kernel/observation.ts';
import { System } from '../../../models/kernel/system.ts';
import { reachedJoinerFound } from '../../../properties/key-discovery.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { freenetProtocol } from '../../../models/freenet/model.ts';
import { randomBreaks } from '../../helpers/liveness.ts';

const protocol = freenetProtocol;
const correct = protocol.variants.filter((v) => v.breaks === undefined);
const mutants = protocol.variants.filter((v) => v.breaks !== undefined);
const propertyNames = protocol.properties.map((p) => p.name);

describe('freenet protocol definition', () => {
  it("has the paper's rule and the seed's as correct variants, and seven mutants, each breaking a promised property", () => {
    expect(correct.map((v) => v.name)).toEqual(['freenet', 'seed-expiry-backtracks']);
    expect(mutants).toHaveLength(7);
    for (const m of mutants) expect(propertyNames).toContain(m.breaks);
  });
});

describe.each(correct)('correct variant $name', (variant) => {
  it('holds for 1,000 random scenarios of 2 to 6 nodes', () => {
    const result = runRandom(protocol, variant, { runs: 1000, seed: 7 });
    expect(result.trace?.violation ?? null).toBeNull();
    expect(result.ok).toBe(true);
  });

  it('holds for 300 scenarios of exactly 6 nodes', () => {
    expect(runRandom(protocol, variant, { runs: 300, seed: 11, nodes: 6 }).ok).toBe(true);
  });

  it('exercises churn, failures and forgery in the random scenarios (they are not vacuous)', () => {
    const table = new LocalTable();
    const scenarios = fc.sample(scenarioArbitrary(protocol, { runs: 600, seed: 7 }), {
      seed: 7,
      numRuns: 600,
    });
    const runs = new Map<string, number>();
    const count = (what: string) => runs.set(what, (runs.get(what) ?? 0) + 1);
    for (const s of scenarios) {
      const sys = new System(protocol, variant, s.params, table, false);
      const run = runScenario(sys, s.schedule, { faultPercent: 15, drainSteps: 5000 });
      const history = historyArray(run.worlds.at(-1)!.history);
      if (reachedJoinerFound(history)) count('joiner-found');
      for (const kind of ['found', 'crash', 'leave', 'timeout', 'welcome', 'reject', 'refused'])
        if (history.some((o) => o.kind === kind)) count(kind);
      // A corrupt forwarder altered an insert's data and a correct node dropped it.
      if (
        history.some(
          (o) => o.kind === 'reject' && typeof o['id'] === 'string' && o['id'].startsWith('i'),
        )
      )
        count('altered-insert-dropped');
    }
    for (const kind of [
      'joiner-found',
      'crash',
      'leave',
      'timeout',
      'welcome',
      'reject',
      'refused',
      'altered-insert-dropped',
    ])
      expect(runs.get(kind) ?? 0, kind).toBeGreaterThan(5);
    expect(runs.get('found')).toBeGreaterThan(60);
  });
});

describe.each(mutants)('mutant $name', (variant) => {
  it('is caught with the default budget, breaking its declared property', () => {
    const result = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed: 1 });
    expect(result.ok).toBe(false);
    expect(result.trace?.violation?.property).toBe(randomBreaks(protocol, variant));
    expect(result.trace!.actions.length).toBeLessThanOrEqual(40);
  });

  it('shrinks to a short trace that replays to the same violation', () => {
    for (const seed of [1, 2, 3]) {
      const { trace } = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed });
      expect(trace).not.toBeNull();
      const replayed = replay(trace!, traceSystem(trace!));
      expect(replayed.divergence).toBeNull();
      expect(replayed.violation?.property).toBe(randomBreaks(protocol, variant));
      expect(trace!.actions.length).toBeLessThanOrEqual(40);
    }
  });
});
