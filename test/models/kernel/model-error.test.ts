import { describe, expect, it } from 'vitest';
import {
  MODEL_ERROR,
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
