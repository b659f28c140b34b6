import { describe, expect, it } from 'vitest';
import { pctPriorities, runRandom } from '../../checkers/random.ts';
import { runScenario, scheduleStep, type ScheduleStep } from '../../checkers/scenario.ts';
import { actorOf, Pct, retain, swarmFeatures, swarmFilter } from '../../checkers/schedulers.ts';
import { LocalTable } from '../../models/kernel/local-table.ts';
import { System } from '../../models/kernel/system.ts';
import { MoveKind, type Move } from '../../models/kernel/world.ts';
import { totalOrderProtocol } from '../../models/total-order/model.ts';

const protocol = totalOrderProtocol;
const sequencer = protocol.variants[0]!;
const noDedup = protocol.variants.find((v) => v.name === 'sequencer-no-dedup')!;
const params = { members: 3, multicasts: [1, 2], drops: 1, duplicates: 1, timeouts: 0 };
const deliver = (from: number, to: number, c = 0): Move => ({
  kind: MoveKind.Deliver,
  a: from,
  b: to,
  c,
});
const input = (node: number, c: number): Move => ({ kind: MoveKind.Input, a: node, b: -1, c });
const heal: Move = { kind: MoveKind.Heal, a: -1, b: -1, c: 0 };

describe('PCT', () => {
  it('moves the highest-priority actor, the environment being actor n', () => {
    expect(actorOf(deliver(0, 2), 3)).toBe(2);
    expect(actorOf(input(1, 0), 3)).toBe(1);
    expect(actorOf(heal, 3)).toBe(3);
    const pct = new Pct(3, [5, 9, 1, 7], []);
    const moves = [deliver(1, 0), input(2, 0), heal, deliver(0, 1, 4), deliver(2, 1, 5)];
    // Actor 1 (priority 9) has two moves: pick chooses among them only.
    expect(pct.choose(moves, 0, 0)).toEqual(deliver(0, 1, 4));
    expect(pct.choose(moves, 1, 1)).toEqual(deliver(2, 1, 5));
    expect(pct.choose([input(2, 0), heal], 7, 2)).toEqual(heal);
  });

  it('demotes the actor that moved at each change point below all others, later ones lower', () => {
    const pct = new Pct(3, [3, 2, 1, 0], [0, 1]);
    const all = [input(0, 0), input(1, 0), input(2, 0)];
    expect(pct.choose(all, 0, 0).a).toBe(0); // 0 runs, then drops to -1
    expect(pct.choose(all, 0, 1).a).toBe(1); // 1 runs, then drops to -2
    expect(pct.choose(all, 0, 2).a).toBe(2);
    expect(pct.choose([input(0, 0), input(1, 0)], 0, 3).a).toBe(0);
  });

  it('breaks priority ties towards the lower actor', () => {
    const pct = new Pct(2, [4, 4, 4], []);
    expect(pct.choose([input(1, 0), input(0, 0)], 0, 0).a).toBe(0);
  });

  it('derives distinct priorities for every actor from one number, the same each time', () => {
    const p = pctPriorities(42);
    expect(new Set(p).size).toBe(p.length);
    expect(pctPriorities(42)).toEqual(p);
    expect(p.every((x) => x >= 0)).toBe(true);
  });

  it('steers a scenario: until a change point only the top actor moves among benign moves', () => {
    const sys = new System(protocol, sequencer, params, new LocalTable(), false);
    const schedule: ScheduleStep[] = Array.from({ length: 12 }, () => scheduleStep(0, 0));
    // Member 2 first; the environment and others after.
    const priorities = [1, 2, 3, 0];
    const run = runScenario(sys, schedule, { faultPercent: 0, drainSteps: 5000 }, { priorities });
    const first = run.moves[0]!;
    expect(actorOf(first, sys.n)).toBe(2);
    expect(run.violation).toBeNull();
  });
});

describe('swarm testing', () => {
  it('lists fault kinds, then input and choice event types, in a fixed order', () => {
    const sys = new System(protocol, sequencer, params, new LocalTable(), false);
    const features = swarmFeatures(sys);
    expect(features[0]).toEqual({ fault: MoveKind.Timeout });
    expect(features.slice(8)).toEqual([{ action: 'input', type: 'multicast' }]);
  });

  it('removes the disabled kinds, keeping the order of the rest', () => {
    const sys = new System(protocol, sequencer, params, new LocalTable(), false);
    const drop: Move = { kind: MoveKind.Drop, a: 0, b: 1, c: 0 };
    const crash: Move = { kind: MoveKind.Crash, a: 0, b: -1, c: 0 };
    const keep = swarmFilter(sys, 0b10)!; // Drop off
    const moves = [crash, drop, input(1, 0)];
    retain(moves, keep);
    expect(moves).toEqual([crash, input(1, 0)]);
    const noInputs = swarmFilter(sys, 1 << 8)!;
    const again = [crash, input(1, 0)];
    retain(again, noInputs);
    expect(again).toEqual([crash]);
    expect(swarmFilter(sys, 0)).toBeNull();
  });
});

describe('the random engine with a scheduler', () => {
  it('gives the same result for the same seed, and uniform is the default', () => {
    const a = runRandom(protocol, noDedup, { runs: 300, seed: 7, scheduler: 'pct', depth: 2 });
    const b = runRandom(protocol, noDedup, { runs: 300, seed: 7, scheduler: 'pct', depth: 2 });
    expect(a.ok).toBe(false);
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
    const u = runRandom(protocol, noDedup, { runs: 300, seed: 7 });
    const v = runRandom(protocol, noDedup, { runs: 300, seed: 7, scheduler: 'uniform' });
    expect(JSON.stringify(v.trace)).toBe(JSON.stringify(u.trace));
  });

  it('catches a mutant with PCT and with swarm testing, the same property broken', () => {
    for (const options of [{ scheduler: 'pct' as const, depth: 3 }, { swarm: true }]) {
      const r = runRandom(protocol, noDedup, { runs: 1000, seed: 1, ...options });
      expect(r.ok).toBe(false);
      expect(r.trace?.violation?.property).toBe(noDedup.breaks);
    }
  });

  it('never reports a violation on a correct variant', () => {
    const r = runRandom(protocol, sequencer, { runs: 200, seed: 3, scheduler: 'pct', swarm: true });
    expect(r.ok).toBe(true);
  });
});
