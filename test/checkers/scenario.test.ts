import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../checkers/random.ts';
import { runScenario, scheduleStep, type ScheduleStep } from '../../checkers/scenario.ts';
import { protocols } from '../../models/index.ts';
import { LocalTable } from '../../models/kernel/local-table.ts';
import { historyArray } from '../../models/kernel/observation.ts';
import { System } from '../../models/kernel/system.ts';
import { MoveKind } from '../../models/kernel/world.ts';
import { totalOrderProtocol } from '../../models/total-order/model.ts';

const protocol = totalOrderProtocol;
const sequencer = protocol.variants[0]!;
const params = (multicasts: number[]) => ({
  members: 3,
  multicasts,
  drops: 0,
  duplicates: 0,
  timeouts: 0,
});
const options = { faultPercent: 15, drainSteps: 5000 };
const schedule: ScheduleStep[] = [
  scheduleStep(0, 1),
  scheduleStep(0, 0),
  scheduleStep(0, 2),
  scheduleStep(0, 5),
];

describe('runScenario', () => {
  it('runs the schedule from the initial world, then drains to quiescence', () => {
    const sys = new System(protocol, sequencer, params([0, 1]), new LocalTable(), false);
    const run = runScenario(sys, schedule, options);
    expect(run.violation).toBeNull();
    expect(run.worlds).toHaveLength(run.moves.length + 1);
    expect(sys.quiescent(run.worlds.at(-1)!)).toBe(true);
    const again = runScenario(sys, schedule, { ...options, start: sys.initial() });
    expect(again.moves).toEqual(run.moves);
  });

  it('starts from a given world: the end of a run of a system with a prefix of its inputs', () => {
    const table = new LocalTable();
    const first = new System(protocol, sequencer, params([0]), table, false);
    const before = runScenario(first, schedule, options);
    const start = before.worlds.at(-1)!;
    const both = new System(protocol, sequencer, params([0, 1]), table, false);
    const run = runScenario(both, schedule, { ...options, start });
    expect(run.worlds[0]).toBe(start);
    expect(run.violation).toBeNull();
    // Only the second multicast is handed over now; the first was delivered everywhere before it.
    const inputs = run.moves.filter((m) => m.kind === MoveKind.Input).map((m) => m.c);
    expect(inputs).toEqual([1]);
    const history = historyArray(run.worlds.at(-1)!.history);
    const delivered = (msg: string) =>
      history.filter((o) => o.kind === 'deliver' && o['msg'] === msg).map((o) => o.node);
    expect(delivered('m0').sort()).toEqual([0, 1, 2]);
    expect(delivered('m1').sort()).toEqual([0, 1, 2]);
    const multicast = history.findIndex((o) => o.kind === 'multicast' && o['msg'] === 'm1');
    const m0 = history.filter((o) => o.kind === 'deliver' && o['msg'] === 'm0');
    expect(history.indexOf(m0.at(-1)!)).toBeLessThan(multicast);
  });
});

describe('a lean run', () => {
  it.each(protocols.map((p) => [p.name, p] as const))(
    '%s: takes the same moves and finds the same violation as a full one, keeping no worlds',
    (_, p) => {
      const arbitrary = scenarioArbitrary(p, { runs: 40, seed: 7, nodes: p.nodes.min });
      const samples = fc.sample(arbitrary, { numRuns: 40, seed: 7 });
      for (const variant of p.variants) {
        const table = new LocalTable();
        for (const s of samples) {
          const system = () => new System(p, variant, s.params, table, false);
          const full = runScenario(system(), s.schedule, options, s.steering);
          const lean = runScenario(system(), s.schedule, { ...options, lean: true }, s.steering);

          expect(lean.moves).toEqual(full.moves);
          expect(lean.drainStart).toBe(full.drainStart);
          expect(lean.violation).toEqual(full.violation);
          // With an `always` invariant the worlds are kept (it reads every one).
          const invariant = p.properties.some((q) => q.kind === 'always');
          expect(lean.worlds).toHaveLength(invariant ? full.worlds.length : 0);
        }
      }
    },
  );

  it('changes only its own arrays: the start world is left as it was', () => {
    const sys = new System(protocol, sequencer, params([0, 1]), new LocalTable(), false);
    const start = sys.initial();
    const before = JSON.stringify(start);

    const run = runScenario(sys, schedule, { ...options, start, lean: true });

    expect(run.violation).toBeNull();
    expect(JSON.stringify(start)).toBe(before);
  });
});
