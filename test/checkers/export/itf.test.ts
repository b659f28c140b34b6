import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ITF_VARS, itfText, itfValue, toItf, type ItfTrace } from '../../../checkers/export/itf.ts';
import { useTempFiles } from '../helpers.ts';
import { cleanReplay, livelockReplay, mutantReplay, type Replayed } from './traces.ts';

const tmp = useTempFiles();
const schema: object = JSON.parse(
  fs.readFileSync(new URL('./itf.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Asserts that `itf` is valid ITF: the schema, and every state sets every variable. */
function expectValidItf(itf: ItfTrace): void {
  const data: unknown = JSON.parse(itfText(itf));
  expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  for (const state of itf.states) {
    expect(Object.keys(state).filter((k) => k !== '#meta')).toEqual([...itf.vars]);
  }
}

let mutant: Replayed;
beforeAll(async () => {
  mutant = await mutantReplay('sequencer-no-seqcheck', tmp());
});

describe('ITF export', () => {
  it('the schema catches what ITF forbids (the validator is not vacuous)', () => {
    expect(validate({ vars: ['x'], states: [{ x: { '#bigint': 12 } }] })).toBe(false);
    expect(validate({ vars: ['x'], states: [{ x: null }] })).toBe(false);
    expect(validate({ vars: ['x'], states: [{ x: { '#map': [[1]] } }] })).toBe(false);
    expect(validate({ vars: ['x'], states: [{ x: { '#weird': 1 } }] })).toBe(false);
    expect(validate({ states: [] })).toBe(false);
  });

  it("a mutant's counterexample: one state per world, valid against the schema", () => {
    const { trace, run } = mutant;
    const itf = toItf(trace, run, 'trace.json');
    expectValidItf(itf);
    expect(itf.vars).toEqual(ITF_VARS);
    expect(itf.states).toHaveLength(trace.actions.length + 1);
    expect(itf.states.map((s) => (s['#meta'] as { index: number }).index)).toEqual(
      itf.states.map((_, i) => i),
    );
    expect(itf.states[0]!['action']).toEqual({ type: 'init' });
    expect(itf['#meta']).toMatchObject({
      format: 'ITF',
      source: 'trace.json',
      protocol: 'total-order',
      status: 'violation',
      violation: { property: 'total-order', step: trace.violation!.step },
    });
    const last = itf.states[trace.violation!.step]!;
    expect(last['#meta']).toMatchObject({ violation: 'total-order' });
    expect(itf.loop).toBeUndefined();
  });

  it("states hold each node's xstate value and context, the messages in flight and the observations", () => {
    const { trace, run } = mutant;
    const itf = toItf(trace, run);
    const first = itf.states[1]!;
    const action = trace.actions[0]!;
    expect(first['action']).toMatchObject({ type: action.type });
    const nodes = (first['nodes'] as { '#map': [string, Record<string, unknown>][] })['#map'];
    expect(nodes.map(([name]) => name)).toEqual(trace.nodes);
    const view = run.system.worldView(run.worlds[1]!);
    expect(nodes[0]![1]).toEqual({
      role: view.nodes[0]!.role,
      status: 'up',
      value: itfValue(view.nodes[0]!.value),
      context: itfValue(view.nodes[0]!.context),
    });
    const inFlight = (first['inFlight'] as { '#map': unknown[] })['#map'];
    expect(inFlight.length).toBeGreaterThan(0);
    const end = itf.states.at(-1)!['observations'] as unknown[];
    expect(end.length).toBe(run.worlds.at(-1)!.history!.length);
  });

  it('a clean run is valid ITF with status ok', () => {
    const { trace, run } = cleanReplay();
    const itf = toItf(trace, run);
    expectValidItf(itf);
    expect(itf['#meta']).toMatchObject({ status: 'ok', violation: null });
  });

  it("a livelock whose world comes back sets ITF's loop to the state it returns to", () => {
    const { trace, run } = livelockReplay('forever');
    const itf = toItf(trace, run);
    expectValidItf(itf);
    expect(itf.loop).toBe(trace.violation!.loop!.from);
    const looping = itf.states.filter((s) => (s['#meta'] as { loop?: boolean }).loop === true);
    expect(looping).toHaveLength(trace.violation!.step - trace.violation!.loop!.from);
  });

  it('a pattern livelock marks its steps but sets no loop (no world comes back)', () => {
    const { trace, run } = livelockReplay('counting');
    const itf = toItf(trace, run);
    expectValidItf(itf);
    expect(itf.loop).toBeUndefined();
    expect(itf.states.some((s) => (s['#meta'] as { loop?: boolean }).loop === true)).toBe(true);
  });
});

describe('itfValue', () => {
  it('writes integers as #bigint, other numbers and null as #unserializable', () => {
    expect(itfValue(3)).toEqual({ '#bigint': '3' });
    expect(itfValue(-7)).toEqual({ '#bigint': '-7' });
    expect(itfValue(2 ** 60)).toEqual({ '#bigint': '1152921504606846976' });
    expect(itfValue(1.5)).toEqual({ '#unserializable': '1.5' });
    expect(itfValue(null)).toEqual({ '#unserializable': 'null' });
  });

  it('writes objects as records, unless a key is reserved: then as a #map', () => {
    expect(itfValue({ a: [1, 'x', true] })).toEqual({ a: [{ '#bigint': '1' }, 'x', true] });
    expect(itfValue({ '#set': 1 })).toEqual({ '#map': [['#set', { '#bigint': '1' }]] });
    expect(itfValue({ tag: 'x', value: 2 })).toEqual({
      '#map': [
        ['tag', 'x'],
        ['value', { '#bigint': '2' }],
      ],
    });
    expect(
      validate({ vars: ['x'], states: [{ x: itfValue({ '#a': null, b: { c: 0.5 } }) }] }),
    ).toBe(true);
  });
});
