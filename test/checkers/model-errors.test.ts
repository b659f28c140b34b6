/**
 * A model that fails (a machine that throws, a send outside the links, a role that cannot recover)
 * is a violation of the built-in `model-error` property with a trace that replays, in every engine;
 * a model that cannot run at all (a node that cannot start) is a `ModelError`, which the CLI
 * reports in one line with exit code 4.
 */
import fs from 'node:fs';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runExhaustive, runExhaustiveAsync } from '../../checkers/exhaustive/search.ts';
import { runRandom } from '../../checkers/random.ts';
import { replay } from '../../checkers/replay.ts';
import { ModelError, MODEL_ERROR } from '../../models/kernel/model-error.ts';
import { System } from '../../models/kernel/system.ts';
import type { Payload } from '../../models/kernel/action.ts';
import type { Json, JsonObject } from '../../models/kernel/json.ts';
import type { Variant } from '../../models/kernel/protocol.ts';
import type { CheckedProperty, Observation } from '../../models/kernel/spec.ts';
import { faultyProtocol as faulty } from '../fixtures/faulty-protocol.ts';
import { cli, shrinksTo, useTempFiles } from './helpers.ts';

const variant = (name: string): Variant => faulty.variants.find((v) => v.name === name)!;
const failing = ['throws', 'stray', 'no-restart'] as const;
const why: Record<(typeof failing)[number], string> = {
  throws: 'node 1: server in "on" on Ping: RangeError: no room for a second ping',
  stray: 'node 1: server sent Pong to idle, outside the links its configuration declares',
  'no-restart': "node 1: server cannot recover: its role's recoverInput threw: lost its disk",
};
const tmp = useTempFiles();

describe('a failed step is a violation of model-error', () => {
  it('the sound variant holds in every engine (the fixture is not broken as a whole)', () => {
    const sound = variant('sound');

    expect(runRandom(faulty, sound, { runs: 200, seed: 1 }).ok).toBe(true);
    expect(runExhaustive(faulty, sound, {}).complete).toBe(true);
    expect(runExhaustive(faulty, sound, { strategy: 'dfs', por: true }).complete).toBe(true);
  });

  it.each(failing)('%s: the random engine reports it with a trace that replays', (name) => {
    const r = runRandom(faulty, variant(name), { runs: 200, seed: 1 });

    expect(r.trace?.violation).toMatchObject({ property: MODEL_ERROR, message: why[name] });
    // The run stops at the failed step: it is the trace's last action.
    expect(r.trace!.violation!.step).toBe(r.trace!.actions.length);
    const again = replay(r.trace!, new System(faulty, variant(name), r.trace!.config));
    expect(again.divergence).toBeNull();
    expect(again.violation).toMatchObject({ property: MODEL_ERROR, message: why[name] });
  });

  it.each(failing)(
    '%s: breadth-first, depth-first and --por find the shortest run, which replays',
    (name) => {
      const shortest = name === 'no-restart' ? 2 : 4;
      for (const options of [
        {},
        { strategy: 'dfs' as const },
        { strategy: 'dfs' as const, por: true },
      ]) {
        const r = runExhaustive(faulty, variant(name), options);

        expect(r.trace?.violation).toMatchObject({ property: MODEL_ERROR, message: why[name] });
        expect(r.trace!.actions).toHaveLength(shortest);
        const again = replay(r.trace!, new System(faulty, variant(name), r.trace!.config));
        expect(again.divergence).toBeNull();
        expect(again.violation).toEqual(r.trace!.violation);
      }
    },
  );

  it('two depth-first workers report it as one does', async () => {
    const r = await runExhaustiveAsync(faulty, variant('throws'), { strategy: 'dfs', workers: 2 });

    expect(r.trace?.violation).toMatchObject({ property: MODEL_ERROR, message: why.throws });
  });
});

