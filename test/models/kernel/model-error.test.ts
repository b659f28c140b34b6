import { describe, expect, it } from 'vitest';
import {
  guardedProperty,
  guardedSymmetry,
  MODEL_ERROR,
  modelCall,
  ModelError,
  modelErrorObservation,
  modelErrorProperty,
  thrownText,
} from '../../../models/kernel/model-error.ts';
import type { History } from '../../../models/kernel/spec.ts';
import { answerOn } from '../../../properties/monitor.ts';

const deliver = (node: number, msg: string) => ({ node, kind: 'deliver', msg });

describe('the model-error property', () => {
  const failed: History = [
    deliver(0, 'm0'),
    modelErrorObservation(2, 'server in "on" on Ping: RangeError: full'),
    deliver(1, 'm0'),
    modelErrorObservation(1, 'later'),
  ];

  it('holds on a history with no failed step', () => {
    const clean = [deliver(0, 'm0'), deliver(1, 'm0')];

    expect(modelErrorProperty.check(clean, { nodes: 3, up: [true, true, true] })).toBeNull();
    expect(answerOn(modelErrorProperty.monitor!, clean)).toBeNull();
  });

  it('fails at the first failed step, naming its node and why', () => {
    const v = modelErrorProperty.check(failed, { nodes: 3, up: [true, true, true] });

    expect(v).toEqual({
      property: MODEL_ERROR,
      message: 'node 2: server in "on" on Ping: RangeError: full',
      nodes: [2],
      messages: [],
    });
  });

  it('its monitor answers as its check does on every prefix', () => {
    for (let k = 0; k <= failed.length; k++) {
      const prefix = failed.slice(0, k);

      expect(answerOn(modelErrorProperty.monitor!, prefix)).toEqual(
        modelErrorProperty.check(prefix, { nodes: 3, up: [true, true, true] }),
      );
    }
  });

  it('is a safety property (once failed, failed on every extension)', () => {
    expect(modelErrorProperty.kind).toBe('safety');
    expect(modelErrorProperty.name).toBe(MODEL_ERROR);
  });
});

describe('thrownText', () => {
  it('gives a plain Error its message, any other class its name first, on one line', () => {
    expect(thrownText(new Error('disk\n  full'))).toBe('disk full');
    expect(thrownText(new TypeError('x is undefined'))).toBe('TypeError: x is undefined');
    expect(thrownText(new ModelError('no role r'))).toBe('no role r');
    expect(thrownText('a string')).toBe('a string');
    expect(thrownText(42)).toBe('42');
  });
});

describe('guardedProperty', () => {
  const context = { nodes: 2, up: [true, true] };
  const history: History = [deliver(0, 'm0'), { node: 1, kind: 'pong' }, deliver(1, 'm1')];
  /** Throws on a `pong`, as a property written for other observations might. */
  const fragile = (h: History) => {
    for (const o of h) if (o.kind === 'pong') (o['msg'] as unknown as string[]).push('x');
    return null;
  };
  const expected = {
    property: MODEL_ERROR,
    message: expect.stringMatching(/^property fragile: its check threw TypeError: /) as string,
    nodes: [],
    messages: [],
  };

  it('a check that throws is a model-error violation naming the property', () => {
    const p = guardedProperty({ name: 'fragile', statement: '', kind: 'safety', check: fragile });
    if (p.kind !== 'safety') throw new Error('kind changed');

    expect(p.check(history.slice(0, 1), context)).toBeNull();
    expect(p.check(history, context)).toEqual(expected);
  });

  it('a monitor that throws answers the same, and steps no further', () => {
    let steps = 0;
    const p = guardedProperty({
      name: 'fragile',
      statement: '',
      kind: 'quiescence',
      check: fragile,
      monitor: {
        start: null,
        step: (s, o) => {
          steps++;
          return fragile([o]) ?? s;
        },
        answer: () => null,
      },
    });
    if (p.kind !== 'quiescence') throw new Error('kind changed');

    expect(answerOn(p.monitor!, history, context)).toEqual(expected);
    expect(steps).toBe(2);
    expect(answerOn(p.monitor!, history.slice(0, 1), context)).toBeNull();
  });

  it('an always invariant that throws is a model-error violation', () => {
    const p = guardedProperty({
      name: 'fragile',
      statement: '',
      kind: 'always',
      check: (w) => fragile(w.nodes.map(() => ({ node: 0, kind: 'pong' }))),
    });
    if (p.kind !== 'always') throw new Error('kind changed');

    expect(p.check({ nodes: [], inFlight: () => [] })).toBeNull();
    const world = { nodes: [{ role: 'r', status: 'up' as const, value: null, context: null }] };
    expect(p.check({ ...world, inFlight: () => [] })).toEqual(expected);
  });

  it('a sometimes property whose reached throws is a ModelError (there is no verdict)', () => {
    const p = guardedProperty({
      name: 'fragile',
      statement: '',
      kind: 'sometimes',
      reached: (h) => fragile(h) !== null,
    });
    if (p.kind !== 'sometimes') throw new Error('kind changed');

    expect(() => p.reached(history, context)).toThrow(ModelError);
    expect(() => p.reached(history, context)).toThrow(/^property fragile: its check threw /);
  });
});

