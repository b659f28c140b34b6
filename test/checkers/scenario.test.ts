import { describe, expect, it } from 'vitest';
import { runScenario, scheduleStep, type ScheduleStep } from '../../checkers/scenario.ts';
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