describe('a configure that throws', () => {
  it('is a ModelError naming the parameters it threw on', () => {
    const protocol = {
      ...faulty,
      configure: (p: JsonObject) => {
        if (p['pings'] === 3) throw new Error('three pings are too many');
        return faulty.configure(p);
      },
    };

    expect(() => runRandom(protocol, variant('sound'), { runs: 100, seed: 1 })).toThrow(
      new ModelError('faulty: configure({"pings":3}) threw three pings are too many'),
    );
  });
});

describe("the model's other functions", () => {
  const boom = () => {
    throw new TypeError('not written yet');
  };

  it('bounded and scenarios that throw are ModelErrors naming them', () => {
    const sound = variant('sound');

    expect(() => runExhaustive({ ...faulty, bounded: boom }, sound, {})).toThrow(
      new ModelError('faulty: bounded(3) threw TypeError: not written yet'),
    );
    expect(() => runRandom({ ...faulty, scenarios: boom }, sound, { runs: 5, seed: 1 })).toThrow(
      new ModelError('faulty: scenarios threw TypeError: not written yet'),
    );
  });

  it('a scenarios arbitrary that throws while generating or shrinking is a ModelError', () => {
    const sound = variant('sound');
    const generating = () =>
      fc.integer({ min: 1, max: 3 }).map((pings) => {
        if (pings === 3) throw new RangeError('three pings are too many');
        return { pings };
      });
    expect(() =>
      runRandom({ ...faulty, scenarios: generating }, sound, { runs: 50, seed: 1 }),
    ).toThrow(
      new ModelError('faulty: scenarios (generating) threw RangeError: three pings are too many'),
    );
    // The `throws` mutant fails with 2 pings or more; this arbitrary makes 3 and shrinks to 1,
    // which its mapping refuses.
    const shrinking = () =>
      shrinksTo(3, 1).map((pings) => {
        if (pings < 2) throw new RangeError('one ping is too few');
        return { pings };
      });
    expect(() =>
      runRandom({ ...faulty, scenarios: shrinking }, variant('throws'), { runs: 50, seed: 1 }),
    ).toThrow(
      new ModelError('faulty: scenarios (shrinking) threw RangeError: one ping is too few'),
    );
  });
});

describe('a node that cannot start', () => {
  it('is a ModelError from every engine: there is no run to show', () => {
    const message = 'node 1 (server) cannot start: machine error: no config file';

    expect(() => runRandom(faulty, variant('no-start'), { runs: 5, seed: 1 })).toThrow(
      new ModelError(message),
    );
    expect(() => runExhaustive(faulty, variant('no-start'), {})).toThrow(new ModelError(message));
  });
});

describe('groupcheck check on a failing model', () => {
  const module = './test/fixtures/faulty-protocol.ts';

  it('a failed step: exit 1, the violation named, a trace that replay reproduces', async () => {
    const file = tmp();

    const run = await cli('check', module, '--variant', 'stray', '--trace-out', file);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('model-error violated');
    expect(run.stdout).toContain(why.stray);
    const replayed = await cli('replay', file);
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain('reproduced: model-error at step 4');
  });

  it('a node that cannot start: one line naming it, exit 4, no trace', async () => {
    const file = tmp();

    const run = await cli('check', module, '--variant', 'no-start', '--trace-out', file);
    const written = fs.existsSync(file);

    expect(run.code).toBe(4);
    expect(run.err).toEqual([
      'groupcheck: model error: node 1 (server) cannot start: machine error: no config file (GROUPCHECK_STACK=1 prints where)',
    ]);
    expect(written).toBe(false);
  });
});

