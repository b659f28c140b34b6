import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRandom, scenarioArbitrary } from '../../../checkers/random.ts';
import { runScenario } from '../../../checkers/scenario.ts';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { historyArray } from '../../../models/kernel/observation.ts';
import { System } from '../../../models/kernel/system.ts';
import { reachedJoinerFound } from '../../../properties/key-discovery.ts';
import { replay, traceSystem } from '../../../checkers/replay.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { distance, keyOf, locationOf, proofOf, verifies } from '../../../models/freenet/keys.ts';
import { configure, connected, freenetProtocol } from '../../../models/freenet/model.ts';

const protocol = freenetProtocol as unknown as Protocol;
const correct = protocol.variants.filter((v) => v.breaks === undefined);
const mutants = protocol.variants.filter((v) => v.breaks !== undefined);
const propertyNames = protocol.properties.map((p) => p.name);

describe('freenet keys', () => {
  it('hashes a CHK from its data, a KSK and an SSK from public keys, deterministically', () => {
    expect(keyOf('chk:a')).toMatch(/^c[0-9a-f]{6}$/);
    expect(keyOf('ksk:a')).toMatch(/^k[0-9a-f]{6}$/);
    expect(keyOf('ssk:alice/a')).toMatch(/^s[0-9a-f]{6}$/);
    expect(keyOf('ssk:alice/a')).not.toBe(keyOf('ssk:bob/a'));
    expect(keyOf('ssk:alice/a')).not.toBe(keyOf('ssk:alice/b'));
    expect(keyOf('chk:a')).not.toBe(keyOf('ksk:a'));
    expect(keyOf('ksk:alpha')).toBe(keyOf('ksk:alpha'));
    expect(locationOf(0)).not.toBe(locationOf(1));
  });

  it('measures closeness as the numeric distance of the hashes', () => {
    expect(distance('000010', '000004')).toBe(12);
    expect(distance('000004', '000010')).toBe(12);
    expect(distance('c000004', 'k000010')).toBe(12);
  });

  it('verifies a CHK against its data', () => {
    expect(verifies(keyOf('chk:a'), 'a', '')).toBe(true);
    expect(verifies(keyOf('chk:a'), 'forged', '')).toBe(false);
  });

  it('verifies signed keys: the rightful signature only, on the data it signed', () => {
    for (const spec of ['ksk:alpha', 'ssk:alice/doc']) {
      const key = keyOf(spec);
      const proof = proofOf(spec, 'a');
      expect(verifies(key, 'a', proof)).toBe(true);
      expect(verifies(key, 'b', proof)).toBe(false); // tampered data
      expect(verifies(key, 'a', proofOf(spec, 'a', 'owner:mallory'))).toBe(false); // wrong key pair
      expect(verifies(key, 'a', '')).toBe(false);
      expect(verifies(key, 'a', 'x.y.z')).toBe(false); // not a key at all
      expect(verifies(keyOf('ksk:other'), 'a', proof)).toBe(false); // another key's proof
    }
    // A KSK's key pair is anyone's who knows the description: the forger's proof names its own key.
    expect(verifies(keyOf('ksk:alpha'), 'a', proofOf('ksk:alpha', 'a', 'ksk:other'))).toBe(false);
  });
});