describe('modelCall', () => {
  it("gives the function's value, or a ModelError saying what threw (a ModelError as it is)", () => {
    const own = new ModelError('already one');

    expect(modelCall('p: bounded(3)', () => 7)).toBe(7);
    expect(() =>
      modelCall('p: bounded(3)', () => {
        throw new RangeError('too many');
      }),
    ).toThrow(new ModelError('p: bounded(3) threw RangeError: too many'));
    expect(() =>
      modelCall('p: bounded(3)', () => {
        throw own;
      }),
    ).toThrow(own);
  });
});

describe('guardedProperty on a property written as a class', () => {
  it('calls its check as a method (its `this` is the property)', () => {
    class Bounded {
      readonly name = 'bounded';
      readonly statement = 'at most `limit` observations';
      readonly kind = 'safety' as const;
      constructor(readonly limit: number) {}
      check(history: History) {
        return history.length <= this.limit
          ? null
          : { property: this.name, message: 'too long', nodes: [], messages: [] };
      }
    }
    const p = guardedProperty(new Bounded(1));
    if (p.kind !== 'safety') throw new Error('kind changed');

    expect(p.check([deliver(0, 'm0')], { nodes: 1, up: [true] })).toBeNull();
    expect(p.check([deliver(0, 'm0'), deliver(0, 'm1')], { nodes: 1, up: [true] })).toEqual({
      property: 'bounded',
      message: 'too long',
      nodes: [],
      messages: [],
    });
  });
});

describe('guardedSymmetry', () => {
  const config = { network: 'fifo' as const, nodes: [], inputs: [], faults: {} };
  const boom = () => {
    throw new Error('not yet');
  };

  it('passes each hook through, and a hook that throws is a ModelError naming it', () => {
    const s = guardedSymmetry('p', {
      classes: () => [[0, 1]],
      renameContext: boom,
      renameMessage: (m) => m,
      renameObservation: boom,
    });

    expect(s.classes(config)).toEqual([[0, 1]]);
    expect(s.renameMessage({ type: 'M' }, [1, 0], config)).toEqual({ type: 'M' });
    expect(() => s.renameContext(null, [1, 0], config)).toThrow(
      new ModelError('p: symmetry.renameContext threw not yet'),
    );
    expect(() => s.renameObservation!({ node: 0, kind: 'k' }, [1, 0], config)).toThrow(
      new ModelError('p: symmetry.renameObservation threw not yet'),
    );
  });

  it('declares no renameObservation when the symmetry has none', () => {
    const s = guardedSymmetry('p', {
      classes: () => [],
      renameContext: (c) => c,
      renameMessage: (m) => m,
    });

    expect(s.renameObservation).toBeUndefined();
  });
});
