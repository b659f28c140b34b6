import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRandom, scenarioArbitrary } from '../../../checkers/random.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { runScenario } from '../../../checkers/scenario.ts';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { historyArray } from '../../../models/kernel/observation.ts';
import { System } from '../../../models/kernel/system.ts';
import { primaryBackupProtocol, tolerated } from '../../../models/primary-backup/model.ts';
import { failsOver } from '../../../properties/fail-over.ts';
import { randomBreaks } from '../../helpers/liveness.ts';
import { protocol, small } from './helpers.ts';

const correct = protocol.variants.filter((v) => v.breaks === undefined);
const mutants = protocol.variants.filter((v) => v.breaks !== undefined);

describe('primary-backup protocol definition', () => {
  it('has one correct variant and three mutants, each breaking a promised property', () => {
    expect(correct.map((v) => v.name)).toEqual(['master-slaves']);
    expect(mutants.map((v) => [v.name, v.breaks])).toEqual([
      ['reply-before-ack', 'no-missed-action'],
      ['no-duplicate-table', 'no-duplicate-action'],
      ['deaf-client', 'operations-complete'],
    ]);
    expect(protocol.properties.map((p) => [p.name, p.kind])).toEqual([
      ['no-missed-action', 'safety'],
      ['no-duplicate-action', 'safety'],
      ['prefix-consistency', 'safety'],
      ['linearizability', 'safety'],
      ['operations-complete', 'quiescence'],
      ['fail-over', 'sometimes'],
    ]);
  });

  it('configures servers then clients over FIFO channels, one input per call', () => {
    const config = primaryBackupProtocol.configure({
      ...small,
      clients: 2,
      calls: [
        { client: 1, f: 'read', key: 'y' },
        { client: 0, f: 'incr', key: 'x' },
      ],
    });

    expect(config.network).toBe('fifo');
    expect(config.nodes.map((n) => [n.name, n.role])).toEqual([
      ['s0', 'server'],
      ['s1', 'server'],
      ['s2', 'server'],
      ['c0', 'client'],
      ['c1', 'client'],
    ]);
    expect(config.nodes[4]!.input).toEqual({ name: 'c1', servers: 3 });
    expect(config.inputs).toEqual([
      { node: 4, event: { type: 'invoke', f: 'read', key: 'y' } },
      { node: 3, event: { type: 'invoke', f: 'incr', key: 'x' } },
    ]);
    expect(config.faults).toEqual({ crash: 1, timeout: 4, partition: 1 });
  });

  it('tolerates fewer crashes than half the servers, and rejects more', () => {
    expect([2, 3, 4, 5, 6].map(tolerated)).toEqual([0, 1, 1, 2, 2]);
    const schema = primaryBackupProtocol.paramsSchema;
    expect(schema.safeParse(small).success).toBe(true);
    expect(schema.safeParse({ ...small, crashes: 2 }).success).toBe(false);
    expect(
      schema.safeParse({ ...small, calls: [{ client: 1, f: 'incr', key: 'x' }] }).success,
    ).toBe(false);
  });

  it('bounds the exhaustive configuration to one client, two increments, f crashes', () => {
    expect(primaryBackupProtocol.bounded(3)).toEqual({
      servers: 3,
      clients: 1,
      calls: [
        { client: 0, f: 'incr', key: 'x' },
        { client: 0, f: 'incr', key: 'x' },
      ],
      crashes: 1,
      timeouts: 2,
      partitions: 0,
    });
  });
});

describe('correct variant master-slaves', () => {
  const variant = correct[0]!;

  it('holds for 1,000 random scenarios of 3 to 5 servers with crashes, retries and partitions', () => {
    const result = runRandom(protocol, variant, { runs: 1000, seed: 7 });
    expect(result.trace?.violation ?? null).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.runs).toBe(1000);
  });

  it('holds for 300 scenarios of exactly 5 servers', () => {
    expect(runRandom(protocol, variant, { runs: 300, seed: 11, nodes: 5 }).ok).toBe(true);
  });

  it('fails over in a good share of the random scenarios (they are not vacuous)', () => {
    const table = new LocalTable();
    const scenarios = fc.sample(scenarioArbitrary(protocol, { runs: 400, seed: 7 }), {
      seed: 7,
      numRuns: 400,
    });
    let failedOver = 0;
    let partitioned = 0;
    for (const s of scenarios) {
      const sys = new System(protocol, variant, s.params, table, false);
      const run = runScenario(sys, s.schedule, { faultPercent: 15, drainSteps: 5000 });
      if (failsOver(historyArray(run.worlds.at(-1)!.history))) failedOver++;
      if (run.moves.some((m) => sys.toAction(m).type === 'partition')) partitioned++;
    }
    expect(failedOver).toBeGreaterThan(60);
    expect(partitioned).toBeGreaterThan(20);
  });
});

describe.each(mutants)('mutant $name', (variant) => {
  it('is caught with the default budget, breaking its declared property', () => {
    const result = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed: 1 });
    expect(result.ok).toBe(false);
    expect(result.trace?.violation?.property).toBe(randomBreaks(protocol, variant));
  });

  // A livelock's trace keeps the fail-over that leads into its loop: longer.
  const most = variant.name === 'deaf-client' ? 80 : 40;
  it(`shrinks to a trace of at most ${most} actions that replays to the same violation`, () => {
    for (const seed of [1, 2, 3]) {
      const { trace } = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed });
      expect(trace).not.toBeNull();
      expect(trace!.actions.length).toBeLessThanOrEqual(most);
      const replayed = replay(trace!, traceSystem(trace!));
      expect(replayed.divergence).toBeNull();
      expect(replayed.violation?.property).toBe(randomBreaks(protocol, variant));
      expect(replayed.violation?.step).toBe(trace!.actions.length);
    }
  });
});