describe('a property whose check throws', () => {
  /** Reads a field a `pong` does not have: throws on the first answer. */
  const read = (o: Observation) => {
    if (o.kind === 'pong') return (o['msg'] as unknown as string).length;
    return 0;
  };
  const fragile: CheckedProperty = {
    name: 'fragile',
    statement: 'reads every pong’s message',
    kind: 'safety',
    check: (history) => {
      history.forEach(read);
      return null;
    },
    monitor: {
      start: 0,
      step: (s, o) => (s as number) + read(o),
      answer: () => null,
    },
  };
  const protocol = { ...faulty, properties: [fragile] };
  const sound = variant('sound');
  const message =
    /^property fragile: its check threw TypeError: Cannot read properties of undefined/;

  it('is a model-error violation at the first answer it throws on, with a trace that replays', () => {
    const r = runRandom(protocol, sound, { runs: 200, seed: 1 });

    expect(r.trace?.violation?.property).toBe(MODEL_ERROR);
    expect(r.trace?.violation?.message).toMatch(message);
    expect(r.trace!.actions.map((a) => a.type)).toEqual(['input', 'deliver', 'deliver']);
    const again = replay(r.trace!, new System(protocol, sound, r.trace!.config));
    expect(again.violation?.message).toBe(r.trace!.violation!.message);
  });

  it('the exhaustive engine reports it from the monitor as from the check', () => {
    for (const monitors of [true, false]) {
      const r = runExhaustive(protocol, sound, { monitors });

      expect(r.trace?.violation?.message).toMatch(message);
      expect(r.trace!.actions).toHaveLength(3);
    }
  });
});

describe('--symmetry', () => {
  const boom = () => {
    throw new Error('not written yet');
  };

  it("does not hand a failed step's observation to the protocol's renaming hook", () => {
    const known = new Set(['ping', 'pong']);
    const protocol = {
      ...faulty,
      configure: (p: JsonObject) => {
        const config = faulty.configure(p);
        return {
          ...config,
          nodes: [...config.nodes, { role: 'idle', name: 'idle2', input: null }],
          links: [[1], [0], [], []],
        };
      },
      // The two idle nodes are interchangeable; the hook knows the protocol's own observations.
      symmetry: {
        classes: () => [[2, 3]],
        renameContext: (c: Json) => c,
        renameMessage: (m: Payload) => m,
        renameObservation: (o: Observation) => {
          if (!known.has(o.kind)) throw new Error(`no renaming for ${o.kind}`);
          return o;
        },
      },
    };

    const r = runExhaustive(protocol, variant('throws'), { symmetry: true });

    expect(r.trace?.violation).toMatchObject({ property: MODEL_ERROR, message: why.throws });
    // A renaming hook that throws is a ModelError naming it.
    const broken = { ...protocol, symmetry: { ...protocol.symmetry, renameContext: boom } };
    expect(() => runExhaustive(broken, variant('sound'), { symmetry: true })).toThrow(
      new ModelError('faulty: symmetry.renameContext threw not written yet'),
    );
  });
});

describe('GROUPCHECK_STACK=1', () => {
  const module = './test/fixtures/faulty-protocol.ts';
  /** Runs `body` with the variable set, as a user would for one command. */
  async function withStacks<T>(body: () => Promise<T>): Promise<T> {
    process.env['GROUPCHECK_STACK'] = '1';
    try {
      return await body();
    } finally {
      delete process.env['GROUPCHECK_STACK'];
    }
  }

  it("replay prints where a failed step threw: the line of the model's own code", async () => {
    const file = tmp();
    expect((await cli('check', module, '--variant', 'throws', '--trace-out', file)).code).toBe(1);

    const plain = await cli('replay', file);
    const run = await withStacks(() => cli('replay', file));

    expect(plain.code).toBe(1);
    expect(plain.err).toEqual(['(GROUPCHECK_STACK=1 prints where step 4 threw)']);
    expect(run.code).toBe(1);
    expect(run.err[0]).toBe('where step 4 threw:');
    expect(run.err[1]).toMatch(
      /^RangeError: no room for a second ping\n\s+at .*faulty-protocol\.ts\b/,
    );
  });

  it("a model error prints its stack and its causes', down to the model's own throw", async () => {
    const run = await withStacks(() => cli('check', module, '--variant', 'no-start'));

    expect(run.code).toBe(4);
    expect(run.err[0]).toBe(
      'groupcheck: model error: node 1 (server) cannot start: machine error: no config file',
    );
    expect(run.err.at(-1)).toMatch(
      /^caused by Error: no config file\n\s+at .*faulty-protocol\.ts\b/,
    );
  });
});