describe('freenet protocol definition', () => {
  it('has one correct variant and five mutants, each breaking a promised property', () => {
    expect(correct.map((v) => v.name)).toEqual(['freenet']);
    expect(mutants).toHaveLength(5);
    for (const m of mutants) expect(propertyNames).toContain(m.breaks);
  });

  it('configures nodes with their neighbours and one client input per insert and request', () => {
    const config = configure({
      nodes: 3,
      edges: [
        [0, 1],
        [2, 1],
      ],
      capacity: 4,
      inserts: [{ node: 0, key: 'chk:a', data: 'a', htl: 3 }],
      requests: [{ node: 2, key: 'chk:a', htl: 3 }],
      corrupt: [1],
    });
    expect(config.network).toBe('fifo');
    expect(config.nodes[1]!.input).toEqual({
      self: 1,
      neighbours: [
        { node: 0, location: locationOf(0) },
        { node: 2, location: locationOf(2) },
      ],
      capacity: 4,
      corrupt: true,
      announce: 0,
    });
    expect(config.inputs).toEqual([
      {
        node: 0,
        event: { type: 'insert', id: 'i0', key: keyOf('chk:a'), data: 'a', proof: '', htl: 3 },
      },
      { node: 2, event: { type: 'request', id: 'r0', key: keyOf('chk:a'), htl: 3 } },
    ]);
    expect(config.faults).toEqual({ join: 0, crash: 0, leave: 0, timeout: 0 });
  });

  it('adds joining nodes outside the network, seeded off a node, with their announcement HTL', () => {
    const config = configure({
      nodes: 2,
      edges: [[0, 1]],
      capacity: 4,
      inserts: [{ node: 0, key: 'ksk:a', data: 'x', htl: 3, signer: 'owner:mallory' }],
      requests: [],
      corrupt: [],
      joins: [{ seed: 1, htl: 3 }],
      faults: { crash: 1 },
    });
    expect(config.nodes[2]).toMatchObject({ out: true, input: { self: 2, announce: 3 } });
    expect(config.nodes[2]!.input).toMatchObject({ neighbours: [{ node: 1 }] });
    expect(config.faults).toMatchObject({ join: 1, crash: 1 });
    const event = config.inputs[0]!.event as unknown as {
      key: string;
      data: string;
      proof: string;
    };
    expect(verifies(event.key, event.data, event.proof)).toBe(false);
  });

  it('accepts only connected topologies and CHKs that name their data', () => {
    expect(connected(3, [[0, 1]])).toBe(false);
    const base = { nodes: 2, edges: [[0, 1]], capacity: 2, inserts: [], requests: [], corrupt: [] };
    expect(freenetProtocol.paramsSchema.safeParse(base).success).toBe(true);
    expect(freenetProtocol.paramsSchema.safeParse({ ...base, edges: [] }).success).toBe(false);
    const bad = { ...base, inserts: [{ node: 0, key: 'chk:b', data: 'a', htl: 1 }] };
    expect(freenetProtocol.paramsSchema.safeParse(bad).success).toBe(false);
    const seed = { ...base, joins: [{ seed: 2, htl: 1 }] };
    expect(freenetProtocol.paramsSchema.safeParse(seed).success).toBe(false);
    const many = { ...base, nodes: 7, edges: [0, 1, 2, 3, 4, 5].map((i) => [i, i + 1]) };
    expect(freenetProtocol.paramsSchema.safeParse(many).success).toBe(true);
    const crowd = {
      ...many,
      joins: [
        { seed: 0, htl: 1 },
        { seed: 0, htl: 1 },
      ],
    };
    expect(freenetProtocol.paramsSchema.safeParse(crowd).success).toBe(false);
  });

  it('generates valid parameters and has a valid bounded configuration', () => {
    for (const n of [2, 3, 4, 5, 6]) {
      expect(freenetProtocol.paramsSchema.safeParse(freenetProtocol.bounded(n)).success).toBe(true);
    }
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
    }
    for (const kind of [
      'joiner-found',
      'crash',
      'leave',
      'timeout',
      'welcome',
      'reject',
      'refused',
    ])
      expect(runs.get(kind) ?? 0, kind).toBeGreaterThan(5);
    expect(runs.get('found')).toBeGreaterThan(60);
  });
});

describe.each(mutants)('mutant $name', (variant) => {
  it('is caught with the default budget, breaking its declared property', () => {
    const result = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed: 1 });
    expect(result.ok).toBe(false);
    expect(result.trace?.violation?.property).toBe(variant.breaks);
    expect(result.trace!.actions.length).toBeLessThanOrEqual(40);
  });

  it('shrinks to a short trace that replays to the same violation', () => {
    for (const seed of [1, 2, 3]) {
      const { trace } = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed });
      expect(trace).not.toBeNull();
      const replayed = replay(trace!, traceSystem(trace!));
      expect(replayed.divergence).toBeNull();
      expect(replayed.violation?.property).toBe(variant.breaks);
      expect(trace!.actions.length).toBeLessThanOrEqual(40);
    }
  });
});
