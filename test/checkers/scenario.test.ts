import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../checkers/random.ts';
import { runScenario, scenarioVerdict, type ScheduleStep } from '../../checkers/scenario.ts';
import { protocols } from '../../models/index.ts';
import type { Protocol } from '../../models/kernel/protocol.ts';
import type { InvariantProperty } from '../../models/kernel/spec.ts';
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
  [0, 1],
  [0, 0],
  [0, 2],
  [0, 5],
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

describe('scenarioVerdict', () => {
  it("gives runScenario's violation and step count, for every variant and mutant", () => {
    let violations = 0;
    for (const p of protocols) {
      for (const v of p.variants) {
        const table = new LocalTable();
        const arbitrary = scenarioArbitrary(p, { runs: 6, seed: 5, maxSteps: 40 });
        for (const s of fc.sample(arbitrary, { numRuns: 6, seed: 5 })) {
          const sys = new System(p, v, s.params, table);
          const whole = runScenario(sys, s.schedule, options, s.steering);
          const lean = new System(p, v, s.params, table, false);
          const verdict = scenarioVerdict(lean, s.schedule, options, s.steering);
          expect(verdict.violation, `${p.name}/${v.name}`).toEqual(whole.violation);
          expect(verdict.steps).toBe(whole.moves.length);
          if (whole.violation !== null) violations++;
        }
      }
    }
    expect(violations).toBeGreaterThan(10);
  });

  it("finds runScenario's invariant breaches, the earliest of several first", () => {
    // Two invariants on the messages in flight, the looser one declared first: the stricter one
    // breaks first, unless a safety property broke before it.
    const atMost = (name: string, most: number): InvariantProperty => ({
      name,
      statement: `at most ${most} messages in flight`,
      kind: 'always',
      check: (view) => {
        const count = view.inFlight().length;
        return count <= most
          ? null
          : { property: name, message: `${count} in flight`, nodes: [], messages: [] };
      },
    });
    const strict: Protocol = {
      ...protocol,
      properties: [...protocol.properties, atMost('loose', 6), atMost('strict', 3)],
    };
    const found = new Set<string>();
    for (const v of protocol.variants) {
      const arbitrary = scenarioArbitrary(strict, { runs: 20, seed: 9, maxSteps: 30 });
      for (const s of fc.sample(arbitrary, { numRuns: 20, seed: 9 })) {
        const table = new LocalTable();
        const whole = runScenario(new System(strict, v, s.params, table), s.schedule, options);
        const lean = new System(strict, v, s.params, table, false);
        expect(scenarioVerdict(lean, s.schedule, options).violation).toEqual(whole.violation);
        if (whole.violation !== null) found.add(whole.violation.property);
      }
    }
    // The stricter one, declared second, breaks first (the looser one never breaks first here).
    expect(found).toContain('strict');
    expect(found).not.toContain('loose');
  });

  it('leaves its start world as it was', () => {
    const sys = new System(protocol, sequencer, params([0, 1]), new LocalTable(), false);
    const start = sys.initial();
    const before = JSON.stringify(start);
    const verdict = scenarioVerdict(sys, schedule, { ...options, start });
    expect(verdict.steps).toBeGreaterThan(4);
    expect(JSON.stringify(start)).toBe(before);
  });

  it('refuses a system that keeps fingerprints (a step in place cannot update them)', () => {
    const sys = new System(protocol, sequencer, params([0]));
    expect(() => scenarioVerdict(sys, schedule, options)).toThrow('keeps no fingerprint sums');
  });
});
