import { beforeAll, describe, expect, it } from 'vitest';
import {
  SHIVIZ_REGEX,
  shivizEvents,
  shivizHosts,
  shivizLog,
  type ShivizEvent,
} from '../../../checkers/export/shiviz.ts';
import { execute } from '../../../checkers/replay.ts';
import { buildTrace } from '../../../checkers/trace.ts';
import type { Action } from '../../../models/kernel/action.ts';
import { System } from '../../../models/kernel/system.ts';
import type { Move } from '../../../models/kernel/world.ts';
import { mutants, totalOrder, useTempFiles, variantOf } from '../helpers.ts';
import { livelockReplay, mutantReplay, replayed, type Replayed } from './traces.ts';

const tmp = useTempFiles();

/** ShiViz's default parser expression, as a JavaScript regular expression. */
const DEFAULT = /(?<event>.*)\n(?<host>\S*) (?<clock>{.*})/g;

/** Parses a log as ShiViz does: the expression on line 1, the delimiter on line 2, then events. */
function parse(log: string): { event: string; host: string; clock: Record<string, number> }[] {
  const [regex, delimiter, ...rest] = log.split('\n');
  expect(regex).toBe(SHIVIZ_REGEX);
  expect(delimiter).toBe('');
  return [...rest.join('\n').matchAll(DEFAULT)].map((m) => ({
    event: m.groups!['event']!,
    host: m.groups!['host']!,
    clock: JSON.parse(m.groups!['clock']!) as Record<string, number>,
  }));
}

/** `a` happened before `b`: every entry of `a` at most `b`'s, and they differ. */
function before(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const le = [...keys].every((k) => (a[k] ?? 0) <= (b[k] ?? 0));
  return le && [...keys].some((k) => (a[k] ?? 0) < (b[k] ?? 0));
}

/** Asserts the log parses back to the events and that the clocks are consistent. */
function expectConsistent({ trace, run }: Replayed): ShivizEvent[] {
  const events = shivizEvents(trace, run);
  const parsed = parse(shivizLog(events));
  expect(parsed).toEqual(events.map((e) => ({ event: e.text, host: e.host, clock: e.clock })));
  // Each host's own entry counts its events 1, 2, 3…; its clocks only grow.
  const last = new Map<string, Record<string, number>>();
  for (const e of parsed) {
    const previous = last.get(e.host) ?? {};
    expect(e.clock[e.host]).toBe((previous[e.host] ?? 0) + 1);
    expect(before(previous, e.clock)).toBe(true);
    last.set(e.host, e.clock);
  }
  // Every delivery is a receive whose clock follows the send's.
  const deliveries = trace.actions.flatMap((a, i) =>
    a.type === 'deliver' ? [{ a, step: i + 1 }] : [],
  );
  for (const { a, step } of deliveries) {
    const receive = events.find((e) => e.step === step && e.node === a.to)!;
    expect(receive.cause, `step ${step}`).not.toBeNull();
    const send = events[receive.cause!]!;
    expect(send.node).toBe(a.from);
    expect(send.step).toBeLessThan(step);
    expect(before(send.clock, receive.clock)).toBe(true);
  }
  return events;
}

/** A total-order run that takes a fault (duplicate, drop, timeout) every third step. */
function faultyRun(): Replayed {
  const params = { members: 3, multicasts: [1, 1, 0], drops: 1, duplicates: 2, timeouts: 2 };
  const sys = new System(totalOrder, variantOf('sequencer'), params);
  const actions: Action[] = [];
  const benign: Move[] = [];
  const faults: Move[] = [];
  let w = sys.initial();
  for (let i = 0; i < 60; i++) {
    sys.enabled(w, benign, faults);
    const move = i % 3 === 2 && faults.length > 0 ? faults[i % faults.length]! : benign[0];
    if (move === undefined) break;
    actions.push(sys.toAction(move));
    w = sys.apply(w, move);
  }
  const run = execute(sys, actions);
  return replayed(buildTrace(sys, 'random', null, actions, run.worlds, null));
}

const traces = new Map<string, Replayed>();
beforeAll(async () => {
  for (const { name } of mutants) traces.set(name, await mutantReplay(name, tmp()));
});

describe('ShiViz export', () => {
  it.each(mutants)("$name's counterexample parses with ShiViz's default expression", ({ name }) => {
    const replay = traces.get(name)!;
    const events = expectConsistent(replay);
    const step = replay.trace.violation!.step;
    expect(events.filter((e) => e.step === step).some((e) => e.text.includes('✗'))).toBe(true);
  });

  it('a run with duplicates, drops and timeouts keeps its clocks consistent', () => {
    const replay = faultyRun();
    const types = new Set(replay.trace.actions.map((a) => a.type));
    expect([...types]).toEqual(expect.arrayContaining(['duplicate', 'drop', 'deliver']));
    expectConsistent(replay);
  });

  it("a livelock's loop is marked on its steps' events", () => {
    const replay = livelockReplay('forever');
    const events = expectConsistent(replay);
    const { loop, step } = replay.trace.violation!;
    for (const e of events)
      expect(e.text.startsWith('↻')).toBe(e.step > loop!.from && e.step <= step);
  });

  it('event lines are single lines even when names and payloads are not', () => {
    const replay = traces.get('sequencer-no-seqcheck')!;
    const trace = { ...replay.trace, nodes: ['a b\nc', 'a_b_c'] };
    const events = shivizEvents(trace, replay.run);
    expect(new Set(events.map((e) => e.host))).toEqual(new Set(['a_b_c', 'a_b_c#1']));
    expectConsistent({ trace, run: replay.run });
  });
});

describe('shivizHosts', () => {
  it('replaces whitespace, names the unnamed and keeps hosts apart', () => {
    expect(shivizHosts(['p 0', '', 'p_0', 'x\u2028y'])).toEqual(['p_0', 'n1', 'p_0#2', 'x_y']);
  });
});
